"""Write the worked example's figures and story from the data: the README summary and examples/worked-memo.md.

Both are generated blocks (see blocks.py): every number in them is computed here from data/*.csv and
plan/*.yaml, and the story follows the decision the criteria give, so another seed, another data
file or another threshold gives other text. A block edited by hand is never overwritten.

Usage: ``python scripts/worked.py`` refreshes both; ``--check`` only reports whether they are up to date.
``scripts/report.py`` runs this too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import blocks
import pilot
import validate
from pilot import Decision, Pilot, pct

README_HOW = "computed from data/ and plan/; run: make report"
MEMO_HOW = "computed from data/ and plan/; run: make report"
OUTCOME_WORDS = {"go": "GO", "extend pilot": "EXTEND THE PILOT", "no-go": "NO-GO"}


def _plural(n: float, one: str, many: str | None = None) -> str:
    n = int(n)
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _days(first: int, last: int) -> str:
    return f"day {first}" if first == last else f"days {first}-{last}"


def story(data: Pilot, config: dict[str, Any], info: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every fact the worked texts quote, computed from the data and the criteria."""
    metrics = pilot.compute_metrics(data)
    decision = pilot.evaluate(config, metrics)
    by_role = pilot.training_by_role(data)
    low_role = min(by_role, key=lambda r: (pilot.rate(*by_role[r]), r))
    breach = pilot.stop_rule_breach(data.reports)
    windows = pilot.stop_rule_windows(data.reports)
    first_wave, last_wave = pilot.waves(data.survey)[0], pilot.waves(data.survey)[-1]
    return {
        "metrics": metrics,
        "decision": decision,
        "info": info or {},
        "staff": len(data.roster),
        "finished": sum(d for d, _ in by_role.values()),
        "by_role": by_role,
        "low_role": low_role,
        "breach": breach,
        "paused": pilot.paused_after(data.daily, breach["last_day"]) if breach else None,
        "top_window": windows[0] if windows else None,
        "overdue": pilot.overdue_peak(data.daily),
        "unapproved": pilot.unapproved_versions(data.daily),
        "signed": pilot.signed_note_errors(data.reports),
        "worst": pilot.worst_version(data.daily),
        "versions": pilot.by_version(data.daily),
        "reports_total": len(data.reports),
        "first_wave": first_wave,
        "last_wave": last_wave,
        "concern": (pilot.agree_share(data.survey, "q_safety_concern", first_wave),
                    pilot.agree_share(data.survey, "q_safety_concern", last_wave)),
        "trust": (pilot.agree_share(data.survey, "q_trust", first_wave),
                  pilot.agree_share(data.survey, "q_trust", last_wave)),
        "days": data.daily[-1]["day"],
    }


def criteria_rows(decision: Decision) -> list[list[str]]:
    """Criterion, needed, this pilot's value, result: one row per criterion."""
    rows = []
    for r in decision.results:
        status = "met" if r.passed else ("**MISSED: no-go**" if r.criterion["level"] == "must" else "missed: extend")
        rows.append([r.criterion["label"], r.needed(), r.shown(), status])
    return rows


def _table(headers: list[str], rows: list[list[str]]) -> str:
    from plan_views import cell

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _counts(s: dict[str, Any]) -> tuple[int, int, int, int]:
    results = s["decision"].results
    musts = [r for r in results if r.criterion["level"] == "must"]
    return (len(results) - len(s["decision"].failed), len(results),
            sum(1 for r in musts if not r.passed), len(musts))


def safety_sentences(s: dict[str, Any]) -> list[str]:
    """What happened on the safety side, in the order a reviewer needs it (third person, from the data)."""
    out = []
    for v in s["unapproved"]:
        out.append(f"Version {v['version']} was live on {_days(v['first_day'], v['last_day'])} "
                   f"({_plural(v['days'], 'day')}) without change-control approval.")
    worst = s["worst"]
    unapproved = {u["version"] for u in s["unapproved"]}
    for i, v in enumerate(s["versions"][1:], start=1):
        if v["version"] not in unapproved and (worst is None or v["version"] != worst["version"]) and not (
                worst is not None and v["first_day"] > worst["first_day"]):
            before = s["versions"][i - 1]
            out.append(f"Version {v['version']} went live on day {v['first_day']} after change-control approval; "
                       f"{pct(v['heavy_rate'])} of its drafts needed heavy edits, against {pct(before['heavy_rate'])} "
                       f"under version {before['version']}.")
    if worst is not None:
        out.append(f"While version {worst['version']} was live ({_days(worst['first_day'], worst['last_day'])}) "
                   f"{pct(worst['heavy_rate'])} of drafts needed heavy edits, against {pct(worst['before']['heavy_rate'])} "
                   f"in the seven days before, and {_plural(worst['safety_reports'], 'safety report')} "
                   f"{'was' if worst['safety_reports'] == 1 else 'were'} filed.")
    breach = s["breach"]
    if breach:
        text = (f"The stop rule fired on day {breach['last_day']}: {breach['count']} reports of one error type "
                f"({breach['error_type']}) arrived on {_days(breach['first_day'], breach['last_day'])}, and the rule "
                f"pauses the pilot at {pilot.STOP_RULE_REPORTS} within {pilot.STOP_RULE_DAYS} days.")
        if s["paused"]:
            text += " Drafts were switched off within two days, as the plan requires."
        else:
            text += (" Drafts kept being generated on the days after: the pilot was not paused, although its own "
                     "rule required it.")
        out.append(text)
    else:
        top = s["top_window"]
        most = top["count"] if top else 0
        out.append(f"The stop rule held: at most {_plural(most, 'report')} of one error type arrived within "
                   f"{pilot.STOP_RULE_DAYS} days (it fires at {pilot.STOP_RULE_REPORTS}).")
    over = s["overdue"]
    if over["count"]:
        cleared = f", and none were overdue again from day {over['cleared']}" if over["cleared"] else ""
        out.append(f"Reports open past the {pilot.TRIAGE_LIMIT_DAYS}-day triage limit peaked at {over['count']} on "
                   f"day {over['day']} ({_plural(len(over['days']), 'day')} with an overdue report{cleared}).")
    else:
        out.append(f"No report waited past the {pilot.TRIAGE_LIMIT_DAYS}-day triage limit on any day "
                   f"({_plural(s['reports_total'], 'report')} in all).")
    for r in s["signed"]:
        out.append(f"The {r['found_by']} found a signed note with an uncorrected error ({r['error_type']}), "
                   f"reported on day {r['day_reported']}.")
    return out


def training_sentence(s: dict[str, Any]) -> str:
    """Training completion overall and in the lowest role."""
    done, total = s["by_role"][s["low_role"]]
    return (f"{s['finished']} of {s['staff']} staff ({pct(s['metrics']['training_complete_share'])}) finished all four "
            f"modules; the lowest role was {s['low_role']}, {done} of {total} ({pct(pilot.rate(done, total))}).")


def survey_sentence(s: dict[str, Any]) -> str:
    """The survey as context (not a criterion)."""
    m = s["metrics"]
    return (f"In the close survey {pct(m['survey_time_saved_agree_final_wave'])} agreed the drafts save them time and "
            f"trust in the drafts was {pct(s['trust'][1])} (against {pct(s['trust'][0])} at the pulse). "
            f"{pct(s['concern'][1])} said they had seen a draft that could have caused harm if signed unchanged "
            f"({pct(s['concern'][0])} at the pulse): that item is read as context, not as a criterion, because a high "
            "value can also mean staff are checking carefully; the sample review of signed notes is the safety measure.")


def readme_summary(s: dict[str, Any]) -> str:
    """The README's "worked example in one minute" figures and story."""
    met, total, must_missed, musts = _counts(s)
    outcome = s["decision"].outcome
    info = s["info"]
    headline = {
        "no-go": f"{must_missed} of the {musts} must criteria {'was' if must_missed == 1 else 'were'} missed, so the "
                 "criteria give no-go: pause, fix and decide again.",
        "extend pilot": "Every must criterion held and at least one target was missed, so the criteria give an "
                        "extension at the same scale.",
        "go": "Every criterion was met, so the criteria give go: expand as planned, with the monitoring kept.",
    }[outcome]
    parts = [
        (f"**The pilot.** {s['staff']} clinicians in {len(info.get('sites', [])) or 'three'} fictional clinics use "
        f"{info.get('tool', 'a fictional documentation assistant')} for {s['days']} days: it drafts visit-note "
        "summaries for the clinician to check, edit and sign."),
        (f"**What the criteria give on this project's data: {OUTCOME_WORDS[outcome]}.** {met} of {total} criteria "
        f"met. {headline}"),
        _table(["Criterion (agreed before day 1)", "Needed", "This pilot", "Result"], criteria_rows(s["decision"])),
        "**What the data shows.** " + " ".join(safety_sentences(s)) + " " + training_sentence(s),
        survey_sentence(s),
        ("The [worked memo](examples/worked-memo.md) shows one way to reason from these figures to a recommendation; "
        "the [decision memo](decision-memo.md) is where the author writes their own."),
    ]
    return "\n\n".join(parts)


def _owner(c: dict[str, Any], titles: dict[str, str]) -> str:
    return titles.get(str(c.get("owner", "")), "Implementation lead")


def memo_body(s: dict[str, Any], titles: dict[str, str],
              pause_by: tuple[str, str] = ("the quality lead", "the clinical sponsor")) -> str:
    """The worked decision memo (third person): recommendation, reasons, alternatives, actions, risks."""
    met, total, must_missed, musts = _counts(s)
    decision = s["decision"]
    outcome = decision.outcome
    failed_musts = [r for r in decision.failed if r.criterion["level"] == "must"]
    failed_targets = [r for r in decision.failed if r.criterion["level"] == "target"]
    out = [(f"**To:** Clinical sponsor · **From:** the implementation lead of this worked example · **When:** day "
           f"{s['days']} of {s['days']} · **Evidence:** [reports/adoption-report.md](../reports/adoption-report.md) "
           "(run `make report`), criteria in [plan/go-no-go.yaml](../plan/go-no-go.yaml)"), "## Recommendation"]
    if outcome == "no-go":
        out.append(f"**No-go: pause the pilot.** The example recommends switching drafts off at every pilot clinic, "
                   "fixing the cause with the vendor, and deciding again only when every must criterion can be met. "
                   f"{must_missed} of the {musts} must criteria {'was' if must_missed == 1 else 'were'} missed; "
                   f"{met} of {total} criteria were met in all.")
    elif outcome == "extend pilot":
        out.append(f"**Extend the pilot by 14 days at the same clinics, with the same staff; add no clinic yet.** "
                   f"Every must criterion held; {_plural(len(failed_targets), 'target')} "
                   f"{'was' if len(failed_targets) == 1 else 'were'} missed, each with a response agreed before day 1.")
    else:
        out.append(f"**Go: expand to the next clinics as planned, keeping the version freeze, the sample review and "
                   f"the stop rule.** All {total} criteria were met.")
    out.append("## Why")
    reasons = [f"**{r.criterion['label']}:** {r.shown()} (needed {r.needed()})." for r in decision.failed]
    out.append("\n".join(f"{i}. {text}" for i, text in enumerate(reasons, start=1)) if reasons else
               "Every criterion agreed before day 1 was met on the data.")
    out.append(" ".join(safety_sentences(s)))
    if s["breach"] and not s["paused"]:
        responsible, accountable = pause_by
        out.append("The example names this a governance failure, not a footnote: the rule existed, the data showed "
                   f"the breach as it happened, and the people the RACI table makes Responsible ({responsible}) and "
                   f"Accountable ({accountable}) for a pause did not act on it. Whatever the other figures say, "
                   "carrying on after the stop rule fired is not an option the plan allows.")
    if any(v["version"] != s["versions"][0]["version"] for v in s["versions"]) and s["unapproved"]:
        later = [v for v in s["versions"] if v["version"] not in {u["version"] for u in s["unapproved"]}][1:]
        if later:
            out.append(f"The fix, version {later[-1]['version']} on day {later[-1]['first_day']}, was recorded as "
                       "approved after an emergency re-test; the plan's five working days' notice could not apply. "
                       "The example adds a written emergency-change route to the plan rather than calling the "
                       "hotfix compliant.")
    out.append(training_sentence(s) + " " + survey_sentence(s))
    out.append("## Why not the other options")
    if outcome == "no-go":
        out.append("- **Not extend:** an extension keeps drafts running while a must criterion is unmet; the plan "
                   "allows that only for missed targets.\n- **Not go:** adding clinics would carry an unfixed cause "
                   "into new teams.")
    elif outcome == "extend pilot":
        held = "; ".join(f"{r.criterion['label']}: {r.shown()}" for r in decision.results
                         if r.criterion["level"] == "must")
        out.append("- **Not go:** the missed targets above would be carried into new teams.\n"
                   f"- **Not no-go:** every must criterion held over the whole pilot ({held}).")
    else:
        out.append("- **Not extend:** no criterion was missed; extending would only delay the next clinics.\n"
                   "- **Not no-go:** every must criterion held over the whole pilot.")
    out.append("## Actions")
    rows = [[r.criterion.get("if_missed", ""), _owner(r.criterion, titles),
             "Re-checked with the same criteria" if r.criterion["level"] == "target" else "Cause fixed and re-tested"]
            for r in failed_musts + failed_targets]
    if outcome == "go":
        rows = [["Keep the version freeze and change control for the next clinics", titles.get("it-ehr", "IT"),
                 "Written into the vendor terms"],
                ["Train the next clinics' staff with the same access gate", titles.get("educator", "Educator"),
                 "M1 and M2 done before access"],
                ["Keep the weekly sample review of signed notes", titles.get("champion", "Champion"),
                 "No uncorrected error for four weeks"]]
    out.append(_table(["Action", "Owner", "Done when"], rows))
    if outcome != "go":
        out.append("**Deciding again:** the same criteria, unchanged; moving a threshold after the data is in would "
                   "make the pilot meaningless.")
    out.append("## Risks accepted")
    risks = {
        "no-go": ["Staff who had started to rely on the drafts go back to writing notes unaided for a while.",
                  ("Trust in the tool may not return after a restart; the restart plan starts by asking staff what "
                  "would rebuild it.")],
        "extend pilot": ["Survey fatigue: a third survey in six weeks; it stays short.",
                         ("The survey records what staff saw, not how many signed notes were wrong; the weekly sample "
                         "review stays the check on signed notes.")],
        "go": ["New clinics may not repeat the pilot's results; the same criteria are re-checked at each of them.",
               "Monitoring gets harder as numbers grow; the stop rule and the triage limit stay as they are."],
    }[outcome]
    out.append("\n".join(f"- {r}" for r in risks))
    return "\n\n".join(out)


def stakeholder_titles(plan_dir: Path) -> dict[str, str]:
    """Stakeholder id -> title."""
    data = pilot.read_yaml(plan_dir / "stakeholders.yaml") or {}
    return {p["id"]: p["title"] for p in data.get("stakeholders", [])}


def pause_roles(plan_dir: Path) -> tuple[str, str]:
    """(Responsible, Accountable) for the RACI activity 'pause' (the stop rule), as titles."""
    data = pilot.read_yaml(plan_dir / "stakeholders.yaml") or {}
    titles = {p["id"]: p["title"] for p in data.get("stakeholders", [])}
    raci = next((a.get("raci", {}) for a in data.get("activities", []) if a.get("id") == "pause"), {})
    responsible = ", ".join(titles.get(w, w) for w, letter in raci.items() if letter == "R") or "nobody named"
    accountable = next((titles.get(w, w) for w, letter in raci.items() if letter == "A"), "nobody named")
    return responsible, accountable


def write(root: Path = pilot.ROOT, check: bool = False, checked: bool = True) -> list[str]:
    """Refresh the README summary and the worked memo under ``root``; return the files that were out of date."""
    plan_dir = root / "plan"
    if checked:
        loaded = validate.load_plan(plan_dir)
        config, info = loaded["go-no-go.yaml"], loaded["pilot.yaml"]
    else:
        config, info = pilot.read_yaml(plan_dir / "go-no-go.yaml"), pilot.read_yaml(plan_dir / "pilot.yaml")
    s = story(pilot.load_pilot(root / "data"), config, info)
    stale = []
    targets = [("README.md", "summary", lambda: readme_summary(s), README_HOW),
               ("examples/worked-memo.md", "memo",
                lambda: memo_body(s, stakeholder_titles(plan_dir), pause_roles(plan_dir)), MEMO_HOW)]
    for rel, name, body, how in targets:
        path = root / rel
        # A file whose block markers were removed, or that was deleted, has been taken over by its author.
        if not path.is_file() or not blocks.has_block(path.read_text(encoding="utf-8"), name):
            continue
        if not blocks.refresh_file(path, {name: (body(), how)}, rel, check):
            stale.append(rel)
    return stale


def main(argv: list[str] | None = None) -> int:
    """Refresh (or with --check, verify) the worked figures in README.md and examples/worked-memo.md."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the figures are up to date")
    args = parser.parse_args(argv)
    try:
        stale = write(pilot.ROOT, check=args.check)
    except validate.PlanError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    except (pilot.DataError, blocks.HandEditError, OSError) as exc:
        print(f"{exc}.", file=sys.stderr)
        return 1
    if args.check and stale:
        print("Out of date: " + ", ".join(stale) + "; run: make report", file=sys.stderr)
        return 1
    print("README.md and examples/worked-memo.md " + ("were refreshed." if stale else "match the data."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
