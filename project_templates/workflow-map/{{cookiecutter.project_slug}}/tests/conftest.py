"""Shared fixtures: the project folder, the parsed map, the event log and its metrics."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def root() -> Path:
    """The project folder."""
    return ROOT


@pytest.fixture(scope="session")
def wmap():
    """workflow.yaml, loaded and checked."""
    from workflow_map.model import load

    return load(ROOT / "workflow.yaml")


@pytest.fixture(scope="session")
def events() -> list[dict]:
    """data/events.csv as rows."""
    from workflow_map.measure import read_events

    return read_events(ROOT / "data" / "events.csv")


@pytest.fixture(scope="session")
def metrics(events, wmap) -> dict:
    """Every baseline metric of the event log."""
    from workflow_map.measure import compute

    return compute(events, wmap)
