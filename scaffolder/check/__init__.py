"""``prooflane check``: a first pass for identifiers and risky claims before anything is shared.

Library first::

    from scaffolder.check import check_paths, exit_code, render
    report = check_paths([Path("my-project")])
    print(render(report, "text"), end="")
    raise SystemExit(exit_code(report, "error"))

Not a HIPAA compliance statement: see docs/check.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from scaffolder.check.model import (
    CATEGORIES,
    CLAIM_CATEGORIES,
    NOT_COMPLIANCE,
    PHI_CATEGORIES,
    PROJECT_CATEGORIES,
    SEVERITIES,
    STRUCTURED_CATEGORIES,
    CheckReport,
    Finding,
    Problem,
    ToConfirm,
    exit_code,
)
from scaffolder.check.report import render, to_json, to_sarif, to_text
from scaffolder.check.scan import DEFAULT_MAX_BYTES, Options, check_paths_into

FAIL_ON_CHOICES: tuple[str, ...] = ("info", "warning", "error", "never")

__all__ = [
    "CATEGORIES", "CLAIM_CATEGORIES", "FAIL_ON_CHOICES", "NOT_COMPLIANCE", "PHI_CATEGORIES", "PROJECT_CATEGORIES",
    "SEVERITIES", "STRUCTURED_CATEGORIES", "CheckReport", "Finding", "Options", "Problem", "ToConfirm", "check_paths",
    "check_text", "exit_code", "render", "to_json", "to_sarif", "to_text",
]


def check_paths(
    paths: Sequence[Path | str],
    *,
    fail_on: str = "error",
    max_bytes: int = DEFAULT_MAX_BYTES,
    exclude: Sequence[str] = (),
    allow_truncated: bool = False,
    show_values: bool = False,
    meanwhile: Callable[[], object] | None = None,
) -> CheckReport:
    """Scan files and folders; unreadable or missing paths are reported, never raised.

    A file larger than ``max_bytes`` is scanned up to the limit and reported as an error (the run
    fails) unless ``allow_truncated``; ``show_values`` adds the text of each finding to the report.
    ``meanwhile`` is called once in this process while other processes scan (or before a serial scan),
    for a caller with work of its own; what it raises is raised after the scan.
    """
    if fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}")
    report = CheckReport(fail_on=fail_on)
    check_paths_into(report, [str(p) for p in paths], Options(max_bytes=max_bytes, exclude=tuple(exclude),
                                                                 allow_truncated=allow_truncated, show_values=show_values),
                     meanwhile)
    report.sort()
    return report


def check_text(text: str, *, path: str = "<text>", suffix: str = ".md") -> list[Finding]:
    """Findings (phi, claims, FILL markers, suppressions) for a piece of text, as if it were a file."""
    from scaffolder.check.scan import _hits_to_findings, _State, scan_text

    report = CheckReport()
    hits, _ = scan_text(text, suffix=suffix)
    _hits_to_findings(hits, text, path, 0, _State(report=report, options=Options()), {})
    report.sort()
    return report.findings
