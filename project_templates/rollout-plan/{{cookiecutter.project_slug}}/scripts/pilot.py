"""Load the pilot data, compute the pilot's measures and apply the go / no-go criteria.

Pure Python (csv + PyYAML): every number in the adoption report, the README summary and the worked
memo comes from a function here, so the tests can check each one on small, hand-made fixtures.
"""

from __future__ import annotations

import csv
import json
import operator
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
PLAN_DIR = ROOT / "plan"
MODULE_IDS = ("M1", "M2", "M3", "M4")
SURVEY_ITEMS = ("q_useful", "q_trust", "q_time_saved", "q_workload", "q_safety_concern", "q_training")
TRIAGE_LIMIT_DAYS = 2
STOP_RULE_REPORTS = 3  # the stop rule: this many reports of one error type ...
STOP_RULE_DAYS = 2  # ... within this many days
PRIVACY_INCIDENT = "privacy incident"
INT_COLUMNS = {
    "day", "week", "staff_with_access", "active_users", "drafts_generated", "drafts_signed_light_edits",
    "drafts_edited_heavily", "drafts_discarded", "safety_reports_new", "safety_reports_open",
    "safety_reports_overdue", "assigned_day", "due_day", "completed_day", "attempts", "quiz_score",
    "survey_day", "day_reported", "closed_day", *SURVEY_ITEMS,
}
FLOAT_COLUMNS = {"median_minutes_to_sign"}
FILES = {
    "roster": ("staff-roster.csv", "staff-roster", ("staff_id", "role", "clinic", "shift", "super_user")),
    "training": ("training-tracker.csv", "training-tracker",
                 ("staff_id", "role", "module_id", "module", "completed_day", "attempts", "quiz_score", "status")),
    "survey": ("pilot-survey.csv", "pilot-survey", ("wave", "survey_day", "role", *SURVEY_ITEMS, "comment")),
    "daily": ("adoption-daily.csv", "adoption-daily",
              ("day", "week", "weekday", "tool_version", "version_approved", "staff_with_access", "active_users",
               "drafts_generated", "drafts_edited_heavily", "drafts_discarded", "median_minutes_to_sign",
               "safety_reports_new", "safety_reports_open", "safety_reports_overdue")),
    "reports": ("safety-reports.csv", "safety-reports",
                ("report_id", "day_reported", "tool_version", "error_type", "found_by", "reached_signed_note",
                 "closed_day")),
}
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


class DataError(ValueError):
    """A data file is missing, empty or malformed; the message is one sentence with the fix."""


def project_seed(root: Path = ROOT) -> str:
    """The seed the data was made with (from .prooflane.json), for the regenerate command in messages."""
    try:
        return str(json.loads((root / ".prooflane.json").read_text(encoding="utf-8"))["seed"])
    except (OSError, ValueError, KeyError, TypeError):
        return "SEED"


def regenerate_hint(key: str, root: Path = ROOT) -> str:
    """The command that writes one data file again."""
    name, dataset, _ = FILES[key]
    rows = "60" if key in ("roster", "training") else ("88" if key == "survey" else "30")
    return f"prooflane data {dataset} --rows {rows} --seed {project_seed(root)} -o data/{name}"


def _typed(row: dict[str, str], where: str, line: int, fix: str) -> Record:
    out: Record = {}
    for key, value in row.items():
        value = (value or "").strip()
        try:
            if value == "":
                out[key] = None
            elif key in INT_COLUMNS:
                out[key] = int(value)
            elif key in FLOAT_COLUMNS:
                out[key] = float(value)
            else:
                out[key] = value
        except ValueError:
            kind = "a whole number" if key in INT_COLUMNS else "a number"
            raise DataError(f"{where}, line {line}: '{value}' in column '{key}' is not {kind}; correct the cell "
                            f"or regenerate the file with: {fix}") from None
    return out


def read_csv(path: Path, required: tuple[str, ...] = (), fix: str = "") -> list[Record]:
    """Rows of a CSV file as dictionaries, numbers typed, empty cells as None (DataError when unusable)."""
    where = f"data/{path.name}"
    fix = fix or "the prooflane data command in data/datasheet.md"
    if not path.is_file():
        raise DataError(f"{where} is missing; write it again with: {fix}")
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if not header:
                raise DataError(f"{where} is empty; write it again with: {fix}")
            if missing:
                raise DataError(f"{where} lacks the column '{missing[0]}'; restore the header row or write the file "
                                f"again with: {fix}")
            rows = [_typed(row, where, reader.line_num, fix) for row in reader]
    except UnicodeDecodeError:
        raise DataError(f"{where} is not UTF-8 text; write it again with: {fix}") from None
    except csv.Error as exc:
        raise DataError(f"{where} is not a readable CSV file ({exc}); write it again with: {fix}") from None
    if not rows:
        raise DataError(f"{where} has a header but no rows; write it again with: {fix}")
    return rows


def read_yaml(path: Path) -> Any:
    """A YAML file's content (no schema check: see validate.load for files people edit)."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass
class Pilot:
    """The five pilot tables."""

    roster: list[Record]
    training: list[Record]
    survey: list[Record]
    daily: list[Record]
    reports: list[Record] = field(default_factory=list)


def load_pilot(data_dir: Path = DATA_DIR) -> Pilot:
    """Read the five CSV files of the pilot (DataError, one sentence, when one is missing or broken)."""
    root = data_dir.parent
    tables = {key: read_csv(data_dir / name, required, regenerate_hint(key, root))
              for key, (name, _, required) in FILES.items() if key != "reports"}
    name, _, required = FILES["reports"]
    path = data_dir / name
    # A pilot with no safety report at all is possible: a header-only log is fine, a missing one is not.
    if path.is_file() and path.read_text(encoding="utf-8").strip().count("\n") == 0 and path.stat().st_size:
        reports: list[Record] = []
    else:
        reports = read_csv(path, required, regenerate_hint("reports", root))
    return Pilot(tables["roster"], tables["training"], tables["survey"], tables["daily"], reports)


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


# --- safety: the stop rule, the triage limit, change control --------------------------------------

def stop_rule_windows(reports: list[Record], days: int = STOP_RULE_DAYS) -> list[dict[str, Any]]:
    """Per error type, the ``days``-day window with the most reports: type, first and last day, count.

    Sorted with the largest count first. The stop rule fires when a count reaches STOP_RULE_REPORTS.
    """
    out = []
    for error_type in sorted({r["error_type"] for r in reports}):
        filed = [r["day_reported"] for r in reports if r["error_type"] == error_type]
        best = max(((first, sum(1 for d in filed if first <= d < first + days)) for first in sorted(set(filed))),
                   key=lambda fc: (fc[1], -fc[0]))
        out.append({"error_type": error_type, "first_day": best[0], "last_day": best[0] + days - 1, "count": best[1]})
    return sorted(out, key=lambda w: (-w["count"], w["first_day"], w["error_type"]))


def stop_rule_breach(reports: list[Record], threshold: int = STOP_RULE_REPORTS,
                     days: int = STOP_RULE_DAYS) -> dict[str, Any] | None:
    """The FIRST day on which ``threshold`` reports of one error type had arrived within ``days`` days.

    Returns error type, the window's first and last day, and the count in it; None when the rule held.
    """
    hits = []
    for error_type in {r["error_type"] for r in reports}:
        filed = sorted(r["day_reported"] for r in reports if r["error_type"] == error_type)
        for day in sorted(set(filed)):
            count = sum(1 for d in filed if day - days < d <= day)
            if count >= threshold:
                hits.append({"error_type": error_type, "first_day": day - days + 1, "last_day": day, "count": count})
                break
    return min(hits, key=lambda h: (h["last_day"], h["error_type"])) if hits else None


def overdue_peak(daily: list[Record]) -> dict[str, Any]:
    """The worst day for reports open past the triage limit: day, count, days with any, day cleared."""
    peak = max(daily, key=lambda r: (r["safety_reports_overdue"], -r["day"]))
    late_days = [r["day"] for r in daily if r["safety_reports_overdue"] > 0]
    cleared = next((r["day"] for r in daily if late_days and r["day"] > late_days[-1]), None)
    return {"day": peak["day"], "count": peak["safety_reports_overdue"], "days": late_days, "cleared": cleared}


def unapproved_versions(daily: list[Record]) -> list[dict[str, Any]]:
    """Versions that were live without change-control approval: version, first and last day, days live."""
    out: dict[str, dict[str, Any]] = {}
    for r in daily:
        if str(r.get("version_approved", "yes")).strip().lower() != "yes":
            entry = out.setdefault(r["tool_version"], {"version": r["tool_version"], "first_day": r["day"], "days": 0})
            entry["last_day"] = r["day"]
            entry["days"] += 1
    return list(out.values())


def signed_note_errors(reports: list[Record]) -> list[Record]:
    """Reports of an error that reached a signed note (found by the sample review or later)."""
    return [r for r in reports if str(r.get("reached_signed_note", "no")).strip().lower() == "yes"]


def paused_after(daily: list[Record], day: int) -> bool:
    """Whether drafts were switched off (no drafts on any weekday) within two days after ``day``."""
    after = [r for r in daily if day < r["day"] <= day + 2 and r["weekday"] not in ("Sat", "Sun")]
    return any(r["drafts_generated"] == 0 for r in after)


# --- measures and the decision ------------------------------------------------------------------

def compute_metrics(pilot: Pilot) -> dict[str, float]:
    """Every measure the go / no-go criteria can name (hard criteria over the whole pilot, not one day)."""
    by_role = training_by_role(pilot)
    staff = len(pilot.roster)
    weeks = weekly(pilot.daily)
    final = weeks[-1]
    last_day = pilot.daily[-1]
    final_wave = waves(pilot.survey)[-1]
    final_wave_n = sum(1 for r in pilot.survey if r["wave"] == final_wave)
    windows = stop_rule_windows(pilot.reports)
    return {
        "training_complete_share": rate(sum(d for d, _ in by_role.values()), staff),
        "training_complete_min_role_share": min(rate(d, t) for d, t in by_role.values()),
        "active_use_share_final_week": rate(final["active_weekday"], final["with_access"]),
        "heavy_edit_rate_final_week": final["heavy_rate"],
        "discard_rate_final_week": final["discard_rate"],
        "median_minutes_final_week": final["minutes"] or 0.0,
        "safety_reports_total": float(len(pilot.reports)),
        "safety_reports_overdue_max": float(max(r["safety_reports_overdue"] for r in pilot.daily)),
        "safety_reports_overdue_days": float(sum(1 for r in pilot.daily if r["safety_reports_overdue"] > 0)),
        "safety_reports_overdue_last_day": float(last_day["safety_reports_overdue"]),
        "safety_reports_open_last_day": float(last_day["safety_reports_open"]),
        "same_error_type_max_in_stop_window": float(windows[0]["count"] if windows else 0),
        "signed_note_errors": float(len(signed_note_errors(pilot.reports))),
        "privacy_incidents": float(sum(1 for r in pilot.reports if r["error_type"] == PRIVACY_INCIDENT)),
        "unapproved_version_days": float(sum(v["days"] for v in unapproved_versions(pilot.daily))),
        "survey_response_rate_final_wave": rate(final_wave_n, staff),
        "survey_time_saved_agree_final_wave": agree_share(pilot.survey, "q_time_saved", final_wave),
        "survey_trust_agree_final_wave": agree_share(pilot.survey, "q_trust", final_wave),
        "survey_safety_concern_agree_final_wave": agree_share(pilot.survey, "q_safety_concern", final_wave),
    }


# The measures a criterion in plan/go-no-go.yaml may name (the keys of compute_metrics).
KNOWN_METRICS: tuple[str, ...] = (
    "training_complete_share", "training_complete_min_role_share", "active_use_share_final_week",
    "heavy_edit_rate_final_week", "discard_rate_final_week", "median_minutes_final_week", "safety_reports_total",
    "safety_reports_overdue_max", "safety_reports_overdue_days", "safety_reports_overdue_last_day",
    "safety_reports_open_last_day", "same_error_type_max_in_stop_window", "signed_note_errors",
    "privacy_incidents", "unapproved_version_days", "survey_response_rate_final_wave",
    "survey_time_saved_agree_final_wave", "survey_trust_agree_final_wave", "survey_safety_concern_agree_final_wave",
)


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
