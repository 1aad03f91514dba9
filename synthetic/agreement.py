"""Agreement and proportion statistics for rubric reviews, in plain Python (no third-party packages).

One source of truth: prooflane uses it for the numbers its worked examples quote, and the review
kinds ship this very file as ``scripts/agreement.py``, so a project computes the same figures.

- ``percent_agreement(a, b)``: share of items two raters scored identically.
- ``cohen_kappa(a, b, categories, weights)``: Cohen's kappa, unweighted or with linear / quadratic
  weights (the same definition as scikit-learn's ``cohen_kappa_score``); ``None`` when undefined.
- ``bootstrap_ci(stat, columns, ...)``: percentile interval from resampling items, with a fixed seed.
- ``icc(matrix)``: Shrout and Fleiss intraclass correlations from a complete items x raters table:
  ICC(2,1) two-way random effects, absolute agreement, single rater; ICC(3,1) two-way mixed
  effects, consistency, single rater.
- ``landis_koch(kappa)`` and ``koo_li(icc)``: the conventional labels (conventions, not tests).
- ``wilson(successes, n)``: Wilson score interval; ``mcnemar_exact(b, c)``: exact two-sided p-value.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

MIN_ITEMS = 10  # fewer paired items than this: agreement is reported as "too few items", not a number


def percent_agreement(a: Sequence[object], b: Sequence[object]) -> float:
    """Share (0-1) of positions where ``a`` and ``b`` hold the same value."""
    if len(a) != len(b) or not a:
        raise ValueError("percent agreement needs two equally long, non-empty lists of ratings")
    return sum(x == y for x, y in zip(a, b)) / len(a)


def cohen_kappa(a: Sequence[object], b: Sequence[object], categories: Sequence[object] | None = None,
                weights: str | None = None) -> float | None:
    """Cohen's kappa of two raters; ``weights`` None, "linear" or "quadratic" (ordered ``categories``).

    Returns ``None`` when chance agreement is complete (both raters used one and the same category),
    where kappa is undefined.
    """
    if len(a) != len(b) or not a:
        raise ValueError("kappa needs two equally long, non-empty lists of ratings")
    cats = list(categories) if categories is not None else sorted(set(a) | set(b), key=str)
    index = {c: i for i, c in enumerate(cats)}
    k = len(cats)
    n = len(a)
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b):
        observed[index[x]][index[y]] += 1 / n
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]

    def disagreement(i: int, j: int) -> float:
        if weights is None:
            return 0.0 if i == j else 1.0
        if weights == "linear":
            return abs(i - j)
        if weights == "quadratic":
            return (i - j) ** 2
        raise ValueError("weights must be None, 'linear' or 'quadratic'")

    num = sum(disagreement(i, j) * observed[i][j] for i in range(k) for j in range(k))
    den = sum(disagreement(i, j) * rows[i] * cols[j] for i in range(k) for j in range(k))
    if den == 0:
        return None
    return 1 - num / den


def bootstrap_ci(stat: Callable[..., float | None], columns: Sequence[Sequence[object]], reps: int = 1000,
                 seed: int = 20240, level: float = 0.95) -> tuple[float, float] | None:
    """Percentile bootstrap interval of ``stat(*columns)``, resampling items (rows) with replacement.

    Resamples where the statistic is undefined are skipped; ``None`` if fewer than half are defined.
    """
    n = len(columns[0])
    rng = random.Random(seed)
    values: list[float] = []
    for _ in range(reps):
        picks = [int(rng.random() * n) for _ in range(n)]
        value = stat(*[[col[i] for i in picks] for col in columns])
        if value is not None:
            values.append(value)
    if len(values) < reps / 2:
        return None
    values.sort()
    lo = values[math.floor((1 - level) / 2 * (len(values) - 1))]
    hi = values[math.ceil((1 + level) / 2 * (len(values) - 1))]
    return lo, hi


def icc(matrix: Sequence[Sequence[float]]) -> dict[str, float | None]:
    """ICC(2,1) and ICC(3,1) (Shrout and Fleiss 1979) of an items x raters table with no gaps."""
    n = len(matrix)
    k = len(matrix[0]) if n else 0
    if n < 2 or k < 2 or any(len(row) != k for row in matrix):
        raise ValueError("ICC needs a complete table of at least two items and two raters")
    grand = sum(sum(r) for r in matrix) / (n * k)
    row_means = [sum(r) / k for r in matrix]
    col_means = [sum(matrix[i][j] for i in range(n)) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((x - grand) ** 2 for r in matrix for x in r)
    ss_error = ss_total - ss_rows - ss_cols
    msr = ss_rows / (n - 1)
    msc = ss_cols / (k - 1)
    mse = ss_error / ((n - 1) * (k - 1))
    den2 = msr + (k - 1) * mse + k * (msc - mse) / n
    den3 = msr + (k - 1) * mse
    return {
        "ICC(2,1)": (msr - mse) / den2 if den2 else None,
        "ICC(3,1)": (msr - mse) / den3 if den3 else None,
    }


def landis_koch(kappa: float | None) -> str:
    """Landis and Koch (1977) label for a kappa value."""
    if kappa is None:
        return "undefined"
    if kappa < 0:
        return "poor"
    for limit, label in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if kappa <= limit:
            return label
    return "almost perfect"


def koo_li(value: float | None) -> str:
    """Koo and Li (2016) label for an ICC value (they advise judging the interval, not only the point)."""
    if value is None:
        return "undefined"
    if value < 0.5:
        return "poor"
    if value < 0.75:
        return "moderate"
    if value <= 0.9:
        return "good"
    return "excellent"


def wilson(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score interval for a proportion (95% by default)."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError("a proportion needs 0 <= successes <= n and n > 0")
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    lo = 0.0 if successes == 0 else max(0.0, centre - half)  # exact at the ends, free of rounding error
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return lo, hi


def mcnemar_exact(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value from the two discordant counts (binomial, p = 0.5)."""
    n = b + c
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(b, c) + 1)) / 2 ** n
    return min(1.0, 2 * tail)
