"""Critical errors each fictional reviewer listed per summary, rounds 1 and 2: see :mod:`synthetic.visit_summaries`."""

from __future__ import annotations

from typing import Any

from synthetic import visit_summaries as vs
from synthetic.table import Table

SUMMARY = "Critical errors each fictional reviewer listed per summary, rounds 1 and 2 (rows = cases)."


def generate(seed: int, rows: int) -> Table:
    return vs.flags(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return vs.flag_facts(table)
