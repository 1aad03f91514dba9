"""Name pools for fictional people, clinics and vendors, drawn by index.

First names are common given names; surnames are invented compound words, so a full name is
fictional by construction and never taken from a list of real people. Clinic and vendor names are
invented too, and no pool carries a street address.
"""

from __future__ import annotations

import random

FIRST_NAMES: tuple[str, ...] = (
    "Ada", "Amara", "Anouk", "Bea", "Caio", "Chidi", "Dana", "Darius", "Elif", "Emeka",
    "Farah", "Femi", "Greta", "Hana", "Idris", "Ines", "Jonah", "Kai", "Keiko", "Lena",
    "Luca", "Maya", "Mateo", "Nadia", "Noor", "Omar", "Pilar", "Priya", "Quinn", "Rafa",
    "Rosa", "Sami", "Soren", "Tala", "Teo", "Uma", "Vera", "Wren", "Yara", "Zane",
)

SURNAMES: tuple[str, ...] = (
    "Amberlane", "Birchwhistle", "Brightmoor", "Cedarquill", "Copperfen", "Dawnridge",
    "Elmsworth-Vale", "Fernhollow", "Goldmarsh", "Hazelbrook-Quay", "Ivorymere", "Juniperfold",
    "Kestrelwick", "Lanternby", "Marrowcliff", "Nettlewood", "Oakenshore", "Pebblecombe",
    "Quillhaven", "Rivermint", "Saffronby", "Thistledown-Rey", "Umberfield", "Velvetmoss",
    "Willowquist", "Yarrowmede",
)

CLINIC_NAMES: tuple[str, ...] = (
    "Maple Grove Family Practice", "Harbourlight Community Clinic", "Cedar Hollow Health Centre",
    "Bluefern Specialty Clinic", "Riverbend Outpatient Centre", "Lanternfield Medical Group",
    "Willowmere Wellness Clinic", "Stonebridge Care Centre",
)

VENDOR_NAMES: tuple[str, ...] = (
    "Clarinote Health AI", "Wardwise Analytics", "Lumen Triage Systems", "Quietloop Messaging",
    "Scribewell Labs", "Pathglow Insights",
)


def person_name(rng: random.Random) -> str:
    """A fictional full name: a common first name and an invented surname."""
    first = FIRST_NAMES[int(rng.random() * len(FIRST_NAMES))]
    last = SURNAMES[int(rng.random() * len(SURNAMES))]
    return f"{first} {last}"


def person_name_at(index: int) -> str:
    """The ``index``-th fictional name, cycling through every first/last pairing once."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = SURNAMES[(index // len(FIRST_NAMES) + index) % len(SURNAMES)]
    return f"{first} {last}"
