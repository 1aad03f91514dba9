"""The exploratory analysis: QC, log-CPM, highly variable genes, PCA, batch check and correction, clustering.

Every function returns plain numbers; scripts/report.py turns them into the report. Educational and
synthetic: nothing here supports a biological or clinical claim.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from inputs import Data
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

QC_MADS = 5.0  # sc-best-practices (Heumos et al. 2023): 5 MADs on log1p counts and log1p detected genes
MIN_SAMPLES_DETECTED = 3  # a gene must be seen in at least 3 samples (scanpy filter_genes(min_cells=3))
MIN_MEAN_CPM = 10.0  # genes below this mean are mostly counting noise in log space
N_HVG = 500
N_PCS = 10
K_RANGE = range(2, 7)
F_MARKER, M_MARKER = "GENE1999", "GENE2000"  # the fictional sex-linked-like markers (see data/datasheet.md)
MARKER_MIN_CPM = 5.0  # below this in both markers, the check cannot tell


class AnalysisError(Exception):
    """The data passed the file checks but cannot be analysed (e.g. too few samples left after QC)."""


def low_outliers(values: np.ndarray, n_mads: float = QC_MADS) -> np.ndarray:
    """True where log1p(value) lies more than ``n_mads`` MADs below the median (unscaled MAD)."""
    logs = np.log1p(values.astype(float))
    med = np.median(logs)
    mad = np.median(np.abs(logs - med))
    return logs < med - n_mads * mad


def qc(data: Data) -> dict[str, Any]:
    """Library size and detected genes per sample, MAD outliers, and the sex-marker identity check."""
    lib = data.counts.sum(axis=0)
    detected = (data.counts > 0).sum(axis=0)
    low_lib, low_det = low_outliers(lib), low_outliers(detected)
    expressed: list[str] = []
    marker_cpm: list[tuple[float, float]] = []
    has_markers = F_MARKER in data.genes and M_MARKER in data.genes
    for j in range(len(data.samples)):
        if not has_markers:
            expressed.append("unknown")
            continue
        f = data.counts[data.genes.index(F_MARKER), j] / lib[j] * 1e6
        m = data.counts[data.genes.index(M_MARKER), j] / lib[j] * 1e6
        marker_cpm.append((float(f), float(m)))
        expressed.append("unclear" if max(f, m) < MARKER_MIN_CPM else ("F" if f > m else "M"))
    mismatch = [e in ("F", "M") and e != r for e, r in zip(expressed, data.recorded_sex)]
    rows = []
    for j, s in enumerate(data.samples):
        reasons = []
        if low_lib[j]:
            reasons.append("small library")
        if low_det[j]:
            reasons.append("few detected genes")
        if mismatch[j]:
            reasons.append(f"recorded sex {data.recorded_sex[j]}, markers say {expressed[j]}")
        rows.append({"sample": s, "batch": data.batch[j], "condition": data.condition[j], "library_size": int(lib[j]),
                     "detected_genes": int(detected[j]), "recorded_sex": data.recorded_sex[j],
                     "marker_sex": expressed[j], "flag": "; ".join(reasons)})
    logs = np.log1p(lib.astype(float))
    dlogs = np.log1p(detected.astype(float))
    return {
        "rows": rows,
        "lib_cutoff": float(np.expm1(np.median(logs) - QC_MADS * np.median(np.abs(logs - np.median(logs))))),
        "det_cutoff": float(np.expm1(np.median(dlogs) - QC_MADS * np.median(np.abs(dlogs - np.median(dlogs))))),
        "low_quality": [s for s, a, b in zip(data.samples, low_lib, low_det) if a or b],
        "sex_mismatch": [s for s, m in zip(data.samples, mismatch) if m],
        "markers_found": has_markers,
        "marker_cpm": marker_cpm,
        "lib_median": float(np.median(lib)),
        "detected_median": float(np.median(detected)),
    }


def log_cpm(counts: np.ndarray) -> np.ndarray:
    """log2(counts per million + 1), per sample (columns)."""
    return np.log2(counts / counts.sum(axis=0, keepdims=True) * 1e6 + 1.0)


def select_genes(counts: np.ndarray, genes: list[str]) -> tuple[np.ndarray, int, int]:
    """Indices of the highly variable genes, plus how many genes passed each filter."""
    cpm = counts / counts.sum(axis=0, keepdims=True) * 1e6
    keep = ((counts > 0).sum(axis=1) >= MIN_SAMPLES_DETECTED) & (cpm.mean(axis=1) >= MIN_MEAN_CPM)
    keep &= np.array([g not in (F_MARKER, M_MARKER) for g in genes])
    variance = np.where(keep, log_cpm(counts).var(axis=1), -1.0)
    order = np.argsort(-variance, kind="stable")[: min(N_HVG, int(keep.sum()))]
    return np.sort(order), int(((counts > 0).sum(axis=1) >= MIN_SAMPLES_DETECTED).sum()), int(keep.sum())


def centre_by_batch(x: np.ndarray, batch: list[str]) -> np.ndarray:
    """Per-batch centring: subtract each gene's batch mean, add back its overall mean (samples x genes)."""
    out = x.copy()
    labels = np.array(batch)
    grand = x.mean(axis=0)
    for b in sorted(set(batch)):
        rows = labels == b
        out[rows] = x[rows] - x[rows].mean(axis=0) + grand
    return out


def eta_squared(values: np.ndarray, labels: list[str]) -> float:
    """Share of the variance of ``values`` explained by the groups in ``labels``."""
    lab = np.array(labels)
    total = ((values - values.mean()) ** 2).sum()
    between = sum((lab == g).sum() * (values[lab == g].mean() - values.mean()) ** 2 for g in set(labels))
    return float(between / total) if total else 0.0


def embed(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pca = PCA(n_components=min(N_PCS, x.shape[0] - 1, x.shape[1]), svd_solver="full")
    scores = pca.fit_transform(x - x.mean(axis=0))
    # a fixed sign per component (largest loading positive), so plots do not flip between runs
    signs = np.sign(pca.components_[np.arange(len(pca.components_)), np.abs(pca.components_).argmax(axis=1)])
    return scores * signs, pca.explained_variance_ratio_


def view(scores: np.ndarray, ratio: np.ndarray, batch: list[str], condition: list[str]) -> dict[str, Any]:
    return {
        "scores": scores, "variance": [float(v) for v in ratio],
        "pc1_batch": eta_squared(scores[:, 0], batch), "pc1_condition": eta_squared(scores[:, 0], condition),
        "pc2_batch": eta_squared(scores[:, 1], batch), "pc2_condition": eta_squared(scores[:, 1], condition),
        "sil_batch": float(silhouette_score(scores, batch)), "sil_condition": float(silhouette_score(scores, condition)),
        # batch within each condition: what a correction that ignores condition leaves behind when the two overlap
        "pc1_batch_within": {c: eta_squared(scores[np.array(condition) == c, 0],
                                            [b for b, x in zip(batch, condition) if x == c]) for c in sorted(set(condition))},
    }


def cluster(scores: np.ndarray) -> dict[str, Any]:
    by_k: dict[int, dict[str, Any]] = {}
    for k in K_RANGE:
        labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(scores)
        # number clusters by size then by first member, so the labels read the same on every run
        order = sorted(set(labels), key=lambda c: (-(labels == c).sum(), int(np.argmax(labels == c))))
        relabel = {c: i + 1 for i, c in enumerate(order)}
        by_k[k] = {"labels": [relabel[c] for c in labels], "silhouette": float(silhouette_score(scores, labels))}
    best = max(by_k, key=lambda k: (round(by_k[k]["silhouette"], 6), -k))
    return {"by_k": by_k, "best_k": best}


def crosstab(a: list[Any], b: list[str]) -> dict[Any, dict[str, int]]:
    return {x: {y: sum(1 for p, q in zip(a, b) if p == x and q == y) for y in sorted(set(b))} for x in sorted(set(a))}


def cramers_v(a: list[str], b: list[str]) -> float:
    table = np.array([[sum(1 for p, q in zip(a, b) if p == x and q == y) for y in sorted(set(b))] for x in sorted(set(a))],
                     dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    chi2 = float(((table - expected) ** 2 / expected).sum())
    k = min(table.shape) - 1
    return float(np.sqrt(chi2 / (table.sum() * k))) if k > 0 else 0.0


def run(data: Data) -> dict[str, Any]:
    """The whole analysis, as numbers."""
    q = qc(data)
    excluded = sorted(set(q["low_quality"]) | set(q["sex_mismatch"]))
    keep = [j for j, s in enumerate(data.samples) if s not in excluded]
    if len(keep) < 10:
        raise AnalysisError(f"only {len(keep)} samples pass QC (at least 10 are needed): check data/counts.csv "
                            "against its datasheet or restore it.")
    counts = data.counts[:, keep]
    samples = [data.samples[j] for j in keep]
    batch = [data.batch[j] for j in keep]
    condition = [data.condition[j] for j in keep]
    detected_in_none = int((counts.sum(axis=1) == 0).sum())
    hvg, n_detected, n_expressed = select_genes(counts, data.genes)
    x = log_cpm(counts)[hvg].T  # samples x HVGs
    before = view(*embed(x), batch, condition)
    corrected = centre_by_batch(x, batch)
    after = view(*embed(corrected), batch, condition)
    clusters = cluster(after["scores"])
    labels = clusters["by_k"][clusters["best_k"]]["labels"]
    two = clusters["by_k"][2]["labels"]
    raw_clusters = cluster(before["scores"])
    return {
        "qc": q, "excluded": excluded, "samples": samples, "batch": batch, "condition": condition,
        "n_samples_in": len(data.samples), "n_genes_in": len(data.genes), "genes_zero_after_qc": detected_in_none,
        "notes": data.notes, "genes_detected": n_detected, "genes_expressed": n_expressed, "n_hvg": len(hvg),
        "hvg": [data.genes[i] for i in hvg],
        "design": crosstab(data.batch, data.condition), "cramers_v": cramers_v(data.batch, data.condition),
        "before": before, "after": after, "clusters": clusters,
        "cluster_by_condition": crosstab(labels, condition), "cluster_by_batch": crosstab(labels, batch),
        "k2_by_condition": crosstab(two, condition),
        "raw_best_k": raw_clusters["best_k"],
        "raw_by_batch": crosstab(raw_clusters["by_k"][raw_clusters["best_k"]]["labels"], batch),
    }
