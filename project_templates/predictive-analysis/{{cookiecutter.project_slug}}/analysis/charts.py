"""Static charts (matplotlib, Agg) returned as PNG bytes, so the report can embed them."""

from __future__ import annotations

import io
from typing import Any

import matplotlib
import numpy as np
from sklearn.calibration import calibration_curve

matplotlib.use("Agg")
from matplotlib import pyplot as plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def reliability(y: np.ndarray, p: np.ndarray, p_recal: np.ndarray) -> bytes:
    """Observed against predicted risk in ten quantile bins, before and after intercept recalibration."""
    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    top = float(max(p.max(), p_recal.max()))
    ax.plot([0, top], [0, top], color="#888", linestyle="--", label="perfect calibration")
    for probs, label, colour in ((p, "model from Site A", "#1f5fa8"), (p_recal, "intercept recalibrated", "#c2571a")):
        frac, mean = calibration_curve(y, probs, n_bins=10, strategy="quantile")
        ax.plot(mean, frac, marker="o", color=colour, label=label)
    ax.set_xlabel("Predicted risk (decile means)")
    ax.set_ylabel("Observed readmission rate")
    ax.set_title("Reliability at Site B (external validation)")
    ax.legend(frameon=False, fontsize=8)
    return _png(fig)


def decision_curve(curve: dict[str, list[float]]) -> bytes:
    """Net benefit of the model against treat-all and treat-none."""
    fig, ax = plt.subplots(figsize=(5.6, 4.2))
    t = np.array(curve["threshold"])
    ax.plot(t, curve["model"], color="#1f5fa8", label="model")
    ax.plot(t, curve["treat_all"], color="#c2571a", label="treat all")
    ax.plot(t, curve["treat_none"], color="#444", label="treat none")
    low = min(min(curve["model"]), 0.0) - 0.01
    ax.set_ylim(low, max(max(curve["model"]), max(curve["treat_all"])) + 0.01)
    ax.set_xlabel("Threshold probability (the preference: harm of an unneeded follow-up vs. a missed one)")
    ax.set_ylabel("Net benefit")
    ax.set_title("Decision curve at Site B")
    ax.legend(frameon=False, fontsize=8)
    return _png(fig)


def subgroup_forest(groups: dict[str, list[dict[str, Any]]]) -> bytes:
    """AUROC with 95% DeLong intervals for every subgroup level."""
    rows = [(f"{col}: {g['level']}", g) for col, levels in groups.items() for g in levels if "auroc" in g]
    fig, ax = plt.subplots(figsize=(5.6, 0.35 * len(rows) + 1.2))
    for i, (label, g) in enumerate(rows):
        ax.plot([g["auroc_low"], g["auroc_high"]], [i, i], color="#1f5fa8")
        ax.plot(g["auroc"], i, "o", color="#1f5fa8")
    ax.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=8)
    ax.invert_yaxis()
    ax.axvline(0.5, color="#888", linestyle=":")
    ax.set_xlabel("AUROC at Site B (95% DeLong interval)")
    ax.set_title("Discrimination by subgroup")
    return _png(fig)
