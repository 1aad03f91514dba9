"""The statistics of a diagnostic-accuracy evaluation, in plain Python (no dependencies).

Wilson score and Clopper-Pearson (exact) 95% intervals for a proportion, PPV and NPV at a chosen
prevalence, Cohen's kappa for two readers, and the Begg-Greenes correction for verification bias.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution
ALPHA = 0.05


@dataclass(frozen=True)
class Proportion:
    """k of n, with the point estimate and a 95% interval by the named method."""

    k: int
    n: int
    lo: float
    hi: float
    method: str

    @property
    def p(self) -> float:
        return self.k / self.n if self.n else math.nan

    def text(self, digits: int = 2) -> str:
        if not self.n:
            return "no studies"
        return f"{self.p:.{digits}f} ({self.lo:.{digits}f}-{self.hi:.{digits}f})"


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval: centre (p + z^2/2n) / (1 + z^2/n), half-width z/(1 + z^2/n) sqrt(p(1-p)/n + z^2/4n^2)."""
    if n <= 0:
        return (math.nan, math.nan)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-13:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _betacf(a, b, x) / a
    return 1.0 - math.exp(log_front) * _betacf(b, a, 1.0 - x) / b


def beta_quantile(q: float, a: float, b: float) -> float:
    """x with I_x(a, b) = q, by bisection (60 halvings: far below the 2 decimals reported)."""
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if betainc(a, b, mid) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def clopper_pearson(k: int, n: int, alpha: float = ALPHA) -> tuple[float, float]:
    """Exact interval: lower = Beta^-1(alpha/2; k, n-k+1), upper = Beta^-1(1-alpha/2; k+1, n-k)."""
    if n <= 0:
        return (math.nan, math.nan)
    lo = 0.0 if k == 0 else beta_quantile(alpha / 2, k, n - k + 1)
    hi = 1.0 if k == n else beta_quantile(1 - alpha / 2, k + 1, n - k)
    return (lo, hi)


METHODS = {"wilson": wilson, "clopper-pearson": clopper_pearson}
METHOD_NAMES = {"wilson": "Wilson score", "clopper-pearson": "Clopper-Pearson (exact)"}


def proportion(k: int, n: int, method: str = "wilson") -> Proportion:
    lo, hi = METHODS[method](k, n)
    return Proportion(k, n, lo, hi, method)


def ppv(se: float, sp: float, prevalence: float) -> float:
    """PPV = Se p / (Se p + (1 - Sp)(1 - p))."""
    top = se * prevalence
    bottom = top + (1 - sp) * (1 - prevalence)
    return top / bottom if bottom else math.nan


def npv(se: float, sp: float, prevalence: float) -> float:
    """NPV = Sp (1 - p) / (Sp (1 - p) + (1 - Se) p)."""
    top = sp * (1 - prevalence)
    bottom = top + (1 - se) * prevalence
    return top / bottom if bottom else math.nan


def cohen_kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa for two readers' positive / negative calls on the same studies."""
    n = len(a)
    if n == 0:
        return math.nan
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def landis_koch(kappa: float) -> str:
    """Landis-Koch (1977) labels, a convention rather than a test."""
    if kappa < 0:
        return "poor"
    for limit, label in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if kappa <= limit:
            return label
    return "almost perfect"


def begg_greenes_sensitivity(
    flagged: int, flagged_read: int, flagged_read_pos: int, unflagged: int, unflagged_read: int, unflagged_read_pos: int
) -> float:
    """Sensitivity corrected for verification that depended only on the model's flag (Begg and Greenes 1983).

    P(condition | flag) is estimated from the studies that were read in each flag group and applied to
    every study in that group, so unread unflagged studies are represented instead of dropped.
    """
    p_pos = flagged_read_pos / flagged_read if flagged_read else 0.0
    p_neg = unflagged_read_pos / unflagged_read if unflagged_read else 0.0
    tp, fn = flagged * p_pos, unflagged * p_neg
    return tp / (tp + fn) if tp + fn else math.nan
