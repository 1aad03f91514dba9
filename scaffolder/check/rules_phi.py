"""Rules for the HIPAA Safe Harbor identifier kinds (``phi.*``), as far as plain text allows.

Structured identifiers (phones, e-mails, SSNs, IPs, ...) are found by shape; names, places and
dates only when the text ties them to a person (patient, DOB, admitted, Mr./Ms., chart of ...).
Reserved fictional ranges are never findings: 555-0100..0199 phones, example domains and reserved
top-level names, documentation IP ranges, ``FAKE-`` ids and the project's own name pools.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import accumulate
from urllib.parse import urlsplit

from scaffolder.check import lexicons
from scaffolder.check.cues import Cues
from scaffolder.check.hits import (
    UPPER_LETTERS,
    Hit,
    find_all,
    is_fiction_line,
    line_bounds,
    line_of,
    lower_same_length,
)
from scaffolder.check.numbers import Numbers
from scaffolder.check.rules_records import is_standard_uri
from synthetic.identifiers import (
    DOCUMENTATION_NETS,
    EXAMPLE_DOMAINS,
    RESERVED_TLDS,
    is_fake_id,
    is_fictional_phone,
)
from synthetic.pools import CLINIC_NAMES, FIRST_NAMES, SURNAMES, VENDOR_NAMES

# --------------------------------------------------------------------------- reserved ranges

_POOL_WORDS = frozenset(
    w for name in SURNAMES + CLINIC_NAMES + VENDOR_NAMES for w in re.split(r"[\s-]+", name)
) | frozenset(SURNAMES) | frozenset(FIRST_NAMES)
POOL_WORDS = _POOL_WORDS
# The pools' first names are common real ones (Maya, Omar, Rosa): alone they prove nothing, so they are fictional
# only in a text that uses them with one of the invented surnames ("Maya Birchwhistle", then "Maya said ...").
_POOL_FIRST_ONLY = frozenset(FIRST_NAMES) - frozenset(
    w for name in SURNAMES + CLINIC_NAMES + VENDOR_NAMES for w in re.split(r"[\s-]+", name))
_POOL_FULL_NAME_RE = re.compile(r"(?<![\w'’-])(" + "|".join(FIRST_NAMES) + r")[ \t]+(?:[A-Z]\.?[ \t]+)?(?:"
                                + "|".join(re.escape(s) for s in SURNAMES) + r")(?![\w'’-])")


def pool_words_in(text: str) -> frozenset[str]:
    """The pool words that mark a name as fictional in ``text``: the invented surnames, clinic and vendor words
    always, a pool first name only where the text pairs it with an invented surname."""
    firsts = {m.group(1) for m in _POOL_FULL_NAME_RE.finditer(text)} if any(s in text for s in SURNAMES) else set()
    return (_POOL_WORDS - _POOL_FIRST_ONLY) | frozenset(firsts)
_POOL_SURNAMES = frozenset(SURNAMES) | frozenset(p for s in SURNAMES for p in s.split("-"))


def is_reserved_domain(host: str) -> bool:
    """True for example.com/.org/.net (and their subdomains) and the reserved top-level names."""
    host = host.lower().rstrip(".")
    if host.endswith(RESERVED_TLDS) or host in {t.lstrip(".") for t in RESERVED_TLDS}:
        return True
    return any(host == d or host.endswith("." + d) for d in EXAMPLE_DOMAINS)


_DOC_NETS_V4 = tuple(ipaddress.ip_network(f"{net}.0/24") for net in DOCUMENTATION_NETS)
_DOC_NET_V6 = ipaddress.ip_network("2001:db8::/32")


def is_reserved_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Documentation ranges, loopback, unspecified and broadcast addresses identify nobody."""
    if address.version == 4:
        if any(address in net for net in _DOC_NETS_V4):
            return True
        return address.is_loopback or address.is_unspecified or str(address) == "255.255.255.255"
    return address in _DOC_NET_V6 or address.is_loopback or address.is_unspecified


def is_pool_name(name: str) -> bool:
    """True when a name is built from the project's invented name pools."""
    words = [w for w in re.split(r"[\s,.-]+", name) if w]
    return bool(words) and any(w in _POOL_SURNAMES for w in words) and all(w in _POOL_WORDS or len(w) == 1 for w in words)


# --------------------------------------------------------------------------- shared context


class _Ctx:
    """One piece of text, its lowered copy (same offsets), its cue positions and per-line caches."""

    __slots__ = ("_date_possible", "_lines", "_numbers", "cues", "low", "parent", "text")

    def __init__(self, text: str, low: str | None = None, cues: Cues | None = None, parent: _Ctx | None = None) -> None:
        self.text = text
        self.low = low if low is not None else lower_same_length(text)
        self.cues = cues if cues is not None else Cues(self.low, WORD_CUES)
        self.parent = parent  # the whole text, when this is only its non-fictional lines
        self._lines: dict[int, tuple[bool, bool, bool]] = {}
        self._date_possible: bool | None = None
        self._numbers: Numbers | None = None

    @property
    def numbers(self) -> Numbers:
        """The text's numbers (see numbers.py)."""
        if self._numbers is None:
            text = self.text
            ascii_digits = text.isascii() or not any(  # every decimal digit is 0-9
                ch.isdecimal()
                for ch in set(text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")))
            self._numbers = Numbers(text, ascii_digits)
        return self._numbers

    @property
    def date_possible(self) -> bool:
        """False when no word in the text could tie a date to a person (so dates need no further look)."""
        if self.parent is not None:
            return self.parent.date_possible
        if self._date_possible is None:
            cues = self.cues
            self._date_possible = any(  # the whole-word checks first: they reuse the word-start pass
                cues.has_word(w) for w in ("patient", "mr", "mrs", "ms", "resident", "client")
            ) or cues.has(" pt.") or any(cues.has(w) for w in _STRONG_GATE)
        return self._date_possible

    def line(self, pos: int) -> tuple[int, int]:
        return line_bounds(self.text, pos)

    def context(self, pos: int) -> tuple[bool, bool, bool]:
        """(strong date context, weak person context, says it is fictional) for the line at ``pos``."""
        start, end = line_bounds(self.text, pos)
        cached = self._lines.get(start)
        if cached is None:
            line = self.low[start:end]
            strong = any(w in line for w in _STRONG_STEMS) and _STRONG_DATE_CONTEXT.search(line) is not None
            weak = any(w in line for w in _WEAK_STEMS) and _WEAK_CONTEXT.search(line) is not None
            fiction = any(w in line for w in _FICTION_STEMS) and is_fiction_line(self.text[start:end])
            cached = (strong, weak, fiction)
            self._lines[start] = cached
        return cached


_ASCII_BYTES = bytes(range(128))
# FICTION_RE's "FAKE-" alternative, on lowered ASCII text
_FAKE_WORD_RE = re.compile(r"fake-(?<=\bfake-)", re.ASCII)


class NonFiction:
    """The lines of a text that do not say they are fictional, with their neighbours, as a smaller text.

    Rules that report nothing on a fictional line read this instead of the whole text, so a CSV of
    synthetic rows (a FAKE- id on every line) shrinks to its header. The lines next to each kept line
    are kept too, so whatever a rule reads across a line end is what the whole text holds there.
    """

    __slots__ = ("_origins", "_starts", "ctx")

    def __init__(self, ctx: _Ctx, starts: list[int], origins: list[int]) -> None:
        self.ctx = ctx
        self._starts = starts  # offset of each kept piece in ctx.text ...
        self._origins = origins  # ... and in the whole text

    @classmethod
    def of(cls, c: _Ctx) -> NonFiction | None:
        """The view of ``c``, or None when it would not be much smaller (or the text is not ASCII).

        Only lines with a ``FAKE-`` id are left out (the cheap, common case); a line kept although
        it is fictional costs time, never a finding.
        """
        text, low = c.text, c.low
        if not text.isascii() or low.count("fake-") * 2 <= low.count("\n"):
            return None  # (on ASCII text the lowered "fake-" matches FICTION_RE exactly)
        lines = low.split("\n")
        search = _FAKE_WORD_RE.search
        others = [i for i, line in enumerate(lines)
                  if not line.startswith("fake-") and ("fake-" not in line or search(line) is None)]
        if len(others) * 2 > len(lines):
            return None
        keep = sorted({j for i in others for j in (i - 1, i, i + 1) if 0 <= j < len(lines)})
        runs: list[list[int]] = []  # [first line, last line] of each run of kept lines
        for i in keep:
            if runs and runs[-1][1] == i - 1:
                runs[-1][1] = i
            else:
                runs.append([i, i])
        lengths = list(accumulate(map(len, lines), initial=0))  # line i starts at lengths[i] + i
        size = len(low)
        spans = [(lengths[first] + first, min(lengths[last + 1] + last + 1, size)) for first, last in runs]
        if sum(end - start for start, end in spans) * 2 > size:
            return None
        starts = list(accumulate((end - start for start, end in spans), initial=0))[:-1]
        small_low = "".join(low[start:end] for start, end in spans)
        small = _Ctx("".join(text[start:end] for start, end in spans), small_low, Cues(small_low), parent=c)
        return cls(small, starts, [start for start, _ in spans])

    def remap(self, hits: Iterator[Hit]) -> Iterator[Hit]:
        """``hits`` in this view, at their offsets in the whole text."""
        starts, origins = self._starts, self._origins
        for hit in hits:
            i = bisect_right(starts, hit.start) - 1
            shift = origins[i] - starts[i]
            yield hit._replace(start=hit.start + shift, end=hit.end + shift)


_STRONG_DATE_CONTEXT = re.compile(
    r"(?i)\b(?:born|birth|birthday|DOB|D\.O\.B|admit(?:ted)?|admission|discharged?|died|death|deceased|passed away|"
    r"date of service|DOS|seen on|visited on|surgery on|operated on|delivered on)\b"
)
_WEAK_CONTEXT = re.compile(r"(?i)\b(?:patient|pt\.|Mr\.?|Mrs\.?|Ms\.?|resident|client)\b")
_STRONG_STEMS = ("born", "birth", "dob", "d.o.b", "admi", "discharg", "died", "death", "deceased", "passed away",
                 "dos", "seen on", "visited on", "surgery on", "operated on", "delivered on")
_WEAK_STEMS = ("patient", "pt.", "mr", "ms", "resident", "client")
_STRONG_GATE = ("born", "birth", "dob", "d.o.b", "admit", "admission", "discharg", "died", "death", "deceased",
                "passed away", "date of service", "seen on", "visited on", "surgery on", "operated on", "delivered on")
_FICTION_STEMS = ("fake-", "fictional", "fictitious", "synthetic", "invented", "made-up", "placeholder")


# --------------------------------------------------------------------------- digits: phones, SSNs, IPs, dates, ids

# Numbers themselves are found by numbers.py.
_ISO_HINT_RE = re.compile(r"-[01]\d-[0-3]\d")  # in every ISO date; quick to look for
_ISO_RE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d(?:[ T][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)?")
_DELETE_DIGITS = str.maketrans("", "", "0123456789")
_STREET_RE = re.compile(
    r"\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+|(?:North|South|East|West)[ \t]+)?(?:[A-Z][a-z]+[ \t]+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle|Cir|"
    r"Parkway|Pkwy|Highway|Hwy|Trail|Square|Sq)\b\.?(?:,?[ \t]+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?[ \t]*\w+)?"
)
_IPV4_FULL = re.compile(r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)")
_SSN_FULL = re.compile(r"(\d{3})-(\d{2})-(\d{4})")
_PHONE_FULL = re.compile(r"(?:\+?1[\s.-]?)?\(?[2-9]\d\d\)?[\s.-]?[2-9]\d\d[\s.-]\d{4}")
_CARD_FULL = re.compile(r"(?:\d{4}[ -]){3}\d{4}")
_DATE_FULL = re.compile(
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|(?:19|20)\d\d-[01]\d-[0-3]\d(?:[ T]\d\d:\d\d(?::\d\d)?)?"
)
_TIMEISH = re.compile(r"[\d:. /-]+")
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
_TOKEN_CHARS_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789-"
_TOLL_FREE = {"800", "833", "844", "855", "866", "877", "888"}

_ID_WORD = r"(?:\s*(?:(?:id|identifier|number|num)\b|(?:no|nr)\b\.?|#))"  # ("no." and "#" end with no word boundary)
_KEYWORD_RULES: tuple[tuple[str, str, str, str], ...] = (
    # (category, keyword pattern on lowered text, what it is, suggestion)
    ("phi.mrn",
     r"mrn|mr\s*#|med(?:ical)?\.?\s*rec(?:ord)?\.?" + _ID_WORD + r"|(?:patient|chart|hospital|health record|record)" + _ID_WORD,
     "a medical record number", "Use a fictional record number with the FAKE- prefix, such as FAKE-MRN-100392."),
    ("phi.health_plan",
     r"(?:medicaid|medicare)(?:\s*card)?" + _ID_WORD + r"?|(?:member|subscriber|beneficiary|policy|insurance|health plan|plan|group|"
     r"policyholder|enrollee)" + _ID_WORD + r"|mbi|hicn",
     "a health plan beneficiary number", "Use a fictional id with the FAKE- prefix, such as FAKE-PLAN-204411."),
    ("phi.account",
     r"(?:bank |billing |patient |guarantor |checking |savings )?(?:account|acct\.?)" + _ID_WORD + r"?|iban|routing"
     + _ID_WORD + r"|(?:credit |debit )?card" + _ID_WORD,
     "an account number", "Use a fictional id with the FAKE- prefix, such as FAKE-ACCT-553019."),
    ("phi.license",
     r"(?:(?:driver'?s?|driving|nursing|medical|rn|lpn|pharmacy|pharmacist|professional|state|practitioner)\s+)?"
     r"licen[cs]e" + _ID_WORD + r"?|dea(?:\s*(?:registration|number|no\.?|#))?|npi" + _ID_WORD + r"?|"
     r"(?:certificate|certification)" + _ID_WORD + r"|dl\s*#",
     "a certificate or license number", "Remove it, or use a fictional id with the FAKE- prefix, such as FAKE-LIC-310072."),
    ("phi.vehicle",
     r"vin|vehicle identification" + _ID_WORD + r"?|(?:license|licence|number|registration|tag)\s+plate" + _ID_WORD
     + r"?|plate" + _ID_WORD,
     "a vehicle identifier or plate", "Remove it; a portfolio never needs a real vehicle identifier."),
    ("phi.device",
     r"serial" + _ID_WORD + r"?|s/n|sn\s*[:#]|device\s*(?:id|identifier|serial|number|no\.?)|udi|imei|"
     r"implant\s*(?:id|serial|number)|pump\s*(?:id|serial)",
     "a device identifier or serial number", "Use a fictional id with the FAKE- prefix, such as FAKE-DEV-771204."),
    ("phi.ssn",
     r"ssn|social security" + _ID_WORD + r"?|ss\s*#|ss number",
     "a Social Security number", "Remove it: a project never needs a Social Security number, not even a fictional one."),
    ("phi.other_id",
     r"(?:employee|staff|student|badge|passport|case|claim|encounter|visit|accession|specimen|requisition|"
     r"prescription|rx|national|tax|itin|ein|tribal|military|veteran|reference|confirmation|tracking|"
     r"authori[sz]ation|nhs|chi|ohip|health card)" + _ID_WORD
     + r"|(?:ref|reference|confirmation|tracking|order)\s*(?:#|no\.|number)",
     "an identifying number", "Remove it, or use a fictional id with the FAKE- prefix, such as FAKE-ID-420118."),
    ("phi.geo", r"zip(?:\s*code)?|postal code|post ?code", "a ZIP code",
     "Keep at most the first three digits where that area is large, or remove it."),
    ("phi.phone", r"phone|tel|telephone|cell|mobile|desk|direct|landline|call(?:back)?|pager|contact" + _ID_WORD + r"?",
     "a phone number", "Remove it, or use a fictional number such as 212-555-0142."),
    ("phi.fax", r"fax" + _ID_WORD + r"?", "a fax number", "Remove it, or use a fictional number such as 212-555-0142."),
)
_KEYWORD_TAIL_RE = re.compile(
    r"(?<![a-z0-9])(?:" + "|".join(f"(?P<k{i}>{pat})" for i, (_, pat, _, _) in enumerate(_KEYWORD_RULES)) + r")"
    r"(?![a-z0-9])\s*(?:[:#=]|no\.|is|was|of|reads|listed as)?\s*(?:[:#=]\s*)?$"
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_KEYWORD_LAST_WORDS = frozenset(["mrn", "id", "identifier", "number", "num", "no", "nr", "record", "medicaid", "medicare", "mbi", "hicn", "account", "acct", "iban", "card", "license", "licence", "npi", "dea", "vin", "plate", "s/n", "sn", "serial", "udi", "imei", "ssn", "security", "zip", "code", "postcode", "postal", "phone", "tel", "telephone", "cell", "mobile", "desk", "direct", "landline", "call", "callback", "pager", "contact", "fax", "is", "was", "of", "reads", "as", "ref", "reference", "confirmation", "tracking", "order"])
_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
           "OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")
_CITY_STATE_TAIL = re.compile(rf"[A-Z][a-zA-Z.'-]+(?:\s[A-Z][a-zA-Z.'-]+){{0,3}},\s*(?:{_STATES})\.?\s+$")
_VERSION_BEFORE = re.compile(r"(?:\bv|version|release|==|>=|<=|~=|\bver\.?)\s*$", re.I)


def _phone_hit(c: _Ctx, start: int, end: int, number: str, keyword_cat: str | None = None) -> Hit | None:
    if is_fictional_phone(number):
        return None
    text = c.text
    line_start, _ = line_bounds(text, start)
    window = c.low[max(line_start, start - 48):start]
    fax = window.rfind("fax")
    later = max(window.rfind(w) for w in ("phone", "tel", "cell", "mobile", "call"))
    category = keyword_cat or ("phi.fax" if fax != -1 and fax > later else "phi.phone")
    kind = "fax number" if category == "phi.fax" else "phone number"
    digits = re.sub(r"\D", "", number)
    area = digits[-10:-7] if len(digits) >= 10 else ""
    return Hit(
        start, end, category, "warning" if area in _TOLL_FREE else "error",
        f"A real-looking {kind} ({number.strip()}); it may identify a person.",
        "Remove it, or use a fictional number such as 212-555-0142 (only 555-0100 to 555-0199 are reserved for fiction).",
    )


def _ssn_is_issuable(digits: str) -> bool:
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in {"000", "666"} and group != "00" and serial != "0000"


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _ip_hit(start: int, end: int, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> Hit | None:
    if is_reserved_ip(address):
        return None
    private = address.is_private or address.is_link_local
    return Hit(
        start, end, "phi.ip", "warning" if private else "error",
        f"An IP address ({address}){' on a private network' if private else ''}; it may identify a person's device.",
        "Remove it, or use a documentation address such as 192.0.2.10 or 2001:db8::10.",
    )


def _date_hit(c: _Ctx, start: int, end: int, what: str, needs_strong: bool = False) -> Hit | None:
    strong, weak, fiction = c.context(start)
    if fiction or not (strong or (weak and not needs_strong)) or not c.date_possible:
        return None
    return Hit(start, end, "phi.date", "error",
               f"{what} ({c.text[start:end]}) tied to a person (birth, admission, visit, discharge or death).",
               "Keep only the year, or describe timing relatively ('day 3 after admission').")


def _valid_day_month(token: str) -> bool:
    parts = re.split(r"[/.-]", token.split(" ")[0].split("T")[0])
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    if len(parts[0]) == 4:
        return 1 <= int(parts[1]) <= 12 and 1 <= int(parts[2]) <= 31
    a, b = int(parts[0]), int(parts[1])
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


_LONG_PART_RE = re.compile(r"[^ ]{5,}")


@functools.lru_cache(maxsize=8192)
def _number_shape(token: str) -> str:
    """Which rule a number's text alone leads to (numbers repeat: in tables, logs and junk, so this is cached)."""
    dots = token.count(".")
    ndigits = len(token) - len(token.translate(_DELETE_DIGITS))
    if dots == 3 and _IPV4_FULL.fullmatch(token):
        return "ip"
    if ndigits == 9 and _SSN_FULL.fullmatch(token):
        return "ssn" if _ssn_is_issuable(token.replace("-", "")) else "done"
    if 10 <= ndigits <= 11 and _PHONE_FULL.fullmatch(token):
        return "phone"
    if ndigits == 16 and _CARD_FULL.fullmatch(token):
        digits = token.replace(" ", "").replace("-", "")
        return "card" if _luhn(digits) and len(set(digits)) > 2 else "done"
    if ndigits <= 8 and _DATE_FULL.fullmatch(token):
        return "date" if _valid_day_month(token) else "done"
    if " " in token:
        return "split"
    if _TIMEISH.fullmatch(token) and (":" in token or dots > 1 or token.count("/") > 1):
        return "done"
    return "keyword"


def _classify_number(c: _Ctx, start: int, end: int, allow_split: bool = True) -> Iterator[Hit]:
    text = c.text
    token = text[start:end]
    if start and text[start - 1] in "(+" and (text[start - 1] == "+" or ")" in token[:4]):
        start -= 1
        token = text[start:end]
    shape = _number_shape(token)
    if shape == "keyword":
        yield from _keyword_id(c, start, end)
    elif shape == "done":
        return
    elif shape == "ip":
        if text[end:end + 1] == "." and text[end + 1:end + 2].isdigit():
            return
        if not _VERSION_BEFORE.search(text, max(0, start - 12), start):
            hit = _ip_hit(start, end, ipaddress.IPv4Address(token))
            if hit:
                yield hit
    elif shape == "ssn":
        yield Hit(start, end, "phi.ssn", "error", f"This looks like a Social Security number ({token}).",
                  "Remove it: a project never needs a Social Security number, not even a fictional one.")
    elif shape == "phone":
        hit = _phone_hit(c, start, end, token)
        if hit:
            yield hit
    elif shape == "card":
        yield Hit(start, end, "phi.account", "error", "This looks like a payment card number.",
                  "Remove it; use a fictional id with the FAKE- prefix if a record needs an account.")
    elif shape == "date":
        hit = _date_hit(c, start, end, "A date")
        if hit:
            yield hit
    elif allow_split:  # "split": the parts between spaces of five characters or more
        for piece in _LONG_PART_RE.finditer(token):
            part = piece.group()
            if part[0].isdigit() and part[-1].isdigit():
                yield from _classify_number(c, start + piece.start(), start + piece.end(), allow_split=False)
    elif not (_TIMEISH.fullmatch(token) and (":" in token or token.count(".") > 1 or token.count("/") > 1)):
        yield from _keyword_id(c, start, end)


_MARKUP_RE = re.compile(r"[<>\[\]{}|*_`]")


def _keyword_id(c: _Ctx, start: int, end: int) -> Iterator[Hit]:
    text = c.text
    line_start = text.rfind("\n", 0, start) + 1
    head = _MARKUP_RE.sub(" ", c.low[max(line_start, start - 48):start]).rstrip(_TOKEN_CHARS_LOWER).rstrip(" \t:#=.(")
    if not head or not (head[-1].isalpha() or head[-1] in "#/"):
        return
    # widen to the whole identifier token (letters and dashes around the digits)
    s, e = start, end
    while s > 0 and text[s - 1] in _TOKEN_CHARS:
        s -= 1
    while e < len(text) and text[e] in _TOKEN_CHARS:
        e += 1
    token = text[s:e].strip("-")
    s = text.find(token, s)
    e = s + len(token)
    if is_fake_id(token):
        return
    line_start, _ = line_bounds(text, s)
    # (markup around the label is read as space: "<td>MRN: 48392", "**MRN**: 48392", "| MRN | 48392 |")
    window = _MARKUP_RE.sub(" ", c.low[max(line_start, s - 48):s])
    words = window.rstrip(" \t:#=.").rsplit(None, 1)
    last = words[-1].strip(":#=.(") if words else ""
    m = _KEYWORD_TAIL_RE.search(window) if last in _KEYWORD_LAST_WORDS or last.endswith("#") else None
    if m is None:
        if len(token) == 5 and token.isdigit():
            tail = _CITY_STATE_TAIL.search(text, max(line_start, s - 60), s)
            if tail and not c.context(s)[2]:
                yield Hit(tail.start(), e, "phi.geo", "error",
                          f"This looks like a city with state and ZIP code ({text[tail.start():e]}), geography smaller than a state.",
                          "Remove it; say only the state or region, or use an invented place.")
        return
    index = next(i for i in range(len(_KEYWORD_RULES)) if m.group(f"k{i}") is not None)
    category, _, what, suggestion = _KEYWORD_RULES[index]
    digits = re.sub(r"\D", "", token)
    if category in {"phi.phone", "phi.fax"}:
        if re.fullmatch(r"\d{10}|\d{3}[\s.-]?\d{4}", token) and token[0] not in "01":
            hit = _phone_hit(c, s, e, token, category)
            if hit:
                yield hit
        return
    if category == "phi.geo":
        if re.fullmatch(r"\d{5}(?:-\d{4})?", token):
            yield Hit(s, e, "phi.geo", "error", f"A ZIP code ({token}), geography smaller than a state.", suggestion)
        return
    if category == "phi.ssn":
        if len(digits) == 9 and _ssn_is_issuable(digits):
            yield Hit(s, e, "phi.ssn", "error", f"This looks like a Social Security number ({token}).", suggestion)
        return
    if len(digits) < 3 or len(token) < 5 or _YEAR_RE.fullmatch(token) or (len(set(digits)) == 1 and token.isdigit()):
        return
    yield Hit(s, e, category, "error",
              f"This looks like {what} ({token}) next to the words '{m.group(f'k{index}').strip()}'.", suggestion)


def _digits(c: _Ctx) -> Iterator[Hit]:
    """Numbers of every shape; ISO dates are left to ``_iso_dates``."""
    text = c.text
    for start, end in c.numbers.find():
        token = text[start:end]
        if len(token) >= 10 and token[4] == "-" and token[7] == "-":
            continue
        if token[-1] in " \t":
            street = _STREET_RE.match(text, start)
            if street and not (start and text[start - 1].isalnum()) and not c.context(start)[2]:
                yield Hit(start, street.end(), "phi.geo", "error",
                          f"This looks like a street address ({street.group(0)}), geography smaller than a state.",
                          "Remove it; say only the state or region, or use an invented place.")
            continue
        if start and (text[start - 1].isalnum() and text[start - 1] not in _TOKEN_CHARS):
            continue
        yield from _classify_number(c, start, end)


def _iso_dates(c: _Ctx) -> Iterator[Hit]:
    """ISO dates (2024-03-05, with an optional time) at the start of a number."""
    text = c.text
    if not _ISO_HINT_RE.search(text):
        return
    for start, end in c.numbers.find(iso=True):
        iso = _ISO_RE.match(text, start, end)
        if iso and _valid_day_month(iso.group(0)) and not (start and text[start - 1].isalnum()):
            hit = _date_hit(c, start, iso.end(), "A date")
            if hit:
                yield hit


# --------------------------------------------------------------------------- other shapes

_INTL_PHONE_RE = re.compile(r"\+(?!1\b)[2-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w-]|[.,]\d)")
_MBI_RE = re.compile(
    r"[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}(?![\w-])"
)
_VIN_RE = re.compile(r"[A-HJ-NPR-Z0-9]{17}(?![\w-])")
_MAC_ANCHOR_RE = re.compile(r"[:-][0-9A-Fa-f]{2}[:-][0-9A-Fa-f]{2}[:-]")
_MAC_COLON_RE = re.compile(r":[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}:")
_MAC_RE = re.compile(r"(?:[0-9A-Fa-f]{2}([:-]))(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])")
_IPV6_ANCHOR_RE = re.compile(r"::|:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:")
_HEXCOLON = frozenset("0123456789abcdefABCDEF:")
_HEX_RUN_RE = re.compile(r"[0-9A-Fa-f:]*")

_VIN_VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))),
               "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def _vin_check(vin: str) -> bool:
    total = sum(_VIN_VALUES[ch] * w for ch, w in zip(vin, _VIN_WEIGHTS))
    check = total % 11
    return vin[8] == ("X" if check == 10 else str(check))


_PLATE_RE = re.compile(r"(?:[ \t]+(?:number|no\.?|#))?[ \t]*[:#]?[ \t]*(?P<tok>(?=[a-z]*\d)[a-z0-9]{2,4}[ -]?[a-z0-9]{2,5})\b")


def _plates(c: _Ctx) -> Iterator[Hit]:
    text = c.text
    for pos in c.cues.find("plate"):
        m = _PLATE_RE.match(c.low, pos + 5)
        if m and any(ch.isalpha() for ch in m.group("tok")) and not c.context(pos)[2]:
            yield Hit(m.start("tok"), m.end("tok"), "phi.vehicle", "error",
                      f"This looks like a vehicle plate ({text[m.start('tok'):m.end('tok')]}).",
                      "Remove it; a portfolio never needs a real vehicle identifier.")


def _shapes(c: _Ctx) -> Iterator[Hit]:
    text = c.text
    if "+" in text:
        for m in _INTL_PHONE_RE.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "+"):
                continue
            digits = re.sub(r"\D", "", m.group(0))
            if not 9 <= len(digits) <= 15 or (digits.startswith("44207946") and digits[8] == "0"):
                continue
            hit = _phone_hit(c, m.start(), m.end(), m.group(0))
            if hit:
                yield hit
    mbi_matches = []
    for cue in ("medicare", "mbi"):
        for pos in c.cues.find(cue):
            found = _MBI_RE.search(text, pos, pos + 60)
            if found:
                mbi_matches.append(found)
    for m in mbi_matches:
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
            continue
        yield Hit(m.start(), m.end(), "phi.health_plan", "error",
                  f"This looks like a Medicare Beneficiary Identifier ({m.group(0)}).",
                  "Use a fictional id with the FAKE- prefix, such as FAKE-PLAN-204411.")
    if c.cues.has_word("vin") or c.cues.has("vehicle"):
        for m in _VIN_RE.finditer(text):
            vin = m.group(0)
            if (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-")) or vin.isdigit() or vin.isalpha():
                continue
            if sum(ch.isdigit() for ch in vin) >= 3 and sum(ch.isalpha() for ch in vin) >= 3 and _vin_check(vin):
                yield Hit(m.start(), m.end(), "phi.vehicle", "error",
                          f"This looks like a vehicle identification number ({vin}).",
                          "Remove it; a portfolio never needs a real vehicle identifier.")
    seen_mac: set[int] = set()
    mac_anchor = _MAC_ANCHOR_RE if c.cues.has_word("mac") else _MAC_COLON_RE
    for anchor in mac_anchor.finditer(text):
        start = anchor.start() - 2
        if start < 0 or start in seen_mac:
            continue
        m = _MAC_RE.match(text, start)
        if not m or (start and (text[start - 1].isalnum() or text[start - 1] in ":-")):
            continue
        seen_mac.add(start)
        mac = m.group(0).upper().replace("-", ":")
        if mac.startswith("00:00:5E:00:53:") or mac in {"00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF"}:
            continue
        yield Hit(m.start(), m.end(), "phi.device", "error",
                  f"This looks like a device's hardware (MAC) address ({m.group(0)}).",
                  "Remove it, or use the documentation range 00:00:5E:00:53:xx.")
    pos = 0  # each run of hex digits and colons is read once: linear time
    while True:
        anchor = _IPV6_ANCHOR_RE.search(text, pos)
        if anchor is None:
            break
        s, e = anchor.start(), _HEX_RUN_RE.match(text, anchor.end()).end()
        pos = max(e, anchor.end())
        while s > 0 and text[s - 1] in _HEXCOLON and anchor.start() - s < 64:
            s -= 1
        candidate = text[s:e]
        if len(candidate) > 45:
            continue
        if (s and (text[s - 1].isalnum() or text[s - 1] in "._")) or (e < len(text) and (text[e].isalnum() or text[e] == "_")):
            continue
        groups = [g for g in candidate.split(":") if g]
        if len(groups) < 3 or candidate.count(":") < 2:
            continue
        try:
            address = ipaddress.IPv6Address(candidate)
        except ValueError:
            continue
        hit = _ip_hit(s, e, address)
        if hit:
            yield hit


# --------------------------------------------------------------------------- e-mail, URLs

_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
_EMAIL_HOST_RE = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])"
)
_NOREPLY_RE = re.compile(r"^(?:no-?reply|do-?not-?reply|noreply\+)|noreply\.github\.com$|users\.noreply\.", re.I)


_AT_RE = re.compile(r"(?<=[A-Za-z0-9._%+-])@(?=[A-Za-z0-9])")


def _emails(c: _Ctx) -> Iterator[Hit]:
    text = c.text
    if "@" not in text:
        return
    for at_match in _AT_RE.finditer(text):  # only an "@" between address characters (linear on "@@@@...")
        at = at_match.start()
        host = _EMAIL_HOST_RE.match(text, at + 1)  # first: it fails fast on decorators and handles
        local = _EMAIL_LOCAL_RE.search(text, max(0, at - 64), at) if host else None
        if not local or not host:
            continue
        start = local.start()
        while start < at and not text[start].isalnum():
            start += 1
        if start == at:
            continue
        address = text[start:host.end()]
        domain = host.group(0)
        if is_reserved_domain(domain) or _NOREPLY_RE.search(address) or _NOREPLY_RE.search(domain):
            continue
        if domain.lower().endswith((".png", ".jpg", ".svg", ".gif", ".webp", ".py", ".js", ".ts")):
            continue
        yield Hit(start, host.end(), "phi.email", "error",
                  f"A real-looking e-mail address ({address}); it may identify a person.",
                  "Remove it, or use a fictional address at a reserved domain such as name@clinic.example.")


_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'`)\]}|\\]+")
_SHARE_HOSTS = (
    "drive.google.com", "docs.google.com", "dropbox.com", "box.com", "onedrive.live.com", "1drv.ms",
    "sharepoint.com", "wetransfer.com", "icloud.com", "we.tl",
)
# "patient" only as a record: an id key, a path segment holding a number, or a query key ("patient-education" is a topic).
_PERSONAL_URL_PART = re.compile(
    r"patients?[_-]?(?:id|no|num|number|key)\b|patients?/(?=[^/?#\s]*\d)|[?&;]patients?[^=&#/]*=|"
    r"(?<![a-z])(?:mrn|dob|ssn)(?![a-z])|\bchart|member[_-]?id|mychart|medical[_-]?record|person[_-]?id|pt[_-]?id", re.I
)
_PERSON_CONTEXT = re.compile(
    r"\b(?:patient|pt\.|DOB|MRN|chart of|Mr\.?|Mrs\.?|Ms\.?|resident|client|his|her|their (?:son|daughter|mother|father))\b",
    re.I,
)


# A web address is a Safe Harbor identifier when it is someone's own: "my website is ...", "just posted a photo ...",
# "I've shared files with you ...", or a bare home page alone on its line or on a country's domain.
_PERSONAL_SITE_LINE = re.compile(
    r"\bmy[ \t]+(?:own[ \t]+)?(?:website|web[ \t]?site|site|blog|homepage|home[ \t]page|page|portfolio|profile|channel|shop)\b|"
    r"\b(?:posted|uploaded|shared)\b[^\n]{0,30}?\b(?:photos?|pictures?|pics?|files?|videos?|with[ \t]+you|here)\b", re.I)
_INSTITUTION_HOST = re.compile(r"\.(?:gov|edu|int|mil)(?:\.[a-z]{2})?$|\.(?:ac|gob|gouv|govt|nhs)\.[a-z]{2}$")


OWN_SITE_REASON = "the sentence presents it as someone's own site or shared page"


def _public_host(host: str) -> bool:
    from scaffolder.check import lexicons

    hosts = lexicons.words("public_hosts")
    return _INSTITUTION_HOST.search(host) is not None or any(host == h or host.endswith("." + h) for h in hosts)


def _personal_site(host: str, path: str, query: str, line: str, url: str) -> bool:
    """True when ``line`` presents the URL as a person's own site or shared page (see _PERSONAL_SITE_LINE)."""
    from scaffolder.check import lexicons

    if _public_host(host) or is_fiction_line(line):
        return False
    if _PERSONAL_SITE_LINE.search(line):
        return True
    if path not in ("", "/") or query:
        return False  # a page deep in a site is documentation far more often than someone's home page
    # a bare home page alone on its line, on a country's domain (projects' own .io, .sh, .dev ... sites aside)
    alone = line.strip(" \t>*-•|").rstrip(".,;:!?") == url
    tld = host.rsplit(".", 1)[-1]
    return alone and len(tld) == 2 and tld not in lexicons.words("project_tlds")


_SYSTEM_BEFORE = re.compile(r"(?:\bsystem[ \t]+value[ \t]*=[ \t]*|\"system\"[ \t]*:[ \t]*)[\"']\Z")


def _urls(c: _Ctx) -> Iterator[Hit]:
    text = c.text
    if not c.cues.has("://") and "www." not in text:
        return
    anchors = sorted(set(c.cues.find("://")) | {p + 3 for p in find_all(text, "www.")})
    covered = 0  # the end of the last address read: "www." inside "https://www." is the same address
    for anchor in anchors:
        start = anchor
        while start > 0 and text[start - 1].isalpha() and anchor - start < 6:
            start -= 1
        if start < covered:
            continue
        m = _URL_RE.match(text, start)
        if not m or (start and text[start - 1].isalnum()):
            continue
        covered = m.end()
        url = m.group(0).rstrip(".,;:!?*")
        try:
            parts = urlsplit(url if "://" in url else "http://" + url)
            host = (parts.hostname or "").lower()
        except ValueError:
            continue
        if not host or is_reserved_domain(host) or host in {"localhost", "127.0.0.1", "0.0.0.0"}:
            continue
        if is_standard_uri(url) or _SYSTEM_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # (a record's identifier system names a numbering scheme: "system": "http://.../identifiers/mrn")
        rest = f"{parts.path}?{parts.query}#{parts.fragment}"
        line = line_of(text, m.start())
        if _PERSONAL_URL_PART.search(host) or _PERSONAL_URL_PART.search(rest):
            reason, severity = "its address points at a person's record or portal", "error"
        elif _PERSON_CONTEXT.search(_URL_RE.sub(" ", line)) and not is_fiction_line(line):
            reason, severity = "the sentence ties it to a person", "error"
        elif any(host == h or host.endswith("." + h) for h in _SHARE_HOSTS) and len(parts.path) > 1:
            reason, severity = "it is a private share link that may open a real document", "warning"
        elif _personal_site(host, parts.path, parts.query, line, url):
            reason, severity = OWN_SITE_REASON, "error"
        else:
            continue
        yield Hit(m.start(), m.start() + len(url), "phi.url", severity,
                  f"A web address that may identify a person: {reason}.",
                  "Remove it, or use a fictional address such as https://portal.example.org/.")


# --------------------------------------------------------------------------- names

# One name with Unicode letters, an apostrophe after a first capital and a hyphen: "Renée", "O'Sullivan-Baptiste",
# "Côté-Lavoie", "McKenzie" (a second capital inside); at least one small letter, so "ICU" is no name.
_PART = rf"[{UPPER_LETTERS}](?:['’][{UPPER_LETTERS}])?[^\W\d_A-Z]+(?:[A-Z][^\W\d_A-Z]+)?"
_NAME = rf"{_PART}(?:-{_PART})?"
_FULL_NAME = rf"{_NAME}(?:[ \t]+[A-Z]\.)?(?:[ \t]+{_NAME}){{0,2}}"
_STOP_WORDS = frozenset(["a", "an", "and", "or", "the", "with", "without", "in", "on", "for", "at", "to", "from", "by", "is", "was", "are", "were", "be", "been", "i", "we", "you", "it", "this", "that", "these", "those", "of", "as", "if", "not", "no", "yes", "all", "any", "each", "every", "some", "our", "your", "my", "his", "her", "their", "its", "who", "whom", "which", "what", "when", "where", "how", "safety", "education", "experience", "portal", "portals", "record", "records", "data", "care", "name", "names", "id", "identifier", "number", "numbers", "summary", "summaries", "note", "notes", "intake", "outcome", "outcomes", "satisfaction", "flow", "journey", "engagement", "access", "advocate", "advocates", "information", "info", "population", "cohort", "cohorts", "demographics", "age", "ages", "sex", "gender", "table", "tables", "list", "lists", "count", "counts", "level", "levels", "risk", "risks", "survey", "surveys", "feedback", "friendly", "facing", "centered", "centred", "reported", "generated", "message", "messages", "question", "questions", "instructions", "materials", "material", "handout", "handouts", "leaflet", "leaflets", "guide", "guides", "letter", "letters", "privacy", "rights", "consent", "identity", "matching", "registration", "scheduling", "visit", "visits", "encounter", "encounters", "registry", "panel", "volume", "wait", "waits", "travel", "transport", "line", "lines", "category", "type", "types", "group", "groups", "status", "story", "stories", "voice", "voices", "council", "advisory", "family", "families", "support", "navigation", "navigator", "navigators", "services", "service", "teaching", "understanding", "readability", "preferences", "preference", "history", "histories", "chart", "charts", "ids", "identifiers", "workflow", "workflows", "view", "views", "profile", "profiles", "details", "detail", "file", "files", "form", "forms", "search", "harm", "harms", "monitoring", "monitor", "assistance", "assistant", "reminders", "reminder", "follow", "followup", "follow-up", "calls", "call", "triage", "discharge", "discharges", "admission", "admissions", "transfer", "transfers", "room", "rooms", "bed", "beds", "mrn", "dob", "ai", "ml", "api", "faq", "readme", "phi", "pii", "hipaa", "ehr", "emr", "fhir", "csv", "json", "self", "report", "reports", "score", "scores", "scoring", "persona", "personas", "segment", "segments", "journey", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "today", "tomorrow", "yesterday", "nurse", "nurses", "doctor", "doctors", "physician", "physicians", "clinician", "clinicians", "admin", "admins", "reviewer", "reviewers", "analyst", "analysts", "staff", "team", "teams", "manager", "managers", "coordinator", "coordinators", "scheduler", "schedulers", "volunteer", "volunteers", "health", "healthcare", "medical", "clinical", "clinic", "clinics", "hospital", "hospitals", "center", "centre", "practice", "practices", "department", "plan", "plans", "member", "members", "client", "clients", "resident", "residents", "patient", "patients", "user", "users", "people", "person", "persons"])

_PERSON_NOUNS = ("patient", "client", "resident", "member", "pt.")
_TITLES = ("Mr", "Ms", "Mx", "Dr", "Miss")
# Cues these rules need only where a word starts (found together in one pass, see cues.py).
WORD_CUES: tuple[str, ...] = (*_PERSON_NOUNS, *(t.lower() for t in _TITLES), "mrs", "his ", "her ", "chart", "record",
                              "age", "vin", "mac")
_AFTER_PERSON_RE = re.compile(
    r"(?:'s|’s)?(?:[ \t]+[Nn]ame)?[ \t]*(?:[:,=–-][ \t]*|[ \t]+(?:named|called|is|was)[ \t]+|[ \t]+)"
    rf"(?P<name>{_FULL_NAME})"
)
# (a first initial may come before the name: "Dr B Muse", "Dr. J. Rose")
_TITLE_RE = re.compile(rf"(?P<title>Mr|Mrs|Ms|Mx|Dr|Miss)(?:\.[ \t]*|[ \t]+)(?P<name>(?:[A-Z]\.?[ \t]+)?{_FULL_NAME})")
_FIELD_PREFIX_RE = re.compile(
    r"(?:full|legal|first|last|given|family|maiden|mother'?s|father'?s|guardian'?s?|next[ -]of[ -]kin|"
    r"emergency contact|patient|member|client|resident|caregiver|spouse)[ _-]?$"
)
_AFTER_NAME_FIELD_RE = re.compile(rf"[ \t]*[:=][ \t]*[\"']?(?P<name>{_FULL_NAME})")
_RELATIVE_RE = re.compile(
    r"(?:wife|husband|son|daughter|mother|father|brother|sister|partner|spouse|caregiver|employer|neighbou?r|"
    r"grandson|granddaughter|aunt|uncle|niece|nephew|guardian),?[ \t]+"
)
_CHART_RE = re.compile(rf"s?[ \t]+(?:of|for|belonging to)[ \t]+(?P<name>{_NAME}[ \t]+{_NAME})")
_NAME_TAIL_RE = re.compile(
    rf"(?P<name>{_NAME}(?:[ \t]+[A-Z]\.)?[ \t]+{_NAME}),?[ \t]*[(\[]?[ \t]*(?:(?:a|an)[ \t]+\d{{1,3}}[- ]?)?$"
)


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[-1].lower().strip(".") in _STOP_WORDS:
        words.pop()
    return " ".join(words)


def _name_hit(c: _Ctx, start: int, name: str, why: str, severity: str = "error", single_ok: bool = True) -> Hit | None:
    name = _clean_name(name)
    if not name:
        return None
    words = name.replace(".", " ").split()
    if words[0].lower() in _STOP_WORDS or (not single_ok and len(words) < 2):
        return None
    if is_pool_name(name) or c.context(start)[2]:
        return None
    return Hit(start, start + len(name), "phi.name", severity, f"A person's name ({name}) {why}.",
               "Use a FAKE- id (FAKE-PT-000123) or a role ('the patient', 'a nurse') instead of a name.")


def _names(c: _Ctx) -> Iterator[Hit]:
    text, low, cues = c.text, c.low, c.cues
    for noun in _PERSON_NOUNS:
        for pos in cues.starts(noun):
            after = pos + len(noun)
            if low.startswith("'s ", after) or low.startswith("’s ", after):
                rel = _RELATIVE_RE.match(low, after + 3)
                n = re.match(_FULL_NAME, text[rel.end():rel.end() + 60]) if rel else None
                if rel and n:
                    hit = _name_hit(c, rel.end(), n.group(0), "of a patient's relative or contact")
                    if hit:
                        yield hit
            nxt = text[after:after + 3]
            if not any(ch.isupper() or ch in ":,=–-'’" for ch in nxt):
                continue
            m = _AFTER_PERSON_RE.match(text, after)
            if m and noun == "pt." and m.group("name").split()[0].lower() not in lexicons.person_names():
                continue  # "... for this pt. Dialysis was ...": "pt." ends a sentence; the next one starts capitalised
            if m:
                hit = _name_hit(c, m.start("name"), m.group("name"), "next to the word patient (or client, member, resident)")
                if hit:
                    yield hit
    title_starts = sorted(p for title in _TITLES for p in cues.starts(title.lower()) if text.startswith(title, p))
    for pos in title_starts:
        m = _TITLE_RE.match(text, pos)
        if m:
            hit = _name_hit(c, m.start(), m.group(0), "with a title (Mr., Ms., Dr. ...)",
                            "warning" if m.group("title") == "Dr" else "error")
            if hit:
                yield hit
    for pos in cues.find("name"):
        m = _AFTER_NAME_FIELD_RE.match(text, pos + 4)
        if not m:
            continue
        line_start, _ = line_bounds(text, pos)
        before = low[max(line_start, pos - 24):pos]
        at_line_start = not before.strip(" \t>*-#|")
        if _FIELD_PREFIX_RE.search(before) or (at_line_start and len(m.group("name").split()) >= 2):
            hit = _name_hit(c, m.start("name"), m.group("name"), "in a name field", single_ok=not at_line_start)
            if hit:
                yield hit
    for possessive in ("his ", "her "):
        for pos in cues.starts(possessive):
            m = _RELATIVE_RE.match(low, pos + len(possessive))
            if m:
                n = re.match(_FULL_NAME, text[m.end():m.end() + 60])
                if n:
                    hit = _name_hit(c, m.end(), n.group(0), "of a patient's relative or contact")
                    if hit:
                        yield hit
    for noun in ("chart", "record"):
        for pos in cues.starts(noun):
            m = _CHART_RE.match(text, pos + len(noun))
            if m:
                hit = _name_hit(c, m.start("name"), m.group("name"), "tied to a chart or record", single_ok=False)
                if hit:
                    yield hit
    for cue in ("dob", "born", "mrn", "year", "aged"):
        for pos in cues.find(cue):
            line_start, _ = line_bounds(text, pos)
            m = _NAME_TAIL_RE.search(text, max(line_start, pos - 60), pos)
            if m:
                hit = _name_hit(c, m.start("name"), m.group("name"), "next to a birth date, age or record number",
                                single_ok=False)
                if hit:
                    yield hit


# --------------------------------------------------------------------------- dates and ages

_MONTH_WORD = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
               r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH_ANCHOR_RE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?[ \t]+\d")
_MONTH_DATE_RE = re.compile(
    rf"{_MONTH_WORD}\.?[ \t]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?[ \t]+(?P<year>(?:19|20)\d\d))?(?![\d%])"
    rf"|{_MONTH_WORD}\.?,?[ \t]+(?P<myear>(?:19|20)\d\d)\b"
)
_DAY_BEFORE_RE = re.compile(r"[0-3]?\d(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$")
_AGE_NUM_RE = re.compile(r"(?:9\d|1[0-4]\d)(?!\d|[.,]\d)")
_AGE_NUM_BEFORE_RE = re.compile(r"(?:9\d|1[0-4]\d)[- ]?$")
_AGE_AFTER_RE = re.compile(r"[- ]?(?:years?[- ]old|yrs?[- ]old|year-old|y/?o\b|yo\b)")
_AGE_BEFORE_RE = re.compile(r"(?:\bage[ds]?|\baged)[ \t]*[:=]?[ \t]*$")
_AGE_NOT_AFTER_RE = re.compile(r"[ \t]*(?:\+|and (?:over|older|above)|or (?:over|older)|[-–]\d)")


def _dates(c: _Ctx) -> Iterator[Hit]:
    text, low = c.text, c.low
    for anchor in _MONTH_ANCHOR_RE.finditer(text):
        if anchor.start() and text[anchor.start() - 1].isalpha():
            continue
        m = _MONTH_DATE_RE.match(text, anchor.start())
        if not m:
            continue
        start = m.start()
        if m.group("myear"):
            before = _DAY_BEFORE_RE.search(text, max(0, start - 12), start)
            if before:
                hit = _date_hit(c, before.start(), m.end(), "A date")
            else:
                hit = _date_hit(c, start, m.end(), "A month and year", needs_strong=True)
        else:
            if int(m.group("day")) == 0 or int(m.group("day")) > 31:
                continue
            after = text[m.end():m.end() + 12].lstrip()
            if not m.group("year") and after[:1].isalpha() and after.split(" ")[0].lower() in {
                    "minutes", "days", "patients", "percent", "hours", "weeks"}:
                continue
            hit = _date_hit(c, start, m.end(), "A date")
        if hit:
            yield hit
    age_spots: set[int] = set()
    for cue in ("year", "yr", "y/o", "yo "):
        for pos in c.cues.find(cue):
            if not (low[pos - 1:pos].isdigit() or low[pos - 2:pos - 1].isdigit()):
                continue
            num = _AGE_NUM_BEFORE_RE.search(low, max(0, pos - 5), pos)
            if num:
                age_spots.add(num.start())
    for pos in c.cues.starts("age"):
        num = _AGE_NUM_RE.search(low, pos + 3, pos + 12)
        if num:
            age_spots.add(num.start())
    for start in sorted(age_spots):
        m = _AGE_NUM_RE.match(text, start)
        if not m or (start and (text[start - 1].isdigit() or text[start - 1] in ".,")):
            continue
        after = _AGE_AFTER_RE.match(low, m.end())
        before = None if after else _AGE_BEFORE_RE.search(low, max(0, start - 10), start)
        if not (after or before) or _AGE_NOT_AFTER_RE.match(text, m.end()) or c.context(start)[2]:
            continue
        end = after.end() if after else m.end()
        yield Hit(before.start() if before else start, end, "phi.date", "error",
                  f"An age over 89 ({text[before.start() if before else start:end]}); Safe Harbor treats it as an identifier.",
                  "Group ages 90 and over into one band ('90 or older').")


# --------------------------------------------------------------------------- geography

_STREET_ANCHOR_RE = re.compile(
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle|Cir|"
    r"Parkway|Pkwy|Highway|Hwy|Trail|Square|Sq)\b\.?"
)
_STREET_BEFORE_RE = re.compile(r"\b\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+|(?:North|South|East|West)[ \t]+)?(?:[A-Z][a-z]+[ \t]+){1,3}$")
_PO_BOX_RE = re.compile(r"p\.?\s?o\.?\s+box\s+\d+")
_LIVES_RE = re.compile(
    r"(?:[ \t]+(?:at|in|on|near)|[ \t]*[:=]|[ \t]+is)?[ \t]+(?P<place>[A-Z][a-zA-Z'-]+(?:[ ,]+[A-Z][a-zA-Z'-]+){0,3})"
)


def _places(c: _Ctx) -> Iterator[Hit]:
    text, low = c.text, c.low
    for pos in c.cues.find("box "):
        m = _PO_BOX_RE.search(low, max(0, pos - 6), pos + 16)
        if m and not c.context(pos)[2]:
            yield Hit(m.start(), m.end(), "phi.geo", "error", "This looks like a post office box address.",
                      "Remove it; say only the state or region.")
    for cue in ("lives", "resides", "address", "hometown"):
        for pos in c.cues.find(cue):
            m = _LIVES_RE.match(text, pos + len(cue))
            if not m:
                continue
            place = m.group("place")
            if place.split()[0].lower() in _STOP_WORDS or c.context(pos)[2]:
                continue
            yield Hit(m.start("place"), m.end("place"), "phi.geo", "error", f"A place ({place}) tied to where a person lives.",
                      "Remove it; describe the setting without naming a town, street or ZIP code.")


# --------------------------------------------------------------------------- biometrics, photos

_BIOMETRIC_CUES = ("print", "scan", "voice sample", "facial")
_BIOMETRIC_WORD_RE = re.compile(
    r"(?:finger|thumb|voice|palm|face)[ -]?prints?$|(?:retina|retinal|iris)[ \t]+scans?$"
)
_BIOMETRIC_NOT = re.compile(r"(?:key|ssh|gpg|pgp|certificate|cert|tls|browser|sha-?\d*|md5|device|file|schema)[ \t]*$")
_BIOMETRIC_EVIDENCE = re.compile(r"(?<![\w-])(?=[\w-]*\d{3})[\w-]{4,}|\.(?:wav|mp3|m4a|bmp|png|jpe?g|wsq|bin|dat|fmr|iso)\b", re.I)


def _biometrics(c: _Ctx) -> Iterator[Hit]:
    text, low = c.text, c.low
    for cue in _BIOMETRIC_CUES:
        for pos in c.cues.find(cue):
            end = pos + len(cue)
            while end < len(low) and low[end] == "s":
                end += 1
            if cue in ("print", "scan"):
                m = _BIOMETRIC_WORD_RE.search(low, max(0, pos - 10), end)
                if not m:
                    continue
                start = m.start()
            else:
                start = pos
            if _BIOMETRIC_NOT.search(low, max(0, start - 16), start):
                continue
            _, line_end = line_bounds(text, end)
            if not _BIOMETRIC_EVIDENCE.search(text, end, min(line_end, end + 60)):
                continue
            yield Hit(start, end, "phi.biometric", "warning",
                      f"A reference to a biometric identifier ({text[start:end]}) with an id or file next to it.",
                      "Remove the biometric reference; describe the workflow without a real person's prints or recordings.")


_IMAGE_EXT_RE = re.compile(r"\.(?:jpe?g|png|heic|gif|bmp|tiff?|webp|dcm)\b")
_IMAGE_NAME_BEFORE_RE = re.compile(r"[\w./%-]+$")
_PHOTO_WORDS = re.compile(
    r"face|headshot|selfie|portrait|mugshot|patient|\behr\b|\bemr\b|wound|id[-_ ]?card|passport|driver|"
    r"photo of (?:a |the |my |our )?(?:patient|resident|client|person|man|woman|child)"
)


def _photos(c: _Ctx) -> Iterator[Hit]:
    text, low = c.text, c.low
    for m in _IMAGE_EXT_RE.finditer(low):
        name = _IMAGE_NAME_BEFORE_RE.search(low, max(0, m.start() - 120), m.start())
        start = name.start() if name else m.start()
        line_start, line_end = line_bounds(text, start)
        if not _PHOTO_WORDS.search(low, line_start, line_end) or c.context(start)[2]:
            continue
        yield Hit(start, m.end(), "phi.photo", "warning",
                  f"An image ({text[start:m.end()]}) that may show a person's face or a real record.",
                  "Use no photos of real people or real screens; use a chart made from the synthetic data instead.")


RULES: tuple[Callable[[_Ctx], Iterator[Hit]], ...] = (
    _digits, _iso_dates, _plates, _shapes, _emails, _urls, _names, _dates, _places, _biometrics, _photos,
)
# Rules that report nothing on a line saying it is fictional: they may read only the other lines.
_SKIP_FICTION = frozenset({_iso_dates, _plates, _names, _dates, _places, _photos})


def scan(text: str, low: str | None = None, cues: Cues | None = None) -> list[Hit]:
    """Every ``phi.*`` hit in ``text`` (which the caller has masked: disclaimer blocks, FILL hints, blobs)."""
    c = _Ctx(text, low, cues)
    view = NonFiction.of(c)
    hits: list[Hit] = []
    for rule in RULES:
        if view is not None and rule in _SKIP_FICTION:
            hits.extend(view.remap(rule(view.ctx)))
        else:
            hits.extend(rule(c))
    return hits
