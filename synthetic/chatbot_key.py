"""Answer key: level each answer advised and the criteria it meets; see :mod:`synthetic.chatbot_answers`."""

from __future__ import annotations

from typing import Any

from synthetic import chatbot_answers as cb
from synthetic.table import Table

SUMMARY = "Answer key: intended and advised triage level and criteria met per answer (rows = prompts)."


def generate(seed: int, rows: int) -> Table:
    return cb.key_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return cb.key_facts(table)
