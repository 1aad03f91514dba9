"""The safety-checklist kind: its workflow generator, planted risks, quoted figures on several seeds, bad input."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.api import new_project
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text

KIND = "safety-checklist"
SEEDS = ("1", "42", "977")
TEMPLATE = Path(__file__).resolve().parents[2] / "project_templates" / KIND / "{{cookiecutter.project_slug}}"
CORE = {"R-PHI", "R-REVIEW", "R-CLAIM", "R-REPORT"}


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_registered_for_this_kind() -> None:
    for name in ("safety-workflow", "safety-workflow-key", "safety-setting"):
        assert DATASETS[name].kind == KIND


@pytest.mark.parametrize("seed", [1, 42, 977, 31337])
def test_every_seed_plants_the_core_risks_and_some_extras(seed: int) -> None:
    key = DATASETS["safety-workflow-key"].generate(seed=seed).records()
    lines = {r["line_id"]: r for r in DATASETS["safety-workflow"].generate(seed=seed).records()}
    ids = {r["risk_id"] for r in key}
    assert ids >= CORE and 6 <= len(ids) <= 7
    for risk in key:
        assert risk["line_id"] in lines
        assert lines[risk["line_id"]]["part"] == ("tool" if risk["line_id"].startswith("T") else "workflow")
    claim = next(r for r in key if r["risk_id"] == "R-CLAIM")
    figure = DATASETS["safety-setting"].generate(seed=seed).records()[0]["claimed_accuracy"]
    assert f"{figure}% accurate" in lines[claim["line_id"]]["text"]


def test_seeds_vary_the_workflow_and_are_deterministic() -> None:
    texts = {to_csv_text(DATASETS["safety-workflow"].generate(seed=s)) for s in range(12)}
    assert len(texts) >= 10
    assert to_csv_text(DATASETS["safety-workflow"].generate(seed=5)) == to_csv_text(
        DATASETS["safety-workflow"].generate(seed=5))
    tasks = {DATASETS["safety-setting"].generate(seed=s).records()[0]["task"] for s in range(30)}
    assert len(tasks) == 3


def test_the_worked_example_is_a_different_workflow() -> None:
    import yaml

    shipped = TEMPLATE / "examples" / "worked-workflow.yaml"
    example = {r["text"] for r in yaml.safe_load(shipped.read_text(encoding="utf-8"))["lines"]}
    for seed in range(20):
        assert not example & {r["text"] for r in DATASETS["safety-workflow"].generate(seed=seed).records()}


@pytest.fixture(scope="module", params=SEEDS)
def bake(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"safety-{request.param}")
    return new_project(KIND, out, seed=request.param, extra={"author": "Avery Example"}).path


def test_every_figure_matches_the_data(bake: Path) -> None:
    lines = _rows(bake / "data" / "workflow.csv")
    parts = [r["part"] for r in lines]
    readme = (bake / "README.md").read_text(encoding="utf-8")
    m = re.search(r"It has (\d+) numbered lines, (\d+) about how\s+the work is done and (\d+) from", readme)
    assert m and tuple(map(int, m.groups())) == (len(lines), parts.count("workflow"), parts.count("tool"))
    datasheet = (bake / "data" / "datasheet.md").read_text(encoding="utf-8")
    assert f"{len(lines)} lines ({parts.count('workflow')} about the work, {parts.count('tool')} from the vendor)" \
        in datasheet
    workflow = (bake / "workflow.md").read_text(encoding="utf-8")
    assert f"Below are {len(lines)} lines" in workflow
    for line in lines:
        assert f"| **{line['line_id']}** |" in workflow
    page = (bake / "reports" / "safety-checklist.html").read_text(encoding="utf-8")
    assert f"{len(lines)} lines; some describe unsafe practice" in page


def test_every_planted_risk_shows_in_what_the_user_reads_and_not_its_label(bake: Path) -> None:
    key = _rows(bake / "data" / "answer_key" / "planted_risks.csv")
    workflow = (bake / "workflow.md").read_text(encoding="utf-8")
    lines = {r["line_id"]: r["text"] for r in _rows(bake / "data" / "workflow.csv")}
    for risk in key:
        assert " ".join(lines[risk["line_id"]].split()).replace("|", "\\|") in workflow
        assert risk["risk_id"] not in workflow and risk["risk"] not in workflow


def test_check_reports_only_unfinished_work(bake: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "scaffolder.cli", "check", str(bake)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fill.unfilled" in result.stdout and " 0 error(s)" in result.stdout
    by_kind = re.search(r"By kind: (.*)", result.stdout)
    assert by_kind and re.fullmatch(r"fill\.unanswered \d+, fill\.unfilled \d+|fill\.unfilled \d+",
                                    by_kind.group(1).strip()), by_kind


def _build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build.py", *args], cwd=project, capture_output=True, text=True,
                          check=False)


def test_bad_input_is_one_sentence(tmp_path: Path) -> None:
    project = new_project(KIND, tmp_path, seed="42").path
    answer = project / "my-work" / "assessment.yaml"
    original = answer.read_text(encoding="utf-8")
    cases = {
        original.replace('finding: ""', "finding: probably", 1): "finding is 'probably'",
        original.replace("SC-03:", "SC-77:", 1): "SC-77 is not an item of the checklist",
        original.replace("    note: \"\"", "  note: [", 1): "not valid YAML",
        "": "is empty",
        original.replace("evidence: []", "evidence: [Z1]", 1): "evidence is a list of line ids",
    }
    for text, expected in cases.items():
        answer.write_text(text, encoding="utf-8")
        before = (project / "workflow.md").read_bytes()
        result = _build(project)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert expected in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert (project / "workflow.md").read_bytes() == before


def test_a_full_answer_is_compared_with_the_key(tmp_path: Path) -> None:
    import yaml

    project = new_project(KIND, tmp_path, seed="977").path
    key = _rows(project / "data" / "answer_key" / "planted_risks.csv")
    answer = yaml.safe_load((project / "my-work" / "assessment.yaml").read_text(encoding="utf-8"))
    for risk in key[:-1]:  # leave the last one uncaught
        item = answer["items"][risk["items"].split(";")[0]]
        item["finding"], item["evidence"] = "gap", [*item["evidence"], risk["line_id"]]
    (project / "my-work" / "assessment.yaml").write_text(yaml.safe_dump(answer), encoding="utf-8")
    assert _build(project).returncode == 0
    result = _build(project, "--key")
    assert result.returncode == 0, result.stderr
    assert f"{len(key) - 1} of {len(key)} planted risks caught" in result.stdout
    page = (project / "reports" / "safety-checklist.html").read_text(encoding="utf-8")
    assert f"{len({r['items'].split(';')[0] for r in key[:-1]})} of 12 items answered" in page


def test_same_answers_same_bytes(tmp_path: Path) -> None:
    a = new_project(KIND, tmp_path / "a", seed="7").path
    b = new_project(KIND, tmp_path / "b", seed="7").path
    for path in sorted(p for p in a.rglob("*") if p.is_file() and ".prooflane" not in p.parts):
        assert path.read_bytes() == (b / path.relative_to(a)).read_bytes(), path
