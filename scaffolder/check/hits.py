"""The raw result of a rule: a span of text with what it is and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


# Capital letters a name or a place can start with: ASCII, Latin-1 (not ×), Latin Extended-A, Greek, Cyrillic.
UPPER_LETTERS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f\u0391-\u03a9\u0400-\u042f"


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


def hint_lines(text: str, hint: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` holding a match of ``hint``, in order, each line once.

    ``hint`` is a cheap pattern (one that starts with a literal or a character class, which the regex
    engine skips to quickly); the costly pattern then runs only over these lines.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    search = hint.search
    while True:
        m = search(text, pos)
        if m is None:
            return out
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        out.append((start, end))
        pos = end + 1


def finditer_lines(pattern: re.Pattern[str], text: str, hint: re.Pattern[str],
                   hint_text: str | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches never cross a line end, run only over
    the lines where ``hint`` matches (in ``hint_text``, a same-length copy such as the lower case).
    Every match of ``pattern`` must contain a match of ``hint``."""
    for start, end in hint_lines(text if hint_text is None else hint_text, hint):
        yield from pattern.finditer(text, start, end)


def content_regions(text: str, margin: int = 64) -> list[tuple[int, int]] | None:
    """Where a mostly blank text holds anything: (start, end) of each line with a character other than a
    space, reaching ``margin`` characters into the blank around it, joined where they meet. None when
    spaces and newlines are not most of the text.

    Data whose fictional lines were blanked is mostly spaces; a pattern that needs a character other than
    a space and stays within its line finds the same matches searched over these regions only (a search
    from ``start`` still sees the text before it), at a fraction of the cost.
    """
    size = len(text)
    if size < 1 << 16 or (text.count(" ") + text.count("\n")) * 4 < size * 3:
        return None
    regions: list[list[int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip(" "):
            start, stop = max(0, pos - margin), min(size, end + margin)
            if regions and start <= regions[-1][1]:
                regions[-1][1] = stop
            else:
                regions.append([start, stop])
        pos = end + 1
    return [(start, stop) for start, stop in regions]


def finditer_in(pattern: re.Pattern[str], text: str, regions: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, over ``regions`` only when given (see content_regions)."""
    if regions is None:
        return pattern.finditer(text)
    return (m for start, stop in regions for m in pattern.finditer(text, start, stop))


def finditer_near(pattern: re.Pattern[str], text: str, hint: re.Pattern[str] | None, hint_text: str | None = None,
                  before: int = 60, after: int = 60, spans: list[tuple[int, int]] | None = None,
                  regions: list[tuple[int, int]] | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` that lie within ``before`` / ``after`` characters of a match
    of ``hint`` (searched in ``hint_text``, a same-length copy such as the lower case) on the same line.

    For a pattern whose every match holds a hint match and spans at most that far around it, this is
    ``pattern.finditer(text)`` at the cost of a cheap hint pass plus the costly pattern over small
    windows. A match that reaches a window's cut is matched again over the whole text, so look-aheads
    see the real characters. ``spans`` are the hint's matches when the caller found them another way
    (in order, not overlapping); ``hint`` is then not searched. ``regions`` limit the hint's search
    (see content_regions).
    """
    source = text if hint_text is None else hint_text
    if spans is None:
        assert hint is not None
        spans = list(map(re.Match.span, finditer_in(hint, source, regions)))
    windows = _windows_many(source, spans, before, after) if len(spans) > 64 else None
    if windows is None:
        windows = _windows(source, spans, before, after)
    last = 0
    for start, end, cut in windows:
        pos = max(start, last)
        while pos <= end:
            m = pattern.search(text, pos, end)
            if m is None:
                break
            if m.end() >= end - 8 and end < cut:
                m = pattern.match(text, m.start())
                if m is None:
                    pos += 1
                    continue
            yield m
            last = pos = m.end() if m.end() > m.start() else m.end() + 1


def _windows(source: str, spans: list[tuple[int, int]], before: int, after: int) -> list[list[int]]:
    """[start, end, line end] of the windows around the hint ``spans``: each hint widened by ``before`` and
    ``after`` within its line, overlapping windows joined, and a window never starting inside a word."""
    windows: list[list[int]] = []
    line_end = -1
    line_start = 0
    for h_start, h_end in spans:
        if h_start > line_end:
            line_start = source.rfind("\n", 0, h_start) + 1
            found = source.find("\n", h_end)
            line_end = len(source) if found == -1 else found
        start = max(line_start, h_start - before)
        end = min(line_end, h_end + after)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
            continue
        windows.append([_word_start(source, start, line_start), end, line_end])
    return windows


def _word_start(source: str, start: int, line_start: int) -> int:
    floor = max(line_start, start - 40)
    while start > floor and source[start - 1].isalnum():  # a window does not start inside a word
        start -= 1
    return start


def _windows_many(source: str, spans: list[tuple[int, int]], before: int, after: int) -> list[list[int]] | None:
    """``_windows`` for many hints (a long run of digits and punctuation), without a Python step per hint.

    A hint joins the window before it exactly when it is on the same line and starts at most
    ``before + after`` characters after the previous hint ends (hint matches are in order and do not
    overlap, so the window's end is that of its last hint). None when a hint holds a line end.
    """
    from bisect import bisect_left
    from itertools import compress, pairwise, repeat
    from operator import gt, itemgetter, ne, or_, sub

    newlines = find_all(source, "\n")
    starts = list(map(itemgetter(0), spans))
    ends = list(map(itemgetter(1), spans))
    if 0 in map(sub, ends, starts):
        return None
    if newlines:
        line_of_start = list(map(bisect_left, repeat(newlines), starts))
        if line_of_start != list(map(bisect_left, repeat(newlines), ends)):
            return None
    else:
        line_of_start = [0] * len(spans)
    breaks = [0, *compress(range(1, len(spans)), map(or_, map(gt, map(sub, starts[1:], ends[:-1]), repeat(before + after)),
                                                     map(ne, line_of_start[1:], line_of_start[:-1]))), len(spans)]
    size = len(source)
    windows: list[list[int]] = []
    for first, nxt in pairwise(breaks):
        line = line_of_start[first]
        line_start = newlines[line - 1] + 1 if line else 0
        line_end = newlines[line] if line < len(newlines) else size
        start = max(line_start, starts[first] - before)
        windows.append([_word_start(source, start, line_start), min(line_end, ends[nxt - 1] + after), line_end])
    return windows


_WORD_CHAR_RE = re.compile(r"[\w'’-]")


def word_spans(lower: str, words: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of ``words`` in ``lower`` (not next to a letter,
    digit, apostrophe or hyphen), in order: one C-speed substring search per word instead of one long
    alternation tried at every position."""
    spans: list[tuple[int, int]] = []
    find = lower.find
    is_word = _WORD_CHAR_RE.match
    for word in words:
        size = len(word)
        pos = find(word)
        while pos != -1:
            end = pos + size
            if (not pos or is_word(lower, pos - 1) is None) and is_word(lower, end) is None:
                spans.append((pos, end))
            pos = find(word, pos + 1)
    spans.sort()
    return spans
