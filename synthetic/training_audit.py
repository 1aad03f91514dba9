"""training-audit: prompts the fictional learners typed into AI tools in the month after training."""

from __future__ import annotations

from typing import Any

from synthetic import training
from synthetic.table import Table

SUMMARY = "A simulated audit of three prompts per learner (tool used and prompt text), some carrying fictional identifiers."
COLUMNS = ("audit_id", "learner_id", "week", "tool", "prompt")


def generate(seed: int, rows: int = 40) -> Table:
    """``rows`` is the number of learners (three audited prompts each)."""
    return Table("training-audit", COLUMNS, [tuple(r[c] for c in COLUMNS) for r in training.audit(seed, rows)])


def facts(table: Table) -> dict[str, Any]:
    tools = table.column("tool")
    return {
        "prompts": len(table),
        "learners": len(set(table.column("learner_id"))),
        "public": tools.count(training.TOOLS[1]),
    }
