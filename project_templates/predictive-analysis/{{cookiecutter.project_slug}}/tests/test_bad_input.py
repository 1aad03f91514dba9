"""What a person can get wrong gets one sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE_CHOICES, ROOT

from analysis import choices
from analysis.data import load
from analysis.errors import AnalysisError

COLUMNS = {"site", "area", "sex", "age", "discharge_to"}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    work = tmp_path / "p"
    (work / "schemas").mkdir(parents=True)
    shutil.copy(ROOT / "schemas" / "my_choices.schema.json", work / "schemas")
    (work / "my_choices.yaml").write_text(BASE_CHOICES, encoding="utf-8")
    return work


def _edit(project: Path, old: str, new: str) -> None:
    path = project / "my_choices.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _one_sentence(message: str) -> None:
    assert message.endswith(".") and "Traceback" not in message
    assert ". " not in message.rstrip(".").replace("e.g. ", "")


@pytest.mark.parametrize(("new", "expect"), [
    ("threshold: 1.5", "strictly between 0 and 1"),
    ("threshold: -0.1", "strictly between 0 and 1"),
    ("threshold: 0", "strictly between 0 and 1"),
    ("threshold: high", "strictly between 0 and 1"),
    ("threshold: true", "strictly between 0 and 1"),
])
def test_bad_threshold(project: Path, new: str, expect: str) -> None:
    _edit(project, "threshold: unanswered", new)
    with pytest.raises(AnalysisError) as info:
        choices.load(project, COLUMNS)
    assert expect in str(info.value) and "line 1" in str(info.value)
    _one_sentence(str(info.value))


@pytest.mark.parametrize("typed", ['"0.2"', "20%", "0.2"])
def test_a_threshold_typed_as_text_or_percent_is_accepted(project: Path, typed: str) -> None:
    _edit(project, "threshold: unanswered", f"threshold: {typed}")
    assert choices.load(project, COLUMNS).threshold == pytest.approx(0.2)


def test_unknown_subgroup_column(project: Path) -> None:
    _edit(project, "  - sex", "  - ethnicity")
    with pytest.raises(AnalysisError) as info:
        choices.load(project, COLUMNS)
    assert "no column 'ethnicity'" in str(info.value)
    _one_sentence(str(info.value))


@pytest.mark.parametrize("value", ["0", "1", "1.2"])
def test_deployment_prevalence_of_0_or_1(project: Path, value: str) -> None:
    _edit(project, "deployment_prevalence: null", f"deployment_prevalence: {value}")
    with pytest.raises(AnalysisError) as info:
        choices.load(project, COLUMNS)
    assert "strictly between 0 and 1" in str(info.value)
    _one_sentence(str(info.value))


@pytest.mark.parametrize(("old", "new"), [
    ("subgroups:\n  - area", "subgroups: area"),
    ("subgroups:\n  - area", "subgroups: []\n  - area"),
    ("intended_use: ", "intended use: "),
    ("threshold: unanswered", "threshold: [0.1"),
])
def test_malformed_edits(project: Path, old: str, new: str) -> None:
    _edit(project, old, new)
    with pytest.raises(AnalysisError) as info:
        choices.load(project, COLUMNS)
    assert str(info.value).startswith("my_choices.yaml")


def test_cohort_with_no_events_at_a_site(root: Path, tmp_path: Path) -> None:
    lines = (root / "data" / "cohort.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    i = header.index("readmit_30d")
    fixed = [lines[0]] + [",".join(c if k != i else "0" for k, c in enumerate(line.split(","))) for line in lines[1:]]
    path = tmp_path / "cohort.csv"
    path.write_text("\n".join(fixed) + "\n", encoding="utf-8")
    with pytest.raises(AnalysisError) as info:
        load(path)
    assert "prevalence of 0 or 1" in str(info.value)


@pytest.mark.parametrize("content", ["", "patient_id,site\n"])
def test_emptied_or_cut_data_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "cohort.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnalysisError):
        load(path)


def test_command_line_prints_one_line_for_bad_input(root: Path, tmp_path: Path) -> None:
    work = tmp_path / "copy"
    shutil.copytree(root, work, ignore=shutil.ignore_patterns("reports", ".venv", "__pycache__"))
    (work / "my_choices.yaml").write_text(BASE_CHOICES.replace("threshold: unanswered", "threshold: 7"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "--out", str(tmp_path / "r")], cwd=work,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "strictly between 0 and 1" in result.stderr
    assert not (tmp_path / "r").exists()
