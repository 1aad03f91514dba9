"""The synthetic data matches data/datasheet.md and carries the effects it documents."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pilot
import pytest

FILES = ("staff-roster.csv", "training-tracker.csv", "pilot-survey.csv", "adoption-daily.csv", "safety-reports.csv")


def datasheet_columns(root: Path) -> dict[str, tuple[int, list[str]]]:
    """file -> (rows, columns) as documented in the datasheet's per-file sections."""
    text = (root / "data" / "datasheet.md").read_text(encoding="utf-8")
    found: dict[str, tuple[int, list[str]]] = {}
    for match in re.finditer(r"^### `data/([\w.-]+)` \((\d+) rows\)\n(.*?)(?=^### |^## |\Z)", text, re.MULTILINE | re.DOTALL):
        columns = re.findall(r"^\| `(\w+)` \|", match.group(3), re.MULTILINE)
        found[match.group(1)] = (int(match.group(2)), columns)
    return found


@pytest.fixture(scope="module")
def data(root: Path) -> pilot.Pilot:
    return pilot.load_pilot(root / "data")


@pytest.mark.parametrize("name", FILES)
def test_each_file_matches_the_datasheet(root: Path, name: str) -> None:
    documented = datasheet_columns(root)
    assert name in documented, f"datasheet.md has no section for data/{name}"
    rows, columns = documented[name]
    with (root / "data" / name).open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        count = sum(1 for _ in reader)
    assert header == columns
    assert count == rows


def test_identifiers_are_fake_and_values_in_range(data: pilot.Pilot) -> None:
    assert all(re.fullmatch(r"FAKE-STAFF-\d{6}", p["staff_id"]) for p in data.roster)
    assert all(re.fullmatch(r"FAKE-RESP-\d{6}", r["response_id"]) for r in data.survey)
    ids = {p["staff_id"] for p in data.roster}
    assert {r["staff_id"] for r in data.training} == ids
    for r in data.survey:
        assert all(1 <= r[item] <= 5 for item in pilot.SURVEY_ITEMS)
    for r in data.training:
        assert r["completed_day"] is None or 1 <= r["completed_day"] <= 30


def test_daily_counts_add_up(data: pilot.Pilot) -> None:
    access = pilot.access_by_day(data.training, len(data.daily))
    for r, with_access in zip(data.daily, access):
        parts = r["drafts_signed_light_edits"] + r["drafts_edited_heavily"] + r["drafts_discarded"]
        assert parts == r["drafts_generated"]
        assert r["staff_with_access"] == with_access
        assert r["active_users"] <= r["staff_with_access"]
        assert r["safety_reports_overdue"] <= r["safety_reports_open"]
        assert r["version_approved"] in ("yes", "no")


def test_daily_report_counts_come_from_the_report_log(data: pilot.Pilot) -> None:
    for r in data.daily:
        day = r["day"]
        filed = [x for x in data.reports if x["day_reported"] <= day]
        still_open = [x for x in filed if x["closed_day"] is None or x["closed_day"] > day]
        assert r["safety_reports_new"] == sum(1 for x in data.reports if x["day_reported"] == day)
        assert r["safety_reports_open"] == len(still_open)
        assert r["safety_reports_overdue"] == sum(1 for x in still_open if day - x["day_reported"] >= 2)
    versions = {r["day"]: r["tool_version"] for r in data.daily}
    assert all(x["tool_version"] == versions[x["day_reported"]] for x in data.reports)
    assert all(re.fullmatch(r"FAKE-SR-\d{6}", x["report_id"]) for x in data.reports)


def test_training_gap_sits_with_physicians(data: pilot.Pilot) -> None:
    by_role = pilot.training_by_role(data)
    done, total = by_role["physician"]
    assert all(done / total <= d / t for role, (d, t) in by_role.items())


def test_an_unapproved_version_shows_in_draft_quality(data: pilot.Pilot) -> None:
    unapproved = pilot.unapproved_versions(data.daily)
    worst = pilot.worst_version(data.daily)
    if unapproved:
        assert worst is not None and worst["version"] == unapproved[0]["version"]
        assert worst["max_overdue"] > 0
    assert data.daily[-1]["safety_reports_overdue"] == 0
