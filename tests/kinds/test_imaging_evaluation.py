"""The imaging-evaluation kind: its generators, the planted effects, and every figure the baked README and
worked example quote, recomputed from the project's own files (intervals with statsmodels) for several seeds."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.api import new_project
from synthetic import imaging_studies as im
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text
from tests.conftest import PYTHON, REPO, run_env

IDS = ("imaging-studies", "imaging-vendor-evidence", "imaging-answer-key")

sm_prop = pytest.importorskip("statsmodels.stats.proportion")
sk_metrics = pytest.importorskip("sklearn.metrics")


def test_registered_for_this_kind() -> None:
    for dataset in IDS:
        spec = DATASETS[dataset]
        assert spec.kind == "imaging-evaluation" and spec.summary


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
def test_planted_effects_for_any_seed(seed: int) -> None:
    f = im.study_facts(im.studies_table(seed, 2000))
    corvane, halvex = f["vendor"]["Corvane"]["se"], f["vendor"]["Halvex"]["se"]
    assert halvex["hi"] < corvane["lo"], "device effect: the Halvex interval sits below the Corvane one"
    assert f["small"]["p"] < f["large"]["p"] - 0.2, "small findings are mostly missed"
    a, c = f["site"]["A"], f["site"]["C"]
    assert c["prevalence"] < 0.04 < 0.12 < a["prevalence"]
    assert abs(c["sp"]["p"] - a["sp"]["p"]) < 0.04, "Site C's specificity matches Site A's"
    assert c["ppv"]["p"] < a["ppv"]["p"] - 0.3 and f["ppv_at"]["0.02"] < 0.25, "PPV collapses at low prevalence"
    v = f["verification"]
    assert v["read_percent"] < 40 and v["complete_case_se"] > v["corrected_se"] + 0.05, "verification bias"
    assert 0.6 < f["kappa"] < 0.9
    # The correction moves towards the simulated truth at Site B.
    truth = {s.study_id: s for s in im.build(seed, 2000) if s.site == "B" and s.truth}
    true_se = sum(s.flag for s in truth.values()) / len(truth)
    assert abs(v["corrected_se"] - true_se) < abs(v["complete_case_se"] - true_se)


def test_no_identifiers_and_no_images() -> None:
    text = to_csv_text(DATASETS["imaging-studies"].generate(seed=5))
    assert not re.search(r"\b(19|20)\d\d-\d\d|@|\bMRN\b|\d{3}-\d{4}|\.dcm\b", text)
    assert all(sid.startswith("FAKE-IMG-") for sid in DATASETS["imaging-studies"].generate(seed=5).column("study_id"))


# --- the baked project ----------------------------------------------------------------------------

def _read(root: Path, rel: str) -> list[dict[str, str]]:
    with (root / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ci(k: int, n: int) -> str:
    lo, hi = sm_prop.proportion_confint(k, n, method="wilson")
    return f"{k / n:.2f} (95% CI {lo:.2f}-{hi:.2f})"


def _se(rows: list[dict[str, str]]) -> tuple[int, int]:
    pos = [r for r in rows if r["reference"] == "positive"]
    return sum(float(r["model_score"]) >= 0.5 for r in pos), len(pos)


def _expected(root: Path) -> dict[str, str]:
    rows = _read(root, "data/studies.csv")
    read = [r for r in rows if r["reference"] != "not read"]
    neg = [r for r in read if r["reference"] == "negative"]
    tn = sum(float(r["model_score"]) < 0.5 for r in neg)
    out = {"studies": str(len(rows)), "read": str(len(read)), "se": _ci(*_se(read)), "sp": _ci(tn, len(neg))}
    for vendor in ("Corvane", "Halvex"):
        out[vendor] = _ci(*_se([r for r in read if r["vendor"] == vendor]))
    small = [r for r in read if r["reference"] == "positive" and float(r["finding_size_mm"]) < 5]
    large = [r for r in read if r["reference"] == "positive" and float(r["finding_size_mm"]) >= 5]
    out["small"] = _ci(sum(float(r["model_score"]) >= 0.5 for r in small), len(small))
    out["large"] = _ci(sum(float(r["model_score"]) >= 0.5 for r in large), len(large))
    for site in ("A", "C"):
        members = [r for r in read if r["site"] == site]
        flagged = [r for r in members if r["model_flag"] == "flagged"]
        out[f"ppv_{site}"] = f"{sum(r['reference'] == 'positive' for r in flagged) / len(flagged):.2f}"
        out[f"prev_{site}"] = f"{sum(r['reference'] == 'positive' for r in members) / len(members):.3f}"
    se = _se(read)[0] / _se(read)[1]
    sp = tn / len(neg)
    for p in (0.02, 0.15):
        out[f"ppv_at_{p}"] = f"{se * p / (se * p + (1 - sp) * (1 - p)):.2f}"
    b = [r for r in rows if r["site"] == "B"]
    unflagged = [r for r in b if r["model_flag"] != "flagged"]
    out["b_read"] = str(sum(r["reference"] != "not read" for r in unflagged))
    out["b_unflagged"] = str(len(unflagged))
    k, n = _se([r for r in b if r["reference"] != "not read"])
    out["b_cc"] = f"{k / n:.2f}"
    a = [r["reader_1"] == "positive" for r in read]
    c = [r["reader_2"] == "positive" for r in read]
    out["kappa"] = f"{sk_metrics.cohen_kappa_score(a, c):.2f}"
    out["disagree"] = str(sum(x != y for x, y in zip(a, c)))
    return out


PATTERNS = {
    "read": r"\*\*Pooled\*\*: (\d+) of",
    "studies": r"\*\*Pooled\*\*: \d+ of (\d+) studies",
    "se": r"sensitivity (\S+ \(95% CI \S+\)),\s+specificity",
    "sp": r"specificity (\S+ \(95% CI \S+\)) \(Wilson\)",
    "Corvane": r"on Corvane scanners (\S+ \(95% CI \S+\))",
    "Halvex": r"on Halvex scanners (\S+ \(95% CI \S+\))",
    "small": r"under 5 mm, sensitivity is (\S+ \(95% CI \S+\))",
    "large": r"against (\S+ \(95% CI \S+\)) for\s+findings of 5 mm",
    "ppv_A": r"observed PPV is ([\d.]+) at Site A",
    "prev_A": r"at Site A\s+\(prevalence ([\d.]+)\)",
    "ppv_C": r"\) and ([\d.]+)\s+at Site C",
    "prev_C": r"screening site \(prevalence ([\d.]+)\)",
    "ppv_at_0.02": r"PPV at a prevalence of 0.02 is ([\d.]+)",
    "ppv_at_0.15": r"against\s+([\d.]+) at 0.15\.",
    "b_read": r"at Site B only (\d+) of",
    "b_unflagged": r"at Site B only \d+ of (\d+) unflagged",
    "b_cc": r"read studies gives sensitivity\s+([\d.]+);",
    "kappa": r"the two readers' kappa is ([\d.]+)",
    "disagree": r"with (\d+) disagreements",
}


@pytest.fixture(scope="module", params=["1", "42", "977", "derived"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"im-{request.param}")
    if request.param == "derived":
        root = new_project("imaging-evaluation", out, name="Worklist Flag Validation", author="Ines Varrow").path
    else:
        root = new_project("imaging-evaluation", out, seed=request.param).path
    result = subprocess.run([PYTHON, "scripts/evaluate.py"], cwd=root, capture_output=True, text=True, env=run_env())
    assert result.returncode == 0, result.stderr
    return root


def test_every_readme_figure_matches_the_data(seeded: Path) -> None:
    readme = " ".join(seeded.joinpath("README.md").read_text(encoding="utf-8").split())
    expected = _expected(seeded)
    for name, pattern in PATTERNS.items():
        found = re.search(pattern, readme)
        assert found, f"{name}: pattern not in README"
        assert found.group(1) == expected[name], (name, found.group(1), expected[name])


def test_worked_example_matches_the_projects_own_report(seeded: Path) -> None:
    text = " ".join(seeded.joinpath("review/worked-example.md").read_text(encoding="utf-8").split())
    metrics = json.loads((seeded / "reports" / "metrics.json").read_text(encoding="utf-8"))
    rules = metrics["acceptance"]["A"]
    assert f"| Reference-positive studies (at least 50) | {rules[0]['value']} |" in text
    assert f"| Sensitivity, lower interval bound (0.80) | {rules[1]['value']:.2f} (estimate" in text
    assert f"| Specificity, lower interval bound (0.85) | {rules[2]['value']:.2f} (estimate" in text
    assert f"| PPV at Site A's prevalence, pooled Se and Sp (0.30) | {rules[3]['value']:.2f} |" in text
    assert f"| Reference readers' kappa (0.60) | {rules[5]['value']:.2f} |" in text
    worst = re.search(r"lower bound \(([^)]*)\)$", rules[4]["rule"])
    assert worst and f"{rules[4]['value']:.2f} ({worst.group(1)}," in text
    failed = sum(not r["met"] for r in rules)
    if failed:
        assert f"does not meet {failed} of the plan's 6 rules" in text
    else:
        assert "meets every rule of the plan" in text


def test_checklist_quotes_the_two_by_two(seeded: Path) -> None:
    text = seeded.joinpath("review/stard-claim-checklist.md").read_text(encoding="utf-8")
    o = json.loads((seeded / "reports" / "metrics.json").read_text(encoding="utf-8"))["overall"]
    assert (f"{o['tp']} true positives, {o['fp']} false positives, {o['fn']} false negatives, "
            f"{o['tn']} true negatives") in text
    assert "Worked example, written by prooflane" in text


@pytest.mark.parametrize(("args", "word"), [
    (["--prevalence", "0"], "prevalence"), (["--prevalence", "1"], "prevalence"),
    (["--threshold", "1.5"], "threshold"), (["--threshold", "-0.1"], "threshold"),
    (["--subgroup", "lesion_colour"], "lesion_colour"),
])
def test_bad_input_is_one_sentence(seeded: Path, args: list[str], word: str) -> None:
    result = subprocess.run([PYTHON, "scripts/evaluate.py", *args], cwd=seeded, capture_output=True, text=True, env=run_env())
    assert result.returncode == 2
    err = result.stderr.strip()
    assert word in err and len(err.splitlines()) == 1 and "Traceback" not in err and err.endswith(".")


def test_fresh_bake_counts_the_decision_as_unanswered(seeded: Path) -> None:
    from scaffolder.status import project_status

    status = project_status(seeded)
    assert sorted(u.what for u in status.unanswered) == sorted(
        ["decision on the vendor's evidence", "reasons for the decision", "conditions of use", "residual-risk statement"])


def test_the_projects_own_tests_pass_for_this_seed(seeded: Path) -> None:
    result = subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=seeded,
                            capture_output=True, text=True, env=run_env())
    assert result.returncode == 0, result.stdout[-2000:]


def test_check_stays_quiet_after_the_report_is_built(seeded: Path) -> None:
    """CI builds the report before `prooflane check .`, so the built report must not read as a claim or PHI."""
    from scaffolder.check import check_paths

    report = check_paths([seeded])
    assert [f"{f.path}:{f.line} {f.category}" for f in report.findings if not f.category.startswith("fill.")] == []
