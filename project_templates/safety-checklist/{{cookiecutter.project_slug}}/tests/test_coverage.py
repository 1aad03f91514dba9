"""Every planted risk in the workflow is covered by a checklist item, and the worked example is complete."""

from __future__ import annotations

from typing import Any

import build


def test_every_planted_risk_is_covered_by_an_item(data: dict[str, Any]) -> None:
    ids = {i["id"] for i in data["checklist"]["items"]}
    lines = {r["line_id"]: r for r in data["lines"]}
    key = build.load_key()
    assert len(key) >= 4
    for risk in key:
        assert risk["line_id"] in lines, risk
        covering = risk["items"].split(";")
        assert covering and set(covering) <= ids, risk


def test_the_four_core_risks_are_planted(data: dict[str, Any]) -> None:
    planted = {r["risk_id"] for r in build.load_key()}
    assert {"R-PHI", "R-REVIEW", "R-CLAIM", "R-REPORT"} <= planted


def test_a_perfect_answer_catches_every_planted_risk(data: dict[str, Any]) -> None:
    key = build.load_key()
    answer = {"items": {i["id"]: {"finding": "ok", "evidence": [], "note": ""} for i in data["checklist"]["items"]}}
    for risk in key:
        entry = answer["items"][risk["items"].split(";")[0]]
        entry["finding"] = "gap"
        entry["evidence"].append(risk["line_id"])
    assert all(found for _, found in build.compare(answer, key))
    answer["items"]["SC-04"]["evidence"] = []
    assert not all(found for _, found in build.compare(answer, key))


def test_the_worked_example_answers_every_item_on_its_own_workflow(data: dict[str, Any]) -> None:
    example = data["example"]
    assert set(example["items"]) == {i["id"] for i in data["checklist"]["items"]}
    assert all((a or {}).get("finding") for a in example["items"].values())
    assert example["workflow"] != data["mine"]["workflow"]
    assert all(e["reason"] for e in example["ranking"])
