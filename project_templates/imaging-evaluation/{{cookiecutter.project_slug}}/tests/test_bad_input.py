"""Mistakes a person can make: each gives one sentence and a non-zero exit, never a traceback."""

from __future__ import annotations

from pathlib import Path

import evaluate
import pytest


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = evaluate.main(list(args), root=root)
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err and len(err.splitlines()) <= 1
    assert not (root / "reports").exists()  # nothing half-written
    return code, err


@pytest.mark.parametrize("value", ["0", "1", "1.0", "-0.1", "abc"])
def test_bad_prevalence_on_the_command_line(scratch: Path, capsys, value: str) -> None:
    code, err = _run(scratch, capsys, "--prevalence", value)
    assert code == 2 and "prevalence" in err


@pytest.mark.parametrize("value", ["1.5", "-0.2", "nan", "high"])
def test_threshold_outside_0_1(scratch: Path, capsys, value: str) -> None:
    code, err = _run(scratch, capsys, "--threshold", value)
    assert code == 2 and "threshold" in err


def test_subgroup_column_that_does_not_exist(scratch: Path, capsys) -> None:
    code, err = _run(scratch, capsys, "--subgroup", "scanner_colour")
    assert code == 2 and "scanner_colour" in err and "vendor" in err


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("name", "old", "new", "expect"), [
    ("evaluation.yaml", "local_prevalence: 0.02", "local_prevalence: 0", "strictly between 0 and 1"),
    ("evaluation.yaml", "local_prevalence: 0.02", "local_prevalence: 1", "strictly between 0 and 1"),
    ("evaluation.yaml", "threshold: 0.5", "threshold: 5", "from 0 to 1"),
    ("evaluation.yaml", "threshold: 0.5", "threshold: high", "line 2"),
    ("evaluation.yaml", "site, finding_size_band", "site, lesion_colour", "lesion_colour"),
    ("evaluation.yaml", "interval: wilson", "interval: normal", "wilson or clopper-pearson"),
    ("evaluation.yaml", "local_site: C", "local_site: Z", "not a site"),
    ("local_validation_plan.yaml", "site: C", "site: A", "make them name the same site"),
    ("evaluation.yaml", "min_positives: 20", "min_positives: twenty", "whole number"),
    ("evaluation.yaml", "local_site: C", "local_site: [C", "not valid YAML"),
    ("evaluation.yaml", "[0.01, 0.02,", "[0.01, 0.02", "prevalence_range"),
    ("local_validation_plan.yaml", "sensitivity_lower_bound: 0.80", "sensitivity_lower_bound: 80", "from 0 to 1"),
    ("local_validation_plan.yaml", "vendor_evidence_supports_use: unanswered", "vendor_evidence_supports_use: maybe", "only with conditions"),
    ("local_validation_plan.yaml", "  - metric: flag rate", "  - metrc: flag rate", "monitoring"),
    ("local_validation_plan.yaml", "minimum_positives: 50", "minimum_positives: '50'", "whole number"),
])
def test_malformed_edits(scratch: Path, capsys, name: str, old: str, new: str, expect: str) -> None:
    _edit(scratch, name, old, new)
    code, err = _run(scratch, capsys)
    assert code == 1 and expect in err and name in err


def test_yes_and_no_are_words_not_booleans(scratch: Path, capsys) -> None:
    _edit(scratch, "local_validation_plan.yaml", "vendor_evidence_supports_use: unanswered", "vendor_evidence_supports_use: no")
    _edit(scratch, "local_validation_plan.yaml", "residual_risk: unanswered", "residual_risk: missed small findings")
    assert evaluate.main([], root=scratch) == 0
    report = (scratch / "reports" / "report.md").read_text(encoding="utf-8")
    assert "| Does the vendor's evidence support use at this site? | no |" in report
    assert "missed small findings" in report


@pytest.mark.parametrize("damage", ["delete", "empty", "header only", "bad score"])
def test_damaged_data(scratch: Path, capsys, damage: str) -> None:
    path = scratch / "data" / "studies.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if damage == "delete":
        path.unlink()
    elif damage == "empty":
        path.write_text("", encoding="utf-8")
    elif damage == "header only":
        path.write_text(lines[0], encoding="utf-8")
    else:
        path.write_text(lines[0] + lines[1].replace(",0.", ",x0.", 1) + "".join(lines[2:]), encoding="utf-8")
    code, err = _run(scratch, capsys)
    assert code == 1 and "data/studies.csv" in err


def test_deleted_plan(scratch: Path, capsys) -> None:
    (scratch / "local_validation_plan.yaml").unlink()
    code, err = _run(scratch, capsys)
    assert code == 1 and "local_validation_plan.yaml is missing" in err
