"""The item statistics: formulas cross-checked by a second route, and the planted flaws found."""

from __future__ import annotations

import statistics

import items
import pytest
from inputs import Inputs


def _alpha(matrix: items.Matrix) -> float:
    """Cronbach's alpha from item variances: equals KR-20 for 0/1 items (population variances)."""
    learners = list(matrix)
    names = list(matrix[learners[0]])
    k = len(names)
    item_var = sum(statistics.pvariance([matrix[lr][it] for lr in learners]) for it in names)
    total_var = statistics.pvariance([sum(matrix[lr].values()) for lr in learners])
    return k / (k - 1) * (1 - item_var / total_var)


def test_kr20_equals_cronbach_alpha(inputs: Inputs) -> None:
    for phase in ("pre", "post"):
        matrix = items.score(inputs.responses, inputs.key, phase)
        assert items.kr20(matrix) == pytest.approx(_alpha(matrix), abs=1e-12)


def test_point_biserial_is_pearson_with_the_rest_score(inputs: Inputs) -> None:
    matrix = items.score(inputs.responses, inputs.key, "post")
    stats = items.item_stats(matrix)
    for item, s in stats.items():
        x = [matrix[lr][item] for lr in matrix]
        rest = [sum(matrix[lr].values()) - matrix[lr][item] for lr in matrix]
        if len(set(x)) > 1:
            assert s["rpb"] == pytest.approx(statistics.correlation(x, rest), abs=1e-12)
        else:
            assert s["rpb"] is None


def test_statistics_on_a_hand_worked_matrix() -> None:
    # Four learners, three items; totals 3, 2, 1, 0. With n = 4 the 27% groups hold one learner each.
    matrix = {"L1": {"a": 1, "b": 1, "c": 1}, "L2": {"a": 1, "b": 1, "c": 0},
              "L3": {"a": 1, "b": 0, "c": 0}, "L4": {"a": 0, "b": 0, "c": 0}}
    stats = items.item_stats(matrix)
    assert [stats[i]["p"] for i in "abc"] == [0.75, 0.5, 0.25]
    assert [stats[i]["d"] for i in "abc"] == [1.0, 1.0, 1.0]
    # sum pq = .1875 + .25 + .1875 = .625; totals 3,2,1,0 have variance 1.25; KR-20 = 1.5 * (1 - .5) = .75
    assert items.kr20(matrix) == pytest.approx(0.75)
    assert items.kr20({"L1": {"a": 1, "b": 1}, "L2": {"a": 1, "b": 1}}) is None


def test_bands_follow_ebel_and_frisbie() -> None:
    assert items.discrimination_label(-0.1).startswith("negative")
    assert [items.discrimination_label(v) for v in (0.1, 0.2, 0.3, 0.4)] == ["poor", "fair", "good", "excellent"]


def _planted(inputs: Inputs, effect: str) -> dict[str, str]:
    return next(p for p in inputs.planted if p["effect"] == effect)


def test_the_planted_miskey_discriminates_negatively(inputs: Inputs) -> None:
    """Scored with the key the quiz shipped with, the mis-keyed item correlates negatively with the rest."""
    planted = _planted(inputs, "mis-keyed item")
    key = {**inputs.key, planted["item"]: planted["option"]}
    stats = items.item_stats(items.score(inputs.responses, key, "post"))
    assert stats[planted["item"]]["rpb"] < 0
    assert stats[planted["item"]]["d"] < 0


def test_the_planted_dead_distractor_is_never_chosen(inputs: Inputs, analysis: dict) -> None:
    planted = _planted(inputs, "non-functional distractor")
    assert analysis["counts"][planted["item"]][planted["option"]] == 0
    if inputs.key[planted["item"]] != planted["option"]:
        assert any("chosen by nobody" in note for note in analysis["flags"][planted["item"]])


def test_knowledge_and_behaviour_diverge(analysis: dict) -> None:
    audit = analysis["audit"]
    assert audit["phi_post_pct"] >= 80
    assert audit["flagged"] > 0 and audit["learners_phi_right"] >= 1
