"""Fictional health prompts with intended triage levels: see :mod:`synthetic.chatbot_answers`."""

from __future__ import annotations

from typing import Any

from synthetic import chatbot_answers as cb
from synthetic.table import Table

SUMMARY = cb.SUMMARY


def generate(seed: int, rows: int) -> Table:
    return cb.prompts_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    """Prompt ids by level (first of each level first) and the id of the worked-example prompt (chest pain)."""
    records = table.records()
    by_level = {level: [r["prompt_id"] for r in records if r["level"] == level] for level in cb.LEVELS}
    worked = next((r["prompt_id"] for r in records if r["prompt"] == cb.PROMPTS[0].text), None)
    return {"by_level": by_level, "worked": worked, "count": len(records),
            "levels": {r["prompt_id"]: r["level"] for r in records},
            "texts": {r["prompt_id"]: r["prompt"] for r in records}}
