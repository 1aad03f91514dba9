"""Structured health records (HL7 FHIR as XML or JSON) read by field.

In a FHIR resource the field says what a value is: ``name/family`` and ``name/given`` are names,
``birthDate``, ``start|end`` and the fields that date an event (``effectiveDateTime``, ``issued``,
``authoredOn`` ...) dates, ``address/line|city|district|postalCode`` places,
``telecom/value`` a phone or e-mail, ``identifier/value`` a record number or national id, and
``photo/url`` a photo. Standards namespaces and code systems (hl7.org/fhir, loinc.org, snomed.info,
``urn:oid:``, ``urn:ietf:`` ...: ``data/standards_hosts.txt``) are never values of these fields and
are never findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scaffolder.check import lexicons
from scaffolder.check.hits import Hit
from synthetic.identifiers import is_fake_id

_FHIR_HINT = re.compile(r"hl7\.org/fhir|\"resourceType\"\s*:|<(?:Patient|Practitioner|RelatedPerson|Person)\b")
_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w.-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>")
_VALUE_ATTR = re.compile(r"\bvalue\s*=\s*[\"']([^\"']*)[\"']")
_JSON_RE = re.compile(r"\"(family|given|birthDate|deceasedDateTime|line|city|district|postalCode|value|valueString|start|end|"
                      r"url|system|identifier|telecom|photo|address|name|period|[a-z]\w*(?:DateTime|Date)|date|issued|"
                      r"authoredOn|created|recorded|sent|received|occurred|display)\"\s*:\s*(\[\s*)?(\"(?:[^\"\\]|\\.)*\")?")
# a reference to a person's resource: the display text next to it is that person's name
_PERSON_REFERENCE = re.compile(r"(?:Patient|Practitioner|RelatedPerson|Person|PractitionerRole)/[^\"'<>\s]+[\"']")
# Fields that date an event of a person's care (admission, service, observation, order ...): a day-precise value
# in one is a Safe Harbor date. (A record's own metadata, such as meta.lastUpdated, is not one of them.)
_EVENT_DATE_FIELDS = frozenset(["date", "issued", "authoredOn", "created", "recorded", "sent", "received", "occurred"])
_DAY_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")

_WHAT = {
    "name": ("phi.name", "A name in a record's name field."),
    "date": ("phi.date", "A date more precise than the year in a record's date field."),
    "geo": ("phi.geo", "A street, town or postcode in a record's address field."),
    "phone": ("phi.phone", "A phone number in a record's telecom field."),
    "email": ("phi.email", "An e-mail address in a record's telecom field."),
    "mrn": ("phi.mrn", "A record number in a record's identifier field."),
    "other_id": ("phi.other_id", "An identifier in a record's identifier field."),
    "photo": ("phi.photo", "A photo of the person in a record's photo field."),
}
_FIX = "Replace the value with a synthetic one (FAKE- ids, fictional names, 555-01xx numbers), or drop the field."


def is_standard_uri(value: str) -> bool:
    """True for a standards namespace or code system (never an identifier)."""
    low = value.strip().lower()
    if low.startswith(("urn:oid:", "urn:ietf:", "urn:iso:", "urn:uuid:", "urn:hl7")):
        return True
    host = re.sub(r"^[a-z]+://", "", low).split("/", 1)[0].split(":", 1)[0]
    hosts = lexicons.words("standards_hosts")
    return any(host == h or host.endswith("." + h) for h in hosts)


def _kind(field: str, parents: list[str], block: str) -> str | None:
    parent = next((p for p in reversed(parents) if p in ("name", "address", "telecom", "identifier", "period", "photo",
                                                          "coding", "type", "code", "relationship", "extension")), "")
    if field in ("family", "given") and parent == "name":
        return "name"
    if field in ("birthDate", "deceasedDateTime", "start", "end") or field in _EVENT_DATE_FIELDS \
            or field.endswith(("DateTime", "Date")):
        return "date"  # (start and end: of a period, an appointment or a slot)
    if field in ("line", "city", "district", "postalCode") and parent == "address":
        return "geo"
    if field == "value" and parent == "telecom":
        return "email" if "email" in block else "phone"
    if field == "value" and parent == "identifier":
        return "mrn" if re.search(r"\bMR\b|\bMRN\b|medical record", block) else "other_id"
    if field == "url" and parent == "photo":
        return "photo"
    return None


_MAIDEN_NAME_URL = re.compile(r"mothersMaidenName|maidenName", re.I)


def _extension_kind(opening: str) -> str | None:
    """What an extension's text value is, from the extension's url: a mother's maiden name is a name."""
    return "name" if _MAIDEN_NAME_URL.search(opening) else None


def scan(text: str) -> Iterator[Hit]:
    """Every hit read from FHIR fields in ``text`` (nothing when the text is not a FHIR record)."""
    if not _FHIR_HINT.search(text):
        return
    if "<" in text and _TAG_RE.search(text):
        yield from _xml(text)
    if '"resourceType"' in text:
        yield from _json(text)


def _hit(kind: str, start: int, end: int) -> Hit:
    category, message = _WHAT[kind]
    return Hit(start, end, category, "error", message, _FIX)


def _useful(kind: str, value: str) -> bool:
    value = value.strip()
    if not value or is_standard_uri(value):
        return False
    if kind == "date":
        return _DAY_DATE.match(value) is not None
    if kind in ("mrn", "other_id", "phone"):
        return any(ch.isdigit() for ch in value) and not is_fake_id(value)  # (FAKE- ids are fictional)
    return True


def _xml(text: str) -> Iterator[Hit]:
    stack: list[tuple[str, int]] = []
    for m in _TAG_RE.finditer(text):
        closing, tag, attrs, selfclose = m.groups()
        tag = tag.split(":")[-1]
        if closing:
            while stack and stack[-1][0] != tag:
                stack.pop()
            if stack:
                stack.pop()
            continue
        value = _VALUE_ATTR.search(attrs)
        if value is not None and tag == "display":
            if value.group(1).strip() and _names_a_person(text, m.start()):
                yield _hit("name", m.start(), m.end())
            continue
        if value is not None:
            parents = [t for t, _ in stack]
            block_start = next((pos for t, pos in reversed(stack) if t in ("telecom", "identifier")), m.start())
            kind = _kind(tag, parents, text[block_start:m.end() + 400] if tag == "value" else "")
            if kind is None and tag == "valueString" and parents and parents[-1] == "extension":
                kind = _extension_kind(text[stack[-1][1]:m.start()])
            if kind and _useful(kind, value.group(1)):
                yield _hit(kind, m.start(), m.end())
        if not selfclose:
            stack.append((tag, m.start()))


def _json(text: str) -> Iterator[Hit]:
    # a light reading: the nearest enclosing key decides (good enough for FHIR's regular shape)
    last: dict[str, int] = {}
    for m in _JSON_RE.finditer(text):
        key, array, quoted = m.group(1), m.group(2), m.group(3)
        if quoted is None and key in ("name", "address", "telecom", "identifier", "period", "photo"):
            last[key] = m.start()
            continue
        if quoted is None and not array:
            continue
        value = quoted[1:-1] if quoted else ""
        if key == "display":
            if quoted and _names_a_person(text, m.start()):
                yield _hit("name", m.start(), m.end())
            continue
        holders = sorted(((pos, k) for k, pos in last.items()), reverse=True)
        parent = holders[0][1] if holders else ""
        block = text[holders[0][0]:m.end() + 200] if holders else ""
        kind = _kind(key, [parent], block)
        if kind is None and key == "valueString":
            kind = _extension_kind(text[max(0, m.start() - 200):m.start()].rsplit("{", 1)[-1])
        if kind and (_useful(kind, value) or (array and kind in ("name", "geo"))):
            # in an array the value may sit on the line below its key ("family": [\n "Briet"]): the finding is there
            yield _hit(kind, m.start(3) if array and quoted else m.start(), m.end())


def _names_a_person(text: str, pos: int) -> bool:
    """True when a reference to a person's resource (Patient/..., Practitioner/...) stands just before ``pos``
    in the same element, so the display text at ``pos`` is that person's name."""
    before = text[max(0, pos - 160):pos]
    cut = max(before.rfind("}"), before.rfind("{"), before.rfind("</"))
    return _PERSON_REFERENCE.search(before[cut + 1:]) is not None
