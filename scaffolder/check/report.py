"""Renderers: human text (grouped by file, colour on a terminal), JSON, and SARIF 2.1.0."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

from scaffolder import __version__
from scaffolder.check.model import CATEGORIES, NOT_COMPLIANCE, CheckReport, exit_code

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"

CATEGORY_TITLES: dict[str, str] = {
    "phi.name": "Name tied to a person", "phi.geo": "Place smaller than a state", "phi.date": "Date or age tied to a person",
    "phi.phone": "Phone number", "phi.fax": "Fax number", "phi.email": "E-mail address", "phi.ssn": "Social Security number",
    "phi.mrn": "Medical record number", "phi.health_plan": "Health plan beneficiary number", "phi.account": "Account number",
    "phi.license": "Certificate or license number", "phi.vehicle": "Vehicle identifier", "phi.device": "Device identifier",
    "phi.url": "Web address tied to a person", "phi.ip": "IP address", "phi.biometric": "Biometric identifier",
    "phi.photo": "Photo that may show a person", "phi.other_id": "Other identifying number",
    "claim.diagnostic": "Diagnostic claim", "claim.overclaim": "Overclaim",
    "disclaimer.missing": "Disclaimer missing", "disclaimer.altered": "Disclaimer altered",
    "fill.unfilled": "Unfilled marker", "data.undeclared": "Data file not declared synthetic",
    "suppression.invalid": "Suppression without a reason",
}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return "NO_COLOR" not in os.environ and hasattr(stream, "isatty") and stream.isatty()


def to_text(report: CheckReport, colour: bool = False) -> str:
    """The human-readable report: findings grouped by file, then files to confirm, problems and totals."""

    def paint(text: str, style: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if colour else text

    lines: list[str] = []
    current = None
    for f in report.findings:
        if f.path != current:
            if current is not None:
                lines.append("")
            lines.append(paint(f.path, "bold"))
            current = f.path
        lines.append(f"  {f.line}:{f.column}  {paint(f.severity, f.severity)}  {f.category}  {f.message}")
        lines.append(f"      {paint('fix: ' + f.suggestion, 'dim')}")
    if report.to_confirm:
        lines += ["", paint("Please look at these yourself (check cannot read them):", "bold")]
        lines += [f"  {c.path}: {c.reason}" for c in report.to_confirm]
    if report.problems or report.usage_errors:
        lines += ["", paint("Could not check everything:", "bold")]
        lines += [f"  {paint(p.severity, p.severity)}  {p.path}: {p.message}" for p in report.problems]
        lines += [f"  {paint('error', 'error')}  {m}" for m in report.usage_errors]
    summary = report.summary()
    counts = summary["by_severity"]
    lines += [
        "",
        f"{summary['files_scanned']} file(s) scanned: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} note(s); {summary['suppressed']} suppressed with a reason; "
        f"{len(report.to_confirm)} file(s) to confirm by eye.",
    ]
    if summary["by_category"]:
        lines.append("By kind: " + ", ".join(f"{k} {v}" for k, v in summary["by_category"].items()))
    code = exit_code(report, report.fail_on)
    verdict = {0: "No finding at or above '" + report.fail_on + "'.", 1: "Fix or suppress (with a reason) the findings "
               "at or above '" + report.fail_on + "' before sharing.", 2: "Some paths could not be used."}[code]
    lines += [paint(verdict, "error" if code else "bold"), paint(NOT_COMPLIANCE, "dim")]
    return "\n".join(lines) + "\n"


def to_json(report: CheckReport) -> str:
    """``{"findings": [...], "summary": {...}}``, the documented machine-readable shape."""
    return json.dumps({"findings": [f.to_dict() for f in report.findings], "summary": report.summary()},
                      indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def to_sarif(report: CheckReport) -> str:
    """A SARIF 2.1.0 log with one run, one rule per category, one result per finding."""
    used = sorted({f.category for f in report.findings})
    rule_ids = [c for c in CATEGORIES if c in used] + [c for c in used if c not in CATEGORIES]
    rules = [{
        "id": cat,
        "name": "".join(part.capitalize() for part in cat.replace(".", "_").split("_")),
        "shortDescription": {"text": CATEGORY_TITLES.get(cat, cat)},
        "help": {"text": "See docs/check.md in the prooflane package for what each category means."},
        "properties": {"tags": ["privacy" if cat.startswith("phi.") else "content"]},
    } for cat in rule_ids]
    index = {cat: i for i, cat in enumerate(rule_ids)}
    results: list[dict[str, Any]] = []
    for f in report.findings:
        results.append({
            "ruleId": f.category,
            "ruleIndex": index[f.category],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.message} Fix: {f.suggestion}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.path.replace(os.sep, "/")},
                "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
            }}],
        })
    notifications = [{"level": _SARIF_LEVEL[p.severity], "message": {"text": f"{p.path}: {p.message}"}}
                     for p in report.problems]
    notifications += [{"level": "error", "message": {"text": m}} for m in report.usage_errors]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "prooflane-check",
                "version": __version__,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": not report.usage_errors,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
            "properties": {"summary": report.summary()},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def render(report: CheckReport, fmt: str, stream: TextIO | None = None) -> str:
    """The report in ``fmt`` ("text", "json" or "sarif")."""
    if fmt == "json":
        return to_json(report)
    if fmt == "sarif":
        return to_sarif(report)
    return to_text(report, colour=use_colour(stream or sys.stdout))
