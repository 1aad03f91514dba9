"""Mistakes people make in the files they edit: one sentence with the file and line, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import build
import pytest
import validate

ROOT = Path(__file__).resolve().parent.parent
ANSWER = "my-work/assessment.yaml"


def run_build(tmp_path: Path, edit: str, target: str = ANSWER) -> subprocess.CompletedProcess:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".pytest_cache"))
    path = copy / target
    path.write_text(edit if edit != "KEEP" else path.read_text(encoding="utf-8"), encoding="utf-8")
    return subprocess.run([sys.executable, str(copy / "scripts" / "build.py")], capture_output=True, text=True,
                          cwd=copy, check=False)


def answered(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


ORIGINAL = (ROOT / ANSWER).read_text(encoding="utf-8")
CASES = {
    "finding outside the set": (answered(ORIGINAL, 'finding: ""', "finding: maybe"), "SC-01 finding is 'maybe'"),
    "unknown item id": (answered(ORIGINAL, "SC-12:", "SC-99:"), "SC-99 is not an item of the checklist"),
    "unknown line id": (answered(ORIGINAL, "evidence: []", "evidence: [W99]"), "W99, which is not in the workflow"),
    "broken indentation": (answered(ORIGINAL, "    note: \"\"", "  note: \"\"\n      oops"), "not valid YAML"),
    "unclosed quote": (answered(ORIGINAL, 'note: ""', 'note: "half a note'), "not valid YAML"),
    "colon in a value": (answered(ORIGINAL, 'note: ""', "note: staff said: no"), "not valid YAML"),
    "empty file": ("", "is empty"),
    "a list instead of fields": ("- SC-01\n- SC-02\n", "should be a set of 'key: value' fields"),
    "evidence as text": (answered(ORIGINAL, "evidence: []", "evidence: W04"), "evidence is 'W04'"),
    "ranking names an unknown item": (answered(ORIGINAL, 'item: ""', "item: SC-42"), "ranking entry 1 names SC-42"),
    "unknown field": (answered(ORIGINAL, 'note: ""', 'notes: ""'), "unknown field 'notes'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_mistake_gets_one_sentence(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    path = tmp_path / "assessment.yaml"
    path.write_text(text, encoding="utf-8")
    data = build.load_all()
    ids = [i["id"] for i in data["checklist"]["items"]]
    with pytest.raises(validate.InputError) as caught:
        validate.load_assessment(path, ids, [r["line_id"] for r in data["lines"]])
    message = str(caught.value)
    assert expected in message, message
    assert message.startswith(str(path)) and len(message.splitlines()) == 1


def test_the_build_reports_a_mistake_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    text, _ = CASES["finding outside the set"]
    result = run_build(tmp_path, text)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {ANSWER}, line ") and len(result.stderr.strip().splitlines()) == 1
    written = tmp_path / "project" / "reports" / "safety-checklist.html"
    assert written.read_bytes() == (ROOT / "reports" / "safety-checklist.html").read_bytes()


def test_findings_people_type_are_accepted(tmp_path: Path) -> None:
    text = answered(ORIGINAL, 'finding: ""', 'finding: "Not applicable"')
    path = tmp_path / "assessment.yaml"
    path.write_text(answered(text, 'finding: ""', "finding: GAP"), encoding="utf-8")
    data = build.load_all()
    answer = validate.load_assessment(path, [i["id"] for i in data["checklist"]["items"]],
                                      [r["line_id"] for r in data["lines"]])
    assert [answer["items"]["SC-01"]["finding"], answer["items"]["SC-02"]["finding"]] == ["n/a", "gap"]


def test_a_broken_checklist_is_reported_not_crashed(tmp_path: Path) -> None:
    text = (ROOT / "checklist.yaml").read_text(encoding="utf-8").replace("source: WHO-2021", "source: WHO-1999", 1)
    result = run_build(tmp_path, text, target="checklist.yaml")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'WHO-1999', which is not under sources" in result.stderr


def test_a_deleted_workflow_is_reported(tmp_path: Path) -> None:
    result = run_build(tmp_path, "", target="data/workflow.csv")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/workflow.csv has no rows" in result.stderr
