"""Score vendor assessments against the checklist and write a Markdown report, an HTML report and a risk matrix.

Usage (from the project folder):

    python scripts/score.py                      # every file in assessments/
    python scripts/score.py assessments/x.yaml   # one assessment
    python scripts/score.py --out somewhere/     # write the reports elsewhere

An assessment that still has unanswered items is reported as incomplete (with the count) instead of
being scored. The scoring rules live in checklist.yaml under ``scoring``.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from disclaimer import (
    DISCLAIMER_HTML,
    DISCLAIMER_MD,
    EXAMPLE_NOTE_HTML,
    EXAMPLE_NOTE_MD,
    TOOL_LINE,
)
from validate import InputError, rel
from validate import load_assessment as _load_assessment
from validate import load_checklist as _load_checklist

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ("Govern", "Map", "Measure", "Manage")
STATUSES = ("met", "partial", "not-met", "unknown", "n/a", "unanswered")
GAP_STATUSES = ("partial", "not-met", "unknown")
BANDS = ("low", "moderate", "high", "critical")
TIERS = ("low", "moderate", "high", "critical")
BAND_COLOURS = {"low": "#cfe8c8", "moderate": "#fbe7a1", "high": "#f7bd83", "critical": "#ee8b84"}
SCORE_NOTE = "(weighted share of the checklist met; partial counts half)"
STATUS_LABELS = {"met": "met", "partial": "partial", "not-met": "not met", "unknown": "unknown",
                 "n/a": "n/a", "unanswered": "unanswered"}


AssessmentError = InputError  # an input file that cannot be used as written (the message says what to fix)
README_START = "<!-- worked-example-results: start (written by make score from the worked assessment) -->"
README_END = "<!-- worked-example-results: end -->"


@dataclass
class ItemResult:
    """One checklist item as answered in an assessment."""

    id: str
    function: str
    title: str
    weight: int
    status: str
    evidence_seen: str = ""
    notes: str = ""
    follow_up: str = ""
    likelihood: int | None = None
    impact: int | None = None
    risk: int | None = None
    band: str | None = None


@dataclass
class ClaimReview:
    """A vendor claim from data/vendor_claims.csv with the reviewer's judgement."""

    claim_id: str
    text: str
    source: str
    red_flag: bool | None  # None: not judged yet
    resolved: bool = False
    note: str = ""


@dataclass
class Result:
    """Everything a report needs about one vendor."""

    name: str
    vendor: dict[str, Any]
    assessment: dict[str, Any]
    items: list[ItemResult]
    claims: list[ClaimReview]
    unanswered: list[str] = field(default_factory=list)
    gates_failed: list[str] = field(default_factory=list)
    function_scores: dict[str, float | None] = field(default_factory=dict)
    score: float | None = None
    tier: str | None = None
    action: str = ""
    reasons: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.unanswered

    def band_counts(self) -> dict[str, int]:
        return {b: sum(1 for i in self.items if i.band == b) for b in BANDS}

    def status_counts(self) -> dict[str, int]:
        return {s: sum(1 for i in self.items if i.status == s) for s in STATUSES}

    def unanswered_text(self) -> str:
        """``N items unanswered (I checklist items, C claims)``."""
        claims = sum(1 for u in self.unanswered if "-C" in u)
        items = len(self.unanswered) - claims
        parts = [f"{items} checklist item{'s' if items != 1 else ''}"]
        if claims:
            parts.append(f"{claims} claim{'s' if claims != 1 else ''}")
        return f"{len(self.unanswered)} items unanswered ({', '.join(parts)})"

    def top_risks(self, n: int = 5) -> list[ItemResult]:
        scored = [i for i in self.items if i.risk is not None]
        return sorted(scored, key=lambda i: (-i.risk, -(i.impact or 0), -i.weight, i.id))[:n]

    def register(self) -> list[ItemResult]:
        """Every rated gap, highest risk first (ties: higher impact, then weight, then id)."""
        return self.top_risks(len(self.items))

    @property
    def is_example(self) -> bool:
        return self.assessment.get("worked_example") is True

    def red_flags(self) -> list[ClaimReview]:
        return [c for c in self.claims if c.red_flag]


# ----------------------------------------------------------------------------- loading


RESTORE = "restore it with 'git checkout -- {name}' (or bake the project again with the same answers)"


def load_checklist(path: Path | None = None) -> dict[str, Any]:
    """checklist.yaml, checked against schemas/checklist.schema.json."""
    return _load_checklist(path or ROOT / "checklist.yaml")


def _data_text(path: Path) -> str:
    name = rel(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{name} is missing; {RESTORE.format(name=name)}.") from None
    except (OSError, UnicodeDecodeError):
        raise InputError(f"{name} cannot be read as UTF-8 text; {RESTORE.format(name=name)}.") from None
    if not text.strip():
        raise InputError(f"{name} is empty; {RESTORE.format(name=name)}.")
    return text


def load_vendors(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """data/vendors.json keyed by vendor_id."""
    path = path or ROOT / "data" / "vendors.json"
    try:
        records = json.loads(_data_text(path))
        return {str(r["vendor_id"]): r for r in records}
    except (ValueError, TypeError, KeyError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{rel(path)} is not the list of vendor records prooflane wrote; "
                         f"{RESTORE.format(name=rel(path))}.") from None


def load_claims(path: Path | None = None) -> dict[str, list[dict[str, str]]]:
    """data/vendor_claims.csv grouped by vendor_id, in file order."""
    path = path or ROOT / "data" / "vendor_claims.csv"
    rows = list(csv.DictReader(_data_text(path).splitlines()))
    if not rows or any(not {"vendor_id", "claim_id", "source", "claim"} <= set(r) for r in rows[:1]):
        raise InputError(f"{rel(path)} lacks the columns vendor_id, claim_id, source and claim; "
                         f"{RESTORE.format(name=rel(path))}.")
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(row["vendor_id"], []).append(row)
    return grouped


# ----------------------------------------------------------------------------- scoring


def band_of(risk: int, bands: dict[str, int]) -> str:
    """The band a likelihood x impact product falls in."""
    found = "low"
    for name in BANDS:
        if risk >= int(bands[name]):
            found = name
    return found


def _scale(value: Any, field_name: str, item_id: str, source: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise AssessmentError(f"{source}: {item_id} has {field_name} {value!r}; use a whole number from 1 to 5.")
    return value


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def score(checklist: dict[str, Any], assessment: dict[str, Any], vendor: dict[str, Any] | None = None,
          claims: list[dict[str, str]] | None = None, name: str = "assessment", source: str = "") -> Result:
    """Score one assessment: function scores, risks, tier and the reasons for the tier."""
    rules = checklist["scoring"]
    points = {k: float(v) for k, v in rules["points"].items()}
    answers = assessment.get("items") or {}
    known = {item["id"] for item in checklist["items"]}
    for item_id in answers:
        if item_id not in known:
            raise AssessmentError(f"{name}: item {item_id} is not in checklist.yaml; fix the id or remove it.")

    result = Result(name=name, vendor=vendor or {}, assessment=assessment, items=[], claims=[])
    name = source or name
    for item in checklist["items"]:
        answer = answers.get(item["id"]) or {}
        raw = answer.get("status")
        status = "unanswered" if raw is None or str(raw).strip() == "" else str(raw).strip().lower()
        if status not in STATUSES:
            raise AssessmentError(
                f"{name}: {item['id']} has status {status!r}; use one of {', '.join(STATUSES)}."
            )
        row = ItemResult(
            id=item["id"], function=item["function"], title=item["title"], weight=int(item["weight"]),
            status=status, evidence_seen=_text(answer.get("evidence_seen")), notes=_text(answer.get("notes")),
            follow_up=_text(answer.get("follow_up")),
            likelihood=_scale(answer.get("likelihood"), "likelihood", item["id"], name),
            impact=_scale(answer.get("impact"), "impact", item["id"], name),
        )
        if row.impact is None and status in GAP_STATUSES and item.get("typical_impact"):
            row.impact = int(item["typical_impact"])  # left empty: the item's typical impact from checklist.yaml
        if status == "unanswered":
            result.unanswered.append(item["id"])
        elif status in GAP_STATUSES:
            if row.likelihood is None or row.impact is None:
                result.unanswered.append(item["id"])
            else:
                row.risk = row.likelihood * row.impact
                row.band = band_of(row.risk, rules["bands"])
        result.items.append(row)

    reviews = {str(c.get("claim_id")): c for c in assessment.get("claims") or []}
    for claim in claims or []:
        review = reviews.get(claim["claim_id"], {})
        flag, resolved = review.get("red_flag"), review.get("resolved")
        for key, value in (("red_flag", flag), ("resolved", resolved)):
            if value is not None and not isinstance(value, bool):
                raise AssessmentError(f"{name}: claim {claim['claim_id']} has {key} {value!r}; write true or false "
                                      "without quotes, or leave it empty until the claim is judged.")
        result.claims.append(ClaimReview(
            claim_id=claim["claim_id"], text=claim["claim"], source=claim["source"],
            red_flag=flag, resolved=bool(resolved), note=_text(review.get("note_on_claim")),
        ))
        if flag is None:
            result.unanswered.append(claim["claim_id"])

    for function in FUNCTIONS:
        result.function_scores[function] = _weighted([i for i in result.items if i.function == function], points)
    result.score = _weighted(result.items, points)
    statuses = {i.id: i.status for i in result.items}
    result.gates_failed = [
        f"{gate['item']} is {STATUS_LABELS.get(statuses.get(gate['item'], ''), '?')}: {gate['why']}"
        for gate in rules.get("gates") or [] if statuses.get(gate["item"]) in gate["fails_when"]
    ]
    if result.complete:
        result.tier, result.reasons = tier_of(result, rules)
        result.action = str(rules["actions"][result.tier])
    return result


def _weighted(items: list[ItemResult], points: dict[str, float]) -> float | None:
    counted = [i for i in items if i.status in points]
    total = sum(i.weight for i in counted)
    if total == 0:
        return None
    return round(100 * sum(i.weight * points[i.status] for i in counted) / total, 1)


def tier_of(result: Result, rules: dict[str, Any]) -> tuple[str, list[str]]:
    """The highest tier whose condition holds, and a sentence for every condition that fired."""
    bands = result.band_counts()
    unresolved = sum(1 for c in result.red_flags() if not c.resolved)
    facts = {
        "critical_risks_at_least": (bands["critical"], "risk(s) in the critical band"),
        "high_risks_at_least": (bands["high"], "risk(s) in the high band"),
        "unresolved_red_flags_at_least": (unresolved, "unresolved red-flag claim(s)"),
    }
    for tier in ("critical", "high", "moderate"):
        reasons = [f"knockout gate failed: {g}" for g in result.gates_failed] if tier == "critical" else []
        for condition, threshold in rules["tiers"].get(tier, {}).items():
            if condition == "score_below":
                if result.score is not None and result.score < float(threshold):
                    reasons.append(f"checklist score {result.score:g} is below {threshold}, "
                                   f"the line for the {tier} tier")
            else:
                count, label = facts[condition]
                if count >= int(threshold):
                    reasons.append(f"{count} {label}; {threshold} or more puts a vendor in the {tier} tier")
        if reasons:
            return tier, reasons
    return "low", ["no condition for a higher tier holds"]


# ----------------------------------------------------------------------------- risk matrix (SVG)


def risk_matrix_svg(result: Result, bands: dict[str, int]) -> str:
    """A 5 x 5 likelihood-by-impact heat map naming the items in each cell (hand-written, offline SVG)."""
    cell_w, cell_h, left, top = 124, 80, 92, 44
    width, height = left + 5 * cell_w + 16, top + 5 * cell_h + 92
    cells: dict[tuple[int, int], list[str]] = {}
    for item in result.items:
        if item.risk is not None:
            cells.setdefault((item.likelihood, item.impact), []).append(item.id)
    title = f"Risk matrix: {result.vendor.get('name', result.name)}"
    out = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
         f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="matrix-title">'),
        f'<title id="matrix-title">{_esc(title)}</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        (f'<text x="{left}" y="24" font-family="Helvetica, Arial, sans-serif" font-size="15" '
         f'font-weight="bold" fill="#1f2933">{_esc(title)}</text>'),
    ]
    for impact in range(5, 0, -1):
        y = top + (5 - impact) * cell_h
        out.append(f'<text x="{left - 10}" y="{y + cell_h / 2 + 4:g}" text-anchor="end" '
                   f'font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1f2933">{impact}</text>')
        for likelihood in range(1, 6):
            x = left + (likelihood - 1) * cell_w
            band = band_of(likelihood * impact, bands)
            ids = sorted(cells.get((likelihood, impact), []))
            out.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{BAND_COLOURS[band]}" '
                       f'stroke="#ffffff" stroke-width="2"><title>likelihood {likelihood} x impact {impact} = '
                       f'{likelihood * impact} ({band}): {len(ids)} item(s)</title></rect>')
            out.append(f'<text x="{x + 6}" y="{y + 15}" font-family="Helvetica, Arial, sans-serif" font-size="10" '
                       f'fill="#52606d">{likelihood * impact}</text>')
            per_line = 2 if len(ids) <= 8 else 3
            lines = [" ".join(ids[k:k + per_line]) for k in range(0, len(ids), per_line)]
            step, size = (13, 10.5) if len(lines) <= 4 else (48 / len(lines), 9)
            for n, line in enumerate(lines):
                out.append(f'<text x="{x + cell_w / 2:g}" y="{y + 31 + step * n:g}" text-anchor="middle" '
                           f'font-family="Helvetica, Arial, sans-serif" font-size="{size:g}" font-weight="bold" '
                           f'fill="#1f2933">{_esc(line)}</text>')
    for likelihood in range(1, 6):
        x = left + (likelihood - 1) * cell_w + cell_w / 2
        out.append(f'<text x="{x:g}" y="{top + 5 * cell_h + 18}" text-anchor="middle" '
                   f'font-family="Helvetica, Arial, sans-serif" font-size="12" fill="#1f2933">{likelihood}</text>')
    mid_y = top + 5 * cell_h / 2
    out.append(f'<text x="{left + 5 * cell_w / 2:g}" y="{top + 5 * cell_h + 38}" text-anchor="middle" '
               f'font-family="Helvetica, Arial, sans-serif" font-size="13" fill="#1f2933">Likelihood (1 rare - 5 '
               f'almost certain)</text>')
    out.append(f'<text x="24" y="{mid_y:g}" text-anchor="middle" transform="rotate(-90 24 {mid_y:g})" '
               f'font-family="Helvetica, Arial, sans-serif" font-size="13" fill="#1f2933">Impact (1 negligible - '
               f'5 severe)</text>')
    legend_y = top + 5 * cell_h + 58
    for n, band in enumerate(BANDS):
        x = left + n * 150
        upper = {"low": bands["moderate"] - 1, "moderate": bands["high"] - 1, "high": bands["critical"] - 1}
        label = f"{band} ({bands[band]}-{upper.get(band, 25)})"
        out.append(f'<rect x="{x}" y="{legend_y}" width="14" height="14" fill="{BAND_COLOURS[band]}"/>')
        out.append(f'<text x="{x + 20}" y="{legend_y + 11}" font-family="Helvetica, Arial, sans-serif" '
                   f'font-size="12" fill="#1f2933">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- Markdown


def _esc(text: str) -> str:
    """Escape text for HTML and SVG element content (double quotes stay, so quotations read as quotations)."""
    return html.escape(text, quote=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or "-"


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def claim_line(claim: ClaimReview) -> str:
    """The one line that quotes a vendor claim: always attributed to the vendor and labelled."""
    if claim.red_flag is None:
        label = "Vendor claim (not yet reviewed)"
    elif claim.red_flag:
        label = "Vendor claim (red flag)"
    else:
        label = "Vendor claim"
    return f'{label}: "{claim.text}"'


def _claim_meta(claim: ClaimReview) -> str:
    state = "" if not claim.red_flag else (" Resolved." if claim.resolved else " Unresolved.")
    # The note is critique of the quoted claim; the words 'vendor claim' on its line mark it as a mention.
    note = f" Reviewer's note on this vendor claim: {claim.note}" if claim.note else ""
    return f"Source: {claim.source} ({claim.claim_id}).{state}{note}"


def _status_text(counts: dict[str, int]) -> str:
    return (f"{counts['met']} met, {counts['partial']} partial, {counts['not-met']} not met, "
            f"{counts['unknown']} unknown, {counts['n/a']} not applicable")


def _band_text(bands: dict[str, int]) -> str:
    return f"{bands['critical']} critical, {bands['high']} high, {bands['moderate']} moderate, {bands['low']} low"


def _vendor_header(result: Result) -> str:
    vendor = result.vendor
    name = vendor.get("name") or result.assessment.get("vendor") or result.name
    product = vendor.get("product_name")
    return f"{name} ({product})" if product else str(name)


def render_markdown(result: Result, checklist: dict[str, Any], matrix_file: str) -> str:
    """The Markdown report."""
    vendor = result.vendor
    lines = [f"# Vendor risk report: {_vendor_header(result)}", "", f"Reviewer: {reviewer_text(result)}", "",
             DISCLAIMER_MD, ""]
    if result.is_example:
        lines += [EXAMPLE_NOTE_MD, ""]
    if not result.complete:
        lines += [
            (f"**Status: incomplete: {result.unanswered_text()}.** Fill in "
             f"`assessments/{result.name}.yaml` (see the worked example in assessments/), then run `make score`."),
            "",
            "Still to answer: " + ", ".join(result.unanswered) + ".",
            "",
        ]
    else:
        counts, bands = result.status_counts(), result.band_counts()
        flags = result.red_flags()
        lines += [
            "| | |",
            "|---|---|",
            f"| Risk tier | **{result.tier.upper()}**: {result.action} |",
            f"| Checklist score | {_fmt(result.score)} / 100 {SCORE_NOTE} |",
            "| By function | " + ", ".join(f"{f} {_fmt(result.function_scores[f])}" for f in FUNCTIONS) + " |",
            f"| Items | {_status_text(counts)} |",
            f"| Risks by band | {_band_text(bands)} |",
            f"| Red-flag claims | {len(flags)} ({sum(1 for c in flags if not c.resolved)} unresolved) |",
            f"| Knockout gates | {_cell(_gates_text(result))} |",
            f"| Reviewer | {_cell(reviewer_text(result))} |",
            f"| Review date | {_cell(_text(result.assessment.get('review_date')))} |",
            f"| Decision requested | {_cell(_text(result.assessment.get('decision_requested')))} |",
            f"| Decision owner | {_cell(_text(result.assessment.get('decision_owner')))} |",
            "",
            "## Why this tier",
            "",
            *[f"- {reason}" for reason in result.reasons],
            "",
        ]
        if result.assessment.get("summary"):
            lines += [f"## {_summary_heading(result)}", "", _text(result.assessment["summary"]), ""]
        lines += ["## Top risks", "", "| # | Item | Risk (L x I) | Band | Ask the vendor |", "|---|---|---|---|---|"]
        for n, item in enumerate(result.top_risks(), start=1):
            lines.append(f"| {n} | {item.id} {_cell(item.title)} | {item.risk} ({item.likelihood} x {item.impact}) "
                         f"| {item.band} | {_cell(item.follow_up)} |")
        lines += ["", "## Risk matrix", "", f"![Risk matrix for {_vendor_header(result)}]({matrix_file})", "",
                  "Every rated gap, highest risk first (the matrix cells list the same ids):", "",
                  "| Item | Likelihood | Impact | Risk | Band |", "|---|---|---|---|---|"]
        for item in result.register():
            lines.append(f"| {item.id} {_cell(item.title)} | {item.likelihood} | {item.impact} | {item.risk} | "
                         f"{item.band} |")
        lines.append("")
    lines += ["## Vendor profile", ""]
    for label, key in (("Website", "website"), ("Product", "description"), ("Intended use", "intended_use"),
                       ("Intended users", "intended_users"), ("Decision role", "decision_role"),
                       ("Data touched", "data_touched"), ("Third-party models", "third_party_models"),
                       ("Hosting", "hosting"), ("Retention", "data_retention"), ("Model updates", "model_updates"),
                       ("Documents provided", "documents_provided")):
        if vendor.get(key):
            lines.append(f"- **{label}:** {vendor[key]}")
    lines += ["", "## Vendor claims", "",
              "Claims are quoted as the vendor made them; quoting a claim is not agreeing with it.", ""]
    for claim in result.claims:
        lines += [f"> {claim_line(claim)}", ">", f"> {_claim_meta(claim)}", ""]
    follow_ups = [i for i in sorted(result.items, key=lambda i: (-(i.risk or 0), i.id)) if i.follow_up]
    if follow_ups:
        lines += ["## Questions to send the vendor", ""]
        lines += [f"{n}. {item.follow_up} ({item.id})" for n, item in enumerate(follow_ups, start=1)]
        lines.append("")
    lines += ["## Item by item", ""]
    for function in FUNCTIONS:
        lines += [f"### {function} (score {_fmt(result.function_scores[function])})", "",
                  "| Item | Status | Risk | Evidence seen | Notes |", "|---|---|---|---|---|"]
        for item in (i for i in result.items if i.function == function):
            risk = f"{item.risk} {item.band}" if item.risk is not None else "-"
            lines.append(f"| {item.id} {_cell(item.title)} | {STATUS_LABELS[item.status]} | {risk} | "
                         f"{_cell(item.evidence_seen)} | {_cell(item.notes)} |")
        lines.append("")
    lines += ["## How this was scored", "", METHOD_TEXT, "", f"*{TOOL_LINE}*", ""]
    return "\n".join(lines)


def reviewer_text(result: Result) -> str:
    """Who reviewed: the worked example says it is prooflane's; a blank reviewer says so."""
    if result.is_example:
        return "prooflane (worked example)"
    reviewer = _text(result.assessment.get("reviewer"))
    return "not given yet" if not reviewer or "[FILL:" in reviewer else reviewer


def _summary_heading(result: Result) -> str:
    return "Summary of the worked example" if result.is_example else "Reviewer's summary"


def _gates_text(result: Result) -> str:
    gates = result.gates_failed
    return "none failed" if not gates else f"{len(gates)} failed: " + "; ".join(gates)


# ----------------------------------------------------------------------------- README block (worked example)


def readme_block(result: Result) -> str:
    """The worked example's results for README.md, every figure taken from ``result``."""
    counts, bands, flags = result.status_counts(), result.band_counts(), result.red_flags()
    gaps = sum(bands.values())
    lines = [
        README_START,
        f"**Risk tier: {result.tier.upper()}.** {result.action}",
        "",
        "| Result | |",
        "|---|---|",
        f"| Checklist score | {_fmt(result.score)} / 100 {SCORE_NOTE} |",
        "| By NIST AI RMF function | " + " · ".join(f"{f} {_fmt(result.function_scores[f])}" for f in FUNCTIONS) + " |",
        (f"| {len(result.items)} items | {counts['met']} met, {counts['partial']} partial, "
         f"{counts['not-met']} not met, {counts['unknown']} unknown, {counts['n/a']} n/a |"),
        f"| {gaps} rated gaps (likelihood x impact) | {_band_text(bands)} |",
        f"| Knockout gates | {_gates_text(result)} |",
        f"| Marketing claims | {len(result.claims)} reviewed, {len(flags)} red flags |",
        "",
        "Why this tier:",
        "",
        *[f"- {reason}" for reason in result.reasons],
        "",
        "**The highest risks** (of the full register in the report):",
        "",
        "| Item | Risk | Band |",
        "|---|---|---|",
        *[f"| {i.id} {_cell(i.title)} | {i.risk} ({i.likelihood} x {i.impact}) | {i.band} |" for i in result.top_risks(5)],
        README_END,
    ]
    return "\n".join(lines)


def update_readme(result: Result, readme: Path) -> bool:
    """Replace the results block between the markers in README.md; False when the markers are gone."""
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return False
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return False
    new = text[:start] + readme_block(result) + text[end + len(README_END):]
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True


METHOD_TEXT = (
    "Each checklist item (checklist.yaml, grouped by the NIST AI RMF 1.0 functions Govern, Map, Measure and "
    "Manage) was answered met, partial, not met or unknown from the documents and demo listed above. The "
    "checklist score is the weighted share of items met (partial counts half). Every gap was rated for "
    "likelihood and impact from 1 to 5; their product places it in a band (1-4 low, 5-9 moderate, 10-16 high, "
    "17-25 critical). The tier follows the rules in checklist.yaml. This is a structured opinion for a "
    "purchasing decision, not a certification, a legal opinion or a test of the product."
)


# ----------------------------------------------------------------------------- HTML

CSS = """
body { font-family: Helvetica, Arial, sans-serif; max-width: 980px; margin: 2rem auto; padding: 0 1rem;
       color: #1f2933; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d9dee3; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #d9dee3; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; }
.tier { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 4px; font-weight: bold; }
.tier-low { background: #cfe8c8; } .tier-moderate { background: #fbe7a1; }
.tier-high { background: #f7bd83; } .tier-critical { background: #ee8b84; }
.band-low { background: #e8f4e5; } .band-moderate { background: #fdf3d0; }
.band-high { background: #fbdcbc; } .band-critical { background: #f7c5c2; }
blockquote.vendor-claim { border-left: 4px solid #9aa5b1; margin: 0.8rem 0; padding: 0.2rem 0.8rem;
                          background: #f8f9fa; }
blockquote.red-flag { border-left-color: #c0392b; }
.claim-meta { color: #52606d; font-size: 0.9rem; }
.incomplete { background: #fdf3d0; padding: 0.6rem 0.8rem; border-radius: 4px; }
.prooflane-disclaimer { background: #f3f5f7; border: 1px solid #d9dee3; padding: 0.4rem 1rem; font-size: 0.9rem; }
.prooflane-example-label { background: #eef4fb; border-left: 4px solid #3b6ea8; padding: 0.4rem 0.8rem; }
.tool-line { color: #52606d; font-size: 0.85rem; margin-top: 2rem; }
@media print {
  body { margin: 0; max-width: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, blockquote { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


def render_html(result: Result, checklist: dict[str, Any], matrix_svg: str) -> str:
    """The HTML report: one self-contained page (inline CSS and SVG, no scripts, no external files)."""
    header = _vendor_header(result)
    title = (f"<header><h1>Vendor risk report: {_esc(header)}</h1>"
             f'<p class="byline">Reviewer: {_esc(reviewer_text(result))}</p></header>')
    body = [title, DISCLAIMER_HTML]
    if result.is_example:
        body.append(EXAMPLE_NOTE_HTML)
    if not result.complete:
        body.append(f'<p class="incomplete"><strong>Status: incomplete: {_esc(result.unanswered_text())}.'
                    f"</strong> Fill in assessments/{_esc(result.name)}.yaml, then run make score.</p>")
        body.append(f"<p>Still to answer: {_esc(', '.join(result.unanswered))}.</p>")
    else:
        counts, bands = result.status_counts(), result.band_counts()
        flags = result.red_flags()
        rows = [
            ("Risk tier", f'<span class="tier tier-{result.tier}">{result.tier.upper()}</span> {_esc(result.action)}'),
            ("Checklist score", f"{_fmt(result.score)} / 100 {SCORE_NOTE}"),
            ("By function", ", ".join(f"{f} {_fmt(result.function_scores[f])}" for f in FUNCTIONS)),
            ("Items", _status_text(counts)),
            ("Risks by band", _band_text(bands)),
            ("Red-flag claims", f"{len(flags)} ({sum(1 for c in flags if not c.resolved)} unresolved)"),
            ("Knockout gates", _esc(_gates_text(result))),
            ("Reviewer", _esc(reviewer_text(result))),
            ("Review date", _esc(_text(result.assessment.get("review_date"))) or "-"),
            ("Decision requested", _esc(_text(result.assessment.get("decision_requested"))) or "-"),
            ("Decision owner", _esc(_text(result.assessment.get("decision_owner"))) or "-"),
        ]
        body.append("<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows) + "</table>")
        body.append("<h2>Why this tier</h2><ul>" + "".join(f"<li>{_esc(r)}</li>" for r in result.reasons) + "</ul>")
        if result.assessment.get("summary"):
            body.append(f"<h2>{_summary_heading(result)}</h2><p>{_esc(_text(result.assessment['summary']))}</p>")
        body.append("<h2>Top risks</h2><table><tr><th>#</th><th>Item</th><th>Risk (L x I)</th><th>Band</th>"
                    "<th>Ask the vendor</th></tr>")
        for n, item in enumerate(result.top_risks(), start=1):
            body.append(f'<tr class="band-{item.band}"><td>{n}</td><td>{item.id} {_esc(item.title)}</td>'
                        f"<td>{item.risk} ({item.likelihood} x {item.impact})</td><td>{item.band}</td>"
                        f"<td>{_esc(item.follow_up)}</td></tr>")
        body.append("</table>")
        body.append(f"<h2>Risk matrix</h2><figure>{matrix_svg.strip()}</figure>")
        body.append("<p>Every rated gap, highest risk first (the matrix cells list the same ids):</p><table><tr>"
                    "<th>Item</th><th>Likelihood</th><th>Impact</th><th>Risk</th><th>Band</th></tr>"
                    + "".join(f'<tr class="band-{i.band}"><td>{i.id} {_esc(i.title)}</td><td>{i.likelihood}</td>'
                              f"<td>{i.impact}</td><td>{i.risk}</td><td>{i.band}</td></tr>" for i in result.register())
                    + "</table>")
    vendor = result.vendor
    profile = [(label, vendor.get(key)) for label, key in (
        ("Website", "website"), ("Product", "description"), ("Intended use", "intended_use"),
        ("Intended users", "intended_users"), ("Decision role", "decision_role"), ("Data touched", "data_touched"),
        ("Third-party models", "third_party_models"), ("Hosting", "hosting"), ("Retention", "data_retention"),
        ("Model updates", "model_updates"), ("Documents provided", "documents_provided"))]
    body.append("<h2>Vendor profile</h2><table>"
                + "".join(f"<tr><th>{k}</th><td>{_esc(str(v))}</td></tr>" for k, v in profile if v) + "</table>")
    body.append("<h2>Vendor claims</h2><p>Claims are quoted as the vendor made them; quoting a claim is not "
                "agreeing with it.</p>")
    for claim in result.claims:
        css = "vendor-claim red-flag" if claim.red_flag else "vendor-claim"
        body.append(f'<blockquote class="{css}">\n<p>{_esc(claim_line(claim))}</p>\n'
                    f'<p class="claim-meta">{_esc(_claim_meta(claim))}</p>\n</blockquote>')
    follow_ups = [i for i in sorted(result.items, key=lambda i: (-(i.risk or 0), i.id)) if i.follow_up]
    if follow_ups:
        body.append("<h2>Questions to send the vendor</h2><ol>"
                    + "".join(f"<li>{_esc(i.follow_up)} ({i.id})</li>" for i in follow_ups) + "</ol>")
    body.append("<h2>Item by item</h2>")
    for function in FUNCTIONS:
        body.append(f"<h3>{function} (score {_fmt(result.function_scores[function])})</h3>"
                    "<table><tr><th>Item</th><th>Status</th><th>Risk</th><th>Evidence seen</th><th>Notes</th></tr>")
        for item in (i for i in result.items if i.function == function):
            risk = f"{item.risk} {item.band}" if item.risk is not None else "-"
            css = f' class="band-{item.band}"' if item.band else ""
            body.append(f"<tr{css}><td>{item.id} {_esc(item.title)}</td><td>{STATUS_LABELS[item.status]}</td>"
                        f"<td>{risk}</td><td>{_esc(item.evidence_seen)}</td><td>{_esc(item.notes)}</td></tr>")
        body.append("</table>")
    body.append(f"<h2>How this was scored</h2><p>{_esc(METHOD_TEXT)}</p>")
    body.append(f'<footer class="tool-line"><p>{_esc(TOOL_LINE)}</p></footer>')
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Vendor risk report: {_esc(header)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


# ----------------------------------------------------------------------------- running


def assess_file(path: Path, checklist: dict[str, Any], vendors: dict[str, dict[str, Any]],
                claims: dict[str, list[dict[str, str]]]) -> Result:
    """Load and score one assessment file."""
    assessment = _load_assessment(path)
    vendor_id = str(assessment.get("vendor_id", ""))
    if vendor_id not in vendors:
        raise AssessmentError(f"{rel(path)}: vendor_id {vendor_id!r} is not in data/vendors.json; "
                              f"use one of {', '.join(vendors)}.")
    return score(checklist, assessment, vendors[vendor_id], claims.get(vendor_id, []), name=path.stem,
                 source=rel(path))


def write_reports(result: Result, checklist: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write <name>.md, <name>.html and <name>-risk-matrix.svg; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    svg = risk_matrix_svg(result, checklist["scoring"]["bands"])
    matrix = out_dir / f"{result.name}-risk-matrix.svg"
    paths = [out_dir / f"{result.name}.md", out_dir / f"{result.name}.html"]
    paths[0].write_text(render_markdown(result, checklist, matrix.name), encoding="utf-8")
    paths[1].write_text(render_html(result, checklist, svg), encoding="utf-8")
    if result.complete:
        matrix.write_text(svg, encoding="utf-8")
        paths.append(matrix)
    else:
        matrix.unlink(missing_ok=True)  # a matrix from an earlier, complete version would now be stale
    return paths


def summary_line(result: Result) -> str:
    """One line for the terminal."""
    if not result.complete:
        return f"{result.name}: incomplete: {result.unanswered_text()}"
    bands = result.band_counts()
    gates = f", {len(result.gates_failed)} knockout gate(s) failed" if result.gates_failed else ""
    return (f"{result.name}: tier {result.tier.upper()}, checklist score {_fmt(result.score)}/100, "
            f"{bands['critical']} critical and {bands['high']} high risks{gates}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score vendor assessments and write reports.")
    parser.add_argument("assessments", nargs="*", type=Path, help="assessment files (default: assessments/*.yaml)")
    parser.add_argument("--out", type=Path, default=ROOT / "reports", help="folder for the reports")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md's worked-example block as it is")
    args = parser.parse_args(argv)
    try:
        checklist, vendors, claims = load_checklist(), load_vendors(), load_claims()
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    paths = args.assessments or sorted((ROOT / "assessments").glob("*.yaml"))
    if not paths:
        print("error: assessments/ holds no .yaml files; restore them with 'git checkout -- assessments'.",
              file=sys.stderr)
        return 1
    results, failed = [], 0
    for path in paths:
        try:
            results.append(assess_file(path, checklist, vendors, claims))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    for result in results:  # reports are written only when every file could be read, so none is half-updated
        if failed:
            break
        written = write_reports(result, checklist, args.out)
        note = ""
        if result.is_example and result.complete and not args.no_readme:
            note = "" if update_readme(result, ROOT / "README.md") else "  (README.md results markers not found)"
        print(f"{summary_line(result)}  ->  {', '.join(p.relative_to(args.out).as_posix() for p in written)}{note}")
    if failed:
        print(f"{failed} file(s) need fixing; no report was written.", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
