"""The map: every reference resolves, the diagrams are current, the SVG is well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from workflow_map.model import PEOPLE, MapError, load, problems, ungated_paths
from workflow_map.project import DISCLAIMER_MD
from workflow_map.render import FILL_RE, OUTPUTS, mermaid, render_all

SVG_NS = "{http://www.w3.org/2000/svg}"


def test_every_reference_in_the_map_resolves(wmap) -> None:
    assert problems(wmap.raw) == []


def test_a_broken_reference_is_reported(wmap) -> None:
    broken = {**wmap.raw, "escalation_rules": [*wmap.raw["escalation_rules"], {
        "id": "E99", "from": "ai_missing_step", "route_to": "nobody", "when": "never"}]}
    found = problems(broken)
    assert any("E99" in p and "nobody" in p for p in found)


def test_every_ai_assist_step_leads_to_a_human_review_gate(wmap) -> None:
    """Checked on the flow graph: no path from an AI step reaches the end without a gate or a person."""
    steps = wmap.steps
    ai_steps = [s for s in wmap.state_steps("future") if steps[s]["kind"] == "ai_assist"]
    assert ai_steps, "the future state should show where AI assists"
    kinds = {sid: str(s["kind"]) for sid, s in steps.items()}
    assert ungated_paths(wmap.edges("future"), kinds) == []
    for point in wmap.raw["ai_assist_points"]:
        assert wmap.actor_kind(point["checked_by"]) in PEOPLE


def test_an_ai_shortcut_past_the_gate_is_caught(wmap) -> None:
    """An arrow from an AI step straight to the end of the flow fails, whatever the metadata says."""
    ai = next(s for s in wmap.state_steps("future") if wmap.steps[s]["kind"] == "ai_assist")
    targets = {e.target for e in wmap.edges("future")}
    sources = {e.source for e in wmap.edges("future")}
    ends = [s for s in wmap.state_steps("future") if s in targets and s not in sources]
    shortcut = {**wmap.raw, "future_state": {**wmap.raw["future_state"], "flow": [
        *wmap.raw["future_state"]["flow"], {"from": ai, "to": ends[0], "label": "auto-confirm"}]}}
    assert any("skips every human review gate" in p for p in problems(shortcut))


def test_a_malformed_edit_gets_one_sentence_with_the_line(root, tmp_path) -> None:
    text = (root / "workflow.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "workflow.yaml"
    bad.write_text(text.replace("direction: ", "direction: sideways #", 1), encoding="utf-8")
    with pytest.raises(MapError) as caught:
        load(bad)
    message = str(caught.value)
    assert message.startswith("workflow.yaml, line ") and "direction" in message and "lower, higher" in message
    assert "\n" not in message


def test_the_authors_notes_appear_in_the_map(wmap) -> None:
    md = render_all(wmap, DISCLAIMER_MD)["docs/workflow-map.md"]
    assert "## The author's notes" in md
    for text in wmap.notes.values():
        if not FILL_RE.search(text):
            assert " ".join(text.split()).replace("|", "\\|") in md
    assert not FILL_RE.search(md), "a FILL marker is counted once, in workflow.yaml"


def test_every_escalation_goes_to_a_person(wmap) -> None:
    for rule in wmap.raw["escalation_rules"]:
        assert wmap.actor_kind(rule["route_to"]) in PEOPLE, rule["id"]
    for edge in wmap.edges("future"):
        if edge.kind == "escalation":
            assert wmap.actor_kind(edge.target) in PEOPLE, edge


@pytest.mark.parametrize("rel", OUTPUTS)
def test_diagrams_regenerate_from_the_yaml(root, rel: str) -> None:
    fresh = render_all(load(root / "workflow.yaml"), DISCLAIMER_MD)[rel]
    committed = (root / rel).read_text(encoding="utf-8")
    assert committed == fresh, f"{rel} is out of date with workflow.yaml: run `make map` and commit the result"


def test_rendering_is_deterministic(wmap) -> None:
    assert render_all(wmap, DISCLAIMER_MD) == render_all(wmap, DISCLAIMER_MD)


@pytest.mark.parametrize("state", ["current", "future"])
def test_svg_is_well_formed_and_complete(root, wmap, state: str) -> None:
    tree = ET.fromstring((root / "docs" / f"{state}-state.svg").read_text(encoding="utf-8"))
    assert tree.tag == f"{SVG_NS}svg"
    assert tree.find(f"{SVG_NS}title") is not None and tree.get("viewBox")
    drawn = {g.get("id") for g in tree.iter(f"{SVG_NS}g") if (g.get("id") or "").startswith("step-")}
    assert drawn == {f"step-{s}" for s in wmap.state_steps(state)}
    classes = [el.get("class") or "" for el in tree.iter()]
    kinds = {wmap.steps[s]["kind"] for s in wmap.state_steps(state)}
    if state == "future":
        assert {"ai_assist", "review_gate", "escalation"} <= kinds
        for needed in ("step ai-assist", "step review-gate", "step escalation", "edge escalation"):
            assert needed in classes, f"{needed} is missing from the future-state diagram"
    else:
        assert classes.count("friction-marker") == len(wmap.raw["friction_points"])


@pytest.mark.parametrize("state", ["current", "future"])
def test_mermaid_names_every_step_and_arrow(wmap, state: str) -> None:
    text = mermaid(wmap, state)
    declared = {line.strip().split("[")[0].split("(")[0].split(">")[0].split("{")[0]
                for line in text.splitlines() if line.startswith("    ")}
    for step in wmap.state_steps(state):
        assert step in declared or f"s_{step}" in declared, step
    arrows = [line for line in text.splitlines() if "-->" in line or ".->" in line]
    assert len(arrows) == len(wmap.edges(state))


def test_generated_markdown_carries_the_disclaimer(root) -> None:
    assert DISCLAIMER_MD in (root / "docs" / "workflow-map.md").read_text(encoding="utf-8")
