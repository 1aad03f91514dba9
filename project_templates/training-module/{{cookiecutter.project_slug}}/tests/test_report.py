"""The report: every figure it prints comes from the analysis, the screen matches the audit key."""

from __future__ import annotations

import html.parser
from pathlib import Path

import audit as screen
import project_text
import report
from inputs import Inputs

ROOT = Path(__file__).resolve().parent.parent


def test_screen_finds_every_identifier_in_the_audit_key(inputs: Inputs) -> None:
    for row in inputs.audit:
        assert screen.screen(row["prompt"]) == screen.key_kinds(inputs.audit_key[row["audit_id"]]), row["audit_id"]


def test_markdown_quotes_the_computed_figures(analysis: dict) -> None:
    text = report.markdown(analysis)
    post, pre = analysis["post"], analysis["pre"]
    assert f"Mean score {pre['mean']:.1f} before and {post['mean']:.1f} after" in text
    assert f"KR-20 {report._f(pre['kr20'])} before, {report._f(post['kr20'])} after" in text
    for item in analysis["items"]:
        assert f"| {item} | " in text
    assert f"flagged {analysis['audit']['flagged']} of {analysis['audit']['prompts']} audited prompts" in text
    assert project_text.DISCLAIMER_MD in text
    assert "[FILL" not in text


def test_html_is_offline_and_well_formed(analysis: dict) -> None:
    page = report.page(analysis)
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert "@media print" in page
    assert project_text.TOOL_LINE in page

    class Parser(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables = 0

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.tables += tag == "table"

    parser = Parser()
    parser.feed(page)
    assert parser.tables == 3


def test_main_writes_both_reports(scratch: Path) -> None:
    assert report.main(scratch) == 0
    assert (scratch / "reports" / "report.md").read_text(encoding="utf-8").startswith("# ")
    assert (scratch / "reports" / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_fixing_the_key_turns_the_item_positive(scratch: Path, inputs: Inputs) -> None:
    """What the author is asked to do: after the fix, the item no longer correlates negatively."""
    import inputs as inputs_module

    planted = next(p for p in inputs.planted if p["effect"] == "mis-keyed item")
    quiz = scratch / "quiz" / "quiz.yaml"
    lines = quiz.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {planted['item']}")
    counts = report.analyse(inputs_module.load(scratch))["counts"][planted["item"]]
    best = max((o for o in counts if o != planted["option"]), key=counts.get)
    for i in range(start, len(lines)):
        if lines[i].startswith("    key: "):
            lines[i] = f"    key: {best}"
            break
    quiz.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fixed = report.analyse(inputs_module.load(scratch))
    assert fixed["post"]["stats"][planted["item"]]["rpb"] > 0
    assert planted["item"] not in fixed["flags"] or not any("negative" in n for n in fixed["flags"][planted["item"]])
