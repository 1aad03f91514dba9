"""The analysis steps do what the report says they do."""

from __future__ import annotations

import numpy as np

import analysis


def test_mad_rule_flags_only_far_low_values() -> None:
    values = np.array([1000, 1100, 950, 1050, 990, 1020, 60])
    assert analysis.low_outliers(values).tolist() == [False] * 6 + [True]


def test_log_cpm_removes_depth() -> None:
    counts = np.array([[10, 20], [30, 60]])
    x = analysis.log_cpm(counts)
    assert np.allclose(x[:, 0], x[:, 1])


def test_centring_removes_batch_means() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(6, 4))
    x[3:] += 5
    out = analysis.centre_by_batch(x, ["a"] * 3 + ["b"] * 3)
    assert np.allclose(out[:3].mean(axis=0), out[3:].mean(axis=0))
    assert np.allclose(out.mean(axis=0), x.mean(axis=0))


def test_cramers_v_is_0_when_balanced_and_1_when_confounded() -> None:
    assert analysis.cramers_v(["a", "a", "b", "b"], ["x", "y", "x", "y"]) == 0.0
    assert abs(analysis.cramers_v(["a", "a", "b", "b"], ["x", "x", "y", "y"]) - 1.0) < 1e-9


def test_qc_holds_back_the_failed_libraries_and_the_contradicting_sample(result) -> None:
    q = result["qc"]
    assert 1 <= len(q["low_quality"]) <= 5 and len(q["sex_mismatch"]) == 1
    assert set(result["excluded"]) == set(q["low_quality"]) | set(q["sex_mismatch"])
    assert not set(result["excluded"]) & set(result["samples"])


def test_batch_drives_pc1_before_correction_and_not_after(result) -> None:
    before, after = result["before"], result["after"]
    assert before["pc1_batch"] > 0.8 and after["pc1_batch"] < 0.05
    assert after["sil_batch"] < before["sil_batch"] - 0.15
    assert after["sil_condition"] > 0.1


def test_clusters_after_correction_are_not_batches(result) -> None:
    tab = result["cluster_by_batch"]
    for row in tab.values():
        assert max(row.values()) < sum(row.values())  # every cluster holds more than one batch
