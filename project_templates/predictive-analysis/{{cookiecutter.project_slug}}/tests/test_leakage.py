"""Leakage: no column known only after the moment of prediction may enter the model.

Read this test first: it is the check that would have stopped the too-good model. A column recorded after
discharge (case_review_flag is logged in the 30 days after it, mostly because of a readmission) reaches an
AUROC far above any honest predictor, so the screen flags it and the model must not use it.
"""

from __future__ import annotations

from analysis import leakage, model
from analysis.data import TIMING


def test_the_model_uses_nothing_recorded_after_discharge() -> None:
    after = {column for column, when in TIMING.items() if when == "after discharge"}
    assert after == {"case_review_flag"}
    assert not after & set(model.PREDICTORS)


def test_the_screen_flags_the_leaky_column_and_nothing_the_model_uses(cohort) -> None:
    flagged = {row["column"] for row in leakage.screen(cohort) if row["flag"]}
    assert flagged == {"case_review_flag"}


def test_the_leak_would_have_inflated_discrimination(built) -> None:
    results, _ = built
    with_leak = results["leakage"]["with_leak_internal_auroc"][0]
    honest = results["internal"]["auroc"]
    assert with_leak > 0.9 and with_leak - honest > 0.12
