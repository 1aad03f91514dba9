"""The built pages: up to date with the data, every figure from the data, the disclaimer and labels in place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import build
import disclaimer


def test_the_markdown_pages_are_up_to_date(root: Path, data: dict[str, Any]) -> None:
    for name, text in build.documents(data).items():
        assert (root / name).read_text(encoding="utf-8") == text, f"{name} is out of date: run make build"


def test_the_html_page_holds_the_checklist_and_the_labels(root: Path, data: dict[str, Any]) -> None:
    page = (root / "reports" / "safety-checklist.html").read_text(encoding="utf-8")
    assert disclaimer.DISCLAIMER_HTML in page and disclaimer.EXAMPLE_NOTE_HTML in page
    assert disclaimer.TOOL_LINE in page
    for item in data["checklist"]["items"]:
        assert f'id="{item["id"]}"' in page
    for line in data["lines"]:
        assert f">{line['line_id']}<" in page
    assert "http://" not in page and "https://" not in page  # offline: nothing to fetch


def test_the_figures_quoted_match_the_data(root: Path, data: dict[str, Any]) -> None:
    workflow = (root / "workflow.md").read_text(encoding="utf-8")
    assert f"Below are {len(data['lines'])} lines" in workflow
    readme = (root / "README.md").read_text(encoding="utf-8")
    parts = [r["part"] for r in data["lines"]]
    m = re.search(r"It has (\d+) numbered lines, (\d+) about how\s+the work is done and (\d+) from", readme)
    assert m and tuple(map(int, m.groups())) == (len(parts), parts.count("workflow"), parts.count("tool"))
    c = build.summary(data["example"])["counts"]
    worked = (root / "worked-example.md").read_text(encoding="utf-8")
    assert f"the example marks {c['gap']} as gaps, {c['unclear']} as unclear" in worked


def test_the_worked_example_is_labelled_and_in_the_third_person(root: Path) -> None:
    for name in ("worked-example.md", "examples/explainer.md"):
        text = (root / name).read_text(encoding="utf-8")
        assert disclaimer.EXAMPLE_NOTE_MD in text, name
        assert not re.search(r"\b(I|my|we|our)\b", text.split(disclaimer.EXAMPLE_NOTE_MD, 1)[1]), name
