"""Career data (scaffolder/data/career.json): bridges per background, posting flags, questions. One source of truth."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Flag:
    """A green or red flag of a job posting, found by its cues (or computed, for the two that need context)."""

    id: str
    kind: str  # "green" or "red"
    label: str
    cues: tuple[re.Pattern[str], ...]
    computed: bool


@dataclass(frozen=True)
class Question:
    """A question to ask before applying, and what in the posting makes it unnecessary."""

    id: str
    text: str
    ask_unless: tuple[str, ...]
    ask_unless_cue: re.Pattern[str] | None
    ask_if_patient_data: bool
    ask_if_lanes_close: bool


def _rx(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


@lru_cache(maxsize=1)
def raw() -> dict[str, Any]:
    """The JSON as loaded."""
    return json.loads(resources.files("scaffolder").joinpath("data/career.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def flags() -> tuple[Flag, ...]:
    """Every posting flag, green first."""
    return tuple(Flag(f["id"], f["kind"], f["label"], tuple(_rx(c) for c in f.get("cues", [])), bool(f.get("computed")))
                 for f in raw()["flags"])


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    """The guide's questions to ask before applying."""
    return tuple(Question(q["id"], q["text"], tuple(q.get("ask_unless", [])),
                          _rx(q["ask_unless_cue"]) if q.get("ask_unless_cue") else None,
                          bool(q.get("ask_if_patient_data")), bool(q.get("ask_if_lanes_close")))
                 for q in raw()["questions"])


@lru_cache(maxsize=1)
def lane_keywords() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Posting keywords per lane, as whole-word patterns."""
    return {lane: tuple(_rx(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])") for w in words)
            for lane, words in raw()["posting_lanes"].items()}


@lru_cache(maxsize=1)
def skill_families() -> dict[str, re.Pattern[str]]:
    """Requirement families used to spot kitchen-sink postings."""
    return {name: _rx(rx) for name, rx in raw()["skill_families"].items()}


def pattern(name: str) -> re.Pattern[str]:
    """A named single pattern (``patient_data_cues``, ``entry_cues``)."""
    return _rx(raw()[name])
