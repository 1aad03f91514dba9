"""Compare the analysis with the answer key in data/answer_key/ (run it after writing your interpretation).

Usage: python scripts/check_key.py  (from the project folder, after scripts/report.py). Prints which planted
effects the analysis recovered and how much of the planted treated-control difference per-batch centring kept.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from inputs import InputError, load
from sklearn.metrics import adjusted_rand_score

import analysis

ROOT = Path(__file__).resolve().parent.parent


def _key(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(f"{path} is missing: restore it with `git checkout -- {path}` or bake the project again.")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def compare(root: Path = ROOT) -> dict[str, Any]:
    results_path = root / "reports" / "results.json"
    if not results_path.is_file():
        raise InputError("reports/results.json is missing: run `make report` (python scripts/report.py) first.")
    res = json.loads(results_path.read_text(encoding="utf-8"))
    samples = {r["sample_id"]: r for r in _key(root / "data" / "answer_key" / "sample_truth.csv")}
    genes = {r["gene_id"]: r for r in _key(root / "data" / "answer_key" / "gene_truth.csv")}
    truth_low = sorted(s for s, r in samples.items() if r["low_quality"] == "yes")
    truth_swap = sorted(s for s, r in samples.items() if r["label_swap"] == "yes")
    groups = [samples[s]["true_group"] for s in res["samples"]]
    # how much of the planted condition difference survives centring (within the analysed samples)
    data = load(root / "data" / "counts.csv", root / "data" / "samples.csv")
    cols = [data.samples.index(s) for s in res["samples"]]
    x = analysis.log_cpm(data.counts[:, cols]).T
    cond = np.array([data.condition[j] for j in cols])
    centred = analysis.centre_by_batch(x, [data.batch[j] for j in cols])
    planted = [i for i, g in enumerate(data.genes) if genes.get(g, {}).get("planted_role") == "condition"]
    batch_only = [i for i, g in enumerate(data.genes) if genes.get(g, {}).get("planted_role") == "batch"]

    def diff(m: np.ndarray, idx: list[int]) -> float:
        d = m[cond == "treated"][:, idx].mean(axis=0) - m[cond == "control"][:, idx].mean(axis=0)
        return float(np.abs(d).mean()) if idx else 0.0

    return {
        "low_quality_found": sorted(res["low_quality"]) == truth_low, "truth_low_quality": truth_low,
        "swap_found": sorted(res["sex_mismatch"]) == truth_swap, "truth_swap": truth_swap,
        "ari_best_k": adjusted_rand_score(groups, res["labels"]),
        "ari_k2_condition": adjusted_rand_score([g.split("-")[0] for g in groups], res["labels_k2"]),
        "best_k": res["best_k"], "true_groups": len(set(groups)),
        "condition_diff_before": diff(x, planted), "condition_diff_after": diff(centred, planted),
        "batch_genes_diff_before": diff(x, batch_only), "batch_genes_diff_after": diff(centred, batch_only),
    }


def main(root: Path = ROOT) -> int:
    try:
        c = compare(root)
    except InputError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    yes = {True: "recovered", False: "NOT recovered"}
    print(f"Low-quality samples {', '.join(c['truth_low_quality'])}: {yes[c['low_quality_found']]} by the depth QC.")
    print(f"Label swap {', '.join(c['truth_swap'])}: {yes[c['swap_found']]} by the identity check.")
    print(f"Clusters (k = {c['best_k']}; the key has {c['true_groups']} groups): adjusted Rand index "
          f"{c['ari_best_k']:.2f} against the true groups; k = 2 against treated/control: {c['ari_k2_condition']:.2f}.")
    print(f"Planted condition genes, mean |treated - control| in log2 CPM: {c['condition_diff_before']:.2f} before "
          f"centring, {c['condition_diff_after']:.2f} after (centring removed "
          f"{100 * (1 - c['condition_diff_after'] / c['condition_diff_before']):.0f}% of it, because batch and condition "
          "are confounded).")
    print(f"Batch-only genes, the same difference: {c['batch_genes_diff_before']:.2f} before, "
          f"{c['batch_genes_diff_after']:.2f} after (before centring, batch posed as condition).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
