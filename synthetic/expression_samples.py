"""Dataset ``expression-samples``: the sample sheet (batch, condition, recorded sex) of the fictional matrix."""

from __future__ import annotations

from typing import Any

from synthetic import expression as ex
from synthetic.table import Table

SUMMARY = "The sample sheet of the fictional expression matrix: batch, condition and recorded sex per sample"


def generate(seed: int, rows: int) -> Table:
    return ex.samples_table(seed)


def facts(table: Table) -> dict[str, Any]:
    return ex.samples_facts(table)
