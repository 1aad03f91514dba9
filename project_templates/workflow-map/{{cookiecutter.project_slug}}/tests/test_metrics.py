"""The event log and its baseline: ids, references, and metrics that match the log."""

from __future__ import annotations

import json
import re
import statistics
from collections import defaultdict

import pytest

from workflow_map.measure import compute, mismatches, write_reports
from workflow_map.model import INTERNAL
from workflow_map.project import DISCLAIMER_MD

CASE_ID = re.compile(r"^FAKE-CASE-\d{6}$")


def test_the_log_is_big_enough_and_fictional(events) -> None:
    cases = {e["case_id"] for e in events}
    assert len(cases) >= 500
    assert all(CASE_ID.match(c) for c in cases)
    assert {e["outcome"] for e in events} <= {"done", "rework", "escalated"}


def test_times_run_forward_within_each_case(events) -> None:
    last_end: dict[str, int] = {}
    for e in events:
        assert 0 <= e["queued_min"] <= e["started_min"] <= e["ended_min"]
        before = last_end.get(e["case_id"], 0)
        # a case closed after its visit joins the closing queue when the visit time has passed
        assert e["queued_min"] == before or e["queued_min"] == e.get("appointment_min", before), e
        last_end[e["case_id"]] = e["ended_min"]


def test_nobody_is_contacted_about_a_visit_that_has_passed(events, wmap) -> None:
    """With a booked visit in the log, no reminder call starts after it.

    A nurse's callback about symptoms (an escalation) is a clinical call, not a reminder, and is not held
    to the visit time; reading a late reply is not a call either.
    """
    if "appointment_min" not in events[0]:
        pytest.skip("this workflow has no booked visit")
    by_case: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        by_case[e["case_id"]].append(e)
    for evs in by_case.values():
        for e in evs[:-1]:
            if e["channel"].startswith("phone") and wmap.steps[e["step_id"]]["kind"] != "escalation":
                assert e["started_min"] < e["appointment_min"], e


def test_guardrail_baselines_come_from_the_log(metrics, wmap) -> None:
    quoted = [g for g in wmap.raw["success_metric"].get("guardrails", []) if isinstance(g, dict) and "metric" in g]
    assert quoted, "at least one guardrail should have a baseline measured from the log"
    assert mismatches(metrics, wmap) == []


def test_every_step_in_the_log_exists_in_the_map(events, wmap) -> None:
    current = set(wmap.state_steps("current"))
    for e in events:
        assert e["step_id"] in current, f"{e['step_id']} is in the log but not in the map's current state"
        assert e["actor"] == wmap.steps[e["step_id"]]["actor"], e["step_id"]


def test_metrics_match_the_log(events, wmap, metrics) -> None:
    by_case: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        by_case[e["case_id"]].append(e)
    n = len(by_case)
    escalated = sum(any(e["outcome"] == "escalated" for e in evs) for evs in by_case.values())
    reworked = sum(any(e["outcome"] == "rework" for e in evs) for evs in by_case.values())
    assert metrics["cases"] == n and metrics["events"] == len(events)
    assert metrics["escalation_rate"] == round(escalated / n, 4)
    assert metrics["rework_rate"] == round(reworked / n, 4)
    assert metrics["staff_min_per_case"] == round(sum(e["staff_min"] for e in events) / n, 2)

    hours: dict[str, int] = defaultdict(int)
    waits: dict[str, list[int]] = defaultdict(list)
    for e in events:
        hours[e["step_id"]] += e["ended_min"] - e["queued_min"]
        waits[e["step_id"]].append(e["started_min"] - e["queued_min"])
    internal = {s: h for s, h in hours.items() if wmap.actor_kind(s) in INTERNAL}
    assert metrics["largest_delay"]["step"] == max(internal, key=lambda s: (internal[s], s))
    for step, values in waits.items():
        assert metrics["steps"][step]["median_wait_h"] == round(statistics.median(values) / 60, 2)


def test_numbers_quoted_in_the_map_match_the_log(metrics, wmap) -> None:
    assert mismatches(metrics, wmap) == []


def test_success_metric_has_a_baseline_and_a_better_target(metrics, wmap) -> None:
    sm = wmap.raw["success_metric"]
    baseline = metrics["success_metric"]["baseline"]
    if sm["direction"] == "lower":
        assert float(sm["target"]) < baseline
    else:
        assert float(sm["target"]) > baseline


def test_reports_are_written_and_carry_the_disclaimer(root, tmp_path) -> None:
    metrics = write_reports(root, tmp_path)
    assert json.loads((tmp_path / "metrics.json").read_text(encoding="utf-8")) == metrics
    report = (tmp_path / "baseline.md").read_text(encoding="utf-8")
    assert DISCLAIMER_MD in report
    assert metrics["largest_delay"]["name"] in report


def test_committed_reports_are_current(root, events, wmap) -> None:
    saved = root / "reports" / "metrics.json"
    if saved.exists():
        assert json.loads(saved.read_text(encoding="utf-8")) == compute(events, wmap), (
            "reports/ is out of date with the data or the map: run `make metrics`")
