"""The plan's YAML files are consistent and plan.md / plan/timeline.svg are generated from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import blocks
import pilot
import plan_views
import pytest
import validate


def test_plan_files_match_their_schemas(root: Path) -> None:
    loaded = validate.load_plan(root / "plan")
    for act in loaded["stakeholders.yaml"]["activities"]:
        assert list(act["raci"].values()).count("A") == 1, act["id"]


def test_raci_mistakes_are_named_with_their_line(tmp_path: Path, root: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(root / "plan", plan)
    path = plan / "stakeholders.yaml"
    text = path.read_text(encoding="utf-8").replace("raci: {privacy: A, it-ehr: R,", "raci: {privacy: A, it-ehr: A,")
    path.write_text(text.replace("{it-ehr: A, vendor: R,", "{it-ehr: A, vendr: R,"), encoding="utf-8")
    with pytest.raises(validate.PlanError) as caught:
        validate.load(path)
    problems = " | ".join(caught.value.problems)
    assert "'privacy-review' has 2 Accountable" in problems
    assert "'vendr'" in problems and "did you mean 'vendor'" in problems
    assert all(p.startswith("plan/stakeholders.yaml, line ") for p in caught.value.problems)


def test_plan_md_and_svg_are_up_to_date(root: Path) -> None:
    generated = plan_views.views(root / "plan")
    text = (root / "plan.md").read_text(encoding="utf-8")
    assert plan_views.render_plan(text, generated) == text, "plan.md is stale: run make plan"
    assert (root / "plan" / "timeline.svg").read_text(encoding="utf-8") == generated["svg"], "run make plan"


def test_a_hand_edited_table_is_never_overwritten(root: Path) -> None:
    text = (root / "plan.md").read_text(encoding="utf-8")
    edited = text.replace("| Triage safety reports within 2 days |", "| Triage safety reports within 1 day |")
    assert edited != text
    with pytest.raises(blocks.HandEditError, match=r"plan\.md, line \d+: the generated 'raci' block was edited"):
        plan_views.render_plan(edited, plan_views.views(root / "plan"))


def test_an_emptied_block_is_written_again(root: Path) -> None:
    text = (root / "plan.md").read_text(encoding="utf-8")
    generated = plan_views.views(root / "plan")
    start = text.index("<!-- generated:raci")
    end = text.index("<!-- /generated:raci -->")
    emptied = text[:start] + "<!-- generated:raci -->\n" + text[end:]
    assert plan_views.render_plan(emptied, generated) == text


def test_gantt_follows_the_timeline(root: Path) -> None:
    timeline = pilot.read_yaml(root / "plan" / "timeline.yaml")
    gantt = plan_views.gantt_mermaid(timeline)
    assert gantt.startswith("```mermaid\ngantt")
    for task in timeline["tasks"]:
        assert task["name"] in gantt
    timeline["tasks"][0]["start"] = 3
    assert "2024-01-03" in plan_views.gantt_mermaid(timeline).splitlines()[8]


def test_svg_is_self_contained(root: Path) -> None:
    svg = (root / "plan" / "timeline.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "href" not in svg and "<script" not in svg
