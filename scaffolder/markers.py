"""The FILL marker: where the user's own judgement goes.

Syntax: ``[FILL: what to write here]``. It stays visible in rendered Markdown (GitHub shows the
brackets as text), so an unfinished section is obvious to a reader, and ``status`` and ``check``
count the markers left.
"""

from __future__ import annotations

import re

FILL_RE = re.compile(r"\[FILL(?::\s*(?P<hint>[^\]\n]*))?\]")


def fill(hint: str) -> str:
    """A FILL marker with a hint for the user."""
    return f"[FILL: {hint}]"


def find_fills(text: str) -> list[re.Match[str]]:
    """Every FILL marker in ``text``."""
    return list(FILL_RE.finditer(text))
