"""Renderers: human text (grouped by file, colour on a terminal), JSON, and SARIF 2.1.0."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Any, TextIO

from scaffolder import __version__
from scaffolder.check.model import CATEGORIES, NOT_COMPLIANCE, CheckReport, Finding, exit_code

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
    "fill.unfilled": "Unfilled marker", "fill.unanswered": "Unanswered item", "fill.conflict": "Update conflict",
    "data.undeclared": "Data file not declared synthetic",
    "suppression.invalid": "Suppression without a reason", "vendor.named": "Real product or vendor named",
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
        if f.value is not None:
            lines.append(f"      value: {f.value!r}")
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
HELP_URI = "https://pypi.org/project/prooflane/"
SRCROOT = "SRCROOT"


def _rule_text(cat: str) -> tuple[str, str]:
    """(full description, markdown help) of a category, from the rule documentation in rules_help.json."""
    from scaffolder.check import lexicons

    entry = lexicons.table("rules_help").get(cat) or lexicons.table("rules_help")["_default"]
    title = CATEGORY_TITLES.get(cat, cat)
    return entry["description"], f"**{title}** (`{cat}`)\n\n{entry['description']}\n\n**How to fix:** {entry['fix']}\n\n" \
                                 "Not a HIPAA compliance statement: a person still reads what they publish."


def _uri(path: str) -> str:
    """A repository-relative URI (relative to the folder the check ran in) with forward slashes."""
    from urllib.parse import quote

    rel = path.replace(os.sep, "/")
    if os.path.isabs(path):
        with contextlib.suppress(ValueError):
            rel = os.path.relpath(path).replace(os.sep, "/")
    while rel.startswith("./"):
        rel = rel[2:]
    return quote(rel, safe="/:@-._~!$&'()*+,;=")


def _fingerprint(f: Finding, occurrence: int) -> str:
    import hashlib

    key = f"{f.category}|{_uri(f.path)}|{f.line}|{occurrence}|{f.message}"
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]


def to_sarif(report: CheckReport) -> str:
    """A SARIF 2.1.0 log for GitHub code scanning: one run, one rule per category (with full description,
    markdown help and help URI), repository-relative locations under ``%SRCROOT%``, partial fingerprints,
    and suppressed findings as results with their written reasons. No message holds the value found."""
    everything = [(f, None) for f in report.findings] + list(report.suppressions)
    used = sorted({f.category for f, _ in everything})
    rule_ids = [c for c in CATEGORIES if c in used] + [c for c in used if c not in CATEGORIES]
    rules = []
    for cat in rule_ids:
        description, help_md = _rule_text(cat)
        rules.append({
            "id": cat,
            "name": "".join(part.capitalize() for part in cat.replace(".", "_").split("_")),
            "shortDescription": {"text": CATEGORY_TITLES.get(cat, cat)},
            "fullDescription": {"text": description},
            "help": {"text": help_md.replace("**", "").replace("`", ""), "markdown": help_md},
            "helpUri": f"{HELP_URI}#check-{cat.replace('.', '-')}",
            "properties": {"tags": ["privacy" if cat.startswith("phi.") else "content"]},
        })
    index = {cat: i for i, cat in enumerate(rule_ids)}
    results: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, int], int] = {}
    for f, reason in everything:
        key = (f.category, f.path, f.line)
        seen[key] = seen.get(key, 0) + 1
        result: dict[str, Any] = {
            "ruleId": f.category,
            "ruleIndex": index[f.category],
            "level": _SARIF_LEVEL[f.severity],
            "message": {"text": f"{f.message} Fix: {f.suggestion}"},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(f.path), "uriBaseId": SRCROOT},
                "region": {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)},
            }}],
            "partialFingerprints": {"prooflaneFinding/v1": _fingerprint(f, seen[key])},
        }
        if reason is not None:
            result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": reason}]
        if f.value is not None:
            result["properties"] = {"value": f.value}
        results.append(result)
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
                "informationUri": HELP_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": _srcroot()}},
            "invocations": [{
                "executionSuccessful": not report.usage_errors,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
            "properties": {"summary": report.summary()},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _srcroot() -> str:
    from pathlib import Path

    uri = Path.cwd().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def render(report: CheckReport, fmt: str, stream: TextIO | None = None) -> str:
    """The report in ``fmt`` ("text", "json" or "sarif")."""
    if fmt == "json":
        return to_json(report)
    if fmt == "sarif":
        return to_sarif(report)
    return to_text(report, colour=use_colour(stream or sys.stdout))
