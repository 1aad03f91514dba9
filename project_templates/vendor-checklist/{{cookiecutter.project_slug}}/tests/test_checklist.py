"""checklist.yaml is complete and consistent, and checklist.md is built from it."""

from __future__ import annotations

import re

import build_checklist
from score import FUNCTIONS

FIELDS = ("id", "function", "title", "question", "why_it_matters", "evidence_to_request", "red_flags",
          "hti1_attribute", "model_card_section", "weight", "typical_impact")
PREFIX = {"Govern": "GOV", "Map": "MAP", "Measure": "MEA", "Manage": "MAN"}


def test_every_item_has_every_field(checklist):
    for item in checklist["items"]:
        missing = [f for f in FIELDS if f not in item]
        assert not missing, f"{item.get('id')} lacks {missing}"
        for text_field in ("title", "question", "why_it_matters"):
            assert isinstance(item[text_field], str) and len(item[text_field].split()) >= 2, (item["id"], text_field)
        for list_field in ("evidence_to_request", "red_flags"):
            values = item[list_field]
            assert values and all(isinstance(v, str) and v.strip() for v in values), (item["id"], list_field)


def test_ids_are_unique_and_match_their_function(checklist):
    ids = [item["id"] for item in checklist["items"]]
    assert len(ids) == len(set(ids))
    for item in checklist["items"]:
        assert item["function"] in FUNCTIONS
        assert re.fullmatch(rf"{PREFIX[item['function']]}-\d\d", item["id"]), item["id"]


def test_every_function_has_enough_items(checklist):
    for function in FUNCTIONS:
        assert sum(1 for i in checklist["items"] if i["function"] == function) >= 5, function
    assert 24 <= len(checklist["items"]) <= 32


def test_weights_and_impacts_are_in_range(checklist):
    for item in checklist["items"]:
        assert item["weight"] in (1, 2, 3), item["id"]
        assert item["typical_impact"] in (1, 2, 3, 4, 5), item["id"]


def test_framework_mappings_use_known_names(checklist):
    hti1 = checklist["hti1_attributes"]
    sections = checklist["model_card_sections"]
    for item in checklist["items"]:
        assert item["hti1_attribute"] is None or item["hti1_attribute"] in hti1, item["id"]
        card = item["model_card_section"]
        if card is not None:
            assert set(card) == {"mitchell", "chai"}, item["id"]
            assert card["mitchell"] is None or card["mitchell"] in sections["mitchell"], item["id"]
            assert card["chai"] is None or card["chai"] in sections["chai"], item["id"]


def test_every_hti1_attribute_and_model_card_section_is_covered(checklist):
    used_hti1 = {i["hti1_attribute"] for i in checklist["items"]}
    assert set(checklist["hti1_attributes"]) <= used_hti1
    cards = [i["model_card_section"] for i in checklist["items"] if i["model_card_section"]]
    assert set(checklist["model_card_sections"]["mitchell"]) <= {c["mitchell"] for c in cards}
    assert set(checklist["model_card_sections"]["chai"]) <= {c["chai"] for c in cards}


def test_scoring_rules_are_complete(checklist):
    rules = checklist["scoring"]
    assert set(rules["points"]) == {"met", "partial", "not-met", "unknown"}
    assert rules["bands"]["low"] == 1
    bands = rules["bands"]
    assert bands["low"] < bands["moderate"] < bands["high"] < bands["critical"] <= 25
    assert set(rules["actions"]) == {"low", "moderate", "high", "critical"}


def test_checklist_md_is_built_from_the_yaml(root, checklist):
    assert (root / "checklist.md").read_text(encoding="utf-8") == build_checklist.render(checklist), (
        "checklist.md is out of date: run make checklist"
    )


def test_checklist_and_every_assessment_pass_their_schemas(root):
    import validate

    validate.load_checklist(root / "checklist.yaml")
    for path in sorted((root / "assessments").glob("*.yaml")):
        validate.load_assessment(path)


def test_checklist_covers_patient_disclosure_section_1557_and_generative_ai(checklist):
    items = {item["id"]: item for item in checklist["items"]}
    text = {k: " ".join(str(v) for v in item.values()) for k, item in items.items()}
    assert "45 CFR 92.210" in text["GOV-09"] and "Section 1557" in items["GOV-09"]["title"]
    assert "patient" in text["MAP-08"].lower() and "reach a person" in items["MAP-08"]["title"]
    assert "NIST AI 600-1" in items["MEA-09"]["title"] and "prompt injection" in text["MEA-09"]


def test_knockout_gates_name_real_items_and_statuses(checklist):
    ids = {item["id"] for item in checklist["items"]}
    gates = checklist["scoring"]["gates"]
    assert {"GOV-03", "MAP-06"} <= {g["item"] for g in gates}
    for gate in gates:
        assert gate["item"] in ids and set(gate["fails_when"]) <= {"met", "partial", "not-met", "unknown", "n/a"}
