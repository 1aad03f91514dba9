"""Shared fixtures: the project's checklist, data and scripts, importable from the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import score  # scripts/ is on the path through pytest.ini

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def checklist() -> dict[str, Any]:
    return score.load_checklist()


@pytest.fixture(scope="session")
def vendors() -> dict[str, dict[str, Any]]:
    return score.load_vendors()


@pytest.fixture(scope="session")
def claims() -> dict[str, list[dict[str, str]]]:
    return score.load_claims()
