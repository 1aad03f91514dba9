"""Shared fixtures: the project's root, and a scratch copy of it that a test may break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def data() -> dict:
    """Everything the report shows, collected once for the session."""
    import report  # scripts/ is on the path through pytest.ini

    return report.collect(ROOT)


@pytest.fixture()
def scratch(tmp_path: Path) -> Path:
    """A copy of the project's inputs (data, rewrites, change logs, score sheets, schemas)."""
    target = tmp_path / "project"
    for name in ("data", "rewrites", "changelog", "scores", "schemas"):
        shutil.copytree(ROOT / name, target / name)
    (target / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "project.json", target / "scripts" / "project.json")
    return target
