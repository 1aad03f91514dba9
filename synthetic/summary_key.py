"""Answer key to the planted summary defects: see :mod:`synthetic.visit_summaries`."""

from __future__ import annotations

from typing import Any

from synthetic import visit_summaries as vs
from synthetic.table import Table

SUMMARY = "Answer key to the planted summary defects: defect, critical error, lines, why (rows = cases)."


def generate(seed: int, rows: int) -> Table:
    return vs.key(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return vs.key_facts(table)
