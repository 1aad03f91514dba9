"""Edits a person can make: each gives one sentence naming the file (and line), never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import report


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _error(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert report.main(root) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert not re.search(r"[.?!]\s+[A-Z]", err[len("error: "):]), f"more than one sentence: {err}"
    assert not (root / "reports").exists(), "nothing is written when an input is wrong"
    return err


def _key_line(quiz: Path, item: str) -> str:
    lines = quiz.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {item}")
    return next(line for line in lines[start:] if line.startswith("    key: "))


def test_key_with_an_unknown_option(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = scratch / "quiz" / "quiz.yaml"
    _edit(quiz, _key_line(quiz, "Q03"), "    key: E")
    err = _error(scratch, capsys)
    assert "quiz/quiz.yaml line" in err and "Q03" in err and "'E'" in err and "set key to one of them" in err


def test_key_that_is_not_a_letter(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = scratch / "quiz" / "quiz.yaml"
    _edit(quiz, _key_line(quiz, "Q04"), "    key: 4")
    err = _error(scratch, capsys)
    assert "key must be the letter of one option" in err


def test_option_named_outside_a_to_e(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(scratch / "quiz" / "quiz.yaml", "      D: The patient's blood pressure reading.", "      F: The patient's blood pressure reading.")
    assert "options are named A, B, C, D" in _error(scratch, capsys)


def test_missing_rationale(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiz = scratch / "quiz" / "quiz.yaml"
    lines = [line for line in quiz.read_text(encoding="utf-8").splitlines() if not line.startswith("    rationale: Medical record")]
    quiz.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(scratch, capsys)
    assert "'rationale' is missing; add it" in err


def test_duplicate_item_id(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(scratch / "quiz" / "quiz.yaml", "  - id: Q05", "  - id: Q04")
    assert "used twice" in _error(scratch, capsys)


def test_misspelt_field(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(scratch / "quiz" / "quiz.yaml", "    rationale: Aggregated", "    rational: Aggregated")
    assert "check the spelling" in _error(scratch, capsys)


def test_malformed_yaml(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(scratch / "quiz" / "quiz.yaml", "  - id: Q07\n", "  - id: Q07\n   objective: [broken\n")
    err = _error(scratch, capsys)
    assert "is not valid YAML at line" in err


@pytest.mark.parametrize("name", ["quiz/quiz.yaml", "data/responses.csv", "data/learners.csv", "data/prompt_audit.csv"])
def test_empty_file(scratch: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    (scratch / name).write_text("", encoding="utf-8")
    err = _error(scratch, capsys)
    assert f"{name} is empty" in err and "git checkout" in err


def test_deleted_file(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (scratch / "data" / "answer_key" / "planted.csv").unlink()
    assert "data/answer_key/planted.csv is missing" in _error(scratch, capsys)


def test_rating_outside_the_scale(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scratch / "data" / "learners.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[3] = "7"
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(scratch, capsys)
    assert "data/learners.csv line 4" in err and "outside the 1-5 rating scale" in err


@pytest.mark.parametrize("value", ["0", "4.5", "five", ""])
def test_other_ratings_outside_the_scale(scratch: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    path = scratch / "data" / "learners.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[4] = value
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "outside the 1-5 rating scale" in _error(scratch, capsys)


def test_answer_that_is_not_an_option(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scratch / "data" / "responses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].rsplit(",", 1)[0] + ",Z"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(scratch, capsys)
    assert "data/responses.csv line 6" in err and "'Z' is not an option" in err


def test_answers_missing_for_a_learner(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = scratch / "data" / "responses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")
    assert "answers missing" in _error(scratch, capsys)


def test_wrong_columns(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(scratch / "data" / "prompt_audit.csv", "audit_id,learner_id,week,tool,prompt", "id,learner,week,tool,prompt")
    assert "it needs exactly audit_id, learner_id, week, tool, prompt" in _error(scratch, capsys)


def test_unicode_and_template_syntax_in_the_quiz_are_kept(scratch: Path) -> None:
    _edit(scratch / "quiz" / "quiz.yaml", "title: Using AI safely", "title: Überprüfung " + "{" + "{ x }} Using AI safely")
    assert report.main(scratch) == 0
