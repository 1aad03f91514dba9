"""Daily adoption figures of the fictional 30-day pilot: one row per pilot day (``rows`` = days).

Staff get access once modules M1 and M2 are done (from the training tracker of the same seed with
the default roster of 60), and active users never exceed staff with access. Clinics run reduced
weekend sessions, so Saturdays and Sundays are quieter.

Planted, at fixed days for any seed: version 2.1 goes live on day 15 and drops medication changes
from some drafts. On days 15-18 the heavy-edit rate roughly doubles (about 26% against about 12% the
week before), discarded drafts rise, active use dips and eight extra safety reports arrive, which
stay open past the two-day triage limit until the 2.1.1 hotfix on day 19. From day 19 the rates
recover towards the week-2 level.
"""

from __future__ import annotations

import math

from synthetic import training_tracker
from synthetic.rng import make_rng
from synthetic.rollout import (
    ACCESS_MODULES,
    DEFAULT_STAFF,
    HOTFIX_DAY,
    TRIAGE_LIMIT_DAYS,
    UPDATE_DAY,
    WEEKDAYS,
    poisson,
    round_half_up,
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
PLANTED_REPORTS = {15: 2, 16: 3, 17: 2, 18: 1}
BASELINE_MINUTES = 7.4  # median minutes per note before the pilot (stated in the datasheet)


def _access_days(seed: int) -> list[int]:
    """Day on which each roster member got access (M1 and M2 done); unfinished staff are left out."""
    done: dict[str, dict[str, int]] = {}
    for rec in training_tracker.generate(seed, DEFAULT_STAFF).records():
        if rec["module_id"] in ACCESS_MODULES and rec["completed_day"] is not None:
            done.setdefault(rec["staff_id"], {})[rec["module_id"]] = int(rec["completed_day"])
    return sorted(max(d.values()) for d in done.values() if len(d) == len(ACCESS_MODULES))


def _use_share(day: int) -> float:
    share = 0.55 + 0.35 * (1 - math.exp(-(day - 1) / 5))
    if UPDATE_DAY <= day < HOTFIX_DAY:
        return share * 0.80
    if day >= HOTFIX_DAY:
        return share * (1 - 0.12 * math.exp(-(day - HOTFIX_DAY) / 3))
    return share


def _heavy_rate(day: int) -> float:
    if UPDATE_DAY <= day < HOTFIX_DAY:
        return 0.26
    if day >= HOTFIX_DAY:
        return 0.115 + 0.06 * math.exp(-(day - HOTFIX_DAY) / 3)
    return 0.11 + 0.08 * math.exp(-(day - 1) / 5)


def _discard_rate(day: int) -> float:
    if UPDATE_DAY <= day < HOTFIX_DAY:
        return 0.08
    return 0.035 + 0.015 * math.exp(-(day - 1) / 6)


def _minutes(day: int) -> float:
    if UPDATE_DAY <= day < HOTFIX_DAY:
        return 6.1
    return 4.8 + 1.8 * math.exp(-(day - 1) / 5)


def generate(seed: int, rows: int) -> Table:
    """``rows`` days of adoption figures for ``seed``."""
    if rows < 1:
        raise ValueError("rows must be 1 or more")
    access = _access_days(seed)
    use_rng = make_rng(seed, "adoption-daily", "use")
    quality_rng = make_rng(seed, "adoption-daily", "quality")
    report_rng = make_rng(seed, "adoption-daily", "reports")
    open_reports: list[tuple[int, int]] = []  # (day reported, day resolved)
    out: list[tuple] = []
    for day in range(1, rows + 1):
        weekday = WEEKDAYS[(day - 1) % 7]
        with_access = sum(1 for d in access if d <= day)
        factor = WEEKEND_FACTOR.get(weekday, 1.0)
        active = round_half_up(with_access * _use_share(day) * factor * (1 + use_rng.gauss(0.0, 0.03)))
        active = max(0, min(with_access, active))
        drafts = round_half_up(active * max(4.0, use_rng.gauss(9.5, 0.6)))
        heavy = round_half_up(drafts * max(0.0, _heavy_rate(day) + quality_rng.gauss(0.0, 0.01)))
        discarded = round_half_up(drafts * max(0.0, _discard_rate(day) + quality_rng.gauss(0.0, 0.006)))
        discarded = min(discarded, drafts - heavy)
        light = drafts - heavy - discarded
        minutes = round(_minutes(day) + quality_rng.gauss(0.0, 0.15), 1) if drafts else None

        new = PLANTED_REPORTS.get(day, 0) + poisson(report_rng, 0.2 * factor if active else 0.0)
        for i in range(new):
            if day in PLANTED_REPORTS and i < PLANTED_REPORTS[day]:
                resolved = HOTFIX_DAY + int(report_rng.random() * 2)  # closed once the hotfix is verified
            else:
                resolved = day + 1 + int(report_rng.random() * TRIAGE_LIMIT_DAYS)
            open_reports.append((day, resolved))
        still_open = [(d, r) for d, r in open_reports if r > day]
        overdue = sum(1 for d, _ in still_open if day - d >= TRIAGE_LIMIT_DAYS)
        out.append((day, week_of(day), weekday, version_on(day), with_access, active, drafts, light, heavy,
                    discarded, minutes, new, len(still_open), overdue))
    return Table("adoption-daily", COLUMNS, out)
