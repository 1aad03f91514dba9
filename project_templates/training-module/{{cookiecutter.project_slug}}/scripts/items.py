"""Classical item analysis for a 0/1-scored quiz, in plain Python.

Formulas (n learners, k items, x_ij = 1 when learner i chose item j's key):
- difficulty p_j = sum_i x_ij / n (the share answering correctly; higher = easier);
- corrected point-biserial r_j = Pearson correlation of x_ij with the rest score (total minus item j);
- upper-lower index D_j = p_j(top 27%) - p_j(bottom 27%), groups by total score, ties broken by learner id;
- KR-20 = k / (k - 1) * (1 - sum_j p_j (1 - p_j) / var(total)), with the population variance of totals.
"""

from __future__ import annotations

import math

Matrix = dict[str, dict[str, int]]


def score(responses: list[tuple[str, str, str, str]], key: dict[str, str], phase: str) -> Matrix:
    """learner -> item -> 1 if the choice matches the key, else 0, for one phase (pre or post)."""
    out: Matrix = {}
    for learner, ph, item, choice in responses:
        if ph == phase:
            out.setdefault(learner, {})[item] = int(choice == key[item])
    return out


def pearson(x: list[float], y: list[float]) -> float | None:
    """Pearson's r, or None when either variable is constant."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def kr20(matrix: Matrix) -> float | None:
    """Kuder-Richardson 20; None when every learner has the same total."""
    learners = list(matrix)
    items = list(matrix[learners[0]])
    n, k = len(learners), len(items)
    totals = [sum(matrix[lr].values()) for lr in learners]
    mean = sum(totals) / n
    variance = sum((t - mean) ** 2 for t in totals) / n
    pq = sum((p := sum(matrix[lr][it] for lr in learners) / n) * (1 - p) for it in items)
    return None if variance == 0 or k < 2 else k / (k - 1) * (1 - pq / variance)


def item_stats(matrix: Matrix) -> dict[str, dict[str, float | None]]:
    """Per item: p, corrected point-biserial rpb, and upper-lower D."""
    order = sorted(matrix, key=lambda lr: (sum(matrix[lr].values()), lr))
    n = len(order)
    g = max(1, round(0.27 * n))
    lower, upper = order[:g], order[-g:]
    out: dict[str, dict[str, float | None]] = {}
    for item in matrix[order[0]]:
        x = [float(matrix[lr][item]) for lr in order]
        rest = [float(sum(matrix[lr].values()) - matrix[lr][item]) for lr in order]
        out[item] = {
            "p": sum(x) / n,
            "rpb": pearson(x, rest),
            "d": sum(matrix[lr][item] for lr in upper) / g - sum(matrix[lr][item] for lr in lower) / g,
        }
    return out


def option_counts(responses: list[tuple[str, str, str, str]], options: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """item -> option -> how many answers chose it, both phases together."""
    out = {item: {o: 0 for o in opts} for item, opts in options.items()}
    for _, _, item, choice in responses:
        out[item][choice] += 1
    return out


def discrimination_label(r: float | None) -> str:
    """Ebel and Frisbie's bands for a discrimination index; negative means check the key."""
    if r is None:
        return "not computable (everyone scored the same)"
    if r < 0:
        return "negative: check the key"
    if r < 0.20:
        return "poor"
    if r < 0.30:
        return "fair"
    if r < 0.40:
        return "good"
    return "excellent"


def flags(stats: dict[str, dict[str, float | None]], pre: dict[str, dict[str, float | None]],
          counts: dict[str, dict[str, int]], key: dict[str, str]) -> dict[str, list[str]]:
    """Items that need attention, by rule: negative discrimination, too easy at both times, dead distractors."""
    total = {item: sum(c.values()) for item, c in counts.items()}
    out: dict[str, list[str]] = {}
    for item, s in stats.items():
        notes = []
        if s["rpb"] is not None and s["rpb"] < 0:
            notes.append("negative discrimination: stronger learners are marked wrong more often; check the key")
        if s["p"] is not None and s["p"] >= 0.95 and (pre[item]["p"] or 0) >= 0.95:
            notes.append("too easy before and after (p >= .95): it shows no learning")
        dead = [o for o, c in counts[item].items() if o != key[item] and c == 0]
        weak = [o for o, c in counts[item].items() if o != key[item] and 0 < c < 0.05 * total[item]]
        if dead:
            notes.append(f"distractor {', '.join(dead)} chosen by nobody: non-functional")
        if weak:
            notes.append(f"distractor {', '.join(weak)} chosen by under 5%")
        if notes:
            out[item] = notes
    return out
