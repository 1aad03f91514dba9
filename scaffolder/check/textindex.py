"""What the lexicon rules need to know about one text, computed once and shared by every rule.

A regular expression that starts with a class of characters or a long alternation costs a visit to
every character of the text; the rules (names, places, dates, claims) would each pay that pass.
Instead the words of a text are found once (runs of letters, digits, apostrophes and hyphens, with
their offsets) and each rule asks by set look-up which of its words occur and where. The results are
kept for the last few texts, keyed by the text itself, so the rules need not pass them around.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from scaffolder.check.cues import _trie
from scaffolder.check.hits import find_all

# A maximal run of word characters, apostrophes and hyphens that holds a letter (runs of digits and
# punctuation alone hold no word a lexicon knows, and a long number is not cut into a million entries).
# (The first character comes first, so the regex engine skips to it fast; the look-behind then checks it
# starts the run, and a run that does not start with a letter must reach one.)
_RUN = r"[\w'’-](?<![\w'’-].)(?:(?<=[^\W\d_])|[\d_'’-]*[^\W\d_])[\w'’-]*"
_RUN_RE = re.compile(_RUN)
_RUN_ASCII_RE = re.compile(_RUN, re.ASCII)  # the same runs in ASCII text, found faster
# The same runs, for text with few letters (long numbers): the look-behind first costs less there.
_RUN_SPARSE = r"(?<![\w'’-])[\d_'’-]*[^\W\d_][\w'’-]*"
_RUN_SPARSE_RE = re.compile(_RUN_SPARSE)
_RUN_SPARSE_ASCII_RE = re.compile(_RUN_SPARSE, re.ASCII)
_LETTER_RE = re.compile(r"[^\W\d_]")
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # rules_people.TOKEN_RE: letters, inner ' ’ -


def alternation(words: Iterable[str]) -> str:
    """A regex alternation matching what ``"|".join(longest first)`` matches, as a trie of characters
    (one branch per character), which the regex engine rejects far faster at each position."""
    return _trie(sorted(set(words)))


LAZY_WORDS = 48  # runs whose offsets are found one by one before all are found in one pass
LAZY_HITS = 512  # a word found more often than this in the text: all offsets are found in one pass


def _is_run_char(ch: str) -> bool:
    """A word character (what ``\\w`` matches), an apostrophe or a hyphen."""
    return ch.isalnum() or ch in "_'’-"


class RunIndex:
    """The distinct runs of one text in order of first occurrence (see :func:`runs`) and, asked for one,
    its offsets in order. The runs are found at C speed; the offsets of a run only when a rule asks."""

    __slots__ = ("_complete", "_lower", "_offsets", "_pattern", "_words")

    def __init__(self, lower: str, words: dict[str, None], pattern: re.Pattern[str] | None = None) -> None:
        self._lower = lower
        self._words = words
        self._pattern = pattern
        self._offsets: dict[str, list[int]] = {}
        self._complete = not words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __getitem__(self, word: str) -> list[int]:
        found = self._offsets.get(word)
        if found is None:
            if word not in self._words:
                raise KeyError(word)
            if self._complete or len(self._offsets) >= LAZY_WORDS \
                    or self._lower.count(word) > LAZY_HITS:
                # a frequent word (or one inside many others) and many words cost more one by one
                self._fill()
                return self._offsets[word]
            found = self._offsets[word] = self._find(word)
        return found

    def get(self, word: str, default: Sequence[int] = ()) -> Sequence[int]:
        """The offsets of ``word``, or ``default`` when it is no run of the text."""
        return self[word] if word in self._words else default

    def _find(self, word: str) -> list[int]:
        # every occurrence with no run character on either side is a whole run (runs are maximal)
        lower, size = self._lower, len(word)
        found: list[int] = []
        find, end = lower.find, len(lower)
        pos = find(word)
        while pos != -1:
            after = pos + size
            if (pos == 0 or not _is_run_char(lower[pos - 1])) and (after == end or not _is_run_char(lower[after])):
                found.append(pos)
            pos = find(word, pos + 1)
        return found

    def _fill(self) -> None:
        """Every run's offsets, in one pass of the run pattern."""
        if self._complete:
            return
        assert self._pattern is not None
        index: dict[str, list[int]] = {}
        for m in self._pattern.finditer(self._lower):
            word = m.group()
            found = index.get(word)
            if found is None:
                index[word] = [m.start()]
            else:
                found.append(m.start())
        self._offsets = index
        self._complete = True


@lru_cache(maxsize=8)
def runs(lower: str) -> RunIndex:
    """Every maximal run of word characters, apostrophes and hyphens that holds a letter in ``lower`` -> its
    offsets, in order."""
    if _LETTER_RE.search(lower) is None:  # no letter at all (a run of numbers): no word either
        return RunIndex(lower, {})
    sample = lower[:4096]
    # (not for text blanked to spaces, such as data whose fictional lines were masked: there the
    # first-character pattern skips faster)
    sparse = sum(map(sample.count, "abcdefghijklmnopqrstuvwxyz")) < len(sample) // 4 \
        and sample.count(" ") < len(sample) // 2
    if lower.isascii():
        pattern = _RUN_SPARSE_ASCII_RE if sparse else _RUN_ASCII_RE
    else:
        pattern = _RUN_SPARSE_RE if sparse else _RUN_RE
    return RunIndex(lower, dict.fromkeys(pattern.findall(lower)), pattern)


@lru_cache(maxsize=8)
def _run_tokens(lower: str) -> dict[str, tuple[str, ...]]:
    """The letter tokens of every run of ``lower`` that is not a single token (digits, joiners ...)."""
    return {run: tuple(_TOKEN_RE.findall(run)) for run in runs(lower) if not run.isalpha()}


@lru_cache(maxsize=8)
def tokens(lower: str) -> frozenset[str]:
    """``set(rules_people.TOKEN_RE.findall(lower))``: the letter tokens of ``lower``, from its runs."""
    out = {run for run in runs(lower) if run.isalpha()}
    for parts in _run_tokens(lower).values():
        out.update(parts)
    return frozenset(out)


def token_starts(lower: str, wanted: set[str] | frozenset[str]) -> list[int]:
    """The start offsets of the runs of ``lower`` that hold one of the letter tokens ``wanted``."""
    index = runs(lower)
    found: list[int] = []
    for word in wanted:
        found += index.get(word, ())
    for run, parts in _run_tokens(lower).items():
        if any(p in wanted for p in parts):
            found += index[run]
    return found


_WORD_CHARS_RE = re.compile(r"[\w'’-]+")


def word_spans(lower: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every whole-word occurrence of ``words`` in ``lower`` (not next to a letter,
    digit, apostrophe or hyphen), in order."""
    index = runs(lower)
    spans: list[tuple[int, int]] = []
    other: list[str] = []
    for word in words:
        if _WORD_CHARS_RE.fullmatch(word) is None or _LETTER_RE.search(word) is None:
            other.append(word)
            continue
        size = len(word)
        spans += [(pos, pos + size) for pos in index.get(word, ())]
    if other:
        from scaffolder.check.hits import word_spans as slow

        spans += slow(lower, frozenset(other))
    spans.sort()
    return spans


@lru_cache(maxsize=8)
def _vocabulary(lower: str) -> tuple[str, list[int], list[str]]:
    """The distinct runs of ``lower``, each followed by a newline, the offset of each in that string, and the runs."""
    words = list(runs(lower))
    starts: list[int] = []
    pos = 0
    for word in words:
        starts.append(pos)
        pos += len(word) + 1
    return "\n".join(words) + "\n", starts, words


def runs_matching(lower: str, pattern: re.Pattern[str]) -> list[int]:
    """The offsets in ``lower`` of every run holding a letter in which ``pattern`` (which never matches a
    newline) matches: one pass over the distinct words instead of the whole text."""
    vocabulary, starts, words = _vocabulary(lower)
    index = runs(lower)
    found: list[int] = []
    last = -1
    for m in pattern.finditer(vocabulary):
        i = bisect_right(starts, m.start()) - 1
        if i != last:
            found += index[words[i]]
            last = i
    return found


def run_spans(lower: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) in ``lower`` of every match of ``pattern`` inside a run holding a letter, in order.

    ``pattern`` is matched once over the distinct runs (each between newlines), so it must match within
    one run and see nothing outside it but a newline on either side (where the text has a character
    that is no word character, apostrophe or hyphen).
    """
    vocabulary, starts, words = _vocabulary(lower)
    index = runs(lower)
    found: list[tuple[int, int]] = []
    for m in pattern.finditer(vocabulary):
        i = bisect_right(starts, m.start()) - 1
        first, last = m.start() - starts[i], m.end() - starts[i]
        found += [(pos + first, pos + last) for pos in index[words[i]]]
    found.sort()
    return found


def find_any(text: str, literals: Iterable[str]) -> list[int]:
    """Every offset where one of ``literals`` starts in ``text`` (one C-speed substring search per literal,
    far cheaper than an alternation tried at every position when the literals are rare)."""
    found: list[int] = []
    for literal in literals:
        found += find_all(text, literal)
    return found


class Lines:
    """Line numbers and bounds of offsets in one text (newlines found once, looked up by bisection)."""

    __slots__ = ("newlines", "size")

    def __init__(self, text: str) -> None:
        self.size = len(text)
        found: list[int] = []
        pos = text.find("\n")
        while pos != -1:
            found.append(pos)
            pos = text.find("\n", pos + 1)
        self.newlines = found

    def number(self, pos: int) -> int:
        """The 0-based line of offset ``pos``."""
        return bisect_right(self.newlines, pos - 1)

    def bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the line holding ``pos``."""
        i = bisect_right(self.newlines, pos - 1)
        start = self.newlines[i - 1] + 1 if i else 0
        end = self.newlines[i] if i < len(self.newlines) else self.size
        return start, end


def forget() -> None:
    """Drop the indexes kept for earlier texts."""
    runs.cache_clear()
    _run_tokens.cache_clear()
    _vocabulary.cache_clear()
    tokens.cache_clear()
