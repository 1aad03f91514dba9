"""The chatbot-evaluation kind: its generators and every figure the baked README quotes, recomputed from the
project's own files (kappa with scikit-learn, intervals and McNemar with statsmodels) for several seeds."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.api import new_project
from synthetic import chatbot_answers as cb
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, REPO, run_env

IDS = ("chatbot-prompts", "chatbot-answers", "chatbot-ratings", "chatbot-answer-key")

sklearn_metrics = pytest.importorskip("sklearn.metrics")
sm_prop = pytest.importorskip("statsmodels.stats.proportion")


def test_registered_for_this_kind() -> None:
    for dataset in IDS:
        spec = DATASETS[dataset]
        assert spec.kind == "chatbot-evaluation" and spec.default_rows == 30 and spec.summary


@pytest.mark.parametrize("dataset", IDS)
def test_same_seed_same_bytes_other_seed_other_data(dataset: str) -> None:
    spec = DATASETS[dataset]
    assert to_csv_text(spec.generate(seed=42)) == to_csv_text(spec.generate(seed=42))
    assert to_csv_text(spec.generate(seed=7)) != to_csv_text(spec.generate(seed=42))


def test_same_bytes_in_another_process() -> None:
    code = ("from synthetic.registry import DATASETS; from synthetic.writers import to_csv_text; "
            f"print(''.join(to_csv_text(DATASETS[d].generate(seed=11)) for d in {IDS!r}), end='')")
    outputs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": h, "PATH": ""}).stdout for h in ("1", "2")}
    assert outputs == {"".join(to_csv_text(DATASETS[d].generate(seed=11)) for d in IDS)}


@pytest.mark.parametrize("seed", [0, 1, 42, 977, 2**32 - 1])
def test_planted_behaviour_for_any_seed(seed: int) -> None:
    prompts, answers = cb.build(seed, 30)
    assert sorted(p.level for _, p in prompts) == sorted(cb.LEVELS * 10)
    by = {(a.prompt_id, a.assistant): a for a in answers}
    levels = dict(prompts)
    for pid, p in prompts:
        assert by[(pid, "A")].advised == "emergent"
        if p.level == "emergent":
            assert "K1" not in by[(pid, "B")].met and "K1" in by[(pid, "C")].met
    assert sum("K8" in a.met for a in answers if a.assistant == "B") == cb.DOSE_ANSWERS
    assert sum("K7" in a.met for a in answers if a.assistant == "C") == 6
    assert not any("K7" in a.met or "K8" in a.met for a in answers if a.assistant == "A")
    facts = cb.rating_facts(cb.ratings_table(seed, 30))
    assert facts["top"] == "B" and not facts["top_passes"] and facts["assistants"]["A"]["passes"]
    assert facts["K1"]["kappa"] == 1.0 and facts["K10"]["kappa"] < 0.55
    assert all(levels[a.prompt_id].level for a in answers)


def test_unsafe_answer_text_lives_only_in_the_answer_column() -> None:
    table = DATASETS["chatbot-answers"].generate(seed=3)
    assert table.columns == ("prompt_id", "assistant", "answer")
    key = to_csv_text(DATASETS["chatbot-answer-key"].generate(seed=3))
    assert "mg" not in key and "This is" not in key


def test_no_identifiers_in_the_prompts() -> None:
    text = to_csv_text(DATASETS["chatbot-prompts"].generate(seed=5))
    assert not re.search(r"\b(19|20)\d\d\b|@|\bMRN\b|\d{3}-\d{4}", text)


# --- the baked project ----------------------------------------------------------------------------

def _read(root: Path, rel: str) -> list[dict[str, str]]:
    with (root / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected(root: Path) -> dict[str, str]:
    criteria = {c: cb.CRITERION_INFO[c] for c in cb.CRITERIA}
    ratings = _read(root, "data/criterion_ratings.csv")
    per_answer: dict[tuple[str, str], dict[str, bool]] = {}
    for r in ratings:
        if r["rater"] == "R1":
            per_answer.setdefault((r["prompt_id"], r["assistant"]), {})[r["criterion"]] = r["met"] == "yes"
    out: dict[str, str] = {}
    for code in "ABC":
        values = []
        for (_, a), crit in per_answer.items():
            if a == code:
                possible = sum(criteria[c]["points"] for c in crit if criteria[c]["points"] > 0)
                values.append(sum(criteria[c]["points"] for c, yes in crit.items() if yes) / possible)
        mean = sum(values) / len(values)
        out[f"score_{code}"] = f"{round(max(0.0, min(1.0, mean)), 2) + 0.0:.2f}"
        out[f"raw_{code}"] = f"{round(mean, 2) + 0.0:.2f}"
    key = _read(root, "data/answer_key/answer_facts.csv")
    b_em = [r for r in key if r["assistant"] == "B" and r["intended_level"] == "emergent"]
    ok = sum(r["advised_level"] == "emergent" for r in b_em)
    lo, hi = sm_prop.proportion_confint(ok, len(b_em), method="wilson")
    out["b_em_ok"], out["b_em_n"] = str(ok), str(len(b_em))
    out["b_em_ci"] = f"{round(100 * lo)}-{round(100 * hi)}"
    a_other = [r for r in key if r["assistant"] == "A" and r["intended_level"] != "emergent"]
    out["a_over"] = str(sum(r["advised_level"] == "emergent" for r in a_other))
    for crit in ("K1", "K10"):
        pairs = {}
        for r in ratings:
            if r["criterion"] == crit:
                pairs.setdefault((r["prompt_id"], r["assistant"]), {})[r["rater"]] = r["met"] == "yes"
        a = [v["R1"] for v in pairs.values()]
        b = [v["R2"] for v in pairs.values()]
        out[f"{crit}_pct"] = str(round(100 * sum(x == y for x, y in zip(a, b)) / len(a)))
        out[f"{crit}_kappa"] = f"{round(sklearn_metrics.cohen_kappa_score(a, b), 2):.2f}"
    out["count"] = str(len({r["prompt_id"] for r in key}))
    return out


PATTERNS = {
    "score_B": r"Highest average: B \(Willow\), score ([\d.]+)",
    "score_A": r"\*\*A \(Beacon\)\*\* scores ([-\d.]+)",
    "raw_A": r"mean before clipping\s+([-\d.]+)\)",
    "a_over": r"it sends\s+(\d+)\s+of \d+ non-emergency",
    "b_em_ok": r"advised the intended level for (\d+) of",
    "b_em_n": r"advised the intended level for \d+ of\s+(\d+) emergencies",
    "b_em_ci": r"Wilson 95% interval (\d+-\d+)%",
    "score_C": r"\*\*C \(Tally\)\*\* scores ([\d.]+)",
    "K1_pct": r"R1 and R2 agree on (\d+)% of",
    "K1_kappa": r"answers, kappa ([\d.]+); on K10",
    "K10_pct": r"they agree\s+on (\d+)%",
    "K10_kappa": r"on \d+%, kappa ([-\d.]+) \(",
    "count": r"fictional health assistants on (\d+) fictional",
}


@pytest.fixture(scope="module", params=["1", "42", "977", "derived"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"cb-{request.param}")
    if request.param == "derived":
        return new_project("chatbot-evaluation", out, name="Assistant Answer Review", author="Noor Fernhollow").path
    return new_project("chatbot-evaluation", out, seed=request.param).path


def test_every_readme_figure_matches_the_data(seeded: Path) -> None:
    readme = seeded.joinpath("README.md").read_text(encoding="utf-8")
    expected = _expected(seeded)
    for name, pattern in PATTERNS.items():
        found = re.search(pattern, readme)
        assert found, f"{name}: pattern not in README"
        assert found.group(1) == expected[name], (name, found.group(1), expected[name])


def test_worked_example_quotes_the_answers_in_the_data(seeded: Path) -> None:
    text = seeded.joinpath("review/worked-example.md").read_text(encoding="utf-8")
    prompts = {r["prompt"]: r["prompt_id"] for r in _read(seeded, "data/prompts.csv")}
    pid = prompts[cb.PROMPTS[0].text]
    assert f"Prompt {pid} (intended level: **emergent**)" in text
    for row in _read(seeded, "data/answers.csv"):
        if row["prompt_id"] == pid:
            assert f"> {row['answer']}" in text
    key = {r["assistant"]: r for r in _read(seeded, "data/answer_key/answer_facts.csv") if r["prompt_id"] == pid}
    assert f"| B Willow | {key['B']['criteria_met'].replace(';', ', ')} |" in text


def test_report_runs_and_shows_the_gate_failure(seeded: Path) -> None:
    result = subprocess.run([PYTHON, "scripts/evaluate.py"], cwd=seeded, capture_output=True, text=True, env=run_env())
    assert result.returncode == 0, result.stderr
    md = (seeded / "reports" / "report.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| B Willow |"))
    assert "FAIL (10)" in row and "Failure gallery" in md


def test_fresh_bake_counts_every_unanswered_item(seeded: Path) -> None:
    from scaffolder.status import project_status

    status = project_status(seeded)
    assert sum(u.path == "my_prompts.yaml" for u in status.unanswered) == 15
    rated = sum(u.path == "my_ratings.yaml" for u in status.unanswered)
    per_level = {lv: sum(lv in cb.CRITERION_INFO[c]["applies"] for c in cb.CRITERIA) for lv in cb.LEVELS}
    assert rated == 3 * sum(per_level.values())


def test_the_projects_own_tests_pass_for_this_seed(seeded: Path) -> None:
    result = subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=seeded,
                            capture_output=True, text=True, env=run_env())
    assert result.returncode == 0, result.stdout[-2000:]
