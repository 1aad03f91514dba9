"""Every SQL file runs in DuckDB and returns rows; the README's worked example matches the SQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.queries import connect, query_files, run_query

SQL_FILES = [p.name for p in query_files(Path(__file__).resolve().parent.parent)]


def test_there_is_a_query_for_every_chart() -> None:
    from dashboard.charts import CHARTS

    assert {query for query, _ in CHARTS.values()} <= {name[:-4] for name in SQL_FILES}
    assert len(SQL_FILES) >= 10


@pytest.mark.parametrize("name", SQL_FILES)
def test_query_runs_and_returns_rows(root: Path, name: str) -> None:
    con = connect(root)
    try:
        result = run_query(con, root / "sql" / name)
    finally:
        con.close()
    assert result.rows, f"{name} returned no rows"
    assert result.question, f"{name} has no '-- Question:' line in its header"
    assert all(value is not None for row in result.rows for value in row[:2]), f"{name} has empty key columns"


def test_overview_counts_every_appointment(results) -> None:
    overview = results["01_overview"].first()
    assert overview["appointments"] == 5000
    assert overview["clinics"] == 8
    assert 5.0 < overview["no_show_pct"] < 40.0


def test_rates_add_up_to_the_overall_rate(results) -> None:
    overall = results["01_overview"].first()
    bands = results["02_no_show_by_lead_time"].records()
    assert sum(r["appointments"] for r in bands) == overall["appointments"]
    assert sum(r["no_shows"] for r in bands) == overall["no_shows"]


def _marked_table(text: str, marker: str) -> list[list[str]]:
    block = re.search(rf"<!-- {marker} -->(.*?)<!-- /{marker} -->", text, flags=re.DOTALL)
    assert block, f"README.md has no <!-- {marker} --> section"
    lines = [line for line in block.group(1).splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_readme_worked_example_matches_the_sql(root: Path, results) -> None:
    table = _marked_table((root / "README.md").read_text(encoding="utf-8"), "worked-example")
    bands = results["02_no_show_by_lead_time"].records()
    assert [row[0] for row in table] == [b["lead_time_band"] for b in bands]
    for row, band in zip(table, bands, strict=True):
        assert int(row[1].replace(",", "")) == band["appointments"]
        assert int(row[2].replace(",", "")) == band["no_shows"]
        assert abs(float(row[3].rstrip("%")) - band["no_show_pct"]) <= 0.11
        low, high = (float(v) for v in row[4].rstrip("%").split("-"))
        assert abs(low - band["ci95_low"]) <= 0.11 and abs(high - band["ci95_high"]) <= 0.11


def test_rates_carry_intervals_that_contain_them(results) -> None:
    for name in ("02_no_show_by_lead_time", "03_reminders", "04_weekday", "10_reminders_by_language"):
        for row in results[name].records():
            assert row["ci95_low"] <= row["no_show_pct"] <= row["ci95_high"], name
