"""A leakage screen: columns recorded after the moment of prediction, or single columns that predict too well."""

from __future__ import annotations

import numpy as np

from analysis.data import TIMING, Cohort
from analysis.metrics import auroc

TOO_GOOD = 0.90  # one column alone above this AUROC is more often a leak than a discovery


def screen(cohort: Cohort, outcome: str = "readmit_30d") -> list[dict[str, object]]:
    """For every candidate column: its timing, its AUROC alone, and why it is flagged (empty when it is not)."""
    y = cohort[outcome]
    rows = []
    for column, timing in TIMING.items():
        values = cohort[column]
        if values.dtype.kind in "US":
            levels = sorted(set(values.tolist()))
            rates = {lv: y[values == lv].mean() for lv in levels}
            values = np.array([rates[v] for v in values.tolist()])
        alone = auroc(y, values)
        alone = max(alone, 1 - alone)
        reasons = []
        if timing == "after discharge":
            reasons.append("recorded after the score would be used")
        if alone > TOO_GOOD:
            reasons.append(f"AUROC {alone:.2f} on its own")
        rows.append({"column": column, "timing": timing, "auroc_alone": alone, "flag": "; ".join(reasons)})
    return rows
