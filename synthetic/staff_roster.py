"""Fictional staff roster of a 30-day AI documentation-assistant pilot in three fictional clinics.

One row per staff member who writes and signs visit notes. Roles, clinics and shifts come in exact
proportions (largest remainder), so the composition does not drift with the seed; who gets which
value is random. Each clinic has super-users (trained first, on the day shift) who support colleagues.
"""

from __future__ import annotations

from synthetic.identifiers import fake_id
from synthetic.pools import FIRST_NAMES, SURNAMES, person_name_at
from synthetic.rng import make_rng
from synthetic.rollout import (
    CLINIC_SHARES,
    PILOT_CLINICS,
    ROLE_SHARES,
    ROLES,
    SHIFT_SHARES,
    SHIFTS,
    shuffled,
    spread,
)
from synthetic.table import Table

SUMMARY = "Staff in a fictional AI documentation-assistant pilot: role, clinic, shift, super-user."
COLUMNS = ("staff_id", "name", "role", "clinic", "shift", "super_user")
SUPER_USERS_PER_CLINIC = 2


def generate(seed: int, rows: int) -> Table:
    """``rows`` fictional staff members for ``seed``."""
    if rows < 1:
        raise ValueError("rows must be 1 or more")
    roles = spread(make_rng(seed, "staff-roster", "role"), rows, ROLES, ROLE_SHARES)
    clinics = spread(make_rng(seed, "staff-roster", "clinic"), rows, PILOT_CLINICS, CLINIC_SHARES)
    shifts = spread(make_rng(seed, "staff-roster", "shift"), rows, SHIFTS, SHIFT_SHARES)
    pairs = len(FIRST_NAMES) * len(SURNAMES)
    name_order = shuffled(make_rng(seed, "staff-roster", "name"), list(range(pairs)))

    # Super-users: day-shift staff, the first few of each clinic in a random order.
    order = shuffled(make_rng(seed, "staff-roster", "super-user"), list(range(rows)))
    chosen: set[int] = set()
    for clinic in PILOT_CLINICS:
        members = [i for i in order if clinics[i] == clinic and shifts[i] == "day"]
        chosen.update(members[:SUPER_USERS_PER_CLINIC])

    out = [
        (
            fake_id("STAFF", i + 1),
            person_name_at(name_order[i % pairs]),
            roles[i],
            clinics[i],
            shifts[i],
            "yes" if i in chosen else "no",
        )
        for i in range(rows)
    ]
    return Table("staff-roster", COLUMNS, out)
