"""The metrics agree with independent calculations."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import metrics


def test_delong_auroc_matches_scikit_learn_and_brackets_it() -> None:
    rng = np.random.default_rng(3)
    y = rng.random(2000) < 0.2
    p = np.clip(0.2 + 0.15 * y + rng.normal(0, 0.1, 2000), 0.01, 0.99)
    auc, low, high = metrics.delong_auroc(y, p)
    assert auc == pytest.approx(metrics.auroc(y, p))
    assert low < auc < high and high - low < 0.1


def test_perfectly_calibrated_predictions_have_intercept_0_and_slope_1() -> None:
    rng = np.random.default_rng(5)
    p = rng.uniform(0.02, 0.6, 20000)
    y = (rng.random(20000) < p).astype(float)
    cal = metrics.calibration(y, p)
    assert abs(cal["citl"]) < 0.06 and abs(cal["slope"] - 1) < 0.08


def test_net_benefit_by_hand() -> None:
    y = np.array([1, 1, 0, 0, 0])
    p = np.array([0.9, 0.2, 0.6, 0.1, 0.1])
    nb = metrics.net_benefit(y, p, np.array([0.5]))
    # flagged: 0.9 (TP) and 0.6 (FP); NB = 1/5 - 1/5 * 0.5/0.5
    assert nb["model"][0] == pytest.approx(0.0)
    assert nb["treat_all"][0] == pytest.approx(0.4 - 0.6)


def test_wilson_interval_known_value() -> None:
    low, high = metrics.wilson(10, 100)
    assert low == pytest.approx(0.0552, abs=1e-3) and high == pytest.approx(0.1744, abs=1e-3)


def test_ppv_at_prevalence_refuses_0_and_1() -> None:
    for prevalence in (0.0, 1.0):
        with pytest.raises(ValueError):
            metrics.ppv_at_prevalence(0.8, 0.9, prevalence)
