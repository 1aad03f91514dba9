"""Shared facts of the fictional 30-day pilot behind the ``rollout-plan`` datasets.

The pilot: three fictional clinics try an AI documentation assistant that drafts visit-note
summaries for clinicians to review, edit and sign. Four datasets describe it (staff roster,
training tracker, pilot survey, daily adoption); they share the constants below so that they
agree with each other for the same seed.
"""

from __future__ import annotations

import random

from synthetic.pools import CLINIC_NAMES

PILOT_DAYS = 30
DEFAULT_STAFF = 60
PILOT_CLINICS: tuple[str, ...] = CLINIC_NAMES[:3]
CLINIC_SHARES: tuple[float, ...] = (0.40, 0.35, 0.25)

# Roles that write and sign visit notes, with their share of the roster.
ROLES: tuple[str, ...] = ("physician", "nurse practitioner", "physician assistant", "registered nurse")
ROLE_SHARES: tuple[float, ...] = (0.30, 0.15, 0.10, 0.45)

SHIFTS: tuple[str, ...] = ("day", "evening", "part-time")
SHIFT_SHARES: tuple[float, ...] = (0.65, 0.20, 0.15)

# (module id, title, assigned day, due day). Access to the tool opens once M1 and M2 are done.
MODULES: tuple[tuple[str, str, int, int], ...] = (
    ("M1", "Tool basics and the sign-off rule", 1, 3),
    ("M2", "Checking drafts for omissions and invented details", 1, 5),
    ("M3", "Privacy: what never goes into the tool", 1, 5),
    ("M4", "Reporting a safety concern", 8, 12),
)
ACCESS_MODULES: tuple[str, ...] = ("M1", "M2")

# Planted training effect: exact share of each role that has NOT finished every module by day 30.
INCOMPLETE_SHARE: dict[str, float] = {
    "physician": 0.28,
    "nurse practitioner": 0.11,
    "physician assistant": 0.0,
    "registered nurse": 0.04,
}

# Planted adoption effect: the vendor's version 2.1 (day 15) dropped medication changes from some
# drafts; the hotfix 2.1.1 arrived on day 19.
BASE_VERSION = "2.0"
UPDATE_VERSION = "2.1"
HOTFIX_VERSION = "2.1.1"
UPDATE_DAY = 15
HOTFIX_DAY = 19
TRIAGE_LIMIT_DAYS = 2
WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def version_on(day: int) -> str:
    """The tool version live on a pilot day."""
    if day >= HOTFIX_DAY:
        return HOTFIX_VERSION
    if day >= UPDATE_DAY:
        return UPDATE_VERSION
    return BASE_VERSION


def week_of(day: int) -> int:
    """Plan week of a pilot day: days 1-7 are week 1 ... days 22-30 are week 4 (later days week 5+)."""
    if day <= PILOT_DAYS:
        return min(4, (day - 1) // 7 + 1)
    return 5 + (day - PILOT_DAYS - 1) // 7


def round_half_up(value: float) -> int:
    """Round to the nearest whole number, halves upwards (no banker's rounding)."""
    return int(value + 0.5)


def allocate(total: int, shares: tuple[float, ...] | list[float]) -> list[int]:
    """Split ``total`` into whole counts proportional to ``shares`` (largest remainder, ties by order)."""
    weight = sum(shares)
    exact = [total * s / weight for s in shares]
    counts = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def shuffled(rng: random.Random, items: list) -> list:
    """A shuffled copy (Fisher-Yates on ``rng.random()``, stable across Python versions)."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def spread(rng: random.Random, total: int, labels: tuple[str, ...], shares: tuple[float, ...]) -> list[str]:
    """``total`` labels in exact proportions, in random order."""
    values: list[str] = []
    for label, count in zip(labels, allocate(total, shares)):
        values += [label] * count
    return shuffled(rng, values)


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw by inversion (small ``lam`` only)."""
    threshold = 2.718281828459045 ** (-lam)
    k, product = 0, rng.random()
    while product > threshold:
        k += 1
        product *= rng.random()
    return k
