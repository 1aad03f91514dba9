"""Two fictional raters' yes/no per criterion and answer: see :mod:`synthetic.chatbot_answers`."""

from __future__ import annotations

from typing import Any

from synthetic import chatbot_answers as cb
from synthetic.table import Table

SUMMARY = "Two fictional raters' met / not met on every criterion of every answer (rows = prompts)."


def generate(seed: int, rows: int) -> Table:
    return cb.ratings_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return cb.rating_facts(table)
