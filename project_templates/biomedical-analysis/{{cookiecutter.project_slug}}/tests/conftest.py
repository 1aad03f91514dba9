"""Shared fixtures: the project folder, one in-memory run of the report, and small copies of the data to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def result():
    """The analysis of the project's data, run once for the whole session."""
    import report

    return report.analyse(ROOT)


@pytest.fixture(scope="session")
def outputs(result) -> dict[str, str]:
    import report

    return report.render(dict(result))


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of the project's data (the first 300 genes plus the two markers) to edit and break."""
    (tmp_path / "data").mkdir()
    lines = (ROOT / "data" / "counts.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "data" / "counts.csv").write_text("\n".join(lines[:301] + lines[-2:]) + "\n", encoding="utf-8")
    shutil.copy(ROOT / "data" / "samples.csv", tmp_path / "data" / "samples.csv")
    return tmp_path
