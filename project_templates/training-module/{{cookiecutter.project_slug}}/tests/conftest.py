"""Shared fixtures: the project's inputs, the analysis built once, and a scratch copy to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from inputs import Inputs, load  # scripts/ is on the path through pytest.ini

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def inputs() -> Inputs:
    return load(ROOT)


@pytest.fixture(scope="session")
def analysis(inputs: Inputs) -> dict:
    import report

    return report.analyse(inputs)


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    """A copy of the project's inputs that a test may edit."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("quiz", "schemas", "data"):
        shutil.copytree(ROOT / name, target / name)
    return target
