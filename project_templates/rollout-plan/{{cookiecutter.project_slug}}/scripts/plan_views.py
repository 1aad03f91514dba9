"""Turn the plan's YAML files into the views in plan.md and plan/timeline.svg.

- plan/stakeholders.yaml -> the RACI table (checked: exactly one Accountable per activity, at least
  one Responsible, only known stakeholders, only the letters R, A, C, I).
- plan/timeline.yaml -> a Mermaid Gantt chart (GitHub draws it) and an offline SVG drawing.
- plan/go-no-go.yaml -> the criteria table.

Usage: ``python scripts/plan_views.py`` rewrites the generated blocks of plan.md and the SVG;
``python scripts/plan_views.py --check`` only reports whether they are up to date (exit 1 if not).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
from pathlib import Path
from typing import Any

from pilot import PLAN_DIR, ROOT, needed, read_yaml

PLAN_MD = ROOT / "plan.md"
TIMELINE_SVG = PLAN_DIR / "timeline.svg"
LETTERS = ("R", "A", "C", "I")
# Mermaid needs calendar dates; day 1 is drawn as 1 January 2024 (a Monday) so the axis reads 1-30.
AXIS_ANCHOR = dt.date(2024, 1, 1)
WEEK_COLOURS = ("#4C78A8", "#59A14F", "#E68A2E", "#9C6FA8", "#7F7F7F")
BLOCK = "<!-- generated:{name} (edit the YAML, then run: make plan) -->\n{body}\n<!-- /generated:{name} -->"
BLOCK_RE = r"<!-- generated:{name} [^\n]*-->\n.*?<!-- /generated:{name} -->"


# --- RACI ---------------------------------------------------------------------------------------

def validate_raci(data: dict[str, Any]) -> list[str]:
    """Problems with the stakeholder file (empty when it is fine)."""
    problems: list[str] = []
    people = data.get("stakeholders") or []
    ids = [p.get("id") for p in people]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"stakeholder id '{dup}' appears twice")
    for p in people:
        for key in ("id", "short", "title"):
            if not p.get(key):
                problems.append(f"stakeholder {p.get('id', '?')} lacks '{key}'")
    used: set[str] = set()
    activities = data.get("activities") or []
    if not activities:
        problems.append("there are no activities")
    for act in activities:
        name = act.get("id", "?")
        raci = act.get("raci") or {}
        for who, letter in raci.items():
            used.add(who)
            if who not in ids:
                problems.append(f"activity '{name}' names '{who}', who is not in the stakeholder list")
            if letter not in LETTERS:
                problems.append(f"activity '{name}' gives '{who}' the letter '{letter}'; use R, A, C or I")
        accountable = [w for w, letter in raci.items() if letter == "A"]
        if len(accountable) != 1:
            problems.append(f"activity '{name}' has {len(accountable)} Accountable; it needs exactly one")
        if not any(letter == "R" for letter in raci.values()):
            problems.append(f"activity '{name}' has no Responsible")
    for unused in [i for i in ids if i not in used]:
        problems.append(f"stakeholder '{unused}' has no part in any activity")
    return problems


def raci_markdown(data: dict[str, Any]) -> str:
    """The RACI matrix (activities x stakeholders) and a key to the short column names."""
    people = data["stakeholders"]
    head = "| Activity | " + " | ".join(p["short"] for p in people) + " |"
    rule = "|---|" + "|".join(":-:" for _ in people) + "|"
    rows = [
        "| " + act["name"] + " | " + " | ".join(act["raci"].get(p["id"], "") for p in people) + " |"
        for act in data["activities"]
    ]
    key = "; ".join(f"**{p['short']}** = {p['title']}" for p in people)
    legend = "R = Responsible (does the work), A = Accountable (one per activity), C = Consulted, I = Informed."
    return "\n".join([head, rule, *rows, "", legend, "", "Key: " + key + "."])


# --- timeline -----------------------------------------------------------------------------------

def validate_timeline(timeline: dict[str, Any], stakeholder_ids: set[str], days: int = 30) -> list[str]:
    """Problems with the timeline file (empty when it is fine)."""
    problems: list[str] = []
    weeks = timeline.get("weeks") or {}
    seen: set[str] = set()
    for task in timeline.get("tasks") or []:
        tid = str(task.get("id", "?"))
        if tid in seen:
            problems.append(f"task id '{tid}' appears twice")
        seen.add(tid)
        if re.search(r"[:;#]", str(task.get("name", ""))):
            problems.append(f"task '{tid}' has ':', ';' or '#' in its name, which breaks the Gantt chart")
        if task.get("week") not in weeks:
            problems.append(f"task '{tid}' is in week {task.get('week')}, which has no name under 'weeks'")
        start, length = task.get("start"), task.get("days")
        if not isinstance(start, int) or not isinstance(length, int) or start < 1 or length < 0:
            problems.append(f"task '{tid}' needs a whole-number start (1 or more) and days (0 or more)")
        elif start + max(length, 1) - 1 > days:
            problems.append(f"task '{tid}' runs past day {days}")
        if task.get("owner") not in stakeholder_ids:
            problems.append(f"task '{tid}' has owner '{task.get('owner')}', who is not in stakeholders.yaml")
        if task.get("milestone") and length != 0:
            problems.append(f"milestone '{tid}' should have days: 0")
    if not seen:
        problems.append("there are no tasks")
    return problems


def _date(day: int) -> str:
    return (AXIS_ANCHOR + dt.timedelta(days=day - 1)).isoformat()


def gantt_mermaid(timeline: dict[str, Any]) -> str:
    """A fenced Mermaid Gantt chart of the timeline, one section per week."""
    lines = [
        "```mermaid",
        "gantt",
        f"    title {timeline['title']}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %d",
        "    todayMarker off",
        "    %% Day 1 is drawn as 1 January 2024 only so that the axis shows pilot day numbers.",
    ]
    for week, label in timeline["weeks"].items():
        tasks = [t for t in timeline["tasks"] if t["week"] == week]
        if not tasks:
            continue
        lines.append(f"    section Week {week} - {label}")
        for t in tasks:
            tags = "milestone, " if t.get("milestone") else ""
            lines.append(f"    {t['name']} :{tags}{t['id'].replace('-', '_')}, {_date(t['start'])}, {t['days']}d")
    lines.append("```")
    return "\n".join(lines)


def timeline_svg(timeline: dict[str, Any], stakeholders: dict[str, Any], days: int = 30) -> str:
    """The timeline as a self-contained SVG drawing (no fonts or scripts fetched)."""
    short = {p["id"]: p["short"] for p in stakeholders["stakeholders"]}
    label_w, day_w, row_h, top = 330, 20, 22, 64
    width = label_w + days * day_w + 90
    rows: list[tuple[str, Any]] = []
    for week, label in timeline["weeks"].items():
        rows.append(("week", (week, label)))
        rows += [("task", t) for t in timeline["tasks"] if t["week"] == week]
    height = top + len(rows) * row_h + 40
    esc = html.escape
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(timeline["title"])}" '
            'font-family="Helvetica, Arial, sans-serif" font-size="12">'
        ),
        f"<title>{esc(timeline['title'])}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="12" y="24" font-size="16" font-weight="bold" fill="#222222">{esc(timeline["title"])}</text>',
    ]
    bands = [(1, 7), (8, 14), (15, 21), (22, days)]
    for i, (first, last) in enumerate(bands):
        x = label_w + (first - 1) * day_w
        fill = "#f3f5f8" if i % 2 == 0 else "#ffffff"
        out.append(f'<rect x="{x}" y="{top - 18}" width="{(last - first + 1) * day_w}" '
                   f'height="{len(rows) * row_h + 18}" fill="{fill}"/>')
    for day in range(1, days + 1):
        x = label_w + (day - 0.5) * day_w
        out.append(f'<text x="{x:g}" y="{top - 6}" text-anchor="middle" font-size="10" fill="#555555">{day}</text>')
    for n, (kind, item) in enumerate(rows):
        y = top + n * row_h
        if kind == "week":
            week, label = item
            out.append(f'<text x="12" y="{y + 15}" font-weight="bold" fill="#222222">'
                       f"Week {week} - {esc(str(label))}</text>")
            out.append(f'<line x1="12" y1="{y + row_h - 1}" x2="{width - 12}" y2="{y + row_h - 1}" '
                       'stroke="#dddddd"/>')
            continue
        colour = WEEK_COLOURS[(int(item["week"]) - 1) % len(WEEK_COLOURS)]
        out.append(f'<text x="24" y="{y + 15}" fill="#333333">{esc(str(item["name"]))}</text>')
        if item.get("milestone"):
            cx, cy = label_w + (item["start"] - 0.5) * day_w, y + row_h / 2
            out.append(f'<polygon points="{cx:g},{cy - 7:g} {cx + 7:g},{cy:g} {cx:g},{cy + 7:g} {cx - 7:g},{cy:g}" '
                       f'fill="{colour}"/>')
            end = cx + 10
        else:
            x = label_w + (item["start"] - 1) * day_w
            w = item["days"] * day_w
            out.append(f'<rect x="{x}" y="{y + 4}" width="{w}" height="{row_h - 8}" rx="3" fill="{colour}"/>')
            end = x + w + 4
        out.append(f'<text x="{end:g}" y="{y + 15}" font-size="10" fill="#666666">'
                   f"{esc(short.get(item['owner'], str(item['owner'])))}</text>")
    out.append(f'<text x="12" y="{height - 14}" font-size="10" fill="#666666">'
               "Bars: planned work, labelled with its owner. Diamonds: checkpoints. "
               "Days are pilot day numbers.</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


# --- criteria -----------------------------------------------------------------------------------

def criteria_markdown(config: dict[str, Any]) -> str:
    """The go / no-go criteria as a table."""
    lines = [
        "| Criterion | Needed on day 30 | If missed | What we do then |",
        "|---|---|---|---|",
    ]
    for c in config["criteria"]:
        level = "**no-go** (stop and fix)" if c["level"] == "must" else "extend pilot"
        lines.append(f"| {c['label']} | {needed(c)} | {level} | {c.get('if_missed', '')} |")
    return "\n".join(lines)


# --- plan.md blocks -----------------------------------------------------------------------------

def replace_block(text: str, name: str, body: str) -> str:
    """``text`` with the generated block ``name`` holding ``body`` (the markers must be there)."""
    pattern = re.compile(BLOCK_RE.format(name=re.escape(name)), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"plan.md has no generated block '{name}'; restore its marker lines from the template")
    return pattern.sub(lambda _: BLOCK.format(name=name, body=body), text, count=1)


def views(plan_dir: Path = PLAN_DIR) -> dict[str, str]:
    """Every generated view from the YAML files, after validating them (raises ValueError)."""
    stakeholders = read_yaml(plan_dir / "stakeholders.yaml")
    timeline = read_yaml(plan_dir / "timeline.yaml")
    criteria = read_yaml(plan_dir / "go-no-go.yaml")
    problems = validate_raci(stakeholders)
    problems += validate_timeline(timeline, {p["id"] for p in stakeholders.get("stakeholders") or []})
    if problems:
        raise ValueError("; ".join(problems))
    return {
        "raci": raci_markdown(stakeholders),
        "gantt": gantt_mermaid(timeline),
        "criteria": criteria_markdown(criteria),
        "svg": timeline_svg(timeline, stakeholders),
    }


def render_plan(text: str, generated: dict[str, str]) -> str:
    """plan.md text with every generated block refreshed."""
    for name in ("raci", "gantt", "criteria"):
        text = replace_block(text, name, generated[name])
    return text


def main(argv: list[str] | None = None) -> int:
    """Refresh (or with --check, verify) plan.md's generated blocks and plan/timeline.svg."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the views are up to date")
    args = parser.parse_args(argv)
    try:
        generated = views()
        current = PLAN_MD.read_text(encoding="utf-8")
        fresh = render_plan(current, generated)
    except ValueError as exc:
        print(f"Plan files need a fix: {exc}.", file=sys.stderr)
        return 1
    svg_now = TIMELINE_SVG.read_text(encoding="utf-8") if TIMELINE_SVG.exists() else ""
    if args.check:
        stale = [name for name, ok in (("plan.md", fresh == current), ("plan/timeline.svg", svg_now == generated["svg"]))
                 if not ok]
        if stale:
            print("Out of date: " + ", ".join(stale) + "; run: make plan", file=sys.stderr)
            return 1
        print("plan.md and plan/timeline.svg match the YAML files.")
        return 0
    PLAN_MD.write_text(fresh, encoding="utf-8")
    TIMELINE_SVG.write_text(generated["svg"], encoding="utf-8")
    print("Updated plan.md (RACI, Gantt, criteria) and plan/timeline.svg.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
