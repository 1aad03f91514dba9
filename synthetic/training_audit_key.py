"""training-audit-key: what each audited prompt really contains (the answer key of the audit)."""

from __future__ import annotations

from typing import Any

from synthetic import training
from synthetic.table import Table

SUMMARY = "Answer key of the prompt audit: which identifier kind (name, mrn, phone, name+mrn or none) each prompt holds."
COLUMNS = ("audit_id", "learner_id", "tool", "contains")


def generate(seed: int, rows: int = 40) -> Table:
    return Table("training-audit-key", COLUMNS, [tuple(r[c] for c in COLUMNS) for r in training.audit(seed, rows)])


def facts(table: Table) -> dict[str, Any]:
    records = table.records()
    flagged = [r for r in records if r["contains"] != "none"]
    return {
        "prompts": len(records),
        "with_identifier": len(flagged),
        "pct": round(100 * len(flagged) / len(records)),
        "public_with_identifier": sum(r["tool"] == training.TOOLS[1] for r in flagged),
        "learners_with_identifier": len({r["learner_id"] for r in flagged}),
    }
