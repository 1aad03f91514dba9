"""Mistakes people make when editing the YAML files: one sentence with the file, the line and the fix; nothing written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import score
import validate

USER = "clarinote-health-ai"


@pytest.fixture
def project(tmp_path, root, monkeypatch):
    """A copy of this project, with score.py and validate.py pointed at it."""
    copy = tmp_path / "project"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".pytest_cache"))
    monkeypatch.setattr(score, "ROOT", copy)
    monkeypatch.setattr(validate, "ROOT", copy)
    return copy


def _edit(project: Path, old: str, new: str, name: str = USER) -> Path:
    path = project / "assessments" / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _error(project: Path, path: Path) -> str:
    checklist, vendors, claims = score.load_checklist(), score.load_vendors(), score.load_claims()
    with pytest.raises(score.AssessmentError) as caught:
        score.assess_file(path, checklist, vendors, claims)
    return str(caught.value)


def _line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


@pytest.mark.parametrize(("old", "new", "fragment", "words"), [
    ("    red_flag:\n", '    red_flag: "false"\n', 'red_flag: "false"', ("red_flag", "'false' (in quotes)", "without quotes")),
    ("    red_flag:\n", "    red_flag: maybe\n", "red_flag: maybe", ("red_flag", "'maybe'", "true")),
    ("    resolved: false\n", '    resolved: "no"\n', 'resolved: "no"', ("resolved", "true or false")),
    ("    status:\n", "    status: mostly\n", "status: mostly", ("GOV-01 status", "'mostly'", "met, partial")),
    ("    likelihood:\n", "    likelihood: high\n", "likelihood: high", ("GOV-01 likelihood", "'high'", "1 (rare)")),
    ("    likelihood:\n", "    likelihood: 7\n", "likelihood: 7", ("outside the allowed range", "1 (rare) to 5")),
    ("    follow_up:\n", "    folow_up: ask them\n", "folow_up", ("unknown field 'folow_up'", "spelling")),
])
def test_a_wrong_value_gets_one_sentence_with_file_line_and_fix(project, old, new, fragment, words):
    path = _edit(project, old, new)
    message = _error(project, path)
    assert message.count("\n") == 0, message
    assert message.startswith(f"assessments/{USER}.yaml, line {_line_of(path, fragment)}: "), message
    for word in words:
        assert word in message, (word, message)


@pytest.mark.parametrize(("new", "line_fragment", "hint"), [
    ("    evidence_seen: Brochure: sales contact only\n", "Brochure: sales", "double quotes"),
    ("\tnotes: tab\n", "\tnotes", "tab"),
    ('    notes: "not closed\n', '"not closed', "quotation mark"),
])
def test_broken_yaml_names_the_line_and_the_fix(project, new, line_fragment, hint):
    old = {"evidence": "    evidence_seen:\n", "\tnotes": "    notes:\n", "    notes": "    notes:\n"}
    key = "evidence" if "evidence" in new else ("\tnotes" if new.startswith("\t") else "    notes")
    path = _edit(project, old[key], new)
    message = _error(project, path)
    assert f"assessments/{USER}.yaml, line " in message and "not valid YAML" in message and hint in message, message
    line = int(re.search(r"line (\d+)", message).group(1))
    assert abs(line - _line_of(path, line_fragment)) <= 1, message


@pytest.mark.parametrize("spelling", ["not met", "Not Met", "not_met", "NOT-MET"])
def test_status_spellings_people_type_are_accepted(project, spelling):
    path = _edit(project, "    status:\n", f"    status: {spelling}\n")
    checklist, vendors, claims = score.load_checklist(), score.load_vendors(), score.load_claims()
    result = score.assess_file(path, checklist, vendors, claims)
    assert result.items[0].status == "not-met"


def test_yaml_booleans_are_read_as_booleans(project):
    path = _edit(project, "    red_flag:\n", "    red_flag: no\n")
    checklist, vendors, claims = score.load_checklist(), score.load_vendors(), score.load_claims()
    result = score.assess_file(path, checklist, vendors, claims)
    assert result.claims[0].red_flag is False and "V02-C1" not in result.unanswered


def test_a_string_red_flag_is_never_counted_as_a_red_flag(checklist):
    assessment = {"items": {}, "claims": [{"claim_id": "V09-C1", "red_flag": "false"}]}
    with pytest.raises(score.AssessmentError, match="without quotes"):
        score.score(checklist, assessment, claims=[{"claim_id": "V09-C1", "claim": "x", "source": "demo"}])


def test_checklist_mistakes_are_explained(project):
    path = project / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    weight: 2\n", "    weight: heavy\n", 1), encoding="utf-8")
    with pytest.raises(validate.InputError) as caught:
        score.load_checklist()
    message = str(caught.value)
    assert message.startswith(f"checklist.yaml, line {_line_of(path, 'weight: heavy')}: ") and "1 to 3" in message


def test_a_gate_on_a_missing_item_is_explained(project):
    path = project / "checklist.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- item: MAN-04", "- item: MAN-44"), encoding="utf-8")
    with pytest.raises(validate.InputError, match="MAN-44 names an item that is not in the checklist"):
        score.load_checklist()


@pytest.mark.parametrize("damage", ["delete", "empty", "garbage"])
@pytest.mark.parametrize("data_file", ["data/vendors.json", "data/vendor_claims.csv"])
def test_damaged_data_files_stop_scoring_with_one_sentence_and_nothing_written(project, data_file, damage, capsys):
    target = project / data_file
    if damage == "delete":
        target.unlink()
    else:
        target.write_text("" if damage == "empty" else "{not data", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (project / "reports").glob("*")}
    assert score.main([]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and data_file in err and "git checkout" in err and "\n" not in err, err
    assert {p.name: p.read_bytes() for p in (project / "reports").glob("*")} == before


def test_one_broken_assessment_writes_no_report_at_all(project, capsys):
    _edit(project, "    red_flag:\n", "    red_flag: maybe\n")
    before = {p.name: p.read_bytes() for p in (project / "reports").glob("*")}
    readme = (project / "README.md").read_bytes()
    assert score.main([]) == 1
    err = capsys.readouterr().err
    assert f"assessments/{USER}.yaml, line" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in (project / "reports").glob("*")} == before
    assert (project / "README.md").read_bytes() == readme


def test_an_emptied_assessment_is_explained(project):
    path = project / "assessments" / f"{USER}.yaml"
    path.write_text("", encoding="utf-8")
    assert "is empty" in _error(project, path)


def test_answers_left_blank_are_unanswered_not_errors(project):
    path = _edit(project, "    status:\n", "    status: partial\n")
    checklist, vendors, claims = score.load_checklist(), score.load_vendors(), score.load_claims()
    result = score.assess_file(path, checklist, vendors, claims)
    # a partial item with no likelihood yet is still work to do; the impact defaults to the typical one
    assert not result.complete and "GOV-01" in result.unanswered
    assert result.items[0].impact == checklist["items"][0]["typical_impact"]


def test_make_score_rewrites_only_the_results_block_of_the_readme(project):
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    edited = text.replace("## What this project shows", "## What this project shows\n\nA line the author added.")
    stale = edited.replace("**Risk tier: ", "**Risk tier (stale): ", 1)
    readme.write_text(stale, encoding="utf-8")
    assert score.main([]) == 0
    assert readme.read_text(encoding="utf-8") == edited  # the block is current again; the author's line is kept


def test_make_score_leaves_a_readme_without_the_markers_alone(project, capsys):
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8").replace(score.README_START, "").replace(score.README_END, "")
    readme.write_text(text, encoding="utf-8")
    assert score.main([]) == 0
    assert readme.read_text(encoding="utf-8") == text
    assert "README.md results markers not found" in capsys.readouterr().out
