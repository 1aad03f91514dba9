"""The planted problems show in the report, the worked example's figures are the data's, the page is offline."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import report

ROOT = Path(__file__).resolve().parent.parent


def _key() -> list[dict[str, str]]:
    text = (ROOT / "data" / "answer_key" / "planted_problems.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _row(data: dict, label: str) -> dict:
    return next(t for t in data["texts"] if t["label"] == label)


def test_every_planted_span_is_in_its_draft(data: dict) -> None:
    for row in _key():
        if row["span"]:
            assert row["span"] in data["drafts"][row["draft_id"]].text, row


def test_ai_drafts_read_hard_and_lack_the_escalation_block(data: dict) -> None:
    for draft_id, draft in data["drafts"].items():
        if draft.version == "ai_draft":
            row = _row(data, f"{draft_id} AI draft")
            assert row["readability"]["fk_grade"] >= 10, draft_id
            assert not row["escalation"]["ok"]


def test_readability_is_not_quality(data: dict) -> None:
    worked, simple, draft = (_row(data, label) for label in ("DRAFT-01 rewrite", "DRAFT-01-S over-simplified rewrite", "DRAFT-01 AI draft"))
    assert worked["readability"]["fk_grade"] <= 8
    assert simple["readability"]["fk_grade"] <= 6 < draft["readability"]["fk_grade"]
    assert worked["escalation"]["ok"] and not simple["escalation"]["ok"]
    wrong = next(r["span"] for r in _key() if r["draft_id"] == "DRAFT-01-S" and r["problem"] == "dosing_interval_copied")
    assert wrong in simple["text"], "the easy version keeps the wrong dosing interval"
    sheets = {s["sheet"].path: s for s in data["sheets"]}
    over, good = sheets["scores/DRAFT-01-S-oversimplified.yaml"], sheets["scores/DRAFT-01-rewrite.yaml"]
    assert over["pemat"]["understandability"] >= 70, "PEMAT does not judge accuracy"
    assert over["cci"] < 90 <= good["cci"], "the CCI catches the dropped warning"
    assert over["sheet"].cci[14] == "no" and good["sheet"].cci[14] == "yes"


def test_the_escalation_block_has_a_fixed_place() -> None:
    body = (ROOT / "rewrites" / "DRAFT-01.md").read_text(encoding="utf-8").split("<!-- rewrite:start -->")[1].split("<!-- rewrite:end -->")[0]
    assert report.escalation(body)["ok"]
    moved = body.replace("## When to get help", "## Placeholder").replace("## Other medicines", "## When to get help")
    assert "belongs second" in report.escalation(moved)["why"]


def test_worked_change_log_is_complete_and_in_the_draft(data: dict) -> None:
    log = next(item for item in data["logs"] if item["draft"] == "DRAFT-01")
    reasons = {e["reason"] for e in log["entries"] if e["filled"]}
    assert reasons == {"accuracy", "plain language", "numeracy", "actionability", "escalation", "tone"}


def test_worked_example_quotes_the_computed_figures(data: dict) -> None:
    text = (ROOT / "review" / "worked-example.md").read_text(encoding="utf-8")
    for label, name in (("DRAFT-01 AI draft", "DRAFT-01, AI draft"), ("DRAFT-01 rewrite", "Worked rewrite"),
                        ("DRAFT-01-S over-simplified rewrite", "DRAFT-01-S, over-simplified")):
        r = _row(data, label)["readability"]
        line = next(ln for ln in text.splitlines() if ln.startswith(f"| {name} | {r['words']} | {r['sentences']} |"))
        if r["fk_grade"] is not None:
            assert f"| {r['fk_grade']} |" in line, line
    sheets = {s["sheet"].path: s for s in data["sheets"]}
    pemat = sheets["scores/DRAFT-01-rewrite.yaml"]["pemat"]
    assert f"| Worked rewrite | {pemat['understandability']:.1f}% | {pemat['actionability']:.1f}% |" in text


def test_the_html_page_is_offline_and_labelled() -> None:
    page = (ROOT / "reports" / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", page), "no network resources"
    assert "Worked example, written by prooflane" in page and "Scaffolded with prooflane" in page
    assert "diff_add" in page or "diff_chg" in page


def test_the_report_rebuilds_to_the_same_bytes(scratch: Path) -> None:
    report.build(scratch)
    first = (scratch / "reports" / "report.html").read_bytes()
    report.build(scratch)
    assert (scratch / "reports" / "report.html").read_bytes() == first


def test_quoted_draft_claims_are_marked_as_evidence(scratch: Path) -> None:
    """The drafts' false claims appear in the report only on lines marked for prooflane check."""
    for draft_id in ("DRAFT-02", "DRAFT-03"):
        path = scratch / "rewrites" / f"{draft_id}.md"
        body = "# T\n\n## The main message\n\nUse it as the sheet says.\n\n## When to get help\n\nCall your local emergency number now.\n"
        path.write_text(re.sub(r"<!-- rewrite:start -->.*<!-- rewrite:end -->",
                               f"<!-- rewrite:start -->\n{body}<!-- rewrite:end -->", path.read_text(encoding="utf-8"),
                               flags=re.DOTALL), encoding="utf-8")
    report.build(scratch)
    claims = [r["span"] for r in _key() if r["problem"] == "false_certainty"]
    for name in ("report.html", "report.md"):
        lines = (scratch / "reports" / name).read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if any(c in line for c in claims):
                assert lines[i - 1] == report.EVIDENCE, f"{name}:{i + 1}"
