"""Names of people (``phi.name``) found with lexicons and the cues of clinical writing.

Lexicons beat ever-longer patterns: a word is a name candidate when it is in the first-name or
surname lists (Faker's person providers in every locale, see lexicons.py) and not a common English
or clinical word. A candidate is reported when

* two or more capitalised words form a name ("Gerry Masci", "Ravil G Yefimov", "Sölvi Salómonsson"),
  or one capitalised word is a known name on its own ("Suzette", "Becker");
* a cue stands before it in any case: a title (mr, Mrs., DR, Dr.) or a family word ("son bill",
  "dtr PHILOMENA", "Husband Rich Martino"), where common first names count too;
* a credential follows it, as in a signature ("Carole Hayes, RN", "irene snell, rn");
* it comes before "family" ("KEEP ROMERO FAMILY AWARE").

Names are matched whole, with Unicode letters, apostrophes and hyphens. Not findings: the project's
own invented name pools, lines that say they are fictional, the author's own name (from the
manifest) and bylines ("By Dr. José O'Brien-Nguyễn, RN", "Author: ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from scaffolder.check import lexicons, textindex
from scaffolder.check.hits import UPPER_LETTERS, Hit, LineStarts, finditer_near, is_fiction_line, lower_same_length

_T = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
TOKEN_RE = re.compile(_T)
_BYLINE_RE = re.compile(r"^\W*(?:by|author|authors|written by|prepared by|maintainer|maintained by|©|\(c\)|copyright|"
                        r"scaffolded with)\b", re.IGNORECASE)
def is_byline(line: str) -> bool:
    """True for an author line: "By ...", "Author: ...", "Written by ...", "Scaffolded with prooflane ..."."""
    return _BYLINE_RE.search(line) is not None


_MESSAGE = "A person's name (a cue or the name lists tie this word to a person)."
_SUGGESTION = "Replace it with a name from the project's fictional pools, or with a role ('the patient', 'her son')."


@cache
def _cues() -> dict[str, frozenset[str]]:
    raw = lexicons.table("people_cues")
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}


@cache
def _cue_re() -> re.Pattern[str]:
    cues = _cues()
    alternation = textindex.alternation(cues["titles"] | cues["relatives"])
    return re.compile(
        rf"(?<![\w-])(?P<cue>{alternation})(?:['’]s)?(?:\.[ \t]*|[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+)(?:(?:is|was|named|called)[ \t]+)?"
        rf"(?P<n1>{_T})(?:[ \t]+(?P<n2>{_T}))?")


@cache
def _cred_re() -> re.Pattern[str]:
    creds = textindex.alternation(_cues()["credentials"])
    return re.compile(rf"(?<=[^\W\d_])[ \t]*,?[ \t]*(?<![\w-])(?P<cred>{creds})\.?(?=[ \t]*(?:[,;)]|$))",
                      re.IGNORECASE | re.MULTILINE)


_FAMILY_AFTER_RE = re.compile(rf"(?P<n1>{_T})[ \t]+(?:family|household)\b", re.IGNORECASE)
_FAMILY_HINT = re.compile(r"(?:family|household)\b")


@cache
def _cue_hint() -> re.Pattern[str]:
    """The cue words alone, searched in the lower-case text before the full cue pattern runs near them."""
    cues = _cues()
    return re.compile("(?:" + textindex.alternation(cues["titles"] | cues["relatives"]) + r")(?:['’]s)?(?:\.|[ \t]|,)")


_RUN_CHARS_RE = re.compile(r"[\w'’-]+")


@cache
def _cue_hint_parts() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """``_cue_hint`` in two parts: the cues of one word, matched over the distinct words (a cue, with its
    "'s", must end a word for the delimiter after it to follow), and the cues of several words
    ("significant other", "s/o"), searched in the text."""
    cues = _cues()
    words = cues["titles"] | cues["relatives"]
    single = frozenset(w for w in words if _RUN_CHARS_RE.fullmatch(w))
    several = words - single
    in_runs = re.compile("(?:" + textindex.alternation(single) + r")(?:['’]s)?(?=\n)")
    return in_runs, (re.compile("(?:" + textindex.alternation(several) + r")(?:['’]s)?(?:\.|[ \t]|,)") if several else None)


def _cue_spans(lower: str) -> list[tuple[int, int]]:
    """The matches of ``_cue_hint`` in ``lower``, from the word index."""
    in_runs, several = _cue_hint_parts()
    size = len(lower)
    found: list[tuple[int, int]] = []
    for start, end in textindex.run_spans(lower, in_runs):
        if end < size and lower[end] in ". \t,":
            found.append((start, end + 1))
    if several is not None:
        found += [m.span() for m in several.finditer(lower)]
        found.sort(key=lambda span: (span[0], -span[1]))  # at one place the longest cue, as the alternation
    out: list[tuple[int, int]] = []
    for span in found:  # as a search would find them: in order, none overlapping the one before
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


_CRED_TAIL_RE = re.compile(r"\.?[ \t]*(?:[,;)]|$)", re.MULTILINE)


@cache
def _cred_run() -> re.Pattern[str]:
    return re.compile("(?<![^\n])(?:" + textindex.alternation(c.lower() for c in _cues()["credentials"]) + ")(?=\n)")


def _cred_spans(low: str) -> list[tuple[int, int]]:
    """The matches of ``_cred_hint`` in ``low`` where the credential is a whole word (the only ones near
    which ``_cred_re`` can match: its credential follows a space or comma and ends the clause)."""
    found: list[tuple[int, int]] = []
    for start, end in textindex.run_spans(low, _cred_run()):
        m = _CRED_TAIL_RE.match(low, end)
        if m:
            found.append((start, m.end()))
    return found


@cache
def _cred_hint() -> re.Pattern[str]:
    creds = textindex.alternation(c.lower() for c in _cues()["credentials"])
    return re.compile(rf"(?:{creds})\.?[ \t]*(?:[,;)]|$)", re.MULTILINE)


def _is_cap(word: str) -> bool:
    return (word[:1].isupper() and not word.isupper()) or (len(word) == 1 and word.isupper())


def _name_word(word: str) -> bool:
    return word.lower() in lexicons.person_names()


class _Filter:
    def __init__(self, allowed: frozenset[str], pool: frozenset[str]) -> None:
        self.allowed = allowed
        self.pool = pool

    def skip(self, word: str) -> bool:
        low = word.lower()
        return low in self.allowed or word in self.pool


def scan(text: str, *, allowed: frozenset[str] = frozenset(), pool: frozenset[str] = frozenset(),
         code: bool = False) -> Iterator[Hit]:
    """Every ``phi.name`` hit of the lexicon and cue rules in ``text`` (already masked)."""
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: keep offsets by lowering ASCII only
        lower = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    tokens = set(textindex.tokens(lower))
    masked = mask_eponyms(text, lower, tokens)
    if masked is not text:
        text = masked
        lower = text.lower()  # (blanks only: same length as before)
        if len(lower) != len(text):
            lower = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    names = tokens & lexicons.person_names()
    anchors = names | (tokens & _weak_firsts()) | {t for t in tokens if not t.isascii() and len(t) > 2}
    cues = _cues()
    has_cue = bool(tokens & (cues["titles"] | cues["relatives"] | cues["credentials"] | {"family", "household"}))
    filt = _Filter(frozenset(a.lower() for a in allowed), pool)
    seen_lines: dict[int, bool] = {}
    lines = LineStarts(text)

    def line_ok(pos: int) -> bool:
        start, end = lines.bounds(pos)
        if start not in seen_lines:
            line = text[start:end]
            seen_lines[start] = not (is_fiction_line(line) or _BYLINE_RE.search(line))
        return seen_lines[start]

    def hit(start: int, end: int, severity: str = "error") -> Hit:
        return Hit(start, end, "phi.name", severity, _MESSAGE, _SUGGESTION)

    if not code:
        yield from _conversation(text, lower, filt, line_ok, hit)
    if not names and not has_cue:
        return
    if anchors:
        yield from _sequences(text, names, filt, line_ok, hit, code, lower, anchors, tokens)
    if has_cue:
        yield from _after_cues(text, filt, line_ok, hit)
        yield from _signatures(text, filt, line_ok, hit)
        yield from _before_credential(text, filt, line_ok, hit)
        for m in finditer_near(_FAMILY_AFTER_RE, text, _FAMILY_HINT, lower, 60, 12):
            word = m.group("n1")
            if _name_word(word) and not filt.skip(word) and line_ok(m.start()):
                yield hit(m.start("n1"), m.end("n1"))


_UP = UPPER_LETTERS
_W = rf"[{_UP}][^\W\d_]*(?:['’-][^\W\d_]+)*"
_CAPRUN_RE = re.compile(rf"(?<![\w'’-])(?:{_W})(?:[ \t]+(?:{_W}|[A-Z]\.(?=[ \t])|[A-Z](?=[ \t]))){{0,4}}(?![\w'’-])")


@cache
def _weak_firsts() -> frozenset[str]:
    """First names that are also common words ("Frank", "Heather"): names only in a name's position."""
    stop = _cues()["name_like_common_stop"]
    return (lexicons.words("first_names") & lexicons.not_names()) - stop - lexicons.clinical_vocab()


@cache
def _person_or_weak() -> frozenset[str]:
    return lexicons.person_names() | _weak_firsts()


@cache
def _bare_firsts() -> frozenset[str]:
    """First names safe to report in lower case or capitals without a cue ("suzette", "VINNY")."""
    return (lexicons.words("first_names") - lexicons.not_names() - lexicons.places() - lexicons.words("regions")
            - _cues()["name_like_common_stop"])


def _title_case_line(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _runs_around(text: str, lower: str, anchors: set[str]) -> Iterator[re.Match[str]]:
    """The capitalised runs that hold one of ``anchors`` (each run once), without visiting every run."""
    done = -1
    for m_start, m_end in textindex.word_spans(lower, anchors):
        if m_start < done or not text[m_start].isupper():
            continue
        window_start = max(0, m_start - 120)
        for run in _CAPRUN_RE.finditer(text, window_start, min(len(text), m_end + 120)):
            if run.start() <= m_start < run.end():
                if run.start() >= done:
                    done = run.end()
                    yield run
                break


def _sequences(text, names, filt, line_ok, hit, code=False, lower="", anchors=frozenset(), tokens=None) -> Iterator[Hit]:
    """Capitalised runs holding a known name; lower-case and capital first names on their own."""
    person = lexicons.person_names()
    not_names = lexicons.not_names()
    places = lexicons.places()
    vendors = lexicons.words("vendors")
    weak = _weak_firsts()
    either = _person_or_weak()
    for m in _runs_around(text, lower, anchors):
        words = m.group(0).split()
        spans: list[tuple[int, int, str]] = []
        pos = m.start()
        for w in words:
            i = text.index(w, pos)
            spans.append((i, i + len(w), w))
            pos = i + len(w)
        while spans and _edge_word(spans[0][2], not_names, either):
            spans.pop(0)
        while spans and _edge_word(spans[-1][2], not_names, either):
            spans.pop()
        real = [w for _, _, w in spans if len(w.rstrip(".")) > 1]
        if not real:
            continue
        lows = [w.lower() for w in real]
        if _unknown_pair(real, lows, not_names, places) and line_ok(spans[0][0]):
            yield hit(spans[0][0], spans[-1][1])
            continue
        if len(real) == 1 and lows[0] in _cues()["relatives"]:
            continue  # "Daughter and Son were in": a family word, though "Son" is also a surname
        strong = [w for w in lows if w in person]
        weak_here = [w for w in lows if w in weak]
        if any((w in not_names and w not in weak) or filt.skip(o) or (o.isupper() and len(o) > 1)
               for w, o in zip(lows, real)):
            continue
        phrase = " ".join(lows)
        if phrase in vendors or (len(real) > 1 and phrase in places):
            continue
        s0, s1 = spans[0][0], spans[-1][1]
        if not strong:
            if not weak_here:
                continue
            after = text[s1:s1 + 2]
            line_start = max(text.rfind("\n", max(0, s0 - 200), s0) + 1, s0 - 200, 0)
            before = text[line_start:s0].split()
            cue_before = bool(before) and before[-1].lower().strip(",") in _cues()["weak_name_before"] \
                and before[-1] == before[-1].lower() and not _title_case_line(text[line_start:s1 + 80])
            if not ((len(real) >= 2 and len(weak_here) + len(strong) >= 2) or after.startswith((":", "'s", "’s"))
                    or cue_before):
                continue
        elif len(real) == 1 and (phrase in places or len(phrase) < 3 or phrase in lexicons.words("regions")):
            continue
        if line_ok(s0):
            yield hit(s0, s1)
    if code:
        return  # identifiers in code are lower case words of every kind
    bare = _bare_firsts()
    wanted = {w for w in (names | ((set(TOKEN_RE.findall(text.lower())) if tokens is None else tokens) & bare)) if w in bare and len(w) >= 4}
    if not wanted:
        return
    clinical = lexicons.clinical_vocab()
    for w_start, w_end in textindex.word_spans(lower, wanted):
        original = text[w_start:w_end]
        following = _NEXT_WORD_RE.match(lower, w_end)
        if following is not None and len(following.group(1)) >= 4 and following.group(1) in clinical:
            continue  # "upper or lowe extremities": a word typed before a body part or a clinical term
        if original.islower() and _near_miss(original, clinical):
            continue  # "+ boel sounds": a clinical word mistyped
        if (original.islower() or (original.isupper() and _caps_line(text, w_start))) \
                and not filt.skip(original) and line_ok(w_start):
            yield hit(w_start, w_end)


_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W\d_]+)")


def _caps_line(text: str, pos: int) -> bool:
    start = max(text.rfind("\n", max(0, pos - 200), pos) + 1, pos - 200, 0)
    end = text.find("\n", pos, pos + 200)
    line = text[start:end if end != -1 else min(len(text), pos + 200)]
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _unknown_pair(real: list[str], lows: list[str], not_names: frozenset[str], places: frozenset[str]) -> bool:
    """Two or three capitalised words that no word list knows ("Rubija Liberšar", "Shintarou Hamaguchi"):
    a name from a locale the lists do not cover. Words with inner capitals (TensorFlow) or digits are not."""
    if not 2 <= len(real) <= 3 or any(w.endswith(".") for w in real):
        return False
    for w, low in zip(real, lows):
        if len(w) < 3 or not w[0].isupper() or not w[1:].replace("'", "").replace("-", "").islower():
            return False
        if low in not_names or low in places or low in lexicons.words("regions") or low in lexicons.words("vendors"):
            return False
    return any(not w.isascii() for w in real)


def _edge_word(word: str, not_names: frozenset[str], person: frozenset[str]) -> bool:
    low = word.lower().rstrip(".")
    return (low in not_names and low not in person) or (word.isupper() and len(word) > 1) or len(low) <= 1


def _after_cues(text, filt, line_ok, hit) -> Iterator[Hit]:
    cues = _cues()
    firsts = lexicons.first_names_all()
    names = lexicons.person_names()
    not_names = lexicons.not_names()
    lower = text.lower() if text.isascii() else text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    for m in finditer_near(_cue_re(), lower, None, None, 2, 90, _cue_spans(lower)):
        cue = m.group("cue")
        n1 = text[m.start("n1"):m.end("n1")]
        n2 = text[m.start("n2"):m.end("n2")] if m.group("n2") else None
        low1 = n1.lower()
        if filt.skip(n1) or len(n1) < 2:
            continue
        if cue in cues["titles"]:
            if low1 in cues["not_after_relative"] or "," in text[m.end("cue"):m.start("n1")] \
                    or "(" in text[m.end("cue"):m.start("n1")]:
                continue
            raw = low1 in firsts or low1 in lexicons.words("surnames") or (
                low1 in cues["short_surnames"] and low1 not in cues["short_surnames_not_after_title"]
                and cue not in cues["soft_titles"] and not text[m.end("cue"):m.start("n1")].strip(" \t."))
            if cue in cues["soft_titles"] and not (low1 in names or (_is_cap(n1) and raw)):
                continue
            ok = low1 in names or raw or (low1 not in not_names and low1 not in lexicons.words("places"))
        else:
            if low1 in cues["not_after_relative"] or low1 in cues["relatives"]:
                continue  # (a family word after another: "wife, son and brother")
            if "-" in n1 and not (low1 in names or low1 in firsts) and n1.split("-")[0].lower() in firsts:
                if line_ok(m.start()):  # "son Rob-who states ..."
                    yield hit(m.start("n1"), m.start("n1") + len(n1.split("-")[0]))
                continue
            gap = text[m.end("cue"):m.start("n1")].strip(" \t(")  # "lawyer (Wil Laberbera)"
            if "." in gap:
                continue  # "w/ daughter. MAE.": the sentence ended with the family word
            bare_gap = not gap
            # a word no list knows right after a family word, in any case ("son quorvax", "SISTER, QUORVAX")
            unknown = gap in ("", ",") and len(low1) >= 4 and _unknown_word(low1) \
                and not _near_miss(low1, lexicons.not_names(), ("s", "ed", "ing")) \
                and _NAME_SHAPE_RE.fullmatch(n1.capitalize() if n1.isupper() else n1) is not None
            ok = low1 in names or low1 in firsts or unknown or (
                bare_gap and _is_cap(n1) and low1 not in not_names and n2 is not None and _is_cap(n2)
                and _name_or_unknown(n2) and n2.lower() not in lexicons.places())  # "friend Wil Quenby"
        if not ok or not line_ok(m.start()):
            continue
        end = m.end("n1")
        if n2 and (n2.lower() in names or (_is_cap(n2) and n2.lower() not in not_names)):
            end = m.end("n2")
        yield hit(m.start("n1"), end, "warning" if cue in ("dr", "doctor") else "error")


_INITIAL_SURNAME_RE = re.compile(r"(?<![\w.'’-])([A-Z])\.?[ \t]+([A-Z][^\W\d_]+(?:['’-][A-Za-z][^\W\d_]+)?)[ \t,]*$")


def _signatures(text, filt, line_ok, hit) -> Iterator[Hit]:
    """Names right before a credential at the end of a clause: "Carole Hayes, RN", "irene snell, rn"."""
    names = lexicons.person_names()
    not_names = lexicons.not_names()
    low = lower_same_length(text)
    for m in finditer_near(_cred_re(), text, None, low, 12, 12, _cred_spans(low)):
        cred = m.group("cred")
        if cred.lower() in ("pt", "do", "pa", "ot", "rd", "ld", "sw") and not cred.isupper():
            continue
        line_start = text.rfind("\n", max(0, m.start() - 60), m.start()) + 1 or max(0, m.start() - 60)
        before = text[max(line_start, m.start() - 60):m.start()]
        signed = _INITIAL_SURNAME_RE.search(before)
        surname = signed.group(2) if signed else ""
        if signed and surname.lower() not in lexicons.clinical_vocab() and not filt.skip(surname) and (
                _name_or_unknown(surname.capitalize() if surname.isupper() else surname) or surname.lower() in lexicons.words("surnames")
                or surname.lower() in lexicons.words("first_names")):
            start = m.start() - len(before) + signed.start()
            if line_ok(start):  # "Q. Lander RRT", "J. Ostrowski, RN": an initial and a surname sign a note
                yield hit(start, m.start() - len(before) + signed.end(2))
            continue
        tokens = list(TOKEN_RE.finditer(before))
        kept: list[re.Match[str]] = []
        for t in reversed(tokens):
            w = t.group(0)
            gap = before[t.end():kept[0].start() if kept else len(before)]
            if gap.strip(" \t.") or (w.lower() in not_names and w.lower() not in names):
                break
            kept.insert(0, t)
            if len(kept) == 3:
                break
        real = [t.group(0) for t in kept if len(t.group(0)) > 1]
        if not real or any(filt.skip(w) for w in real):
            continue
        if not (any(w.lower() in names for w in real) or len(real) >= 2 or any(_double_name(w) for w in real)):
            continue
        start = m.start() - len(before) + kept[0].start()
        if line_ok(start):
            yield hit(start, m.start() - len(before) + kept[-1].end())


# "Stord-Painter MD plans ...", "Okonkwo NP aware": a capitalised surname (hyphenated ones too) right before a
# credential in capitals in the middle of a sentence (at the end of one, _signatures reads it)
_NAME_CRED_RE = re.compile(r"(?<![\w'’.-])(?P<n>[A-Z][^\W\d_A-Z]+(?:['’-][A-Z]?[^\W\d_A-Z]+)*)[ \t]+"
                           r"(?:MD|RN|NP|PA|PA-C|DO|CNP|APRN|CRNA)(?=[ \t]+[a-z])")
_NAME_CRED_HINT = re.compile(r" (?:MD|RN|NP|PA|DO|CNP|APRN|CRNA)(?:-C)? [a-z]")


def _double_name(word: str) -> bool:
    """A hyphenated double surname: two or three parts of two letters or more, one at least a name or a word no
    list knows, none a clinical word ("Stord-Painter", "Hauta-aho"; not "Follow-up", "Swan-Ganz")."""
    parts = [p for p in _JOINER_SPLIT.split(word) if p]
    if not 2 <= len(parts) <= 3 or any(len(p) < 2 or not p.isalpha() for p in parts) or "-" not in word:
        return False
    lows = [p.lower() for p in parts]
    names = lexicons.person_names()
    return any(w in names or _unknown_word(w) for w in lows) and not any(w in lexicons.clinical_vocab() for w in lows)


def _before_credential(text, filt, line_ok, hit) -> Iterator[Hit]:
    names = lexicons.person_names()
    for m in finditer_near(_NAME_CRED_RE, text, _NAME_CRED_HINT, None, 40, 8):
        word = m.group("n")
        parts = [p for p in _JOINER_SPLIT.split(word) if p]
        lows = [p.lower() for p in parts]
        if filt.skip(word) or any(len(p) < 2 for p in parts):
            continue
        if len(parts) > 1:  # a double surname ("Stord-Painter", "Hauta-aho")
            ok = _double_name(word)
        else:
            ok = lows[0] in names or _unknown_word(lows[0])
        if ok and line_ok(m.start()):
            yield hit(m.start("n"), m.end("n"))


# --------------------------------------------------------------------------- eponyms

@cache
def _eponym_res() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = lexicons.table("eponyms")
    phrases = sorted(data["phrases"], key=len, reverse=True)
    joined = "|".join(r"['’]?s?[ \t-]+".join(re.escape(part) for part in re.split(r"[ -]", p)) for p in phrases)
    phrase_re = re.compile(rf"(?:{joined})(?:['’]s|s['’]|['’])?(?![\w'’-])", re.I)
    heads = frozenset(re.split(r"[ -]", p)[0] for p in phrases)
    cues = _cues()
    return phrase_re, heads, frozenset(data["condition_nouns"]), cues["titles"] | cues["relatives"]


_JOINER_SPLIT = re.compile(r"['’-]")
# the word before a condition noun: "Weiss tear", "Murphy's sign", "Homans' sign"
_WORD_BEFORE_NOUN = re.compile(r"(?<![\w'’-])(?P<w>[^\W\d_]{3,})(?:['’]s|s['’]|['’])?[ \t]+\Z")


def mask_eponyms(text: str, lower: str | None = None, tokens: set[str] | None = None) -> str:
    """``text`` with medical eponyms ("mallory weiss tear", "Swan-Ganz", "Bell's palsy") blanked, offsets kept,
    unless a title or family word stands right before ("Dr Mallory Weiss")."""
    phrase_re, heads, nouns, strong = _eponym_res()
    if lower is None:
        lower = lower_same_length(text)
    parts = {p for t in (TOKEN_RE.findall(lower) if tokens is None else tokens) for p in _JOINER_SPLIT.split(t)}
    spans: list[tuple[int, int]] = []
    for head in heads & parts:
        start = lower.find(head)
        while start != -1:
            if not (start and lower[start - 1].isalnum()):
                m = phrase_re.match(lower, start)
                if m:
                    spans.append(m.span())
            start = lower.find(head, start + 1)
    present = nouns & parts
    if present:
        firsts = lexicons.first_names_all()
        eponym_words = frozenset(lexicons.table("eponyms")["words"])
        ordinary = lexicons.not_names()
        for start, _ in textindex.word_spans(lower, present):
            m = _WORD_BEFORE_NOUN.search(lower, max(0, start - 40), start)
            if m:
                word = m.group("w")
                if word in eponym_words or (word not in firsts and word not in ordinary):
                    spans.append(m.span("w"))  # not "Mary's dementia" (a person's), nor "chest tube"
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        before = lower[max(0, start - 20):start].split()
        if before and before[-1].rstrip(".,:") in strong:
            continue
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# --------------------------------------------------------------------------- conversational shapes

def _unknown_word(low: str) -> bool:
    """True for a word no list knows as anything but a name: not a common, clinical, place or vendor word."""
    return len(low) >= 3 and low not in lexicons.not_names() and low not in lexicons.places() \
        and low not in lexicons.words("regions") and low not in lexicons.words("vendors") \
        and not low.endswith(_clinical_suffixes()) and not _common_compound(low)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _near_miss(low: str, vocab: frozenset[str], endings: tuple[str, ...] = ()) -> bool:
    """True when ``low`` (four letters or more) is one typing slip (a letter dropped, added or swapped) from a word
    of ``vocab`` of five letters or more (ending in one of ``endings`` when given): "boel" for "bowel", "agress" for
    "agrees". (A changed letter is left out: names are often one letter from a word, "Ross", "Smokey".)"""
    if len(low) < 4 or not low.isascii() or not low.isalpha():
        return False
    splits = [(low[:i], low[i:]) for i in range(len(low) + 1)]
    edits = {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(low)
    return any(len(e) >= 5 and e in vocab and (not endings or e.endswith(endings)) for e in edits)


def _common_compound(low: str) -> bool:
    """True for words joined by hyphens that are each a common or clinical word ("phoned-family", "follow-up")."""
    if "-" not in low:
        return False
    parts = [p for p in low.split("-") if p]
    return len(parts) >= 2 and all(p in lexicons.not_names() for p in parts)


@cache
def _clinical_suffixes() -> tuple[str, ...]:
    return tuple(sorted(_cues()["clinical_suffixes"]))


_NAME_SHAPE_RE = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[^\W\d_][^\W\d_A-Z]+(?:['’-][^\W\d_][^\W\d_A-Z]+)*(?:['’]s)?")


def _name_or_unknown(word: str) -> bool:
    """A known name, or a word no list knows that is shaped like one ("Hauta-aho", not "OpenBLAS" or "Ctrl-C")."""
    low = word.lower()
    return low in lexicons.person_names() or (_unknown_word(low) and _NAME_SHAPE_RE.fullmatch(word) is not None)


@cache
def _listed_names() -> frozenset[str]:
    """Every listed first name and surname, common words included."""
    return lexicons.first_names_all() | lexicons.words("surnames")


def _first_names_ok(words: list[str], filt: _Filter) -> bool:
    """Capitalised words that are all listed first names or surnames, though common words too ("Martin", "Grace")."""
    names = _listed_names()
    return bool(words) and all(w[:1].isupper() and not w.isupper() and w.lower() in names and not filt.skip(w)
                               and w.lower() not in lexicons.clinical_vocab() for w in words)


def _place_word(word: str) -> bool:
    """A name-shaped word that the lists know as a place and as nothing common ("Izumi", "Iwase")."""
    low = word.lower()
    return low in lexicons.places() and low not in lexicons.not_names() and _NAME_SHAPE_RE.fullmatch(word) is not None


_QUOTE_BEFORE_RE = re.compile(r"[\"”],?\Z")


@cache
def _lead_words(key: str) -> frozenset[str]:
    """The first word of each phrase of the cue list ``key``, lower-cased."""
    return frozenset(phrase.lower().split()[0] for phrase in _cues()[key] if phrase.split())


def _may_occur(key: str, tokens: frozenset[str]) -> bool:
    """False when no phrase of ``key`` can occur in a text with these letter tokens (each phrase's first word,
    followed by a space in every shape that uses it, is then a whole token)."""
    lead = _lead_words(key)
    return any(TOKEN_RE.fullmatch(w) is None for w in lead) or not lead.isdisjoint(tokens)


def _starts_a_token(key: str, tokens: frozenset[str]) -> bool:
    """False when no phrase of ``key`` can start a word here: its first word is no token, nor the start of one
    before an apostrophe or hyphen ("novel's")."""
    lead = _lead_words(key)
    if any(TOKEN_RE.fullmatch(w) is None for w in lead) or not lead.isdisjoint(tokens):
        return True
    return any(t.startswith((f"{w}'", f"{w}’", f"{w}-")) for t in tokens if "'" in t or "’" in t or "-" in t for w in lead)


def _alt(key: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(_cues()[key], key=len, reverse=True))


_CAP = rf"[{_UP}][^\W\d_]*(?:['’-][^\W\d_]+)*"


@cache
def _conversation_res() -> dict[str, re.Pattern[str]]:
    relatives = "|".join(re.escape(w) for w in sorted(_cues()["relatives"] | _cues()["possessed"], key=len, reverse=True))
    speech, intro, works = _alt("speech_verbs"), _alt("self_introducers"), _alt("works_after_name")
    # Each costly shape is matched only after a cheap hint: a literal space before its key word (fast to search for).
    return {
        # 'Koppány: "Who are you?"', 'tracy:"i'm ...' (a speaker's name before a quotation)
        "speaker": re.compile(rf"^[ \t]*(?P<n>{_T})[ \t]*:[ \t]*[\"“]", re.M),
        # "Name: You saved my life!", "Name, can I please ...": a speaker or an addressee opening a line of speech
        "speaker_plain": re.compile(rf"^[ \t]*(?P<n>{_CAP})(?::[ \t]+(?P<said>[A-Z][^\n]*)|,[ \t]+(?:can|could|would|will|please|"
                                    rf"thank|thanks|do|did|are|is|have|where|why|how|what)\b)", re.M),
        "speech_words": re.compile(r"\b(?:I|you|me|my|your|we|us|our)\b|[!?][\"”]?[ \t]*$"),
        # "Franciska's kid", "Matej's address", "Amanda's daughter"
        "possessive": re.compile(rf"['’]s[ \t]+(?:{relatives})\b", re.I),
        # "..., says Hartvigsson."
        "speech_hint": re.compile(rf" (?=(?:{speech})[ \t])"),
        "speech": re.compile(rf"(?:{speech})(?:[ \t]+(?:at|to))?[ \t]+(?P<n>{_CAP}(?:[ \t]+{_CAP})?)(?=[ \t]*(?:[.,;:!?\"”)]|$))",
                             re.M),
        # "people call me višeslav", "please change it to Soib K. Kishiev"
        "intro_hint": re.compile(rf" (?=(?:{intro.lower()})[ \t])"),  # searched in the lower-case text
        "intro_at_start": re.compile(rf"^[ \t>*-]*(?=(?:{intro.lower()})[ \t])", re.M),  # "My name is ..." opening a line
        "intro": re.compile(rf"(?:{intro})[ \t]+(?P<n>{_T}(?:[ \t]+(?:{_CAP}|[A-Z]\.?(?![\w'’-]))){{0,2}})", re.I),
        # "What's your last name? Arcuri"
        "asked": re.compile(rf"name[ \t]*\?[ \t]*(?P<n>{_T}(?:[ \t]+{_T}){{0,2}})[ \t]*$", re.M | re.I),
        # "name:    hyuuma t. maida", "Patient name: john smith": a name field filled in, in any case
        "field": re.compile(rf"^[ \t>*-]*(?:(?:full|legal|first|last|given|family|patient|client|member|contact)[ \t_-]?)?"
                            rf"name[ \t]*[:=][ \t]*(?P<n>{_T}(?:[ \t]+(?:[^\W\d_]\.?|{_T})){{0,2}})[ \t]*$", re.M | re.I),
        # "Ravil G Yefimov", "Alvir D. Pušaver": a first name, an initial, a surname
        "initial_hint": re.compile(r" (?=[A-Z]\.?[ \t])"),
        "initial_before": re.compile(rf"(?<![\w'’-]){_CAP}[ \t]*\Z"),
        "initial_after": re.compile(rf"[A-Z]\.?[ \t]+{_CAP}(?![\w'’-])"),
        # "(not by Ushurma Dratchev)", "a song by ex-Zombie Kleist"
        "by_hint": re.compile(r" (?=by[ \t])"),
        # (a full name of two words, or one after "ex-...": a single word after "by" is an organisation as often)
        "by": re.compile(rf"by[ \t]+(?:ex-{_CAP}[ \t]+(?P<one>{_CAP})|(?P<two>{_CAP}[ \t]+{_CAP}))(?![\w'’-])"),
        # "the Dratchev novel"
        "work_hint": re.compile(rf" (?=(?:{works})\b)"),
        "work": re.compile(rf"\b(?:the|a|an)[ \t]+(?P<n>{_CAP}(?:[ \t]+{_CAP})?)[ \t]*\Z"),
        # "Quorvax Brindelmoor": two capitalised words that no list knows (a name from a locale the lists miss)
        "pair": re.compile(r"(?P<a>[A-Z](?<![\w'’.-][A-Z])[a-z]{2,}(?:['’-][A-Za-z][a-z]+)?)(?=[ \t]+(?P<b>[A-Z][a-z]{2,}"
                           r"(?:['’-][A-Za-z][a-z]+)?)(?![\w'’-]|\.\w))"),
        # "Ulquorbe, Vashkerten and Brindel were ...": a list of names no list knows
        "list_hint": re.compile(r" and (?=[A-Z\u00c0-\u00de])"),
        "list_head": re.compile(rf"(?<![\w'’-])(?P<n>{_CAP}(?:,[ \t]+{_CAP})*),?\Z"),
        "list_tail": re.compile(rf"{_CAP}(?![\w'’-])"),
        # "Vsevolod is very reliable. You can always depend on him.": a line opening with a name that the next
        # sentence refers to as a person
        "described": re.compile(rf"^[ \t]*(?P<n>{_CAP})(?:[ \t]+(?:is|was)[ \t][^.!?\n]*[.!?][ \t]+[^\n]*?"
                                r"\b(?i:he|she|him|her|his|hers|they|them)\b"
                                # "Walker began writing as a teenager, publishing her first story"
                                r"|[ \t]+(?:began|started|grew[ \t]+up|became|studied|worked|lived|moved)\b[^.!?\n]{0,80}?"
                                r"\b(?i:he|she|his|her)\b"
                                # "Dzhambek is from Civic Impulse LLC", "Quionia works at Areavibes Inc"
                                r"|(?:[ \t]+(?:is|was)[ \t]+(?:from|with)|[ \t]+works?[ \t]+(?:at|for))[ \t]+"
                                r"(?:[A-Z][\w&.'’-]*[ \t]+){1,4}(?:LLC|Inc|Ltd|Corp|Corporation|Group|GmbH|plc|Co)\b)", re.M),
        # "per B. Kargas", "PER DR B. GILL", "spoke with HO Schwarz": an initial and a surname, or a house officer's
        # surname, after a word that hands a name on
        "initial_surname": re.compile(r"(?<![\w'’.-])(?:(?P<i>[A-Z])\.[ \t]*|(?i:ho)[ \t]+)(?P<s>[A-Z][A-Za-z'’]{2,}(?:-[A-Z][A-Za-z'’]+)?)"
                                      r"(?![\w'’])"),
        "handed_on": re.compile(r"(?i:\b(?:per|by|dr|with|w/|to|from|paged|notified|cc|attn|md|np|pa|rn))\.?[ \t]*(?:(?i:dr)\.?[ \t]*)?\Z"),
        # "emidio p lombardo" alone on its line
        "alone": re.compile(r"^[ \t]*(?P<n>[^\W\d_]{2,}(?:[ \t]+[^\W\d_]\.?)?[ \t]+[^\W\d_]{2,})[ \t]*$", re.M),
    }


def _conversation(text: str, lower: str, filt: _Filter, line_ok, hit) -> Iterator[Hit]:
    """Names in the shapes of dialogue and everyday writing, known to the lists or not (see _conversation_res)."""
    res = _conversation_res()
    person = lexicons.person_names()

    def words_ok(words: list[str], strict: bool, places_too: bool = False) -> bool:
        real = [w for w in words if len(w.rstrip(".")) > 1]
        if not real or any(filt.skip(w) or (w.isupper() and len(w) > 1) for w in real):
            return False
        if places_too:  # known or unknown names, or words the lists know only as places
            return all(_name_or_unknown(w) or _place_word(w) for w in real)
        if strict:  # every word unknown to the common lists, or a known name
            return all(_name_or_unknown(w) for w in real)
        return any(w.lower() in person for w in real) and all(
            w.lower() in person or _unknown_word(w.lower()) for w in real)

    def emit(start: int, value: str, strict: bool = True) -> Iterator[Hit]:
        words = value.split()
        if words and words_ok(words, strict) and line_ok(start):
            yield hit(start, start + len(value))

    tokens = textindex.tokens(lower)  # (each shape below runs only where the words or marks it needs occur)
    for m in res["speaker"].finditer(text) if '"' in text or "“" in text else ():
        yield from emit(m.start("n"), m.group("n"))
    for m in res["speaker_plain"].finditer(text) if ":" in text or "," in text else ():
        said = m.group("said")
        if said is None or res["speech_words"].search(said):
            yield from emit(m.start("n"), m.group("n"))
    if "'s" in lower or "’s" in lower:
        for m in res["possessive"].finditer(text):
            before = list(TOKEN_RE.finditer(text, max(0, m.start() - 40), m.start()))
            if not before or before[-1].end() != m.start():
                continue
            first = before[-1]
            if len(before) > 1 and _is_cap(before[-2].group(0)) and _is_cap(first.group(0)) \
                    and text[before[-2].end():first.start()] in (" ", "\t") and _name_or_unknown(before[-2].group(0)):
                first = before[-2]
            value = text[first.start():m.start()]
            if _is_cap(value) or value.lower() in person:
                yield from emit(first.start(), value)
    for h in res["speech_hint"].finditer(text) if _may_occur("speech_verbs", tokens) else ():
        m = res["speech"].match(text, h.end())
        if m:
            value = m.group("n")
            if _QUOTE_BEFORE_RE.search(text, max(0, h.start() - 2), h.start()) and words_ok(value.split(), False, True):
                if line_ok(m.start("n")):  # '"...," says Izumi.': after a quotation a town's name is a speaker's too
                    yield hit(m.start("n"), m.end("n"))
            else:
                yield from emit(m.start("n"), value)
    for h in res["by_hint"].finditer(text) if "by" in tokens else ():
        m = res["by"].match(text, h.end())
        if m:
            group = "one" if m.group("one") else "two"
            yield from emit(m.start(group), m.group(group))
    for h in res["work_hint"].finditer(text) if _starts_a_token("works_after_name", tokens) else ():
        m = res["work"].search(text, max(0, h.start() - 60), h.start())
        if m:
            yield from emit(m.start("n"), m.group("n"))
    may_intro = _may_occur("self_introducers", tokens)
    intros = [m for hint in ("intro_hint", "intro_at_start") for h in (res[hint].finditer(lower) if may_intro else ())
              if (m := res["intro"].match(text, h.end()))]
    pos = lower.find("name")
    while pos != -1:
        m = res["asked"].match(text, pos)
        if m:
            intros.append(m)
        pos = lower.find("name", pos + 4)
    if "name" in tokens:  # (two words at least: "name: prooflane" is a package's name)
        intros += [m for m in res["field"].finditer(text) if len([w for w in m.group("n").split() if len(w) > 2]) >= 2]
    for m in intros:
        value = m.group("n")
        words = value.split()
        while words and not (_name_or_unknown(words[-1].rstrip(".")) or (
                m.re is res["intro"] and _first_names_ok([words[-1].rstrip(".")], filt))):
            words.pop()
        if words and (words[0][:1].isupper() or not words[0].isascii() or words[0].lower() in person
                      or (m.re in (res["intro"], res["field"]) and _NAME_SHAPE_RE.fullmatch(words[0]))):
            value = value[:value.index(words[-1]) + len(words[-1])]
            if (words_ok(value.split(), True, places_too=True) or (m.re is res["intro"] and _first_names_ok(value.split(), filt))) \
                    and line_ok(m.start("n")):  # ("borna": a town's name too; "My name is Martin": a word too)
                yield hit(m.start("n"), m.start("n") + len(value))
    for h in res["initial_hint"].finditer(text) if any(len(t) == 1 for t in tokens) else ():
        first = res["initial_before"].search(text, max(0, h.start() - 40), h.start())
        last = res["initial_after"].match(text, h.end()) if first else None
        if first and last:
            value = text[first.start():last.end()]
            words = value.split()
            # a middle initial between two capitalised words makes a name when one of them is known or unknown as a
            # name and neither is a clinical word ("Sari J. Paavolainen", though "sari" is also a word)
            if _name_or_unknown(words[0]) and _name_or_unknown(words[-1]):
                yield from emit(first.start(), value)
            elif (_name_or_unknown(words[0]) or _name_or_unknown(words[-1])) and not any(
                    filt.skip(w) or w.isupper() or w.lower() in lexicons.clinical_vocab() for w in (words[0], words[-1])) \
                    and line_ok(first.start()):
                yield hit(first.start(), first.start() + len(value))
    places = lexicons.places()
    for m in res["pair"].finditer(text):
        first, last = m.group("a"), m.group("b")
        value = text[m.start("a"):m.end("b")]
        if " ".join(value.lower().split()) in places or not (_name_or_unknown(first) and _name_or_unknown(last)):
            continue
        if first.lower() in person and last.lower() in person:
            continue  # known names: the lexicon rules decide
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end("b"))
        line = text[start:end if end != -1 else len(text)]
        rest = text[start:m.start("a")] + " " + text[m.end("b"):end if end != -1 else len(text)]
        # a heading, a table cell or a line in title case names a thing more often than a person
        if line.lstrip().startswith(("#", "|")) or line.rstrip().endswith(":") or _title_case_line(rest):
            continue
        long_words = [w for w in re.findall(r"[^\W\d_]+", rest) if len(w) > 3]
        if len(long_words) >= 2 and all(w[0].isupper() for w in long_words):
            continue
        yield from emit(m.start("a"), value)
    for h in res["list_hint"].finditer(text):
        head = res["list_head"].search(text, max(0, h.start() - 160), h.start())
        tail = res["list_tail"].match(text, h.end()) if head else None
        if not (head and tail):
            continue
        words = [w.strip(",") for w in head.group("n").split()] + [tail.group(0)]
        # two as the subject of a past, known to the lists or not, one of them perhaps a listed surname that is also
        # a word ("Marrero and Murphy were ...", "Usamov and Bowers were ..."; "Logit and Probit are ..." names
        # methods); three or more unknown to the lists ("A, B and C")
        subject = text.startswith((" were ", " had "), tail.end())
        if subject and len(words) == 2:
            found = any(_name_or_unknown(w) for w in words) and all(
                _name_or_unknown(w) or (w.lower() in lexicons.words("surnames") and w.lower() not in lexicons.clinical_vocab())
                for w in words)
        else:
            found = len(words) >= 3 and all(_name_or_unknown(w) for w in words) and sum(w.lower() not in person for w in words) >= 2
        if found and not any(filt.skip(w) for w in words) and line_ok(head.start("n")):
            yield hit(head.start("n"), tail.end())
    for m in res["initial_surname"].finditer(text) if "." in text or "ho " in lower else ():
        surname = m.group("s")
        low_s = surname.lower()
        handed = res["handed_on"].search(text, max(0, m.start() - 12), m.start())
        titled = handed is not None and m.group("i") is not None and "dr" in handed.group(0).lower()
        if handed is None or filt.skip(surname) or low_s in lexicons.clinical_vocab() or low_s in lexicons.places() \
                or (low_s in lexicons.not_names() and not titled):  # ("Dr B. Gill": a title and an initial make it a name)
            continue
        if (titled or low_s in person or _name_or_unknown(surname.capitalize())) and line_ok(m.start()):
            yield hit(m.start(), m.end("s"))
    for m in res["described"].finditer(text) if any(w in text for w in (" is ", " was ", " work", "began ", "started ", " grew ",
                                                                         " became ", " studied ", " lived ", " moved ")) else ():
        word = m.group("n")
        if word.lower() not in lexicons.clinical_vocab():
            yield from emit(m.start("n"), word)
    for m in res["alone"].finditer(lower) if tokens else ():
        value = text[m.start("n"):m.end("n")]
        if value.islower():
            words = value.split()  # with a middle initial ("quorvax p brindel") the words need not be in the lists
            yield from emit(m.start("n"), value, strict=len(words) == 3 and len(words[1].rstrip(".")) == 1
                            and all(_NAME_SHAPE_RE.fullmatch(w) for w in (words[0], words[2])))
