"""The predictive-analysis kind: its cohort generator, the figures its template quotes, and its analysis on several seeds."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scaffolder.api import new_project
from scaffolder.seeds import derive_seed
from synthetic import readmission
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, run_env

SEEDS = [1, 42, 977, derive_seed("Readmission Risk Model Evaluation", "Ana Li", "predictive-analysis")]


def test_registered_and_deterministic() -> None:
    spec = DATASETS["readmission-cohort"]
    assert spec.kind == "predictive-analysis" and spec.default_rows == 20000
    assert to_csv_text(spec.generate(seed=5, rows=500)) == to_csv_text(spec.generate(seed=5, rows=500))
    assert to_csv_text(spec.generate(seed=5, rows=500)) != to_csv_text(spec.generate(seed=6, rows=500))
    key = DATASETS["readmission-key"].generate(seed=5, rows=500)
    assert key.column("patient_id") == spec.generate(seed=5, rows=500).column("patient_id")


def test_ids_are_fake_and_the_answer_key_is_kept_apart() -> None:
    table = readmission.generate(3, 300)
    assert all(re.fullmatch(r"FAKE-PT-\d{6}", pid) for pid in table.column("patient_id"))
    assert "need_30d" not in table.columns and "true_prior_admissions" not in table.columns


def test_the_proxy_only_ever_under_counts_need() -> None:
    rows = readmission.build(11, 5000)
    assert all(r["readmit_30d"] <= r["need_30d"] for r in rows)
    assert all(r["prior_admissions_12m"] <= r["true_prior_admissions"] for r in rows)
    rural = [r for r in rows if r["area"] == "rural" and r["need_30d"]]
    urban = [r for r in rows if r["area"] == "urban" and r["need_30d"]]
    share = lambda g: sum(r["readmit_30d"] for r in g) / len(g)  # noqa: E731
    assert share(rural) < share(urban) - 0.2


def _cohort(root: Path) -> list[dict[str, str]]:
    with (root / "data" / "cohort.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _rate(rows: list[dict[str, str]]) -> str:
    return f"{100 * sum(int(r['readmit_30d']) for r in rows) / len(rows):.1f}%"


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def project(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"pa-{request.param}")
    return new_project("predictive-analysis", out, seed=str(request.param), author="Ana Li").path


def test_readme_and_datasheet_figures_match_the_data_file(project: Path) -> None:
    rows = _cohort(project)
    readme = (project / "README.md").read_text(encoding="utf-8")
    sheet = (project / "data" / "datasheet.md").read_text(encoding="utf-8")
    a = [r for r in rows if r["site"] == "Site A"]
    b = [r for r in rows if r["site"] == "Site B"]
    for text in (readme,):
        assert f"{len(rows):,} fictional discharges" in text
        assert f"Site A ({len(a):,} discharges, {_rate(a)} readmitted)" in text
        assert f"Site B ({len(b):,} discharges, {_rate(b)} readmitted)" in text
    b23 = [r for r in b if r["admit_year"] == "2023"]
    b25 = [r for r in b if r["admit_year"] == "2025"]
    assert f"from {_rate(b23)} in 2023 to {_rate(b25)} in 2025" in readme
    assert f"{_rate(b23)} in 2023, {_rate(b25)} in 2025" in sheet
    events = [r for r in rows if r["readmit_30d"] == "1"]
    others = [r for r in rows if r["readmit_30d"] == "0"]
    flag = lambda g: 100 * sum(int(r["case_review_flag"]) for r in g) / len(g)  # noqa: E731
    assert f"set for {flag(events):.1f}% of readmitted discharges and {flag(others):.1f}% of the others" in readme
    assert f"an AUROC of {(flag(events) + 100 - flag(others)) / 200:.2f} on its own" in readme
    rural = [r for r in rows if r["area"] == "rural"]
    urban = [r for r in rows if r["area"] == "urban"]
    assert f"Rural recorded rate {_rate(rural)} against urban {_rate(urban)}" in sheet
    assert not re.search(r"\b(I|my|we|our)\b", readme.split("## My work")[0].split("## Worked example")[1])


def _analyse(project: Path, tmp: Path, edit: tuple[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    work = tmp / "work"
    shutil.copytree(project, work)
    if edit:
        path = work / "my_choices.yaml"
        text = path.read_text(encoding="utf-8")
        assert edit[0] in text
        path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    env = run_env()
    env["PYTHONPATH"] = ""
    return subprocess.run([PYTHON, "-m", "analysis", "--out", str(tmp / "reports")], cwd=work, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_planted_effects_show_in_the_outputs_and_the_card_quotes_them(project: Path, tmp_path: Path) -> None:
    result = _analyse(project, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    r = json.loads((tmp_path / "reports" / "results.json").read_text(encoding="utf-8"))
    v = r["validation"]
    assert 0.55 < v["slope"] < 0.85 and v["citl_low"] > 0, "Site B: slope near 0.7, baseline risk higher"
    assert r["leakage"]["with_leak_internal_auroc"][0] > 0.9 > r["internal"]["auroc"]
    assert {s["column"] for s in r["leakage"]["screen"] if s["flag"]} == {"case_review_flag"}
    drift = {d["year"]: d for d in r["drift"]}
    assert drift[2025]["prevalence"] > drift[2023]["prevalence"]
    area = {g["level"]: g for g in r["subgroups"]["area"]}
    assert abs(area["rural"]["auroc"] - area["urban"]["auroc"]) < 0.06
    assert area["rural"]["observed"] < area["urban"]["observed"]
    card = (tmp_path / "reports" / "model_card.md").read_text(encoding="utf-8")
    assert f"calibration slope {v['slope']:.2f} ({v['slope_low']:.2f} to {v['slope_high']:.2f})" in card
    assert f"{v['n']:,} synthetic discharges, {v['events']:,} recorded readmissions" in card
    page = (tmp_path / "reports" / "report.html").read_text(encoding="utf-8")
    assert f"AUROC of {r['leakage']['with_leak_internal_auroc'][0]:.2f}" in page and "Ana Li" in page


@pytest.mark.parametrize(("edit", "expect"), [
    (("threshold: unanswered", "threshold: 1.5"), "threshold must be a number strictly between 0 and 1"),
    (("  - sex", "  - insurance"), "there is no column 'insurance'"),
    (("deployment_prevalence: null", "deployment_prevalence: 1"), "deployment_prevalence must be a number strictly between 0 and 1"),
])
def test_bad_input_is_one_sentence(baked, tmp_path: Path, edit: tuple[str, str], expect: str) -> None:
    result = _analyse(baked("predictive-analysis"), tmp_path, edit)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert expect in result.stderr and result.stderr.strip().count("\n") == 0
    assert not (tmp_path / "reports").exists()
