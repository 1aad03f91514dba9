"""The plan's YAML files are consistent and plan.md / plan/timeline.svg are generated from them."""

from __future__ import annotations

from pathlib import Path

import pilot
import plan_views


def test_raci_has_one_accountable_per_activity(root: Path) -> None:
    data = pilot.read_yaml(root / "plan" / "stakeholders.yaml")
    assert plan_views.validate_raci(data) == []
    ids = {p["id"] for p in data["stakeholders"]}
    for act in data["activities"]:
        assert list(act["raci"].values()).count("A") == 1, act["id"]
        assert set(act["raci"]) <= ids


def test_raci_validation_catches_mistakes() -> None:
    data = {
        "stakeholders": [{"id": "a", "short": "A", "title": "Alpha"}, {"id": "b", "short": "B", "title": "Beta"}],
        "activities": [
            {"id": "two-owners", "raci": {"a": "A", "b": "A"}},
            {"id": "stranger", "raci": {"a": "R", "ghost": "A"}},
            {"id": "bad-letter", "raci": {"a": "X", "b": "A"}},
        ],
    }
    problems = " | ".join(plan_views.validate_raci(data))
    assert "'two-owners' has 2 Accountable" in problems
    assert "names 'ghost'" in problems
    assert "letter 'X'" in problems
    assert "'bad-letter' has no Responsible" in problems


def test_timeline_is_valid(root: Path) -> None:
    stakeholders = pilot.read_yaml(root / "plan" / "stakeholders.yaml")
    timeline = pilot.read_yaml(root / "plan" / "timeline.yaml")
    assert plan_views.validate_timeline(timeline, {p["id"] for p in stakeholders["stakeholders"]}) == []
    bad = {"weeks": {1: "x"}, "tasks": [{"id": "t", "name": "a: b", "week": 2, "start": 29, "days": 5, "owner": "nobody"}]}
    assert len(plan_views.validate_timeline(bad, {"sponsor"})) == 4


def test_plan_md_and_svg_are_up_to_date(root: Path) -> None:
    generated = plan_views.views(root / "plan")
    text = (root / "plan.md").read_text(encoding="utf-8")
    assert plan_views.render_plan(text, generated) == text, "plan.md is stale: run make plan"
    assert (root / "plan" / "timeline.svg").read_text(encoding="utf-8") == generated["svg"], "run make plan"


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
