"""Dataset ``expression-sample-key``: the answer key per sample (true group, low quality, label swap)."""

from __future__ import annotations

from typing import Any

from synthetic import expression as ex
from synthetic.table import Table

SUMMARY = "Answer key of the fictional expression matrix: each sample's true group, expressed sex, low-quality and swap flags"


def generate(seed: int, rows: int) -> Table:
    return ex.sample_key_table(seed)


def facts(table: Table) -> dict[str, Any]:
    return ex.sample_key_facts(table)
