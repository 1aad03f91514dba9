"""``prooflane plan``: the career worksheet's answers turned into PLAN.md, a 30/60/90-day plan for one role.

The answers are the person's; the structure and the suggestions drawn from the catalog are prooflane's,
and PLAN.md says so. Drafted sentences (positioning, resume bullets) carry FILL markers where only the
person can supply the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import __version__, catalog
from scaffolder.career import data
from scaffolder.exceptions import InvalidAnswerError, OutputNotWritableError, TargetExistsError
from scaffolder.markers import fill

PLAN_NAME = "PLAN.md"
MAX_TEXT = 300


@dataclass
class PlanAnswers:
    """The worksheet's nine answers (validated)."""

    background: str
    lane: str
    role: str
    next_skill: str
    project: str
    avoid: list[str] = field(default_factory=list)
    day30: str = ""
    day60: str = ""
    day90: str = ""
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _clean(label: str, value: str | None) -> str:
    text = " ".join(str(value or "").split())
    if len(text) > MAX_TEXT:
        raise InvalidAnswerError(f"The {label} is {len(text):,} characters long; keep it to {MAX_TEXT} or fewer.")
    return text


def default_role(background: str, lane: str | None = None) -> catalog.Role:
    """The best-fitting role for a background (within a lane when one is given)."""
    from scaffolder.api import recommend

    ranked = [r.role for r in recommend(background)]
    if lane:
        in_lane = [r for r in ranked if r.lane == lane]
        if in_lane:
            return in_lane[0]
        others = [r for r in catalog.load().roles if r.lane == lane]
        if others:
            return others[0]
    return ranked[0]


def resolve(background: str, *, lane: str | None = None, role: str | None = None, next_skill: str | None = None,
            project: str | None = None, avoid: list[str] | None = None, day30: str | None = None,
            day60: str | None = None, day90: str | None = None, name: str | None = None) -> PlanAnswers:
    """Validate the answers against the catalog and fill what was not given with its suggestions."""
    cat = catalog.load()
    bg = cat.background(background)
    lanes = {lane_.id for lane_ in cat.lanes}
    if lane is not None and catalog.normalise_id(lane) not in lanes:
        raise InvalidAnswerError(f"'{lane[:40]}' is not a lane; choose one of: {', '.join(sorted(lanes))}.")
    lane_id = catalog.normalise_id(lane) if lane else None
    chosen = cat.role(role) if role else default_role(bg.id, lane_id)
    if lane_id and chosen.lane != lane_id:
        raise InvalidAnswerError(f"{chosen.title} is in the {chosen.lane} lane, not {lane_id}; pick a role of that "
                                 f"lane or drop --lane.")
    skill = _clean("next skill", next_skill) or chosen.next_skills[0]
    kinds = (chosen.project_kind, *chosen.alternate_kinds)
    if project:
        kind = cat.kind(project)
        if kind.id not in kinds:
            raise InvalidAnswerError(f"The {kind.id} project does not suit {chosen.title}; choose one of: "
                                     f"{', '.join(kinds)}.")
    else:
        kind = next((cat.kind(k) for k in kinds if cat.kind(k).built), cat.kind(chosen.project_kind))
    return PlanAnswers(
        background=bg.id, lane=chosen.lane, role=chosen.id, next_skill=skill, project=kind.id,
        avoid=[_clean("avoid item", a) for a in (avoid or []) if str(a).strip()] or list(data.raw()["avoid"]),
        day30=_clean("30-day action", day30), day60=_clean("60-day action", day60),
        day90=_clean("90-day action", day90), name=_clean("name", name),
    )


def _lower(title: str) -> str:
    """A title in running text: first letter lowered unless it starts an acronym (AI, SQL)."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def _a(phrase: str) -> str:
    """The phrase with "a" or "an" in front."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _weeks(answers: PlanAnswers) -> dict[str, list[str]]:
    cat = catalog.load()
    role = cat.role(answers.role)
    kind = cat.kind(answers.project)
    skills = [answers.next_skill, *[s for s in role.next_skills if s != answers.next_skill]]
    keywords = ", ".join(f"\"{k}\"" for k in role.keywords[:5])
    basics = data.raw()["lane_skills"].get(role.lane, ["AI literacy"])
    new_cmd = f"prooflane new {role.id}" + ("" if kind.id == role.project_kind else f"  (or: prooflane new {kind.id})")
    return {
        "Days 1-30: the foundation": [
            f"Week 1: learn the basics this lane relies on ({', '.join(basics)}), and the common AI risks: "
            "hallucination, bias, privacy, overconfidence, weak evaluation, misuse.",
            f"Week 2: find 5-10 real {role.title} postings (search for {keywords}). Save each as a text file and "
            "run `prooflane posting FILE --background " + answers.background + "` on it.",
            "Week 3: for every posting, note the workflow, the data it touches, who reviews AI output, how success "
            "is measured and the employment type; list the skills that repeat.",
            f"Week 4: study the workflow behind the role and start on the next skill: {skills[0]}. "
            "Write your target path in one sentence.",
        ],
        "Days 31-60: one proof project": [
            f"Week 5: make the project: `{new_cmd}`. Read its README and worked example before changing anything.",
            f"Week 6: do the judgement work it asks for (`prooflane status` lists every place); build {skills[0]} "
            "into it.",
            f"Week 7: add one piece that is yours alone, using {skills[1] if len(skills) > 1 else skills[0]}; "
            "ask someone from the lane to read it.",
            "Week 8: run `prooflane check` and fix every finding; write the limitations section in your own words.",
        ],
        "Days 61-90: positioning and applications": [
            "Week 9: publish the project (its README's \"Share it\" section has the steps) and rewrite the "
            "positioning statement below until it sounds like you.",
            "Week 10: update your resume with the bullets below, each with a real number from your project.",
            "Week 11: apply to the postings from week 2 that showed green flags; prepare the questions "
            "`prooflane posting` listed for each.",
            "Week 12: review what interviewers asked; pick the next skill and a second project if the lane still fits.",
        ],
    }


def render(answers: PlanAnswers) -> str:
    """The text of PLAN.md."""
    cat = catalog.load()
    role = cat.role(answers.role)
    bg = cat.background(answers.background)
    kind = cat.kind(answers.project)
    lane = next(lane_ for lane_ in cat.lanes if lane_.id == role.lane)
    bridge = data.raw()["bridges"][bg.id]
    fit = role.fit.get(bg.id, 0)
    who = (answers.name + ("'" if answers.name.endswith("s") else "'s")) if answers.name else "Your"
    lines = [
        f"# Career plan: {role.title}",
        "",
        f"*{who} plan: the answers are {'theirs' if answers.name else 'yours'}; the structure and the suggestions drawn from the catalog were "
        f"written by prooflane {__version__}. Rewrite anything that does not sound like you, and replace every "
        "FILL marker with your own facts.*",
        "",
        "## The worksheet",
        "",
        "| Question | Answer |",
        "|---|---|",
        f"| Strongest background | {bg.label} |",
        f"| Lane | {lane.label} |",
        f"| Role family, first | {role.title} |",
        f"| Skill needed next | {answers.next_skill} |",
        f"| Safe portfolio project | {kind.title} (`{kind.id}`), synthetic data only |",
        f"| What the project avoids | {'; '.join(answers.avoid)} |",
        f"| 30-day action | {answers.day30 or 'Learn the basics and study 5-10 job postings'} |",
        f"| 60-day action | {answers.day60 or 'Build the proof project'} |",
        f"| 90-day action | {answers.day90 or 'Update the resume and portfolio, and apply'} |",
        "",
        "## Why this role fits",
        "",
        f"{role.title}: {role.summary} It suits {role.best_background.lower()}; the catalog rates "
        f"{_a(bg.label.lower())} background {fit}/3 for it" + (" (a stretch: plan extra time for the basics)." if fit < 2
                                                           else "."),
        f"Coding: {role.coding_level}; healthcare knowledge: {role.healthcare_knowledge}. What "
        f"{_a(bg.label.lower())} background brings: {', '.join(bridge['strengths'])}.",
        "",
        "## 30/60/90 days",
    ]
    for phase, weeks in _weeks(answers).items():
        lines += ["", f"### {phase}", ""]
        lines += [f"- {w}" for w in weeks]
        custom = {"Days 1-30": answers.day30, "Days 31-60": answers.day60, "Days 61-90": answers.day90}
        own = next((v for k, v in custom.items() if phase.startswith(k)), "")
        if own:
            lines.append(f"- Your own action: {own}")
    lines += [
        "",
        "## Positioning statement (draft)",
        "",
        "A plain claim that the proof project supports; never \"AI expert\". The catalog's example for the role:",
        "",
        f"> {role.positioning}",
        "",
        f"Your version, tied to your {bridge['past_work']}: "
        + fill(f"one sentence: who you help, with what, and the proof (your {_lower(kind.title)})"),
        "",
        "## Resume bullets (drafts)",
        "",
        f"- Built {_a(_lower(kind.title))} on synthetic data for the {role.title} role: {kind.summary[0].lower()}"
        f"{kind.summary[1:].rstrip('.')}; " + fill("the result, with one number from your project"),
        f"- Applied {bridge['strengths'][0]} from {bridge['past_work']} to {answers.next_skill.lower()}: "
        + fill("what you did and for whom"),
        "- Reviewed the work for privacy and safety before publishing (no patient data, no diagnostic claims; "
        "checked with prooflane check): " + fill("what you changed after the check, if anything"),
        "",
        "## What to avoid",
        "",
    ]
    lines += [f"- {a[0].upper()}{a[1:]}" for a in answers.avoid]
    lines += ["", f"Next step: `prooflane new {role.id}`", ""]
    return "\n".join(lines)


def write_plan(answers: PlanAnswers, output: Path, *, force: bool = False) -> Path:
    """Write PLAN.md (or ``output``) atomically; never replace an existing file without ``force``."""
    target = Path(output)
    if target.is_dir():
        target = target / PLAN_NAME
    if target.exists() and not force:
        raise TargetExistsError(f"{target} already exists; choose another file with -o, or add --force to replace it.")
    tmp = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(render(answers), encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise OutputNotWritableError(f"Cannot write {target} ({exc.strerror or exc}); choose a folder you can write to.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target
