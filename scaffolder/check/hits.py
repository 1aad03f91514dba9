"""The raw result of a rule: a span of text with what it is and how to fix it."""

from __future__ import annotations

import re
from typing import NamedTuple


class Hit(NamedTuple):
    """A rule's match, by character offsets into the scanned text."""

    start: int
    end: int
    category: str
    severity: str
    message: str
    suggestion: str


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``pos``."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end == -1 else end)


def line_of(text: str, pos: int) -> str:
    """The line holding ``pos``."""
    start, end = line_bounds(text, pos)
    return text[start:end]


def clause_before(text: str, pos: int, limit: int = 160) -> str:
    """The text from the start of the sentence or clause holding ``pos`` up to ``pos``."""
    start = max(0, pos - limit)
    chunk = text[start:pos]
    cut = max(chunk.rfind(mark) for mark in (".", ";", "!", "?", "\n", ":", " but ", "—"))
    return chunk[cut + 1:] if cut >= 0 else chunk


FICTION_RE = re.compile(r"\bFAKE-|\b(?:fictional|fictitious|synthetic|invented|made-up|placeholder)\b", re.IGNORECASE)


def is_fiction_line(line: str) -> bool:
    """True when the line says its people or records are fictional (or uses a FAKE- id)."""
    return FICTION_RE.search(line) is not None


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept), so offsets stay the same."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            start = last
        if end <= start:
            continue
        parts.append(text[last:start])
        segment = text[start:end]
        parts.append("".join("\n" if ch == "\n" else " " for ch in segment) if "\n" in segment else " " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def find_all(haystack: str, needle: str) -> list[int]:
    """Every offset of ``needle`` in ``haystack`` (C-speed search, the cheapest anchor there is)."""
    found: list[int] = []
    find = haystack.find
    pos = find(needle)
    while pos != -1:
        found.append(pos)
        pos = find(needle, pos + 1)
    return found


def lower_same_length(text: str) -> str:
    """``text`` with ASCII letters lowered and every offset kept (fast for non-ASCII text too)."""
    if text.isascii():
        return text.lower()
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


class LineStarts:
    """Start and end of the line holding an offset, by bisecting the newline positions (found once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos``."""
        from bisect import bisect_left

        i = bisect_left(self.newlines, pos)
        start = self.newlines[i - 1] + 1 if i else 0
        end = self.newlines[i] if i < len(self.newlines) else len(self.text)
        return start, end
