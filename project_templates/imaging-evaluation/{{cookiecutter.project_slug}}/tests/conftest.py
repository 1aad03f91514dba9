"""Shared fixtures: the project's inputs, the report built once, and a scratch copy to break on purpose."""

from __future__ import annotations

import json
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
    import evaluate

    return evaluate.build(inputs)


@pytest.fixture(scope="session")
def metrics(built: dict[str, str]) -> dict:
    return json.loads(built["metrics.json"])


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    """A copy of the project's inputs that a test may edit."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("evaluation.yaml", "local_validation_plan.yaml", "schemas", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target
