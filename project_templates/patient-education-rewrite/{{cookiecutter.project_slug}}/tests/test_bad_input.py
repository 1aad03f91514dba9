"""Mistakes a person can make in the files they edit: one sentence each, no traceback, nothing written."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
import report
from inputs import InputError


def _one_sentence(message: str) -> bool:
    return bool(re.search(r"[.?!]$", message)) and not re.search(r"[.?!]\s+[A-Z]", message)


def _fails(root: Path, *needles: str) -> str:
    with pytest.raises(InputError) as info:
        report.build(root)
    message = str(info.value)
    assert _one_sentence(message), message
    for needle in needles:
        assert needle in message, message
    assert not (root / "reports").exists(), "nothing is written when an input is wrong"
    return message


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_pemat_answer_outside_the_scale(scratch: Path) -> None:
    _edit(scratch / "scores" / "DRAFT-01-rewrite.yaml", "answer: agree", "answer: 2")
    _fails(scratch, "scores/DRAFT-01-rewrite.yaml line", "pemat_p.0.answer", "2")


def test_cci_answer_outside_the_scale(scratch: Path) -> None:
    _edit(scratch / "scores" / "DRAFT-01-rewrite.yaml", 'answer: "yes"', "answer: maybe")
    _fails(scratch, "cci_items.0.answer", "maybe")


def test_na_where_the_item_does_not_allow_it(scratch: Path) -> None:
    _edit(scratch / "scores" / "DRAFT-01-rewrite.yaml", "answer: agree", "answer: n/a")
    _fails(scratch, "PEMAT-P item 1 cannot be n/a")


def test_synonyms_people_type_are_accepted(scratch: Path) -> None:
    path = scratch / "scores" / "DRAFT-01-rewrite.yaml"
    _edit(path, "answer: agree", "answer: 1")
    _edit(path, 'answer: "yes"', "answer: yes")
    _edit(path, "answer: n/a", "answer: N/A")
    report.build(scratch)


def test_unknown_item_number(scratch: Path) -> None:
    _edit(scratch / "scores" / "DRAFT-01-rewrite.yaml", "- item: 15\n", "- item: 13\n")
    _fails(scratch, "no item 13")


def test_malformed_yaml(scratch: Path) -> None:
    _edit(scratch / "scores" / "DRAFT-01-ai-draft.yaml", "pemat_p:", "pemat_p: [unclosed")
    _fails(scratch, "DRAFT-01-ai-draft.yaml", "not valid YAML")


def test_change_log_span_not_in_the_draft(scratch: Path) -> None:
    path = scratch / "changelog" / "DRAFT-01.yaml"
    text = path.read_text(encoding="utf-8")
    first_span = re.search(r'span: "([^"]+)"', text).group(1)
    _edit(path, first_span, "This sentence was never in the draft")
    _fails(scratch, "changelog/DRAFT-01.yaml line", "is not in DRAFT-01's text")


def test_change_log_unknown_reason_and_source(scratch: Path) -> None:
    path = scratch / "changelog" / "DRAFT-01.yaml"
    _edit(path, "reason: accuracy", "reason: style")
    _fails(scratch, "reason", "style")
    _edit(path, "reason: style", "reason: Plain-Language")  # a synonym: accepted
    _edit(path, "source: SRC-01", "source: SRC-99")
    _fails(scratch, "SRC-99", "data/sources.csv")


def test_empty_draft(scratch: Path) -> None:
    path = scratch / "data" / "drafts.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[2][4] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    _fails(scratch, f"Draft {rows[2][0]}", "is empty")


def test_deleted_or_emptied_data(scratch: Path) -> None:
    (scratch / "data" / "sources.csv").unlink()
    _fails(scratch, "data/sources.csv is missing")
    (scratch / "data" / "sources.csv").write_text("", encoding="utf-8")
    _fails(scratch, "data/sources.csv has no sources")


def test_rewrite_markers_removed(scratch: Path) -> None:
    _edit(scratch / "rewrites" / "DRAFT-01.md", "<!-- rewrite:end -->", "")
    _fails(scratch, "rewrites/DRAFT-01.md", "rewrite:end")


def test_marker_removed_but_left_blank_counts_as_not_written(scratch: Path) -> None:
    path = scratch / "rewrites" / "DRAFT-02.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"<!-- rewrite:start -->.*<!-- rewrite:end -->", "<!-- rewrite:start -->\n\n<!-- rewrite:end -->", text, flags=re.DOTALL), encoding="utf-8")
    data = report.collect(scratch)
    assert next(t for t in data["texts"] if t["label"] == "DRAFT-02 rewrite")["text"] is None


def test_the_command_prints_one_sentence_and_exits_1(scratch: Path) -> None:
    _edit(scratch / "scores" / "DRAFT-01-rewrite.yaml", "answer: agree", "answer: 7")
    scripts = Path(__file__).resolve().parent.parent / "scripts"
    code = (f"import sys; sys.path.insert(0, {str(scripts)!r}); import report, pathlib; report.ROOT = pathlib.Path({str(scratch)!r}); "
            "sys.exit(report.main())")
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and _one_sentence(result.stderr.strip()), result.stderr
