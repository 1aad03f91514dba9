"""Every figure quoted in README.md, findings.md and the datasheet comes from a query in sql/, and matches it.

Each passage of prooflane-written text that quotes numbers sits between ``<!-- figures: NAME -->`` and
``<!-- /figures -->``. For each passage this test lists the figures its queries produce: every number
in the passage must be one of them (no number that no query produces), and every one of them must
appear. Band labels such as "8-14 days" or "30+ km", "95%" and file names are definitions, not
figures. The author's own sections sit outside these passages; their numbers are theirs to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard import project

BLOCK = re.compile(r"<!-- figures: (?P<name>[a-z-]+) -->(?P<body>.*?)<!-- /figures -->", re.DOTALL)
NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?!\w|\.\d)")
DEFINITIONS = (
    re.compile(r"`[^`]*`"),  # code, query and file names
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<!--.*?-->", re.DOTALL),  # comments
    re.compile(r"(?<![\d.])\d+(?:-\d+)?\+? ?(?:days?|km)\b"),  # band labels and thresholds ("8-14 days", "30+ km")
    re.compile(r"95% interval|95%|3-sigma|\b2025\b"),
    re.compile(r"version \d+(?:\.\d+)+"),
)


@dataclass(frozen=True)
class Figure:
    """A value a query produces; ``step`` is the rounding the query already applied (0 = exact)."""

    what: str
    value: float
    step: float = 0.0
    required: bool = True

    def matches(self, text: str) -> bool:
        decimals = len(text.split(".")[1]) if "." in text else 0
        return abs(float(text.replace(",", "")) - self.value) <= self.step / 2 + 0.5 * 10 ** -decimals + 1e-9


def rate(row: dict) -> float:
    return 100.0 * row["no_shows"] / row["appointments"]


def sql_rounded(what: str, value: float, decimals: int, required: bool = True) -> Figure:
    return Figure(what, float(value), 10.0 ** -decimals, required)


def _by(records: list[dict], key: str) -> dict:
    return {r[key]: r for r in records}


def expected(results) -> dict[str, list[Figure]]:
    """The figures each passage quotes, computed from the query results."""
    overview = results["01_overview"].first()
    rows, seed = Figure("appointments (01)", overview["appointments"]), Figure("seed", project.SEED)
    overall = Figure("overall rate (01)", 100.0 * overview["no_shows"] / overview["appointments"])
    patients = Figure("patients (01)", overview["patients"])

    lead = _by(results["02_no_show_by_lead_time"].records(), "lead_time_band")
    bands = list(lead.values())
    lead_figures = [rows, seed]
    for band in bands:
        name = band["lead_time_band"]
        lead_figures += [
            Figure(f"{name} appointments (02)", band["appointments"]),
            Figure(f"{name} no-shows (02)", band["no_shows"]),
            Figure(f"{name} rate (02)", rate(band)),
            sql_rounded(f"{name} ci95_low (02)", band["ci95_low"], 1),
            sql_rounded(f"{name} ci95_high (02)", band["ci95_high"], 1),
        ]
    lead_figures.append(Figure("longest band / 1-7 days (02)", rate(bands[-1]) / rate(lead["1-7 days"])))
    strata = results["08_lead_time_within_clinic"].records()
    clinics = [r for r in strata if r["short_ci95_low"] is not None]
    pooled = {r["clinic"]: r for r in strata if r["short_ci95_low"] is None}
    lead_figures += [
        Figure("clinics where long > short (08)",
               sum(1 for r in clinics if r["long_no_show_pct"] > r["short_no_show_pct"])),
        Figure("clinics (08)", len(clinics)),
        sql_rounded("lowest long-lead rate (08)", min(r["long_no_show_pct"] for r in clinics), 1),
        sql_rounded("highest long-lead rate (08)", max(r["long_no_show_pct"] for r in clinics), 1),
        sql_rounded("lowest short-lead rate (08)", min(r["short_no_show_pct"] for r in clinics), 1),
        sql_rounded("highest short-lead rate (08)", max(r["short_no_show_pct"] for r in clinics), 1),
        sql_rounded("crude odds ratio (08)", pooled["All clinics, crude"]["odds_ratio"], 2),
        sql_rounded("Mantel-Haenszel odds ratio (08)",
                    pooled["All clinics, Mantel-Haenszel (within clinic)"]["odds_ratio"], 2),
    ]

    channels = _by(results["03_reminders"].records(), "reminder_channel")
    none = channels["none"]
    best = min((r for c, r in channels.items() if c != "none"), key=rate)
    booked_ahead = sum(r["appointments"] for r in channels.values())
    days = results["04_weekday"].records()
    top_day = max(days, key=rate)
    groups = results["05_equity_distance_language"].records()
    distance = {r["group"]: r for r in groups if r["dimension"] == "Distance (in person)"}
    language = {r["group"]: r for r in groups if r["dimension"] == "Language group"}
    far, near = distance["30+ km"], distance["0-5 km"]
    english, other = language["English"], language["Other than English"]

    def with_interval(label: str, row: dict) -> list[Figure]:
        return [Figure(f"{label} rate (05)", rate(row)), sql_rounded(f"{label} ci95_low (05)", row["ci95_low"], 1),
                sql_rounded(f"{label} ci95_high (05)", row["ci95_high"], 1)]

    waits = results["06_wait_times_by_clinic"].records()
    longest_wait = max(waits, key=lambda r: (r["median_wait_minutes"], [-ord(c) for c in r["clinic"]]))
    comparison = results["07_clinic_comparison"].records()
    top_clinic = comparison[0]
    furthest = max(comparison, key=lambda r: (r["observed_no_shows"] - r["expected_no_shows"]) / r["appointments"])
    by_language = {(r["language_group"], r["reminder"]): r for r in results["10_reminders_by_language"].records()}
    drop_en = rate(by_language[("English", "none")]) - rate(by_language[("English", "any")])
    drop_other = rate(by_language[("Other than English", "none")]) - rate(by_language[("Other than English", "any")])

    return {
        "intro": [rows],
        "composition": [seed, Figure("no-shows (01)", overview["no_shows"]), overall],
        "findings-intro": [rows, seed],
        "lead-time": lead_figures,
        "headline": [
            Figure("no reminder rate (03)", rate(none)), Figure("best channel rate (03)", rate(best)),
            Figure("highest weekday rate (04)", rate(top_day)), overall,
            Figure("30+ km rate (05)", rate(far)), Figure("0-5 km rate (05)", rate(near)),
            Figure("other languages rate (05)", rate(other)), Figure("English rate (05)", rate(english)),
        ],
        "data": [rows, patients, seed],
        "reminders": [
            Figure("booked ahead (03)", booked_ahead),
            *(Figure(f"{c} rate (03)", rate(r)) for c, r in channels.items()),
            Figure("no reminder minus best channel (03)", rate(none) - rate(best)),
            sql_rounded("shortest mean lead days (03)", min(r["mean_lead_days"] for r in channels.values()), 1),
            sql_rounded("longest mean lead days (03)", max(r["mean_lead_days"] for r in channels.values()), 1),
            Figure("share with no reminder (03)", 100.0 * none["appointments"] / booked_ahead),
        ],
        "also": [
            Figure("highest weekday rate (04)", rate(top_day)), overall,
            Figure("longest median wait (06)", longest_wait["median_wait_minutes"]),
            Figure("median wait, all clinics (01)", overview["median_wait_minutes"]),
            Figure("highest clinic observed rate (07)",
                   100.0 * top_clinic["observed_no_shows"] / top_clinic["appointments"]),
            sql_rounded("highest clinic expected rate (07)", top_clinic["expected_pct"], 1),
        ],
        "clinic-limitation": [
            Figure("observed rate (07)", 100.0 * furthest["observed_no_shows"] / furthest["appointments"]),
            sql_rounded("expected rate (07)", furthest["expected_pct"], 1),
            sql_rounded("points above expected (07)", furthest["pct_points_above_expected"], 1),
            sql_rounded("observed/expected (07)", furthest["observed_to_expected"], 2),
            sql_rounded("observed/expected ci95_low (07)", furthest["ratio_ci95_low"], 2),
            sql_rounded("observed/expected ci95_high (07)", furthest["ratio_ci95_high"], 2),
        ],
        "other-limitations": [patients, rows],
        "equity": [
            *with_interval("30+ km", far), Figure("30+ km visits (05)", far["appointments"]),
            *with_interval("0-5 km", near), *with_interval("other languages", other),
            *with_interval("English", english),
            Figure("English, no reminder (10)", rate(by_language[("English", "none")])),
            Figure("English, reminded (10)", rate(by_language[("English", "any")])),
            Figure("other languages, no reminder (10)", rate(by_language[("Other than English", "none")])),
            Figure("other languages, reminded (10)", rate(by_language[("Other than English", "any")])),
            Figure("other languages, unreminded appointments (10)",
                   by_language[("Other than English", "none")]["appointments"], required=drop_other >= drop_en),
        ],
    }


def numbers_in(body: str) -> list[str]:
    """The numbers a passage quotes, once definitions (band labels, file names, 95%) are taken out."""
    for pattern in DEFINITIONS:
        body = pattern.sub(" ", body)
    return NUMBER.findall(body)


def passages(root: Path) -> list[tuple[str, str, str]]:
    found = []
    for name in ("README.md", "findings.md", "data/datasheet.md"):
        text = (root / name).read_text(encoding="utf-8")
        found += [(name, m.group("name"), m.group("body")) for m in BLOCK.finditer(text)]
    return found


def test_the_quoted_passages_are_all_there(root: Path, results) -> None:
    names = {(f, block) for f, block, _ in passages(root)}
    wanted = {("README.md", b) for b in ("intro", "lead-time", "headline", "data")}
    wanted |= {("findings.md", b) for b in ("intro", "reminders", "also", "clinic-limitation", "other-limitations",
                                            "equity")}
    wanted.add(("data/datasheet.md", "composition"))
    missing = sorted(wanted - names)
    assert not missing, (f"these passages lost their <!-- figures: NAME --> markers: {missing}; restore the markers "
                         "(or the passage) so its figures stay checked, or, if the passage was removed on purpose, "
                         "take its name out of this test")


@pytest.mark.parametrize("source", ["README.md", "findings.md", "data/datasheet.md"])
def test_every_quoted_figure_comes_from_a_query(root: Path, results, source: str) -> None:
    figures = expected(results)
    problems = []
    for file, block, body in passages(root):
        if file != source:
            continue
        wanted = figures["findings-intro" if (file, block) == ("findings.md", "intro") else block]
        for number in numbers_in(body):
            if not any(f.matches(number) for f in wanted):
                problems.append(f"{file} ({block}): {number} is not produced by any query this passage cites")
        for figure in wanted:
            if figure.required and not any(figure.matches(n) for n in numbers_in(body)):
                problems.append(f"{file} ({block}): the {figure.what} ({figure.value:g}) is missing or wrong")
    assert not problems, "\n".join(problems)
