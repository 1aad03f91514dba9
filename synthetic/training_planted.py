"""training-planted: the planted flaws of the quiz and the pilot, for checking one's own findings."""

from __future__ import annotations

from typing import Any

from synthetic import training
from synthetic.table import Table

SUMMARY = "The planted effects of the training pilot (mis-keyed item, dead distractor, too-easy item, audit gap)."
COLUMNS = ("effect", "item", "option", "detail")


def generate(seed: int, rows: int = 4) -> Table:
    dead_item, dead_option = training.DEAD_DISTRACTOR
    body = [
        ("mis-keyed item", training.MISKEYED_ITEM, training.MISKEYED_AS,
         f"the key says {training.MISKEYED_AS} but the defensible answer is {training.CORRECT[training.MISKEYED_ITEM]}; "
         "strong learners choose the right answer and are marked wrong, so discrimination is negative"),
        ("non-functional distractor", dead_item, dead_option, "no learner chooses it before or after the module"),
        ("too-easy item", training.EASY_ITEM, training.CORRECT[training.EASY_ITEM],
         f"answered correctly with probability {training.EASY_P} whatever the learner knows, so it teaches and measures nothing"),
        ("knowledge-behaviour gap", training.PHI_ITEM, training.CORRECT[training.PHI_ITEM],
         f"most learners answer the PHI item correctly after the module, yet {round(100 * training.AUDIT_IDENTIFIER_SHARE)}% "
         "of audited prompts carry an identifier, whatever the learner's quiz score"),
    ]
    return Table("training-planted", COLUMNS, body[: max(rows, 1)] if rows < len(body) else body)


def facts(table: Table) -> dict[str, Any]:
    return {"effects": len(table)}
