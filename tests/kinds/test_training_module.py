"""The training-module kind: its datasets, their planted effects, and every figure the template quotes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from scaffolder.api import new_project
from synthetic import pools, training
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, run_env

DATASETS_OF_KIND = ("training-learners", "training-responses", "training-audit", "training-audit-key", "training-planted")
SEEDS = (1, 42, 977)
TEMPLATE = Path(__file__).resolve().parents[2] / "project_templates" / "training-module" / "{{cookiecutter.project_slug}}"


@pytest.mark.parametrize("dataset", DATASETS_OF_KIND)
def test_registered_for_the_kind_and_deterministic(dataset: str) -> None:
    spec = DATASETS[dataset]
    assert spec.kind == "training-module"
    assert to_csv_text(spec.generate(seed=42)) == to_csv_text(spec.generate(seed=42))
    if dataset != "training-planted":
        assert to_csv_text(spec.generate(seed=42)) != to_csv_text(spec.generate(seed=43))


def test_sizes_follow_the_number_of_learners() -> None:
    assert len(DATASETS["training-learners"].generate(seed=1, rows=17)) == 17
    assert len(DATASETS["training-responses"].generate(seed=1, rows=17)) == 17 * 2 * len(training.ITEMS)
    assert len(DATASETS["training-audit"].generate(seed=1, rows=17)) == 17 * training.AUDIT_PROMPTS_PER_LEARNER
    learners = DATASETS["training-learners"].generate(seed=1).records()
    assert {r: sum(1 for x in learners if x["role"] == r) for r, _ in training.ROLE_MIX} == dict(training.ROLE_MIX)


def test_identifiers_in_the_audit_come_from_reserved_fictional_ranges() -> None:
    for seed in SEEDS:
        for row in DATASETS["training-audit"].generate(seed=seed).records():
            assert re.fullmatch(r"FAKE-AUD-\d{4}", row["audit_id"]) and re.fullmatch(r"FAKE-LRN-\d{4}", row["learner_id"])
            for number in re.findall(r"\b\d{3}-\d{3}-\d{4}\b", row["prompt"]):
                assert number[4:10] == "555-01", number
            for mrn in re.findall(r"(?<!FAKE-)\bMRN\S*", row["prompt"]):
                pytest.fail(f"a record number outside the FAKE- range: {mrn}")
            for first, last in re.findall(r"(?:patient|for) ([A-Z][a-z]+) ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)", row["prompt"]):
                assert first in pools.FIRST_NAMES and last in pools.SURNAMES


@pytest.mark.parametrize("seed", range(25))
def test_planted_effects_are_recovered(seed: int) -> None:
    rows = training.responses(seed, 40)
    post = training.item_stats(training.scores(rows, training.KEYED, "post"))
    pre = training.item_stats(training.scores(rows, training.KEYED, "pre"))
    # 1. The mis-keyed item correlates negatively with the rest, and turns positive under the right key.
    assert post[training.MISKEYED_ITEM]["rpb"] < 0
    fixed = training.item_stats(training.scores(rows, training.CORRECT, "post"))
    assert fixed[training.MISKEYED_ITEM]["rpb"] > 0.2
    # 2. Nobody chooses the dead distractor, before or after.
    item, option = training.DEAD_DISTRACTOR
    assert not any(r[2] == item and r[3] == option for r in rows)
    # 3. The easy item stays near the ceiling at both times.
    assert pre[training.EASY_ITEM]["p"] >= 0.9 and post[training.EASY_ITEM]["p"] >= 0.9
    # 4. Knowledge and behaviour diverge: most know the PHI rule, about 12% of prompts still break it.
    assert post[training.PHI_ITEM]["p"] >= 0.85
    key = DATASETS["training-audit-key"].load().facts(DATASETS["training-audit-key"].generate(seed=seed))
    assert key["with_identifier"] == round(training.AUDIT_IDENTIFIER_SHARE * key["prompts"])


def test_statistics_match_numpy() -> None:
    np = pytest.importorskip("numpy")
    rows = training.responses(7, 40)
    matrix = training.scores(rows, training.KEYED, "post")
    x = np.array([[matrix[lr][it] for it in training.ITEMS] for lr in sorted(matrix)], dtype=float)
    k = x.shape[1]
    alpha = k / (k - 1) * (1 - x.var(axis=0).sum() / x.sum(axis=1).var())
    assert training.kr20(matrix) == pytest.approx(alpha, abs=1e-12)
    stats = training.item_stats(matrix)
    for j, item in enumerate(training.ITEMS):
        rest = x.sum(axis=1) - x[:, j]
        if x[:, j].std() > 0:
            assert stats[item]["rpb"] == pytest.approx(np.corrcoef(x[:, j], rest)[0, 1], abs=1e-12)


def test_the_shipped_quiz_key_is_the_generators_key() -> None:
    quiz = yaml.safe_load((TEMPLATE / "quiz" / "quiz.yaml").read_text(encoding="utf-8"))
    assert [i["id"] for i in quiz["items"]] == list(training.ITEMS)
    assert {i["id"]: i["key"] for i in quiz["items"]} == training.KEYED
    assert training.KEYED[training.MISKEYED_ITEM] != training.CORRECT[training.MISKEYED_ITEM]
    assert all(training.CORRECT[i["id"]] in i["options"] for i in quiz["items"])


def _analysis(project: Path) -> dict:
    code = ("import json, sys; sys.path.insert(0, 'scripts'); import inputs, report; a = report.analyse(inputs.load()); "
            "print(json.dumps({k: a[k] for k in ('audit', 'reaction', 'roles')} | "
            "{ph: {'mean': a[ph]['mean'], 'kr20': a[ph]['kr20'], 'stats': a[ph]['stats'], 'n': a[ph]['n']} for ph in ('pre', 'post')}))")
    done = subprocess.run([PYTHON, "-c", code], cwd=project, capture_output=True, text=True, env=run_env(), check=True)
    return json.loads(done.stdout)


def _n2(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.2f}"


@pytest.fixture(scope="module", params=[*SEEDS, None], ids=lambda s: f"seed-{s}" if s else "derived-seed")
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("training")
    seed = None if request.param is None else str(request.param)
    return new_project("training-module", out, seed=seed, extra={"author": "Rowan Example"}).path


def test_every_quoted_figure_matches_the_data(project: Path) -> None:
    a = _analysis(project)
    readme = (project / "README.md").read_text(encoding="utf-8")
    plan = (project / "evaluation" / "plan.md").read_text(encoding="utf-8")
    worked = (project / "review" / "worked-example.md").read_text(encoding="utf-8")
    datasheet = (project / "data" / "datasheet.md").read_text(encoding="utf-8")
    pre, post, au, r = a["pre"], a["post"], a["audit"], a["reaction"]
    text = " ".join(readme.split())
    assert f"Mean quiz score {pre['mean']:.1f} of 15 before the module and {post['mean']:.1f}" in text
    assert f"(gain {post['mean'] - pre['mean']:.1f} items)" in text
    assert f"KR-20 {pre['kr20']:.2f} before, {post['kr20']:.2f} after" in text
    negative = [i for i, s in post["stats"].items() if s["rpb"] is not None and s["rpb"] < 0]
    assert f"{len(negative)} item{'s' if len(negative) != 1 else ''} of 15" in text
    assert f"mean relevance {r['relevance']:.2f} of 5 ({r['relevance_top2']:.0f}% rated 4 or 5)" in text
    assert f"{au['phi_post_pct']:.0f}% answer the PHI item correctly" in text
    assert f"{au['flagged']} of {au['prompts']} audited prompts ({au['pct']:.0f}%) carry an identifier, {au['public']} of them" in text
    assert f"from {a['post']['n']} fictional learners" not in text  # the README speaks of "to N fictional learners"
    assert f"to {a['post']['n']} fictional learners" in text
    p = " ".join(plan.split())
    assert f"mean {pre['mean']:.1f} then {post['mean']:.1f}, KR-20 {post['kr20']:.2f} after" in p
    assert f"{au['flagged']} ({au['pct']:.0f}%) carry an identifier" in p
    assert f"{au['phi_post_pct']:.0f}% answer the PHI item ({au['phi_item']})" in p
    assert f"from {au['learners']} learners" in p
    w = " ".join(worked.split())
    easy = training.EASY_ITEM
    assert f"Before the module p = {_n2(pre['stats'][easy]['p'])}; after it p = {_n2(post['stats'][easy]['p'])}" in w
    assert f"point-biserial after it is {_n2(post['stats'][easy]['rpb'])}" in w
    best = max((i for i, s in post["stats"].items() if s["rpb"] is not None), key=lambda i: post["stats"][i]["rpb"])
    s = post["stats"][best]
    assert f"Item {best}: the item that separates learners best" in w
    assert f"p = {_n2(s['p'])}, r = {_n2(s['rpb'])}, D = {_n2(s['d'])}" in w
    assert f"KR-20 is {pre['kr20']:.2f} before the module and {post['kr20']:.2f} after it" in w
    assert f"identifiers in {au['flagged']} of {au['prompts']} prompts ({au['pct']:.0f}%)" in " ".join(datasheet.split())
    assert au["recall"] == 1.0 and au["false_alarms"] == 0


def test_report_builds_and_flags_both_planted_flaws(project: Path) -> None:
    done = subprocess.run([PYTHON, "scripts/report.py"], cwd=project, capture_output=True, text=True, env=run_env())
    assert done.returncode == 0, done.stderr
    md = (project / "reports" / "report.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if line.startswith(f"| {training.MISKEYED_ITEM} |"))
    assert "negative: check the key" in row
    row = next(line for line in md.splitlines() if line.startswith(f"| {training.DEAD_DISTRACTOR[0]} |"))
    assert f"distractor {training.DEAD_DISTRACTOR[1]} chosen by nobody" in row
    assert "Rowan Example" in md


def test_bad_quiz_key_is_one_sentence_from_the_command_line(tmp_path: Path) -> None:
    project = new_project("training-module", tmp_path, seed="5").path
    quiz = project / "quiz" / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("    key: D\n", "    key: Z\n", 1), encoding="utf-8")
    done = subprocess.run([PYTHON, "scripts/report.py"], cwd=project, capture_output=True, text=True, env=run_env())
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "'Z', which is not one of its options" in done.stderr
    assert not (project / "reports").exists()
