"""Data types of the safety check: findings, problems, the report and its summary."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(SEVERITIES)}

PHI_CATEGORIES: tuple[str, ...] = (
    "phi.name", "phi.geo", "phi.date", "phi.phone", "phi.fax", "phi.email", "phi.ssn", "phi.mrn",
    "phi.health_plan", "phi.account", "phi.license", "phi.vehicle", "phi.device", "phi.url", "phi.ip",
    "phi.biometric", "phi.photo", "phi.other_id",
)
CLAIM_CATEGORIES: tuple[str, ...] = ("claim.diagnostic", "claim.overclaim")
PROJECT_CATEGORIES: tuple[str, ...] = (
    "disclaimer.missing", "disclaimer.altered", "fill.unfilled", "fill.unanswered", "fill.conflict", "data.undeclared",
)
OTHER_CATEGORIES: tuple[str, ...] = ("suppression.invalid", "vendor.named")
CATEGORIES: tuple[str, ...] = PHI_CATEGORIES + CLAIM_CATEGORIES + PROJECT_CATEGORIES + OTHER_CATEGORIES

# Identifier kinds with a fixed shape, for which recall is measured separately.
STRUCTURED_CATEGORIES: tuple[str, ...] = (
    "phi.phone", "phi.fax", "phi.email", "phi.ssn", "phi.mrn", "phi.health_plan", "phi.account",
    "phi.license", "phi.vehicle", "phi.device", "phi.url", "phi.ip",
)

NOT_COMPLIANCE = (
    "This check is a first pass before sharing, not a HIPAA compliance statement: it finds common "
    "identifiers and risky claims in text, and no scanner can establish that nobody could identify a person."
)


@dataclass(frozen=True)
class Finding:
    """One thing to fix (or to suppress with a written reason) before sharing."""

    path: str
    line: int
    column: int
    category: str
    severity: str
    message: str
    suggestion: str
    value: str | None = None  # the text found, only with --show-values (local use; never shared)

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON object of ``--format json`` (``value`` only with --show-values)."""
        data = asdict(self)
        if data["value"] is None:
            del data["value"]
        return data


@dataclass(frozen=True)
class Problem:
    """A path that could not be scanned (fully): missing, unreadable, too large, a symlink loop, ..."""

    path: str
    severity: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The problem as a JSON object."""
        return asdict(self)


@dataclass(frozen=True)
class ToConfirm:
    """A file that the check cannot read (image, binary) and that a person should look at."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON object."""
        return asdict(self)


@dataclass
class CheckReport:
    """Everything one run of the check found."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    to_confirm: list[ToConfirm] = field(default_factory=list)
    files_scanned: int = 0
    bytes_scanned: int = 0
    suppressed: int = 0
    suppressions: list[tuple[Finding, str]] = field(default_factory=list)  # suppressed findings and their reasons
    usage_errors: list[str] = field(default_factory=list)
    fail_on: str = "error"

    def sort(self) -> None:
        """Order findings by path, line, column, category (stable output)."""
        self.findings.sort(key=lambda f: (f.path, f.line, f.column, f.category))
        self.problems.sort(key=lambda p: p.path)
        self.to_confirm.sort(key=lambda c: c.path)

    def summary(self) -> dict[str, Any]:
        """The ``summary`` object of ``--format json`` (fields documented in docs/check.md)."""
        by_category: dict[str, int] = {}
        by_severity = {name: 0 for name in SEVERITIES}
        for finding in self.findings:
            by_category[finding.category] = by_category.get(finding.category, 0) + 1
            by_severity[finding.severity] += 1
        return {
            "files_scanned": self.files_scanned,
            "bytes_scanned": self.bytes_scanned,
            "findings": len(self.findings),
            "by_category": dict(sorted(by_category.items())),
            "by_severity": by_severity,
            "suppressed": self.suppressed,
            "to_confirm": [c.to_dict() for c in self.to_confirm],
            "problems": [p.to_dict() for p in self.problems] + [
                {"path": "", "severity": "error", "message": m} for m in self.usage_errors
            ],
            "fail_on": self.fail_on,
            "exit_code": exit_code(self, self.fail_on),
            "note": NOT_COMPLIANCE,
        }


def exit_code(report: CheckReport, fail_on: str = "error") -> int:
    """2 for usage errors (e.g. a missing path), 1 when a finding or problem is at or above ``fail_on``, else 0."""
    if report.usage_errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    worst = max(
        [SEVERITY_RANK[f.severity] for f in report.findings] + [SEVERITY_RANK[p.severity] for p in report.problems],
        default=-1,
    )
    return 1 if worst >= threshold else 0


class LineIndex:
    """Offsets to 1-based (line, column), computed only for the offsets that are asked for."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def _build(self) -> list[int]:
        starts = [0]
        find = self._text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both counted from 1."""
        if self._starts is None:
            self._starts = self._build()
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1
