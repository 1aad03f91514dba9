"""training-learners: the fictional pilot's learners, their roles and level 1 reaction ratings (1-5)."""

from __future__ import annotations

from typing import Any

from synthetic import training
from synthetic.table import Table

SUMMARY = "Fictional learners of a safe-AI-use module: role, shift and two 1-5 reaction ratings."
COLUMNS = ("learner_id", "role", "shift", "reaction_relevance", "reaction_confidence")


def generate(seed: int, rows: int = 40) -> Table:
    ids = training.learner_ids(rows)
    roles = training.roles(rows)
    reactions = training.reactions(seed, rows)
    shifts = ["night" if i % 5 == 4 else "day" for i in range(rows)]
    return Table("training-learners", COLUMNS,
                 [(i, r, s, a, b) for i, r, s, (a, b) in zip(ids, roles, shifts, reactions)])


def facts(table: Table) -> dict[str, Any]:
    rel = [int(v) for v in table.column("reaction_relevance")]
    conf = [int(v) for v in table.column("reaction_confidence")]
    roles = table.column("role")
    return {
        "n": len(table),
        "relevance_mean": round(sum(rel) / len(rel), 2),
        "confidence_mean": round(sum(conf) / len(conf), 2),
        "relevance_top2": round(100 * sum(v >= 4 for v in rel) / len(rel)),
        "roles": {role: roles.count(role) for role, _ in training.ROLE_MIX},
    }
