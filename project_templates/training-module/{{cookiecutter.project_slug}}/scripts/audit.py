"""A small, in-project identifier screen for audited prompts (regular expressions, no downloads).

It looks for the identifier shapes the audit cares about: names after a cue word, medical record
numbers, and phone numbers. It is a first pass for a reviewer, not a de-identification tool: it
will miss identifiers written in other ways, and a real audit also reads the prompts.
"""

from __future__ import annotations

import re

MRN = re.compile(r"\b(?:FAKE-MRN-\d+|MRN[:#\s]*\d{5,})\b")
PHONE = re.compile(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b")
NAME = re.compile(r"\b(?:patient|for|to|Mr\.|Ms\.|Mrs\.)\s+([A-Z][a-z]+)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def screen(prompt: str) -> set[str]:
    """The identifier kinds found in one prompt: a subset of {"name", "mrn", "phone"}."""
    found = set()
    if MRN.search(prompt):
        found.add("mrn")
    if PHONE.search(prompt):
        found.add("phone")
    if NAME.search(prompt):
        found.add("name")
    return found


def key_kinds(contains: str) -> set[str]:
    """The kinds an audit-key value names ("none", "name", "name+mrn", ...)."""
    return set() if contains == "none" else set(contains.split("+"))
