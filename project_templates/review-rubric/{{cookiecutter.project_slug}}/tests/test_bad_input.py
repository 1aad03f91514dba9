"""Mistakes a person can make in the rubric, the ratings or their own ratings: one sentence each, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import report
from inputs import InputError, load

ROOT = Path(__file__).resolve().parent.parent


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _error(root: Path) -> str:
    with pytest.raises(InputError) as info:
        load(root)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    return message


RUBRIC_EDITS = [
    ("missing anchor", "      - level: 5\n        behaviour: Every statement traces", "      - level: 4\n        behaviour: Every statement traces",
     "no anchor for level 5"),
    ("level out of range", "      - level: 5\n        behaviour: Every statement traces", "      - level: 6\n        behaviour: Every statement traces",
     "whole number from 1 to 5"),
    ("level as text", "      - level: 1\n        behaviour: Two or more statements", "      - level: one\n        behaviour: Two or more statements",
     "whole number from 1 to 5"),
    ("duplicate item id", "  - id: thorough", "  - id: accurate", "used twice"),
    ("example removed", "        example: Each reading, dose and interval can be pointed to in the note.\n", "", "'example' is missing"),
    ("misspelt key", "    question: Is everything", "    questoin: Is everything", "question"),
    ("broken YAML", "items:\n", "items:\n  - id: [\n", "not valid YAML"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), RUBRIC_EDITS, ids=[e[0] for e in RUBRIC_EDITS])
def test_rubric_mistakes(scratch: Path, name: str, old: str, new: str, expected: str) -> None:
    _edit(scratch / "rubric.yaml", old, new)
    message = _error(scratch)
    assert "rubric.yaml" in message and expected in message, message


def test_rubric_error_names_the_line(scratch: Path) -> None:
    _edit(scratch / "rubric.yaml", "      - level: 5\n        behaviour: Every statement traces",
          "      - level: 6\n        behaviour: Every statement traces")
    bad = next(n for n, line in enumerate((scratch / "rubric.yaml").read_text().splitlines(), 1) if "level: 6" in line)
    assert f"line {bad}" in _error(scratch)


def test_rating_for_an_unknown_summary(scratch: Path) -> None:
    _edit(scratch / "data" / "ratings.csv", ",CASE-02,", ",CASE-99,")
    message = _error(scratch)
    assert "CASE-99" in message and "data/ratings.csv line" in message


def test_reviewer_who_rated_nothing(scratch: Path) -> None:
    path = scratch / "data" / "ratings.csv"
    path.write_text("".join(line for line in path.read_text().splitlines(keepends=True) if ",R3," not in line))
    message = _error(scratch)
    assert "R3" in message and "rated nothing" in message


def test_ratings_csv_with_a_wrong_column(scratch: Path) -> None:
    _edit(scratch / "data" / "ratings.csv", "round,reviewer,case_id,item,score", "round,reviewer,case,item,score")
    message = _error(scratch)
    assert "columns" in message and "case_id" in message


def test_score_out_of_range_and_unknown_item_in_ratings(scratch: Path) -> None:
    path = scratch / "data" / "ratings.csv"
    lines = path.read_text().splitlines()
    lines[1] = ",".join(lines[1].split(",")[:4] + ["7"])
    path.write_text("\n".join(lines) + "\n")
    assert "from 1 to 5" in _error(scratch)
    lines[1] = ",".join(lines[1].split(",")[:3] + ["clarity", "3"])
    path.write_text("\n".join(lines) + "\n")
    assert "'clarity' is not in rubric.yaml" in _error(scratch)


def test_unknown_critical_error_id(scratch: Path) -> None:
    _edit(scratch / "data" / "critical_flags.csv", ",none", ",C9")
    assert "'C9'" in _error(scratch)


@pytest.mark.parametrize("name", ["ratings.csv", "summaries.csv", "source_notes.csv"])
def test_data_file_deleted_or_emptied(scratch: Path, name: str) -> None:
    (scratch / "data" / name).write_text("")
    assert "empty" in _error(scratch)
    (scratch / "data" / name).unlink()
    assert "missing" in _error(scratch)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("      score:                # 1-5\n", "      score: maybe\n", "whole number from 1 to 5"),
    ("      score:                # 1-5\n", '      score: "4"\n', "without quotes"),
    ("      score:                # 1-5\n", "      score: 0\n", "whole number from 1 to 5"),
    ("    critical_errors:        # none", "    critical_errors: C7        # none", "not a critical error id"),
    ("  - case: CASE-02", "  - case: CASE-77", "CASE-77"),
    ("    thorough:\n", "    thorogh:\n", "not a rubric item"),
])
def test_my_ratings_mistakes(scratch: Path, old: str, new: str, expected: str) -> None:
    _edit(scratch / "my_ratings.yaml", old, new)
    message = _error(scratch)
    assert "my_ratings.yaml" in message and expected in message, message


def test_too_few_items_says_so_instead_of_a_kappa(scratch: Path) -> None:
    keep = {"CASE-01", "CASE-02", "CASE-03", "CASE-04", "CASE-05"}
    for name in ("ratings.csv", "critical_flags.csv", "summaries.csv", "source_notes.csv"):
        path = scratch / "data" / name
        lines = path.read_text().splitlines()
        path.write_text("\n".join([lines[0]] + [ln for ln in lines[1:] if any(f",{c}," in ln or ln.startswith(f"{c},") for c in keep)]) + "\n")
    md = report.build(load(scratch))["reports/report.md"]
    assert "too few items (n = 5, at least 10 needed)" in md
    assert "almost perfect" not in md.split("## Agreement per item, round 1", 1)[1].split("## Agreement heatmap", 1)[0]


def test_the_script_prints_one_sentence_and_writes_nothing(scratch: Path) -> None:
    (scratch / "scripts").mkdir()
    for name in ("report.py", "inputs.py", "agreement.py", "project_text.py"):
        (scratch / "scripts" / name).write_bytes((ROOT / "scripts" / name).read_bytes())
    _edit(scratch / "rubric.yaml", "  - id: thorough", "  - id: accurate")
    result = subprocess.run([sys.executable, "scripts/report.py"], cwd=scratch, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (scratch / "reports").exists()
