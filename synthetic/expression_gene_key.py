"""Dataset ``expression-gene-key``: the answer key per gene (planted role and log2 fold change)."""

from __future__ import annotations

from typing import Any

from synthetic import expression as ex
from synthetic.table import Table

SUMMARY = "Answer key of the fictional expression matrix: each gene's planted role and log2 fold change"


def generate(seed: int, rows: int) -> Table:
    return ex.gene_key_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return ex.gene_key_facts(table)
