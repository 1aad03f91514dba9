"""Turn the plan's YAML files into the views in plan.md and plan/timeline.svg.

- plan/stakeholders.yaml -> the RACI table (checked: exactly one Accountable per activity, at least
  one Responsible, only known stakeholders, only the letters R, A, C, I).
- plan/timeline.yaml -> a Mermaid Gantt chart (GitHub draws it) and an offline SVG drawing.
- plan/go-no-go.yaml -> the criteria table.

Usage: ``python scripts/plan_views.py`` refreshes the generated blocks of plan.md and the SVG;
``--check`` only reports whether they are up to date (exit 1 if not). A block edited by hand is
never overwritten: the script stops with one sentence saying where, and what to do instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import sys
from pathlib import Path
from typing import Any

import blocks
import validate
from pilot import PLAN_DIR, ROOT, needed, read_yaml

PLAN_MD = ROOT / "plan.md"
TIMELINE_SVG = PLAN_DIR / "timeline.svg"
# Mermaid needs calendar dates; day 1 is drawn as 1 January 2024 (a Monday) so the axis reads 1-30.
AXIS_ANCHOR = dt.date(2024, 1, 1)
WEEK_COLOURS = ("#4C78A8", "#59A14F", "#E68A2E", "#9C6FA8", "#7F7F7F")
SOURCES = {
    "raci": "edit plan/stakeholders.yaml, then run: make plan",
    "gantt": "edit plan/timeline.yaml, then run: make plan",
    "criteria": "edit plan/go-no-go.yaml, then run: make plan",
}


# --- RACI ---------------------------------------------------------------------------------------

def raci_markdown(data: dict[str, Any]) -> str:
    """The RACI matrix (activities x stakeholders) and a key to the short column names."""
    people = data["stakeholders"]
    head = "| Activity | " + " | ".join(cell(p["short"]) for p in people) + " |"
    rule = "|---|" + "|".join(":-:" for _ in people) + "|"
    rows = [
        "| " + cell(act["name"]) + " | " + " | ".join(act["raci"].get(p["id"], "") for p in people) + " |"
        for act in data["activities"]
    ]
    key = "; ".join(f"**{cell(p['short'])}** = {cell(p['title'])}" for p in people)
    legend = "R = Responsible (does the work), A = Accountable (one per activity), C = Consulted, I = Informed."
    return "\n".join([head, rule, *rows, "", legend, "", "Key: " + key + "."])


# --- timeline -----------------------------------------------------------------------------------

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

def cell(text: Any) -> str:
    """Text safe inside a Markdown table cell (pipes escaped, one line)."""
    return " ".join(str(text).split()).replace("|", "\\|")


def criteria_markdown(config: dict[str, Any], names: dict[str, str] | None = None) -> str:
    """The go / no-go criteria as a table (``names``: stakeholder id -> the name shown for an owner)."""
    names = names or {}
    lines = [
        "| Criterion | Needed | If missed | Owner | Response |",
        "|---|---|---|---|---|",
    ]
    for c in config["criteria"]:
        level = "**no-go** (stop and fix)" if c["level"] == "must" else "extend pilot"
        lines.append(f"| {cell(c['label'])} | {cell(needed(c))} | {level} | {cell(names.get(c.get('owner', ''), c.get('owner', '')))} | "
                     f"{cell(c.get('if_missed', ''))} |")
    return "\n".join(lines)


# --- plan.md blocks -----------------------------------------------------------------------------

def views(plan_dir: Path = PLAN_DIR, checked: bool = True) -> dict[str, str]:
    """Every generated view from the YAML files (checked against the schemas unless ``checked`` is False)."""
    if checked:
        loaded = validate.load_plan(plan_dir)
        stakeholders, timeline, criteria = (loaded[n] for n in ("stakeholders.yaml", "timeline.yaml", "go-no-go.yaml"))
    else:
        stakeholders, timeline, criteria = (read_yaml(plan_dir / n) for n in
                                            ("stakeholders.yaml", "timeline.yaml", "go-no-go.yaml"))
    return {
        "raci": raci_markdown(stakeholders),
        "gantt": gantt_mermaid(timeline),
        "criteria": criteria_markdown(criteria, {p["id"]: p["short"] for p in stakeholders["stakeholders"]}),
        "svg": timeline_svg(timeline, stakeholders),
    }


def render_plan(text: str, generated: dict[str, str]) -> str:
    """plan.md text with every generated block refreshed (HandEditError if one was edited by hand)."""
    return blocks.refresh(text, {name: (generated[name], SOURCES[name]) for name in SOURCES}, "plan.md")


def write(root: Path = ROOT, check: bool = False, checked: bool = True) -> list[str]:
    """Refresh plan.md's blocks and plan/timeline.svg under ``root``; return the files out of date."""
    generated = views(root / "plan", checked=checked)
    plan_md, svg = root / "plan.md", root / "plan" / "timeline.svg"
    current = plan_md.read_text(encoding="utf-8")
    fresh = render_plan(current, generated)
    svg_now = svg.read_text(encoding="utf-8") if svg.exists() else ""
    stale = [name for name, ok in (("plan.md", fresh == current), ("plan/timeline.svg", svg_now == generated["svg"]))
             if not ok]
    if not check:
        if fresh != current:
            plan_md.write_text(fresh, encoding="utf-8")
        if svg_now != generated["svg"]:
            svg.write_text(generated["svg"], encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    """Refresh (or with --check, verify) plan.md's generated blocks and plan/timeline.svg."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the views are up to date")
    args = parser.parse_args(argv)
    try:
        stale = write(ROOT, check=args.check)
    except validate.PlanError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    except (blocks.HandEditError, OSError) as exc:
        print(f"{exc}.", file=sys.stderr)
        return 1
    if args.check:
        if stale:
            print("Out of date: " + ", ".join(stale) + "; run: make plan", file=sys.stderr)
            return 1
        print("plan.md and plan/timeline.svg match the YAML files.")
        return 0
    print("Updated plan.md (RACI, Gantt, criteria) and plan/timeline.svg." if stale else
          "plan.md and plan/timeline.svg were already up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
