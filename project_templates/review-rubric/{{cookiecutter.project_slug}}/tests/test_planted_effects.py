"""The effects planted in the fictional reviewers' data are the ones the report recovers."""

from __future__ import annotations

import statistics

import report
from inputs import Inputs


def test_the_lenient_reviewer_scores_higher_and_the_absolute_icc_sees_it(inputs: Inputs) -> None:
    means = report.rater_means(inputs)
    for item in ("accurate", "thorough"):
        others = statistics.fmean([means[(1, "R1", item)], means[(1, "R2", item)]])
        assert means[(1, "R3", item)] - others > 0.3, item
    gap1 = means[(1, "R3", "accurate")] - means[(1, "R1", "accurate")]
    gap2 = means[(2, "R3", "accurate")] - means[(2, "R1", "accurate")]
    assert gap2 < gap1
    icc = report.iccs(inputs)[(1, "accurate")]
    assert icc["ICC(3,1)"] >= icc["ICC(2,1)"]


def test_the_vague_item_has_the_lowest_agreement_after_calibration(inputs: Inputs) -> None:
    cells = report.item_agreement(inputs)
    round2 = {item: cells[(2, item, "R1-R2")].kappa for item in inputs.items}
    assert min(round2, key=round2.get) == "useful"


def test_calibration_raises_agreement_on_the_behavioural_items(inputs: Inputs) -> None:
    cells = report.item_agreement(inputs)
    clear = [i for i in inputs.items if i != "useful"]
    before = statistics.fmean(cells[(1, i, "R1-R2")].kappa for i in clear)
    after = statistics.fmean(cells[(2, i, "R1-R2")].kappa for i in clear)
    assert after > before + 0.1


def test_rare_invented_details_high_percent_agreement_low_kappa(inputs: Inputs) -> None:
    c1 = report.critical_agreement(inputs)[(1, "C1")]
    assert c1["cell"].percent >= 0.8
    assert c1["cell"].kappa is not None and c1["cell"].kappa < 0.6
    assert report.critical_agreement(inputs)[(2, "C1")]["cell"].kappa == 1.0


def test_the_gate_fails_exactly_the_summaries_the_key_fails(inputs: Inputs) -> None:
    rows = report.verdicts(inputs)
    assert [r["gate"] for r in rows] == [r["key_gate"] for r in rows]
    assert {r["case"] for r in rows if r["gate"] == "fail"} >= {"CASE-01"}


def test_the_worked_case_fails_on_its_two_critical_errors_despite_a_middling_mean(inputs: Inputs) -> None:
    row = next(r for r in report.verdicts(inputs) if r["case"] == "CASE-01")
    assert row["errors"] == {"C2", "C3"} and row["gate"] == "fail"
