"""Places smaller than a state (``phi.geo``) found with street, unit and city lexicons.

* a street line in any locale's order: a number next to a street word ("534 Erewhon St",
  "86036 Rua do Arenque 1634", "Kálmán Imre u. 12.") or a compound street name ("4844 Søndergade 52");
* unit and box lines ("Suite 680", "Apt. 656", "PSC 6293, Box 8158"), military addresses (APO/FPO/DPO);
* "Town, XX 12345" in any case and with any two-letter region code, a country followed by a postcode;
* the short lines that continue an address block (town, region, country, postcode on lines of their own);
* a city from the lexicon after a place cue ("in San Diego", "from baltimore rehab", "of Towson");
* a value after an address or postcode label ("Address: ...", "lives at ...", "ZIP: 394 13").

Lines that say they are fictional are skipped; reserved fictional values never come from here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache

from scaffolder.check import lexicons, textindex
from scaffolder.check.hits import UPPER_LETTERS, Hit, finditer_near, is_fiction_line
from scaffolder.check.rules_people import TOKEN_RE, mask_eponyms

_MESSAGE = "A place smaller than a state tied to a person (street, unit, town or postcode)."
TOWN_MESSAGE = "A town or city tied to a person (a place smaller than a state)."
_SUGGESTION = "Keep only the state or region, or use a fictional address from the project's pools."
_T = r"[^\W\d_][\w'’.-]*"


@cache
def _cues() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in lexicons.table("place_cues").items() if isinstance(v, list)}


@cache
def _street_words() -> frozenset[str]:
    return lexicons.words("street_words") | lexicons.words("street_extra")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cues = _cues()
    units = "|".join(re.escape(u).replace(r"\ ", r"\s*") for u in sorted(cues["units"], key=len, reverse=True))
    labels = "|".join(re.escape(u) for u in sorted(cues["address_labels"], key=len, reverse=True))
    postcode = "|".join(re.escape(u) for u in sorted(cues["postcode_labels"], key=len, reverse=True))
    suffixes = "|".join(re.escape(s) for s in sorted(cues["compound_suffixes"], key=len, reverse=True))
    types_before = "|".join(re.escape(s) for s in sorted(cues["street_types_before_name"], key=len, reverse=True))
    types_after = "|".join(re.escape(s) for s in sorted(cues["street_types_after_name"], key=len, reverse=True))
    return {
        "unit": re.compile(rf"(?<![\w-])(?:{units})\.?[ \t]*#?[ \t]*\d{{1,6}}[A-Za-z]?(?![\w/.:-]*\d)", re.I),
        "military": re.compile(r"(?<![\w-])(?:(?:APO|FPO|DPO)[ \t]+(?:AA|AE|AP)[ \t]+\d{5}\b|"
                               r"(?:USCGC|USNS|USS)[ \t]+[^\W\d_]{3,})", re.I),
        "town_code": re.compile(r"(?<![\w-])[^\W\d_][\w .'’-]{1,30},[ \t]*[A-Za-z]{2}\.?[ \t]+\d{4,6}(?:-\d{3,4})?(?![\w-])"),
        "label": re.compile(rf"(?<![\w-])(?:{labels})\b[ \t:]*(?P<rest>[^\n]{{0,80}})", re.I),
        "postcode": re.compile(rf"(?<![\w-])(?:{postcode})\b[ \t]*(?:is|:|#|=)?[ \t]*(?P<code>[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){{1,9}})",
                               re.I),
        "compound": re.compile(rf"[^\W\d_]{{2,}}(?:{suffixes})(?![\w])", re.I),
        "number_word": re.compile(rf"(?<![\w.,/:-])\d{{1,6}}[A-Za-z]?,?[ \t]+(?:\d{{1,5}}[ \t]+)?(?:{_T}[ \t]+){{0,4}}{_T}"),
        # "rue Tachkent 31", "9383 ul. Chrzanowska 61": a street type that comes before the street's name
        "type_first": re.compile(rf"(?<![\w-])(?:{types_before})[ \t]+[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){{0,3}}"
                                 rf"[ \t,]+\d{{1,5}}(?![\d/:]|[.,]\d)|(?<![\w.,/:-])\d{{1,5}}[ \t]+(?:{types_before})[ \t]+[^\W\d_]{{2,}}",
                                 re.I),
        # "hegyalja út 98.", "Luite tee 87": a street type after the name, in any case, then the house number
        "type_after": re.compile(rf"(?<![\w'’-])(?P<name>[^\W\d_][\w'’-]*)[ \t]+(?:{types_after})[ \t]+\d{{1,5}}[A-Za-z]?"
                                 rf"(?![\w/:-]|[.,]\d)", re.I),
        # "03751 Gerrit Achterberghove 137", "28030 Edeby 55": a postcode or number, a name, the house number
        "number_name_number": _NUMBER_NAME_NUMBER_RE,
        "word_number": re.compile(rf"(?:{_T}[ \t]+){{0,4}}{_T}\.?[ \t]+\d{{1,5}}[A-Za-z]?\.?(?![\w/.:-]*\d)"),
    }


def _has_street_word(words: list[str]) -> bool:
    streets = _street_words()
    common = lexicons.words("common_words")
    compound = _patterns()["compound"]
    clinical = lexicons.words("clinical_words")
    for w in words:
        bare = w.rstrip(".,")
        low = bare.lower()
        if len(bare) > 1 and bare.isupper():
            continue  # capitals are clinical shorthand far more often than street types (CT, PA, ST)
        if len(low) <= 2 and low not in lexicons.words("street_extra") and w.lower() not in lexicons.words("street_extra"):
            continue
        if low in ("u", "ul") and not w.endswith("."):
            continue
        if low in streets and (low not in clinical or (bare[:1].isupper() and low in lexicons.words("street_extra"))) \
                and (bare[:1].isupper() or w.endswith(".") or low not in common):
            return True
        if compound.fullmatch(bare) and low not in common:
            return True
    return False


_PARTICLES = frozenset(["de", "du", "do", "da", "dos", "das", "del", "della", "di", "la", "le", "van", "von", "der",
                        "den", "and", "y", "e", "i", "u.", "ul.", "str.", "út", "utca", "ulica", "rua", "rue", "via",
                        "calle", "vicolo", "viale", "piazza", "avenida", "av.", "avda", "plaza", "praça", "travessa"])


def _titled(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _PARTICLES or word.isdigit()


def _street_line(line: str, pool: frozenset[str] = frozenset()) -> bool:
    """True when the line holds a number next to a street word (either order), with a name between."""
    if _DIGIT_RE.search(line) is None:
        return False
    p = _patterns()
    common = lexicons.words("common_words")
    for m in p["number_word"].finditer(line):
        words = [w for w in m.group(0).split()[1:] if not w.isdigit()]
        if not words or (not words[0][:1].isupper() and words[0].lower() not in _PARTICLES):
            continue
        for i, w in enumerate(words[:6]):
            if not _titled(w) or w.strip(".,") in pool:
                break
            bare = w.strip(".,").lower()
            if _has_street_word([w]) and (i > 0 or bare not in common):
                return True
    for m in _NUMBER_AFTER_WORD_RE.finditer(line):
        words = line[max(0, m.start() - 70):m.start()].split()[-5:]
        tail: list[str] = []
        for w in reversed(words):
            if not _titled(w) or w.strip(".,") in pool:
                break
            tail.insert(0, w)
        strong = [w for w in tail[-4:] if w.strip(".,").lower() not in common or w.endswith(".")]
        if tail and strong and _has_street_word(strong) and any(w[:1].isupper() for w in tail):
            return True
    return False


def _typed_street(line: str) -> bool:
    """A street named with a locale's street type before or after the name, in any case (see _patterns)."""
    p = _patterns()
    if p["type_first"].search(line):
        return True
    common = lexicons.words("common_words")
    return any(m.group("name")[:1].isupper() or m.group("name").lower() not in common for m in p["type_after"].finditer(line))


_NUMBER_AFTER_WORD_RE = re.compile(r"(?<=[^\W\d_.])\.?[ \t]+\d{1,5}[A-Za-z]?\.?(?![\w/.:-]*\d)")
_CODE_AFTER_WORD_RE = re.compile(r"[ \t]+\d{3,6}\b")  # kept when a letter comes right before it
_LETTER_RE = re.compile(r"[^\W\d_]")
_YEAR_CODE_RE = re.compile(r"19\d\d|20[0-3]\d")


def _region_postcode(line: str) -> bool:
    """A country or state followed by a postcode ("Uruguay 64677", "United Kingdom 75419")."""
    regions = lexicons.words("regions")
    for m in _CODE_AFTER_WORD_RE.finditer(line):
        if not m.start() or _LETTER_RE.match(line, m.start() - 1) is None or _YEAR_CODE_RE.fullmatch(m.group(0).strip()):
            continue  # ("France 2024" is a year)
        words = line[max(0, m.start() - 40):m.start()].split()[-3:]
        lower_case = not any(ch.isupper() for ch in line)  # ("??? belgium 97466": a line written all in lower case)
        for i in range(len(words)):
            phrase = " ".join(words[i:]).lstrip(">*#(?¿¡\"'“")  # (">France 35910": quoted or marked up)
            if phrase.lower() in regions and len(phrase) >= 4 and (phrase.isupper() or phrase[:1].isupper() or lower_case) \
                    and phrase.lower() not in lexicons.words("common_words") \
                    and phrase.lower() not in lexicons.clinical_vocab():  # "CIPRO 500" is a dose, not Cyprus
                return True
    return False


_REGION_CODE_LINE_RE = re.compile(r",?[ \t]*(?:[A-Za-z]{2,3}\.?|\d{1,3})(?:[ \t]+\d{3,6})?")


def _continues_block(line: str) -> bool:
    """A short line that can be the next part of an address: a town, ", XX", a country, a postcode."""
    stripped = line.strip(" \t>*-•|")
    if stripped.endswith(".") and stripped[-2:-1].isdigit():
        stripped = stripped[:-1]  # "Austria 25173." ends the address and its sentence
    if not stripped or len(stripped) > 48 or stripped.endswith((".", ":", "!")) or ":" in stripped:
        return False
    # ", NY", ", qc 12345", ", 32" (a region's code or number), "12345", "840 24"
    if _REGION_CODE_LINE_RE.fullmatch(stripped) or re.fullmatch(r"\d{3,6}(?:[ -]\d{2,4})?\??", stripped):
        return True
    words = [w.strip("()[]") for w in re.split(r"[\s,]+", stripped.rstrip("?")) if w.strip("()[]")]
    if not words or len(words) > 6:
        return False
    known = lexicons.places() | lexicons.words("regions")
    if stripped.rstrip("?").lower() in known:
        return True
    clinical = lexicons.clinical_vocab()
    coded = words[-1].isdigit() and len(words[-1]) >= 4  # "Lyss, BE 50662": a town, a region code, a postcode
    lower_case = not any(ch.isupper() for ch in stripped)  # a block written in lower case ("cyprus (greek) 26933")

    def part(w: str) -> bool:
        if w.isdigit() or w.lower() in ("de", "du", "do", "da", "del", "la", "le", "van", "von"):
            return True
        if coded and len(w) <= 3 and w.isalpha():
            return True
        if lower_case:
            return w in known or (w not in clinical and len(words) <= 3 and (coded or w in lexicons.words("regions")))
        if not w[:1].isupper():
            return False
        # a word in capitals is a town ("FÜRLING", "KNIVSTA", "LOW STREET") or a region code ("NO"), not a heading
        # ("PLAN", "NEURO")
        return not w.isupper() or len(w) <= 2 or w.lower() in known or (len(words) <= 3 and w.lower() not in clinical)
    return all(part(w) for w in words)


def _key_word(phrase: str) -> str:
    """The word of ``phrase`` that is likely rarest in text (every line holding the phrase holds it): its longest
    uncommon word, else its longest word, the last of equals ("at" of "is at", "york" of "new york")."""
    words = phrase.split()
    common = lexicons.words("common_words")
    pool = [w for w in words if w not in common] or words
    return max(reversed(pool), key=len)


@cache
def _fast_sets() -> dict[str, frozenset[str]]:
    cues = _cues()
    regions = lexicons.words("regions")
    sets = {
        # ("St", "Rd" and the like are clinical shorthand in capitals, street types in title case: kept)
        "street": (_street_words() - lexicons.words("clinical_words")) | lexicons.words("street_extra"),
        "unit": frozenset(u.split()[-1].strip(".") for u in cues["units"]),
        "postcode": frozenset(_key_word(u) for u in cues["postcode_labels"]),
        "label": frozenset(_key_word(u.rstrip(":")) for u in cues["address_labels"]),
        "region_words": frozenset(w for r in regions for w in r.split()),
        # the words that find a line where a region can be (one per region: "york" of "new york"); a region of
        # fewer than four letters never counts (see _region_postcode)
        "region_keys": frozenset(_key_word(r) for r in regions if len(r) >= 4),
        "military": frozenset(["apo", "fpo", "dpo", "uscgc", "usns", "uss"]),
        "types": frozenset(w.rstrip(".") for w in cues["street_types_before_name"] | cues["street_types_after_name"]),
    }
    sets["any"] = frozenset().union(*sets.values())  # every word above: one look-up per text
    sets["digit_words"] = sets["street"] | sets["unit"] | sets["postcode"] | sets["label"] | sets["types"]
    return sets


_DIGIT_RE = re.compile(r"\d")
_TITLE_WORD = rf"[{UPPER_LETTERS}][^\W\d_A-Z]+(?:['’-][^\W\d_]+)*"
_NAME_AFTER_NUMBER_HINT = re.compile(rf"\d[ \t]+[{UPPER_LETTERS}][^\W\d_A-Z]")  # searched first: far cheaper
_NUMBER_NAME_NUMBER_RE = re.compile(rf"(?<![\w.,/:-])\d{{1,6}}[ \t]+(?P<words>(?:{_TITLE_WORD}[ \t]+){{1,4}})\d{{1,5}}[A-Za-z]?"
                                    r"(?![\w/:-]|[.,]\d)")


def _named_street(line: str) -> bool:
    """A number, one to four capitalised words of which one at least is no common word, and a house number, with
    no clinical word, drug or month among them ("03751 Gerrit Achterberghove 137"; not "2 Tylenol 650")."""
    common = lexicons.words("common_words")
    clinical = lexicons.clinical_vocab()
    for m in _NUMBER_NAME_NUMBER_RE.finditer(line):
        words = [w.lower() for w in m.group("words").split()]
        if any(w in clinical or w in _MONTHS for w in words):
            continue
        if any(w not in common for w in words):
            return True
    return False


_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                     "dec"])
_TOWN_TAIL_RE = re.compile(r",[ \t]*[A-Za-z]{2}\.?[ \t]+\d{4,6}")  # the cheap end of "Town, XX 12345"


@cache
def _compound_token(token: str) -> bool:
    """True when a word (lower case) holds a compound street name ("søndergade"); read once per word."""
    suffixes = _compound_suffixes()
    if not any(part.endswith(suffixes) for part in _JOINER_RE.split(token)):
        return False  # the pattern needs a suffix at the end of a letter run: cheap to rule out
    return _patterns()["compound"].search(token) is not None


_JOINER_RE = re.compile(r"['’-]")


@cache
def _compound_suffixes() -> tuple[str, ...]:
    return tuple(s.lower() for s in _cues()["compound_suffixes"])


# where a sentence ends: ". " after a word of two or more letters that is no street abbreviation's dot
# ("Spec sent to BB on hold. Alb 2.6 ...": the number after the label's sentence is no address)
# (a question does not end it: "what's the address? It's in 0269 ...")
_SENTENCE_END_RE = re.compile(r"(?<=[a-z]{2})\.[ \t]+(?=[A-Z])|;[ \t]")


def scan(text: str, pool: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Every ``phi.geo`` hit of the address and city rules in ``text`` (already masked)."""
    p = _patterns()
    fast = _fast_sets()
    places = lexicons.places()
    whole = textindex.tokens(text.lower())
    city_words = whole & places
    if city_words:  # "fluid in the pouch of Douglas", "Cheyne-Stokes": eponyms are no towns
        text = mask_eponyms(text, None, whole)
    gram_heads = whole & _gram_heads()
    wanted = whole & fast["any"]
    compounds = {t for t in whole if _compound_token(t)}
    if not (city_words or gram_heads or wanted or "," in text or compounds):
        return
    cache: dict[str, bool] = {}
    offset = 0
    block = 0  # lines of an address block still allowed after a street line
    # (only the first words of cities whose other words occur can start one here)
    gram_heads = frozenset(h for h in gram_heads if any(all(w in whole for w in rest) for rest in _grams_of(h)))
    military = wanted & fast["military"]  # (a ship's name opens a military address without a digit)
    # (a street, unit or label word that is also a region's word still finds its line)
    digit_words = (wanted - fast["region_words"] - military) | (wanted & fast["region_words"] & fast["digit_words"]) | compounds
    hot = _candidate_lines(text, digit_words, wanted & fast["region_keys"],
                           city_words | military, gram_heads)
    hot_shapes = _shape_lines(text)
    for number, line in enumerate(text.split("\n")):
        start = offset
        offset += len(line) + 1
        if not block and hot is not None and not _may_fire(number, line, hot) and number not in hot_shapes:
            continue  # no word of any rule here, and no address block going on
        if not line.strip():
            block = 0
            continue
        if not block:
            known = cache.get(line)
            if known is False:
                continue
        low = line.lower()
        toks = TOKEN_RE.findall(low)
        tokset = set(toks)
        found = town = False
        digits = _DIGIT_RE.search(line) is not None
        if digits:
            if ((tokset & fast["street"] or tokset & compounds) and _street_line(line, pool)) \
                    or (tokset & fast["unit"] and _unit(line, p["unit"])) \
                    or (tokset & fast["military"] and p["military"].search(line)) \
                    or ("," in line and _TOWN_TAIL_RE.search(line) and p["town_code"].search(line)) \
                    or (tokset & fast["region_words"] and _region_postcode(line)) \
                    or (tokset & fast["types"] and _typed_street(line)) \
                    or (number in hot_shapes and _named_street(line)):
                found = True
            elif tokset & fast["postcode"]:
                found = any(any(ch.isdigit() for ch in m.group("code")) for m in p["postcode"].finditer(line))
            if not found and tokset & fast["label"]:
                for m in p["label"].finditer(line):
                    rest = _SENTENCE_END_RE.split(m.group("rest"), 1)[0]  # the address ends with its sentence
                    if _DIGIT_RE.search(rest) and (_has_street_word(rest.split())
                                                   or re.search(r"\d{1,6}[ \t,]+[^\W\d_]", rest)):
                        found = True
                        break
        if not found and not digits and tokset & fast["military"] and p["military"].search(line):
            found = True  # a ship's name opens a military address ("USCGC Bertholf")
        if not found and block and _continues_block(line):
            found = True
        if not found:
            singles = tokset & places
            heads = tokset & gram_heads  # a place of two or three words starts with one of these
            grams = {" ".join(toks[i:i + n]) for i, t in enumerate(toks) if t in heads
                     for n in (2, 3) if i + n <= len(toks)} & places if heads else set()
            if (singles or grams) and _city_with_cue(line, singles, grams, pool):
                found = town = True
        if found and is_fiction_line(line):
            found = False
        if not block:
            cache[line] = found
        if found:
            col = len(line) - len(line.lstrip())
            yield Hit(start + col, start + len(line), "phi.geo", "error", TOWN_MESSAGE if town else _MESSAGE, _SUGGESTION)
            street = digits and not _region_postcode(line)
            block = 4 if street else max(block - 1, 0)
        elif block:
            block = 0


_FLOOR_RE = re.compile(r"(?:floor|fl)\.?[ \t]*#?[ \t]*\d{4}", re.I)


def _unit(line: str, pattern: re.Pattern[str]) -> bool:
    """A unit, suite, box or floor number; a floor has at most three digits ("arrived to floor 1500" is a time)."""
    return any(_FLOOR_RE.match(m.group(0)) is None for m in pattern.finditer(line))


def _candidate_lines(text: str, digit_words: set[str] | frozenset[str],
                     region_words: set[str] | frozenset[str], city_words: frozenset[str],
                     gram_heads: frozenset[str]) -> tuple[set[int], set[int], set[int]] | None:
    """The lines a rule can fire on when no address block is going on, from the text's word index
    (None: every line): those holding a street, unit, postcode or label word, or ending like "Town, XX
    12345" (these rules also need a digit); those holding a region word (they also need a postcode
    after a word); those holding a city or a military word (``city_words``), or the first word of a
    city of two or three words whose other words occur (``gram_heads``). Digit lines are those with a digit."""
    lower = text.lower()
    if len(lower) != len(text):
        return None
    heads = gram_heads
    number = textindex.Lines(text).number
    # (these rules need a digit too: only lines with one are read, which is cheaper than finding every offset of
    # common street words such as "line", "way" or "point")
    digit_lines = {i for i, line in enumerate(lower.split("\n"))
                   if _DIGIT_RE.search(line) and not digit_words.isdisjoint(TOKEN_RE.findall(line))}
    digit_lines.update(number(m.start()) for m in _TOWN_TAIL_RE.finditer(text))
    region_lines = {number(pos) for pos in textindex.token_starts(lower, region_words)}
    city_lines = {number(pos) for pos in textindex.token_starts(lower, city_words | heads)}
    return digit_lines, region_lines, city_lines


_CODE_AFTER_LETTER_RE = re.compile(r"[ \t](?<=[^\W\d_][ \t])[ \t]*\d{3,6}\b")  # what _region_postcode looks for


def _shape_lines(text: str) -> set[int]:
    """The lines holding a number, capitalised words and a number (:func:`_named_street` reads them)."""
    if not _DIGIT_RE.search(text):
        return set()
    number = textindex.Lines(text).number
    return {number(m.start()) for m in finditer_near(_NUMBER_NAME_NUMBER_RE, text, _NAME_AFTER_NUMBER_HINT, None, 8, 160)}


def _may_fire(number: int, line: str, hot: tuple[set[int], set[int], set[int]]) -> bool:
    digit_lines, region_lines, city_lines = hot
    if number in city_lines:
        return True
    if number in digit_lines:
        return _DIGIT_RE.search(line) is not None
    return number in region_lines and _CODE_AFTER_LETTER_RE.search(line) is not None


@cache
def _multiword_places() -> tuple[list[str], dict[str, list[str]]]:
    """The cities of more than one word, sorted (looked up by their first word with a bisection), and the few
    whose first word is not followed by a plain space, by that word."""
    multi = sorted(place for place in lexicons.places() if " " in place)
    odd: dict[str, list[str]] = {}
    for place in multi:
        head = place.split()[0]
        if not place.startswith(head + " "):
            odd.setdefault(head, []).append(place)
    return multi, odd


@lru_cache(maxsize=4096)
def _grams_of(head: str) -> tuple[tuple[str, ...], ...]:
    """The other words (as split by the token pattern) of each city of two or more words that starts with ``head``;
    found per first word when a text holds it, so no start-up pass tokenises every city."""
    multi, odd = _multiword_places()
    prefix = head + " "
    found = odd.get(head, [])[:]
    i = bisect_left(multi, prefix)
    while i < len(multi) and multi[i].startswith(prefix):
        found.append(multi[i])
        i += 1
    out = []
    for place in found:
        # (letters and spaces only: the tokens are the words, found far faster)
        words = place.split() if place.replace(" ", "").isalpha() else TOKEN_RE.findall(place)
        if len(words) > 1 and place.split()[0] == head:
            out.append(tuple(words[1:]))
    return tuple(out)


_CUE_BEFORE = re.compile(r"(?:\b(?:in|from|of|at|near|to|visiting|@)|@)[ \t]*$", re.I)


@cache
def _gram_heads() -> frozenset[str]:
    return frozenset(p.split()[0] for p in _multiword_places()[0])


def _city_with_cue(line: str, singles: set[str], grams: set[str], pool: frozenset[str] = frozenset()) -> bool:
    """A known town right after a place cue ("in San Diego", "from baltimore", "of Towson")."""
    low = line.lower()
    common = lexicons.words("common_words")
    for phrase in sorted(grams | singles, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(phrase)}(?![\w'’-])", low):
            original = line[m.start():m.end()]
            if original.split()[0] in pool:
                continue
            if " " in phrase and not (original[:1].isupper() or not any(w in common for w in phrase.split())):
                continue
            before = line[max(0, m.start() - 24):m.start()]
            if (_CUE_BEFORE.search(before) or before.rstrip().endswith(",")) \
                    and ((original[:1].isupper() and not original.isupper()) or len(phrase) > 4):
                return True
    return False
