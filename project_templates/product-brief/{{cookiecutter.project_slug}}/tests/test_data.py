"""The data files match their datasheet, hold only fictional identifiers, and carry the planted effects."""

from __future__ import annotations

import re
import statistics

from conftest import ROOT

DATASHEET = (ROOT / "data" / "datasheet.md").read_text(encoding="utf-8")


def documented_fields(file_name: str) -> list[str]:
    """Field names listed in the datasheet's table for one data file, in order."""
    section = DATASHEET.split(f"### data/{file_name}", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


def documented_rows(file_name: str) -> int:
    match = re.search(rf"### data/{re.escape(file_name)} \((\d+) (?:rows|records)\)", DATASHEET)
    assert match, f"the datasheet gives no row count for {file_name}"
    return int(match.group(1))


def test_columns_and_sizes_match_the_datasheet(time_study, snippets, personas) -> None:
    assert list(time_study[0]) == documented_fields("time_study.csv")
    assert list(snippets[0]) == documented_fields("interview_snippets.csv")
    assert list(personas[0]) == documented_fields("personas.json")
    assert len(time_study) == documented_rows("time_study.csv")
    assert len(snippets) == documented_rows("interview_snippets.csv")
    assert len(personas) == documented_rows("personas.json")


def test_values_are_in_the_documented_sets(bb, time_study, snippets) -> None:
    assert {r["task_type"] for r in time_study} <= set(bb.TASK_LABELS)
    assert {r["theme"] for r in snippets} <= set(bb.THEME_LABELS)
    assert {r["staff_role"] for r in time_study} <= {"front_desk", "medical_assistant"}
    assert {r["stance"] for r in snippets} <= {"pain_point", "need", "concern", "idea"}
    for r in time_study:
        assert float(r["minutes"]) > 0
        assert r["rework"] in ("0", "1") and r["routed_to_nurse"] in ("0", "1")
        assert 0 <= int(r["interruptions"]) <= 3


def test_identifiers_are_obviously_fictional(time_study, personas, snippets) -> None:
    assert all(re.fullmatch(r"FAKE-TASK-\d{5}", r["task_id"]) for r in time_study)
    assert all(re.fullmatch(r"FAKE-STAFF-\d{6}", r["staff_id"]) for r in time_study)
    assert {r["persona_id"] for r in snippets} <= {p["persona_id"] for p in personas}
    text = "\n".join((ROOT / "data" / name).read_text(encoding="utf-8")
                     for name in ("time_study.csv", "interview_snippets.csv", "personas.json"))
    assert not re.search(r"\b\d{3}-\d{2}-\d{4}\b", text), "nothing shaped like an SSN"
    assert not re.search(r"@(?!clinic\.example|example\.)", text), "no e-mail outside the reserved domains"
    assert not re.search(r"\b(?:19|20)\d\d-\d\d-\d\d\b", text), "no calendar dates"


def test_every_persona_quote_is_one_of_their_snippets(personas, snippets) -> None:
    said = {(r["persona_id"], r["quote"]) for r in snippets}
    for persona in personas[:8]:
        assert (persona["persona_id"], persona["quote"]) in said


def test_planted_effects_are_present(time_study) -> None:
    quiet = [float(r["minutes"]) for r in time_study if r["interruptions"] == "0"]
    busy = [float(r["minutes"]) for r in time_study if r["interruptions"] != "0"]
    assert statistics.median(busy) - statistics.median(quiet) >= 1.0, "interruptions cost time"

    def rework_rate(rows: list[dict]) -> float:
        return sum(int(r["rework"]) for r in rows) / len(rows)

    assert rework_rate([r for r in time_study if r["interruptions"] != "0"]) > rework_rate(
        [r for r in time_study if r["interruptions"] == "0"]
    ), "interruptions cause rework"

    per_day: dict[str, int] = {}
    for r in time_study:
        per_day[r["study_day"]] = per_day.get(r["study_day"], 0) + 1
    mondays = [n for day, n in per_day.items() if (int(day) - 1) % 5 == 0]
    others = [n for day, n in per_day.items() if (int(day) - 1) % 5 != 0]
    assert statistics.mean(mondays) > 1.1 * statistics.mean(others), "Monday backlog"

    routine = [r for r in time_study if r["task_type"] in ("refill_status", "appointment_logistics")]
    assert 0.30 <= len(routine) / len(time_study) <= 0.55, "routine messages are a large share of tasks"
    assert any(r["routed_to_nurse"] == "1" for r in routine), "some routine-looking messages mention symptoms"
    handoffs = [r for r in time_study if r["task_type"] == "symptom_message_handoff"]
    assert handoffs and all(r["routed_to_nurse"] == "1" for r in handoffs)


def test_every_suggested_workflow_has_interview_evidence(snippets) -> None:
    for workflow in ("forms_and_records", "referral_coordination", "prior_auth_follow_up"):
        about = [r for r in snippets if workflow in r["workflows"].split(";")]
        assert len(about) >= 4, f"only {len(about)} snippets about {workflow}"


def test_persona_needs_do_not_hand_over_the_solution(personas) -> None:
    for persona in personas:
        assert not re.search(r"\b(draft|AI|tool|software helped)\b", persona["needs"]), persona["persona_id"]
