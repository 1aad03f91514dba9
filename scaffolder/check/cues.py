"""Where the rules' cue words occur in one piece of lowered text, each searched for only once.

Every rule is anchored on literal cue words ("patient", "diagnos", "dob" ...). Searching the whole text
once per cue costs a full pass each; with ~100 cues that pass count, not the rules, set the speed.
``Cues`` remembers every search, so a cue shared by several rules is looked for once, and finds all
the cues that must start a word (claims, person nouns, titles) in one regular-expression pass that
stops only at word boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache


def _trie(words: list[str]) -> str:
    """A deterministic regex alternation for ``words`` (one branch per first character, longest match first)."""
    branches: dict[str, list[str]] = defaultdict(list)
    ends_here = False
    for word in words:
        if word:
            branches[word[0]].append(word[1:])
        else:
            ends_here = True
    alternatives = [re.escape(ch) + _trie(rest) for ch, rest in sorted(branches.items())]
    if not alternatives:
        return ""
    body = "(?:" + "|".join(alternatives) + ")" if len(alternatives) > 1 or ends_here else alternatives[0]
    return body + "?" if ends_here else body


# Every byte that is not an ASCII letter or digit, as a space (non-ASCII characters arrive as "?").
_SPACED = bytes(i if chr(i).isascii() and chr(i).isalnum() else 32 for i in range(256))


@lru_cache(maxsize=8)
def _word_pattern(cues: tuple[str, ...]) -> tuple[re.Pattern[bytes], dict[bytes, tuple[str, ...]]]:
    """(scanner over spaced bytes, longest spaced cue -> every cue whose spaced form starts it).

    The scanner looks only after a literal space, which the regex engine finds far faster than a
    class of characters; cues holding other characters ("pt.", "error-free") are spaced the same way
    and checked against the text afterwards.
    """
    spaced = {cue: cue.encode("ascii").translate(_SPACED) for cue in cues}
    keys = sorted(set(spaced.values()))
    trie = _trie([k.decode("ascii") for k in keys])
    firsts = re.escape("".join(sorted({chr(k[0]) for k in keys})))
    scanner = re.compile(f" (?=[{firsts}])(?=({trie}))".encode("ascii"))
    prefixes = {key: tuple(c for c in cues if key.startswith(spaced[c])) for key in keys}
    return scanner, prefixes


class Cues:
    """Cue positions in ``low`` (a lowered text), each computed once.

    ``find(cue)`` is every occurrence; ``starts(cue)`` the occurrences at the start of a word (the
    character before is not a letter or digit), taken from one pass over the text for all of
    ``word_cues`` when given, else filtered from ``find``.
    """

    __slots__ = ("_found", "_present", "_starts", "_word_cues", "low")

    def __init__(self, low: str, word_cues: tuple[str, ...] = ()) -> None:
        self.low = low
        self._word_cues = frozenset(word_cues)
        self._found: dict[str, list[int]] = {}
        self._present: dict[str, bool] = {}
        self._starts: dict[str, list[int]] | None = None

    def find(self, cue: str) -> list[int]:
        """Every offset of ``cue`` (overlapping occurrences included)."""
        found = self._found.get(cue)
        if found is None:
            found = []
            find = self.low.find
            pos = find(cue)
            while pos != -1:
                found.append(pos)
                pos = find(cue, pos + 1)
            self._found[cue] = found
            self._present[cue] = bool(found)
        return found

    def has(self, cue: str) -> bool:
        """True when ``cue`` occurs anywhere."""
        present = self._present.get(cue)
        if present is None:
            present = self._present[cue] = cue in self.low
        return present

    def starts(self, cue: str) -> list[int]:
        """Offsets of ``cue`` where it starts a word."""
        if cue not in self._word_cues:
            low = self.low
            return [p for p in self.find(cue) if p == 0 or not low[p - 1].isalnum()]
        if self._starts is None:
            self._starts = self._scan_word_starts()
        return self._starts.get(cue, [])

    def covers(self, cues: tuple[str, ...]) -> bool:
        """True when every one of ``cues`` is found by the word-start pass."""
        return self._word_cues.issuperset(cues)

    def word_starts(self) -> dict[str, list[int]]:
        """Word-start offsets of every ``word_cues`` cue that occurs (absent cues have no key)."""
        if self._starts is None:
            self._starts = self._scan_word_starts()
        return self._starts

    def _scan_word_starts(self) -> dict[str, list[int]]:
        scanner, prefixes = _word_pattern(tuple(sorted(self._word_cues)))
        low = self.low
        found: dict[str, list[int]] = defaultdict(list)
        # Same offsets, shifted by the leading space that stands for "before the text".
        spaced = b" " + low.encode("ascii", "replace").translate(_SPACED)
        exact = low.isascii()  # else drop the starts after a non-ASCII letter
        for m in scanner.finditer(spaced):
            pos = m.start()
            if exact or pos == 0 or not low[pos - 1].isalnum():
                for cue in prefixes[m.group(1)]:
                    if cue.isalnum() or low.startswith(cue, pos):
                        found[cue].append(pos)
        return found

    def has_word(self, word: str, limit: int = 200) -> bool:
        """True when ``word`` occurs as a whole word among its first ``limit`` occurrences."""
        low = self.low
        size = len(low)
        for pos in self.starts(word):
            after = pos + len(word)
            if (pos and low[pos - 1] == "_") or (after < size and (low[after].isalnum() or low[after] == "_")):
                continue
            if word in self._found or _self_overlaps(word):
                return bisect_left(self.find(word), pos) < limit
            return low.count(word, 0, pos) < limit
        return False


@lru_cache(maxsize=64)
def _self_overlaps(word: str) -> bool:
    """True when a proper prefix of ``word`` is also its suffix (str.count would then undercount)."""
    return any(word[:k] == word[-k:] for k in range(1, len(word)))
