"""The biomedical-analysis kind: the generator's planted effects, the analysis recovering them, and every figure the
baked README and worked example quote, recomputed from the project's own files for several seeds."""

from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.api import new_project
from synthetic import expression as ex
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, REPO, run_env

np = pytest.importorskip("numpy")
stats = pytest.importorskip("scipy.stats")
sklearn_metrics = pytest.importorskip("sklearn.metrics")
pytest.importorskip("matplotlib")

IDS = ("expression-counts", "expression-samples", "expression-sample-key", "expression-gene-key")
SEEDS = ("1", "42", "977")


def test_registered_for_this_kind() -> None:
    for dataset in IDS:
        spec = DATASETS[dataset]
        assert spec.kind == "biomedical-analysis" and spec.summary


@pytest.mark.parametrize("dataset", IDS)
def test_same_seed_same_bytes_other_seed_other_data(dataset: str) -> None:
    spec = DATASETS[dataset]
    assert to_csv_text(spec.generate(seed=42)) == to_csv_text(spec.generate(seed=42))
    assert to_csv_text(spec.generate(seed=7)) != to_csv_text(spec.generate(seed=42))


def test_same_bytes_in_another_process() -> None:
    code = ("from synthetic.registry import DATASETS; from synthetic.writers import to_csv_text; import hashlib; "
            f"print(hashlib.sha256(''.join(to_csv_text(DATASETS[d].generate(seed=11)) for d in {IDS!r}).encode()).hexdigest())")
    outputs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": h, "PATH": ""}).stdout for h in ("1", "2")}
    assert len(outputs) == 1


def test_gene_ids_are_fictional_and_the_size_is_bounded() -> None:
    table = ex.counts_table(5)
    assert len(table.rows) == 2000 and len(table.columns) == 97
    assert all(re.fullmatch(r"GENE\d{4}", row[0]) for row in table.rows)
    with pytest.raises(ValueError, match="10 to 20000"):
        ex.build(5, 5)


@pytest.mark.parametrize("seed", [0, 1, 42, 977, 2**32 - 1])
def test_planted_design_for_any_seed(seed: int) -> None:
    st = ex.build(seed)
    for b, treated in ex.TREATED_PER_BATCH.items():
        assert sum(1 for x, c in zip(st.batch, st.condition) if x == b and c == "treated") == treated
    assert st.group.count("control-subtype") == sum(ex.SUBTYPE_PER_BATCH.values())
    assert sum(st.low_quality) == ex.LOW_QUALITY
    j = st.samples.index(st.swapped)
    assert st.recorded_sex[j] != st.expressed_sex[j] and not st.low_quality[j]
    assert sum(r != e for r, e in zip(st.recorded_sex, st.expressed_sex)) == 1
    f_row, m_row = st.counts[-2], st.counts[-1]
    assert all(m_row[i] == 0 for i, s in enumerate(st.expressed_sex) if s == "F")
    assert all(f_row[i] == 0 for i, s in enumerate(st.expressed_sex) if s == "M")
    # the depth QC of the facts flags exactly the planted low-quality samples
    facts = ex.counts_facts(ex.counts_table(seed))
    assert sorted(facts["qc_flagged"]) == sorted(s for s, q in zip(st.samples, st.low_quality) if q)


def test_negative_binomial_overdispersion() -> None:
    st = ex.build(3)
    counts = np.array(st.counts, dtype=float)
    ok = [j for j in range(96) if st.batch[j] == "B1" and st.group[j] == "control" and not st.low_quality[j]]
    x = counts[:, ok]
    background = [i for i, r in enumerate(st.gene_role) if r == "background" and x[i].mean() > 50]
    ratio = np.median(x[background].var(axis=1) / x[background].mean(axis=1))
    assert ratio > 3  # far above Poisson (1): the dispersion term is there


def _bake(tmp_path: Path, seed: str | None) -> Path:
    return new_project("biomedical-analysis", tmp_path / f"s{seed}", seed=seed).path


def _run(root: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, f"scripts/{script}"], cwd=root, capture_output=True, text=True, env=run_env(),
                          timeout=300)


def _counts(root: Path) -> tuple[list[str], list[str], np.ndarray]:
    with (root / "data" / "counts.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return [r[0] for r in rows[1:]], rows[0][1:], np.array([[int(v) for v in r[1:]] for r in rows[1:]])


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _flagged(values: np.ndarray) -> np.ndarray:
    logs = np.log1p(values.astype(float))
    return logs < np.median(logs) - 5 * stats.median_abs_deviation(logs)


@pytest.fixture(scope="module", params=[*SEEDS, None], ids=[*SEEDS, "derived"])
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _bake(tmp_path_factory.mktemp("bio"), request.param)
    done = _run(root, "report.py")
    assert done.returncode == 0, done.stderr
    return root


def test_readme_and_worked_example_figures_match_the_data(project: Path) -> None:
    _genes, samples, counts = _counts(project)
    sheet = _csv(project / "data" / "samples.csv")
    readme = (project / "README.md").read_text(encoding="utf-8")
    worked = (project / "analysis" / "worked-example.md").read_text(encoding="utf-8")
    batch = [r["batch"] for r in sheet]
    cond = [r["condition"] for r in sheet]
    table = np.array([[sum(1 for b, c in zip(batch, cond) if b == x and c == y) for y in ("control", "treated")]
                      for x in ("B1", "B2", "B3")])
    v = stats.contingency.association(table, method="cramer")
    for b, (control, treated) in zip(("B1", "B2", "B3"), table):
        assert f"{b} holds {treated} treated and\n  {control} control" in readme or \
            f"{b} holds {treated} treated and {control} control" in " ".join(readme.split())
        assert f"| {b} | {control} | {treated} | {round(100 * treated / (control + treated))}% |" in worked
    assert f"Cramer's V between batch and\n  condition is {v:.2f}" in readme or \
        f"Cramer's V between batch and condition is {v:.2f}" in " ".join(readme.split())
    assert f"**{v:.2f}**" in worked
    lib, detected = counts.sum(axis=0), (counts > 0).sum(axis=0)
    flat = " ".join(readme.split())
    assert f"median library holds {round(float(np.median(lib))):,} counts (range {lib.min():,} to {lib.max():,})" in flat
    assert f"a median of {round(float(np.median(detected))):,} genes are detected" in flat
    flagged = [s for s, a, b in zip(samples, _flagged(lib), _flagged(detected)) if a or b]
    for s in flagged:
        j = samples.index(s)
        assert f"{s} ({lib[j]:,} counts, {detected[j]} genes)" in flat
        assert f"| {s} | {lib[j]:,} | {detected[j]} |" in worked
    assert f"{len(flagged)} sample(s) lie more than" in flat


def test_planted_effects_recovered(project: Path) -> None:
    res = json.loads((project / "reports" / "results.json").read_text(encoding="utf-8"))
    key = {r["sample_id"]: r for r in _csv(project / "data" / "answer_key" / "sample_truth.csv")}
    assert sorted(res["low_quality"]) == sorted(s for s, r in key.items() if r["low_quality"] == "yes")
    assert res["sex_mismatch"] == [s for s, r in key.items() if r["label_swap"] == "yes"]
    before, after = res["before"], res["after"]
    assert before["pc1_batch"] > 0.8 and before["sil_batch"] > 0.2  # PC1 is batch before correction
    assert after["pc1_batch"] < 0.01 and after["sil_batch"] < 0.05
    # the confounding artefact: centring that ignores condition leaves batch structure inside the treated samples
    assert after["pc1_batch_within"]["treated"] > 0.5
    truth = [key[s]["true_group"] for s in res["samples"]]
    assert sklearn_metrics.adjusted_rand_score([g.split("-")[0] for g in truth], res["labels_k2"]) > 0.8
    # the hidden subtype: k = 2 merges it with the other controls; the silhouette curve picks k = 3 and finds it
    assert res["best_k"] == 3
    assert sklearn_metrics.adjusted_rand_score(truth, res["labels"]) > 0.8
    done = _run(project, "check_key.py")
    assert done.returncode == 0 and "NOT recovered" not in done.stdout, done.stdout
    removed = re.search(r"centring removed (\d+)% of it", done.stdout)
    assert removed and int(removed.group(1)) > 5  # confounding: the correction costs real signal


def test_report_figures_match_the_results(project: Path) -> None:
    res = json.loads((project / "reports" / "results.json").read_text(encoding="utf-8"))
    findings = " ".join((project / "reports" / "findings.md").read_text(encoding="utf-8").split())
    page = (project / "reports" / "report.html").read_text(encoding="utf-8")
    b, a = res["before"], res["after"]
    assert f"batch accounts for {100 * b['pc1_batch']:.0f}% of PC1" in findings
    assert f"The silhouette of the batch labels on 10 PCs is {b['sil_batch']:.2f}" in findings
    assert f"After it, batch silhouette is {a['sil_batch']:.2f} and condition silhouette {a['sil_condition']:.2f}" in findings
    within = a["pc1_batch_within"]
    assert (f"batch still accounts for {100 * within['treated']:.0f}% of PC1 among the treated samples and "
            f"{100 * within['control']:.0f}% among the controls") in findings
    for k, v in res["silhouette_by_k"].items():
        assert f"{v:.2f} (k={k})" in findings
    assert "partly confounded" in findings and "Limits of this correction" in findings
    assert page.count('src="data:image/png;base64,') == 5 and "http://" not in page and "https://" not in page
    qc = _csv(project / "reports" / "qc.csv")
    _genes, _samples, counts = _counts(project)
    assert [int(r["library_size"]) for r in qc] == counts.sum(axis=0).tolist()


def test_report_is_the_same_bytes_twice(tmp_path: Path) -> None:
    root = _bake(tmp_path, "5")
    pages = []
    for _ in range(2):
        assert _run(root, "report.py").returncode == 0
        pages.append({p.name: p.read_bytes() for p in (root / "reports").iterdir()})
    assert pages[0] == pages[1]
    again = _bake(tmp_path / "again", "5")
    for rel in ("data/counts.csv", "data/samples.csv", "README.md", "analysis/worked-example.md"):
        assert (root / rel).read_bytes() == (again / rel).read_bytes()


@pytest.mark.parametrize(("case", "expected"), [
    ("zero-sample", "has no counts at all"),
    ("malformed", "is not a count"),
    ("ragged", "values for 97 columns"),
    ("zero-gene", None),
])
def test_bad_matrix_one_sentence(case: str, expected: str | None, tmp_path: Path) -> None:
    root = _bake(tmp_path, "42")
    path = root / "data" / "counts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    if case == "zero-sample":
        lines = [lines[0]] + [",".join([*line.split(",")[:5], "0", *line.split(",")[6:]]) for line in lines[1:]]
    elif case == "malformed":
        lines[10] = lines[10].replace(",", ",x", 1)
    elif case == "ragged":
        lines[10] = lines[10].rsplit(",", 1)[0]
    else:
        lines[10] = ",".join([lines[10].split(",")[0], *["0"] * 96])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run(root, "report.py")
    if expected is None:
        gene = lines[10].split(",")[0]
        assert done.returncode == 0, done.stderr
        assert gene in (root / "reports" / "findings.md").read_text(encoding="utf-8")
        return
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and expected in done.stderr, done.stderr
    assert not (root / "reports").exists()


def test_no_real_gene_symbols_presented_as_findings(project: Path) -> None:
    text = " ".join(p.read_text(encoding="utf-8") for p in [project / "README.md", project / "reports" / "findings.md",
                                                             project / "analysis" / "worked-example.md"])
    text = " ".join(text.split())
    for symbol in ("XIST", "RPS4Y1", "TP53", "BRCA1", "GAPDH", "CD3E"):
        assert symbol not in text
    assert "educational" in text.lower() and "not diagnostic" in text


def test_math_of_the_generator_facts() -> None:
    assert math.isclose(ex.cramers_v(["a", "a", "b", "b"], ["x", "y", "x", "y"]), 0.0)
    assert math.isclose(ex.cramers_v(["a", "a", "b", "b"], ["x", "x", "y", "y"]), 1.0)

