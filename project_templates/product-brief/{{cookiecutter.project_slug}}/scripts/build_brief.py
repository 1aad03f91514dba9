"""Build the one-page product brief: refresh its computed blocks from the data, then render a printable HTML page.

For each brief (brief.md, examples/worked-brief.md) this script

1. reads the "Tasks in scope" line and computes, for those task types, the baseline from
   data/time_study.csv and the interview evidence about them from data/interview_snippets.csv
   (the ``evidence`` block), the sizing of an AI aid against a non-AI alternative (``sizing``) and
   what a silent period can show about a symptom screen (``launch``);
2. rewrites each block between ``<!-- NAME:begin -->`` and ``<!-- NAME:end -->`` in the Markdown
   source, so the numbers on GitHub are the numbers in the data; a block edited by hand is never
   overwritten (the build stops and says so);
3. draws the chart (where timed staff minutes go, in-scope tasks highlighted) as PNG and SVG;
4. writes reports/<name>.html: self-contained, print CSS for one page, disclaimer included.

Usage: ``python scripts/build_brief.py`` (``--check`` verifies the blocks instead of rewriting them).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import math
import os
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
AUTHOR = {{ cookiecutter.author | trim | tojson }}
DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}
EXAMPLE_LABEL = {{ authorship.example_label | tojson }}
TOOL_LINE = {{ authorship.tool_line | tojson }}

REQUIRED_SECTIONS = (
    "Target user",
    "Problem and evidence",
    "Workflow today and with the tool",
    "Proposed AI support",
    "Why AI, and what else",
    "Data sensitivity",
    "Success metrics",
    "Risk controls and human oversight",
    "What the tool must not do",
    "Launch and no-launch criteria",
)
MAX_SECTIONS = 11  # the ten required ones plus at most one of your own
WORD_LIMIT = 1000  # words of brief text (disclaimer and comments excluded) that still print on one page with the chart

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
    "message_volume": "Workload and message volume",
    "interruptions": "Interruptions and rework",
    "symptom_safety": "Symptom messages must reach a nurse",
    "review_burden": "Reviewing drafts: trust and effort",
    "privacy": "Privacy and minimum necessary",
    "patient_experience": "Patient experience and plain language",
}
# Sizing and launch assumptions, stated next to the figures they produce. Change them here if your
# brief assumes otherwise (and say so in the brief); `make brief` then recomputes the blocks.
SIZING = {
    "target_reduction": 0.30,  # the north-star target: staff minutes per drafted message, down 30%
    "audit_share_drafted": 0.10,  # the weekly audit reads 10% of drafted replies ...
    "audit_minutes_per_message": 2.0,  # ... and every routed message, at about 2 minutes each
    "weekly_review_minutes": 60.0,  # plus a 30-minute weekly review for two people
    "prevented_share": 0.5,  # the non-AI alternative (status notifications) prevents half the status chases
    "days_per_week": 5,
}
LAUNCH = {"silent_weeks": 4, "confidence": 0.95, "target_miss_rate": 0.02}
CSV_COLUMNS = {
    "time_study.csv": ("study_day", "staff_id", "task_type", "minutes", "interruptions", "rework",
                       "routed_to_nurse", "repeat_contact"),
    "interview_snippets.csv": ("snippet_id", "persona_id", "workflows", "theme"),
}
NUMERIC = {"study_day": int, "minutes": float, "interruptions": int, "rework": int, "routed_to_nurse": int,
           "repeat_contact": int}

FILL_RE = re.compile(r"\[FILL(?::\s*(?P<hint>[^\]\n]*))?\]")
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
DISCLAIMER_RE = re.compile(r"<!-- prooflane:disclaimer v\d+ -->.*?<!-- /prooflane:disclaimer -->", re.DOTALL)
BLOCK_NAMES = ("evidence", "sizing", "launch")
BLOCK_RE = re.compile(
    r"<!-- (?P<name>evidence|sizing|launch):begin(?: sha=(?P<sha>[0-9a-f]{12}))? -->\n(?P<body>.*?)<!-- (?P=name):end -->",
    re.DOTALL,
)
MARKER_RE = re.compile(r"<!-- (?P<name>evidence|sizing|launch):(?P<end>begin|end)\b")
SCOPE_RE = re.compile(r"^\*\*Tasks in scope[^*]*\*\*[ \t]*(?P<value>.*)$", re.MULTILINE)
PLACEHOLDERS = {
    "evidence": "_Name the in-scope task types on the line above (for example: forms and records request), "
                "then run `make brief` to fill in the baseline from data/time_study.csv._\n",
    "sizing": "_Once the tasks in scope are named, `make brief` writes the sizing for them here._\n",
    "launch": "_Once the tasks in scope are named, `make brief` writes what a silent period can show here._\n",
}


class BriefError(Exception):
    """A problem a person can fix, in one sentence."""


# ---------------------------------------------------------------- data


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data file as dictionaries of strings, checked: present, not empty, the columns the build needs."""
    rel = f"data/{path.name}"
    how = ("regenerate it with `prooflane data` (see data/datasheet.md for the command and seed) "
           "or restore it with `git checkout -- " + rel + "`")
    if not path.is_file():
        raise BriefError(f"{rel} is missing; {how}.")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise BriefError(f"{rel} cannot be read as a UTF-8 CSV file ({exc}); {how}.") from None
    if not rows:
        raise BriefError(f"{rel} has no data rows; {how}.")
    missing = [c for c in CSV_COLUMNS.get(path.name, ()) if c not in rows[0]]
    if missing:
        raise BriefError(f"{rel} lacks the column(s) {', '.join(missing)}; {how}.")
    for line, row in enumerate(rows, start=2):
        for column, kind in NUMERIC.items():
            if column in row:
                try:
                    kind(row[column])
                except (TypeError, ValueError):
                    raise BriefError(f"{rel} line {line}: {column} is {row[column]!r}, not a number; "
                                     f"fix that value or {how}.") from None
    return rows


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


def sizing(records: list[dict], in_scope: Iterable[str]) -> dict[str, object]:
    """Staff minutes a day an AI drafting aid could save against the oversight it needs, and a non-AI alternative."""
    in_scope = tuple(in_scope)
    days = len({int(r["study_day"]) for r in records}) or 1
    scoped = [r for r in records if r["task_type"] in in_scope]
    drafted = [r for r in scoped if int(r["routed_to_nurse"]) == 0]
    routed = len(scoped) - len(drafted)
    repeats = [r for r in scoped if int(r.get("repeat_contact", 0)) == 1]
    s = SIZING
    saved = s["target_reduction"] * sum(float(r["minutes"]) for r in drafted) / days
    audited = (routed + s["audit_share_drafted"] * len(drafted)) / days
    oversight = audited * s["audit_minutes_per_message"] + s["weekly_review_minutes"] / s["days_per_week"]
    prevented = s["prevented_share"] * sum(float(r["minutes"]) for r in repeats) / days
    return {
        "drafted_per_day": round(len(drafted) / days, 1),
        "ai_minutes_saved_per_day": round(saved),
        "oversight_minutes_per_day": round(oversight),
        "ai_net_minutes_per_day": round(saved) - round(oversight),
        "repeat_contacts": len(repeats),
        "repeat_contact_pct": _pct(len(repeats), len(scoped)),
        "alternative_minutes_saved_per_day": round(prevented),
        "alternative_first": round(prevented) >= round(saved) - round(oversight),
        **{f"assume_{k}": v for k, v in s.items()},
    }


def zero_miss_upper_bound(n: int, confidence: float = 0.95) -> float:
    """Exact (Clopper-Pearson) one-sided upper bound on a miss rate when none of ``n`` events was missed."""
    return 1.0 - (1.0 - confidence) ** (1.0 / n) if n > 0 else 1.0


def events_needed(target: float, confidence: float = 0.95) -> int:
    """Events, all caught, needed for the one-sided upper bound on the miss rate to fall below ``target``."""
    return math.ceil(math.log(1.0 - confidence) / math.log(1.0 - target))


def launch_evidence(records: list[dict], in_scope: Iterable[str]) -> dict[str, object]:
    """What a silent period can show about a symptom screen: expected events, the zero-miss bound, the test set needed."""
    in_scope = tuple(in_scope)
    days = len({int(r["study_day"]) for r in records}) or 1
    routed = sum(int(r["routed_to_nurse"]) for r in records if r["task_type"] in in_scope)
    p = LAUNCH
    expected = round(routed / days * p["silent_weeks"] * SIZING["days_per_week"])
    return {
        "routed_in_study": routed,
        "study_days": days,
        "silent_weeks": p["silent_weeks"],
        "silent_events": expected,
        "upper_bound_pct": round(100 * zero_miss_upper_bound(expected, p["confidence"]), 1),
        "rule_of_three_pct": round(300 / expected, 1) if expected else 100.0,
        "target_miss_pct": round(100 * p["target_miss_rate"], 1),
        "test_set_needed": events_needed(p["target_miss_rate"], p["confidence"]),
    }


def interview_evidence(snippets: list[dict], in_scope: Iterable[str]) -> dict[str, object]:
    """The snippets about the in-scope task types (by their ``workflows`` tags): count, personas, ids, themes."""
    wanted = set(in_scope)
    scoped = [r for r in snippets if set(r["workflows"].split(";")) & wanted]
    counts: dict[str, int] = {}
    for row in scoped:
        counts[row["theme"]] = counts.get(row["theme"], 0) + 1
    return {
        "snippets": len(scoped),
        "personas": len({r["persona_id"] for r in scoped}),
        "ids": [r["snippet_id"] for r in scoped],
        "themes": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
    }


def minutes_by_type(records: list[dict]) -> list[tuple[str, float]]:
    """(task type, share of all timed minutes in %) for every task type, most minutes first."""
    total = sum(float(r["minutes"]) for r in records)
    sums: dict[str, float] = {}
    for r in records:
        sums[r["task_type"]] = sums.get(r["task_type"], 0.0) + float(r["minutes"])
    ranked = sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(task, 100 * value / total) for task, value in ranked]


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
    scope_line: str | None = None  # what follows "Tasks in scope:" (None when the line is gone)
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
    fenced = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"# |#$", line) and not brief.title and current is None:
            brief.title = line[1:].strip() or " "
        elif not fenced and line.startswith("## "):
            current = line[3:].strip()
            order.append(current)
            chunks[current] = []
        else:
            chunks[current].append(line)
    brief.title = brief.title.strip()
    brief.lede = "\n".join(chunks[None]).strip()
    brief.sections = [(name, "\n".join(chunks[name]).strip()) for name in order]
    match = SCOPE_RE.search(text)
    if match:
        brief.scope_line = match.group("value").strip()
        brief.in_scope, brief.unknown_tasks = parse_scope(match.group("value"))
    return brief


def word_count(brief: Brief) -> int:
    """Words a reader sees on the page: title, lede and sections (disclaimer and comments excluded)."""
    visible = " ".join([brief.title, brief.lede, *(f"{h} {b}" for h, b in brief.sections)])
    return len(re.findall(r"[A-Za-z0-9][\w'’/%.,-]*", visible))


def line_of(text: str, index: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, index) + 1


def problems(brief: Brief) -> list[str]:
    """What stops this brief from building, one sentence each (FILL markers left are not a problem: a draft)."""
    name = brief.path.name
    found: list[str] = []
    if DISCLAIMER_MD not in brief.text:
        found.append(f"{name}: the disclaimer block was changed or removed; restore it from "
                     "examples/worked-brief.md (it must stay exactly as prooflane wrote it).")
    if not brief.title:
        found.append(f"{name}: the '# title' line is missing or empty; write the tool's name on the first line, "
                     "after '# '.")
    headings = [h.lower() for h, _ in brief.sections]
    for required in REQUIRED_SECTIONS:
        if required.lower() not in headings:
            found.append(f"{name}: the section '## {required}' is missing; put the heading back "
                         "(examples/worked-brief.md shows every section in order).")
        elif not brief.section(required).strip():
            found.append(f"{name}: the section '## {required}' is empty; write it, or put back a "
                         "'[" + "FILL: ...]' marker while it is a draft.")
    if len(brief.sections) > MAX_SECTIONS:
        found.append(f"{name}: {len(brief.sections)} sections do not fit on one page; keep the ten required ones "
                     "and at most one of your own.")
    if brief.scope_line is None:
        found.append(f"{name}: the '**Tasks in scope:**' line is missing; put it back in '## Problem and evidence' "
                     "and name one or more task types on it.")
    elif brief.in_scope is None and not FILL_RE.search(brief.scope_line):
        found.append(f"{name}: the '**Tasks in scope:**' line is empty; name one or more task types, for example: "
                     "forms and records request.")
    if brief.unknown_tasks:
        found.append(f"{name}: unknown task type(s) on the 'Tasks in scope' line ({', '.join(brief.unknown_tasks)}); "
                     "use any of: " + ", ".join(TASK_LABELS.values()) + ".")
    seen = [m.group("name") + ":" + m.group("end") for m in MARKER_RE.finditer(brief.text)]
    complete = {m.group("name") for m in BLOCK_RE.finditer(brief.text)}
    for block in BLOCK_NAMES:
        count = sum(1 for s in seen if s.startswith(block + ":"))
        if block not in complete or count != 2:
            found.append(f"{name}: the '<!-- {block}:begin -->' ... '<!-- {block}:end -->' markers are missing or "
                         "broken; restore both lines (see examples/worked-brief.md), with nothing of yours between them.")
    return found


# ---------------------------------------------------------------- computed blocks


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _num(value: float) -> str:
    return f"{value:g}"


def evidence_markdown(brief: Brief, records: list[dict], snippets: list[dict]) -> str:
    """The evidence block: the baseline and the interview evidence about the in-scope tasks."""
    if brief.in_scope is None:
        return PLACEHOLDERS["evidence"]
    b = baseline(records, brief.in_scope)
    z = sizing(records, brief.in_scope)
    iv = interview_evidence(snippets, brief.in_scope)
    text = (
        f"**Baseline** ({b['tasks']} tasks, {b['days']} days, {b['staff']} staff; data/time_study.csv): in-scope "
        f"tasks were **{b['in_scope_task_pct']}%** of tasks and **{b['in_scope_minutes_pct']}%** of staff minutes, "
        f"about {b['in_scope_hours_per_day']:.1f} staff hours a day; median **{b['in_scope_median_minutes']:.1f} "
        f"min** each; {b['in_scope_interrupted_pct']}% interrupted, {b['in_scope_rework_pct']}% reworked, "
        f"{z['repeat_contact_pct']}% repeat contacts; {b['in_scope_routed']} ({b['in_scope_routed_pct']}%) "
        "mentioned a symptom and went to a nurse.\n\n"
    )
    if not iv["snippets"]:
        return text + (
            f"**Interviews** (data/interview_snippets.csv): none of the {len(snippets)} snippets is about these "
            "tasks; interview the people who do them before relying on the baseline alone.\n"
        )
    ids = iv["ids"]
    cited = ", ".join(ids[:4]) + (f" and {len(ids) - 4} more" if len(ids) > 4 else "")
    themes = _and([f"{THEME_LABELS.get(t, t).lower()} ({n})" for t, n in iv["themes"][:3]])
    return text + (
        f"**Interviews** (data/interview_snippets.csv): {iv['snippets']} of {len(snippets)} snippets, from "
        f"{iv['personas']} personas, are about these tasks ({cited}); most raised: {themes}.\n"
    )


def sizing_markdown(brief: Brief, records: list[dict]) -> str:
    """The sizing block: minutes an AI aid saves against its oversight, and a non-AI alternative."""
    if brief.in_scope is None:
        return PLACEHOLDERS["sizing"]
    z = sizing(records, brief.in_scope)
    verdict = ("the non-AI alternative saves as much or more" if z["alternative_first"]
               else "the AI aid saves more, if its assumptions hold")
    return (
        f"**Sizing** (data/time_study.csv; [assumptions] set in scripts/build_brief.py): drafts save about "
        f"**{z['ai_minutes_saved_per_day']} staff min a day** [{_num(100 * z['assume_target_reduction'])}% off "
        f"{z['drafted_per_day']:.1f} drafts a day]; oversight costs **{z['oversight_minutes_per_day']} min a day** "
        f"[all routed and {_num(100 * z['assume_audit_share_drafted'])}% of drafts audited at "
        f"{_num(z['assume_audit_minutes_per_message'])} min, {_num(z['assume_weekly_review_minutes'])} min of review "
        f"a week]; net **{z['ai_net_minutes_per_day']} min a day**. Status notifications save about "
        f"**{z['alternative_minutes_saved_per_day']} min a day** with nothing to review "
        f"[{_num(100 * z['assume_prevented_share'])}% of {z['repeat_contacts']} repeat contacts prevented]: "
        f"{verdict}.\n"
    )


def launch_markdown(brief: Brief, records: list[dict]) -> str:
    """The launch block: what a silent period can show about a symptom screen, and the test set it needs."""
    if brief.in_scope is None:
        return PLACEHOLDERS["launch"]
    e = launch_evidence(records, brief.in_scope)
    need = (f"Showing it below {_num(e['target_miss_pct'])}% takes an enriched, labelled test set of at least "
            f"**{e['test_set_needed']}** symptom-bearing messages, none missed.\n")
    if not e["silent_events"]:
        return ("**Symptom screen evidence** (data/time_study.csv): no in-scope message in the study mentioned a "
                "symptom, so a silent period cannot test the miss rate of a symptom screen. " + need)
    return (
        f"**Symptom screen evidence** (data/time_study.csv): {e['routed_in_study']} in-scope messages in "
        f"{e['study_days']} days mentioned a symptom, so {e['silent_weeks']} silent weeks bring about {e['silent_events']}. Missing none still allows a "
        f"miss rate up to **{_num(e['upper_bound_pct'])}%** (exact one-sided 95% bound; rule of three "
        f"{_num(e['rule_of_three_pct'])}%). " + need
    )


def computed_blocks(brief: Brief, records: list[dict], snippets: list[dict]) -> dict[str, str]:
    """Every block's text for this brief, computed from the data."""
    return {
        "evidence": evidence_markdown(brief, records, snippets),
        "sizing": sizing_markdown(brief, records),
        "launch": launch_markdown(brief, records),
    }


def _sha(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def refresh_blocks(text: str, blocks: dict[str, str]) -> tuple[str, list[str], list[str]]:
    """(text with the blocks rewritten, blocks that were stale, blocks edited by hand (left as they are)).

    A block the build wrote carries the hash of what it wrote; a block whose text no longer has that
    hash (or, without a hash, is neither empty, the placeholder nor the computed text) was edited by hand.
    """
    stale: list[str] = []
    edited: list[str] = []

    def replace(m: re.Match[str]) -> str:
        name, body, sha = m.group("name"), m.group("body"), m.group("sha")
        wanted = blocks[name]
        if body == wanted:
            return m.group(0)
        by_hand = _sha(body) != sha if sha else body.strip() not in ("", PLACEHOLDERS[name].strip())
        if by_hand:
            edited.append(f"{name}:{line_of(text, m.start())}")
            return m.group(0)
        stale.append(name)
        return f"<!-- {name}:begin sha={_sha(wanted)} -->\n{wanted}<!-- {name}:end -->"

    return BLOCK_RE.sub(replace, text), stale, edited


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
        fig, ax = plt.subplots(figsize=(3.45, 1.5))
        bars = ax.barh(labels, values, color=colours, height=0.68)
        for bar, value in zip(bars, values, strict=True):
            ax.text(bar.get_width() + 0.4, bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center", fontsize=7)
        ax.set_xlim(0, max(values) * 1.22 if values else 1)
        ax.set_xlabel("% of timed staff minutes (dark = in scope)", fontsize=7)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="both", labelsize=7, length=2)
        fig.subplots_adjust(left=0.37, right=0.97, top=0.98, bottom=0.24)
        svg, png = io.StringIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        fig.savefig(png, format="png", dpi=dpi, metadata={"Software": None})
        plt.close(fig)
    text = svg.getvalue()
    return text[text.index("<svg"):], png.getvalue()


# ---------------------------------------------------------------- Markdown to HTML (markdown-it-py)

SAFE_SCHEMES = ("http:", "https:", "mailto:")


def safe_url(url: str) -> bool:
    """Links a printed page may carry: web, mail and relative links; never javascript:, data:, file: or the like."""
    target = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    scheme = re.match(r"[a-z][a-z0-9+.\-]*:", target)
    return scheme is None or scheme.group(0) in SAFE_SCHEMES


def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = safe_url

    def image(self, tokens, idx, options, env):  # a printed page loads nothing: show the image's description
        alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
        return f'<span class="image-note">(image: {html.escape(alt)})</span>'

    md.add_render_rule("image", image)
    return md


_MD = None


def _rebase(url: str, source: Path, out_dir: Path) -> str:
    """A relative link as seen from the page in ``out_dir`` instead of the Markdown file."""
    if not url or url.startswith(("#", "/")) or re.match(r"[a-z][a-z0-9+.\-]*:", url, re.IGNORECASE):
        return url
    path, sep, anchor = url.partition("#")
    target = os.path.normpath(os.path.join(source.parent, path))
    return Path(os.path.relpath(target, out_dir)).as_posix() + sep + anchor


def _mark_fill(m: re.Match[str]) -> str:
    hint = (m.group("hint") or "").strip() or "your text"
    return f'<mark class="fill" title="still to write in the Markdown source">to write: {hint}</mark>'


def markdown_to_html(text: str, source: Path | None = None, out_dir: Path | None = None) -> str:
    """Markdown to HTML with markdown-it-py (CommonMark plus tables): raw HTML escaped, unsafe links dropped.

    FILL markers show as highlighted "to write: ..." notes, so the page does not repeat the marker syntax
    (prooflane status counts each marker once, in the Markdown source).
    """
    global _MD
    if _MD is None:
        _MD = _markdown()
    env: dict = {}
    tokens = _MD.parse(COMMENT_RE.sub("", text), env)
    if source is not None and out_dir is not None:
        for token in tokens:
            for child in token.children or []:
                if child.type == "link_open" and child.attrGet("href"):
                    child.attrSet("href", _rebase(str(child.attrGet("href")), source, out_dir))
    rendered = _MD.renderer.render(tokens, _MD.options, env)
    return FILL_RE.sub(_mark_fill, rendered).strip()


def inline(text: str) -> str:
    """One line of Markdown (a title or heading) as inline HTML."""
    rendered = markdown_to_html(text)
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.DOTALL)


def plain(text: str) -> str:
    """A title as plain text (for the <title> element): markers as their hints, Markdown emphasis dropped."""
    text = FILL_RE.sub(lambda m: (m.group("hint") or "").strip(), text)
    return re.sub(r"[*_`]", "", text).strip()


# ---------------------------------------------------------------- the page

CSS = """
@page { size: %(page)s; margin: 0.35in 0.4in; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #1d2327;
  font: 7.6pt/1.24 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", Arimo, sans-serif; }
.page { max-width: 7.7in; margin: 0 auto; }
header { border-bottom: 2px solid #0f6e6e; margin-bottom: 0.08in; padding-bottom: 0.04in; }
h1 { font-size: 13pt; margin: 0 0 0.03in; color: #0b4f4f; line-height: 1.15; }
.lede p { margin: 0.02in 0; font-size: 8.4pt; }
.lede blockquote { margin: 0 0 0.03in; padding: 0.02in 0.07in; border-left: 3px solid #c77700; background: #fff8ec;
  font-style: normal; color: #4a3a1a; font-size: 7.6pt; }
.status { float: right; font-size: 6.8pt; text-transform: uppercase; letter-spacing: 0.04em; color: #0b4f4f;
  border: 1px solid #0f6e6e; border-radius: 3px; padding: 1px 5px; margin-left: 6px; }
.status.draft { color: #8a4b00; border-color: #c77700; }
.columns { column-count: 2; column-gap: 0.26in; }
section { margin: 0 0 0.06in; }
h2 { font-size: 8.8pt; margin: 0 0 0.02in; color: #0b4f4f; text-transform: uppercase; letter-spacing: 0.03em;
  break-after: avoid; }
h3, h4 { font-size: 8.4pt; margin: 0.04in 0 0.02in; }
p { margin: 0 0 0.04in; }
ul, ol { margin: 0 0 0.04in; padding-left: 0.15in; }
li { margin: 0 0 0.01in; break-inside: avoid; }
li > ul, li > ol { margin: 0.01in 0 0; }
blockquote { margin: 0.03in 0 0.04in; padding: 0.02in 0.08in; border-left: 3px solid #0f6e6e; color: #34434d;
  font-style: italic; }
blockquote p { margin: 0; }
table { border-collapse: collapse; width: 100%%; margin: 0 0 0.05in; font-size: 7.4pt; }
th, td { border-bottom: 1px solid #d5dbe0; padding: 1px 3px; text-align: left; vertical-align: top; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 7.2pt; }
figure { margin: 0.02in 0 0.05in; break-inside: avoid; }
figure svg { width: 100%%; height: auto; display: block; }
figcaption { font-size: 6.6pt; color: #4a5963; }
mark.fill { background: #fff1b8; color: #6b4e00; padding: 0 2px; }
.image-note { color: #4a5963; font-style: italic; }
footer { margin-top: 0.05in; border-top: 1px solid #c9d1d7; padding-top: 0.03in; font-size: 6.2pt; color: #4a5963;
  line-height: 1.22; }
footer p { margin: 0 0 0.02in; }
footer .prooflane-disclaimer ul { margin: 0; padding-left: 0.14in; columns: 2; column-gap: 0.25in; }
@media screen {
  body { background: #e9edf0; }
  .page { background: #fff; margin: 0.3in auto; padding: 0.45in 0.5in; box-shadow: 0 1px 6px rgba(0,0,0,.18); }
}
"""


def is_example(brief: Brief) -> bool:
    """Whether this is prooflane's worked example (not the author's brief)."""
    return brief.path.parent.name == "examples"


def render_html(brief: Brief, svg: str | None, caption: str, out_dir: Path = REPORTS) -> str:
    """The self-contained, printable page for one brief."""
    fills = len(brief.fills)
    if is_example(brief):
        status = f'<span class="status">{html.escape(EXAMPLE_LABEL)}</span>'
        credit = (f"{EXAMPLE_LABEL}, from this project's synthetic data; "
                  f"{'the author' if not AUTHOR else AUTHOR}'s own brief is brief.md. {TOOL_LINE}")
    else:
        status = (f'<span class="status draft">Draft: {fills} part{"s" if fills != 1 else ""} left to write</span>'
                  if fills else '<span class="status">One-page brief</span>')
        credit = (f"Brief written by {AUTHOR or 'its author'}; the evidence, sizing and launch blocks and the chart "
                  f"are computed by scripts/build_brief.py from data/. {TOOL_LINE}")
    parts = []
    for heading, body in brief.sections:
        content = markdown_to_html(body, brief.path, out_dir)
        if svg and heading.lower() == "problem and evidence":
            content += f"\n<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"
        parts.append(f"<section>\n<h2>{inline(heading)}</h2>\n{content}\n</section>")
    sections = "\n".join(parts)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(plain(brief.title) or brief.path.stem)}</title>\n"
        f"<style>{CSS % {'page': PAGE_SIZE}}</style>\n</head>\n<body>\n<main class=\"page\">\n"
        f"<header>{status}<h1>{inline(brief.title)}</h1>\n"
        f'<div class="lede">{markdown_to_html(brief.lede, brief.path, out_dir)}</div></header>\n'
        f'<div class="columns">\n{sections}\n</div>\n'
        f"<footer>\n<p>{html.escape(credit)}</p>\n{DISCLAIMER_HTML}\n</footer>\n</main>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------- build


@dataclass
class BuildResult:
    """What building one brief produced (``html`` is None when a problem stopped it)."""

    source: Path
    html: Path | None
    png: Path | None
    words: int
    fills: int
    stale: bool  # a computed block in the source did not match the data
    problems: list[str]


def build_one(path: Path, records: list[dict], snippets: list[dict], out_dir: Path, *, update: bool) -> BuildResult:
    """Check one brief, refresh (or check) its computed blocks, draw its chart, write its HTML page."""
    name = path.name
    if not path.is_file():
        return BuildResult(path, None, None, 0, 0, False,
                           [f"{name} is missing; restore it with `git checkout -- {path.relative_to(ROOT)}`."])
    try:
        brief = parse(path)
    except UnicodeDecodeError:
        return BuildResult(path, None, None, 0, 0, False, [f"{name} is not UTF-8 text; save it as UTF-8."])
    found = problems(brief)
    if found:
        return BuildResult(path, None, None, word_count(brief), len(brief.fills), False, found)
    text, stale, edited = refresh_blocks(brief.text, computed_blocks(brief, records, snippets))
    if edited:
        where = ", ".join(f"the {e.split(':')[0]} block (line {e.split(':')[1]})" for e in edited)
        message = (f"{name}: {where} differs from what the build writes from the data (edited by hand, or the data "
                   "changed), so it was left as it is; move your own text outside the block's markers, or empty the "
                   "block to have it written again, then run `make brief`.")
        return BuildResult(path, None, None, word_count(brief), len(brief.fills), False, [message])
    if stale and update:
        path.write_text(text, encoding="utf-8")
    brief = parse(path, text)  # the page always shows the blocks computed from the data
    words = word_count(brief)
    if words > WORD_LIMIT:
        message = (f"{name}: {words} words, and one page holds about {WORD_LIMIT} with the chart; cut "
                   f"{words - WORD_LIMIT} or more.")
        return BuildResult(path, None, None, words, len(brief.fills), bool(stale and not update), [message])
    out_dir.mkdir(parents=True, exist_ok=True)
    svg, png = chart(records, brief.in_scope or ())
    png_path = out_dir / f"{path.stem}-chart.png"
    png_path.write_bytes(png)
    caption = f"Timed staff minutes by task type, {len(records)} tasks (data/time_study.csv)."
    html_path = out_dir / f"{path.stem}.html"
    html_path.write_text(render_html(brief, svg, caption, out_dir), encoding="utf-8")
    return BuildResult(path, html_path, png_path, words, len(brief.fills), bool(stale and not update), [])


def build(briefs: Iterable[Path] = BRIEFS, out_dir: Path = REPORTS, *, data_dir: Path = DATA,
          update: bool = True) -> list[BuildResult]:
    """Build every brief; with ``update`` the computed blocks in the sources are rewritten from the data."""
    records = read_csv(data_dir / "time_study.csv")
    snippets = read_csv(data_dir / "interview_snippets.csv")
    wanted = [Path(p) for p in briefs]
    wanted = [p for p in wanted if p.is_file() or p.parent.name != "examples"]  # the example may be removed
    return [build_one(p, records, snippets, out_dir, update=update) for p in wanted]


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the pages; report words, FILL markers and problems (exit 1 on any)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not rewrite the sources; fail if a block is stale")
    parser.add_argument("--out", type=Path, default=REPORTS, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    try:
        results = build(out_dir=args.out, update=not args.check)
    except BriefError as exc:
        print(exc, file=sys.stderr)
        return 1
    failed = False
    for r in results:
        if r.html is None:
            failed = True
            for problem in r.problems:
                print(problem, file=sys.stderr)
            continue
        print(f"{_rel(r.source)} -> {_rel(r.html)}  ({r.words} words, {r.fills} FILL markers left)")
        if r.stale:
            print(f"{r.source.name}: a computed block does not match the data; run `make brief` to refresh it.",
                  file=sys.stderr)
            failed = True
    if not failed:
        print("Open the HTML pages in a browser; print them (Save as PDF) at 100% scale: each fits on one page.")
    return 1 if failed else 0


def _run() -> int:
    try:
        import markdown_it  # noqa: F401
        import matplotlib  # noqa: F401
    except ImportError as exc:
        print(f"{exc.name} is not installed for this Python; run `make setup` once, then `make brief` "
              r"(without make: `.venv/bin/python scripts/build_brief.py`, on Windows `.venv\Scripts\python "
              r"scripts\build_brief.py`).", file=sys.stderr)
        return 1
    return main()


if __name__ == "__main__":
    sys.exit(_run())
