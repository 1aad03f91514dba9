"""Training tracker of the fictional pilot: one row per staff member and required module.

``rows`` is the number of staff: the tracker covers the staff-roster generated with the same seed
and size, four modules each (so ``rows=60`` gives 240 rows). Days are pilot day numbers (1-30),
never calendar dates.

Planted, at exact strength within each scenario (``synthetic.rollout.scenario_for(seed)``): the share
of each role that has not finished every module by day 30, rounded half up. In the
``unapproved-update`` and ``training-gap`` scenarios physicians 28%, nurse practitioners 11%,
physician assistants 0%, registered nurses 4%, so physicians fall below an 80% floor and the whole
roster just below 90%; in ``steady`` only one physician and one registered nurse do not finish.
Module M2 (checking drafts) has the lowest first-attempt quiz scores, so the most retakes.
"""

from __future__ import annotations

import random

from synthetic import staff_roster
from synthetic.rng import make_rng, weighted_index
from synthetic.rollout import MODULES, ROLES, round_half_up, scenario_for
from synthetic.table import Table

SUMMARY = "Required training-module completions (day numbers, quiz scores) for the staff roster of the same seed (rows = staff)."
COLUMNS = (
    "staff_id",
    "role",
    "clinic",
    "module_id",
    "module",
    "assigned_day",
    "due_day",
    "completed_day",
    "attempts",
    "quiz_score",
    "status",
)
PASS_MARK = 80
LAST_COMPLETION_DAY = 28
QUIZ_MEAN: dict[str, float] = {"M1": 91.0, "M2": 83.0, "M3": 89.0, "M4": 90.0}
ROLE_LAG: dict[str, int] = {"physician": 2, "nurse practitioner": 1, "physician assistant": 1, "registered nurse": 0}
SHIFT_LAG: dict[str, int] = {"day": 0, "evening": 1, "part-time": 3}
SHIFT_WEIGHT: dict[str, float] = {"day": 1.0, "evening": 1.5, "part-time": 3.0}  # odds of not finishing
# Which modules an unfinished person is missing (M4 is assigned last, so it is always among them).
MISSING_SETS: tuple[tuple[str, ...], ...] = (("M4",), ("M2", "M4"), ("M3", "M4"))
MISSING_WEIGHTS: list[float] = [0.6, 0.25, 0.15]


def _pick_unfinished(rng: random.Random, staff: list[dict], shares: dict[str, float]) -> set[str]:
    """Staff ids that will not finish, in the planted share per role (never super-users)."""
    chosen: set[str] = set()
    for role in ROLES:
        members = [s for s in staff if s["role"] == role]
        want = round_half_up(len(members) * shares[role])
        pool = [s for s in members if s["super_user"] == "no"]
        weights = [SHIFT_WEIGHT[s["shift"]] for s in pool]
        for _ in range(min(want, len(pool))):
            index = weighted_index(rng, weights)
            weights.pop(index)
            chosen.add(pool.pop(index)["staff_id"])
    return chosen


def generate(seed: int, rows: int) -> Table:
    """Module records for the ``rows`` staff of the roster with the same seed."""
    staff = staff_roster.generate(seed, rows).records()
    unfinished = _pick_unfinished(make_rng(seed, "training-tracker", "unfinished"), staff,
                                  scenario_for(seed).incomplete_share)
    missing_rng = make_rng(seed, "training-tracker", "missing")
    day_rng = make_rng(seed, "training-tracker", "day")
    quiz_rng = make_rng(seed, "training-tracker", "quiz")
    out: list[tuple] = []
    for person in staff:
        missing: tuple[str, ...] = ()
        if person["staff_id"] in unfinished:
            missing = MISSING_SETS[weighted_index(missing_rng, MISSING_WEIGHTS)]
        lag = ROLE_LAG[person["role"]] + SHIFT_LAG[person["shift"]]
        done_m1 = 1
        for module_id, title, assigned, due in MODULES:
            if person["super_user"] == "yes":
                day = assigned + int(day_rng.random() * 2)
            else:
                day = assigned + int(abs(day_rng.gauss(0.0, 2.2))) + lag + (0 if module_id == "M1" else 1)
            if module_id == "M1":
                done_m1 = day
            elif module_id == "M2":
                day = max(day, done_m1)
            day = min(day, LAST_COMPLETION_DAY)
            first_try = quiz_rng.gauss(QUIZ_MEAN[module_id], 7.0)
            if module_id in missing:
                out.append((person["staff_id"], person["role"], person["clinic"], module_id, title,
                            assigned, due, None, 0, None, "not completed"))
                continue
            if first_try >= PASS_MARK:
                attempts, score = 1, min(100, int(first_try))
            else:
                attempts, score = 2, PASS_MARK + int(quiz_rng.random() * 16)
            status = "on time" if day <= due else "late"
            out.append((person["staff_id"], person["role"], person["clinic"], module_id, title,
                        assigned, due, day, attempts, score, status))
    return Table("training-tracker", COLUMNS, out)
