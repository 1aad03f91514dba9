"""The data is synthetic and matches its datasheet: columns, allowed values, size and identifiers."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

COLUMNS = [
    "appointment_id", "patient_id", "clinic", "specialty", "visit_type", "scheduled_at", "lead_time_days",
    "reminder_channel", "age_band", "distance_band", "preferred_language", "no_show", "wait_minutes",
]
ALLOWED = {
    "clinic": {
        "Maple Grove Family Practice", "Harbourlight Community Clinic", "Cedar Hollow Health Centre",
        "Bluefern Specialty Clinic", "Riverbend Outpatient Centre", "Lanternfield Medical Group",
        "Willowmere Wellness Clinic", "Stonebridge Care Centre",
    },
    "specialty": {
        "Behavioural health", "Cardiology", "Dermatology", "Endocrinology", "Family medicine", "Orthopaedics",
        "Paediatrics", "Physiotherapy", "Women's health",
    },
    "visit_type": {"new", "follow-up", "telehealth"},
    "reminder_channel": {"none", "email", "sms", "phone"},
    "age_band": {"0-17", "18-29", "30-44", "45-64", "65-79", "80-89", "90+"},
    "distance_band": {"0-5 km", "5-15 km", "15-30 km", "30+ km"},
    "preferred_language": {"English", "Spanish", "Vietnamese", "Arabic", "Haitian Creole"},
    "no_show": {"0", "1"},
}
EXPECTED_ROWS = 5000


@pytest.fixture(scope="module")
def rows(root: Path) -> list[dict[str, str]]:
    with (root / "data" / "appointments.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def datasheet(root: Path) -> str:
    return (root / "data" / "datasheet.md").read_text(encoding="utf-8")


def test_columns_match_the_datasheet_in_order(root: Path, datasheet: str) -> None:
    header = (root / "data" / "appointments.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == COLUMNS
    documented = re.findall(r"^\| `([a-z_]+)` \|", datasheet, flags=re.MULTILINE)
    assert documented == COLUMNS


def test_row_count_matches_the_datasheet(rows: list[dict[str, str]], datasheet: str) -> None:
    assert len(rows) == EXPECTED_ROWS
    assert f"{EXPECTED_ROWS:,} rows" in datasheet


@pytest.mark.parametrize("column", sorted(ALLOWED))
def test_categorical_values_are_the_documented_ones(rows: list[dict[str, str]], datasheet: str, column: str) -> None:
    seen = {row[column] for row in rows}
    assert seen <= ALLOWED[column], seen - ALLOWED[column]
    for value in seen - {"0", "1"}:
        assert value in datasheet, f"{value} is not documented in data/datasheet.md"


def test_identifiers_are_obviously_fake(rows: list[dict[str, str]]) -> None:
    appointment_ids = [row["appointment_id"] for row in rows]
    assert all(re.fullmatch(r"FAKE-APT-\d{6}", a) for a in appointment_ids)
    assert len(set(appointment_ids)) == len(appointment_ids)
    assert all(re.fullmatch(r"FAKE-PT-\d{6}", row["patient_id"]) for row in rows)
    assert len({row["patient_id"] for row in rows}) < len(rows), "patients should have repeat visits"


def test_no_real_looking_identifiers_anywhere(root: Path) -> None:
    text = (root / "data" / "appointments.csv").read_text(encoding="utf-8")
    assert not re.search(r"\b\d{3}-\d{2}-\d{4}\b", text), "looks like a Social Security number"
    assert not re.search(r"\(?\b\d{3}\)?[ .-]\d{3}-\d{4}\b", text), "looks like a phone number"
    assert "@" not in text and "http" not in text
    assert not re.search(r"\b(?:\d{1,3}\.){3}\d{1,3}\b", text), "looks like an IP address"


def test_schedule_is_inside_the_synthetic_window(rows: list[dict[str, str]]) -> None:
    for row in rows:
        when = dt.datetime.strptime(row["scheduled_at"], "%Y-%m-%d %H:%M:%S")
        assert when.year == 2025
        assert when.weekday() < 5, "clinics are open Monday to Friday"
        assert 8 <= when.hour <= 16 and when.minute in (0, 15, 30, 45)


def test_numbers_are_in_range_and_waits_exist_only_for_attended_visits(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert 0 <= int(row["lead_time_days"]) <= 120
        if row["no_show"] == "1":
            assert row["wait_minutes"] == ""
        else:
            assert 0 <= int(row["wait_minutes"]) <= 400
        if row["lead_time_days"] == "0":
            assert row["reminder_channel"] == "none"


def test_each_patient_keeps_the_same_profile(rows: list[dict[str, str]]) -> None:
    profiles: dict[str, tuple[str, str, str]] = {}
    for row in rows:
        profile = (row["age_band"], row["distance_band"], row["preferred_language"])
        assert profiles.setdefault(row["patient_id"], profile) == profile
