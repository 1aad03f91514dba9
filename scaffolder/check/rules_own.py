"""Findings that are about no patient, dropped after the rules have run.

Bylines and bibliographic references name authors of published work; a regulation's date dates the
rule. In a project whose author is recorded (``allowed``: the words of the author's name), the author's
own name, web and e-mail addresses, and the towns and dates of a first-person line about the author's
own career are the candidate's, not a patient's.
"""

from __future__ import annotations

import re

from scaffolder.check import rules_people, rules_phi, rules_places
from scaffolder.check.hits import Hit

# A bibliographic reference names the authors of published work, not a patient or a relative:
# "Stetson PD et al. Appl Clin Inform 2012;3(2):164-174", "Koo TK, Li MY. J Chiropr Med 2016", a DOI.
_CITATION_RE = re.compile(
    r"\bet al\.|\bdoi[:\s]|\b(?:19|20)\d\d\s*;\s*\d+|\b(?:19|20)\d\d\)\.?\s+[A-Z]|"
    r"\b[A-Z][a-z]+ [A-Z]{1,3}(?:,| and) [A-Z][a-z]+ [A-Z]{1,3}\b|"
    r"\b[A-Z][a-z]+ (?:and|&) [A-Z][a-z]+ \((?:19|20)\d\d\)")
# A date in a line that cites a regulation ("Since May 2025, 45 CFR 92.210 ...") dates the rule, not a person's care.
_REGULATION_RE = re.compile(r"\b\d+\s+(?:CFR|C\.F\.R\.|U\.S\.C\.|Fed\.\s?Reg\.)\s|§\s?\d")


def _is_citation(line: str) -> bool:
    return _CITATION_RE.search(line) is not None


def not_about_a_patient(hits: list[Hit], text: str, allowed: frozenset[str]) -> list[Hit]:
    """``hits`` without those that are about no patient: names on bylines ("By Dr. José O'Brien-Nguyễn, RN"), in
    bibliographic references or made of the author's own name (``allowed``), dates that date a regulation, and in a
    project with a recorded author, the author's own web and e-mail addresses and the towns and dates of the
    author's own career."""
    out: list[Hit] = []
    for h in hits:
        if h.category == "phi.date":
            start = text.rfind("\n", 0, h.start) + 1
            end = text.find("\n", h.end)
            if _REGULATION_RE.search(text[start:end if end >= 0 else len(text)]):
                continue
        if h.category == "phi.name":
            start = text.rfind("\n", max(0, h.start - 400), h.start) + 1 or max(0, h.start - 400)
            if rules_people.is_byline(text[start:h.end + 200]):
                continue
            end = text.find("\n", h.end)
            if _is_citation(text[start:end if end >= 0 else len(text)]):
                continue
            words = {w.lower() for w in rules_people.TOKEN_RE.findall(text[h.start:h.end])}
            if words and allowed and words <= allowed | {"dr", "mr", "mrs", "ms"}:
                continue
        if allowed and h.category in ("phi.url", "phi.email") and _authors_own(h, text, allowed):
            continue
        if allowed and ((h.category == "phi.geo" and h.message == rules_places.TOWN_MESSAGE) or h.category == "phi.date") \
                and _about_the_author(text, h.start):
            continue
        out.append(h)
    return out


_FIRST_PERSON_RE = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|my|My|we|We|our|Our)\b")
_SOMEONE_ELSE_RE = re.compile(r"\b(?:patients?|pt|pts|client|resident|member|his|her|hers|him|their|son|daughter|wife|husband|"
                              r"mother|father|family|caregiver|he|she|they|lives|living|home|address|mr|mrs|ms|admitted|"
                              r"discharged|seen|born|dob|age|aged)\b", re.I)


def _about_the_author(text: str, pos: int) -> bool:
    """True when the line holding ``pos`` speaks of the project's author (first person: "I worked as a nurse in
    Denver", "I started this project on 3/14") and of nobody else: a town or a date of the author's own career
    is no patient's."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end != -1 else len(text)]
    return _FIRST_PERSON_RE.search(line) is not None and _SOMEONE_ELSE_RE.search(line) is None


def _ascii(text: str) -> str:
    """``text`` lower-cased without accents ("José O'Brien-Nguyễn" -> "jose o'brien-nguyen"), as addresses write names."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))


def _authors_own(h: Hit, text: str, allowed: frozenset[str]) -> bool:
    """A web or e-mail address that is the author's own: in a project whose author is recorded, "my website
    is ..." is the author's, and so is an address holding the author's name ("linkedin.com/in/dana-reyes",
    "dana.reyes@...")."""
    if h.category == "phi.url" and rules_phi.OWN_SITE_REASON in h.message:
        return True
    value = text[h.start:h.end].lower()
    if h.category == "phi.email":
        value = value.split("@", 1)[0]
    elif "://" in value:
        value = value.split("://", 1)[1]
    squeezed = re.sub(r"[^a-z0-9]+", "", _ascii(value))
    names = sorted({part for name in allowed for part in (re.sub(r"[^a-z0-9]+", "", _ascii(name)),
                                                         *re.split(r"[^a-z0-9]+", _ascii(name))) if len(part) >= 2})
    if len(names) == 1:
        return len(names[0]) >= 3 and names[0] in squeezed
    # two of the author's names, or an initial and a name ("dreyes"): one first name alone may be anyone's
    return sum(name in squeezed for name in names) >= 2 or any(
        a[0] + b in squeezed for a in names for b in names if a != b)
