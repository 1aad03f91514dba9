"""Load the pilot data, compute the pilot's measures and apply the go / no-go criteria.

Pure Python (csv + PyYAML): every number in the adoption report comes from a function here, so
the tests can check each one on small, hand-made fixtures.
"""

from __future__ import annotations

import csv
import operator
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
PLAN_DIR = ROOT / "plan"
MODULE_IDS = ("M1", "M2", "M3", "M4")
SURVEY_ITEMS = ("q_useful", "q_trust", "q_time_saved", "q_workload", "q_safety_concern", "q_training")
INT_COLUMNS = {
    "day", "week", "staff_with_access", "active_users", "drafts_generated", "drafts_signed_light_edits",
    "drafts_edited_heavily", "drafts_discarded", "safety_reports_new", "safety_reports_open",
    "safety_reports_overdue", "assigned_day", "due_day", "completed_day", "attempts", "quiz_score",
    "survey_day", *SURVEY_ITEMS,
}
FLOAT_COLUMNS = {"median_minutes_to_sign"}
OUTCOMES = ("go", "extend pilot", "no-go")
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}
COMPARISON_WORDS = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than", "==": "exactly"}

Record = dict[str, Any]


def _typed(row: dict[str, str]) -> Record:
    out: Record = {}
    for key, value in row.items():
        if value == "":
            out[key] = None
        elif key in INT_COLUMNS:
            out[key] = int(value)
        elif key in FLOAT_COLUMNS:
            out[key] = float(value)
        else:
            out[key] = value
    return out


def read_csv(path: Path) -> list[Record]:
    """Rows of a CSV file as dictionaries, numbers typed, empty cells as None."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [_typed(row) for row in csv.DictReader(handle)]


def read_yaml(path: Path) -> Any:
    """A YAML file's content."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Pilot:
    """The four pilot tables."""

    roster: list[Record]
    training: list[Record]
    survey: list[Record]
    daily: list[Record]


def load_pilot(data_dir: Path = DATA_DIR) -> Pilot:
    """Read the four CSV files of the pilot."""
    return Pilot(
        roster=read_csv(data_dir / "staff-roster.csv"),
        training=read_csv(data_dir / "training-tracker.csv"),
        survey=read_csv(data_dir / "pilot-survey.csv"),
        daily=read_csv(data_dir / "adoption-daily.csv"),
    )


# --- training -----------------------------------------------------------------------------------

def finished_staff(training: list[Record]) -> set[str]:
    """Staff ids with every required module completed."""
    done: dict[str, set[str]] = {}
    for rec in training:
        if rec["completed_day"] is not None:
            done.setdefault(rec["staff_id"], set()).add(rec["module_id"])
    return {staff for staff, modules in done.items() if modules >= set(MODULE_IDS)}


def training_by_role(pilot: Pilot) -> dict[str, tuple[int, int]]:
    """role -> (staff who finished every module, staff in the roster), largest role first."""
    finished = finished_staff(pilot.training)
    counts: dict[str, list[int]] = {}
    for person in pilot.roster:
        pair = counts.setdefault(person["role"], [0, 0])
        pair[0] += person["staff_id"] in finished
        pair[1] += 1
    return {role: (d, t) for role, (d, t) in sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[0]))}


def module_summary(training: list[Record]) -> list[dict[str, Any]]:
    """Per module: title, completed, late, needed a second attempt, mean final quiz score."""
    rows = []
    for module_id in MODULE_IDS:
        recs = [r for r in training if r["module_id"] == module_id]
        done = [r for r in recs if r["completed_day"] is not None]
        rows.append({
            "module_id": module_id,
            "module": recs[0]["module"] if recs else module_id,
            "assigned": len(recs),
            "completed": len(done),
            "late": sum(1 for r in done if r["status"] == "late"),
            "retakes": sum(1 for r in done if (r["attempts"] or 0) > 1),
            "mean_score": statistics.fmean(r["quiz_score"] for r in done) if done else 0.0,
        })
    return rows


def access_by_day(training: list[Record], days: int) -> list[int]:
    """Staff with access (modules M1 and M2 done) at the end of each day 1..days."""
    got: dict[str, dict[str, int]] = {}
    for rec in training:
        if rec["module_id"] in ("M1", "M2") and rec["completed_day"] is not None:
            got.setdefault(rec["staff_id"], {})[rec["module_id"]] = rec["completed_day"]
    opened = [max(d.values()) for d in got.values() if len(d) == 2]
    return [sum(1 for d in opened if d <= day) for day in range(1, days + 1)]


# --- adoption -----------------------------------------------------------------------------------

def rate(part: float, whole: float) -> float:
    """part / whole, or 0.0 when whole is 0."""
    return part / whole if whole else 0.0


def weekly(daily: list[Record]) -> list[dict[str, Any]]:
    """Per plan week: days, mean weekday active users, drafts, heavy-edit, discard rates, minutes."""
    out = []
    for week in sorted({r["week"] for r in daily}):
        days = [r for r in daily if r["week"] == week]
        weekdays = [r for r in days if r["weekday"] not in ("Sat", "Sun")] or days
        drafts = sum(r["drafts_generated"] for r in days)
        minutes = [r["median_minutes_to_sign"] for r in weekdays if r["median_minutes_to_sign"] is not None]
        out.append({
            "week": week,
            "first_day": days[0]["day"],
            "last_day": days[-1]["day"],
            "active_weekday": statistics.fmean(r["active_users"] for r in weekdays),
            "with_access": days[-1]["staff_with_access"],
            "drafts": drafts,
            "heavy_rate": rate(sum(r["drafts_edited_heavily"] for r in days), drafts),
            "discard_rate": rate(sum(r["drafts_discarded"] for r in days), drafts),
            "minutes": statistics.median(minutes) if minutes else None,
            "safety_reports": sum(r["safety_reports_new"] for r in days),
            "versions": sorted({r["tool_version"] for r in days}),
        })
    return out


def window(daily: list[Record], first: int, last: int) -> dict[str, Any]:
    """Drafts, heavy-edit and discard rates, safety reports and worst overdue count for days first..last."""
    days = [r for r in daily if first <= r["day"] <= last]
    drafts = sum(r["drafts_generated"] for r in days)
    return {
        "first_day": days[0]["day"] if days else first,
        "last_day": days[-1]["day"] if days else last,
        "drafts": drafts,
        "heavy_rate": rate(sum(r["drafts_edited_heavily"] for r in days), drafts),
        "discard_rate": rate(sum(r["drafts_discarded"] for r in days), drafts),
        "safety_reports": sum(r["safety_reports_new"] for r in days),
        "max_overdue": max((r["safety_reports_overdue"] for r in days), default=0),
    }


def by_version(daily: list[Record]) -> list[dict[str, Any]]:
    """Per tool version, in the order they went live: days, rates and safety reports (see ``window``)."""
    out: list[dict[str, Any]] = []
    for version in dict.fromkeys(r["tool_version"] for r in daily):
        days = [r["day"] for r in daily if r["tool_version"] == version]
        out.append({"version": version} | window(daily, days[0], days[-1]))
    return out


def worst_version(daily: list[Record]) -> dict[str, Any] | None:
    """The version whose heavy-edit rate is highest and at least 1.5 times that of the 7 days before it.

    The result also holds ``before`` (the 7 days before it went live) and ``next`` (the version after
    it, or None).
    """
    versions = by_version(daily)
    found = []
    for i, v in enumerate(versions[1:], start=1):
        before = window(daily, v["first_day"] - 7, v["first_day"] - 1)
        if before["drafts"] and v["heavy_rate"] >= 1.5 * before["heavy_rate"]:
            found.append(v | {"before": before, "next": versions[i + 1] if i + 1 < len(versions) else None})
    return max(found, key=lambda v: v["heavy_rate"]) if found else None


# --- survey -------------------------------------------------------------------------------------

def waves(survey: list[Record]) -> list[str]:
    """Survey waves in the order they ran."""
    return sorted({r["wave"] for r in survey}, key=lambda w: min(r["survey_day"] for r in survey if r["wave"] == w))


def agree_share(survey: list[Record], item: str, wave: str | None = None) -> float:
    """Share answering 4 or 5 (agree, strongly agree) to ``item`` (in one wave if given)."""
    answers = [r[item] for r in survey if (wave is None or r["wave"] == wave) and r[item] is not None]
    return rate(sum(1 for a in answers if a >= 4), len(answers))


def likert_counts(survey: list[Record], item: str, wave: str) -> list[int]:
    """How many answered 1, 2, 3, 4 and 5."""
    answers = [r[item] for r in survey if r["wave"] == wave and r[item] is not None]
    return [sum(1 for a in answers if a == v) for v in range(1, 6)]


THEMES: dict[str, tuple[str, ...]] = {
    "missing medication changes after the update": ("update", "dose change", "medication changes"),
    "time saved": ("saves me time", "starting point", "close to what i would write"),
    "complex visits take longer": ("complex visits", "several problems", "longer than writing"),
    "workload of checking": ("tiring", "slows me down", "trim a lot"),
    "training and support gaps": ("training module", "super-user on site", "the module on"),
    "privacy question (possible workaround)": ("privacy", "pasted in"),
    "easier way to flag a bad draft": ("flag a bad draft",),
}


def comment_themes(survey: list[Record], wave: str) -> list[tuple[str, int]]:
    """Comment themes (keyword coding, a first pass for a person to review) with counts, most first."""
    comments = [r["comment"].lower() for r in survey if r["wave"] == wave and r["comment"]]
    counts = [(theme, sum(1 for c in comments if any(k in c for k in keys))) for theme, keys in THEMES.items()]
    return sorted([c for c in counts if c[1]], key=lambda c: (-c[1], c[0]))


# --- measures and the decision ------------------------------------------------------------------

def compute_metrics(pilot: Pilot) -> dict[str, float]:
    """Every measure the go / no-go criteria can name."""
    by_role = training_by_role(pilot)
    staff = len(pilot.roster)
    weeks = weekly(pilot.daily)
    final = weeks[-1]
    last_day = pilot.daily[-1]
    final_wave = waves(pilot.survey)[-1]
    final_wave_n = sum(1 for r in pilot.survey if r["wave"] == final_wave)
    return {
        "training_complete_share": rate(sum(d for d, _ in by_role.values()), staff),
        "training_complete_min_role_share": min(rate(d, t) for d, t in by_role.values()),
        "active_use_share_final_week": rate(final["active_weekday"], final["with_access"]),
        "heavy_edit_rate_final_week": final["heavy_rate"],
        "discard_rate_final_week": final["discard_rate"],
        "median_minutes_final_week": final["minutes"] or 0.0,
        "safety_reports_total": float(sum(r["safety_reports_new"] for r in pilot.daily)),
        "safety_reports_overdue_last_day": float(last_day["safety_reports_overdue"]),
        "safety_reports_open_last_day": float(last_day["safety_reports_open"]),
        "survey_response_rate_final_wave": rate(final_wave_n, staff),
        "survey_time_saved_agree_final_wave": agree_share(pilot.survey, "q_time_saved", final_wave),
        "survey_trust_agree_final_wave": agree_share(pilot.survey, "q_trust", final_wave),
        "survey_safety_concern_agree_final_wave": agree_share(pilot.survey, "q_safety_concern", final_wave),
    }


@dataclass
class CriterionResult:
    """One criterion checked against the measures."""

    criterion: dict[str, Any]
    value: float
    passed: bool

    def shown(self, number: float | None = None) -> str:
        """A value in the criterion's format (percent, minutes or count)."""
        return show(self.value if number is None else number, self.criterion.get("format", "number"))

    def needed(self) -> str:
        """The threshold in words, e.g. "at least 90%"."""
        return needed(self.criterion)


@dataclass
class Decision:
    """The outcome and the results behind it."""

    outcome: str
    results: list[CriterionResult] = field(default_factory=list)

    @property
    def failed(self) -> list[CriterionResult]:
        return [r for r in self.results if not r.passed]


def pct(value: float) -> str:
    """A share as a whole percentage: 0.883 -> "88%"."""
    return f"{value * 100:.0f}%"


def show(value: float, fmt: str) -> str:
    """Format a measure for people: ``percent`` (0.883 -> 88%), ``minutes``, ``count`` or ``number``."""
    if fmt == "percent":
        return pct(value)
    if fmt == "minutes":
        return f"{value:.1f} min"
    if fmt == "count":
        return f"{value:.0f}"
    return f"{value:g}"


def needed(criterion: dict[str, Any]) -> str:
    """A criterion's threshold in words, e.g. "at least 90%"."""
    words = COMPARISON_WORDS.get(criterion["comparison"], criterion["comparison"])
    return f"{words} {show(criterion['threshold'], criterion.get('format', 'number'))}"


def validate_criteria(config: dict[str, Any], known: set[str]) -> list[str]:
    """Problems with a go / no-go file (empty when it is fine)."""
    problems = []
    criteria = config.get("criteria") if isinstance(config, dict) else None
    if not criteria:
        return ["the file has no 'criteria' list"]
    seen: set[str] = set()
    for i, c in enumerate(criteria, start=1):
        where = f"criterion {i} ({c.get('id', 'no id')})"
        for key in ("id", "label", "metric", "comparison", "threshold", "level"):
            if key not in c:
                problems.append(f"{where} lacks '{key}'")
        if c.get("id") in seen:
            problems.append(f"{where} repeats an id")
        seen.add(c.get("id"))
        if c.get("metric") not in known:
            problems.append(f"{where} names an unknown measure '{c.get('metric')}'")
        if c.get("comparison") not in COMPARISONS:
            problems.append(f"{where} has comparison '{c.get('comparison')}'; use one of {', '.join(COMPARISONS)}")
        if c.get("level") not in ("must", "target"):
            problems.append(f"{where} has level '{c.get('level')}'; use 'must' or 'target'")
        if not isinstance(c.get("threshold"), (int, float)):
            problems.append(f"{where} needs a number as threshold")
    return problems


def evaluate(config: dict[str, Any], metrics: dict[str, float]) -> Decision:
    """Apply the criteria: a missed 'must' means no-go, else a missed 'target' means extend pilot, else go."""
    problems = validate_criteria(config, set(metrics))
    if problems:
        raise ValueError("go-no-go.yaml: " + "; ".join(problems))
    results = []
    for c in config["criteria"]:
        value = float(metrics[c["metric"]])
        results.append(CriterionResult(c, value, COMPARISONS[c["comparison"]](round(value, 6), c["threshold"])))
    if any(not r.passed and r.criterion["level"] == "must" for r in results):
        outcome = "no-go"
    elif any(not r.passed for r in results):
        outcome = "extend pilot"
    else:
        outcome = "go"
    return Decision(outcome, results)
