"""Daily adoption figures of the fictional 30-day pilot: one row per pilot day (``rows`` = days).

Staff get access once modules M1 and M2 are done (from the training tracker of the same seed with
the default roster of 60), and active users never exceed staff with access. Clinics run reduced
weekend sessions, so Saturdays and Sundays are quieter. The safety-report columns are counted from
the ``safety-reports`` log of the same seed.

Planted by scenario (``synthetic.rollout.scenario_for(seed)``): version 2.1 goes live on day 15. In
``unapproved-update`` it skipped change control (``version_approved`` is ``no`` on days 15-18) and
drops medication changes from some drafts: on days 15-18 the heavy-edit rate roughly doubles (about
26% against about 12% the week before), discarded drafts rise and active use dips, until the 2.1.1
hotfix on day 19; from then the rates recover towards the week-2 level. In the other scenarios 2.1
was approved before it went live and nothing changes on day 15.
"""

from __future__ import annotations

import math

from synthetic import safety_reports
from synthetic.rng import make_rng
from synthetic.rollout import (
    HOTFIX_DAY,
    UPDATE_DAY,
    WEEKDAYS,
    Scenario,
    round_half_up,
    scenario_for,
    version_approved,
    version_on,
    week_of,
)
from synthetic.table import Table

SUMMARY = "Daily use of a fictional AI documentation assistant over 30 days: users, drafts, heavy edits, safety reports."
COLUMNS = (
    "day",
    "week",
    "weekday",
    "tool_version",
    "version_approved",
    "staff_with_access",
    "active_users",
    "drafts_generated",
    "drafts_signed_light_edits",
    "drafts_edited_heavily",
    "drafts_discarded",
    "median_minutes_to_sign",
    "safety_reports_new",
    "safety_reports_open",
    "safety_reports_overdue",
)
WEEKEND_FACTOR = {"Sat": 0.45, "Sun": 0.30}
BASELINE_MINUTES = 7.4  # median minutes per note before the pilot (stated in the datasheet)


def _bad_update(day: int, scenario: Scenario) -> bool:
    return scenario.update_heavy_rate is not None and UPDATE_DAY <= day < HOTFIX_DAY


def _use_share(day: int, scenario: Scenario) -> float:
    share = 0.55 + 0.35 * (1 - math.exp(-(day - 1) / 5))
    if _bad_update(day, scenario):
        return share * scenario.update_use_factor
    if day >= HOTFIX_DAY and scenario.has_hotfix:
        return share * (1 - 0.12 * math.exp(-(day - HOTFIX_DAY) / 3))
    return share


def _heavy_rate(day: int, scenario: Scenario) -> float:
    if _bad_update(day, scenario):
        return float(scenario.update_heavy_rate or 0.0)
    if day >= HOTFIX_DAY and scenario.has_hotfix:
        return 0.115 + 0.06 * math.exp(-(day - HOTFIX_DAY) / 3)
    return 0.11 + 0.08 * math.exp(-(day - 1) / 5)


def _discard_rate(day: int, scenario: Scenario) -> float:
    if _bad_update(day, scenario) and scenario.update_discard_rate is not None:
        return scenario.update_discard_rate
    return 0.035 + 0.015 * math.exp(-(day - 1) / 6)


def _minutes(day: int, scenario: Scenario) -> float:
    if _bad_update(day, scenario) and scenario.update_minutes is not None:
        return scenario.update_minutes
    return 4.8 + 1.8 * math.exp(-(day - 1) / 5)


def generate(seed: int, rows: int) -> Table:
    """``rows`` days of adoption figures for ``seed``."""
    if rows < 1:
        raise ValueError("rows must be 1 or more")
    scenario = scenario_for(seed)
    access = safety_reports.access_days(seed)
    log = safety_reports.reports(seed, rows)
    use_rng = make_rng(seed, "adoption-daily", "use")
    quality_rng = make_rng(seed, "adoption-daily", "quality")
    out: list[tuple] = []
    for day in range(1, rows + 1):
        weekday = WEEKDAYS[(day - 1) % 7]
        with_access = sum(1 for d in access if d <= day)
        factor = WEEKEND_FACTOR.get(weekday, 1.0)
        active = round_half_up(with_access * _use_share(day, scenario) * factor * (1 + use_rng.gauss(0.0, 0.03)))
        active = max(0, min(with_access, active))
        drafts = round_half_up(active * max(4.0, use_rng.gauss(9.5, 0.6)))
        heavy = round_half_up(drafts * max(0.0, _heavy_rate(day, scenario) + quality_rng.gauss(0.0, 0.01)))
        discarded = round_half_up(drafts * max(0.0, _discard_rate(day, scenario) + quality_rng.gauss(0.0, 0.006)))
        discarded = min(discarded, drafts - heavy)
        light = drafts - heavy - discarded
        minutes = round(_minutes(day, scenario) + quality_rng.gauss(0.0, 0.15), 1) if drafts else None
        new, still_open, overdue = safety_reports.daily_counts(log, day)
        out.append((day, week_of(day), weekday, version_on(day, scenario),
                    "yes" if version_approved(day, scenario) else "no", with_access, active, drafts, light, heavy,
                    discarded, minutes, new, still_open, overdue))
    return Table("adoption-daily", COLUMNS, out)


def facts(table: Table) -> dict[str, object]:
    """Headline facts for templates: the versions, whether any went live unapproved, the days covered."""
    records = table.records()
    versions = list(dict.fromkeys(r["tool_version"] for r in records))
    unapproved = sorted({r["tool_version"] for r in records if r["version_approved"] == "no"})
    return {"days": len(records), "versions": versions, "unapproved_versions": unapproved}
