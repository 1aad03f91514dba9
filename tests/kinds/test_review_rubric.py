"""The review-rubric kind: its generators, the shared agreement module against scikit-learn and statsmodels,
and every figure the baked README quotes, recomputed from the project's own files for several seeds."""

from __future__ import annotations

import csv
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.api import new_project
from synthetic import agreement as ag
from synthetic import visit_summaries as vs
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, REPO, run_env

IDS = ("summary-source-notes", "summary-texts", "summary-defects-key", "summary-ratings",
       "summary-critical-flags", "summary-reviewers")

sklearn_metrics = pytest.importorskip("sklearn.metrics")
sm_inter = pytest.importorskip("statsmodels.stats.inter_rater")
sm_prop = pytest.importorskip("statsmodels.stats.proportion")
sm_tables = pytest.importorskip("statsmodels.stats.contingency_tables")


def test_registered_for_this_kind() -> None:
    for dataset in IDS:
        spec = DATASETS[dataset]
        assert spec.kind == "review-rubric" and spec.default_rows == 20 and spec.summary


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


def test_worked_case_is_fixed_and_every_other_case_has_at_most_one_defect() -> None:
    reference = [r for r in DATASETS["summary-texts"].generate(seed=0).records() if r["case_id"] == "CASE-01"]
    for seed in (1, 42, 977, 2**32 - 1):
        summaries = DATASETS["summary-texts"].generate(seed=seed).records()
        assert [r for r in summaries if r["case_id"] == "CASE-01"] == reference
        key = DATASETS["summary-defects-key"].generate(seed=seed).records()
        assert {(r["defect"], r["critical_error"]) for r in key if r["case_id"] == "CASE-01"} == {
            ("omission", "C3"), ("falsification", "C2")}
        per_case: dict[str, int] = {}
        for r in key:
            if r["case_id"] != "CASE-01":
                per_case[r["case_id"]] = per_case.get(r["case_id"], 0) + 1
        assert set(per_case.values()) == {1}
        fabrications = sum(r["critical_error"] == "C1" for r in key)
        assert 1 <= fabrications <= vs.MAX_FABRICATIONS
        assert {r["defect"] for r in key} <= set(vs.DEFECTS) | {"none"}


def test_answer_key_points_at_real_lines_and_the_planted_text() -> None:
    for seed in (3, 42, 977):
        notes = DATASETS["summary-source-notes"].generate(seed=seed).records()
        summaries = DATASETS["summary-texts"].generate(seed=seed).records()
        lines = {(r["case_id"], r["line"]): r["text"] for r in summaries}
        note_lines = {(r["case_id"], r["line"]) for r in notes}
        for row in DATASETS["summary-defects-key"].generate(seed=seed).records():
            if row["defect"] == "none":
                continue
            assert (row["case_id"], row["source_line"]) in note_lines
            if row["summary_line"] != "":
                assert (row["case_id"], row["summary_line"]) in lines


def test_no_identifiers_in_the_notes() -> None:
    text = to_csv_text(DATASETS["summary-source-notes"].generate(seed=5, rows=60))
    assert not re.search(r"\b(19|20)\d\d\b|@|\bMRN\b|\d{3}-\d{4}", text)


def test_shipped_agreement_module_is_the_one_source() -> None:
    from scaffolder.jinja_ext import project_module

    assert project_module("agreement") == (REPO / "synthetic" / "agreement.py").read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        project_module("../scaffolder/cli")


# --- the agreement statistics against the reference libraries -------------------------------------

@pytest.mark.parametrize("seed", range(6))
def test_kappa_matches_scikit_learn_and_statsmodels(seed: int) -> None:
    rng = random.Random(seed)
    a = [rng.randint(1, 5) for _ in range(40)]
    b = [min(5, max(1, x + rng.choice([-2, -1, 0, 0, 1]))) for x in a]
    for weights in (None, "linear", "quadratic"):
        ours = ag.cohen_kappa(a, b, range(1, 6), weights)
        assert ours == pytest.approx(sklearn_metrics.cohen_kappa_score(a, b, weights=weights, labels=[1, 2, 3, 4, 5]))
    table = [[sum(1 for x, y in zip(a, b) if x == i and y == j) for j in range(1, 6)] for i in range(1, 6)]
    assert ag.cohen_kappa(a, b, range(1, 6)) == pytest.approx(sm_inter.cohens_kappa(table).kappa)
    assert ag.cohen_kappa(a, b, range(1, 6), "linear") == pytest.approx(sm_inter.cohens_kappa(table, wt="linear").kappa)


def test_bootstrap_interval_is_close_to_the_analytic_one() -> None:
    rng = random.Random(9)
    a = [rng.randint(1, 5) for _ in range(80)]
    b = [min(5, max(1, x + rng.choice([-1, 0, 0, 1]))) for x in a]
    table = [[sum(1 for x, y in zip(a, b) if x == i and y == j) for j in range(1, 6)] for i in range(1, 6)]
    analytic = sm_inter.cohens_kappa(table)
    lo, hi = ag.bootstrap_ci(lambda x, y: ag.cohen_kappa(x, y, range(1, 6)), [a, b], reps=1000)
    assert lo == pytest.approx(analytic.kappa_low, abs=0.05) and hi == pytest.approx(analytic.kappa_upp, abs=0.05)


def test_icc_matches_an_anova_by_hand_and_the_published_table() -> None:
    values = ag.icc([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    assert values["ICC(2,1)"] == pytest.approx(0.29, abs=0.005) and values["ICC(3,1)"] == pytest.approx(0.71, abs=0.01)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (8, 10), (10, 10), (17, 40)])
def test_wilson_matches_statsmodels(k: int, n: int) -> None:
    assert ag.wilson(k, n) == pytest.approx(sm_prop.proportion_confint(k, n, method="wilson"), abs=1e-9)


@pytest.mark.parametrize(("b", "c"), [(0, 0), (1, 9), (4, 6), (0, 7), (12, 3)])
def test_mcnemar_matches_statsmodels(b: int, c: int) -> None:
    expected = sm_tables.mcnemar([[5, b], [c, 5]], exact=True).pvalue
    assert ag.mcnemar_exact(b, c) == pytest.approx(expected)


# --- the baked project: README figures against the project's own data ---------------------------

def _read(root: Path, rel: str) -> list[dict[str, str]]:
    with (root / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected_figures(root: Path) -> dict[str, str]:
    """The README's figures, computed here from the CSV files with scikit-learn."""
    ratings = {(int(r["round"]), r["reviewer"], r["case_id"], r["item"]): int(r["score"])
               for r in _read(root, "data/ratings.csv")}
    cases = sorted({k[2] for k in ratings})

    def col(rnd: int, reviewer: str, item: str) -> list[int]:
        return [ratings[(rnd, reviewer, c, item)] for c in cases]

    def kappa(rnd: int, item: str) -> float:
        return sklearn_metrics.cohen_kappa_score(col(rnd, "R1", item), col(rnd, "R2", item), weights="linear",
                                                 labels=[1, 2, 3, 4, 5])

    clear = [i for i in vs.ITEMS if i != "useful"]
    gap = {rnd: sum(col(rnd, "R3", "accurate")) / len(cases) - sum(col(rnd, "R1", "accurate")) / len(cases) for rnd in (1, 2)}
    icc = ag.icc([list(row) for row in zip(*(col(1, r, "accurate") for r in ("R1", "R2", "R3")))])
    flags = {(int(r["round"]), r["reviewer"], r["case_id"]): "C1" in r["critical_errors"].split(";")
             for r in _read(root, "data/critical_flags.csv")}
    a, b = [flags[(1, "R1", c)] for c in cases], [flags[(1, "R2", c)] for c in cases]
    return {
        "gap1": f"{round(gap[1], 2):.2f}", "gap2": f"{round(gap[2], 2):.2f}",
        "icc2": f"{round(icc['ICC(2,1)'], 2):.2f}", "icc3": f"{round(icc['ICC(3,1)'], 2):.2f}",
        "clear1": f"{round(sum(round(kappa(1, i), 2) for i in clear) / len(clear), 2):.2f}",
        "clear2": f"{round(sum(round(kappa(2, i), 2) for i in clear) / len(clear), 2):.2f}",
        "vague1": f"{round(kappa(1, 'useful'), 2):.2f}", "vague2": f"{round(kappa(2, 'useful'), 2):.2f}",
        "c1_r1": str(sum(a)), "c1_r2": str(sum(b)),
        "c1_pct": str(round(100 * sum(x == y for x, y in zip(a, b)) / len(a))),
        "c1_kappa": f"{round(sklearn_metrics.cohen_kappa_score(a, b), 2):.2f}",
        "cases": str(len(cases)),
    }


README_PATTERNS = {
    "gap1": r"R3 scores \*accurate\* ([-\d.]+)\s+points above R1",
    "icc2": r"ICC\(2,1\) \(absolute agreement\) is ([-\d.]+)",
    "icc3": r"ICC\(3,1\) \(consistency\) ([-\d.]+)",
    "gap2": r"After calibration the gap is ([-\d.]+)\.",
    "clear1": r"went from\s+([-\d.]+) in round 1",
    "clear2": r"in round 1 to ([-\d.]+) in round 2",
    "vague1": r"weighted kappa ([-\d.]+) in round 1",
    "vague2": r"in round 1 and ([-\d.]+) in round 2",
    "c1_r1": r"R1 flagged (\d+) summaries",
    "c1_r2": r"and R2\s+(\d+) in round 1",
    "c1_pct": r"They agree on (\d+)% of summaries",
    "c1_kappa": r"yet kappa is\s+([-\d.]+)",
    "cases": r"at a beginner's scale: (\d+) fictional",
}


@pytest.fixture(scope="module", params=["1", "42", "977", "derived"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"rr-{request.param}")
    if request.param == "derived":
        return new_project("review-rubric", out, name="Summary Review Study", author="Wren Oakenshore").path
    return new_project("review-rubric", out, seed=request.param).path


def test_every_readme_figure_matches_the_data(seeded: Path) -> None:
    readme = seeded.joinpath("README.md").read_text(encoding="utf-8")
    expected = _expected_figures(seeded)
    for name, pattern in README_PATTERNS.items():
        found = re.search(pattern, readme)
        assert found, f"{name}: pattern not in README"
        assert found.group(1) == expected[name], (name, found.group(1), expected[name])


def test_datasheet_counts_match_the_key(seeded: Path) -> None:
    key = _read(seeded, "data/answer_key/defects.csv")
    text = seeded.joinpath("data/datasheet.md").read_text(encoding="utf-8")
    failing = len({r["case_id"] for r in key if r["critical_error"]})
    fabrications = sum(r["critical_error"] == "C1" for r in key)
    cases = len({r["case_id"] for r in key})
    assert re.search(rf"{failing} of\s+{cases} summaries carry a critical error", text)
    assert re.search(rf"{fabrications} carry an invented detail", text)


def test_report_runs_and_shows_the_planted_effects(seeded: Path) -> None:
    result = subprocess.run([PYTHON, "scripts/report.py"], cwd=seeded, capture_output=True, text=True, env=run_env())
    assert result.returncode == 0, result.stderr
    page = (seeded / "reports" / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Defect gallery" in page and "no side effects" in page
    md = (seeded / "reports" / "report.md").read_text(encoding="utf-8")
    assert "| 1 | C1 invented detail |" in md and "ICC(2,1)" in md


def test_clinical_background_recommendations_lead_to_this_kind() -> None:
    from scaffolder.api import recommend

    recs = recommend("clinical")
    assert recs[0].role.id == "clinical-ai-evaluator"
    by_role = {r.role.id: r for r in recs if r.score == 3}
    for role in ("clinical-ai-evaluator", "ai-safety-reviewer"):
        assert by_role[role].kind.id == by_role[role].buildable_kind.id == "review-rubric"


def test_marker_removed_but_left_blank_still_counts_as_unfinished(tmp_path: Path) -> None:
    from scaffolder.status import project_status

    root = new_project("review-rubric", tmp_path / "p", seed="5").path
    rubric = root / "rubric.yaml"
    text = rubric.read_text(encoding="utf-8")
    blank = re.sub(r'revision_note: "\[FILL: [^\]]*\]"', 'revision_note: ""', text)
    assert blank != text
    rubric.write_text(blank, encoding="utf-8")
    status = project_status(root)
    assert any(u.path == "rubric.yaml" and u.what == "note on the rewritten anchors" for u in status.unanswered)
    assert sum(u.path == "my_ratings.yaml" for u in status.unanswered) == 4 * (len(vs.ITEMS) + 1)


def test_the_planted_effects_hold_in_the_projects_own_tests_for_this_seed(seeded: Path) -> None:
    result = subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_planted_effects.py"],
                            cwd=seeded, capture_output=True, text=True, env=run_env())
    assert result.returncode == 0, result.stdout[-2000:]
