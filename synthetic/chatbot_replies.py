"""Answers of three fictional assistants to the prompts: see :mod:`synthetic.chatbot_answers`."""

from __future__ import annotations

from typing import Any

from synthetic import chatbot_answers as cb
from synthetic.table import Table

SUMMARY = "Answers of three fictional assistants to every prompt (rows = prompts)."


def generate(seed: int, rows: int) -> Table:
    return cb.answers_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    """Every answer by "prompt_id/assistant", for the worked example to quote."""
    return {"answers": {f"{pid}/{assistant}": text for pid, assistant, text in table.rows}}
