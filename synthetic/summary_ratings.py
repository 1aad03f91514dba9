"""Rubric ratings: see :mod:`synthetic.visit_summaries`."""

from __future__ import annotations

from typing import Any

from synthetic import visit_summaries as vs
from synthetic.table import Table

SUMMARY = "Rubric ratings (1-5) of every summary by three fictional reviewers, rounds 1 and 2 (rows = cases)."


def generate(seed: int, rows: int) -> Table:
    return vs.ratings(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return vs.rating_facts(table)
