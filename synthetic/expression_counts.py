"""Dataset ``expression-counts``: the fictional genes x samples count matrix (see synthetic.expression)."""

from __future__ import annotations

from typing import Any

from synthetic import expression as ex
from synthetic.table import Table

SUMMARY = "Fictional negative-binomial counts, genes x 96 samples, with planted batch, condition, subtype, low-quality and swap effects"


def generate(seed: int, rows: int) -> Table:
    return ex.counts_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return ex.counts_facts(table)
