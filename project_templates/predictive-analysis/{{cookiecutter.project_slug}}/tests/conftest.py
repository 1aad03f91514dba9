"""Shared fixtures: the project folder and one full analysis run written to a temporary folder."""

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
    return ROOT


@pytest.fixture(scope="session")
def cohort():
    from analysis.data import load

    return load(ROOT / "data" / "cohort.csv")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """(results, folder) of one `python -m analysis` run into a temporary folder."""
    from analysis.report import build

    out = tmp_path_factory.mktemp("reports")
    return build(ROOT, out), out
