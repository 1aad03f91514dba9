"""The dashboard kind: its appointments generator and what its template renders from it."""

from __future__ import annotations

import ast
import json
import math
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from scaffolder.api import new_project
from scaffolder.jinja_ext import dataset_facts
from synthetic import appointments as apt
from synthetic.pools import CLINIC_NAMES
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text

BIG = 40_000


@pytest.fixture(scope="module")
def big() -> list[dict]:
    rows = apt.generate(seed=2024, rows=BIG).records()
    for row in rows:
        row["p"] = 1.0 / (1.0 + math.exp(-_logit(row)))  # the documented model's probability
    return rows


def _logit(row: dict) -> float:
    weekday = apt.WEEKDAYS[_weekday(row["scheduled_at"])]
    return apt.no_show_logit(
        lead_time_days=row["lead_time_days"], reminder_channel=row["reminder_channel"], weekday=weekday,
        distance_band=row["distance_band"], visit_type=row["visit_type"],
        preferred_language=row["preferred_language"], age_band=row["age_band"],
    )


def _coefficient(value: float) -> str:
    """A coefficient as the datasheet writes it: 0, +0.15 or −0.3 (with a true minus sign)."""
    return "0" if value == 0 else f"{value:+g}".replace("-", "\u2212")


def _weekday(stamp: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(stamp[:10]).weekday()


# --- registry, determinism (speed is a benchmark, not a timed test) ---------------------------------------------------------------


def test_registered_with_the_documented_default_size() -> None:
    spec = DATASETS["appointments"]
    assert (spec.module, spec.default_rows, spec.kind) == ("synthetic.appointments", 5000, "dashboard")
    assert spec.summary and spec.options == {}
    assert len(spec.generate(seed=1)) == 5000


def test_same_seed_same_bytes_other_seed_other_data() -> None:
    one = to_csv_text(apt.generate(seed=42, rows=5000))
    assert one == to_csv_text(apt.generate(seed=42, rows=5000))
    assert one != to_csv_text(apt.generate(seed=7, rows=5000))
    assert one.splitlines()[0] == ",".join(apt.COLUMNS)


def test_refuses_empty_tables() -> None:
    with pytest.raises(ValueError):
        apt.generate(seed=1, rows=0)
    assert len(apt.generate(seed=1, rows=1)) == 1


# --- shape and identifiers ----------------------------------------------------------------------


def test_identifiers_are_fake_and_values_are_documented() -> None:
    rows = apt.generate(seed=11, rows=3000).records()
    assert all(re.fullmatch(r"FAKE-APT-\d{6}", r["appointment_id"]) for r in rows)
    assert [r["appointment_id"] for r in rows] == [f"FAKE-APT-{i:06d}" for i in range(1, len(rows) + 1)]
    assert all(re.fullmatch(r"FAKE-PT-\d{6}", r["patient_id"]) for r in rows)
    assert len({r["patient_id"] for r in rows}) < 0.7 * len(rows), "repeat visits expected"
    assert {r["clinic"] for r in rows} == set(CLINIC_NAMES)
    assert {r["specialty"] for r in rows} <= set(apt.SPECIALTIES)
    assert {r["age_band"] for r in rows} <= set(apt.AGE_BANDS)
    assert {r["distance_band"] for r in rows} <= set(apt.DISTANCE_BANDS)
    assert {r["preferred_language"] for r in rows} <= set(apt.LANGUAGES)
    assert {r["reminder_channel"] for r in rows} == set(apt.REMINDER_CHANNELS)
    assert sorted(r["scheduled_at"] for r in rows) == [r["scheduled_at"] for r in rows]
    for r in rows:
        assert r["scheduled_at"].startswith("2025-") and _weekday(r["scheduled_at"]) < 5
        assert (r["wait_minutes"] is None) == (r["no_show"] == 1)
        assert r["lead_time_days"] > 0 or r["reminder_channel"] == "none"
        assert r["specialty"] != "Paediatrics" or r["age_band"] == "0-17"


# --- planted effects at their documented strength ------------------------------------------------


def _calibrated(rows: list[dict], key) -> None:
    """Observed no-shows per group sit within 4 standard deviations of the documented model."""
    groups: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in rows:
        p = row["p"]
        g = groups[key(row)]
        g[0] += row["no_show"]
        g[1] += p
        g[2] += p * (1 - p)
    for name, (observed, expected, variance) in groups.items():
        assert abs(observed - expected) <= 4 * math.sqrt(variance) + 1, (name, observed, expected)


@pytest.mark.parametrize(
    "key",
    [
        lambda r: apt.lead_band(r["lead_time_days"]),
        lambda r: r["reminder_channel"] + "/" + ("en" if r["preferred_language"] == "English" else "other"),
        lambda r: _weekday(r["scheduled_at"]),
        lambda r: r["distance_band"] + "/" + r["visit_type"],
        lambda r: r["age_band"],
        lambda r: r["clinic"],
    ],
    ids=["lead", "reminder-by-language", "weekday", "distance-by-visit", "age", "clinic"],
)
def test_outcomes_follow_the_documented_model(big: list[dict], key) -> None:
    _calibrated(big, key)


def test_effects_are_recoverable_in_the_direction_documented(big: list[dict]) -> None:
    def rate(rows: list[dict]) -> float:
        return sum(r["no_show"] for r in rows) / len(rows)

    booked = [b for b, _, _ in apt.LEAD_BANDS if b != "same day"]  # same day gets no reminder: shown apart
    lead = [rate([r for r in big if apt.lead_band(r["lead_time_days"]) == b]) for b in booked]
    assert lead == sorted(lead) and lead[-1] - lead[0] > 0.25
    ahead = [r for r in big if r["lead_time_days"] >= 1]
    none = rate([r for r in ahead if r["reminder_channel"] == "none"])
    # Email's planted effect is about 4 points at this size, with a sampling error near 1 point.
    assert all(rate([r for r in ahead if r["reminder_channel"] == c]) < none - 0.015 for c in ("email", "sms", "phone"))
    by_day = [rate([r for r in big if _weekday(r["scheduled_at"]) == d]) for d in range(5)]
    assert by_day.index(max(by_day)) == 0
    in_person = [r for r in big if r["visit_type"] != "telehealth"]
    dist = [rate([r for r in in_person if r["distance_band"] == b]) for b in apt.DISTANCE_BANDS]
    assert dist == sorted(dist)
    english = [r for r in ahead if r["preferred_language"] == "English"]
    other = [r for r in ahead if r["preferred_language"] != "English"]

    def drop(rows: list[dict]) -> float:
        return rate([r for r in rows if r["reminder_channel"] == "none"]) - rate(
            [r for r in rows if r["reminder_channel"] != "none"]
        )

    assert drop(english) > drop(other) + 0.02, "reminders help less when they are not in the preferred language"
    assert rate([r for r in big if r["preferred_language"] != "English"]) > rate(
        [r for r in big if r["preferred_language"] == "English"]
    )


def test_waiting_times_follow_the_documented_medians(big: list[dict]) -> None:
    waits: dict[str, list[int]] = defaultdict(list)
    for r in big:
        if not r["no_show"] and r["visit_type"] == "follow-up" and r["scheduled_at"][11:13] == "08":
            waits[r["clinic"]].append(r["wait_minutes"])
    for clinic, values in waits.items():
        values.sort()
        median = values[len(values) // 2]
        assert abs(median - (apt.WAIT_BASE + apt.WAIT_CLINIC.get(clinic, 0.0))) <= 2.5, clinic


def test_facts_agree_with_the_rows() -> None:
    table = apt.generate(seed=42, rows=5000)
    facts = apt.facts(table)
    assert facts["rows"] == 5000 and facts["generator_version"] == apt.GENERATOR_VERSION
    assert sum(b["n"] for b in facts["lead"].values()) == 5000
    assert sum(b["no_shows"] for b in facts["lead"].values()) == facts["no_shows"]
    assert facts["highest_weekday"] in apt.WEEKDAYS
    for group in (*facts["lead"].values(), *facts["distance"].values(), *facts["language"].values()):
        assert group["ci_low"] <= group["rate"] <= group["ci_high"]
    assert dataset_facts("appointments", "42") == facts


# --- the baked template --------------------------------------------------------------------------


def test_readme_and_datasheet_carry_the_real_numbers_and_coefficients(baked) -> None:
    root: Path = baked("dashboard")
    facts = apt.facts(apt.generate(seed=42, rows=5000))
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- worked-example -->")[1].split("<!-- /worked-example -->")[0]
    for band, values in facts["lead"].items():
        assert f"| {band} | {values['n']:,} | {values['no_shows']:,} | {values['rate']:.1f}% |" in block
    sheet = (root / "data" / "datasheet.md").read_text(encoding="utf-8")
    assert f"version {apt.GENERATOR_VERSION}" in sheet and "Seed | 42" in sheet
    assert f"+{apt.LEAD_PER_DAY} per day" in sheet and f"{apt.INTERCEPT}" in sheet
    for name, value in {**apt.REMINDER, **apt.DISTANCE, **apt.AGE, **apt.WEEKDAY}.items():
        assert f"{name} {_coefficient(value)}" in sheet, name
    for name, value in apt.WAIT_CLINIC.items():
        assert f"{name} {_coefficient(value)}" in sheet, name
    for column in apt.COLUMNS:
        assert f"| `{column}` |" in sheet


def test_project_text_is_embedded_safely_in_python(tmp_path: Path) -> None:
    name = 'Zoë\'s "No-Show" \\ {{ 7*7 }} Dash'
    root = new_project("dashboard", tmp_path, name=name, author="Ana O'Neil \\ {% x %}", seed=42).path
    source = (root / "dashboard" / "project.py").read_text(encoding="utf-8")
    values = {
        node.targets[0].id if isinstance(node, ast.Assign) else node.target.id: ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant)
    }
    assert values["PROJECT_NAME"] == name
    assert values["AUTHOR"] == "Ana O'Neil \\ {% x %}"
    assert values["SEED"] == 42
    assert "<!-- prooflane:disclaimer v1 -->" in values["DISCLAIMER_HTML"]
    assert name in (root / "README.md").read_text(encoding="utf-8")


# --- issue 7: figures from the SQL for any seed, the review's domain defects ---------------------

PYTHON = sys.executable


def _project_pytest(root: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": ""}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize(("name", "author", "seed"), [
    ("Clinic No-Show Dashboard", "", "1"),
    ("Clinic No-Show Dashboard", "", "977"),
    ("No-shows at Bluefern", "Ana Li", None),  # the seed derived from the answers
])
def test_every_quoted_figure_matches_its_query_for_any_seed(tmp_path: Path, name: str, author: str, seed) -> None:
    root = new_project("dashboard", tmp_path, name=name, author=author, seed=seed).path
    run = _project_pytest(root, "tests/test_quoted_figures.py", "tests/test_queries.py", "tests/test_planted_effects.py")
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    # and independently of DuckDB, against the generator's own numbers
    facts = dataset_facts("appointments", json.loads((root / ".prooflane.json").read_text())["seed"])
    readme = (root / "README.md").read_text(encoding="utf-8")
    for band, values in facts["lead"].items():
        assert f"| {band} | {values['n']:,} | {values['no_shows']:,} | {values['rate']:.1f}% |" in readme
    assert f"{facts['within_clinic']['mh_or']:.2f} within clinic (Mantel-Haenszel)" in readme


def test_the_figures_check_catches_a_typed_number(baked, tmp_path: Path) -> None:
    work = tmp_path / "project"
    shutil.copytree(baked("dashboard"), work)
    findings = work / "findings.md"
    text = findings.read_text(encoding="utf-8")
    findings.write_text(text.replace("account for", "account for 1,234 visits out of", 1), encoding="utf-8")
    run = _project_pytest(work, "tests/test_quoted_figures.py")
    assert run.returncode == 1 and "1,234 is not produced by any query" in run.stdout


def test_lead_time_is_checked_within_clinic_not_only_the_reverse(baked) -> None:
    root: Path = baked("dashboard")
    assert "Mantel-Haenszel" in (root / "sql" / "08_lead_time_within_clinic.sql").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    does_not = readme.split("**What this example does not conclude.**")[1].split("\n\n")[0]
    assert "`sql/08_lead_time_within_clinic.sql` checks this" in does_not
    assert "reverse question" in does_not


def test_text_and_datasheet_agree_on_how_the_channel_was_assigned(baked) -> None:
    root: Path = baked("dashboard")
    sheet = (root / "data" / "datasheet.md").read_text(encoding="utf-8")
    assert "independent of everything else" in sheet
    for rel in ("findings.md", "README.md", "dashboard/page.py"):
        text = (root / rel).read_text(encoding="utf-8")
        assert "channel was not assigned at random" not in text.lower(), rel
        assert "Reminder channel, lead time and clinic were not assigned at random" not in text, rel
    assert "the channel was drawn at random" in (root / "findings.md").read_text(encoding="utf-8")


def test_same_day_bookings_are_a_band_of_their_own(baked) -> None:
    root: Path = baked("dashboard")
    assert "WHEN lead_time_days = 0 THEN 'same day'" in (root / "sql" / "00_load.sql").read_text(encoding="utf-8")
    table = (root / "README.md").read_text(encoding="utf-8").split("<!-- worked-example -->")[1]
    assert "| same day |" in table and "| 1-7 days |" in table and "0-7 days" not in table


def test_rate_charts_carry_intervals_and_the_trend_is_a_p_chart(baked) -> None:
    root: Path = baked("dashboard")
    for name in ("02_no_show_by_lead_time", "03_reminders", "04_weekday"):
        assert "ci95_low" in (root / "sql" / f"{name}.sql").read_text(encoding="utf-8"), name
    assert "ratio_ci95_low" in (root / "sql" / "07_clinic_comparison.sql").read_text(encoding="utf-8")
    monthly = (root / "sql" / "09_monthly_trend.sql").read_text(encoding="utf-8")
    assert "3 * sqrt(p_bar * (1 - p_bar) / n)" in monthly
    charts = (root / "dashboard" / "charts.py").read_text(encoding="utf-8")
    assert '"monthly_trend.png": ("09_monthly_trend", monthly)' in charts
    assert charts.count("yerr=") >= 2


def test_worked_text_is_labelled_and_in_the_third_person(baked) -> None:
    root: Path = baked("dashboard")
    first_person = re.compile(r"\b(I|I'm|I've|I'd|my|me|we|our|us)\b")
    for rel in ("README.md", "findings.md"):
        text = (root / rel).read_text(encoding="utf-8")
        assert "Worked example, written by prooflane" in text, rel
        for line in text.splitlines():
            # the author's own slots and the headings that name them ("My work", "My findings") are theirs
            prose = re.sub(r"\[FILL: [^\]]*\]|`[^`]*`|\]\([^)]*\)|> \*A suggested way.*|\bMy (work|findings|limitations|"
                           r"equity notes)\b", "", line)
            assert not first_person.search(prose), f"{rel}: {line}"
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "How I describe this work" not in readme and "*A suggested way to describe this work" in readme
    assert "\n## My work\n" in readme and "\n## Share it\n" in readme and "py -m venv .venv" in readme
    assert readme.count("Worked example, written by prooflane") == 1
    assert (root / "findings.md").read_text(encoding="utf-8").count("Worked example, written by prooflane") == 3


def test_the_dashboard_header_takes_the_author_and_shows_added_queries(tmp_path: Path) -> None:
    root = new_project("dashboard", tmp_path, author="Ana Li", seed=5).path
    (root / "sql" / "20_specialty.sql").write_text(
        "-- Question: which specialty misses most?\nSELECT specialty, avg(no_show) AS rate FROM appointments "
        "GROUP BY specialty ORDER BY rate DESC;\n", encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": ""}
    run = subprocess.run([PYTHON, "-m", "dashboard"], cwd=root, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    page = (root / "reports" / "dashboard.html").read_text(encoding="utf-8")
    assert "by <strong>Ana Li</strong>" in page
    assert 'id="20_specialty"' in page and "Which specialty misses most?" in page


def _broken(root: Path, edit: str) -> None:
    data = root / "data" / "appointments.csv"
    if edit == "broken SQL file added":
        (root / "sql" / "21_mine.sql").write_text("SELEC count(*) FROM appointments;\n", encoding="utf-8")
    elif edit == "data file deleted":
        data.unlink()
    elif edit == "data file emptied":
        data.write_text("", encoding="utf-8")
    elif edit == "wrong column":
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("reminder_channel", "reminder", 1), encoding="utf-8")
    elif edit == "text in a number column":
        lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
        cells = lines[3].split(",")
        cells[11] = "yes"
        lines[3] = ",".join(cells)
        data.write_text("".join(lines), encoding="utf-8")
    elif edit == "author marker removed and left blank":
        readme = root / "README.md"
        readme.write_text(readme.read_text(encoding="utf-8").replace("Author: [FILL: your name]", "Author: "),
                          encoding="utf-8")
    elif edit == "core query deleted":
        (root / "sql" / "03_reminders.sql").unlink()


@pytest.mark.parametrize("edit", [
    "broken SQL file added", "data file deleted", "data file emptied", "wrong column", "text in a number column",
    "author marker removed and left blank", "core query deleted",
])
def test_malformed_edits_get_one_sentence_and_a_non_zero_exit(baked, tmp_path: Path, edit: str) -> None:
    work = tmp_path / "project"
    shutil.copytree(baked("dashboard"), work)
    (work / "reports").mkdir(exist_ok=True)
    before = sorted(p.name for p in (work / "reports").rglob("*"))
    _broken(work, edit)
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": ""}
    run = subprocess.run([PYTHON, "-m", "dashboard"], cwd=work, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: ") and errors[0].endswith("."), run.stderr
    if edit != "broken SQL file added":  # that one still builds the page, with a card saying the query failed
        assert sorted(p.name for p in (work / "reports").rglob("*")) == before, "nothing written on failure"
    else:
        assert "This query did not run." in (work / "reports" / "dashboard.html").read_text(encoding="utf-8")


def test_a_seed_given_as_text_is_refused_in_one_sentence(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    run = subprocess.run([PYTHON, "-m", "scaffolder", "new", "dashboard", "--no-input", "--seed", "forty-two",
                          "-o", str(tmp_path)], env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "seed" in run.stderr.lower()
    assert not any(tmp_path.iterdir())
