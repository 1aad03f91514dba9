"""The worked example scores to what the README says, and every report builds, offline and with the disclaimer."""

from __future__ import annotations

import csv
import re

import pytest
import score
from disclaimer import DISCLAIMER_HTML, DISCLAIMER_MD

WORKED = "lumen-triage-systems"


@pytest.fixture(scope="module")
def worked(root, checklist, vendors, claims):
    return score.assess_file(root / "assessments" / f"{WORKED}.yaml", checklist, vendors, claims)


def test_worked_example_is_complete(worked):
    assert worked.complete, worked.unanswered


def test_readme_results_are_the_worked_example_as_scored(root, worked):
    text = (root / "README.md").read_text(encoding="utf-8")
    assert score.README_START in text and score.README_END in text, (
        "README.md has lost the worked-example results markers; restore them from git"
    )
    block = text[text.index(score.README_START):text.index(score.README_END) + len(score.README_END)]
    assert block == score.readme_block(worked), (
        "README.md's worked-example results are out of date (the assessment or the rules in checklist.yaml "
        "changed): run make score, which rewrites the block between the markers"
    )


def test_readme_block_quotes_only_computed_figures(worked):
    block = score.readme_block(worked)
    bands = worked.band_counts()
    assert f"**Risk tier: {worked.tier.upper()}.**" in block
    assert f"| Checklist score | {worked.score:g} / 100" in block
    assert f"{bands['critical']} critical, {bands['high']} high, {bands['moderate']} moderate, {bands['low']} low" in block
    for item in worked.top_risks(5):
        assert f"| {item.id} " in block and f"{item.risk} ({item.likelihood} x {item.impact})" in block


def test_worked_risks_are_spread_over_the_bands(worked):
    bands = worked.band_counts()
    gaps = sum(bands.values())
    assert max(bands.values()) <= gaps / 2, bands
    assert sum(1 for count in bands.values() if count) >= 3, bands


def test_register_lists_every_rated_gap_severity_first(worked, checklist, tmp_path):
    register = worked.register()
    assert {i.id for i in register} == {i.id for i in worked.items if i.risk is not None}
    keys = [(-i.risk, -i.impact) for i in register]
    assert keys == sorted(keys)
    svg = score.risk_matrix_svg(worked, checklist["scoring"]["bands"])
    assert "more" not in svg and all(i.id in svg for i in register)
    md = score.write_reports(worked, checklist, tmp_path)[0].read_text(encoding="utf-8")
    assert all(f"| {i.id} {i.title} | {i.likelihood} | {i.impact} | {i.risk} | {i.band} |" in md for i in register)


def test_worked_report_is_labelled_as_prooflanes_example(worked, checklist, tmp_path):
    md, page = (p.read_text(encoding="utf-8") for p in score.write_reports(worked, checklist, tmp_path)[:2])
    assert score.EXAMPLE_NOTE_MD in md and score.EXAMPLE_NOTE_HTML in page
    assert "| Reviewer | prooflane (worked example) |" in md and score.TOOL_LINE in md and score.TOOL_LINE in page


def test_a_reviewers_note_on_a_claim_is_marked_as_critique_of_the_vendor_claim(root, checklist, vendors, claims,
                                                                               tmp_path):
    note = "Saying the product catches missed diagnoses means it diagnoses patients, outside a scribe's intended use."
    assessment = {"vendor_id": "V02", "items": {}, "claims": [{"claim_id": "V02-C1", "red_flag": True, "note_on_claim": note}]}
    result = score.score(checklist, assessment, vendors["V02"], claims["V02"], name="v02")
    for path in score.write_reports(result, checklist, tmp_path)[:2]:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "it diagnoses patients" in line]
        assert lines and all("this vendor claim" in line for line in lines), (path.name, lines)


def test_worked_example_catches_the_planted_red_flags(root, worked):
    with (root / "data" / "answer_key" / "vendor_claims_key.csv").open(encoding="utf-8", newline="") as handle:
        planted = {row["claim_id"] for row in csv.DictReader(handle) if row["planted"] == "red-flag"}
    flagged = {c.claim_id for c in worked.red_flags()}
    assert {c for c in planted if c.startswith("V01-")} == flagged


def test_assessments_match_the_data(root, checklist, vendors, claims):
    for path in sorted((root / "assessments").glob("*.yaml")):
        result = score.assess_file(path, checklist, vendors, claims)
        assert len(result.items) == len(checklist["items"])
        assert [c.claim_id for c in result.claims] == [c["claim_id"] for c in claims[result.vendor["vendor_id"]]]
        assert result.vendor["slug"] == path.stem


def test_every_assessment_builds_reports(root, checklist, vendors, claims, tmp_path):
    for path in sorted((root / "assessments").glob("*.yaml")):
        result = score.assess_file(path, checklist, vendors, claims)
        written = score.write_reports(result, checklist, tmp_path)
        md, page = written[0].read_text(encoding="utf-8"), written[1].read_text(encoding="utf-8")
        assert DISCLAIMER_MD in md and DISCLAIMER_HTML in page
        if not result.complete:
            assert "incomplete:" in md and "items unanswered" in md


def test_html_reports_are_self_contained(root, checklist, vendors, claims, tmp_path):
    result = score.assess_file(root / "assessments" / f"{WORKED}.yaml", checklist, vendors, claims)
    page = score.write_reports(result, checklist, tmp_path)[1].read_text(encoding="utf-8")
    assert "<svg" in page and "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_vendor_claims_are_always_quoted_and_attributed(root, checklist, vendors, claims, tmp_path):
    result = score.assess_file(root / "assessments" / f"{WORKED}.yaml", checklist, vendors, claims)
    written = score.write_reports(result, checklist, tmp_path)
    for path in written[:2]:
        text = path.read_text(encoding="utf-8")
        for claim in result.claims:
            lines = [line for line in text.splitlines() if claim.text in line]
            assert lines, (path.name, claim.claim_id)
            assert all(re.search(r'Vendor claim( \([^)]*\))?: "' + re.escape(claim.text) + '"', line)
                       for line in lines), (path.name, claim.claim_id)


def test_shipped_worked_report_is_current(root, checklist, vendors, claims, tmp_path):
    result = score.assess_file(root / "assessments" / f"{WORKED}.yaml", checklist, vendors, claims)
    for path in score.write_reports(result, checklist, tmp_path):
        shipped = root / "reports" / path.name
        assert shipped.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"reports/{path.name} is out of date: run make score"
        )


def test_no_my_work_line_is_left_blank(root):
    """A FILL marker that was deleted without an answer leaves a blank line item: name it so it gets written."""
    text = (root / "README.md").read_text(encoding="utf-8")
    assert "## My work" in text, "README.md has lost its '## My work' section; restore it from git"
    section = text.split("## My work", 1)[1].split("\n## ", 1)[0]
    start = text[:text.index("## My work")].count("\n") + 1
    for offset, line in enumerate(section.splitlines()):
        if line.startswith("- ") and line.rstrip().endswith(":"):
            raise AssertionError(f"README.md line {start + offset}: '{line.strip()}' is left blank; write your "
                                 "answer after the colon, or remove the line")
