"""Real health-IT products and vendors named in a project (``vendor.named``, a warning).

A generated project's disclaimer says the vendors it names are invented; a real one (from the small
lexicon ``data/vendors.txt``: well-known EHRs, health-AI products and vendors) needs to be marked as a
comparison. A line that already says so ("compared with", "for comparison", "a real product") is quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from scaffolder.check import lexicons
from scaffolder.check.hits import Hit, find_all

_COMPARISON = re.compile(r"compar|a real (?:product|vendor|system)|real-world|\(real\)|not invented|trademark", re.I)


@cache
def _pattern() -> re.Pattern[str]:
    names = sorted(lexicons.words("vendors"), key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)


@cache
def _first_words() -> tuple[str, ...]:
    return tuple(sorted({n.split()[0].lower() for n in lexicons.words("vendors") if n.strip()}))


def _matches(text: str, low: str, present: list[str]) -> Iterator[re.Match[str]]:
    """``_pattern().finditer(text)``: in ASCII text, tried only where the first word of a name occurs."""
    pattern = _pattern()
    if not text.isascii():  # (case-insensitive matching reaches beyond what lower() maps)
        yield from pattern.finditer(text)
        return
    last = 0
    for pos in sorted({pos for word in present for pos in find_all(low, word)}):
        if pos < last:
            continue
        m = pattern.match(text, pos)
        if m is not None:
            yield m
            last = m.end()


def scan(text: str) -> Iterator[Hit]:
    """A warning for each line naming a real product or vendor without marking it as a comparison."""
    low = text.lower()
    present = [word for word in _first_words() if word in low]  # a substring search per name is far cheaper
    if not present:
        return
    seen: set[int] = set()
    for m in _matches(text, low, present):
        word = m.group(0)
        if word.islower() or (word.isupper() and len(word) > 4):
            continue  # "epic" the adjective, or a heading in capitals
        start = text.rfind("\n", 0, m.start()) + 1
        if start in seen:
            continue
        end = text.find("\n", m.end())
        if _COMPARISON.search(text[start:end if end != -1 else len(text)]):
            continue
        seen.add(start)
        yield Hit(m.start(), m.end(), "vendor.named", "warning",
                  "A real product or vendor is named, but the project's disclaimer says the vendors it names are invented.",
                  "Mark it as a comparison ('compared with <product>, a real product'), or use an invented vendor.")
