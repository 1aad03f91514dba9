"""Build reports/report.md and reports/report.html: readability before and after, escalation check,
PEMAT-P and CCI scores, change logs, and tracked changes side by side (difflib), all offline.

Run: python scripts/report.py   (exit 1 with one sentence when an input needs fixing)
"""

from __future__ import annotations

import difflib
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import readability
from inputs import (
    ROOT,
    InputError,
    load_change_log,
    load_drafts,
    load_score_sheet,
    load_sources,
    rewrite_body,
)
from instruments import CCI_TARGET, PEMAT_THRESHOLD, cci_score, pemat_scores

ESCALATION_HEADING = "When to get help"
# The drafts hold unsafe and false statements on purpose; wherever the report quotes them, this comment
# tells `prooflane check` they are evidence, not the project's own claims.
EVIDENCE = "<!-- prooflane: allow claim.* -- reason: quoted from a fictional AI draft as evidence of what the rewrite fixes -->"


def escalation(markdown: str) -> dict[str, Any]:
    """Is the 'When to get help' block in its fixed place (the second section) with both levels of help?"""
    headings = re.findall(r"^##\s+(.+?)\s*$", markdown, flags=re.MULTILINE)
    if ESCALATION_HEADING not in headings:
        return {"ok": False, "why": "no 'When to get help' block"}
    position = headings.index(ESCALATION_HEADING) + 1
    block = markdown.split(f"## {ESCALATION_HEADING}", 1)[1].split("\n## ", 1)[0].lower()
    if position != 2:
        return {"ok": False, "why": f"the block is section {position}; it belongs second, right after the main message"}
    if "emergency" not in block:
        return {"ok": False, "why": "the block names no emergency signs"}
    if not re.search(r"555-01\d\d|call the clinic|call your", block):
        return {"ok": False, "why": "the block gives no number or way to call"}
    return {"ok": True, "why": "second section, emergency and same-day signs, a number to call"}


def _rows(root: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    drafts = load_drafts(root)
    texts: list[dict[str, Any]] = []
    for draft_id, draft in sorted(drafts.items()):
        if draft.version == "ai_draft":
            texts.append({"id": draft_id, "label": f"{draft_id} AI draft", "text": draft.text, "title": draft.title})
            body = rewrite_body(root / "rewrites" / f"{draft_id}.md", root)
            texts.append({"id": draft_id, "label": f"{draft_id} rewrite", "text": body, "title": draft.title})
        else:
            texts.append({"id": draft_id, "label": f"{draft_id} over-simplified rewrite", "text": draft.text, "title": draft.title})
    for row in texts:
        row["readability"] = None if row["text"] is None else readability.measure(row["text"])
        row["escalation"] = None if row["text"] is None else escalation(row["text"])
    return texts, {d: v for d, v in drafts.items()}


def collect(root: Path = ROOT) -> dict[str, Any]:
    """Everything the report shows, as data (the tests use it too)."""
    texts, drafts = _rows(root)
    sources = load_sources(root)
    sheets = []
    for path in sorted((root / "scores").glob("*.yaml")):
        sheet = load_score_sheet(path, root)
        complete = sheet.unanswered() == 0
        sheets.append({"sheet": sheet, "complete": complete,
                       "pemat": pemat_scores(sheet.pemat) if complete else None,
                       "cci": cci_score(sheet.cci) if complete else None})
    logs = [load_change_log(p, drafts, sources, root) for p in sorted((root / "changelog").glob("*.yaml"))]
    return {"texts": texts, "sheets": sheets, "logs": logs, "sources": sources, "drafts": drafts}


def _fmt(value: float | None, note: str) -> str:
    return f"not computed ({note})" if value is None else f"{value:.1f}"


def markdown(data: dict[str, Any], disclaimer: str, label: str) -> str:
    out = ["# Patient education rewrite: report", "", disclaimer, "", f"_{label}_", "",
           "Built by `python scripts/report.py` from the files in this project; nothing here is typed by hand.", "",
           "## Readability before and after", "",
           f"Computed by {readability.PACKAGE}.", "",
           *[f"- {v}" for v in readability.FORMULAS.values()], "",
           "| Text | Words | Sentences | Flesch-Kincaid grade | SMOG grade | Reading ease | When to get help |",
           "|---|---:|---:|---|---|---:|---|"]
    for row in data["texts"]:
        r = row["readability"]
        if r is None:
            out.append(f"| {row['label']} | | | not written yet | | | |")
            continue
        esc = row["escalation"]
        out.append(f"| {row['label']} | {r['words']} | {r['sentences']} | {_fmt(r['fk_grade'], r['fk_note'])} | "
                   f"{_fmt(r['smog'], r['smog_note'])}{'' if r['smog'] is None else ' (' + r['smog_note'] + ')'} | "
                   f"{'-' if r['reading_ease'] is None else r['reading_ease']} | {'yes' if esc['ok'] else 'missing: ' + esc['why']} |")
    out += ["", ("Readability is not quality: a text can read easily and still be wrong or leave out the warning. "
            "Check accuracy against the sources and score PEMAT-P and the CCI as well."), "",
            "## PEMAT-P and Clear Communication Index", "",
            (f"PEMAT-P understandability and actionability are scored separately (agree / applicable items x 100; "
            f"{PEMAT_THRESHOLD:.0f}% is a common convention, not a validated cut-off). CCI = points / applicable items "
            f"x 100; the CDC target is {CCI_TARGET:.0f}."), "",
            "| Sheet | Material | Rater | PEMAT-P understandability | PEMAT-P actionability | CCI |", "|---|---|---|---:|---:|---:|"]
    for s in data["sheets"]:
        sheet = s["sheet"]
        if not s["complete"]:
            out.append(f"| {sheet.path} | {sheet.material} {sheet.version} | {sheet.rater} | {sheet.unanswered()} items unanswered | | |")
            continue
        u, a = s["pemat"]["understandability"], s["pemat"]["actionability"]
        out.append(f"| {sheet.path} | {sheet.material} {sheet.version} | {sheet.rater} | {_fmt(u, 'no applicable items')}% | "
                   f"{_fmt(a, 'no applicable items')}% | {_fmt(s['cci'], 'no applicable items')} |")
    out += ["", "## Change logs", ""]
    for log in data["logs"]:
        filled = [e for e in log["entries"] if e["filled"]]
        out.append(f"### {log['draft']} ({log['path']}): {len(filled)} change(s) logged")
        out.append("")
        for e in filled:
            span = f'"{e["span"]}"' if e.get("span") else "(addition)"
            out += [EVIDENCE, f"- **{e['reason']}** ({e.get('source') or 'no source'}): {span} → {e['change']}"]
        if filled:
            out.append("")
    return "\n".join(out) + "\n"


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1200px;margin:0 auto;padding:1rem;color:#1a1a1a;line-height:1.45}
header{border-bottom:2px solid #333;margin-bottom:1rem}.label{background:#fff4d6;border-left:4px solid #b8860b;padding:.5rem .8rem}
table{border-collapse:collapse;margin:.6rem 0;width:100%}th,td{border:1px solid #bbb;padding:.3rem .45rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#eef}.ok{color:#0a5a0a;font-weight:600}.bad{color:#9a1010;font-weight:600}
table.diff{font-family:ui-monospace,monospace;font-size:.8rem}table.diff td{white-space:pre-wrap;word-break:break-word;width:48%}
table.diff td.diff_header,table.diff td.diff_next,table.diff th.diff_next{width:1%;white-space:nowrap;color:#777;font-size:.7rem}
table.diff a{color:#777;text-decoration:none}.diff_add{background:#c9f0c9}.diff_chg{background:#fdf1a8}.diff_sub{background:#f7c4c4}
footer{margin-top:2rem;border-top:1px solid #999;color:#555;font-size:.85rem}
@media print{body{max-width:none;font-size:10pt}section{break-inside:avoid-page}.diff{break-inside:auto}a{color:inherit}}
"""


def _sentence_lines(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.splitlines():
        lines.extend(s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s)
    return lines


def side_by_side(before: str, after: str, left: str, right: str, index: int) -> str:
    """Tracked changes, one sentence per line, with difflib's side-by-side table.

    difflib numbers its anchors with a process-wide counter; they are renumbered by ``index`` so the
    page is byte-identical however many tables were made before.
    """
    table = difflib.HtmlDiff(tabsize=2, wrapcolumn=None).make_table(
        _sentence_lines(before), _sentence_lines(after), html.escape(left), html.escape(right))
    table = re.sub(r"(from|to)\d+_", lambda m: f"{m.group(1)}{index}_", table)
    table = table.replace('cellspacing="0" cellpadding="0" rules="groups" ', "")
    return "\n".join(f"{EVIDENCE}\n{line}" if "<tr" in line else line for line in table.splitlines())


def page(data: dict[str, Any], disclaimer_html: str, context: dict[str, Any]) -> str:
    label, tool = context["example_label"], context["tool_line"]
    esc = html.escape
    parts = [(f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{esc(context['project_name'])}: report</title>"
             f"<style>{CSS}</style></head><body>"),
             f"<header><h1>{esc(context['project_name'])}</h1><p>Prepared by: {esc(context['author'] or 'not given yet')}</p></header>",
             disclaimer_html,
             f"<p class=\"label\">{esc(label)}</p>",
             "<section><h2>Readability before and after</h2>",
             f"<p>Computed by {esc(readability.PACKAGE)}.</p><ul>",
             *[f"<li>{esc(v)}</li>" for v in readability.FORMULAS.values()], "</ul>",
             "<table><tr><th>Text</th><th>Words</th><th>Sentences</th><th>Flesch-Kincaid grade</th><th>SMOG grade</th><th>Reading ease</th><th>When to get help</th></tr>"]
    for row in data["texts"]:
        r = row["readability"]
        if r is None:
            parts.append(f"<tr><td>{esc(row['label'])}</td><td colspan=\"6\">not written yet</td></tr>")
            continue
        e = row["escalation"]
        smog = esc(_fmt(r["smog"], r["smog_note"])) + ("" if r["smog"] is None else f"<br><small>{esc(r['smog_note'])}</small>")
        parts.append(f"<tr><td>{esc(row['label'])}</td><td>{r['words']}</td><td>{r['sentences']}</td>"
                     f"<td>{esc(_fmt(r['fk_grade'], r['fk_note']))}</td><td>{smog}</td>"
                     f"<td>{'-' if r['reading_ease'] is None else r['reading_ease']}</td>"
                     f"<td class=\"{'ok' if e['ok'] else 'bad'}\">{'yes' if e['ok'] else 'missing'}: {esc(e['why'])}</td></tr>")
    parts += [("</table><p>Readability is not quality: the over-simplified rewrite reads easily, keeps the wrong dosing "
              "interval and drops the warning. Accuracy against the sources, PEMAT-P and the CCI catch what the formulas cannot.</p></section>"),
              "<section><h2>PEMAT-P and CDC Clear Communication Index</h2>",
              (f"<p>Understandability and actionability are scored separately; {PEMAT_THRESHOLD:.0f}% is a common convention, "
              f"not a validated cut-off. The CDC's target for the CCI is {CCI_TARGET:.0f}.</p>"),
              "<table><tr><th>Sheet</th><th>Material</th><th>Rater</th><th>PEMAT-P understandability</th><th>PEMAT-P actionability</th><th>CCI</th></tr>"]
    for s in data["sheets"]:
        sheet = s["sheet"]
        if not s["complete"]:
            parts.append(f"<tr><td>{esc(sheet.path)}</td><td>{esc(sheet.material)} {esc(sheet.version)}</td><td>{esc(sheet.rater)}</td>"
                         f"<td colspan=\"3\">{sheet.unanswered()} items unanswered</td></tr>")
            continue
        parts.append(f"<tr><td>{esc(sheet.path)}</td><td>{esc(sheet.material)} {esc(sheet.version)}</td><td>{esc(sheet.rater)}</td>"
                     f"<td>{_fmt(s['pemat']['understandability'], 'n/a')}%</td><td>{_fmt(s['pemat']['actionability'], 'n/a')}%</td>"
                     f"<td>{_fmt(s['cci'], 'n/a')}</td></tr>")
    parts.append("</table></section><section><h2>Change logs</h2>")
    for log in data["logs"]:
        filled = [e for e in log["entries"] if e["filled"]]
        parts.append(f"<h3>{esc(log['draft'])}: {len(filled)} change(s) logged</h3>")
        if filled:
            parts.append("<table><tr><th>Span in the draft</th><th>Change</th><th>Reason</th><th>Source</th></tr>")
            for e in filled:
                parts.append(f"{EVIDENCE}\n<tr><td>{esc(e.get('span') or '(addition)')}</td><td>{esc(str(e['change']))}</td>"
                             f"<td>{esc(e['reason'])}</td><td>{esc(e.get('source') or '')}</td></tr>")
            parts.append("</table>")
    parts.append("</section><section><h2>Tracked changes, side by side</h2>"
                 "<p>One sentence per line; green = added, yellow = changed, red = removed.</p>")
    by_id = {}
    for row in data["texts"]:
        by_id.setdefault(row["id"], []).append(row)
    for draft_id, rows in sorted(by_id.items()):
        if draft_id.endswith("-S"):
            continue
        draft_row, rewrite_row = rows[0], rows[1]
        if rewrite_row["text"] is not None:
            parts.append(f"<h3>{esc(draft_id)}: AI draft and rewrite</h3>")
            parts.append(side_by_side(draft_row["text"], rewrite_row["text"], "AI draft", "Rewrite", len(parts)))
        if f"{draft_id}-S" in by_id:
            parts.append(f"<h3>{esc(draft_id)}: AI draft and the over-simplified rewrite</h3>")
            parts.append(side_by_side(draft_row["text"], by_id[f"{draft_id}-S"][0]["text"], "AI draft", "Over-simplified", len(parts)))
    parts.append(f"</section><footer>{esc(tool)}</footer></body></html>\n")
    return "\n".join(parts)


def build(root: Path = ROOT) -> list[Path]:
    """Write the Markdown and HTML reports; nothing is written when an input is wrong."""
    context = json.loads((root / "scripts" / "project.json").read_text(encoding="utf-8"))
    data = collect(root)
    md = markdown(data, context["disclaimer_md"], context["example_label"])
    htm = page(data, context["disclaimer_html"], context)
    out = root / "reports"
    out.mkdir(exist_ok=True)
    written = []
    for name, text in (("report.md", md), ("report.html", htm)):
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


def main() -> int:
    try:
        written = build(ROOT)
    except InputError as err:
        print(str(err), file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(ROOT).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
