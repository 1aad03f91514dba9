"""Identifier shapes of clinical and international writing that have no label next to them.

* ``phi.date``: dates without a year in clinical text ("on 8/16", "F/U 7/24", "the 11th", "nov. 12"),
  a month with a year next to a person cue, and full dates after "Date:", "When:", "since", "on";
* ``phi.phone``: pager and extension numbers ("Pager #54321", "PG 33445", "ext. 4411"), numbers
  written with spaces in any country's style ("0490 75 40 81", "(03) 5555 6473", "212- 476- 8356",
  "+33 (237) 998327");
* ``phi.account``: card numbers that pass the Luhn check with a card network's first digit, and IBANs
  whose mod-97 checksum holds.

Reserved fictional ranges are excluded (555-01xx phones, FAKE- ids), and lines that say they are
fictional are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from scaffolder.check import lexicons, textindex
from scaffolder.check.hits import (
    Hit,
    LineStarts,
    content_regions,
    finditer_in,
    finditer_near,
    is_fiction_line,
    lower_same_length,
)
from scaffolder.check.textindex import alternation
from synthetic.identifiers import is_fictional_phone

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
_MONTH_WORDS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
                r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
_MD_RE = re.compile(r"(?:(?<![\w/.:#+-])|(?<=[^\W\d_]:))(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\w/]|[.,]\d|%)")
_EXTENSION_RE = re.compile(r"x\d{4,5}$", re.I)
_PHONE_BEFORE_RE = re.compile(r"\d{3}[ .)-]*\d{4}[ \t,]*$")
_CLOCK_AFTER_RE = re.compile(r"[ \t]+(?:(?:[01]\d|2[0-3])[0-5]\d|(?:[01]?\d|2[0-3]):[0-5]\d)(?![\d/:.])")
_ENTRY_AFTER_RE = re.compile(r"[ \t]+([A-Za-z]{2}[A-Za-z]*)")
_MD_NOT_DATE_AFTER = re.compile(r"[ \t]*(?:strength|str\b|hr|hour|hours|tab|tabs|tablet|cup|of\b|ns\b|way|teaspoon|tsp|"
                                r"inch|in\b|cm|mm|ml|cc|mg|x\b|times|power|motor|grade|pulse|pulses|dose)", re.I)
_MD_NOT_DATE_BEFORE = re.compile(r"(?:strength|str|power|motor|grade|pulses?|mae|moves|grips?|score|gcs|ratio|rated|"
                                 r"pain|scale|x|q|bp|sbp|dbp|i:e|ie|cpap|bipap|bi-pap|ps|psv|peep|ac|simv|imv|vent|settings?|ps/peep|"
                                 r"a/c|mode|mmv|prvc|aprv)[ \t:=]*$", re.I)
_ORDINAL_RE = re.compile(r"(?<![\w-])(?:the|on the|by the|until the|since the|from the)[ \t]+(3[01]|[12]\d|0?[1-9])"
                         r"(?:st|nd|rd|th)\b(?=[ \t]*(?:[.,;:)!?]|$|of\b|at\b|and\b|in the\b|@|\n))", re.I)
_MONTH_DAY_RE = re.compile(rf"(?<![\w-])(?:{_MONTH_WORDS}\.?[ \t]+(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|\.\d|,?[ \t]*\d{{4}})"
                           rf"|(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?[ \t]*(?:of[ \t]+)?-?{_MONTH_WORDS}\b\.?(?![ \t]*,?[ \t]*\d{{4}}))",
                           re.I)
_MONTH_YEAR_RE = re.compile(rf"(?<![\w-])(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?[ \t-]*(?:of[ \t]+)?)?{_MONTH_WORDS}\b\.?,?"
                            rf"(?:[ \t]*|-)(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?,?[ \t]+)?(?:of[ \t]+)?(?:19|20)\d\d\b", re.I)
_FULL_DATE_RE = re.compile(r"(?:(?<![\w/.-])|(?<=[^\W\d_]-))(?:(?:19|20)\d\d-[01]\d-[0-3]\d|(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/(?:19|20)?\d\d"
                           r"|(?:3[01]|[12]\d|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:19|20)\d\d)(?![\w/-])")
# "10-15-19 csru progress note", "admitted 3-2-98": a month-day-year with dashes opening a line or after a cue word
_DASH_DATE_RE = re.compile(r"(?<![\w/.-])(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])-(?:19|20)?\d\d(?![\w/-]|[.,]\d)")
_DASH_DATE_HINT = re.compile(r"-(?<=\d-)\d\d?-\d\d")  # (a literal first: the regex engine skips to each "-")
# "on10/14/82", "since5/3": a date glued to the word before it
_GLUED_DATE_RE = re.compile(r"(?<![^\W\d_])(?:on|since|dob|from|until|till|dated?)(?P<d>(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])"
                            r"(?:/(?:19|20)?\d\d)?)(?![\w/]|[.,]\d)", re.I)
_GLUED_HINT = re.compile(r"/(?:(?<=[a-z]\d/)|(?<=[a-z]\d\d/))\d")
_FULL_DATE_CUE = re.compile(r"(?:\bdate|\bwhen|\bsince|\bon|\bdated|\bborn|\bdob|\bbirth\w*|\bdied|\bvisit\w*|\bseen|"
                            r"\badmitted|\bdischarged)\b[^\n]{0,12}$", re.I)
_PERSON_CUE = re.compile(r"\b(?:pt|pt's|pts|patient|patient's|he|she|his|her|mr|mrs|ms|son|daughter|husband|wife|"
                         r"admitted|adm|seen|visit|hospital|hosp|surgery|dx|hx|dob|born|birthday|died|deceased|mrn)\b", re.I)
_CLINICAL_CUE = re.compile(r"\b(?:pt|pts|patient|f/u|s/p|r/e|eval|seen|since|started|admitted|adm|extubated|intubated|"
                           r"placed|completed|discharged|dc'?d|d/c|cx|culture|xray|cxr|ct|mri|surgery|trach|peg|picc|"
                           r"line|labs|rehab|hd|dialysis|transfusion|ordered|scheduled|follow|last|until|from|on|by)\b",
                           re.I)
_PAGER_RE = re.compile(r"(?<![\w-])(?:pager|pgr|pg|beeper|bleep|bp#|ext|extension|x)\.?[ \t]*(?:no\.?|number)?[ \t]*[:#]?"
                       r"[ \t]*#?[ \t]*(?P<num>\d{3,6})(?![\w/-]|\.\d)", re.I)
_SPACED_PHONE_RE = re.compile(
    r"(?<![\w.,/:+-])(?:\+\d{1,3}[ \t.-]?)?(?:\(\d{1,5}\)[ \t.-]?)?\d{2,5}(?:[ \t]*[-.][ \t]*|[ \t]{1,2})\d{2,7}"
    r"(?:(?:[ \t]*[-.][ \t]*|[ \t]{1,2})\d{2,5}){0,3}(?![\w/%]|[.,]\d|:\d)")
_PLUS_PHONE_RE = re.compile(r"(?<![\w+])\+[1-9]\d{0,2}[ \t.-]?(?:\(\d{1,4}\)[ \t.-]?)?\d{2,8}(?:[ \t.-]\d{2,8}){0,3}(?![\w-])")
_PHONE_CUE = re.compile(r"\b(?:phone|ph|tel|telephone|mobile|cell|call|called|calling|reach|text|texts|messages?|contact|"
                        r"number|answering|dial|home|work|fax|whatsapp|reached|reachable)\b[^\n]{0,30}$", re.I)
# a number a word after it says is a phone: "781 1704 office", "0412 889 301 (mobile)"
_PHONE_AFTER = re.compile(r"[ \t]*[(,-]?[ \t]*(?:office|home|cell|mobile|work|pager|beeper|fax|direct|landline)\b", re.I)
_CARD_RE = re.compile(r"(?<![\w.,/-])(?:[2-6]\d{3}(?:[ -]?\d){8,15}|(?:1800|2131)\d{11})(?![\w-]|[.,]\d)")
# after the word "card" any issuer's prefix counts: "my card 3056 9309 0259 04", "card # 1800 ..."
_CARD_WORD_RE = re.compile(r"\bcard\b[ \t]*(?:(?:no|number|num|nr)\.?[ \t]*)?[:#]?[ \t]*(?P<num>\d(?:[ -]?\d){12,18})(?![\w-]|[.,]\d)",
                           re.I)
_IBAN_RE = re.compile(r"(?<![\w-])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}(?![\w-])")
_IBAN_LENGTHS = {"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
                 "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "ES": 24, "FI": 18,
                 "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
                 "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20,
                 "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
                 "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
                 "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VG": 24, "XK": 20}

_DECIMAL_RE = re.compile(r"\d+\.\d+")

# Cheap first looks (patterns that start with a literal or a character class are searched fast by the regex
# engine; one that opens with a look-behind is tried at every position). The core every spaced number holds:
# two digits, separators, a digit (found from the digit before a separator: prose has far fewer digits than
# spaces, and in a long run of digits each position fails at once).
_SPACED_HINT = re.compile(r"\d(?=[ \t.-])(?<=\d\d)[ \t.-]+\d")
_CARD_HINT = re.compile(r"[1-6](?<=(?<![\w.,/-])[1-6])\d{3}")  # where a card number can start: once per run of digits
_DATE_HINT = re.compile(r"\d[-/.]\d")
_ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th)\b")
_ORDINAL_FROM_SUFFIX_RE = re.compile(r"[nrst][dht](?<=\d(?:st|nd|rd|th))\b")  # the same, found from the letters
# Hints searched in the lower-case text: every match of the costly pattern holds one.
_MONTH_HINT = re.compile("(?:" + alternation(_MONTH_WORDS[3:-1].split("|")) + r")\b")  # the same words, as a trie
# The start of a full date: one to four digits that follow no word character, a separator, one or two
# digits, a separator, a digit (found from the first separator, which the regex engine skips to fast).
_FULL_DATE_HINT = re.compile(r"[-/.](?:" + "|".join(rf"(?<=(?:(?<![\w/.-])|(?<=[^\W\d_]-))\d{{{n}}}[-/.])" for n in range(1, 5))
                             + r")\d\d?[-/.]\d")
_PAGER_HINT = re.compile(r"(?:p(?:ager|gr?)|b(?:eeper|leep|p#)|ext|x)(?:[ \t.:#]|no|number)*\d")
_PLUS_HINT = re.compile(r"\+[1-9]")
_IBAN_HINT = re.compile(r"[A-Z]{2}\d\d")
_CARD_WORD_HINT = re.compile(r"card\b")
_DATE_MSG = "A date more precise than the year, tied to a person's care."
_DATE_FIX = "Keep the year only, or use a relative day ('day 3 of the stay')."
_PHONE_MSG = "A phone, pager or extension number that reaches a person."
_PHONE_FIX = "Use a reserved fictional number (555-0100 to 555-0199) or drop it."
_ACCOUNT_MSG = "A card or bank account number (its checksum is valid)."
_ACCOUNT_FIX = "Use a FAKE- id instead of a real account number."


def luhn(digits: str) -> bool:
    """True when the digits pass the Luhn check used by card numbers."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(value: str) -> bool:
    """True for an IBAN of its country's length whose mod-97 checksum holds."""
    compact = value.replace(" ", "")
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def scan(text: str) -> Iterator[Hit]:
    """Every hit of the rules above in ``text`` (already masked)."""
    fiction: dict[int, bool] = {}
    lines = LineStarts(text)
    line_bounds = lines.bounds

    def ok(pos: int) -> bool:
        start, end = line_bounds(pos)
        if start not in fiction:
            fiction[start] = not is_fiction_line(text[start:end])
        return fiction[start]

    cue_cache: dict[int, bool] = {}

    def clinical(pos: int) -> bool:
        start, end = line_bounds(pos)
        if start not in cue_cache:
            cue_cache[start] = _CLINICAL_CUE.search(text, start, end) is not None
        return cue_cache[start]

    person_cache: dict[int, bool] = {}

    def person(pos: int) -> bool:
        start, end = line_bounds(pos)
        if start not in person_cache:
            person_cache[start] = _PERSON_CUE.search(text, start, end) is not None
        return person_cache[start]

    has_digit = re.search(r"\d", text) is not None
    if not has_digit:
        return
    regions = content_regions(text)  # data with its fictional lines blanked: search only what is left
    for m in _month_days(text, regions) if "/" in text else ():
        before = text[max(0, m.start() - 16):m.start()]
        if _MD_NOT_WORD_BEFORE.search(before) or _MD_NOT_DATE_AFTER.match(text, m.end()):
            continue  # (whole words: "approx 10/16" is no "x 10/16")
        if m.group(1) == m.group(2) == "1" or (m.group(1) in ("1", "3") and m.group(2) in ("2", "3", "4", "8")):
            continue  # fractions: 1/2, 1/3, 3/4
        if is_scale(text, m.start(), m.end(), int(m.group(2))) or _count_of(text, m.end()):
            continue
        # a month/day that no scale, unit, count or sum explains is a date ("LBM 11/4", "WT 10/8 59.2kg"); a small
        # one ("4/4", "2/3"), an n/10 or one inside a sum ("1/5 - 1/5 * 0.5") takes a clinical word on the line, a
        # clock time right after ("10/16 0930") or a place as a timeline entry
        small = max(int(m.group(1)), int(m.group(2))) <= 5 or m.group(2) == "10"
        timed = _CLOCK_AFTER_RE.match(text, m.end()) is not None
        if (not (small or _in_sum(text, m)) or timed or _timeline_entry(text, m) or clinical(m.start())) and ok(m.start()):
            yield Hit(m.start(), m.end(), "phi.date", "error", _DATE_MSG, _DATE_FIX)
    low = lower_same_length(text)
    ordinals = [(m.start() - 1, m.end()) for m in finditer_in(_ORDINAL_FROM_SUFFIX_RE, low, regions)]  # the matches of _ORDINAL_HINT
    months = textindex.run_spans(low, _MONTH_HINT)  # month words are found over the distinct words
    for pattern, spans in (((_ORDINAL_RE, ordinals),) if ordinals else ()) + ((_MONTH_DAY_RE, months),):
        for m in finditer_near(pattern, text, None, low, 50, 40, spans):
            word = m.group(0).split()[0].lower().rstrip(".")
            if word in ("may", "march") and not m.group(0)[:1].isupper():
                continue
            # "on the 11th", "since the 3rd": a day of the month after a preposition needs no other cue
            dated = pattern is _ORDINAL_RE and m.group(0)[:3].lower() != "the"
            if (dated or person(m.start()) or _after_weekday(text, m.start())) and ok(m.start()):
                yield Hit(m.start(), m.end(), "phi.date", "error", _DATE_MSG, _DATE_FIX)
    for m in finditer_near(_MONTH_YEAR_RE, text, None, low, 40, 60, months):
        if person(m.start()) and ok(m.start()):
            yield Hit(m.start(), m.end(), "phi.date", "error", _DATE_MSG, _DATE_FIX)
    for m in finditer_near(_FULL_DATE_RE, text, _FULL_DATE_HINT, None, 20, 20, regions=regions):
        # a month/day/year with a slash is a date anywhere, unless a scale word or a unit says otherwise
        if "/" in m.group(0) and (is_scale(text, m.start(), m.end(), 0) or text.startswith("%", m.end())):
            continue  # a ventilator setting ("PS 10/5/40%"), a score, or a share
        slashed = "/" in m.group(0) and not _MD_NOT_DATE_AFTER.match(text, m.end())
        if (slashed or _FULL_DATE_CUE.search(text, max(0, m.start() - 40), m.start())) and ok(m.start()):
            yield Hit(m.start(), m.end(), "phi.date", "error", _DATE_MSG, _DATE_FIX)
    for m in finditer_near(_DASH_DATE_RE, text, _DASH_DATE_HINT, None, 3, 6, regions=regions):
        opening = not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip(" \t>*#-")
        if (opening or _FULL_DATE_CUE.search(text, max(0, m.start() - 40), m.start())) and ok(m.start()):
            yield Hit(m.start(), m.end(), "phi.date", "error", _DATE_MSG, _DATE_FIX)
    for m in finditer_near(_GLUED_DATE_RE, text, _GLUED_HINT, low, 10, 12, regions=regions):
        if ok(m.start("d")):
            yield Hit(m.start("d"), m.end("d"), "phi.date", "error", _DATE_MSG, _DATE_FIX)
    # an IBAN before the phone patterns, which would take its groups of digits for a phone number
    for m in finditer_near(_IBAN_RE, text, _IBAN_HINT, None, 5, 50, regions=regions):
        if iban_ok(m.group(0).rstrip()) and ok(m.start()):
            yield Hit(m.start(), m.end(), "phi.account", "error", _ACCOUNT_MSG, _ACCOUNT_FIX)
    for m in finditer_near(_PAGER_RE, text, _PAGER_HINT, low, 5, 20, regions=regions):
        word = m.group(0).split()[0].lower().rstrip(".:#")
        if word == "x" and not (_EXTENSION_RE.match(m.group(0)) or (
                _EXTENSION_RE.match(m.group(0).replace(" ", ""))
                and _PHONE_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()))):
            continue  # "x 2000" in a note is a count ("NS .45 X 2000"); an extension follows a phone number
        if word in ("pg", "ext", "x") and len(m.group("num")) < 4:
            continue
        if ok(m.start()):
            yield Hit(m.start("num"), m.end("num"), "phi.phone", "error", _PHONE_MSG, _PHONE_FIX)
    for pattern, hint in ((_SPACED_PHONE_RE, _SPACED_HINT), (_PLUS_PHONE_RE, _PLUS_HINT)):
        for m in finditer_near(pattern, text, hint, None, 40, 50, regions=regions):
            value = m.group(0)
            digits = re.sub(r"\D", "", value)
            if not 7 <= len(digits) <= 15 or is_fictional_phone(value):
                continue
            if _DECIMAL_RE.fullmatch(value):
                continue  # one decimal point and no other separator: a measurement or a coordinate
            plus = value.startswith("+")
            styled = plus or value.startswith("(") or (value.startswith("0") and len(digits) >= 8)
            cue = _PHONE_CUE.search(text, max(0, m.start() - 40), m.start()) is not None \
                or _PHONE_AFTER.match(text, m.end()) is not None
            groups = re.findall(r"\d+", value)
            if len(groups) == 2 and (re.fullmatch(r"(?:19|20)\d\d", groups[0]) or all(
                    len(g) == 4 and int(g[:2]) < 24 and int(g[2:]) < 60 for g in groups)):
                continue  # a year and a number, or a span of clock times (0330-0630)
            if not (styled or cue or (len(groups) >= 3 and len(digits) >= 10)):
                continue
            if "." in value and not plus and not cue:
                continue
            if ok(m.start()):
                yield Hit(m.start(), m.end(), "phi.phone", "error", _PHONE_MSG, _PHONE_FIX)
    for m in finditer_near(_CARD_RE, text, _CARD_HINT, None, 30, 40, regions=regions):
        digits = re.sub(r"\D", "", m.group(0))
        if 12 <= len(digits) <= 19 and luhn(digits) and len(set(digits)) > 2 and ok(m.start()):
            yield Hit(m.start(), m.end(), "phi.account", "error", _ACCOUNT_MSG, _ACCOUNT_FIX)
    for m in finditer_near(_CARD_WORD_RE, low, _CARD_WORD_HINT, None, 0, 60, regions=regions):
        digits = re.sub(r"\D", "", m.group("num"))
        if luhn(digits) and len(set(digits)) > 2 and ok(m.start()):
            yield Hit(m.start("num"), m.end("num"), "phi.account", "error", _ACCOUNT_MSG, _ACCOUNT_FIX)
    yield from _event_dates(text, low, ok, regions)
    yield from ages(text, regions)


# --------------------------------------------------------------------------- dates tied to a clinical event

@cache
def _event_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = lexicons.table("date_cues")

    def alt(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(cues[key], key=len, reverse=True))

    # "fx 5/97", "CABG 1/78", "NQWMI 5/13", "MVA 12/07", "evaluation 7/15", "at 6p 8/28", "prostate CA'88" is a year
    before = re.compile(rf"(?<![\w/])(?:{alt('events_before')})(?:[ \t]+\d{{1,2}}(?::\d\d)?[ap]m?)?[ \t]*$", re.I)
    # "7/2 cath: ..."
    after = re.compile(rf"[ \t]*(?:{alt('events_after')})\b", re.I)
    md = re.compile(r"(?<![\w/.:#+-])(1[0-2]|0?[1-9])/(\d\d?)(?![\w/]|[.,]\d|%)")
    return before, after, md


_MD_FROM_SLASH_RE = re.compile(r"/(?:(?<=(?<![\w/.:#+-])(?P<two>1[0-2]|0[1-9])/)|(?<=(?<![\w/.:#+-])[1-9]/))"
                               r"(?=\d\d?(?![\w/]|[.,]\d|%))")  # the slash of a match of _event_res()'s ``md``


_SLASH_DIGIT_RE = re.compile(r"/(?=\d)")
# a literal first (the regex engine skips to each slash), then _MD_RE's own day and what may follow it
_SLASH_BETWEEN_DIGITS_RE = re.compile(r"/(?<=\d/)(?=(?:3[01]|[12]\d|0?[1-9])(?![\w/]|[.,]\d|%))")


def _month_days(text: str, regions: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    """The matches of ``_MD_RE``, found from their slash (the same matches as ``_MD_RE.finditer``, far faster:
    a pattern that opens with a look-behind is tried at every position)."""
    for h in finditer_in(_SLASH_BETWEEN_DIGITS_RE, text, regions):
        slash = h.start()
        for start in (slash - 2, slash - 1):
            m = _MD_RE.match(text, start) if start >= 0 else None
            if m is not None and m.end(1) == slash:
                yield m
                break


@cache
def _scale_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(scale words, pain words, words after a fraction, date words before, weekdays and drug names) from date_cues.json."""
    cues = lexicons.table("date_cues")
    return (frozenset(cues["scale_words"]), frozenset(cues["pain_words"]), frozenset(cues["scale_after"]),
            frozenset(cues["date_words_before"]), frozenset(cues["weekdays"]) | lexicons.words("drugs"))


_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?,?[ \t]+$")


def _after_weekday(text: str, pos: int) -> bool:
    """True when a weekday name comes right before ``pos`` ("Thursday the 12th", "Fri Oct 3")."""
    word = _WORD_BEFORE_RE.search(text, max(0, pos - 12), pos)
    return word is not None and word.group(1).lower() in _cue_words("weekdays")


def _timeline_entry(text: str, m: re.Match[str]) -> bool:
    """True when the month/day ``m`` opens its line before a word: "10/13 CARDIAC CATH", "10/14 OR-REPAIR"
    (the operating room). Not a small score such as "4/5", an n/10, or one before a word of
    ``not_entry_after`` ("6/8 items", "7/10 with movement")."""
    word = _ENTRY_AFTER_RE.match(text, m.end())
    if word is None or max(int(m.group(1)), int(m.group(2))) <= 5 or m.group(2) == "10":
        return False
    if word.group(1).lower() in _cue_words("not_entry_after") and word.group(1) != "OR":
        return False
    return not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip(" \t>*#-")


_SUM_BEFORE_RE = re.compile(r"(?:[+*=×÷(]|[ \t]-)[ \t]*$")
_SUM_AFTER_RE = re.compile(r"[ \t]*(?:[+=×÷)]|\*(?![*\s]*$)(?!\*)|-[ \t])", re.M)  # (asterisks closing a line are no product)


def _in_sum(text: str, m: re.Match[str]) -> bool:
    """True when an operator stands right before or after a number over a number ("1/5 - 1/5 * 0.5", "= 3/7")."""
    return _SUM_BEFORE_RE.search(text, max(0, m.start() - 4), m.start()) is not None \
        or _SUM_AFTER_RE.match(text, m.end()) is not None


def _count_of(text: str, end: int) -> bool:
    """True when a word of ``count_after`` follows a number over a number: "9/10 items done", "4/6 goals met"."""
    word = _ENTRY_AFTER_RE.match(text, end)
    return word is not None and word.group(1).lower() in _cue_words("count_after")


@cache
def _cue_words(key: str) -> frozenset[str]:
    """One word list of date_cues.json (see its ``_about``) as a set."""
    return frozenset(lexicons.table("date_cues")[key])


def is_scale(text: str, start: int, end: int, second: int) -> bool:
    """True when the number over a number at ``text[start:end]`` is a score, a strength or a fraction: right after a
    scale or vital-sign word ("cp 5/10", "crackles 2/3"), before "up", "way", "bilat" ("2/3 up"), or an n/10 with a
    pain word in the same stretch of the line ("describes pain as 5/10"), or within four words after a ventilator
    mode or setting word ("simv 900 10/25"). Otherwise a date word right before ("since 5/10") keeps it a date."""
    scale, pain, after_words, date_before, _ = _scale_sets()
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40):start].lower().split()
    prev = before[-1].strip(",.;:()") if before else ""
    vent = _cue_words("vent_words")  # "simv 900 10/25", "weaning on 5/5-.40", "PEEP/PS 5/8"
    near = before[-4:]
    if len(near) < 4 and line_start:  # a setting whose mode ends the line before ("Vent\nchanged over to 5/5")
        near = text[max(0, line_start - 40):line_start].lower().split()[-(4 - len(near)):] + near
    if any(w.strip(",.;:()=") in vent or any(part in vent for part in w.strip(",.;:()=").split("/")) for w in near):
        return True
    if prev in date_before:
        return False
    if prev in scale:
        return True
    line_end = text.find("\n", end)
    after = text[end:min(end + 30, len(text) if line_end == -1 else line_end)].lower().split()
    if after and after[0].strip(",.;:()") in after_words:
        return True
    if second == 10:  # a pain word anywhere near on the line: "pain 8/10, given dilaudid ... with relief to 3/10"
        near = text[max(line_start, start - 160):min(end + 60, len(text) if line_end == -1 else line_end)].lower()
        return any(w.strip(",.;:()") in pain for w in near.split())
    return False


_MD_NOT_WORD_BEFORE = re.compile(r"(?<![\w/])" + _MD_NOT_DATE_BEFORE.pattern, re.I)  # whole words: "fx" is no "x"


def _event_dates(text: str, low: str, ok, regions: list[tuple[int, int]] | None = None) -> Iterator[Hit]:
    """A month/day or month/year right after a clinical event word, or before one ("fx 5/97", "7/2 cath")."""
    if "/" not in text:
        return
    before, after, md = _event_res()
    # every match of ``md``, found from its slash (which the regex engine skips to fast): matches of ``md``
    # never overlap, and one starts one or two characters before its slash
    matches = []
    for h in finditer_in(_MD_FROM_SLASH_RE, text, regions):
        m = md.match(text, h.start() - (2 if h.group("two") else 1))
        if m:
            matches.append(m)
    for m in matches:
        month, second = m.group(1), int(m.group(2))
        if not (1 <= second <= 31 or len(m.group(2)) == 2):
            continue
        window = low[max(0, m.start() - 24):m.start()]
        if _MD_NOT_WORD_BEFORE.search(window) or _MD_NOT_DATE_AFTER.match(text, m.end()):
            continue
        if is_scale(text, m.start(), m.end(), second):
            continue
        prev = window.split()[-1].strip(",.;:()?") if window.split() else ""
        if before.search(window) or (second <= 31 and after.match(text, m.end())) \
                or (second <= 31 and prev in _scale_sets()[4]):  # "FRIDAY 10/7", "lasix 4/14"
            if (month == "1" and second in (2, 3, 4)) or (month == "3" and second in (4, 8)):
                continue  # fractions: 1/2, 3/4
            if ok(m.start()):
                yield Hit(m.start(), m.end(), "phi.date", "error", _DATE_MSG, _DATE_FIX)


# an age over 89 opening a note: "98 s/p left hip fx ...", "92 yo woman ..."
_AGE_OPENING_RE = re.compile(r"^[ \t]*(?P<age>9\d|1[0-4]\d)[ \t]*(?:y/?o|yrs?|years?|s/p|h/o|hx|w/|with|f|m|female|male|woman|man|"
                             r"wm|wf|bm|bf)(?![\w])", re.I | re.M)


def ages(text: str, regions: list[tuple[int, int]] | None = None) -> Iterator[Hit]:
    """Ages over 89 at the start of a line (see _AGE_OPENING_RE), searched over ``regions`` when given."""
    for m in finditer_in(_AGE_OPENING_RE, text, regions):
        end = text.find("\n", m.start())
        if not is_fiction_line(text[m.start():end if end != -1 else len(text)]):
            yield Hit(m.start("age"), m.end(), "phi.date", "error", "An age over 89; Safe Harbor treats it as an identifier.",
                      "Group ages 90 and over into one band ('90 or older').")
