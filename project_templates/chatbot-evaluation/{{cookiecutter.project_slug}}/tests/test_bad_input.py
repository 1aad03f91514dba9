"""Mistakes a person can make in the criteria, the data or their own files: one sentence each, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import evaluate
import pytest
from inputs import InputError, load

ROOT = Path(__file__).resolve().parent.parent


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(root: Path) -> str:
    with pytest.raises(InputError) as info:
        load(root)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    return message


CRITERIA_EDITS = [
    ("points out of range", "    points: 10\n", "    points: 11\n", "from -10 to 10"),
    ("points zero", "    points: 10\n", "    points: 0\n", "other than 0"),
    ("points as text", "    points: 10\n", "    points: ten\n", "from -10 to 10"),
    ("duplicate id", "  - id: K2\n", "  - id: K1\n", "used twice"),
    ("unknown axis", "    axis: completeness\n", "    axis: thoroughness\n", "is not one of"),
    ("unknown level", "    applies_to: [emergent]\n", "    applies_to: [urgent]\n", "is not one of"),
    ("broken YAML", "criteria:\n", "criteria:\n  - id: [\n", "not valid YAML"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), CRITERIA_EDITS, ids=[e[0] for e in CRITERIA_EDITS])
def test_criteria_mistakes(scratch: Path, name: str, old: str, new: str, expected: str) -> None:
    _edit(scratch / "criteria.yaml", old, new)
    message = _error(scratch)
    assert "criteria.yaml" in message and expected in message, message


def test_a_criterion_for_no_level(scratch: Path) -> None:
    _edit(scratch / "criteria.yaml", "    applies_to: [emergent]\n", "    applies_to: []\n")
    assert "applies_to" in _error(scratch)


def test_ratings_csv_with_a_wrong_column(scratch: Path) -> None:
    _edit(scratch / "data" / "criterion_ratings.csv", "rater,prompt_id,assistant,criterion,met", "rater,prompt,assistant,criterion,met")
    assert "columns" in _error(scratch)


def test_rating_for_an_unknown_prompt_or_value(scratch: Path) -> None:
    path = scratch / "data" / "criterion_ratings.csv"
    lines = path.read_text().splitlines()
    original = lines[1]
    lines[1] = "R1,P99," + ",".join(original.split(",")[2:])
    path.write_text("\n".join(lines) + "\n")
    assert "P99" in _error(scratch)
    lines[1] = ",".join(original.split(",")[:4] + ["maybe"])
    path.write_text("\n".join(lines) + "\n")
    assert "yes or no" in _error(scratch)


@pytest.mark.parametrize("name", ["prompts.csv", "answers.csv", "criterion_ratings.csv"])
def test_data_file_deleted_or_emptied(scratch: Path, name: str) -> None:
    (scratch / "data" / name).write_text("")
    assert "empty" in _error(scratch)
    (scratch / "data" / name).unlink()
    assert "missing" in _error(scratch)


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    ("my_ratings.yaml", "{met: }", "{met: maybe}", "yes or no"),
    ("my_ratings.yaml", "{met: }", "{met: 1}", "yes or no"),
    ("my_ratings.yaml", "    assistant: A", "    assistant: D", "is not one of"),
    ("my_prompts.yaml", "    intended_level:      # emergent", "    intended_level: urgent     # emergent",
     "emergent, clinician or self-care"),
    ("my_prompts.yaml", "  - id: M1", "  - id: first", "does not match"),
])
def test_my_files_mistakes(scratch: Path, file: str, old: str, new: str, expected: str) -> None:
    _edit(scratch / file, old, new)
    message = _error(scratch)
    assert file in message and expected in message, message


def test_too_few_items_says_so_instead_of_a_kappa(scratch: Path) -> None:
    keep = {"P01", "P02", "P03"}
    for name in ("criterion_ratings.csv",):
        path = scratch / "data" / name
        lines = path.read_text().splitlines()
        path.write_text("\n".join([lines[0]] + [ln for ln in lines[1:] if ln.split(",")[1] in keep]) + "\n")
    md = evaluate.build(load(scratch))["reports/report.md"]
    section = md.split("## Double rating", 1)[1].split("## Length bias", 1)[0]
    assert "too few items" in section and "almost perfect" not in section


def test_the_script_prints_one_sentence_and_writes_nothing(scratch: Path) -> None:
    (scratch / "scripts").mkdir()
    for name in ("evaluate.py", "inputs.py", "agreement.py", "project_text.py"):
        (scratch / "scripts" / name).write_bytes((ROOT / "scripts" / name).read_bytes())
    _edit(scratch / "criteria.yaml", "    points: 10\n", "    points: 11\n")
    result = subprocess.run([sys.executable, "scripts/evaluate.py"], cwd=scratch, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (scratch / "reports").exists()
