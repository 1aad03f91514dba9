"""Fictional outpatient visit notes, AI-written summaries with planted defects, an answer key and ratings.

``rows`` is the number of cases (note + summary pairs). ``CASE-01`` is the worked example: a
blood-pressure follow-up whose summary drops the light-headedness that started with a new medicine
and replaces it with "no side effects"; it is the same for every seed. The other cases are drawn by
the seed from eight benign scenarios (knee pain, diabetes review, asthma review, rash, sleep, sore
throat, statin review, blood pressure), with their own numbers, and each carries at most one planted
defect: a dropped pertinent fact, an invented medicine or dose (rare: at most three cases), a changed
side, duration or dose, a missing follow-up or safety-net instruction, false certainty, or
stigmatising wording; some are clean.

Three fictional reviewers rate every summary on the rubric's nine items (1-5), in round 1 and again
in round 2 after a calibration meeting, and list the critical errors they see. Planted rater effects:

- R3 is lenient on ``accurate`` and ``thorough`` (about +1 in round 1, +0.5 in round 2);
- ``useful`` has vague anchors: its scores are noisy in both rounds (the lowest agreement);
- every other item is less noisy in round 2 than round 1 (calibration works where anchors are clear);
- invented details are rare; in round 1, R2 misses all but one of them and flags one clean summary
  instead, so percent agreement on "invented detail present" stays high while kappa is low.

Summary and note text lives only in the ``text`` columns of CSV files: it is evidence under review.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from synthetic.rng import make_rng
from synthetic.table import Table

SUMMARY = "Fictional visit notes and AI-written summaries with planted defects (rows = cases; CASE-01 is the worked example)."
GENERATOR_VERSION = 1

ITEMS: tuple[str, ...] = (
    "accurate", "thorough", "useful", "organised", "comprehensible", "succinct", "safety", "uncertainty", "respectful",
)
CRITICAL: dict[str, str] = {
    "C1": "invented detail",
    "C2": "changed detail",
    "C3": "dropped safety fact",
    "C4": "dropped follow-up or safety net",
    "C5": "false certainty",
}
DEFECTS: tuple[str, ...] = (
    "omission", "fabrication", "falsification", "missing-follow-up", "false-certainty", "stigmatising",
)
REVIEWERS: tuple[tuple[str, str, str], ...] = (
    ("R1", "Reviewer A (fictional)", ""),
    ("R2", "Reviewer B (fictional)", ""),
    ("R3", "Reviewer C (fictional)", ""),
)
BACKGROUNDS: tuple[str, ...] = (
    "family physician", "practice nurse", "clinical pharmacist", "nurse practitioner", "physician assistant",
    "hospitalist", "community pharmacist", "registered nurse, outpatient clinic",
)
MAX_FABRICATIONS = 3

NOTE_COLUMNS = ("case_id", "topic", "line", "text")
SUMMARY_COLUMNS = ("case_id", "line", "text")
KEY_COLUMNS = ("case_id", "defect", "critical_error", "summary_line", "source_line", "explanation")
RATING_COLUMNS = ("round", "reviewer", "case_id", "item", "score")
FLAG_COLUMNS = ("round", "reviewer", "case_id", "critical_errors")
REVIEWER_COLUMNS = ("reviewer", "name", "background")


@dataclass(frozen=True)
class Defect:
    """A planted change to one summary line (``replacement`` None: the line is dropped)."""

    kind: str
    line: int
    replacement: str | None
    source_line: int
    critical: str
    why: str


@dataclass(frozen=True)
class Scenario:
    topic: str
    note: tuple[str, ...]
    summary: tuple[str, ...]
    params: dict[str, tuple[Any, ...]]
    defects: tuple[Defect, ...]


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "blood pressure follow-up",
        ("Visit type: follow-up for high blood pressure, {weeks} weeks after starting amlodipine 5 mg once daily.",
         "Reports light-headedness when standing up quickly, most mornings for the past week.",
         "No falls, no fainting, no chest pain.",
         "Home readings average {home}.",
         "Clinic reading today {seated} seated, {standing} standing.",
         "Plan: continue amlodipine 5 mg; advise rising slowly; recheck standing blood pressure next visit.",
         "Follow-up in {fu} weeks, sooner after any fainting or fall."),
        ("Follow-up for high blood pressure {weeks} weeks after starting amlodipine 5 mg once daily.",
         "Light-headedness on standing most mornings for a week; no falls, fainting or chest pain.",
         "Home average {home}; clinic {seated} seated, dropping to {standing} on standing.",
         "Plan: continue amlodipine 5 mg, rise slowly, recheck standing blood pressure next visit.",
         "Follow-up in {fu} weeks, sooner after any fainting or fall."),
        {"weeks": (3, 4, 6), "home": ("128/80", "132/82", "126/78"), "seated": ("124/78", "130/80"),
         "standing": ("106/68", "108/70"), "fu": (2, 3)},
        (Defect("omission", 2, None, 2, "C3",
                "The light-headedness on standing, new since the blood-pressure medicine, is left out."),),
    ),
    Scenario(
        "knee pain",
        ("Reason for visit: {side} knee pain for {weeks} weeks, started after a long hike.",
         "No locking, no giving way; mild swelling at the end of the day.",
         "Exam: {side} knee, small effusion, full range of movement, ligaments stable.",
         "Plan: relative rest, ice, and a referral to physiotherapy.",
         "Return in {fu} weeks, or sooner if the knee locks, gives way or becomes hot and red."),
        ("{Side} knee pain for {weeks} weeks after a long hike, with mild evening swelling; no locking or giving way.",
         "Exam found a small effusion in the {side} knee with full movement and stable ligaments.",
         "Plan: relative rest, ice and a physiotherapy referral.",
         "Review in {fu} weeks, sooner if the knee locks, gives way or becomes hot and red."),
        {"side": ("left", "right"), "weeks": (2, 3, 5), "fu": (4, 6)},
        (Defect("falsification", 2, "Exam found a small effusion in the {other} knee with full movement and stable ligaments.",
                3, "C2", "The examined knee is on the wrong side."),
         Defect("missing-follow-up", 4, "Review as needed.", 5, "C4",
                "The review interval and the reasons to come back sooner are lost.")),
    ),
    Scenario(
        "diabetes review",
        ("Reason for visit: type 2 diabetes review; takes metformin 500 mg twice daily.",
         "HbA1c {a1c}% today, down from {prev}% {months} months ago.",
         "Finds the meal plan hard to follow while working night shifts; would like to see a dietitian.",
         "Feet checked: sensation normal, no sores.",
         "Plan: continue metformin at the same dose; dietitian referral; repeat HbA1c in 3 months."),
        ("Type 2 diabetes review on metformin 500 mg twice daily.",
         "HbA1c has improved to {a1c}% from {prev}% {months} months ago.",
         "Night-shift work makes the meal plan hard to follow; a dietitian referral was requested.",
         "Foot check normal.",
         "Plan: same metformin dose, dietitian referral, HbA1c again in 3 months."),
        {"a1c": ("7.1", "7.4", "6.9"), "prev": ("7.8", "8.1"), "months": (3, 6)},
        (Defect("fabrication", 5, "Plan: same metformin dose, start gliclazide 40 mg each morning, dietitian referral, HbA1c again in 3 months.",
                5, "C1", "A second medicine and its dose appear that the note never mentions."),
         Defect("stigmatising", 3, "Patient is non-compliant with diet.", 3, "",
                "Blaming wording replaces the reason (night shifts) and drops the patient's own request.")),
    ),
    Scenario(
        "asthma review",
        ("Reason for visit: asthma review; uses a salbutamol reliever and a low-dose steroid preventer inhaler.",
         "Reliever used up to {puffs} times a week over the past month, more on cold mornings.",
         "Inhaler technique checked: good with a spacer.",
         "Possible trigger: cold air; no night waking.",
         "Plan: continue preventer, written asthma action plan reviewed, review in {fu} weeks."),
        ("Asthma review; uses a reliever and a low-dose preventer inhaler.",
         "Reliever needed up to {puffs} times a week this month, more on cold mornings; no night waking.",
         "Good inhaler technique with a spacer; cold air is a possible trigger.",
         "Plan: continue the preventer, action plan reviewed, review in {fu} weeks."),
        {"puffs": (2, 3, 4), "fu": (4, 8)},
        (Defect("fabrication", 4, "Plan: continue the preventer, prednisolone 40 mg daily for 5 days, action plan reviewed, review in {fu} weeks.",
                5, "C1", "A steroid course and its dose are invented."),
         Defect("false-certainty", 3, "Good inhaler technique with a spacer; the symptoms are caused by cold air.",
                4, "C5", "A possible trigger in the note becomes a settled cause.")),
    ),
    Scenario(
        "skin rash",
        ("Reason for visit: itchy rash on the {side} forearm for {days} days.",
         "Started after using a new laundry detergent; no fever, not spreading.",
         "Exam: red, dry patch on the {side} forearm, no blistering, no signs of infection.",
         "Assessment: possible contact dermatitis; other causes not excluded.",
         "Plan: stop the new detergent, emollient twice daily, return if it spreads, blisters or has not settled in 2 weeks."),
        ("Itchy rash on the {side} forearm for {days} days, starting after a new laundry detergent; no fever or spreading.",
         "Red, dry patch without blistering or signs of infection.",
         "Possible contact dermatitis; other causes not yet excluded.",
         "Plan: stop the detergent, emollient twice daily, return if it spreads, blisters or has not settled in 2 weeks."),
        {"side": ("left", "right"), "days": (4, 5, 9)},
        (Defect("falsification", 1, "Itchy rash on the {side} forearm for {wrong_days} days, starting after a new laundry detergent; no fever or spreading.",
                1, "C2", "The duration of the rash is changed."),
         Defect("false-certainty", 3, "This is contact dermatitis caused by the detergent.", 4, "C5",
                "The note's possible cause, with other causes open, is stated as certain.")),
    ),
    Scenario(
        "sleep difficulty",
        ("Reason for visit: trouble falling asleep for {weeks} weeks since changing to early shifts.",
         "Asked whether a sleeping tablet could help; discussed that tablets are not a first step.",
         "Drinks {cups} cups of coffee a day, the last in mid-afternoon.",
         "Mood reported as fine; no thoughts of self-harm.",
         "Plan: sleep routine advice, no coffee after midday, sleep diary, follow-up in {fu} weeks."),
        ("Difficulty falling asleep for {weeks} weeks since moving to early shifts.",
         "Asked about a sleeping tablet; tablets were discussed as not a first step.",
         "{cups} coffees a day, the last mid-afternoon; mood fine, no thoughts of self-harm.",
         "Plan: sleep routine advice, no coffee after midday, sleep diary, follow-up in {fu} weeks."),
        {"weeks": (3, 4, 6), "cups": (3, 4, 5), "fu": (3, 4)},
        (Defect("stigmatising", 2, "Patient demanded sleeping pills.", 2, "",
                "Loaded wording turns a question into a demand."),
         Defect("missing-follow-up", 4, "Plan: sleep routine advice and a sleep diary.", 5, "C4",
                "The follow-up visit is gone.")),
    ),
    Scenario(
        "sore throat",
        ("Reason for visit: sore throat for {days} days, temperature {temp} C at home.",
         "Eating and drinking normally; no difficulty breathing or swallowing saliva.",
         "Exam: red throat, no pus on the tonsils, small tender glands in the neck.",
         "Plan: fluids, rest, and pain relief as directed on the packet.",
         "Safety-net advice given: seek urgent care for difficulty breathing, drooling or being unable to swallow."),
        ("Sore throat for {days} days with a home temperature of {temp} C; eating and drinking normally.",
         "Red throat without pus, small tender neck glands; no breathing or swallowing difficulty.",
         "Plan: fluids, rest and pain relief as directed on the packet.",
         "Advised to seek urgent care for difficulty breathing, drooling or being unable to swallow."),
        {"days": (2, 3, 4), "temp": ("37.8", "38.1", "37.6")},
        (Defect("missing-follow-up", 4, None, 5, "C4", "The safety-net advice is left out."),
         Defect("fabrication", 3, "Plan: amoxicillin 500 mg three times daily for 7 days, fluids and rest.", 4, "C1",
                "An antibiotic and its dose are invented.")),
    ),
    Scenario(
        "statin review",
        ("Reason for visit: cholesterol review, {months} months after starting atorvastatin 20 mg at night.",
         "Reports aching in both thighs for {weeks} weeks, worse after climbing stairs.",
         "No dark urine, no weakness.",
         "Plan: blood test for muscle enzyme (CK) today; pause atorvastatin until the result is back.",
         "Phone review when the result is back, or sooner if weakness or dark urine appears."),
        ("Cholesterol review {months} months after starting atorvastatin 20 mg at night.",
         "Aching in both thighs for {weeks} weeks, worse on stairs; no dark urine or weakness.",
         "Plan: CK blood test today and atorvastatin paused until the result.",
         "Phone review with the result, sooner if weakness or dark urine appears."),
        {"months": (2, 3, 4), "weeks": (2, 3)},
        (Defect("omission", 2, None, 2, "C3", "The thigh aching, a possible side effect, is left out."),
         Defect("falsification", 1, "Cholesterol review {months} months after starting atorvastatin 80 mg at night.",
                1, "C2", "The dose is changed from 20 mg to 80 mg.")),
    ),
)

WORKED_PARAMS = {"weeks": 4, "home": "128/80", "seated": "124/78", "standing": "108/70", "fu": 2}
WORKED_DEFECTS = (
    Defect("omission", 2, None, 2, "C3",
           "The light-headedness on standing, new since the blood-pressure medicine, is left out."),
    Defect("falsification", 3, "Blood pressure well controlled on amlodipine with no side effects; home average {home}, clinic {seated}.",
           2, "C2", "'No side effects' contradicts the reported light-headedness, and the standing drop is gone."),
)


@dataclass(frozen=True)
class Case:
    case_id: str
    scenario: Scenario
    params: dict[str, Any]
    defects: tuple[Defect, ...]


def _fmt(text: str, params: dict[str, Any]) -> str:
    return text.format(**params)


def _params(rng: random.Random, scenario: Scenario) -> dict[str, Any]:
    params = {k: v[int(rng.random() * len(v))] for k, v in scenario.params.items()}
    if "side" in params:
        params["Side"] = str(params["side"]).capitalize()
        params["other"] = "right" if params["side"] == "left" else "left"
    if "days" in params:
        params["wrong_days"] = int(params["days"]) + 7
    return params


@lru_cache(maxsize=32)
def build(seed: int, rows: int) -> tuple[Case, ...]:
    """The cases: the fixed worked example first, then seed-drawn ones."""
    if rows < 1:
        raise ValueError("the visit-summary data needs at least one case")
    rng = make_rng(seed, "visit-summaries", "cases")
    cases = [Case("CASE-01", SCENARIOS[0], dict(WORKED_PARAMS), WORKED_DEFECTS)]
    order = list(range(len(SCENARIOS)))
    rng.shuffle(order)
    picks = [SCENARIOS[order[i % len(order)]] for i in range(rows - 1)]
    can_fabricate = [i for i, s in enumerate(picks) if any(d.kind == "fabrication" for d in s.defects)]
    fabricated = set(rng.sample(can_fabricate, min(MAX_FABRICATIONS, len(can_fabricate))))
    for i, scenario in enumerate(picks):
        if i in fabricated:
            defects = tuple(d for d in scenario.defects if d.kind == "fabrication")
        else:
            others = [d for d in scenario.defects if d.kind != "fabrication"]
            defects = () if rng.random() < 0.3 or not others else (others[int(rng.random() * len(others))],)
        cases.append(Case(f"CASE-{i + 2:02d}", scenario, _params(rng, scenario), defects))
    return tuple(cases)


def summary_lines(case: Case) -> list[str]:
    """The AI-written summary with the case's defects applied (dropped lines removed)."""
    lines: list[str | None] = [_fmt(t, case.params) for t in case.scenario.summary]
    for d in case.defects:
        lines[d.line - 1] = None if d.replacement is None else _fmt(d.replacement, case.params)
    return [line for line in lines if line is not None]


def _summary_line_of(case: Case, defect: Defect) -> int | str:
    """Line number of a defect in the final summary (blank for a dropped line)."""
    if defect.replacement is None:
        return ""
    dropped_before = sum(1 for d in case.defects if d.replacement is None and d.line < defect.line)
    return defect.line - dropped_before


def notes(seed: int, rows: int) -> Table:
    return Table("source_notes", NOTE_COLUMNS, [
        (c.case_id, c.scenario.topic, i, _fmt(t, c.params))
        for c in build(seed, rows) for i, t in enumerate(c.scenario.note, start=1)])


def summaries(seed: int, rows: int) -> Table:
    return Table("summaries", SUMMARY_COLUMNS, [
        (c.case_id, i, t) for c in build(seed, rows) for i, t in enumerate(summary_lines(c), start=1)])


def key(seed: int, rows: int) -> Table:
    out: list[tuple[Any, ...]] = []
    for c in build(seed, rows):
        if not c.defects:
            out.append((c.case_id, "none", "", "", "", "No planted defect: a faithful summary."))
        for d in c.defects:
            out.append((c.case_id, d.kind, d.critical, _summary_line_of(c, d), d.source_line, d.why))
    return Table("defects", KEY_COLUMNS, out)


# -- fictional reviewers -------------------------------------------------------------------------

DEFECT_EFFECTS: dict[str, dict[str, int]] = {
    "omission": {"thorough": -2, "safety": -2, "useful": -1},
    "fabrication": {"accurate": -3, "safety": -1},
    "falsification": {"accurate": -2, "safety": -1},
    "missing-follow-up": {"safety": -3, "thorough": -1},
    "false-certainty": {"uncertainty": -3, "accurate": -1},
    "stigmatising": {"respectful": -3, "useful": -1},
}
NOISE = {1: 0.8, 2: 0.3}
VAGUE_ITEM = "useful"
VAGUE_NOISE = 1.5
LENIENT = {"reviewer": "R3", "items": ("accurate", "thorough"), 1: 1.5, 2: 0.6}


def true_scores(case: Case, rng: random.Random) -> dict[str, int]:
    """The level a careful reviewer would give each item, from the planted defects."""
    scores = {item: (3, 4, 4, 5, 5)[int(rng.random() * 5)] for item in ITEMS}
    for d in case.defects:
        for item, delta in DEFECT_EFFECTS[d.kind].items():
            scores[item] = max(1, min(5, scores[item] + delta))
    return scores


def _clip(value: float) -> int:
    return max(1, min(5, round(value)))


def _draw_ratings(cases: tuple[Case, ...], rng: random.Random) -> Table:
    truth = {c.case_id: true_scores(c, rng) for c in cases}
    out: list[tuple[Any, ...]] = []
    for rnd in (1, 2):
        for reviewer, _, _ in REVIEWERS:
            for c in cases:
                for item in ITEMS:
                    noise = rng.gauss(0, VAGUE_NOISE if item == VAGUE_ITEM else NOISE[rnd])
                    bias = LENIENT[rnd] if reviewer == LENIENT["reviewer"] and item in LENIENT["items"] else 0.0
                    out.append((rnd, reviewer, c.case_id, item, _clip(truth[c.case_id][item] + bias + noise)))
    return Table("ratings", RATING_COLUMNS, out)


def planted_effects_hold(table: Table) -> bool:
    """True when a ratings table shows every planted rater effect clearly (what the project's tests check)."""
    from synthetic import agreement as ag

    scores = {(r[0], r[1], r[2], r[3]): r[4] for r in table.rows}
    cases = sorted({r[2] for r in table.rows})

    def mean(rnd: int, reviewer: str, item: str) -> float:
        return sum(scores[(rnd, reviewer, c, item)] for c in cases) / len(cases)

    def kappa(rnd: int, item: str) -> float:
        a = [scores[(rnd, "R1", c, item)] for c in cases]
        b = [scores[(rnd, "R2", c, item)] for c in cases]
        value = ag.cohen_kappa(a, b, range(1, 6), "linear")
        return -1.0 if value is None else value

    for item in LENIENT["items"]:
        if mean(1, "R3", item) - (mean(1, "R1", item) + mean(1, "R2", item)) / 2 <= 0.4:
            return False
    if mean(2, "R3", "accurate") - mean(2, "R1", "accurate") >= mean(1, "R3", "accurate") - mean(1, "R1", "accurate"):
        return False
    icc1 = ag.icc([[scores[(1, r, c, "accurate")] for r in ("R1", "R2", "R3")] for c in cases])
    if not (icc1["ICC(3,1)"] or 0) > (icc1["ICC(2,1)"] or 0):
        return False
    clear = [i for i in ITEMS if i != VAGUE_ITEM]
    round2 = {i: kappa(2, i) for i in ITEMS}
    if min(round2[i] for i in clear) - round2[VAGUE_ITEM] < 0.05:
        return False
    return sum(round2[i] for i in clear) / len(clear) > sum(kappa(1, i) for i in clear) / len(clear) + 0.15


def ratings(seed: int, rows: int) -> Table:
    """Three reviewers' scores; redrawn (a new stream) until every planted effect shows, for 10+ cases."""
    from synthetic.agreement import MIN_ITEMS

    cases = build(seed, rows)
    for attempt in range(100):
        table = _draw_ratings(cases, make_rng(seed, "visit-summaries", "ratings", str(attempt)))
        if rows < MIN_ITEMS or planted_effects_hold(table):
            return table
    raise ValueError(f"no ratings with every planted effect after 100 draws for seed {seed}")  # pragma: no cover


def flags(seed: int, rows: int) -> Table:
    cases = build(seed, rows)
    rng = make_rng(seed, "visit-summaries", "flags")
    fabricated = [c.case_id for c in cases if any(d.critical == "C1" for d in c.defects)]
    clean = [c.case_id for c in cases if not c.defects and c.case_id != "CASE-01"]
    r2_caught = set(fabricated[:1])  # round 1: R2 catches only the first invented detail ...
    r2_false = clean[int(rng.random() * len(clean))] if clean else None  # ... and flags a clean summary
    out: list[tuple[Any, ...]] = []
    for rnd in (1, 2):
        for reviewer, _, _ in REVIEWERS:
            for c in cases:
                found = sorted({d.critical for d in c.defects if d.critical})
                if rnd == 1 and reviewer == "R2":
                    found = [e for e in found if e != "C1" or c.case_id in r2_caught]
                    if c.case_id == r2_false:
                        found = ["C1"]
                elif reviewer == "R3" and found and rng.random() < (0.25 if rnd == 1 else 0.1):
                    found = found[1:]  # R3 sometimes lists only one of several errors, or none
                out.append((rnd, reviewer, c.case_id, ";".join(found) if found else "none"))
    return Table("critical_flags", FLAG_COLUMNS, out)


def reviewers(seed: int, rows: int) -> Table:
    """The three fictional reviewers; their professional backgrounds are drawn by the seed."""
    backgrounds = make_rng(seed, "visit-summaries", "reviewers").sample(BACKGROUNDS, len(REVIEWERS))
    return Table("reviewers", REVIEWER_COLUMNS, [(r, name, bg) for (r, name, _), bg in zip(REVIEWERS, backgrounds)])


# -- headline numbers for the worked example -----------------------------------------------------

def rating_facts(table: Table) -> dict[str, Any]:
    """Agreement figures the README quotes, from the ratings table (the project's script recomputes them)."""
    from synthetic import agreement as ag

    scores: dict[tuple[int, str, str, str], int] = {}
    for rnd, reviewer, case_id, item, score in table.rows:
        scores[(rnd, reviewer, case_id, item)] = score
    case_ids = sorted({r[2] for r in table.rows})
    facts: dict[str, Any] = {"cases": len(case_ids), "items": {}}
    for item in ITEMS:
        per_round = {}
        for rnd in (1, 2):
            a = [scores[(rnd, "R1", c, item)] for c in case_ids]
            b = [scores[(rnd, "R2", c, item)] for c in case_ids]
            k = ag.cohen_kappa(a, b, range(1, 6), "linear") if len(case_ids) >= ag.MIN_ITEMS else None
            per_round[rnd] = {"kappa": None if k is None else round(k, 2), "label": ag.landis_koch(k),
                              "percent": round(100 * ag.percent_agreement(a, b))}
        facts["items"][item] = per_round
    for rnd in (1, 2):
        diffs = [scores[(rnd, "R3", c, "accurate")] - scores[(rnd, "R1", c, "accurate")] for c in case_ids]
        facts[f"lenient_gap_round{rnd}"] = round(sum(diffs) / len(diffs), 2)
        matrix = [[scores[(rnd, r, c, "accurate")] for r in ("R1", "R2", "R3")] for c in case_ids]
        values = ag.icc(matrix) if len(case_ids) >= 2 else {"ICC(2,1)": None, "ICC(3,1)": None}
        facts[f"icc_accurate_round{rnd}"] = {k: None if v is None else round(v, 2) for k, v in values.items()}
    clear = [i for i in ITEMS if i != VAGUE_ITEM]
    for rnd in (1, 2):
        ks = [facts["items"][i][rnd]["kappa"] for i in clear if facts["items"][i][rnd]["kappa"] is not None]
        facts[f"mean_kappa_clear_round{rnd}"] = round(sum(ks) / len(ks), 2) if ks else None
    facts["vague_item"] = VAGUE_ITEM
    return facts


def flag_facts(table: Table) -> dict[str, Any]:
    """Percent agreement and kappa of R1 and R2 on "invented detail (C1) present", per round."""
    from synthetic import agreement as ag

    flagged = {(rnd, reviewer, case_id): "C1" in errors.split(";") for rnd, reviewer, case_id, errors in table.rows}
    case_ids = sorted({r[2] for r in table.rows})
    facts: dict[str, Any] = {}
    for rnd in (1, 2):
        a = [flagged[(rnd, "R1", c)] for c in case_ids]
        b = [flagged[(rnd, "R2", c)] for c in case_ids]
        k = ag.cohen_kappa(a, b, [False, True]) if len(case_ids) >= ag.MIN_ITEMS else None
        facts[f"round{rnd}"] = {"percent": round(100 * ag.percent_agreement(a, b)),
                                "kappa": None if k is None else round(k, 2), "label": ag.landis_koch(k),
                                "r1": sum(a), "r2": sum(b)}
    return facts


def key_facts(table: Table) -> dict[str, Any]:
    """Counts of planted defects, critical errors and clean summaries in the answer key."""
    records = table.records()
    cases = sorted({r["case_id"] for r in records})
    failing = sorted({r["case_id"] for r in records if r["critical_error"]})
    return {"cases": len(cases), "failing": len(failing), "clean": sum(r["defect"] == "none" for r in records),
            "fabrications": sum(r["critical_error"] == "C1" for r in records)}
