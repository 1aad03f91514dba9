"""training-planted: the planted flaws of the quiz and the pilot, for checking one's own findings."""

from __future__ import annotations

from typing import Any

from synthetic import training
from synthetic.table import Table

SUMMARY = "The planted effects of the training pilot (mis-keyed item, dead distractor, too-easy item, audit gap)."
COLUMNS = ("effect", "item", "option", "detail", "evidence")


def _evidence(seed: int, learners: int = 40) -> list[str]:
    """What each planted effect looks like in this seed's data (the figures the report shows)."""
    rows = training.responses(seed, learners)
    post = training.item_stats(training.scores(rows, training.KEYED, "post"))
    pre = training.item_stats(training.scores(rows, training.KEYED, "pre"))
    dead_item, dead_option = training.DEAD_DISTRACTOR
    dead = sum(1 for r in rows if r[2] == dead_item and r[3] == dead_option)
    audit = training.audit(seed, learners)
    unsafe = sum(1 for r in audit if r["contains"] != "none")
    mis = post[training.MISKEYED_ITEM]
    rpb = "n/a" if mis["rpb"] is None else f"{mis['rpb']:.2f}"
    return [
        f"post-test corrected point-biserial {rpb} and D {mis['d']:.2f} under the shipped key",
        f"chosen {dead} times in {len(rows) // len(training.ITEMS)} answers",
        f"p = {pre[training.EASY_ITEM]['p']:.2f} before and {post[training.EASY_ITEM]['p']:.2f} after",
        f"p = {post[training.PHI_ITEM]['p']:.2f} after the module; {unsafe} of {len(audit)} audited prompts "
        f"({100 * unsafe / len(audit):.0f}%) carry an identifier",
    ]


def generate(seed: int, rows: int = 4) -> Table:
    dead_item, dead_option = training.DEAD_DISTRACTOR
    planted: list[tuple[str, str, str, str]] = [
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
    body = [(*row, evidence) for row, evidence in zip(planted, _evidence(seed))]
    return Table("training-planted", COLUMNS, body[: max(rows, 1)] if rows < len(body) else body)


def facts(table: Table) -> dict[str, Any]:
    return {"effects": len(table)}
