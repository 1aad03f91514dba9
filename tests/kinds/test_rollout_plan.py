"""The rollout-plan kind: its four datasets, their planted effects, and the worked figures of the template."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from synthetic import pools, rollout
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, run_env

ROLLOUT = ("staff-roster", "training-tracker", "pilot-survey", "adoption-daily")
SEEDS = (1, 42, 977)


def _records(dataset: str, seed: int, rows: int | None = None) -> list[dict]:
    return DATASETS[dataset].generate(seed=seed, rows=rows).records()


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
    for dataset in ROLLOUT:
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
    assert by_role["physician"] == 13 and len(finished) == 53
    assert all(roster[s]["super_user"] == "no" for s in set(roster) - finished)
    retakes = Counter(r["module_id"] for r in tracker if r["attempts"] == 2)
    assert retakes.most_common(1)[0][0] == "M2"
    assert all(1 <= r["completed_day"] <= 30 for r in tracker if r["completed_day"] is not None)


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_update_dip_and_recovery(seed: int) -> None:
    days = _records("adoption-daily", seed)

    def heavy(first: int, last: int) -> float:
        chosen = [d for d in days if first <= d["day"] <= last]
        return sum(d["drafts_edited_heavily"] for d in chosen) / sum(d["drafts_generated"] for d in chosen)

    assert heavy(15, 18) >= 1.8 * heavy(8, 14)
    assert heavy(22, 30) <= 0.15
    assert max(d["safety_reports_overdue"] for d in days if 15 <= d["day"] <= 20) >= 4
    assert all(d["safety_reports_overdue"] == 0 for d in days if d["day"] < 15 or d["day"] > 20)
    assert [d["tool_version"] for d in days if d["day"] in (14, 15, 19)] == ["2.0", "2.1", "2.1.1"]
    for d in days:
        assert d["active_users"] <= d["staff_with_access"] <= rollout.DEFAULT_STAFF
        light, heavy_n, gone = d["drafts_signed_light_edits"], d["drafts_edited_heavily"], d["drafts_discarded"]
        assert light + heavy_n + gone == d["drafts_generated"]


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_survey_shift(seed: int) -> None:
    survey = _records("pilot-survey", seed)

    def agree(item: str, wave: str) -> float:
        answers = [r[item] for r in survey if r["wave"] == wave]
        return sum(a >= 4 for a in answers) / len(answers)

    assert 0.14 <= agree("q_safety_concern", "week-2 pulse") <= 0.18
    assert 0.34 <= agree("q_safety_concern", "week-4 close") <= 0.40
    assert agree("q_trust", "week-4 close") < agree("q_trust", "week-2 pulse")
    assert all(1 <= r[q] <= 5 for r in survey for q in r if q.startswith("q_"))
    physicians = [r["q_time_saved"] for r in survey if r["role"] == "physician"]
    others = [r["q_time_saved"] for r in survey if r["role"] != "physician"]
    assert sum(physicians) / len(physicians) < sum(others) / len(others)


# --- the template's worked example ---------------------------------------------------------------

def _load_pilot(root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("rollout_plan_pilot", root / "scripts" / "pilot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_readme_and_memo_figures_match_the_default_data(baked) -> None:
    root = baked("rollout-plan")
    pilot = _load_pilot(root)
    data = pilot.load_pilot(root / "data")
    metrics = pilot.compute_metrics(data)
    decision = pilot.evaluate(pilot.read_yaml(root / "plan" / "go-no-go.yaml"), metrics)
    assert decision.outcome == "extend pilot"
    assert [r.criterion["id"] for r in decision.failed] == ["training-all", "training-role-floor", "safety-concern"]
    pct = pilot.pct
    worst = pilot.worst_version(data.daily)
    peak = max(r["safety_reports_overdue"] for r in data.daily)
    readme = (root / "README.md").read_text(encoding="utf-8")
    memo = (root / "decision-memo.md").read_text(encoding="utf-8")
    for text in (readme, memo):
        assert f"{pct(metrics['heavy_edit_rate_final_week'])}" in text
        assert f"{metrics['median_minutes_final_week']:.1f}" in text
        assert f"{pct(worst['before']['heavy_rate'])} to {pct(worst['heavy_rate'])}" in text
        assert pct(metrics["active_use_share_final_week"]) in text
        assert pct(metrics["survey_time_saved_agree_final_wave"]) in text
    assert f"{pct(metrics['training_complete_share'])} (53 of 60)" in readme
    assert f"{pct(metrics['training_complete_min_role_share'])} (physicians, 13 of 18)" in readme
    assert f"{pct(metrics['survey_safety_concern_agree_final_wave'])} (16% on day 14)" in readme
    assert f"discarded drafts {pct(metrics['discard_rate_final_week'])}" in readme
    assert f"close-survey response {pct(metrics['survey_response_rate_final_wave'])}" in readme
    assert {6: "six"}[peak] + " were open past the triage" in readme
    assert f"peaked at {peak}" in memo


def test_plan_views_in_the_template_are_fresh(baked) -> None:
    root = baked("rollout-plan")
    env = run_env() | {"PYTHONPATH": ""}
    result = subprocess.run([PYTHON, "scripts/plan_views.py", "--check"], cwd=root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
