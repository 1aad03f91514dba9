"""Shared fixtures: the project folder, the query results, and one dashboard build in a temporary folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def root() -> Path:
    """The project folder."""
    return ROOT


@pytest.fixture(scope="session")
def results():
    """Every analysis query's result, run once."""
    from dashboard.queries import run_all

    return run_all(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One dashboard build written to a temporary folder (the project's reports/ is left alone)."""
    from dashboard.build import build

    return build(ROOT, tmp_path_factory.mktemp("reports"))
