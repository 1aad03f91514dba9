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


def test_worked_example_matches_the_readme(root, worked):
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    tier = re.search(r"\*\*Risk tier: (\w+)\.\*\*", text)
    checklist_score = re.search(r"\| Checklist score \| ([\d.]+) / 100", text)
    assert tier and tier.group(1).lower() == worked.tier
    assert checklist_score and float(checklist_score.group(1)) == worked.score
    bands = worked.band_counts()
    assert f"{bands['critical']} critical, {bands['high']} high, {bands['moderate']} moderate" in text
    for item in worked.top_risks(3):
        assert f"| {item.id} " in text and f"{item.risk} ({item.likelihood} x {item.impact})" in text


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
