"""Write reports/: report.html (charts embedded), model_card.md, tripod_checklist.md and results.json."""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

from analysis import charts, documents
from analysis.run import analyse

HERE = Path(__file__).resolve().parent
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; } th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; }
th { background: #eef2f7; } img { max-width: 100%; } .banner { background: #fff4e0; border: 2px solid #c2571a; padding: 0.6rem; font-weight: bold; }
.example { border-left: 4px solid #1f5fa8; padding-left: 0.8rem; } .grid { display: flex; flex-wrap: wrap; gap: 1rem; }
@media print { .grid { display: block; } img { max-width: 80%; page-break-inside: avoid; } }
"""


def project_info() -> dict[str, Any]:
    return json.loads((HERE / "project_info.json").read_text(encoding="utf-8"))


def disclaimer() -> dict[str, str]:
    return json.loads((HERE / "disclaimer.json").read_text(encoding="utf-8"))


def _img(png: bytes, alt: str) -> str:
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def page(r: dict[str, Any], info: dict[str, Any]) -> str:
    h = documents.headline(r)
    a = r["_arrays"]
    e = html.escape
    leak_rows = [[s["column"], s["timing"], f"{s['auroc_alone']:.2f}", s["flag"] or "-"] for s in r["leakage"]["screen"]]
    drift_rows = [[str(d["year"]), f"{d['n']:,}", documents.pct(d["prevalence"]), documents.ci(d["auroc"], d["auroc_low"], d["auroc_high"]),
                   documents.pct(d["mean_predicted"]), documents.pct(d["at_threshold"]["ppv"], d["at_threshold"]["ppv_low"], d["at_threshold"]["ppv_high"])]
                  for d in r["drift"]]
    sub_rows = []
    for column, levels in r["subgroups"].items():
        for g in levels:
            t = g["at_threshold"]
            sub_rows.append([f"{column} = {g['level']}", f"{g['n']:,}", f"{g['events']:,}",
                             documents.ci(g["auroc"], g["auroc_low"], g["auroc_high"]) if "auroc" in g else "n/a",
                             documents.pct(g["observed"], g["observed_low"], g["observed_high"]), documents.pct(g["mean_predicted"]),
                             documents.pct(t["sensitivity"], t["sensitivity_low"], t["sensitivity_high"]),
                             "fewer than 100 events" if g["few_events"] else ""])
    what_if = ""
    if r["prevalence_what_if"]:
        w = r["prevalence_what_if"]
        what_if = (f"<p>At a deployment prevalence of {100 * w['prevalence']:.1f}% (the author's figure), the same sensitivity and "
                   f"specificity would give a PPV of {100 * w['ppv']:.1f}%.</p>")
    threshold_note = ("the worked example's threshold; choose and justify your own in my_choices.yaml"
                      if r["threshold_is_example"] else "the author's threshold from my_choices.yaml")
    author = e(info["author"]) if info["author"] else "the project's author"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(info['name'])}: report</title>
<style>{STYLE}</style></head><body>
<header><h1>{e(info['name'])}</h1><p>Report by {author}. Seed {info['seed']}.</p></header>
{disclaimer()['html']}
<p class="banner">Educational and synthetic: not a clinical decision tool. It makes no diagnosis and must not be used for decisions about real patients.</p>
<section class="example"><p><em>{e(info['example_label'])}</em></p>
<h2>Discrimination and calibration</h2>
<p>The model was fitted at {e(r['sites']['development'])} ({h['dev_n']} discharges, {h['dev_events']} recorded readmissions) and validated at
{e(r['sites']['validation'])} ({h['val_n']} discharges, {h['val_events']} recorded readmissions). AUROC intervals are DeLong 95% intervals;
proportions carry Wilson 95% intervals; calibration intervals are the Wald intervals of the recalibration fits.</p>
{_table(["Measure", "Internal (Site A hold-out)", "External (Site B)"], [
    ["AUROC (95% CI)", h["internal_auroc"], h["val_auroc"]],
    ["Calibration-in-the-large (target 0)", documents.ci(r["internal"]["citl"], r["internal"]["citl_low"], r["internal"]["citl_high"]), h["citl"]],
    ["Calibration slope (target 1)", h["internal_slope"], h["slope"]],
    ["Brier score (scaled)", f"{r['internal']['brier']:.3f} ({r['internal']['scaled']:.3f})", f"{h['brier']} ({h['scaled_brier']})"],
    ["Observed / mean predicted", f"{documents.pct(r['internal']['observed'])} / {documents.pct(r['internal']['mean_predicted'])}", f"{h['observed']} / {h['predicted']}"],
])}
<p>At Site B the calibration slope is {h['slope']}: predictions spread further than outcomes do, the usual sign that a model does not
transport as it is. Intercept-only recalibration brings calibration-in-the-large to {h['recal_citl']} but leaves the slope at {h['recal_slope']}.</p>
<div class="grid">{_img(charts.reliability(a['y_val'], a['p_val'], a['p_recal']), 'Reliability diagram at Site B')}
{_img(charts.decision_curve(r['decision_curve']), 'Decision curve at Site B')}</div>
<h2>Threshold {h['threshold']} ({e(threshold_note)})</h2>
<p>Sensitivity {h['sens']}, specificity {h['spec']}, PPV {h['ppv']}; {h['flagged']} of Site B discharges flagged.
The decision curve shows the model above treat-all and treat-none at {documents.benefit_range(r)}.</p>{what_if}
<h2>Leakage screen</h2>
<p>A model that also uses <code>case_review_flag</code> reaches an internal AUROC of {h['leak_auroc']}: too good, because the flag is
recorded after discharge, mostly because of the readmission itself. It is excluded (tests/test_leakage.py).</p>
{_table(["Column", "Known", "AUROC alone", "Flag"], leak_rows)}
<h2>Prevalence drift at Site B</h2>
{_table(["Year", "n", "Observed rate", "AUROC (95% CI)", "Mean predicted", "PPV at threshold"], drift_rows)}
<h2>Subgroups at Site B</h2>
{_table(["Subgroup", "n", "Events", "AUROC (95% CI)", "Observed", "Mean predicted", "Sensitivity", "Note"], sub_rows)}
{_img(charts.subgroup_forest(r['subgroups']), 'AUROC by subgroup')}
</section>
<h2>The author's subgroup findings</h2><p>{e(documents._text(r, 'subgroup_findings'))}</p>
<h2>The author's threshold rationale</h2><p>{e(documents._text(r, 'threshold_justification'))}</p>
<footer><p>{e(info['tool_line'])}</p></footer>
</body></html>
"""


def build(root: Path, out: Path) -> dict[str, Any]:
    """Run the analysis and write every report file to ``out``; return the results (without arrays)."""
    r = analyse(root)
    info = project_info()
    out.mkdir(parents=True, exist_ok=True)
    d = disclaimer()
    (out / "report.html").write_text(page(r, info), encoding="utf-8")
    (out / "model_card.md").write_text(documents.model_card(r, info, d["md"]), encoding="utf-8")
    note = f"> *{info['example_label']}*"
    (out / "tripod_checklist.md").write_text(documents.tripod(r, info, d["md"], note), encoding="utf-8")
    public = {k: v for k, v in r.items() if k != "_arrays"}
    (out / "results.json").write_text(json.dumps(public, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return public
