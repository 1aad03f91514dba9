"""The answer key of the patient drafts: where each planted problem is, kept apart from the drafts."""

from __future__ import annotations

from collections import Counter
from typing import Any

from synthetic.patient_drafts import answer_key
from synthetic.table import Table

SUMMARY = "Answer key: the planted problems of each fictional patient draft, with exact spans"


def generate(seed: int, rows: int = 24, **_options: str) -> Table:
    """The key for the drafts of this seed (``rows`` is fixed by design)."""
    return answer_key(seed)


def facts(table: Table) -> dict[str, Any]:
    """How many planted problems each draft carries."""
    return {"per_draft": dict(Counter(table.column("draft_id"))), "total": len(table)}
