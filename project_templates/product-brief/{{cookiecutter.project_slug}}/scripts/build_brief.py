"""Build the one-page product brief: refresh its evidence from the data, then render a printable HTML page.

For each brief (brief.md, examples/worked-brief.md) this script

1. reads the "Tasks in scope" line and computes the baseline for those task types from
   data/time_study.csv, plus the most-raised interview themes from data/interview_snippets.csv;
2. rewrites the evidence block between ``<!-- evidence:begin -->`` and ``<!-- evidence:end -->``
   in the Markdown source, so the numbers on GitHub are the numbers in the data;
3. draws the chart (where timed staff minutes go, in-scope tasks highlighted) as PNG and SVG;
4. writes reports/<name>.html: self-contained, print CSS for one page, disclaimer included.

Usage: ``python scripts/build_brief.py`` (``--check`` verifies the evidence blocks instead of rewriting them).
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import re
import statistics
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = (ROOT / "brief.md", ROOT / "examples" / "worked-brief.md")
DATA = ROOT / "data"
REPORTS = ROOT / "reports"
PAGE_SIZE = {{ cookiecutter.page_size | tojson }}
DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}

REQUIRED_SECTIONS = (
    "Target user",
    "Problem and evidence",
    "Workflow today and with the tool",
    "Proposed AI support",
    "Data sensitivity",
    "Success metrics",
    "Risk controls and human oversight",
    "What the tool must not do",
    "Launch and no-launch criteria",
)
MAX_SECTIONS = 10  # the nine required ones plus at most one of your own
WORD_LIMIT = 720  # words of brief text (disclaimer excluded) that still print on one page with the chart

TASK_LABELS = {
    "refill_status": "Refill status question",
    "appointment_logistics": "Appointment logistics",
    "symptom_message_handoff": "Message mentioning symptoms (routed to a nurse)",
    "phone_scheduling": "Phone scheduling",
    "billing_question": "Billing question",
    "forms_and_records": "Forms and records request",
    "referral_coordination": "Referral coordination",
    "prior_auth_follow_up": "Prior authorisation follow-up",
}
CHART_LABELS = {
    "refill_status": "Refill status",
    "appointment_logistics": "Appointment logistics",
    "symptom_message_handoff": "Symptom handoff",
    "phone_scheduling": "Phone scheduling",
    "billing_question": "Billing question",
    "forms_and_records": "Forms and records",
    "referral_coordination": "Referral coordination",
    "prior_auth_follow_up": "Prior auth follow-up",
}
THEME_LABELS = {
    "message_volume": "Routine message volume",
    "interruptions": "Interruptions and rework",
    "symptom_safety": "Symptom messages must reach a nurse",
    "review_burden": "Reviewing drafts: trust and effort",
    "privacy": "Privacy and minimum necessary",
    "patient_experience": "Patient experience and plain language",
}
FILL_RE = re.compile(r"\[FILL(?::\s*(?P<hint>[^\]\n]*))?\]")
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
DISCLAIMER_RE = re.compile(r"<!-- prooflane:disclaimer v\d+ -->.*?<!-- /prooflane:disclaimer -->", re.DOTALL)
EVIDENCE_RE = re.compile(r"(<!-- evidence:begin -->\n)(.*?)(<!-- evidence:end -->)", re.DOTALL)
SCOPE_RE = re.compile(r"^\*\*Tasks in scope[^*]*\*\*\s*(?P<value>.*)$", re.MULTILINE)
PLACEHOLDER = (
    "_Name the in-scope task types on the line above (for example: forms and records request), "
    "then run `make brief` to fill in the baseline from data/time_study.csv._"
)


# ---------------------------------------------------------------- data and baseline


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV file as dictionaries of strings, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pct(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def baseline(records: list[dict], in_scope: Iterable[str]) -> dict[str, object]:
    """Baseline figures of the in-scope task types: share of tasks and minutes, median minutes, rates."""
    in_scope = tuple(in_scope)
    minutes = [float(r["minutes"]) for r in records]
    scoped = [r for r in records if r["task_type"] in in_scope]
    scoped_minutes = [float(r["minutes"]) for r in scoped]
    days = len({int(r["study_day"]) for r in records})
    total = sum(minutes)
    return {
        "tasks": len(records),
        "days": days,
        "staff": len({r["staff_id"] for r in records}),
        "total_hours": round(total / 60, 1),
        "in_scope": list(in_scope),
        "in_scope_tasks": len(scoped),
        "in_scope_task_pct": _pct(len(scoped), len(records)),
        "in_scope_minutes_pct": _pct(sum(scoped_minutes), total),
        "in_scope_median_minutes": round(statistics.median(scoped_minutes), 1) if scoped else 0.0,
        "in_scope_hours_per_day": round(sum(scoped_minutes) / 60 / days, 1) if days else 0.0,
        "in_scope_interrupted_pct": _pct(sum(1 for r in scoped if int(r["interruptions"]) > 0), len(scoped)),
        "in_scope_rework_pct": _pct(sum(int(r["rework"]) for r in scoped), len(scoped)),
        "in_scope_routed": sum(int(r["routed_to_nurse"]) for r in scoped),
        "in_scope_routed_pct": _pct(sum(int(r["routed_to_nurse"]) for r in scoped), len(scoped)),
    }


def minutes_by_type(records: list[dict]) -> list[tuple[str, float]]:
    """(task type, share of all timed minutes in %) for every task type, most minutes first."""
    total = sum(float(r["minutes"]) for r in records)
    sums: dict[str, float] = {}
    for r in records:
        sums[r["task_type"]] = sums.get(r["task_type"], 0.0) + float(r["minutes"])
    ranked = sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(task, 100 * value / total) for task, value in ranked]


def top_themes(snippets: list[dict], n: int = 3) -> list[tuple[str, int]]:
    """The ``n`` most-raised interview themes with their snippet counts (ties by theme id)."""
    counts: dict[str, int] = {}
    for row in snippets:
        counts[row["theme"]] = counts.get(row["theme"], 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


# ---------------------------------------------------------------- reading a brief


@dataclass
class Brief:
    """A brief parsed from Markdown: title, lede, sections in order, the in-scope task types."""

    path: Path
    text: str
    title: str = ""
    lede: str = ""
    sections: list[tuple[str, str]] = field(default_factory=list)
    in_scope: tuple[str, ...] | None = None  # None while the line still holds a FILL marker
    unknown_tasks: list[str] = field(default_factory=list)

    def section(self, name: str) -> str:
        """The body of one section (empty when absent)."""
        return next((body for heading, body in self.sections if heading.lower() == name.lower()), "")

    @property
    def fills(self) -> list[str]:
        """The FILL markers still in the brief."""
        return [m.group(0) for m in FILL_RE.finditer(strip_disclaimer(self.text))]


def strip_disclaimer(text: str) -> str:
    """The text without the disclaimer block."""
    return DISCLAIMER_RE.sub("", text)


TASK_ALIASES = {
    "refill_status": ("refill status question", "refill status", "refill"),
    "appointment_logistics": ("appointment logistics", "appointment"),
    "symptom_message_handoff": ("message mentioning symptoms", "symptom message handoff", "symptom handoff"),
    "phone_scheduling": ("phone scheduling",),
    "billing_question": ("billing question", "billing"),
    "forms_and_records": ("forms and records request", "forms and records"),
    "referral_coordination": ("referral coordination", "referral"),
    "prior_auth_follow_up": ("prior authorisation follow up", "prior authorization follow up", "prior auth follow up",
                             "prior authorisation", "prior authorization", "prior auth"),
}


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[_\-`*()]", " ", text.lower()).split())


def parse_scope(value: str) -> tuple[tuple[str, ...] | None, list[str]]:
    """Task type codes named on the "Tasks in scope" line (by label, code or short name), and any unknown names."""
    if FILL_RE.search(value) or not value.strip():
        return None, []
    text = f" {_normalise(value)} "
    aliases = [(alias, code) for code, names in TASK_ALIASES.items() for alias in (*names, _normalise(code))]
    found: list[tuple[int, str]] = []
    for alias, code in sorted(aliases, key=lambda a: -len(a[0])):
        pattern = re.compile(rf"(?<![a-z]){re.escape(alias)}s?(?![a-z])")
        match = pattern.search(text)
        if match:
            if code not in {c for _, c in found}:
                found.append((match.start(), code))
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    unknown = [part.strip(" .") for part in re.split(r"[,;/+&]|\band\b|\bor\b", text) if part.strip(" .")]
    codes = tuple(code for _, code in sorted(found))
    return (codes or None), unknown


def parse(path: Path, text: str | None = None) -> Brief:
    """Read a brief (from ``text`` when given): '# title', an optional lede, then '## section' blocks."""
    text = path.read_text(encoding="utf-8") if text is None else text
    brief = Brief(path=path, text=text)
    body = COMMENT_RE.sub("", strip_disclaimer(text))
    current: str | None = None
    chunks: dict[str | None, list[str]] = {None: []}
    order: list[str] = []
    for line in body.splitlines():
        if line.startswith("# ") and not brief.title:
            brief.title = line[2:].strip()
        elif line.startswith("## "):
            current = line[3:].strip()
            order.append(current)
            chunks[current] = []
        else:
            chunks[current].append(line)
    brief.lede = "\n".join(chunks[None]).strip()
    brief.sections = [(name, "\n".join(chunks[name]).strip()) for name in order]
    match = SCOPE_RE.search(text)
    if match:
        brief.in_scope, brief.unknown_tasks = parse_scope(match.group("value"))
    return brief


def word_count(brief: Brief) -> int:
    """Words a reader sees on the page: title, lede and sections (disclaimer and comments excluded)."""
    visible = " ".join([brief.title, brief.lede, *(f"{h} {b}" for h, b in brief.sections)])
    return len(re.findall(r"[A-Za-z0-9][\w'’/%.,-]*", visible))


# ---------------------------------------------------------------- evidence block


def evidence_markdown(brief: Brief, records: list[dict], snippets: list[dict]) -> str:
    """The evidence block's text for this brief, computed from the data."""
    if brief.in_scope is None:
        return PLACEHOLDER + "\n"
    b = baseline(records, brief.in_scope)
    themes = top_themes(snippets)
    named = [f"{THEME_LABELS.get(t, t)} ({n})" for t, n in themes]
    theme_text = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    personas = len({row["persona_id"] for row in snippets})
    return (
        f"**Baseline** ({b['tasks']} timed tasks over {b['days']} clinic days, {b['staff']} staff; "
        f"data/time_study.csv): the in-scope tasks were **{b['in_scope_task_pct']}%** of tasks and "
        f"**{b['in_scope_minutes_pct']}%** of staff minutes, about {b['in_scope_hours_per_day']:.1f} staff hours "
        f"a day. Median **{b['in_scope_median_minutes']:.1f} min** each; {b['in_scope_interrupted_pct']}% "
        f"interrupted at least once; {b['in_scope_rework_pct']}% reworked; {b['in_scope_routed']} "
        f"({b['in_scope_routed_pct']}%) mentioned a symptom and went to a nurse.\n"
        "\n"
        f"**Interviews** ({len(snippets)} snippets, {personas} personas; data/interview_snippets.csv): "
        f"the most-raised themes were {theme_text}.\n"
    )


def refresh_evidence(text: str, evidence: str) -> str:
    """``text`` with the evidence block's content replaced."""
    return EVIDENCE_RE.sub(lambda m: m.group(1) + evidence + m.group(3), text, count=1)


# ---------------------------------------------------------------- chart


def chart(records: list[dict], in_scope: Iterable[str], *, dpi: int = 150) -> tuple[str, bytes]:
    """Where timed staff minutes go, in-scope task types highlighted: (SVG text, PNG bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    in_scope = set(in_scope)
    rows = list(reversed(minutes_by_type(records)))
    labels = [CHART_LABELS.get(task, task) for task, _ in rows]
    values = [share for _, share in rows]
    colours = ["#0f6e6e" if task in in_scope else "#b9c2c9" for task, _ in rows]
    with plt.rc_context({"svg.hashsalt": "product-brief", "svg.fonttype": "none", "font.size": 7.5,
                         "font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots(figsize=(3.45, 1.65))
        bars = ax.barh(labels, values, color=colours, height=0.68)
        for bar, value in zip(bars, values, strict=True):
            ax.text(bar.get_width() + 0.4, bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center", fontsize=7)
        ax.set_xlim(0, max(values) * 1.22 if values else 1)
        ax.set_xlabel("% of timed staff minutes (dark = in scope)", fontsize=7)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="both", labelsize=7, length=2)
        fig.subplots_adjust(left=0.37, right=0.97, top=0.98, bottom=0.22)
        svg, png = io.StringIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        fig.savefig(png, format="png", dpi=dpi, metadata={"Software": None})
        plt.close(fig)
    text = svg.getvalue()
    return text[text.index("<svg"):], png.getvalue()


# ---------------------------------------------------------------- Markdown to HTML (the subset a brief uses)


def inline(text: str) -> str:
    """Inline Markdown: code, bold, italics, links and FILL markers (everything else escaped)."""
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])", r"<em>\1</em>", out)
    out = re.sub(r"(?<![\w])_(?![\s_])(.+?)(?<![\s_])_(?![\w])", r"<em>\1</em>", out)
    out = re.sub(
        r"\[([^\]]+)\]\(([^)\s]+)\)",
        lambda m: f'<a href="{m.group(2).replace(chr(34), "&quot;")}">{m.group(1)}</a>',
        out,
    )
    return FILL_RE.sub(lambda m: f'<mark class="fill">{m.group(0)}</mark>', out)


LIST_RE = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d+[.)])\s+(?P<text>.*)$")


def _render_list(items: list[tuple[int, bool, str]]) -> str:
    """Nested lists from (indent, ordered, text) items."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for indent, ordered, text in items:
        tag = "ol" if ordered else "ul"
        if not stack or indent > stack[-1][0]:
            out.append(f"<{tag}>")
            stack.append((indent, tag))
        else:
            while len(stack) > 1 and indent < stack[-1][0]:
                out.append(f"</li></{stack.pop()[1]}>")
            out.append("</li>")
        out.append(f"<li>{inline(text)}")
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


def _render_table(rows: list[str]) -> str:
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    head, body = cells[0], [r for r in cells[1:] if not all(re.fullmatch(r":?-{2,}:?", c) for c in r)]
    thead = "".join(f"<th>{inline(c)}</th>" for c in head)
    tbody = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in body)
    return f"<table><thead><tr>{thead}</tr></thead><tbody>{tbody}</tbody></table>"


def markdown_to_html(text: str) -> str:
    """Block Markdown: headings, paragraphs, nested lists, tables, block quotes and rules."""
    lines = COMMENT_RE.sub("", text).splitlines()
    out: list[str] = []
    para: list[str] = []
    i = 0

    def flush() -> None:
        if para:
            out.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()

    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
        elif heading := re.match(r"(#{1,6})\s+(.*)", stripped):
            flush()
            level = min(len(heading.group(1)) + 1, 6)
            out.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
            i += 1
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(lines[i])
                i += 1
            out.append(_render_table(rows))
        elif LIST_RE.match(line):
            flush()
            items: list[tuple[int, bool, str]] = []
            while i < len(lines) and lines[i].strip():
                match = LIST_RE.match(lines[i])
                if match:
                    indent = len(match.group("indent").expandtabs(4))
                    items.append((indent, match.group("marker")[0].isdigit(), match.group("text")))
                elif items:  # a continuation line of the previous item
                    indent, ordered, prev = items[-1]
                    items[-1] = (indent, ordered, f"{prev} {lines[i].strip()}")
                i += 1
            out.append(_render_list(items))
        elif stripped.startswith(">"):
            flush()
            quoted = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quoted.append(lines[i].strip()[1:].strip())
                i += 1
            out.append(f"<blockquote>{markdown_to_html(chr(10).join(quoted))}</blockquote>")
        elif re.fullmatch(r"(-{3,}|\*{3,})", stripped):
            flush()
            out.append("<hr>")
            i += 1
        else:
            para.append(stripped)
            i += 1
    flush()
    return "\n".join(out)


# ---------------------------------------------------------------- the page

CSS = """
@page { size: %(page)s; margin: 0.4in 0.45in; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1d2327;
  font: 8.4pt/1.28 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", Arimo, sans-serif; }
.page { max-width: 7.6in; margin: 0 auto; }
header { border-bottom: 2px solid #0f6e6e; margin-bottom: 0.09in; padding-bottom: 0.05in; }
h1 { font-size: 14pt; margin: 0 0 0.03in; color: #0b4f4f; line-height: 1.15; }
.lede p { margin: 0.02in 0; font-size: 9pt; }
.status { float: right; font-size: 7pt; text-transform: uppercase; letter-spacing: 0.04em; color: #0b4f4f;
  border: 1px solid #0f6e6e; border-radius: 3px; padding: 1px 5px; margin-left: 6px; }
.status.draft { color: #8a4b00; border-color: #c77700; }
.columns { column-count: 2; column-gap: 0.28in; }
section { margin: 0 0 0.07in; }
h2 { font-size: 9.6pt; margin: 0 0 0.025in; color: #0b4f4f; text-transform: uppercase; letter-spacing: 0.03em;
  break-after: avoid; }
h3, h4 { font-size: 9pt; margin: 0.04in 0 0.02in; }
p { margin: 0 0 0.045in; }
ul, ol { margin: 0 0 0.045in; padding-left: 0.16in; }
li { margin: 0 0 0.012in; }
li > ul, li > ol { margin: 0.01in 0 0; }
blockquote { margin: 0.03in 0 0.05in; padding: 0.02in 0.08in; border-left: 3px solid #0f6e6e; color: #34434d;
  font-style: italic; }
blockquote p { margin: 0; }
table { border-collapse: collapse; width: 100%%; margin: 0 0 0.05in; font-size: 8pt; }
th, td { border-bottom: 1px solid #d5dbe0; padding: 1px 3px; text-align: left; vertical-align: top; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7.8pt; }
figure { margin: 0.02in 0 0.06in; break-inside: avoid; }
figure svg { width: 100%%; height: auto; display: block; }
figcaption { font-size: 7pt; color: #4a5963; }
mark.fill { background: #fff1b8; color: #6b4e00; padding: 0 2px; }
footer { margin-top: 0.06in; border-top: 1px solid #c9d1d7; padding-top: 0.04in; font-size: 6.6pt; color: #4a5963;
  line-height: 1.25; }
footer .prooflane-disclaimer ul { margin: 0; padding-left: 0.14in; columns: 2; column-gap: 0.25in; }
footer .prooflane-disclaimer p { margin: 0 0 0.02in; }
@media screen {
  body { background: #e9edf0; }
  .page { background: #fff; margin: 0.3in auto; padding: 0.45in 0.5in; box-shadow: 0 1px 6px rgba(0,0,0,.18); }
}
"""


def render_html(brief: Brief, svg: str | None, caption: str) -> str:
    """The self-contained, printable page for one brief."""
    fills = len(brief.fills)
    status = (
        f'<span class="status draft">Draft: {fills} FILL marker{"s" if fills != 1 else ""} left</span>'
        if fills
        else '<span class="status">One-page brief</span>'
    )
    parts = []
    for heading, body in brief.sections:
        content = markdown_to_html(body)
        if svg and heading.lower() == "problem and evidence":
            content += f"\n<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"
        parts.append(f"<section>\n<h2>{inline(heading)}</h2>\n{content}\n</section>")
    sections = "\n".join(parts)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(brief.title or brief.path.stem)}</title>\n"
        f"<style>{CSS % {'page': PAGE_SIZE}}</style>\n</head>\n<body>\n<main class=\"page\">\n"
        f"<header>{status}<h1>{inline(brief.title)}</h1>\n"
        f'<div class="lede">{markdown_to_html(brief.lede)}</div></header>\n'
        f'<div class="columns">\n{sections}\n</div>\n'
        f"<footer>\n{DISCLAIMER_HTML}\n</footer>\n</main>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- build


@dataclass
class BuildResult:
    """What building one brief produced."""

    source: Path
    html: Path
    png: Path
    words: int
    fills: int
    stale: bool  # the evidence block in the source did not match the data
    warnings: list[str]


def build_one(path: Path, records: list[dict], snippets: list[dict], out_dir: Path, *, update: bool) -> BuildResult:
    """Refresh (or check) one brief's evidence block, draw its chart, write its HTML page."""
    brief = parse(path)
    warnings: list[str] = []
    if brief.unknown_tasks:
        warnings.append(
            f"{path.name}: unknown task type(s) {', '.join(brief.unknown_tasks)}; use any of: "
            + ", ".join(TASK_LABELS.values())
        )
    evidence = evidence_markdown(brief, records, snippets)
    match = EVIDENCE_RE.search(brief.text)
    stale = match is not None and match.group(2) != evidence
    if match is None:
        warnings.append(f"{path.name}: no evidence block (<!-- evidence:begin --> ... <!-- evidence:end -->)")
    text = refresh_evidence(brief.text, evidence)
    if stale and update:
        path.write_text(text, encoding="utf-8")
        stale = False
    brief = parse(path, text)  # the page always shows the evidence computed from the data
    missing = [s for s in REQUIRED_SECTIONS if not brief.section(s)]
    if missing:
        warnings.append(f"{path.name}: missing section(s): {', '.join(missing)}")
    words = word_count(brief)
    if words > WORD_LIMIT:
        warnings.append(f"{path.name}: {words} words; one page holds about {WORD_LIMIT} with the chart, so cut some")
    out_dir.mkdir(parents=True, exist_ok=True)
    svg, png = chart(records, brief.in_scope or ())
    png_path = out_dir / f"{path.stem}-chart.png"
    png_path.write_bytes(png)
    caption = f"Timed staff minutes by task type, {len(records)} tasks (data/time_study.csv)."
    html_path = out_dir / f"{path.stem}.html"
    html_path.write_text(render_html(brief, svg, caption), encoding="utf-8")
    return BuildResult(path, html_path, png_path, words, len(brief.fills), stale, warnings)


def build(briefs: Iterable[Path] = BRIEFS, out_dir: Path = REPORTS, *, data_dir: Path = DATA,
          update: bool = True) -> list[BuildResult]:
    """Build every brief; with ``update`` the evidence blocks in the sources are rewritten from the data."""
    records = read_csv(data_dir / "time_study.csv")
    snippets = read_csv(data_dir / "interview_snippets.csv")
    return [build_one(Path(p), records, snippets, out_dir, update=update) for p in briefs]


def main(argv: list[str] | None = None) -> int:
    """Command line: build the pages, report words, FILL markers and warnings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not rewrite the sources; fail if evidence is stale")
    parser.add_argument("--out", type=Path, default=REPORTS, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    results = build(out_dir=args.out, update=not args.check)
    failed = False
    for r in results:
        rel = r.html.relative_to(ROOT) if r.html.is_relative_to(ROOT) else r.html
        print(f"{r.source.relative_to(ROOT)} -> {rel}  ({r.words} words, {r.fills} FILL markers left)")
        for warning in r.warnings:
            print(f"  warning: {warning}")
        if r.stale:
            print(f"  {r.source.name}: the evidence block does not match the data; run `make brief` to refresh it")
            failed = True
    print("Open the HTML pages in a browser; print them (Save as PDF) at 100% scale: each fits on one page.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
