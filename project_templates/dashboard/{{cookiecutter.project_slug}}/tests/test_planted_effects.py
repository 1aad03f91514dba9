"""A good analysis recovers the effects planted in the data (data/datasheet.md, "Planted effects").

The thresholds sit well inside what the documented model produces at 5,000 rows, so they hold for
any seed while still failing if an effect disappeared or reversed.
"""

from __future__ import annotations


def _by(result, key: str) -> dict:
    return {row[key]: row for row in result.records()}


def test_no_shows_rise_with_lead_time(results) -> None:
    bands = {row["lead_time_band"]: row["no_show_pct"] for row in results["02_no_show_by_lead_time"].records()}
    assert list(bands) == ["same day", "1-7 days", "8-14 days", "15-30 days", "31-60 days", "61+ days"]
    assert bands["15-30 days"] > bands["1-7 days"], "15-30 days should be above 1-7 days"
    assert bands["15-30 days"] < bands["31-60 days"] < bands["61+ days"], "rates should climb from 15 days on"
    assert bands["61+ days"] - bands["1-7 days"] >= 15.0


def test_the_lead_time_gradient_holds_within_clinics(results) -> None:
    rows = results["08_lead_time_within_clinic"].records()
    clinics = [r for r in rows if r["short_ci95_low"] is not None]
    assert len(clinics) == 8
    assert sum(r["long_no_show_pct"] > r["short_no_show_pct"] for r in clinics) >= 7
    pooled = {r["clinic"]: r["odds_ratio"] for r in rows if r["short_ci95_low"] is None}
    assert pooled["All clinics, Mantel-Haenszel (within clinic)"] > 1.5, "no clinic effect is planted: it survives"


def test_the_monthly_rate_has_no_planted_trend(results) -> None:
    months = results["09_monthly_trend"].records()
    assert [m["month"] for m in months] == [f"2025-{n:02d}" for n in range(1, 13)]
    assert sum(m["signal"] != "inside" for m in months) <= 2, "no seasonality is planted"
    for m in months:
        assert m["lower_limit_pct"] < m["centre_pct"] < m["upper_limit_pct"]


def test_reminders_go_with_fewer_no_shows(results) -> None:
    channels = _by(results["03_reminders"], "reminder_channel")
    none = channels["none"]["no_show_pct"]
    for name in ("email", "sms", "phone"):
        assert channels[name]["no_show_pct"] < none, name
    assert none - channels["sms"]["no_show_pct"] >= 4.0
    assert none - channels["phone"]["no_show_pct"] >= 4.0


def test_monday_stands_out(results) -> None:
    days = _by(results["04_weekday"], "weekday")
    midweek = sum(days[d]["no_shows"] for d in ("Tuesday", "Wednesday", "Thursday")) / sum(
        days[d]["appointments"] for d in ("Tuesday", "Wednesday", "Thursday")
    )
    assert days["Monday"]["no_show_pct"] - 100 * midweek >= 2.0


def test_distance_and_language_gaps_are_present(results) -> None:
    rows = results["05_equity_distance_language"].records()
    distance = {r["group"]: r for r in rows if r["dimension"] == "Distance (in person)"}
    language = {r["group"]: r for r in rows if r["dimension"] == "Language group"}
    assert distance["30+ km"]["no_show_pct"] - distance["0-5 km"]["no_show_pct"] >= 3.0
    assert language["Other than English"]["no_show_pct"] - language["English"]["no_show_pct"] >= 1.5
    for row in rows:
        assert row["ci95_low"] <= row["no_show_pct"] <= row["ci95_high"]


def test_reminders_help_less_when_not_in_the_preferred_language(results) -> None:
    drops = {r["language_group"]: r["pct_points_vs_none"] for r in results["10_reminders_by_language"].records()
             if r["reminder"] == "any"}
    assert drops["English"] < -4.0, "reminders go with a clear drop for English-preferring patients"


def test_one_clinic_has_much_longer_waits(results) -> None:
    waits = results["06_wait_times_by_clinic"].records()
    assert waits[0]["clinic"] == "Harbourlight Community Clinic"
    assert waits[0]["median_wait_minutes"] - waits[2]["median_wait_minutes"] >= 3.0


def test_lead_time_explains_the_long_backlog_clinic(results) -> None:
    clinics = _by(results["07_clinic_comparison"], "clinic")
    riverbend = clinics["Riverbend Outpatient Centre"]
    assert riverbend["expected_pct"] == max(c["expected_pct"] for c in clinics.values())
    assert abs(riverbend["pct_points_above_expected"]) < 6.0
