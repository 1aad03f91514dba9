"""The answer key to the readmission cohort: true need and true prior admissions (see :mod:`synthetic.readmission`)."""

from __future__ import annotations

from typing import Any

from synthetic.readmission import build
from synthetic.table import Table

SUMMARY = "Answer key to the readmission cohort: true 30-day need and unrecorded prior admissions (rows = discharges)."
COLUMNS = ("patient_id", "need_30d", "true_prior_admissions")


def generate(seed: int, rows: int) -> Table:
    """True need for each discharge of :func:`synthetic.readmission.build` with the same seed and rows."""
    return Table("readmission_key", COLUMNS, [tuple(r[c] for c in COLUMNS) for r in build(seed, rows)])


def facts(table: Table) -> dict[str, Any]:
    """How many discharges had a true need."""
    rows = table.records()
    return {"rows": len(rows), "need": sum(r["need_30d"] for r in rows)}
