"""Shared fixtures: the project's checklist and data, loaded the way scripts/build.py loads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import build  # scripts/ is on the path through pytest.ini
import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data() -> dict[str, Any]:
    return build.load_all()


@pytest.fixture(scope="session")
def checklist(data: dict[str, Any]) -> dict[str, Any]:
    return data["checklist"]
