"""The whole analysis as data: development at Site A, external validation at Site B, subgroups, drift, leakage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from analysis import choices as choices_module
from analysis import leakage, metrics, model
from analysis.data import DEVELOPMENT_SITE, OUTCOME, VALIDATION_SITE, load, subset

MIN_EVENTS = 100  # fewer events than this in a subgroup: its figures are flagged as imprecise
DCA_THRESHOLDS = np.round(np.arange(0.02, 0.405, 0.01), 2)
INTERNAL_TEST_SHARE = 0.3


def _performance(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, Any]:
    auc, low, high = metrics.delong_auroc(y, p)
    return {"n": len(y), "events": int(y.sum()), "prevalence": float(y.mean()),
            "auroc": auc, "auroc_low": low, "auroc_high": high, **metrics.calibration(y, p), **metrics.brier(y, p),
            "at_threshold": metrics.at_threshold(y, p, threshold)}


def _groups(cohort, p, columns: list[str], threshold: float) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for column in columns:
        values = cohort[column]
        levels = sorted(set(values.tolist())) if len(set(values.tolist())) <= 12 else None
        if levels is None:  # a numeric column: quartiles
            cuts = np.quantile(values, [0.25, 0.5, 0.75])
            labels = np.digitize(values, cuts)
            names = [f"Q{i + 1}" for i in range(4)]
            values, levels = np.array([names[i] for i in labels]), names
        rows = []
        for level in levels:
            mask = values == level
            y, q = cohort[OUTCOME][mask], p[mask]
            row: dict[str, Any] = {"level": str(level).replace(".0", "") if isinstance(level, float) else str(level),
                                   "n": int(mask.sum()), "events": int(y.sum())}
            if 0 < y.sum() < len(y):
                auc, low, high = metrics.delong_auroc(y, q)
                row.update(auroc=auc, auroc_low=low, auroc_high=high)
            obs_low, obs_high = metrics.wilson(int(y.sum()), len(y))
            row.update(observed=float(y.mean()) if len(y) else float("nan"), observed_low=obs_low, observed_high=obs_high,
                       mean_predicted=float(q.mean()) if len(q) else float("nan"),
                       at_threshold=metrics.at_threshold(y, q, threshold), few_events=bool(y.sum() < MIN_EVENTS))
            rows.append(row)
        out[column] = rows
    return out


def analyse(root: Path) -> dict[str, Any]:
    """Every figure the report, model card and checklist quote, computed from data/cohort.csv."""
    cohort = load(root / "data" / "cohort.csv")
    columns = set(cohort) - {OUTCOME, "patient_id"}
    chosen = choices_module.load(root, columns)
    threshold = chosen.threshold_used
    dev_all = subset(cohort, cohort["site"] == DEVELOPMENT_SITE)
    val = subset(cohort, cohort["site"] == VALIDATION_SITE)
    # internal split at Site A: a fixed, seeded random 30% held out
    order = np.random.default_rng(20260101).permutation(len(dev_all[OUTCOME]))
    is_test = np.zeros(len(order), dtype=bool)
    is_test[order[: round(INTERNAL_TEST_SHARE * len(order))]] = True
    dev, internal = subset(dev_all, ~is_test), subset(dev_all, is_test)

    fitted = model.fit(dev)
    leaky = model.fit(dev, names=model.LEAKY_PREDICTORS)
    p_dev, p_int, p_val = fitted.predict(dev), fitted.predict(internal), fitted.predict(val)
    y_val = val[OUTCOME]
    # intercept-only recalibration at Site B: the fix the calibration-in-the-large points to
    cal = metrics.calibration(y_val, p_val)
    lp_val = np.log(p_val / (1 - p_val))
    p_recal = 1 / (1 + np.exp(-(lp_val + cal["citl"])))

    drift = []
    for year in sorted(set(val["admit_year"].tolist())):
        mask = val["admit_year"] == year
        y, q = y_val[mask], p_val[mask]
        auc, low, high = metrics.delong_auroc(y, q)
        drift.append({"year": int(year), "n": int(mask.sum()), "prevalence": float(y.mean()), "auroc": auc,
                      "auroc_low": low, "auroc_high": high, "mean_predicted": float(q.mean()),
                      "at_threshold": metrics.at_threshold(y, q, threshold)})

    leak_int = leaky.predict(internal)
    validation = _performance(y_val, p_val, threshold)
    prevalence_what_if = None
    if chosen.deployment_prevalence is not None:
        t = validation["at_threshold"]
        prevalence_what_if = {"prevalence": chosen.deployment_prevalence,
                              "ppv": metrics.ppv_at_prevalence(t["sensitivity"], t["specificity"], chosen.deployment_prevalence)}
    return {
        "threshold": threshold, "threshold_is_example": chosen.threshold is None,
        "choices": {"subgroups": chosen.subgroups, "deployment_prevalence": chosen.deployment_prevalence, **chosen.text},
        "sites": {"development": DEVELOPMENT_SITE, "validation": VALIDATION_SITE},
        "model": {"names": list(fitted.names), "intercept": fitted.intercept, "coefs": fitted.coefs.tolist(),
                  "ci": fitted.ci.tolist()},
        "development": _performance(dev[OUTCOME], p_dev, threshold),
        "internal": _performance(internal[OUTCOME], p_int, threshold),
        "validation": validation,
        "validation_recalibrated": {**metrics.calibration(y_val, p_recal), **metrics.brier(y_val, p_recal)},
        "leakage": {"screen": leakage.screen(dev), "with_leak_internal_auroc": metrics.delong_auroc(internal[OUTCOME], leak_int)},
        "drift": drift,
        "subgroups": _groups(val, p_val, chosen.subgroups, threshold),
        "decision_curve": metrics.net_benefit(y_val, p_val, DCA_THRESHOLDS),
        "prevalence_what_if": prevalence_what_if,
        "_arrays": {"y_val": y_val, "p_val": p_val, "p_recal": p_recal},
    }
