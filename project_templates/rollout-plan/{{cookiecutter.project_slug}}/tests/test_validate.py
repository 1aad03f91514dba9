"""Mistakes people make in plan/*.yaml: one sentence each, naming the file, the line and the fix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import validate


@pytest.fixture()
def plan(tmp_path: Path, root: Path) -> Path:
    shutil.copytree(root / "plan", tmp_path / "plan")
    return tmp_path / "plan"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(path: Path) -> list[str]:
    with pytest.raises(validate.PlanError) as caught:
        validate.load(path)
    return caught.value.problems


CASES = [
    ("threshold: 0.90", "threshold: high", "'threshold' is \"high\", but it must be a number"),
    ("threshold: 0.90", 'threshold: "90%"', "0.9"),
    ("threshold: 0.90", "threshold: 90", "share between 0 and 1"),
    ("    level: target", "    level: maybe", "use 'must'"),
    ("comparison: \">=\"", "comparison: \"~\"", "use one of >=, <="),
    ("    metric: training_complete_share", "    metric: training_completed", "did you mean 'training_complete_share'"),
    ("    threshold: 0.90", "    treshold: 0.90", "'treshold' is not a known key here; did you mean 'threshold'"),
    ("  - id: training-all\n", "  - id: stop-rule\n", "used twice"),
    ("    if_missed: Book", "    if_missed: Book: protected", "the YAML cannot be read"),
    ("    label: Lowest completion in any one role", "    label: " + "x" * 300, "300 characters long; shorten it"),
]


def test_unicode_text_is_fine(plan: Path) -> None:
    path = plan / "go-no-go.yaml"
    _edit(path, "    label: Lowest completion in any one role", "    label: Niedrigste Quote je Rolle, für Ärztinnen 🩺")
    assert "für" in validate.load(path)["criteria"][6]["label"]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_go_no_go_mistakes(plan: Path, old: str, new: str, expected: str) -> None:
    path = plan / "go-no-go.yaml"
    _edit(path, old, new)
    problems = _problems(path)
    assert len(problems) == 1, problems
    assert problems[0].startswith("plan/go-no-go.yaml, line "), problems[0]
    assert expected in problems[0]
    line = int(problems[0].split("line ")[1].split(":")[0])
    text_line = path.read_text(encoding="utf-8").splitlines()[line - 1]
    if "cannot be read" not in problems[0] and "used twice" not in problems[0]:
        assert new.strip().split(":")[0].strip().lstrip("- ") in text_line


def test_synonyms_people_type_are_accepted(plan: Path) -> None:
    path = plan / "go-no-go.yaml"
    _edit(path, 'comparison: ">="', "comparison: at least")
    _edit(path, "level: must", "level: Must")
    data = validate.load(path)
    assert data["criteria"][0]["level"] == "must"
    assert ">=" in [c["comparison"] for c in data["criteria"]]


def test_lowercase_raci_letters_are_read_as_capitals(plan: Path) -> None:
    path = plan / "stakeholders.yaml"
    _edit(path, "raci: {sponsor: A, impl-lead: R,", "raci: {sponsor: a, impl-lead: r,")
    data = validate.load(path)
    assert data["activities"][0]["raci"]["sponsor"] == "A"


def test_a_raci_letter_that_is_not_racı(plan: Path) -> None:
    path = plan / "stakeholders.yaml"
    _edit(path, "raci: {sponsor: A, impl-lead: R,", "raci: {sponsor: A, impl-lead: X,")
    (problem,) = _problems(path)
    assert "R, A, C or I" in problem and problem.startswith("plan/stakeholders.yaml, line ")


def test_timeline_mistakes(plan: Path) -> None:
    path = plan / "timeline.yaml"
    _edit(path, "{id: kickoff, name: Kick-off huddle in each clinic, week: 1, start: 1,",
          "{id: kickoff, name: Kick-off huddle in each clinic, week: 1, start: one,")
    (problem,) = _problems(path)
    assert "'start' is \"one\", but it must be a whole number" in problem


def test_empty_and_missing_files(plan: Path) -> None:
    (plan / "pilot.yaml").write_text("# nothing here\n", encoding="utf-8")
    (problem,) = _problems(plan / "pilot.yaml")
    assert problem.startswith("plan/pilot.yaml is empty")
    (plan / "timeline.yaml").unlink()
    (problem,) = _problems(plan / "timeline.yaml")
    assert "plan/timeline.yaml is missing" in problem


def test_unknown_owner_across_files(plan: Path) -> None:
    _edit(plan / "go-no-go.yaml", "owner: educator", "owner: teacher")
    with pytest.raises(validate.PlanError) as caught:
        validate.load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.startswith("plan/go-no-go.yaml, line ") and "owner 'teacher' is not a stakeholder" in problem
