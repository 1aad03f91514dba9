"""Shared fixtures: the project's inputs, and a scratch copy of the project to break on purpose."""

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
def built(inputs: Inputs) -> dict[str, str]:
    """The report files' text, built once for the session."""
    import report

    return report.build(inputs)


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    """A copy of the project's inputs that a test may edit."""
    target = tmp_path / "project"
    for name in ("rubric.yaml", "my_ratings.yaml", "schemas", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target
