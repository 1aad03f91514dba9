"""Fictional reference sheets (medicine sheets, risk fact sheets, red-flag lists) for the patient drafts."""

from __future__ import annotations

from typing import Any

from synthetic.patient_drafts import sources
from synthetic.table import Table

SUMMARY = "Fictional reference sheets a reviewer checks the patient drafts against"


def generate(seed: int, rows: int = 6, **_options: str) -> Table:
    """The sources for the drafts of this seed (``rows`` is fixed by design)."""
    return sources(seed)


def facts(table: Table) -> dict[str, Any]:
    """Source ids and titles, for the worked example's 'source consulted' column."""
    return {"sources": {row[0]: row[2] for row in table.rows}}
