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


# The tests' own copy of my_choices.yaml as it is generated, so they still pass after the author's edits.
BASE_CHOICES = """\
threshold: unanswered
threshold_justification: "not written"
subgroups:
  - area
  - sex
  - discharge_to
deployment_prevalence: null
subgroup_findings: "not written"
intended_use: "not written"
out_of_scope_uses: "not written"
"""


def scratch_project(folder: Path, choices: str = BASE_CHOICES) -> Path:
    """A folder with this project's data and schema and the given my_choices.yaml text."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "schemas", folder / "schemas", dirs_exist_ok=True)
    shutil.copytree(ROOT / "data", folder / "data", dirs_exist_ok=True)
    (folder / "my_choices.yaml").write_text(choices, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """(results, folder) of one full analysis run on the generated choices, written to a temporary folder."""
    from analysis.report import build

    work = scratch_project(tmp_path_factory.mktemp("project"))
    out = tmp_path_factory.mktemp("reports")
    return build(work, out), out
