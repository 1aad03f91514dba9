"""Safety reports of the fictional 30-day pilot: one row per report about a draft (``rows`` = pilot days).

Staff file a report from any draft; the quality lead triages and closes it, within two days unless
something holds it up. The physician champion's sample review of signed notes files a report too
when it finds an error that reached a signed note. The daily counts in ``adoption-daily`` (new, open,
past the triage limit) are computed from this log, so the two files agree for the same seed.

Planted by scenario (``synthetic.rollout.scenario_for(seed)``): in ``unapproved-update``, eight
reports of one error type (medication change dropped) on days 15-18, five of them on days 15-16,
held open until the 2.1.1 hotfix is checked (so they pass the triage limit), and one medication error
found by the sample review in a signed note on day 18; in the other scenarios one or two reports of
different types in week 3, triaged in time. Background reports (about one a week, other error types)
come at random.
"""

from __future__ import annotations

from typing import Any

from synthetic import training_tracker
from synthetic.identifiers import fake_id
from synthetic.rng import make_rng, pick
from synthetic.rollout import (
    ACCESS_MODULES,
    BACKGROUND_ERROR_TYPES,
    DEFAULT_STAFF,
    HOTFIX_DAY,
    TRIAGE_LIMIT_DAYS,
    WEEKDAYS,
    poisson,
    scenario_for,
    version_on,
)
from synthetic.table import Table

SUMMARY = "Safety reports about drafts in a fictional 30-day pilot: day, version, error type, who found it, when closed."
COLUMNS = ("report_id", "day_reported", "tool_version", "error_type", "found_by", "reached_signed_note", "closed_day")
WEEKEND_FACTOR = {"Sat": 0.45, "Sun": 0.30}
BACKGROUND_PER_DAY = 0.2


def access_days(seed: int) -> list[int]:
    """Day on which each roster member got access (M1 and M2 done); unfinished staff are left out."""
    done: dict[str, dict[str, int]] = {}
    for rec in training_tracker.generate(seed, DEFAULT_STAFF).records():
        if rec["module_id"] in ACCESS_MODULES and rec["completed_day"] is not None:
            done.setdefault(rec["staff_id"], {})[rec["module_id"]] = int(rec["completed_day"])
    return sorted(max(d.values()) for d in done.values() if len(d) == len(ACCESS_MODULES))


def reports(seed: int, days: int) -> list[dict[str, Any]]:
    """Every report of a ``days``-day pilot, in the order filed (``closed_day`` None: open at the end)."""
    scenario = scenario_for(seed)
    first_access = min(access_days(seed), default=days + 1)
    count_rng = make_rng(seed, "safety-reports", "count")
    type_rng = make_rng(seed, "safety-reports", "type")
    close_rng = make_rng(seed, "safety-reports", "close")
    out: list[dict[str, Any]] = []

    def add(day: int, error_type: str, found_by: str, reached: bool, closed: int) -> None:
        out.append({
            "report_id": fake_id("SR", len(out) + 1),
            "day_reported": day,
            "tool_version": version_on(day, scenario),
            "error_type": error_type,
            "found_by": found_by,
            "reached_signed_note": "yes" if reached else "no",
            "closed_day": closed if closed <= days else None,
        })

    for day in range(1, days + 1):
        for error_type in scenario.planted_reports.get(day, ()):
            if scenario.planted_overdue:
                closed = HOTFIX_DAY + int(close_rng.random() * 2)  # held until the hotfix is checked
            else:
                closed = day + 1 + int(close_rng.random() * TRIAGE_LIMIT_DAYS)
            add(day, error_type, "staff report", False, closed)
        if day in scenario.signed_note_errors:
            add(day, scenario.signed_note_errors[day], "sample review", True, day + 1)
        factor = WEEKEND_FACTOR.get(WEEKDAYS[(day - 1) % 7], 1.0)
        for _ in range(poisson(count_rng, BACKGROUND_PER_DAY * factor if day >= first_access else 0.0)):
            error_type = str(pick(type_rng, BACKGROUND_ERROR_TYPES))
            add(day, error_type, "staff report", False, day + 1 + int(close_rng.random() * TRIAGE_LIMIT_DAYS))
    return out


def daily_counts(log: list[dict[str, Any]], day: int) -> tuple[int, int, int]:
    """(new that day, open at the end of it, open and older than the triage limit) for one day."""
    new = sum(1 for r in log if r["day_reported"] == day)
    still_open = [r for r in log if r["day_reported"] <= day and (r["closed_day"] is None or r["closed_day"] > day)]
    overdue = sum(1 for r in still_open if day - r["day_reported"] >= TRIAGE_LIMIT_DAYS)
    return new, len(still_open), overdue


def generate(seed: int, rows: int) -> Table:
    """The safety reports of a ``rows``-day pilot for ``seed``."""
    if rows < 1:
        raise ValueError("rows must be 1 or more")
    return Table("safety-reports", COLUMNS, [tuple(r[c] for c in COLUMNS) for r in reports(seed, rows)])


def facts(table: Table) -> dict[str, Any]:
    """Headline numbers for templates: how many reports, of which types."""
    records = table.records()
    return {
        "rows": len(records),
        "error_types": sorted({r["error_type"] for r in records}),
        "sample_review_findings": sum(1 for r in records if r["found_by"] == "sample review"),
    }
