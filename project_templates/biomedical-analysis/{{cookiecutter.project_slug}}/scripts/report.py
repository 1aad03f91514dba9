"""Run the analysis on data/ and write reports/: report.html (plots inline, offline), findings.md, qc.csv, results.json.

Usage: python scripts/report.py  (from the project folder). Educational and synthetic: the report describes
patterns in invented numbers and supports no biological or clinical claim.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import sys
from pathlib import Path
from typing import Any

import project_text as txt
from inputs import InputError, load

import analysis

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Exploratory analysis of a fictional expression-like matrix"
COLOURS = {"B1": "#1b6ca8", "B2": "#e08a00", "B3": "#b8336a", "control": "#2e7d32", "treated": "#6a1b9a"}


def _plots(res: dict[str, Any]) -> dict[str, str]:
    """The figures as base64 PNG for the page (matplotlib, Agg; no fonts or files fetched)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    plt.rcParams.update({"font.size": 9})

    def png(fig: Any) -> str:
        # PNG, not SVG: SVG path data is long runs of digits that a PHI scan can mistake for card numbers
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, metadata={"Software": None}, bbox_inches="tight")
        plt.close(fig)
        return base64.b64encode(buf.getvalue()).decode("ascii")

    out: dict[str, str] = {}
    rows = res["qc"]["rows"]
    fig, ax = plt.subplots(figsize=(6.2, 3.6))
    flagged = [r for r in rows if r["flag"]]
    ax.scatter([r["library_size"] for r in rows], [r["detected_genes"] for r in rows], s=14,
               c=[COLOURS[r["batch"]] for r in rows])
    for r in flagged:
        ax.annotate(r["sample"], (r["library_size"], r["detected_genes"]), fontsize=7, xytext=(4, -8),
                    textcoords="offset points")
    ax.axvline(res["qc"]["lib_cutoff"], color="#888", ls="--", lw=1)
    ax.axhline(res["qc"]["det_cutoff"], color="#888", ls=":", lw=1)
    ax.set_xscale("log")
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("library size (total counts, log scale)")
    ax.set_ylabel("detected genes (count > 0)")
    ax.set_title("QC: dashed and dotted lines are the 5-MAD cut-offs; colour = batch")
    out["qc"] = png(fig)

    if res["qc"]["marker_cpm"]:
        fig, ax = plt.subplots(figsize=(6.2, 3.4))
        for r, (f, m) in zip(rows, res["qc"]["marker_cpm"]):
            odd = "markers say" in r["flag"]
            ax.scatter(f + 1, m + 1, s=30 if odd else 14, marker="o" if r["recorded_sex"] == "F" else "^",
                       c="#c62828" if odd else "#607d8b", zorder=3 if odd else 2)
            if "markers say" in r["flag"]:
                ax.annotate(r["sample"], (f + 1, m + 1), fontsize=7, xytext=(4, 4), textcoords="offset points")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(f"{analysis.F_MARKER} CPM + 1 (female-linked-like)")
        ax.set_ylabel(f"{analysis.M_MARKER} CPM + 1 (male-linked-like)")
        ax.set_title("Identity check: circle = recorded F, triangle = recorded M; red = contradiction")
        out["markers"] = png(fig)

    for name in ("before", "after"):
        v = res[name]
        fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.5), sharex=True, sharey=True)
        for ax, key, labels in ((axes[0], "batch", res["batch"]), (axes[1], "condition", res["condition"])):
            for group in sorted(set(labels)):
                idx = [i for i, g in enumerate(labels) if g == group]
                ax.scatter(v["scores"][idx, 0], v["scores"][idx, 1], s=14, c=COLOURS[group], label=group)
            ax.set_title(f"coloured by {key}")
            ax.set_xlabel(f"PC1 ({100 * v['variance'][0]:.0f}% of variance)")
            ax.legend(fontsize=7, frameon=False)
        axes[0].set_ylabel(f"PC2 ({100 * v['variance'][1]:.0f}%)")
        fig.suptitle("PCA before batch correction" if name == "before" else "PCA after per-batch centring")
        out[name] = png(fig)

    fig, ax = plt.subplots(figsize=(5.2, 3.0))
    ks = sorted(res["clusters"]["by_k"])
    ax.plot(ks, [res["clusters"]["by_k"][k]["silhouette"] for k in ks], marker="o", color="#1b6ca8")
    ax.set_xlabel("number of clusters k (k-means on 10 PCs after centring)")
    ax.set_ylabel("mean silhouette")
    ax.set_xticks(ks)
    ax.set_title("Silhouette against k: higher means tighter, better separated clusters")
    out["silhouette"] = png(fig)
    return out


def _f(v: float, digits: int = 2) -> str:
    return f"{v:.{digits}f}"


def _table(header: list[str], rows: list[list[Any]]) -> tuple[str, str]:
    md = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    md += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    h = "<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in header) + "</tr></thead><tbody>"
    h += "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return "\n".join(md), h + "</tbody></table>"


def _crosstab_rows(tab: dict[Any, dict[str, int]], prefix: str = "") -> tuple[list[str], list[list[Any]]]:
    cols = sorted({c for row in tab.values() for c in row})
    return cols, [[f"{prefix}{k}", *[tab[k].get(c, 0) for c in cols]] for k in tab]


def sections(res: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(markdown, html) ...]) for each section of the report; every figure comes from ``res``."""
    q, b, a, cl = res["qc"], res["before"], res["after"], res["clusters"]
    out: list[tuple[str, list[tuple[str, str]]]] = []

    def para(text: str) -> tuple[str, str]:
        return text, f"<p>{html.escape(text)}</p>"

    def fig(name: str, alt: str) -> tuple[str, str]:
        if name == "markers" and not res["qc"]["markers_found"]:
            return "", ""
        page = res["figures"].get(name)
        return (f"*Figure: {alt} (in report.html).*",
                f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{page}"></figure>' if page else "")

    design_cols, design_rows = _crosstab_rows(res["design"])
    out.append(("Design before any analysis", [
        para(f"{res['n_samples_in']} samples, {res['n_genes_in']} genes with at least one count. The sample sheet "
             f"crosses batch with condition as below; Cramer's V between them is {_f(res['cramers_v'])} "
             "(0 = balanced, 1 = batch decides condition)."),
        _table(["batch", *design_cols], design_rows),
        para("Warning: batch and condition are partly confounded. Any difference between treated and control is "
             "partly a difference between batches, and any batch correction removes part of the treated-control "
             "difference along with the batch (Nygaard et al., Biostatistics 2016)."),
    ]))
    flagged = [r for r in q["rows"] if r["flag"]]
    out.append(("Quality control", [
        para(f"Median library size {q['lib_median']:,.0f} counts, median detected genes {q['detected_median']:,.0f}. "
             f"A sample is flagged when its log1p library size or log1p detected genes lies more than "
             f"{analysis.QC_MADS:g} median absolute deviations below the median (cut-offs {q['lib_cutoff']:,.0f} counts "
             f"and {q['det_cutoff']:,.0f} genes), and when its recorded sex contradicts the two sex-linked-like "
             f"marker genes ({analysis.F_MARKER}, {analysis.M_MARKER})."
             if q["markers_found"] else
             f"Median library size {q['lib_median']:,.0f}; the marker genes {analysis.F_MARKER} and "
             f"{analysis.M_MARKER} are missing, so the identity check was skipped."),
        _table(["sample", "batch", "condition", "library size", "detected genes", "recorded sex", "marker sex", "flag"],
               [[r["sample"], r["batch"], r["condition"], f"{r['library_size']:,}", r["detected_genes"],
                 r["recorded_sex"], r["marker_sex"], r["flag"]] for r in flagged] or [["none"] + [""] * 7]),
        para(f"{len(q['low_quality'])} sample(s) fail the depth QC and {len(q['sex_mismatch'])} fail the identity "
             f"check; all {len(res['excluded'])} are left out of what follows ({', '.join(res['excluded']) or 'none'}). "
             "A sample whose labels contradict its own counts may have been swapped at the bench or in the sheet: "
             "it is held back until the lab checks its records, not relabelled by guesswork."),
        *[para(note) for note in res["notes"]],
        fig("qc", "library size against detected genes per sample, flagged samples named"),
        fig("markers", "expression of the two sex-linked-like marker genes per sample"),
    ]))
    out.append(("Normalisation and gene selection", [
        para(f"Counts become log2(counts per million + 1). {res['genes_detected']} genes are seen in at least "
             f"{analysis.MIN_SAMPLES_DETECTED} samples, {res['genes_expressed']} of them average at least "
             f"{analysis.MIN_MEAN_CPM:g} CPM (the two marker genes are kept out, so clusters do not split by sex), and "
             f"the {res['n_hvg']} with the highest variance are the highly variable genes used for PCA. Plain variance "
             "of log CPM is a simple choice: Seurat's vst and scanpy's seurat_v3 flavour model the mean-variance trend "
             "instead."),
    ]))
    out.append(("Batch effect, before and after correction", [
        para(f"Before correction PC1 explains {_f(100 * b['variance'][0], 1)}% of the variance and batch accounts for "
             f"{_f(100 * b['pc1_batch'], 0)}% of PC1 (condition: {_f(100 * b['pc1_condition'], 0)}%). The silhouette of "
             f"the batch labels on {analysis.N_PCS} PCs is {_f(b['sil_batch'])}; of the condition labels {_f(b['sil_condition'])}."),
        fig("before", "PCA before correction, coloured by batch and by condition"),
        para(f"Per-batch centring subtracts each gene's batch mean. After it, batch silhouette is {_f(a['sil_batch'])} and "
             f"condition silhouette {_f(a['sil_condition'])}; PC1 explains {_f(100 * a['variance'][0], 1)}% of the "
             f"variance and condition accounts for {_f(100 * a['pc1_condition'], 0)}% of it."),
        fig("after", "PCA after per-batch centring, coloured by batch and by condition"),
        para(f"Look inside each condition, though: after centring, batch still accounts for "
             f"{_f(100 * a['pc1_batch_within']['treated'], 0)}% of PC1 among the treated samples and "
             f"{_f(100 * a['pc1_batch_within']['control'], 0)}% among the controls (before: "
             f"{_f(100 * b['pc1_batch_within']['treated'], 0)}% and {_f(100 * b['pc1_batch_within']['control'], 0)}%). "
             "Centring moved each batch by its own mean, and B3's mean is mostly a treated mean, so the correction "
             "itself pushes B3's treated samples and its few controls away from the same condition in the other "
             "batches. A pattern that appears only after a correction can be made by the correction."),
        para("Limits of this correction: centring removes only a shift in the mean of each gene per batch (not a "
             "change in variance, which ComBat also models). Because B3 holds mostly treated samples, its mean is "
             "mostly a treated mean, so centring also removes part of the real treated-control difference. Keeping "
             "condition as a covariate instead (as ComBat allows) protects that difference but, in an unbalanced design, "
             "makes later tests over-confident. Neither fixes the design; only a balanced design does."),
    ]))
    by_k = cl["by_k"]
    k = cl["best_k"]
    cols, rows = _crosstab_rows(res["cluster_by_condition"], "cluster ")
    bcols, brows = _crosstab_rows(res["cluster_by_batch"], "cluster ")
    k2cols, k2rows = _crosstab_rows(res["k2_by_condition"], "cluster ")
    rbcols, rbrows = _crosstab_rows(res["raw_by_batch"], "cluster ")
    out.append(("Clustering", [
        para(f"k-means on the first {analysis.N_PCS} PCs after centring, for k = "
             f"{min(by_k)} to {max(by_k)}: mean silhouette " +
             ", ".join(f"{_f(by_k[i]['silhouette'])} (k={i})" for i in sorted(by_k)) +
             f". The highest is at k = {k}."),
        fig("silhouette", "mean silhouette for each number of clusters"),
        para(f"With k = {k}, the clusters against the recorded condition and against batch:"),
        _table(["", *cols], rows),
        _table(["", *bcols], brows),
        para("With k = 2, for comparison:"),
        _table(["", *k2cols], k2rows),
        para(f"Without the correction, the best k is {res['raw_best_k']} and its clusters follow batch:"),
        _table(["", *rbcols], rbrows),
        para("A cluster is a group of samples whose numbers resemble each other; it is not a cell type, a disease "
             "subtype or a mechanism. What the clusters can and cannot mean, and what follow-up would test them, is "
             "the author's to write in analysis/interpretation.md."),
    ]))
    return out


def findings_md(res: dict[str, Any], secs: list[tuple[str, list[tuple[str, str]]]]) -> str:
    head = [f"# {TITLE}", "", txt.DISCLAIMER_MD, "",
            (f"{_byline()} {txt.GENERATED_NOTE} Written by scripts/report.py from data/counts.csv and data/samples.csv; "
             "the figures are in report.html."), ""]
    body = []
    for title, parts in secs:
        body.append(f"## {title}\n")
        body += [md + "\n" for md, _ in parts if md]
    return "\n".join(head + body) + f"\n---\n\n{txt.TOOL_LINE}\n"


def _byline() -> str:
    return f"Project by {txt.AUTHOR}." if txt.AUTHOR else "No author name yet (add yours to the README byline)."


def report_html(secs: list[tuple[str, list[tuple[str, str]]]]) -> str:
    style = ("body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45;"
             "color:#1a1a1a}table{border-collapse:collapse;margin:.8rem 0;font-size:.88rem}td,th{border:1px solid #bbb;"
             "padding:.2rem .5rem;text-align:left}th{background:#eef}figure{margin:1rem 0;break-inside:avoid}"
             "figure img{max-width:100%;height:auto}section{break-inside:auto}h2{border-bottom:1px solid #ccc}"
             ".prooflane-disclaimer{background:#f6f6f6;padding:.5rem 1rem;border-left:4px solid #888}"
             ".note{background:#fff8e1;border-left:4px solid #f9a825;padding:.4rem .8rem}"
             "@media print{body{margin:0;max-width:none}figure{page-break-inside:avoid}}")
    body = "\n".join(f"<section><h2>{html.escape(t)}</h2>\n" + "\n".join(h for _, h in parts if h) + "\n</section>"
                     for t, parts in secs)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{TITLE}</title>\n'
            f"<style>{style}</style>\n</head>\n<body>\n<header><h1>{TITLE}</h1>\n"
            f"<p>{html.escape(_byline())} {html.escape(txt.GENERATED_NOTE)}</p></header>\n{txt.DISCLAIMER_HTML}\n"
            '<p class="note">Educational exercise on synthetic data, not diagnostic: the genes and samples are invented, '
            "and no pattern in this report is a biological finding.</p>\n"
            f"<main>\n{body}\n</main>\n<footer><p>{html.escape(txt.TOOL_LINE)}</p></footer>\n</body>\n</html>\n")


def results_json(res: dict[str, Any]) -> str:
    """The headline numbers, for tests and for scripts/check_key.py."""
    keep = {
        "excluded": res["excluded"], "low_quality": res["qc"]["low_quality"], "sex_mismatch": res["qc"]["sex_mismatch"],
        "cramers_v": round(res["cramers_v"], 4), "n_hvg": res["n_hvg"], "best_k": res["clusters"]["best_k"],
        "silhouette_by_k": {str(k): round(v["silhouette"], 4) for k, v in res["clusters"]["by_k"].items()},
        "samples": res["samples"],
        "labels": res["clusters"]["by_k"][res["clusters"]["best_k"]]["labels"],
        "labels_k2": res["clusters"]["by_k"][2]["labels"],
    }
    for name in ("before", "after"):
        view = {k: v for k, v in res[name].items() if k != "scores"}
        keep[name] = {k: round(v, 4) if isinstance(v, float) else
                      {c: round(x, 4) for c, x in v.items()} if isinstance(v, dict) else [round(x, 4) for x in v]
                      for k, v in view.items()}
    return json.dumps(keep, indent=2) + "\n"


def qc_csv(res: dict[str, Any]) -> str:
    buf = io.StringIO()
    fields = ["sample", "batch", "condition", "library_size", "detected_genes", "recorded_sex", "marker_sex", "flag"]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(res["qc"]["rows"])
    return buf.getvalue()


def render(res: dict[str, Any], figures: bool = True) -> dict[str, str]:
    """The report files from the analysis results (``figures=False`` leaves the plots out)."""
    res["figures"] = _plots(res) if figures else {}
    secs = sections(res)
    return {"reports/report.html": report_html(secs), "reports/findings.md": findings_md(res, secs),
            "reports/qc.csv": qc_csv(res), "reports/results.json": results_json(res)}


def analyse(root: Path = ROOT) -> dict[str, Any]:
    return analysis.run(load(root / "data" / "counts.csv", root / "data" / "samples.csv"))


def build(root: Path = ROOT) -> dict[str, str]:
    return render(analyse(root))


def main(root: Path = ROOT) -> int:
    try:
        outputs = build(root)
    except (InputError, analysis.AnalysisError) as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    for rel, text in outputs.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(target)
    print("Wrote " + ", ".join(sorted(outputs)) + ".")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
