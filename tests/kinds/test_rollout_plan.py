"""The rollout-plan kind: its datasets and seed-chosen stories, and a baked project that follows its own data.

The quoted figures are recomputed here from the baked CSV files with code of this test's own (not the
project's scripts), for several seeds, and compared with what README.md and the worked memo say.
"""

from __future__ import annotations

import csv
import re
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from scaffolder.api import new_project
from synthetic import pools, rollout
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, run_env

ROLLOUT = ("staff-roster", "training-tracker", "pilot-survey", "adoption-daily", "safety-reports")
SEEDS = (1, 42, 977)  # one seed per story: training gap, unapproved update, steady
STORY = {1: "training-gap", 42: "unapproved-update", 977: "steady"}
OUTCOME_WORD = {"no-go": "NO-GO", "extend pilot": "EXTEND THE PILOT", "go": "GO"}


def _records(dataset: str, seed: int, rows: int | None = None) -> list[dict]:
    return DATASETS[dataset].generate(seed=seed, rows=rows).records()


# --- the datasets ---------------------------------------------------------------------------------

@pytest.mark.parametrize("dataset", ROLLOUT)
def test_registered_for_the_kind_and_deterministic(dataset: str) -> None:
    spec = DATASETS[dataset]
    assert spec.kind == "rollout-plan"
    assert to_csv_text(spec.generate(seed=42)) == to_csv_text(spec.generate(seed=42))
    assert to_csv_text(spec.generate(seed=42)) != to_csv_text(spec.generate(seed=43))


def test_sizes_follow_rows() -> None:
    assert len(DATASETS["staff-roster"].generate(seed=1, rows=37)) == 37
    assert len(DATASETS["training-tracker"].generate(seed=1, rows=37)) == 37 * len(rollout.MODULES)
    assert len(DATASETS["pilot-survey"].generate(seed=1, rows=9)) == 9
    assert len(DATASETS["adoption-daily"].generate(seed=1, rows=45)) == 45
    assert all(r["day_reported"] <= 10 for r in _records("safety-reports", 42, 10))
    for dataset in ROLLOUT[:4]:
        assert len(DATASETS[dataset].generate(seed=1, rows=1)) >= 1


def test_identifiers_and_names_are_fictional() -> None:
    roster = _records("staff-roster", 5)
    assert all(re.fullmatch(r"FAKE-STAFF-\d{6}", p["staff_id"]) for p in roster)
    assert all(p["name"].split(" ", 1)[1] in pools.SURNAMES for p in roster)
    assert len({p["name"] for p in roster}) == len(roster)
    assert {p["clinic"] for p in roster} == set(rollout.PILOT_CLINICS)
    survey = _records("pilot-survey", 5)
    assert all(re.fullmatch(r"FAKE-RESP-\d{6}", r["response_id"]) for r in survey)
    assert not any(re.search(r"\d{3}-\d{3}-\d{4}|@|https?:", r["comment"]) for r in survey)
    assert all(re.fullmatch(r"FAKE-SR-\d{6}", r["report_id"]) for r in _records("safety-reports", 42))


def test_the_seed_picks_each_story_about_equally() -> None:
    assert {seed: rollout.scenario_for(seed).id for seed in SEEDS} == STORY
    counts = Counter(rollout.scenario_for(seed).id for seed in range(600))
    assert set(counts) == set(rollout.SCENARIOS)
    assert all(150 <= n <= 250 for n in counts.values()), counts


@pytest.mark.parametrize("seed", SEEDS)
def test_roster_composition_is_exact(seed: int) -> None:
    roster = _records("staff-roster", seed)
    assert Counter(p["role"] for p in roster) == {
        "physician": 18, "nurse practitioner": 9, "physician assistant": 6, "registered nurse": 27,
    }
    assert Counter(p["shift"] for p in roster) == {"day": 39, "evening": 12, "part-time": 9}
    assert sum(p["super_user"] == "yes" for p in roster) == 6


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_training_gap(seed: int) -> None:
    roster = {p["staff_id"]: p for p in _records("staff-roster", seed)}
    tracker = _records("training-tracker", seed)
    assert {r["staff_id"] for r in tracker} == set(roster)
    done = Counter(r["staff_id"] for r in tracker if r["completed_day"] is not None)
    finished = {s for s, n in done.items() if n == len(rollout.MODULES)}
    by_role = Counter(roster[s]["role"] for s in finished)
    expected = (17, 58) if STORY[seed] == "steady" else (13, 53)
    assert (by_role["physician"], len(finished)) == expected
    assert all(roster[s]["super_user"] == "no" for s in set(roster) - finished)
    retakes = Counter(r["module_id"] for r in tracker if r["attempts"] == 2)
    assert retakes.most_common(1)[0][0] == "M2"


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_update_and_reports(seed: int) -> None:
    days = _records("adoption-daily", seed)
    log = _records("safety-reports", seed)

    def heavy(first: int, last: int) -> float:
        chosen = [d for d in days if first <= d["day"] <= last]
        return sum(d["drafts_edited_heavily"] for d in chosen) / sum(d["drafts_generated"] for d in chosen)

    medication = [r["day_reported"] for r in log if r["error_type"] == rollout.MEDICATION_ERROR]
    if STORY[seed] == "unapproved-update":
        assert heavy(15, 18) >= 1.8 * heavy(8, 14)
        assert [d["version_approved"] for d in days if 15 <= d["day"] <= 18] == ["no"] * 4
        assert sum(1 for d in medication if d in (15, 16)) == 5
        assert max(d["safety_reports_overdue"] for d in days) >= 4
        assert [r["found_by"] for r in log if r["reached_signed_note"] == "yes"] == ["sample review"]
    else:
        assert heavy(15, 18) < 1.5 * heavy(8, 14)
        assert all(d["version_approved"] == "yes" for d in days)
        assert max(d["safety_reports_overdue"] for d in days) == 0
        assert not medication and all(r["reached_signed_note"] == "no" for r in log)
    assert heavy(22, 30) <= 0.15
    assert days[-1]["safety_reports_overdue"] == 0
    for d in days:
        assert d["active_users"] <= d["staff_with_access"] <= rollout.DEFAULT_STAFF
        assert d["drafts_signed_light_edits"] + d["drafts_edited_heavily"] + d["drafts_discarded"] == d["drafts_generated"]
        assert d["safety_reports_new"] == sum(1 for r in log if r["day_reported"] == d["day"])


@pytest.mark.parametrize("seed", SEEDS)
def test_survey_follows_the_story(seed: int) -> None:
    survey = _records("pilot-survey", seed)

    def agree(item: str, wave: str) -> float:
        answers = [r[item] for r in survey if r["wave"] == wave]
        return sum(a >= 4 for a in answers) / len(answers)

    assert 0.14 <= agree("q_safety_concern", "week-2 pulse") <= 0.18
    if STORY[seed] == "unapproved-update":
        assert 0.34 <= agree("q_safety_concern", "week-4 close") <= 0.40
        assert agree("q_trust", "week-4 close") < agree("q_trust", "week-2 pulse")
    else:
        assert agree("q_safety_concern", "week-4 close") <= 0.18
        assert not any("update" in r["comment"] for r in survey)
    physicians = [r["q_time_saved"] for r in survey if r["role"] == "physician"]
    others = [r["q_time_saved"] for r in survey if r["role"] != "physician"]
    assert sum(physicians) / len(physicians) < sum(others) / len(others)


# --- independent recomputation of the figures a baked project quotes -------------------------------

def _csv(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "data" / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def recompute(root: Path) -> dict[str, float]:
    """The criteria's measures, from the CSV files, written apart from the project's scripts."""
    roster = _csv(root, "staff-roster.csv")
    training = _csv(root, "training-tracker.csv")
    survey = _csv(root, "pilot-survey.csv")
    daily = _csv(root, "adoption-daily.csv")
    log = _csv(root, "safety-reports.csv")
    done = Counter(r["staff_id"] for r in training if r["completed_day"])
    finished = {s for s, n in done.items() if n == 4}
    roles = Counter(p["role"] for p in roster)
    role_done = Counter(p["role"] for p in roster if p["staff_id"] in finished)
    final = [d for d in daily if d["week"] == "4"]
    weekdays = [d for d in final if d["weekday"] not in ("Sat", "Sun")]
    drafts = sum(int(d["drafts_generated"]) for d in final)
    close = [r for r in survey if r["wave"] == "week-4 close"]
    most = 0
    for kind in {r["error_type"] for r in log}:
        filed = [int(r["day_reported"]) for r in log if r["error_type"] == kind]
        most = max(most, *(sum(1 for d in filed if first <= d <= first + 1) for first in filed))
    return {
        "same_error_type_max_in_stop_window": most,
        "signed_note_errors": sum(1 for r in log if r["reached_signed_note"] == "yes"),
        "privacy_incidents": sum(1 for r in log if r["error_type"] == "privacy incident"),
        "safety_reports_overdue_max": max(int(d["safety_reports_overdue"]) for d in daily),
        "unapproved_version_days": sum(1 for d in daily if d["version_approved"] == "no"),
        "training_complete_share": len(finished) / len(roster),
        "training_complete_min_role_share": min(role_done[r] / n for r, n in roles.items()),
        "active_use_share_final_week": statistics.fmean(int(d["active_users"]) for d in weekdays)
        / int(final[-1]["staff_with_access"]),
        "heavy_edit_rate_final_week": sum(int(d["drafts_edited_heavily"]) for d in final) / drafts,
        "discard_rate_final_week": sum(int(d["drafts_discarded"]) for d in final) / drafts,
        "median_minutes_final_week": statistics.median(float(d["median_minutes_to_sign"]) for d in weekdays),
        "survey_response_rate_final_wave": len(close) / len(roster),
        "survey_time_saved_agree_final_wave": sum(int(r["q_time_saved"]) >= 4 for r in close) / len(close),
    }


def _shown(value: float, fmt: str) -> str:
    return {"percent": f"{value * 100:.0f}%", "minutes": f"{value:.1f} min", "count": f"{value:.0f}"}[fmt]


def expected_rows(root: Path) -> tuple[str, list[str]]:
    """The outcome and the README criteria-table rows, from the CSV files and plan/go-no-go.yaml."""
    words = {">=": "at least", "<=": "at most", "==": "exactly"}
    measures = recompute(root)
    rows, missed_must, missed_target = [], False, False
    for c in yaml.safe_load((root / "plan" / "go-no-go.yaml").read_text(encoding="utf-8"))["criteria"]:
        value = measures[c["metric"]]
        ok = {">=": value >= c["threshold"] - 1e-9, "<=": value <= c["threshold"] + 1e-9,
              "==": abs(value - c["threshold"]) < 1e-9}[c["comparison"]]
        missed_must |= not ok and c["level"] == "must"
        missed_target |= not ok and c["level"] == "target"
        result = "met" if ok else ("**MISSED: no-go**" if c["level"] == "must" else "missed: extend")
        rows.append(f"| {c['label']} | {words[c['comparison']]} {_shown(c['threshold'], c['format'])} | "
                    f"{_shown(value, c['format'])} | {result} |")
    outcome = "no-go" if missed_must else ("extend pilot" if missed_target else "go")
    return outcome, rows


@pytest.fixture(scope="module")
def bakes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One bake per story seed, plus one with a seed derived from the answers."""
    out = {str(seed): new_project("rollout-plan", tmp_path_factory.mktemp(f"rp{seed}"), seed=str(seed),
                                  author="Ana Li").path for seed in SEEDS}
    out["derived"] = new_project("rollout-plan", tmp_path_factory.mktemp("rp-derived"), name="Rollout of Bo",
                                 author="Bo Chen").path
    return out


@pytest.mark.parametrize("which", [*map(str, SEEDS), "derived"])
def test_every_quoted_figure_and_the_decision_follow_the_data(bakes: dict[str, Path], which: str) -> None:
    root = bakes[which]
    outcome, rows = expected_rows(root)
    if which != "derived":
        assert outcome == rollout.SCENARIOS[STORY[int(which)]].decision
    readme = (root / "README.md").read_text(encoding="utf-8")
    memo = (root / "examples" / "worked-memo.md").read_text(encoding="utf-8")
    assert f"**What the criteria give on this project's data: {OUTCOME_WORD[outcome]}.**" in readme
    for row in rows:
        assert row in readme, row
    lead = {"no-go": "**No-go: pause the pilot.**", "extend pilot": "**Extend the pilot by 14 days",
            "go": "**Go: expand to the next clinics"}[outcome]
    assert lead in memo
    measures = recompute(root)
    roster = _csv(root, "staff-roster.csv")
    finished = round(measures["training_complete_share"] * len(roster))
    sentence = f"{finished} of {len(roster)} staff ({measures['training_complete_share'] * 100:.0f}%) finished"
    assert sentence in readme and sentence in memo
    for text in (readme, memo):
        if measures["same_error_type_max_in_stop_window"] >= 3:
            assert "The stop rule fired on day" in text and "stop rule held" not in text.lower()
        else:
            most = int(measures["same_error_type_max_in_stop_window"])
            assert f"The stop rule held: at most {most} report" in text
    for text in (readme, memo):
        for sentence in story_sentences(root):
            assert sentence in text, sentence


def story_sentences(root: Path) -> list[str]:
    """Figures the story quotes beyond the table, recomputed: overdue peak, unapproved days, survey, lowest role."""
    daily = _csv(root, "adoption-daily.csv")
    survey = _csv(root, "pilot-survey.csv")
    roster = _csv(root, "staff-roster.csv")
    training = _csv(root, "training-tracker.csv")
    out = []
    peak = max(daily, key=lambda d: (int(d["safety_reports_overdue"]), -int(d["day"])))
    if int(peak["safety_reports_overdue"]):
        out.append(f"peaked at {peak['safety_reports_overdue']} on day {peak['day']}")
    else:
        out.append("No report waited past the 2-day triage limit on any day")
    unapproved = [d for d in daily if d["version_approved"] == "no"]

    def heavy(version: str) -> str:
        days = [d for d in daily if d["tool_version"] == version]
        share = sum(int(d["drafts_edited_heavily"]) for d in days) / sum(int(d["drafts_generated"]) for d in days)
        return f"{share * 100:.0f}%"

    if not unapproved:
        out.append(f"Version 2.1 went live on day 15 after change-control approval; {heavy('2.1')} of its drafts "
                   f"needed heavy edits, against {heavy('2.0')} under version 2.0.")
    if unapproved:
        out.append(f"Version {unapproved[0]['tool_version']} was live on days {unapproved[0]['day']}-"
                   f"{unapproved[-1]['day']} ({len(unapproved)} days) without change-control approval")

    def agree(item: str, wave: str) -> str:
        answers = [int(r[item]) for r in survey if r["wave"] == wave]
        return f"{sum(a >= 4 for a in answers) / len(answers) * 100:.0f}%"

    out.append(f"trust in the drafts was {agree('q_trust', 'week-4 close')} (against {agree('q_trust', 'week-2 pulse')}")
    out.append(f"{agree('q_safety_concern', 'week-4 close')} said they had seen a draft that could have caused harm "
               f"if signed unchanged ({agree('q_safety_concern', 'week-2 pulse')} at the pulse)")
    done = Counter(r["staff_id"] for r in training if r["completed_day"])
    roles = Counter(p["role"] for p in roster)
    role_done = Counter(p["role"] for p in roster if done[p["staff_id"]] == 4)
    low = min(roles, key=lambda r: (role_done[r] / roles[r], r))
    out.append(f"the lowest role was {low}, {role_done[low]} of {roles[low]} ({role_done[low] / roles[low] * 100:.0f}%)")
    return out


def test_the_stop_rule_breach_is_the_headline_not_held(bakes: dict[str, Path], tmp_path: Path) -> None:
    """Issue 7: 5 reports of one error type on days 15-16 breached the stop rule while the texts said it held."""
    root = bakes["42"]
    log = _csv(root, "safety-reports.csv")
    assert sum(1 for r in log if r["error_type"] == rollout.MEDICATION_ERROR and r["day_reported"] in ("15", "16")) == 5
    daily = _csv(root, "adoption-daily.csv")
    assert daily[-1]["safety_reports_overdue"] == "0"  # a last-day snapshot would call the triage limit met
    readme = (root / "README.md").read_text(encoding="utf-8")
    memo = (root / "examples" / "worked-memo.md").read_text(encoding="utf-8")
    for text in (readme, memo):
        assert "The stop rule fired on day 16: 5 reports of one error type (medication change dropped)" in text
        assert "the pilot was not paused" in text
        assert "criterion held" not in text and "stop rule held" not in text
    assert "| Safety reports open past the 2-day triage limit, on the worst day of the pilot | exactly 0 | 5 |" in readme
    assert "governance failure" in memo
    work = tmp_path / "p"
    shutil.copytree(root, work)
    result = _run(work, "scripts/report.py")
    assert result.returncode == 0, result.stderr
    report = (work / "reports" / "adoption-report.md").read_text(encoding="utf-8")
    assert "NO-GO" in report and "The stop rule fired on day 16" in report and "no stop criterion missed" not in report


def test_the_decision_memo_is_the_authors_to_write(bakes: dict[str, Path]) -> None:
    root = bakes["1"]
    memo = (root / "decision-memo.md").read_text(encoding="utf-8")
    for heading in ("## Recommendation", "## Why", "## Why not the other two options", "## Risks accepted"):
        following = memo.split(heading + "\n", 1)[1].lstrip().split("\n", 1)[0]
        assert following.startswith("[FILL: "), heading
    assert "**From:** Ana Li, implementation lead" in memo
    assert "extend" not in memo.split("## Recommendation", 1)[1].split("[FILL", 1)[0].lower()
    worked = (root / "examples" / "worked-memo.md").read_text(encoding="utf-8")
    assert "> **Worked example, written by prooflane.**" in worked


FIRST_PERSON = re.compile(r"\b(I|I'm|I've|my|we|we're|our|us)\b")


def _template_prose(text: str) -> str:
    text = re.sub(r"\[FILL: [^\]]*\]|\(#[\w-]+\)", "", text)  # the user's markers, link anchors
    text = re.sub(r"R/A/C/I|R, A, C or I|(?<=\| )I(?= \|)|\bI(?= = Informed)", "", text)  # the RACI letter I
    return re.sub(r"\"[^\"\n]*\"", "", text)  # quoted survey items and quoted sayings


@pytest.mark.parametrize("which", ["42", "1"])
def test_no_first_person_in_template_text_and_every_example_labelled(bakes: dict[str, Path], which: str,
                                                                     tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(bakes[which], root)
    assert _run(root, "scripts/report.py").returncode == 0
    for rel in ("README.md", "plan.md", "decision-memo.md", "examples/worked-memo.md", "data/datasheet.md",
                "reports/adoption-report.md"):
        found = FIRST_PERSON.findall(_template_prose((root / rel).read_text(encoding="utf-8")))
        assert not found, f"{rel}: {found}"
    for rel in ("README.md", "plan.md", "examples/worked-memo.md", "reports/adoption-report.md"):
        assert "Worked example, written by prooflane" in (root / rel).read_text(encoding="utf-8"), rel
    page = (root / "reports" / "adoption-report.html").read_text(encoding="utf-8")
    assert "Ana Li" in page and "Scaffolded with prooflane" in page


def test_the_author_fills_every_author_slot(bakes: dict[str, Path], tmp_path: Path) -> None:
    root = bakes["977"]
    assert "by Ana Li." in (root / "README.md").read_text(encoding="utf-8")
    assert "adapted by Ana Li" in (root / "plan.md").read_text(encoding="utf-8")
    assert "**From:** Ana Li," in (root / "decision-memo.md").read_text(encoding="utf-8")
    anonymous = new_project("rollout-plan", tmp_path / "anon", seed="977").path
    for rel in ("README.md", "plan.md", "decision-memo.md"):
        assert "[FILL: your name]" in (anonymous / rel).read_text(encoding="utf-8"), rel


def test_readme_has_my_work_how_to_run_and_share_it(bakes: dict[str, Path]) -> None:
    readme = (bakes["42"] / "README.md").read_text(encoding="utf-8")
    for heading in ("## My work", "## How to run it", "## Share it", "## Not to be used for"):
        assert heading in readme
    my_work = readme.split("## My work", 1)[1].split("\n## ", 1)[0]
    assert my_work.count("[FILL: ") >= 3 and "decision-memo.md" in my_work
    assert "py -m venv .venv" in readme and ".venv/bin/python scripts/report.py" in readme
    assert "no employer, unit, vendor, product or date" in readme
    assert "How I describe" not in readme and "suggestion" in readme


# --- a person's edits: never lost, never a traceback -----------------------------------------------

def _run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = run_env() | {"PYTHONPATH": ""}
    return subprocess.run([PYTHON, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture()
def project(bakes: dict[str, Path], tmp_path: Path) -> Path:
    work = tmp_path / "project"
    shutil.copytree(bakes["42"], work)
    return work


def test_make_report_never_overwrites_hand_edits_to_plan_md(project: Path) -> None:
    plan_md = project / "plan.md"
    edited = plan_md.read_text(encoding="utf-8").replace("| Triage safety reports within 2 days |",
                                                          "| Triage safety reports within 1 working day |")
    plan_md.write_text(edited, encoding="utf-8")
    assert _run(project, "scripts/report.py").returncode == 0
    assert plan_md.read_text(encoding="utf-8") == edited
    result = _run(project, "scripts/plan_views.py")
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert re.fullmatch(r"plan\.md, line \d+: the generated 'raci' block was edited by hand, so it was not "
                        r"overwritten; make the change in the source it names \(edit plan/stakeholders\.yaml.*\.", line)
    assert plan_md.read_text(encoding="utf-8") == edited


def test_a_hand_edited_readme_summary_is_refused_before_anything_is_written(project: Path) -> None:
    readme = project / "README.md"
    edited = readme.read_text(encoding="utf-8").replace("**What the data shows.**", "**What the data showed.**")
    readme.write_text(edited, encoding="utf-8")
    result = _run(project, "scripts/report.py")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "README.md, line" in result.stderr and "'summary' block was edited by hand" in result.stderr
    assert readme.read_text(encoding="utf-8") == edited
    assert not (project / "reports").exists()


def test_changing_a_threshold_moves_every_figure_and_ci_catches_stale_text(project: Path) -> None:
    path = project / "plan" / "go-no-go.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold: 0.80", "threshold: 0.70"), encoding="utf-8")
    stale = _run(project, "scripts/worked.py", "--check")
    assert stale.returncode == 1 and "Out of date: README.md" in stale.stderr
    assert _run(project, "scripts/report.py").returncode == 0
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "| Lowest completion in any one role | at least 70% | 72% | met |" in readme
    assert _run(project, "scripts/worked.py", "--check").returncode == 0
    assert _run(project, "scripts/plan_views.py", "--check").returncode == 1  # the criteria table in plan.md
    assert _run(project, "scripts/plan_views.py").returncode == 0
    assert "| Lowest completion in any one role | at least 70% |" in (project / "plan.md").read_text(encoding="utf-8")


MALFORMED = [
    ("go-no-go.yaml", "    threshold: 0.90", "    threshold: high", "'threshold' is \"high\", but it must be a number"),
    ("go-no-go.yaml", "    level: target", "    level: maybe", "use 'must'"),
    ("go-no-go.yaml", "    comparison: \">=\"", "    comparison: \"=>>\"", "use one of >=, <="),
    ("go-no-go.yaml", "    threshold: 0.90", "    treshold: 0.90", "did you mean 'threshold'"),
    ("go-no-go.yaml", "    threshold: 0.90", "    threshold: 90", "share between 0 and 1"),
    ("go-no-go.yaml", "    metric: heavy_edit_rate_final_week", "    metric: heavy_edits",
     "is not a measure scripts/pilot.py computes"),
    ("go-no-go.yaml", "    if_missed: Book", "    if_missed: Book: now", "the YAML cannot be read"),
    ("stakeholders.yaml", "raci: {managers: A, super-users: R,", "raci: {managers: A, super-users: A,",
     "has 2 Accountable"),
    ("stakeholders.yaml", "raci: {privacy: A, it-ehr: R,", "raci: {privacy: A, it-ehr: Q,", "R, A, C or I"),
    ("timeline.yaml", "owner: sponsor, milestone: true}", "owner: sponsor, milestone: \"false\"}",
     "must be true or false"),
    ("timeline.yaml", "{id: kickoff, name: Kick-off huddle in each clinic,", "{id: kickoff, name: Kick-off: huddle,",
     "the YAML cannot be read"),
    ("pilot.yaml", "pilot_days: 30", "pilot_days: thirty", "must be a whole number"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), MALFORMED, ids=[m[2].strip()[:30] for m in MALFORMED])
def test_malformed_edits_get_one_sentence_naming_file_line_and_fix(project: Path, name: str, old: str, new: str,
                                                                   expected: str) -> None:
    path = project / "plan" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    for script in ("scripts/report.py", "scripts/plan_views.py", "scripts/validate.py"):
        result = _run(project, script)
        assert result.returncode == 1, (script, result.stdout)
        assert "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert re.match(rf"plan/{re.escape(name)}, line \d+: ", line), line
        assert expected in line and line.endswith(".")
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before, "something was written"


@pytest.mark.parametrize("damage", ["deleted", "emptied", "header only", "bad number"])
def test_damaged_data_files_get_one_sentence(project: Path, damage: str) -> None:
    path = project / "data" / "adoption-daily.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if damage == "deleted":
        path.unlink()
    else:
        bad_row = "one" + lines[1][lines[1].index(","):]
        path.write_text({"emptied": "", "header only": lines[0],
                         "bad number": "".join([lines[0], bad_row, *lines[2:]])}[damage], encoding="utf-8")
    result = _run(project, "scripts/report.py")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("The report could not be built: data/adoption-daily.csv")
    if damage != "bad number":
        assert "prooflane data adoption-daily --rows 30 --seed 42 -o data/adoption-daily.csv" in line
    assert not (project / "reports").exists()


def test_a_memo_section_whose_marker_was_removed_but_left_blank_fails_the_tests(project: Path) -> None:
    memo = project / "decision-memo.md"
    text = memo.read_text(encoding="utf-8")
    marker = text.split("## Recommendation\n\n", 1)[1].split("\n", 1)[0]
    assert marker.startswith("[FILL: ")
    memo.write_text(text.replace(marker, "", 1), encoding="utf-8")
    result = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_memo.py")
    assert result.returncode == 1
    assert re.search(r"decision-memo\.md, line \d+: the section 'Recommendation' is empty", result.stdout)


def test_readme_whose_markers_were_removed_is_left_to_its_author(project: Path) -> None:
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index("<!-- generated:summary"), text.index("<!-- /generated:summary -->")
    own = text[:start] + "The author's own summary.\n" + text[end + len("<!-- /generated:summary -->"):]
    readme.write_text(own, encoding="utf-8")
    assert _run(project, "scripts/report.py").returncode == 0
    assert _run(project, "scripts/worked.py", "--check").returncode == 0
    assert readme.read_text(encoding="utf-8") == own


def test_a_seed_given_as_text_is_refused(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scaffolder.cli", "new", "rollout-plan", "--no-input", "--seed",
                             "forty-two", "-o", str(tmp_path / "x")], env=run_env(), capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "seed" in result.stderr
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())
