"""Shared facts of the fictional 30-day pilot behind the ``rollout-plan`` datasets.

The pilot: three fictional clinics try an AI documentation assistant that drafts visit-note
summaries for clinicians to review, edit and sign. Four datasets describe it (staff roster,
training tracker, pilot survey, daily adoption); they share the constants below so that they
agree with each other for the same seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from synthetic.pools import CLINIC_NAMES
from synthetic.rng import make_rng

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

# The vendor's version 2.1 goes live on day 15 in every scenario; where it skipped change control it
# dropped medication changes from some drafts and the hotfix 2.1.1 arrived on day 19.
BASE_VERSION = "2.0"
UPDATE_VERSION = "2.1"
HOTFIX_VERSION = "2.1.1"
UPDATE_DAY = 15
HOTFIX_DAY = 19
TRIAGE_LIMIT_DAYS = 2
WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# Error types a safety report can name. The stop rule counts reports of ONE type within 2 days.
MEDICATION_ERROR = "medication change dropped"
PRIVACY_INCIDENT = "privacy incident"
BACKGROUND_ERROR_TYPES: tuple[str, ...] = ("finding left out", "invented detail", "wrong side or site", "other")
ERROR_TYPES: tuple[str, ...] = (MEDICATION_ERROR, *BACKGROUND_ERROR_TYPES, PRIVACY_INCIDENT)


@dataclass(frozen=True)
class Scenario:
    """What happens in one pilot: the seed picks one, so different people get different stories.

    ``decision`` is what the default criteria in the project's plan/go-no-go.yaml conclude on the
    data (the project computes it; this is what the generators aim at).
    """

    id: str
    decision: str
    summary: str
    update_approved: bool  # did version 2.1 pass change control before it reached users?
    has_hotfix: bool  # 2.1.1 on day 19 (only after a bad update)
    incomplete_share: dict[str, float]  # per role, share NOT finishing every module by day 30
    planted_reports: dict[int, tuple[str, ...]]  # day -> error types of reports tied to the update
    planted_overdue: bool  # planted reports stay open until the hotfix is checked
    signed_note_errors: dict[int, str]  # day -> error type found in a signed note by the sample review
    update_heavy_rate: float | None  # heavy-edit rate on days 15-18 (None: no change)
    update_discard_rate: float | None
    update_use_factor: float  # active use on days 15-18 relative to normal
    update_minutes: float | None
    survey_after_update: bool  # close-survey trust falls and the safety-concern item rises


SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for s in (
        Scenario(
            id="unapproved-update",
            decision="no-go",
            summary=("version 2.1 reached users on day 15 without change-control approval and dropped medication "
                     "changes from some drafts; reports of that one error type breached the stop rule, some went "
                     "past the triage limit, and the sample review found one in a signed note"),
            update_approved=False,
            has_hotfix=True,
            incomplete_share=INCOMPLETE_SHARE,
            planted_reports={15: (MEDICATION_ERROR,) * 2, 16: (MEDICATION_ERROR,) * 3, 17: (MEDICATION_ERROR,) * 2,
                             18: (MEDICATION_ERROR,)},
            planted_overdue=True,
            signed_note_errors={18: MEDICATION_ERROR},
            update_heavy_rate=0.26,
            update_discard_rate=0.08,
            update_use_factor=0.80,
            update_minutes=6.1,
            survey_after_update=True,
        ),
        Scenario(
            id="training-gap",
            decision="extend pilot",
            summary=("version 2.1 passed change control before day 15 and behaved; physicians fell behind on "
                     "training, so the whole roster finished below the target"),
            update_approved=True,
            has_hotfix=False,
            incomplete_share=INCOMPLETE_SHARE,
            planted_reports={16: ("finding left out",), 18: ("invented detail",)},
            planted_overdue=False,
            signed_note_errors={},
            update_heavy_rate=None,
            update_discard_rate=None,
            update_use_factor=1.0,
            update_minutes=None,
            survey_after_update=False,
        ),
        Scenario(
            id="steady",
            decision="go",
            summary=("version 2.1 passed change control before day 15 and behaved; nearly every clinician finished "
                     "training, and every safety report was triaged in time"),
            update_approved=True,
            has_hotfix=False,
            incomplete_share={"physician": 0.06, "nurse practitioner": 0.0, "physician assistant": 0.0,
                              "registered nurse": 0.04},
            planted_reports={17: ("finding left out",)},
            planted_overdue=False,
            signed_note_errors={},
            update_heavy_rate=None,
            update_discard_rate=None,
            update_use_factor=1.0,
            update_minutes=None,
            survey_after_update=False,
        ),
    )
}
SCENARIO_ORDER: tuple[str, ...] = ("unapproved-update", "training-gap", "steady")


def scenario_for(seed: int) -> Scenario:
    """The pilot's story for ``seed``: each of the three is equally likely."""
    rng = make_rng(seed, "pilot", "scenario")
    return SCENARIOS[SCENARIO_ORDER[int(rng.random() * len(SCENARIO_ORDER))]]


def version_on(day: int, scenario: Scenario | None = None) -> str:
    """The tool version live on a pilot day (the hotfix exists only after a bad update)."""
    if day >= HOTFIX_DAY and (scenario is None or scenario.has_hotfix):
        return HOTFIX_VERSION
    if day >= UPDATE_DAY:
        return UPDATE_VERSION
    return BASE_VERSION


def version_approved(day: int, scenario: Scenario) -> bool:
    """Whether the version live on ``day`` passed change control before it reached users."""
    return version_on(day, scenario) != UPDATE_VERSION or scenario.update_approved


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
