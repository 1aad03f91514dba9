"""Finding the numbers the digit rules classify (phones, SSNs, ids, dates), quickly.

A number starts at a digit that does not follow another digit, a ``FAKE-`` id prefix, or a digit and
a separator (the "01" in 2024-01-05); it is 5+ characters of digits and ``()./:- `` or a house number
before a capitalised word. The regular expression for that is tried at every digit, which is most of
the time on a CSV full of ids and timestamps. On ASCII text, the digits that can never start a
number are first moved out of 0-9 (to \\xb0-\\xb9, bytes ASCII text never holds) by a few whole-text
integer operations, so the expression is tried only where a number can start; every other digit
class accepts both ranges, so the matches are exactly those of the plain expression. On text with
few digits (prose, code), the regex engine's walk to each digit is itself the cost; there the
starts of digit runs are found with ``bytes.find`` and the expression is matched at each of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def _patterns(d: str, dc: str, first: str, d01: str, d03: str, shadowed: bool = False) -> tuple[str, str]:
    """(numbers that do not start with an ISO date, numbers that do) for a digit class ``d``
    (``dc`` inside brackets), ``first`` for a number's first digit, ``d01``/``d03`` for [01]/[0-3].
    ``shadowed`` leaves out the two checks ``shadow`` has already made for every digit."""
    # The zero-width checks are ordered cheapest-to-fail first; the first one is implied by ``body``.
    start = first + rf"(?=[{dc}()./:\- ]{{4}}|{d}{{0,5}}[ \t])"
    if not shadowed:
        start += f"(?<!{d}{d})(?<!{d}[-T :./]{d})"
    start += f"(?!{d}-{d}{d}(?![{dc}-]))"
    not_fake = f"(?:(?<!-{d})|" + "".join(f"(?<!FAKE-{'.' * n}-{d})" for n in range(2, 9)) + ")"
    body = rf"(?:[{dc}()./:\- ]{{3,}}{d}|{d}{{0,5}}[ \t]+(?=[A-Z]))"
    iso = f"{d}{{3}}-[{d01}]{d}-[{d03}]{d}"
    return f"{start}(?!{iso}){not_fake}{body}", f"{start}(?={iso}){not_fake}{body}"


_PLAIN = _patterns(r"\d", r"\d", r"\d", "01", "0-3")
_UNICODE = tuple(re.compile(p) for p in _PLAIN)
_ASCII = tuple(re.compile(p, re.ASCII) for p in _PLAIN)  # the same on text whose digits are all 0-9
_SHADOW = tuple(re.compile(p) for p in _patterns("[0-9\xb0-\xb9]", "0-9\xb0-\xb9", "[0-9]", "01\xb0\xb1", "0-3\xb0-\xb3",
                                                  shadowed=True))

# 0-9 as "0", everything else (non-ASCII characters arrive as "?") as a space
_DIGIT_RUNS = bytes(48 if 0x30 <= i <= 0x39 else 32 for i in range(256))
_DIGIT_FLAGS = bytes(1 if 0x30 <= i <= 0x39 else 0 for i in range(256))
_SEPARATOR_FLAGS = bytes(1 if chr(i) in "-T :./" else 0 for i in range(256))


def shadow(text: str) -> str:
    """ASCII ``text`` (same length) with each digit that follows a digit, or a digit and a separator,
    moved from 0-9 to \\xb0-\\xb9."""
    raw = text.encode("ascii")
    digit = int.from_bytes(raw.translate(_DIGIT_FLAGS), "big")
    separator = int.from_bytes(raw.translate(_SEPARATOR_FLAGS), "big")
    # byte i of ``x >> 8`` is byte i - 1 of x: the previous character
    inner = digit & ((digit >> 8) | ((separator >> 8) & (digit >> 16)))
    return (int.from_bytes(raw, "big") + (inner << 7)).to_bytes(len(raw), "big").decode("latin-1")


def _dense(text: str) -> bool:
    """True when digits are common enough (as in data files) for ``shadow`` to pay for itself."""
    sample = text[:8192].encode("ascii")
    return len(sample) - len(sample.translate(None, b"0123456789")) > len(sample) // 8


def run_starts(text: str) -> list[int]:
    """Offsets of the 0-9 digits that do not follow a 0-9 digit."""
    marked = text.encode("ascii", "replace").translate(_DIGIT_RUNS)
    starts: list[int] = []
    find = marked.find  # one-byte needles: memchr speed
    pos = find(b"0")
    while pos != -1:
        starts.append(pos)
        pos = find(b" ", pos)
        if pos == -1:
            break
        pos = find(b"0", pos)
    return starts


class Numbers:
    """The numbers in one text: ``find(iso=False)`` yields (start, end) like ``re.finditer`` would."""

    __slots__ = ("_runs", "_shadow", "ascii_digits", "text")

    def __init__(self, text: str, ascii_digits: bool) -> None:
        self.text = text
        self.ascii_digits = ascii_digits  # every decimal digit in the text is 0-9
        self._shadow: str | None = None
        self._runs: list[int] | None = None

    def find(self, iso: bool = False) -> Iterator[tuple[int, int]]:
        """Spans of the numbers that do not start with an ISO date (or, with ``iso``, that do)."""
        text = self.text
        if text.isascii() and _dense(text):
            if self._shadow is None:
                self._shadow = shadow(text)
            pattern, haystack = _SHADOW[iso], self._shadow
        elif self.ascii_digits:
            # a match starts at a digit that follows no digit (the expression's first checks)
            if self._runs is None:
                self._runs = run_starts(text)
            match, end = _ASCII[iso].match, 0
            for start in self._runs:
                if start >= end:
                    m = match(text, start)
                    if m:
                        end = m.end()
                        yield start, end
            return
        else:
            pattern, haystack = (_ASCII if self.ascii_digits else _UNICODE)[iso], text
        for m in pattern.finditer(haystack):
            yield m.span()
