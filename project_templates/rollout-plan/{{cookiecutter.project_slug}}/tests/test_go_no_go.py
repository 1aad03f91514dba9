"""The go / no-go logic on small, hand-made cases."""

from __future__ import annotations

from pathlib import Path

import pilot
import pytest

CONFIG = {
    "criteria": [
        {"id": "safety", "label": "Overdue reports", "metric": "overdue", "comparison": "==", "threshold": 0,
         "level": "must"},
        {"id": "training", "label": "Training", "metric": "training", "comparison": ">=", "threshold": 0.9,
         "level": "target"},
        {"id": "edits", "label": "Heavy edits", "metric": "edits", "comparison": "<=", "threshold": 0.15,
         "level": "target"},
    ]
}


def decide(**metrics: float) -> pilot.Decision:
    return pilot.evaluate(CONFIG, {"overdue": 0.0, "training": 0.95, "edits": 0.10} | metrics)


def test_all_met_is_go() -> None:
    assert decide().outcome == "go"


def test_a_missed_target_extends_the_pilot() -> None:
    decision = decide(training=0.883)
    assert decision.outcome == "extend pilot"
    assert [r.criterion["id"] for r in decision.failed] == ["training"]


def test_a_missed_must_is_no_go_even_when_targets_are_met() -> None:
    assert decide(overdue=1.0).outcome == "no-go"
    assert decide(overdue=2.0, training=0.5).outcome == "no-go"


def test_thresholds_are_inclusive() -> None:
    assert decide(training=0.9, edits=0.15).outcome == "go"
    assert decide(edits=0.151).outcome == "extend pilot"


def test_bad_criteria_are_refused() -> None:
    bad = {"criteria": [{"id": "x", "label": "X", "metric": "nope", "comparison": "~", "threshold": "high",
                         "level": "maybe"}]}
    problems = pilot.validate_criteria(bad, {"overdue"})
    assert len(problems) == 4
    with pytest.raises(ValueError):
        pilot.evaluate(bad, {"overdue": 0.0})


def test_project_criteria_name_known_measures(root: Path) -> None:
    config = pilot.read_yaml(root / "plan" / "go-no-go.yaml")
    metrics = pilot.compute_metrics(pilot.load_pilot(root / "data"))
    assert pilot.validate_criteria(config, set(metrics)) == []
    assert pilot.evaluate(config, metrics).outcome in pilot.OUTCOMES


def test_measures_on_a_tiny_pilot() -> None:
    roster = [{"staff_id": "FAKE-STAFF-000001", "role": "physician"}, {"staff_id": "FAKE-STAFF-000002", "role": "nurse"}]
    training = [{"staff_id": "FAKE-STAFF-000001", "module_id": m, "completed_day": 2} for m in pilot.MODULE_IDS]
    day = {"week": 1, "weekday": "Mon", "tool_version": "2.0", "staff_with_access": 1, "active_users": 1,
           "drafts_generated": 10, "drafts_edited_heavily": 2, "drafts_discarded": 1, "median_minutes_to_sign": 5.0,
           "safety_reports_new": 1, "safety_reports_open": 1, "safety_reports_overdue": 0}
    daily = [{"day": 1} | day, {"day": 2} | day]
    survey = [{"wave": "w", "survey_day": 1, "comment": None} | {q: 4 for q in pilot.SURVEY_ITEMS}]
    metrics = pilot.compute_metrics(pilot.Pilot(roster, training, survey, daily))
    assert metrics["training_complete_share"] == 0.5
    assert metrics["training_complete_min_role_share"] == 0.0
    assert metrics["heavy_edit_rate_final_week"] == pytest.approx(0.2)
    assert metrics["safety_reports_total"] == 2
    assert metrics["survey_time_saved_agree_final_wave"] == 1.0
