"""Performance measures: AUROC with a DeLong interval, calibration, Brier score, net benefit, Wilson intervals."""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import norm, rankdata
from sklearn.metrics import brier_score_loss, roc_auc_score

Z95 = float(norm.ppf(0.975))


def wilson(events: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval for a proportion (as fractions)."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = events / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 / (1 + Z95**2 / n) * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def delong_auroc(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    """AUROC with its 95% DeLong interval (DeLong et al. 1988, midrank algorithm of Sun and Xu 2014)."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=float)
    pos, neg = p[y], p[~y]
    m, n = len(pos), len(neg)
    if m == 0 or n == 0:
        raise ValueError("AUROC needs both outcomes present")
    tx, ty, tz = rankdata(pos), rankdata(neg), rankdata(np.concatenate([pos, neg]))
    auc = (tz[:m].sum() - m * (m + 1) / 2) / (m * n)
    v10 = (tz[:m] - tx) / n
    v01 = 1.0 - (tz[m:] - ty) / m
    var = np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n if m > 1 and n > 1 else float("nan")
    se = float("nan") if math.isnan(var) else math.sqrt(var)
    return float(auc), max(0.0, auc - Z95 * se), min(1.0, auc + Z95 * se)


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-8, 1 - 1e-8)
    return np.log(q / (1 - q))


def calibration(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Calibration-in-the-large (intercept with logit p as offset, target 0) and slope (target 1), with 95% CIs."""
    import statsmodels.api as sm

    lp = _logit(p)
    family = sm.families.Binomial()
    citl = sm.GLM(y, np.ones((len(y), 1)), family=family, offset=lp).fit()
    slope = sm.GLM(y, sm.add_constant(lp), family=family).fit()
    ci_i, ci_s = citl.conf_int()[0], slope.conf_int()[1]
    return {
        "citl": float(citl.params[0]), "citl_low": float(ci_i[0]), "citl_high": float(ci_i[1]),
        "slope": float(slope.params[1]), "slope_low": float(ci_s[0]), "slope_high": float(ci_s[1]),
        "mean_predicted": float(np.mean(p)), "observed": float(np.mean(y)),
    }


def brier(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Brier score and the scaled Brier score (1 - Brier / Brier of a prevalence-only model)."""
    score = float(brier_score_loss(y, p))
    prevalence = float(np.mean(y))
    reference = prevalence * (1 - prevalence)
    return {"brier": score, "scaled": 1 - score / reference if reference > 0 else float("nan")}


def net_benefit(y: np.ndarray, p: np.ndarray, thresholds: np.ndarray) -> dict[str, list[float]]:
    """Net benefit of the model, treat-all and treat-none: NB(pt) = TP/n - FP/n * pt / (1 - pt)."""
    y = np.asarray(y).astype(bool)
    n = len(y)
    prevalence = y.mean()
    model, treat_all = [], []
    for pt in thresholds:
        odds = pt / (1 - pt)
        flagged = p >= pt
        model.append(float((flagged & y).sum() / n - (flagged & ~y).sum() / n * odds))
        treat_all.append(float(prevalence - (1 - prevalence) * odds))
    return {"threshold": [float(t) for t in thresholds], "model": model, "treat_all": treat_all,
            "treat_none": [0.0] * len(thresholds)}


def at_threshold(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    """Counts, sensitivity, specificity, PPV and NPV (with Wilson intervals) when scores >= threshold are flagged."""
    y = np.asarray(y).astype(bool)
    flagged = np.asarray(p) >= threshold
    tp, fp = int((flagged & y).sum()), int((flagged & ~y).sum())
    fn, tn = int((~flagged & y).sum()), int((~flagged & ~y).sum())
    out: dict[str, float] = {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "flagged_pct": 100.0 * flagged.mean()}
    for name, hit, total in (("sensitivity", tp, tp + fn), ("specificity", tn, tn + fp),
                             ("ppv", tp, tp + fp), ("npv", tn, tn + fn)):
        low, high = wilson(hit, total)
        out[name] = hit / total if total else float("nan")
        out[name + "_low"], out[name + "_high"] = low, high
    return out


def ppv_at_prevalence(sensitivity: float, specificity: float, prevalence: float) -> float:
    """PPV when the same sensitivity and specificity meet another prevalence."""
    if not 0 < prevalence < 1:
        raise ValueError("prevalence must be strictly between 0 and 1")
    hit = sensitivity * prevalence
    return hit / (hit + (1 - specificity) * (1 - prevalence))


def auroc(y: np.ndarray, p: np.ndarray) -> float:
    """Plain AUROC (scikit-learn), used to cross-check the DeLong estimate."""
    return float(roc_auc_score(y, p))
