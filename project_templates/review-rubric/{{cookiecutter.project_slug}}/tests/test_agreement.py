"""The agreement statistics against published or hand-worked values."""

from __future__ import annotations

import agreement as ag
import pytest


def test_icc_matches_shrout_and_fleiss_table() -> None:
    # Shrout and Fleiss (1979), 6 targets x 4 judges: ICC(2,1) = 0.29, ICC(3,1) = 0.71.
    data = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    values = ag.icc(data)
    assert values["ICC(2,1)"] == pytest.approx(0.29, abs=0.005)
    assert values["ICC(3,1)"] == pytest.approx(0.71, abs=0.01)


def test_icc_forgives_a_constant_offset_only_in_the_consistency_form() -> None:
    base = [1, 2, 3, 4, 5, 2, 3, 4]
    values = ag.icc([[x, x + 1] for x in base])
    assert values["ICC(3,1)"] == pytest.approx(1.0)
    assert values["ICC(2,1)"] < 0.9


def test_unweighted_kappa_by_hand() -> None:
    # 10 items: observed agreement 0.8, chance agreement 0.5 -> kappa 0.6.
    a = ["y"] * 5 + ["n"] * 5
    b = ["y"] * 4 + ["n"] + ["y"] + ["n"] * 4
    assert ag.percent_agreement(a, b) == pytest.approx(0.8)
    assert ag.cohen_kappa(a, b) == pytest.approx(0.6)


def test_weighted_kappa_penalises_near_misses_less() -> None:
    a = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    near = [2, 2, 3, 4, 4, 1, 3, 3, 4, 5]
    assert ag.cohen_kappa(a, near, range(1, 6), "linear") > ag.cohen_kappa(a, near, range(1, 6))
    assert ag.cohen_kappa(a, a, range(1, 6), "quadratic") == pytest.approx(1.0)


def test_kappa_is_undefined_when_both_raters_use_one_category() -> None:
    assert ag.cohen_kappa([3] * 12, [3] * 12, range(1, 6), "linear") is None
    assert ag.landis_koch(None) == "undefined"


def test_the_rare_error_paradox() -> None:
    # 20 summaries, one reviewer flags 3, the other 2 with only one in common: 85% agreement, kappa near 0.3.
    a = [True, True, True] + [False] * 17
    b = [True, False, False, True] + [False] * 16
    assert ag.percent_agreement(a, b) == pytest.approx(0.85)
    assert ag.cohen_kappa(a, b, [False, True]) == pytest.approx(0.318, abs=0.001)


def test_bootstrap_interval_is_fixed_and_brackets_the_estimate() -> None:
    a = [1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 2, 3]
    b = [1, 2, 4, 4, 5, 3, 3, 4, 4, 1, 2, 2]

    def stat(x: list[int], y: list[int]) -> float | None:
        return ag.cohen_kappa(x, y, range(1, 6), "linear")

    first = ag.bootstrap_ci(stat, [a, b], reps=300)
    assert first == ag.bootstrap_ci(stat, [a, b], reps=300)
    assert first is not None and first[0] <= stat(a, b) <= first[1]


def test_conventional_labels() -> None:
    assert [ag.landis_koch(v) for v in (-0.1, 0.1, 0.3, 0.5, 0.7, 0.9)] == [
        "poor", "slight", "fair", "moderate", "substantial", "almost perfect"]
    assert [ag.koo_li(v) for v in (0.4, 0.6, 0.8, 0.95)] == ["poor", "moderate", "good", "excellent"]


def test_wilson_and_mcnemar() -> None:
    lo, hi = ag.wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-3) and hi == pytest.approx(0.9433, abs=1e-3)
    assert ag.mcnemar_exact(0, 0) == 1.0
    assert ag.mcnemar_exact(1, 9) == pytest.approx(0.02148, abs=1e-4)
