"""Evaluate the fictional model's flags against the reference reads; write reports/report.md, report.html
and metrics.json. Usage: python scripts/evaluate.py [--threshold 0.5] [--prevalence 0.02] [--subgroup vendor]
[--interval wilson|clopper-pearson]."""

from __future__ import annotations

import argparse
import json
import sys
from html import escape as _escape
from pathlib import Path
from typing import Any

import analysis
import charts
import project_text as text
from inputs import ROOT, InputError, Inputs, check_probability, check_subgroup, load

Block = tuple[str, Any]


def escape(text: str) -> str:
    """HTML text content: <, > and & escaped; apostrophes kept as typed (the page has no attributes from data)."""
    return _escape(text, quote=False)  # ("h2" | "p" | "table" | "svg" | "note", content)


def pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


def interval(prop: dict[str, Any]) -> str:
    if not prop["n"]:
        return "no studies"
    return f"{prop['p']:.2f} ({prop['lo']:.2f}-{prop['hi']:.2f})"


def _value(v: float | None) -> str:
    if v is None:
        return "none judged"
    return pct(v) if isinstance(v, float) else str(v)


def _two_by_two(t: dict[str, Any]) -> list[list[str]]:
    return [["", "reference positive", "reference negative", "total"],
            ["model flagged", str(t["tp"]), str(t["fp"]), str(t["tp"] + t["fp"])],
            ["model not flagged", str(t["fn"]), str(t["tn"]), str(t["fn"] + t["tn"])],
            ["total", str(t["positives"]), str(t["n"] - t["positives"]), str(t["n"])]]


def blocks(inputs: Inputs, r: dict[str, Any]) -> list[Block]:
    o = r["overall"]
    name = r["interval_name"]
    out: list[Block] = [
        ("p", (f"Educational evaluation of a fictional model that flags imaging studies for priority reading. It is "
              f"not a diagnostic tool: the model only flags or prioritises, and a radiologist reads every study. "
              f"Operating threshold on the model score: {r['threshold']:g}. Intervals: {name} 95%.")),
        ("h2", "Study flow (STARD 2015 item 19)"),
        ("table", [["site", "setting", "studies", "reference read", "no reference read"]]
         + [[f"Site {s}", r["settings"][s], str(f["studies"]), str(f["read"]), str(f["studies"] - f["read"])]
            for s, f in r["flow"]["per_site"].items()]
         + [["all", "", str(r["flow"]["studies"]), str(r["flow"]["read"]), str(r["flow"]["not_read"])]]),
        ("p", ("Accuracy is computed on the studies with a reference read; the reference is the two readers' "
              "shared call, or the adjudicator's when they disagree.")),
        ("h2", "Cross-tabulation against the reference (STARD 2015 item 23)"),
        ("table", _two_by_two(o)),
        ("h2", "Accuracy with intervals (STARD 2015 item 24)"),
        ("table", [["measure", f"estimate ({name})", r["other_interval_name"]],
                   ["sensitivity", interval(o["se"]), interval(r["overall_other"]["se"])],
                   ["specificity", interval(o["sp"]), interval(r["overall_other"]["sp"])],
                   ["PPV (at this sample's prevalence)", interval(o["ppv"]), ""],
                   ["NPV (at this sample's prevalence)", interval(o["npv"]), ""]]),
        ("p", (f"Prevalence among the studies read: {o['prevalence']:.3f}. PPV and NPV depend on it; sensitivity "
              "and specificity much less so. Wilson intervals are used by default; the exact Clopper-Pearson "
              "interval is wider, most visibly for small counts.")),
        ("h2", "Per site"),
        ("table", [["site", "setting", "read", "positives", "prevalence", "sensitivity", "specificity", "PPV observed"]]
         + [[f"Site {s}", r["settings"][s], str(t["n"]), str(t["positives"]), f"{t['prevalence']:.3f}",
             interval(t["se"]), interval(t["sp"]), interval(t["ppv"])] for s, t in r["sites"].items()]),
    ]
    c = r["curve"]
    out += [
        ("h2", "PPV and NPV across prevalence"),
        ("p", ("Computed from the pooled sensitivity and specificity with PPV = Se p / (Se p + (1 - Sp)(1 - p)) and "
              "NPV = Sp (1 - p) / (Sp (1 - p) + (1 - Se) p); the band uses the lower and upper interval ends.")),
        ("table", [["prevalence", "PPV", "PPV low", "PPV high", "NPV"]]
         + [[f"{row['prevalence']:g}", pct(row["ppv"]), pct(lo["ppv"]), pct(hi["ppv"]), f"{row['npv']:.3f}"]
            for row, lo, hi in zip(c, r["curve_low"], r["curve_high"])]),
        ("svg", charts.ppv_chart(o["se"]["p"], o["sp"]["p"], o["se"]["lo"], o["sp"]["lo"], o["se"]["hi"], o["sp"]["hi"],
                                 min(x["prevalence"] for x in c), max(x["prevalence"] for x in c),
                                 {s: t["prevalence"] for s, t in r["sites"].items()}, r["local"]["prevalence"])),
        ("p", (f"At Site {r['local']['site']}'s expected prevalence of {r['local']['prevalence']:g}, the pooled accuracy "
              f"gives PPV {r['local']['ppv']:.2f} and NPV {r['local']['npv']:.3f}: of every 100 flagged studies, about "
              f"{round(100 * (1 - r['local']['ppv']))} would have no finding on the reference read.")),
        ("h2", "Breakdowns by subgroup, device and site"),
        ("p", (f"Subgroups with fewer than {inputs.settings['min_positives']} reference-positive studies are listed "
              "but not judged (grey in the chart). Specificity does not apply to finding-size bands, which exist only for "
              "studies with a finding.")),
    ]
    for column, rows in r["subgroups"].items():
        out.append(("table", [[column, "studies", "positives", "sensitivity", "specificity", "judged"]]
                    + [[g["group"], str(g["studies"]), str(g["positives"]), interval(g["se"]),
                        interval(g["sp"]) if g["sp_applies"] else "n/a", "yes" if g["judged"] else "too few"] for g in rows]))
    forest_rows = [g for rows in r["subgroups"].values() for g in rows if g["positives"]]
    out.append(("svg", charts.forest(forest_rows, "Sensitivity by subgroup, all sites")))
    rd = r["readers"]
    out += [
        ("h2", "Reference readers' agreement (STARD 2015 items 10b, 11 and 17)"),
        ("p", (f"The two readers read {rd['studies']} studies and agreed on {rd['agree']} ({rd['percent']:.0%}); "
              f"Cohen's kappa {rd['kappa']:.2f} ({rd['label']} on the Landis-Koch scale of 1977, a convention). {rd['disagree']} "
              "disagreements went to the adjudicator.")),
        ("table", [["reference used", "model sensitivity", "model specificity"]]
         + [[k.replace("_", " "), pct(v), pct(rd["sp_by_reference"][k])] for k, v in rd["se_by_reference"].items()]),
        ("h2", "Verification bias (QUADAS-2 flow and timing)"),
    ]
    if r["verification"]:
        for v in r["verification"]:
            out.append(("p", (f"At Site {v['site']}, {v['flagged_read']} of {v['flagged']} flagged studies had a reference read but only "
                             f"{v['unflagged_read']} of {v['unflagged']} unflagged studies did. Counting only the studies "
                             f"read gives sensitivity {pct(v['complete_case_se'])}; correcting for the flag-dependent reads "
                             f"(Begg and Greenes) gives about {pct(v['corrected_se'])}. The complete-case figure is inflated "
                             "because the missed findings sit mostly among the unread studies.")))
    else:
        out.append(("p", "Every study at every site had a reference read, so verification bias does not arise here."))
    out += [("h2", "The vendor's evidence next to the local data"),
            ("table", [["item", "what the vendor states (fictional, to be judged)"]] + [[k, v] for k, v in inputs.vendor.items()])]
    out += local_validation_blocks(inputs, r)
    return out


def local_validation_blocks(inputs: Inputs, r: dict[str, Any]) -> list[Block]:
    plan = inputs.plan
    out: list[Block] = [("h2", f"Local validation plan: acceptance (the plan's site is {plan['site']})"),
                        ("p", ("Thresholds from local_validation_plan.yaml, applied to each site's studies. A site's own "
                              "prevalence is used for its PPV, except the local site, which uses the expected prevalence "
                              "in evaluation.yaml."))]
    for site, rows in r["acceptance"].items():
        out.append(("table", [[f"Site {site}: rule", "value", "threshold", "met"]]
                    + [[x["rule"], _value(x["value"]), f"{x['threshold']:g}",
                        "yes" if x["met"] else "NO"] for x in rows]))
    out.append(("h2", "Monitoring plan"))
    out.append(("table", [["metric", "how often", "alert when", "action"]]
                + [[m["metric"], m["how_often"], m["alert_when"], m["action"]] for m in plan["monitoring"]]))
    d = r["decision"]
    out.append(("h2", f"Decision for Site {plan['site']} (the author's)"))
    answered = str(d.get("vendor_evidence_supports_use") or "unanswered")
    if answered == "unanswered":
        out.append(("note", "Not written yet: the decision and the residual-risk statement go in local_validation_plan.yaml."))
    else:
        out.append(("table", [["question", "answer"],
                              ["Does the vendor's evidence support use at this site?", answered],
                              ["Reasons", str(d.get("reasons") or "")], ["Conditions", str(d.get("conditions") or "")],
                              ["Residual risk", str(d.get("residual_risk") or "")]]))
    return out


def to_markdown(parts: list[Block]) -> str:
    lines = [f"# {text.PROJECT_NAME}: evaluation report", "", text.DISCLAIMER_MD, "", text.GENERATED_NOTE, ""]
    if text.AUTHOR:
        lines += [f"Author: {text.AUTHOR}", ""]
    for kind, content in parts:
        if kind == "h2":
            lines += [f"## {content}", ""]
        elif kind in ("p", "note"):
            lines += [content, ""]
        elif kind == "table":
            lines.append("| " + " | ".join(content[0]) + " |")
            lines.append("|" + "---|" * len(content[0]))
            lines += ["| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in content[1:]]
            lines.append("")
        elif kind == "svg":
            lines += ["(chart in report.html)", ""]
    lines += [text.TOOL_LINE, ""]
    return "\n".join(lines)


CSS = """body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}
th{background:#eef2f7}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em;break-after:avoid}
.note{background:#fff6e0;border-left:4px solid #d9a400;padding:.5em .8em}svg{max-width:100%;height:auto}
table,svg{break-inside:avoid}footer{margin-top:3em;color:#555;font-size:.9em}
@media print{body{margin:0;max-width:none}}"""


def to_html(parts: list[Block]) -> str:
    out = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(text.PROJECT_NAME)}: evaluation report</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<header><h1>{escape(text.PROJECT_NAME)}: evaluation report</h1>"]
    if text.AUTHOR:
        out.append(f"<p>\nAuthor: {escape(text.AUTHOR)}</p>")  # on its own line, where check reads it as a byline
    out += [f"<p>{escape(text.GENERATED_NOTE)}</p></header>", text.DISCLAIMER_HTML]
    for kind, content in parts:
        if kind == "h2":
            out.append(f"<h2>{escape(content)}</h2>")
        elif kind == "p":
            out.append(f"<p>{escape(content)}</p>")
        elif kind == "note":
            out.append(f'<p class="note">{escape(content)}</p>')
        elif kind == "table":
            head = "".join(f"<th>{escape(c)}</th>" for c in content[0])
            body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in content[1:])
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif kind == "svg":
            out.append(f"<figure>{content}</figure>")
    out += [f"<footer>{escape(text.TOOL_LINE)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def build(inputs: Inputs) -> dict[str, str]:
    """The report files' contents, by name (nothing written)."""
    results = analysis.evaluate(inputs)
    parts = blocks(inputs, results)
    return {"report.md": to_markdown(parts), "report.html": to_html(parts),
            "metrics.json": json.dumps(results, indent=2, sort_keys=True) + "\n"}


def parse(argv: list[str]) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description="Evaluate the fictional model against the reference reads.")
    parser.add_argument("--threshold", help="operating point on model_score, from 0 to 1")
    parser.add_argument("--prevalence", help="expected prevalence at the local site, above 0 and below 1")
    parser.add_argument("--subgroup", action="append", help="a column to break results down by (repeatable)")
    parser.add_argument("--interval", choices=("wilson", "clopper-pearson"))
    args = parser.parse_args(argv)
    overrides: dict[str, Any] = {"interval": args.interval}
    if args.threshold is not None:
        overrides["threshold"] = check_probability("--threshold", args.threshold, open_interval=False, source="command line")
    if args.prevalence is not None:
        overrides["local_prevalence"] = check_probability("--prevalence", args.prevalence, open_interval=True, source="command line")
    if args.subgroup:
        overrides["subgroups"] = [check_subgroup(c, "command line (--subgroup)") for c in args.subgroup]
    return overrides


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    try:
        overrides = parse(sys.argv[1:] if argv is None else argv)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        files = build(load(root, overrides))
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 1
    out = root / "reports"
    out.mkdir(exist_ok=True)
    for name, content in files.items():
        (out / name).write_text(content, encoding="utf-8")
    print(f"wrote {', '.join('reports/' + n for n in files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
