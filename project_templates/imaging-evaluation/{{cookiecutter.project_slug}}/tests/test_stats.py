"""The statistics against their definitions and known values."""

from __future__ import annotations

import math

import pytest
import stats


def _binom_tail_ge(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1))


@pytest.mark.parametrize(("k", "n"), [(1, 10), (7, 10), (23, 43), (40, 50)])
def test_clopper_pearson_matches_its_definition(k: int, n: int) -> None:
    lo, hi = stats.clopper_pearson(k, n)
    # The exact bounds are where the binomial tails equal alpha / 2.
    assert _binom_tail_ge(k, n, lo) == pytest.approx(0.025, abs=1e-6)
    assert 1 - _binom_tail_ge(k + 1, n, hi) == pytest.approx(0.025, abs=1e-6)


def test_clopper_pearson_edges() -> None:
    assert stats.clopper_pearson(0, 10)[0] == 0.0 and stats.clopper_pearson(10, 10)[1] == 1.0
    assert stats.clopper_pearson(0, 10)[1] == pytest.approx(1 - 0.025 ** (1 / 10), abs=1e-9)


def test_wilson_known_value_and_width() -> None:
    # 81 of 263: the Wilson interval 0.2553-0.3662 (Newcombe 1998, method 3 example rounded).
    lo, hi = stats.wilson(81, 263)
    assert (round(lo, 3), round(hi, 3)) == (0.255, 0.366)
    assert stats.clopper_pearson(81, 263)[1] - stats.clopper_pearson(81, 263)[0] > hi - lo


def test_ppv_and_npv_follow_bayes() -> None:
    assert stats.ppv(0.9, 0.9, 0.5) == pytest.approx(0.9)
    assert stats.ppv(0.85, 0.92, 0.02) == pytest.approx(0.017 / (0.017 + 0.08 * 0.98))
    assert stats.npv(0.85, 0.92, 0.02) == pytest.approx(0.92 * 0.98 / (0.92 * 0.98 + 0.15 * 0.02))
    assert stats.ppv(0.85, 0.92, 0.02) < stats.ppv(0.85, 0.92, 0.15)


def test_kappa() -> None:
    a = [True] * 20 + [False] * 80
    assert stats.cohen_kappa(a, a) == 1.0
    b = [True] * 15 + [False] * 5 + [True] * 5 + [False] * 75
    # observed 0.90, expected 0.2*0.2 + 0.8*0.8 = 0.68 -> (0.90 - 0.68) / 0.32
    assert stats.cohen_kappa(a, b) == pytest.approx(0.6875)
    assert stats.landis_koch(0.6875) == "substantial"


def test_begg_greenes_recovers_the_full_verification_answer() -> None:
    # 100 flagged (60 positive), 400 unflagged of which 100 read (10 positive): true Se = 60 / (60 + 40).
    assert stats.begg_greenes_sensitivity(100, 100, 60, 400, 100, 10) == pytest.approx(0.6)
