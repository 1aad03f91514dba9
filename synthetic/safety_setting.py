"""The setting of the safety-checklist workflow: clinic, tool, task (see :mod:`synthetic.safety_workflow`)."""

from __future__ import annotations

from synthetic.safety_workflow import setting
from synthetic.table import Table

SUMMARY = "The fictional clinic, AI tool and task of the safety-checklist workflow (one row)."
COLUMNS: tuple[str, ...] = ("clinic", "tool", "task", "task_title", "vendor_site", "claimed_accuracy")


def generate(seed: int, rows: int = 1) -> Table:
    """One row: the names the workflow uses."""
    s = setting(seed)
    return Table("setting", COLUMNS, [(s["clinic"], s["tool"], s["task"], s["task_title"], s["site"], s["figure"])])


def facts(table: Table) -> dict[str, object]:
    """The names, for the README and the datasheet."""
    return table.records()[0]
