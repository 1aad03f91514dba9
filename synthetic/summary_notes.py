"""Fictional outpatient visit notes, one row per line: see :mod:`synthetic.visit_summaries`."""

from __future__ import annotations

from synthetic import visit_summaries as vs
from synthetic.table import Table

SUMMARY = "Fictional outpatient visit notes, one row per line (rows = cases)."


def generate(seed: int, rows: int) -> Table:
    return vs.notes(seed, rows)
