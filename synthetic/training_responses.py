"""training-responses: every learner's choice on every quiz item, before and after the module."""

from __future__ import annotations

from typing import Any

from synthetic import training
from synthetic.table import Table

SUMMARY = "Quiz answers (A-D) of the fictional learners on 15 items, before (pre) and after (post) the module."
COLUMNS = ("learner_id", "phase", "item", "choice")


def generate(seed: int, rows: int = 40) -> Table:
    """``rows`` is the number of learners (each answers 15 items twice)."""
    return Table("training-responses", COLUMNS, training.responses(seed, rows))


def facts(table: Table) -> dict[str, Any]:
    """Scores and item statistics under the key as the quiz ships it (the figures the report computes)."""
    rows = list(table.rows)
    out: dict[str, Any] = {"items": len(training.ITEMS)}
    raw: dict[str, float] = {}
    for phase in ("pre", "post"):
        matrix = training.scores(rows, training.KEYED, phase)
        totals = [sum(v.values()) for v in matrix.values()]
        stats = training.item_stats(matrix)
        raw[phase] = sum(totals) / len(totals)
        if phase == "post":
            raw["phi"] = stats[training.PHI_ITEM]["p"] or 0.0
        out[phase] = {
            "n": len(matrix),
            "mean": round(sum(totals) / len(totals), 1),
            "mean_pct": round(100 * sum(totals) / (len(totals) * len(training.ITEMS))),
            "kr20": round(training.kr20(matrix) or 0.0, 2),
            "items": {i: {k: (None if v is None else round(v, 2)) for k, v in s.items()} for i, s in stats.items()},
        }
    out["gain"] = round(raw["post"] - raw["pre"], 1)
    out["easy"] = training.EASY_ITEM
    out["phi_item"] = training.PHI_ITEM
    out["phi_post_pct"] = round(100 * raw["phi"])
    out["negative"] = [i for i, s in out["post"]["items"].items() if s["rpb"] is not None and s["rpb"] < 0]
    return out
