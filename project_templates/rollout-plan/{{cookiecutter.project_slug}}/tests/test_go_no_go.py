"""The go / no-go logic on small, hand-made cases: hard criteria read over the whole pilot."""

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
    assert set(metrics) == set(pilot.KNOWN_METRICS)
    assert pilot.validate_criteria(config, set(metrics)) == []
    assert pilot.evaluate(config, metrics).outcome in pilot.OUTCOMES


def _report(day: int, error_type: str, reached: str = "no") -> dict:
    return {"day_reported": day, "error_type": error_type, "reached_signed_note": reached}


def test_stop_rule_counts_one_error_type_within_two_days() -> None:
    three = [_report(15, "omission"), _report(16, "omission"), _report(16, "omission")]
    breach = pilot.stop_rule_breach(three)
    assert breach == {"error_type": "omission", "first_day": 15, "last_day": 16, "count": 3}
    assert pilot.stop_rule_windows(three)[0]["count"] == 3


def test_stop_rule_holds_when_spread_out_or_mixed() -> None:
    spread_out = [_report(10, "omission"), _report(12, "omission"), _report(14, "omission")]
    mixed = [_report(15, "omission"), _report(15, "omission"), _report(16, "invented detail")]
    assert pilot.stop_rule_breach(spread_out) is None
    assert pilot.stop_rule_breach(mixed) is None
    assert pilot.stop_rule_windows(mixed)[0]["count"] == 2
    assert pilot.stop_rule_breach([]) is None


def _day(day: int, **extra: object) -> dict:
    base = {"day": day, "week": 1, "weekday": "Mon", "tool_version": "2.0", "version_approved": "yes",
            "staff_with_access": 1, "active_users": 1, "drafts_generated": 10, "drafts_signed_light_edits": 7,
            "drafts_edited_heavily": 2, "drafts_discarded": 1, "median_minutes_to_sign": 5.0,
            "safety_reports_new": 0, "safety_reports_open": 0, "safety_reports_overdue": 0}
    return base | extra


def _tiny(daily: list[dict], reports: list[dict] | None = None) -> pilot.Pilot:
    roster = [{"staff_id": "FAKE-STAFF-000001", "role": "physician"}, {"staff_id": "FAKE-STAFF-000002", "role": "nurse"}]
    training = [{"staff_id": "FAKE-STAFF-000001", "module_id": m, "completed_day": 2} for m in pilot.MODULE_IDS]
    survey = [{"wave": "w", "survey_day": 1, "comment": None} | {q: 4 for q in pilot.SURVEY_ITEMS}]
    return pilot.Pilot(roster, training, survey, daily, reports or [])


def test_hard_criteria_read_the_whole_pilot_not_the_last_day() -> None:
    daily = [_day(1), _day(2, safety_reports_open=6, safety_reports_overdue=6), _day(3)]
    metrics = pilot.compute_metrics(_tiny(daily))
    assert metrics["safety_reports_overdue_last_day"] == 0
    assert metrics["safety_reports_overdue_max"] == 6
    config = pilot.read_yaml(pilot.PLAN_DIR / "go-no-go.yaml")
    result = {r.criterion["id"]: r.passed for r in pilot.evaluate(config, metrics).results}
    assert result["safety-overdue"] is False


def test_an_unapproved_version_and_a_signed_note_error_are_no_go() -> None:
    daily = [_day(1), _day(2, tool_version="2.1", version_approved="no"), _day(3, tool_version="2.1",
                                                                                  version_approved="no")]
    reports = [_report(2, "medication change dropped", reached="yes")]
    metrics = pilot.compute_metrics(_tiny(daily, reports))
    assert metrics["unapproved_version_days"] == 2
    assert metrics["signed_note_errors"] == 1
    config = pilot.read_yaml(pilot.PLAN_DIR / "go-no-go.yaml")
    decision = pilot.evaluate(config, metrics)
    assert decision.outcome == "no-go"
    assert {"change-control", "signed-note-errors"} <= {r.criterion["id"] for r in decision.failed}


def test_measures_on_a_tiny_pilot() -> None:
    metrics = pilot.compute_metrics(_tiny([_day(1), _day(2)], [_report(1, "other")]))
    assert metrics["training_complete_share"] == 0.5
    assert metrics["training_complete_min_role_share"] == 0.0
    assert metrics["heavy_edit_rate_final_week"] == pytest.approx(0.2)
    assert metrics["safety_reports_total"] == 1
    assert metrics["survey_time_saved_agree_final_wave"] == 1.0
