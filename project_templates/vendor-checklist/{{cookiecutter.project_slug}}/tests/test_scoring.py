"""The scoring rules on small, hand-checked inputs."""

from __future__ import annotations

import pytest
from score import AssessmentError, band_of, score

BANDS = {"low": 1, "moderate": 5, "high": 10, "critical": 17}


def small_checklist() -> dict:
    """Four items, one per function, with weights 1, 2, 3, 2 and the project's default rules."""
    items = [
        {"id": "GOV-01", "function": "Govern", "title": "a", "weight": 1},
        {"id": "MAP-01", "function": "Map", "title": "b", "weight": 2},
        {"id": "MEA-01", "function": "Measure", "title": "c", "weight": 3},
        {"id": "MAN-01", "function": "Manage", "title": "d", "weight": 2},
    ]
    rules = {
        "points": {"met": 1.0, "partial": 0.5, "not-met": 0.0, "unknown": 0.0},
        "bands": BANDS,
        "tiers": {
            "critical": {"critical_risks_at_least": 4},
            "high": {"critical_risks_at_least": 1, "unresolved_red_flags_at_least": 1, "score_below": 50},
            "moderate": {"high_risks_at_least": 1, "score_below": 75},
        },
        "actions": {"critical": "stop", "high": "wait", "moderate": "conditions", "low": "go"},
    }
    return {"items": items, "scoring": rules}


def answers(**statuses: tuple) -> dict:
    """``GOV_01=("partial", 2, 3)`` -> an assessment's items mapping."""
    out = {}
    for key, (status, likelihood, impact) in statuses.items():
        out[key.replace("_", "-")] = {"status": status, "likelihood": likelihood, "impact": impact}
    return {"items": out}


@pytest.mark.parametrize(("risk", "band"), [(1, "low"), (4, "low"), (5, "moderate"), (9, "moderate"),
                                            (10, "high"), (16, "high"), (17, "critical"), (25, "critical")])
def test_band_boundaries(risk, band):
    assert band_of(risk, BANDS) == band


def test_all_met_is_low_tier_with_full_score():
    result = score(small_checklist(), answers(GOV_01=("met", None, None), MAP_01=("met", None, None),
                                              MEA_01=("met", None, None), MAN_01=("met", None, None)))
    assert result.complete and result.score == 100.0 and result.tier == "low"


def test_weighted_score_and_moderate_tier():
    # points: GOV 1x1 + MAP 2x0.5 + MEA 3x1 + MAN 2x0 = 5 of 8 -> 62.5; MAN-01 risk 2x3=6 (moderate band)
    result = score(small_checklist(), answers(GOV_01=("met", None, None), MAP_01=("partial", 2, 2),
                                              MEA_01=("met", None, None), MAN_01=("not-met", 2, 3)))
    assert result.score == 62.5
    assert result.function_scores == {"Govern": 100.0, "Map": 50.0, "Measure": 100.0, "Manage": 0.0}
    assert result.tier == "moderate"
    assert any("below 75" in reason for reason in result.reasons)


def test_one_critical_risk_makes_the_tier_high():
    result = score(small_checklist(), answers(GOV_01=("met", None, None), MAP_01=("not-met", 4, 5),
                                              MEA_01=("met", None, None), MAN_01=("met", None, None)))
    assert result.items[1].risk == 20 and result.items[1].band == "critical"
    assert result.tier == "high"


def test_four_critical_risks_make_the_tier_critical():
    result = score(small_checklist(), answers(GOV_01=("not-met", 5, 5), MAP_01=("unknown", 4, 5),
                                              MEA_01=("partial", 5, 4), MAN_01=("not-met", 4, 5)))
    assert result.tier == "critical"


def test_an_unresolved_red_flag_claim_makes_the_tier_high():
    all_met = answers(GOV_01=("met", None, None), MAP_01=("met", None, None), MEA_01=("met", None, None),
                      MAN_01=("met", None, None))
    claims = [{"claim_id": "V09-C1", "claim": "Example claim.", "source": "brochure"}]
    all_met["claims"] = [{"claim_id": "V09-C1", "red_flag": True, "resolved": False}]
    assert score(small_checklist(), all_met, claims=claims).tier == "high"
    all_met["claims"][0]["resolved"] = True
    assert score(small_checklist(), all_met, claims=claims).tier == "low"


def test_unanswered_items_and_unjudged_claims_make_it_incomplete():
    partial = answers(GOV_01=("met", None, None), MAP_01=("not-met", None, None))
    claims = [{"claim_id": "V09-C1", "claim": "Example claim.", "source": "brochure"}]
    result = score(small_checklist(), partial, claims=claims)
    assert not result.complete and result.tier is None
    assert result.unanswered == ["MAP-01", "MEA-01", "MAN-01", "V09-C1"]
    assert result.unanswered_text() == "4 items unanswered (3 checklist items, 1 claim)"


def test_not_applicable_items_are_left_out_of_the_score():
    result = score(small_checklist(), answers(GOV_01=("n/a", None, None), MAP_01=("met", None, None),
                                              MEA_01=("met", None, None), MAN_01=("met", None, None)))
    assert result.score == 100.0 and result.function_scores["Govern"] is None


@pytest.mark.parametrize("bad", [
    {"items": {"GOV-99": {"status": "met"}}},
    {"items": {"GOV-01": {"status": "mostly"}}},
    {"items": {"GOV-01": {"status": "partial", "likelihood": 6, "impact": 2}}},
])
def test_mistakes_in_an_assessment_are_explained(bad):
    with pytest.raises(AssessmentError):
        score(small_checklist(), bad)


def gated() -> dict:
    checklist = small_checklist()
    checklist["scoring"]["gates"] = [{"item": "MAP-01", "fails_when": ["not-met"], "why": "no human review"}]
    return checklist


def test_a_failed_knockout_gate_stops_the_review_whatever_the_score():
    result = score(gated(), answers(GOV_01=("met", None, None), MAP_01=("not-met", 1, 1),
                                              MEA_01=("met", None, None), MAN_01=("met", None, None)))
    assert result.items[1].band == "low" and result.score == 75.0
    assert result.tier == "critical" and result.gates_failed
    assert result.reasons[0].startswith("knockout gate failed: MAP-01 is not met")


def test_a_gate_item_that_is_only_partial_does_not_fail_the_gate():
    result = score(gated(), answers(GOV_01=("met", None, None), MAP_01=("partial", 1, 1),
                                              MEA_01=("met", None, None), MAN_01=("met", None, None)))
    assert not result.gates_failed and result.tier == "low"


def test_an_empty_impact_takes_the_items_typical_impact():
    checklist = small_checklist()
    checklist["items"][3]["typical_impact"] = 4
    result = score(checklist, answers(GOV_01=("met", None, None), MAP_01=("met", None, None),
                                      MEA_01=("met", None, None), MAN_01=("not-met", 3, None)))
    assert result.items[3].impact == 4 and result.items[3].risk == 12


def test_ties_are_broken_by_impact_first():
    result = score(small_checklist(), answers(GOV_01=("not-met", 4, 3), MAP_01=("met", None, None),
                                              MEA_01=("not-met", 3, 4), MAN_01=("met", None, None)))
    assert [i.id for i in result.top_risks()] == ["MEA-01", "GOV-01"]
