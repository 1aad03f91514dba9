"""The answer key of the safety-checklist workflow: which line carries which planted risk.

Kept apart from the workflow (``data/answer_key/``) so a person applies the checklist first and compares
after. ``items`` lists the checklist items (``SC-xx``) that cover the risk, separated by ``;``.
See :mod:`synthetic.safety_workflow`.
"""

from __future__ import annotations

from synthetic.safety_workflow import draw
from synthetic.table import Table

SUMMARY = "Answer key: the planted risks of the safety-checklist workflow, the line of each and the items that cover it."
COLUMNS: tuple[str, ...] = ("risk_id", "line_id", "risk", "items", "why")


def generate(seed: int, rows: int = 1) -> Table:
    """One row per planted risk, in the order the lines appear."""
    _setting, lines = draw(seed)
    out = []
    for n, (part, _who, _text, risk) in enumerate(lines, start=1):
        if risk is not None:
            line_id = f"{'W' if part == 'workflow' else 'T'}{n:02d}"
            out.append((risk.id, line_id, risk.name, ";".join(risk.items), risk.why))
    return Table("planted_risks", COLUMNS, out)


def facts(table: Table) -> dict[str, object]:
    """How many risks were planted (for the datasheet, which lives beside the answer key)."""
    return {"planted": len(table), "risk_ids": table.column("risk_id")}
