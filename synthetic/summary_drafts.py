"""AI-written summaries of the visit notes with planted defects, one row per line: see :mod:`synthetic.visit_summaries`."""

from __future__ import annotations

from synthetic import visit_summaries as vs
from synthetic.table import Table

SUMMARY = "AI-written summaries of the visit notes with planted defects, one row per line (rows = cases)."


def generate(seed: int, rows: int) -> Table:
    return vs.summaries(seed, rows)
