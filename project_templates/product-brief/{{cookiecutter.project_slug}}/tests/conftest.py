"""Shared fixtures: the project root, the build script as a module, the data files."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_brief


@pytest.fixture(scope="session")
def bb():
    """The build script, imported as a module."""
    return build_brief


@pytest.fixture(scope="session")
def time_study() -> list[dict[str, str]]:
    """data/time_study.csv as rows of strings."""
    with (ROOT / "data" / "time_study.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def snippets() -> list[dict[str, str]]:
    """data/interview_snippets.csv as rows of strings."""
    with (ROOT / "data" / "interview_snippets.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def personas() -> list[dict]:
    """data/personas.json."""
    return json.loads((ROOT / "data" / "personas.json").read_text(encoding="utf-8"))
