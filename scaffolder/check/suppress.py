"""Inline suppression of one finding, with a written reason.

Syntax, in any comment style, on the finding's line or the line just before it::

    prooflane: allow phi.phone -- reason: the hospital's public switchboard, printed on its website

Several categories may be listed, separated by commas; ``phi.*`` covers a family. A directive without
a reason suppresses nothing and is itself reported (``suppression.invalid``). Suppressed findings are
counted in the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scaffolder.check.hits import Hit

DIRECTIVE_RE = re.compile(
    r"prooflane:\s*allow\s+(?P<cats>[a-z_]+\.(?:[a-z_]+|\*)(?:\s*,\s*[a-z_]+\.(?:[a-z_]+|\*))*)"
    r"(?:\s*--\s*reason\s*:\s*(?P<reason>.*?))?\s*(?:-->|\*/|#\}|$)",
    re.MULTILINE,
)
MIN_REASON = 8


@dataclass(frozen=True)
class Directive:
    """A parsed ``prooflane: allow`` comment (line numbers are 1-based, within the scanned text)."""

    line: int
    categories: tuple[str, ...]
    reason: str

    def covers(self, category: str, line: int) -> bool:
        """True when this directive suppresses ``category`` on ``line``."""
        if line not in (self.line, self.line + 1):
            return False
        return any(c == category or (c.endswith(".*") and category.startswith(c[:-1])) for c in self.categories)


def parse(text: str, line_of_offset) -> tuple[list[Directive], list[Hit]]:
    """Valid directives, and a ``suppression.invalid`` hit for each directive without a reason."""
    if "prooflane:" not in text:
        return [], []
    valid: list[Directive] = []
    invalid: list[Hit] = []
    for m in DIRECTIVE_RE.finditer(text):
        reason = (m.group("reason") or "").strip()
        if len(reason) < MIN_REASON:
            invalid.append(Hit(
                m.start(), m.end(), "suppression.invalid", "warning",
                "This suppression has no written reason, so it suppresses nothing.",
                "Add ' -- reason: <why this is safe to share>' (at least a few words).",
            ))
            continue
        categories = tuple(c.strip() for c in m.group("cats").split(","))
        valid.append(Directive(line_of_offset(m.start()), categories, reason))
    return valid, invalid
