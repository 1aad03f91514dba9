"""The product-brief kind: personas, interview snippets and the baseline time study, and the worked figures."""

from __future__ import annotations

import importlib.util
import re
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from synthetic import interviews, personas, pools, time_study
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text, to_json_text
from tests.conftest import PYTHON, run_env

PRODUCT_BRIEF = ("personas", "interview-snippets", "time-study")
SEEDS = (1, 42, 977)


@pytest.mark.parametrize("dataset", PRODUCT_BRIEF)
def test_registered_for_the_kind_deterministic_and_seed_sensitive(dataset: str) -> None:
    spec = DATASETS[dataset]
    assert spec.kind == "product-brief"
    assert spec.summary
    assert to_csv_text(spec.generate(seed=42)) == to_csv_text(spec.generate(seed=42))
    assert to_csv_text(spec.generate(seed=42)) != to_csv_text(spec.generate(seed=43))


def test_byte_identical_in_another_process() -> None:
    code = (
        "from synthetic.registry import DATASETS; from synthetic.writers import to_csv_text;"
        "import hashlib; print(hashlib.sha256(''.join(to_csv_text(DATASETS[d].generate(seed=9))"
        " for d in ('personas', 'interview-snippets', 'time-study')).encode()).hexdigest())"
    )
    env = run_env() | {"PYTHONHASHSEED": "123"}
    other = subprocess.run([PYTHON, "-c", code], env=env, check=True, capture_output=True, text=True).stdout.strip()
    import hashlib

    here = hashlib.sha256(
        "".join(to_csv_text(DATASETS[d].generate(seed=9)) for d in PRODUCT_BRIEF).encode()
    ).hexdigest()
    assert other == here


def test_sizes_follow_rows() -> None:
    assert len(DATASETS["personas"].generate(seed=1)) == 8
    assert len(DATASETS["interview-snippets"].generate(seed=1)) == len(interviews.QUOTES) == 40
    assert len(DATASETS["time-study"].generate(seed=1)) == 480
    for dataset, rows in (("personas", 3), ("personas", 20), ("interview-snippets", 7), ("interview-snippets", 95),
                          ("time-study", 1), ("time-study", 1234)):
        assert len(DATASETS[dataset].generate(seed=1, rows=rows)) == rows
    ids = DATASETS["interview-snippets"].generate(seed=1, rows=95).column("snippet_id")
    assert len(set(ids)) == 95


def test_large_tables_are_fast() -> None:
    import time

    for dataset in PRODUCT_BRIEF:
        start = time.perf_counter()
        DATASETS[dataset].generate(seed=3, rows=5000)
        assert time.perf_counter() - start < 0.5, dataset


@pytest.mark.parametrize("seed", SEEDS)
def test_personas_are_fictional_and_complete(seed: int) -> None:
    rows = personas.generate(seed).records()
    assert [r["persona_id"] for r in rows] == [a.persona_id for a in personas.ARCHETYPES]
    assert len({r["name"] for r in rows}) == len(rows)
    assert all(r["name"].split(" ", 1)[1] in pools.SURNAMES for r in rows)
    assert {r["organisation"] for r in rows} == {personas.organisation(seed)} <= set(pools.CLINIC_NAMES)
    assert all(r["tech_comfort"] in personas.TECH_COMFORT for r in rows)
    for r in rows:
        assert r["quote"] in interviews.quotes_for(r["persona_id"])
        assert all(r[c] for c in personas.COLUMNS), r["persona_id"]


def test_snippets_are_tagged_and_reference_personas() -> None:
    rows = interviews.generate(42).records()
    assert {r["persona_id"] for r in rows} == {a.persona_id for a in personas.ARCHETYPES}
    assert {r["theme"] for r in rows} == set(interviews.THEMES)
    assert {r["stance"] for r in rows} <= set(interviews.STANCES)
    assert sorted(r["quote"] for r in rows) == sorted(q for *_, q in interviews.QUOTES)
    counts = Counter(r["theme"] for r in rows)
    assert counts.most_common(1) == [("message_volume", 9)]
    assert counts["symptom_safety"] == 8


def test_text_holds_no_identifiers_or_claims() -> None:
    text = to_csv_text(interviews.generate(5)) + to_json_text(personas.generate(5)) + to_csv_text(time_study.generate(5))
    assert not re.search(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|@|https?:|\b\d{3}-\d{2}-\d{4}\b", text)
    assert not re.search(r"\b(?:Mr|Mrs|Ms|Dr)\.? [A-Z]|patient [A-Z][a-z]+ [A-Z]", text)
    assert not re.search(r"\b(?:diagnoses|cures|guarantee[sd]?|replaces? (?:doctors|nurses|clinicians))\b", text, re.I)
    ids = time_study.generate(5).records()
    assert all(re.fullmatch(r"FAKE-TASK-\d{5}", r["task_id"]) for r in ids)
    assert all(re.fullmatch(r"FAKE-STAFF-\d{6}", r["staff_id"]) for r in ids)


@pytest.mark.parametrize("seed", SEEDS)
def test_time_study_planted_effects(seed: int) -> None:
    rows = time_study.generate(seed, rows=3000).records()
    share = Counter(r["task_type"] for r in rows)
    routine = (share["refill_status"] + share["appointment_logistics"]) / len(rows)
    assert 0.38 <= routine <= 0.46
    by_int = {n: [r for r in rows if r["interruptions"] == n] for n in range(4)}
    med = {n: statistics.median(r["minutes"] for r in group) for n, group in by_int.items()}
    assert med[1] - med[0] >= 1.0
    rework = {n: sum(r["rework"] for r in group) / len(group) for n, group in by_int.items()}
    assert 0.03 <= rework[0] <= 0.10 and rework[0] < rework[1] < rework[2]
    per_day = Counter(r["study_day"] for r in rows)
    mondays = statistics.mean(per_day[d] for d in (1, 6))
    others = statistics.mean(per_day[d] for d in per_day if d not in (1, 6))
    assert 1.2 <= mondays / others <= 1.5
    refills = [r for r in rows if r["task_type"] == "refill_status"]
    assert 0.03 <= sum(r["routed_to_nurse"] for r in refills) / len(refills) <= 0.10
    assert all(r["routed_to_nurse"] == 1 for r in rows if r["task_type"] == "symptom_message_handoff")
    assert not any(r["routed_to_nurse"] for r in rows if r["task_type"] in ("billing_question", "phone_scheduling"))
    assert [r["study_day"] for r in rows] == sorted(r["study_day"] for r in rows)


def test_facts_are_what_the_data_says() -> None:
    table = time_study.generate(42)
    facts = time_study.facts(table)
    scoped = [r for r in table.records() if r["task_type"] in time_study.DEFAULT_IN_SCOPE]
    assert facts["in_scope_tasks"] == len(scoped)
    assert facts["in_scope_median_minutes"] == round(statistics.median(r["minutes"] for r in scoped), 1)
    assert sum(r["tasks"] for r in facts["by_type"]) == facts["tasks"] == 480
    assert interviews.facts(interviews.generate(42))["themes"][0] == {
        "theme": "message_volume", "label": interviews.THEMES["message_volume"], "snippets": 9,
    }


def _load(path: Path) -> ModuleType:
    name = f"baked_build_brief_{abs(hash(str(path)))}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is created
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


@pytest.mark.parametrize("seed", ["42", "7"])
def test_baked_build_script_agrees_with_the_generators(seed: str, tmp_path: Path, baked) -> None:
    from scaffolder.api import new_project

    root = baked("product-brief") if seed == "42" else new_project("product-brief", tmp_path, seed=seed).path
    bb = _load(root / "scripts" / "build_brief.py")
    assert bb.TASK_LABELS == time_study.LABELS
    assert bb.THEME_LABELS == interviews.THEMES
    records = bb.read_csv(root / "data" / "time_study.csv")
    snippets = bb.read_csv(root / "data" / "interview_snippets.csv")
    expected = time_study.baseline(time_study.generate(int(seed)).records())
    assert bb.baseline(records, time_study.DEFAULT_IN_SCOPE) == expected
    for name in ("examples/worked-brief.md", "brief.md"):
        brief = bb.parse(root / name)
        block = bb.EVIDENCE_RE.search(brief.text).group(2)
        assert block == bb.evidence_markdown(brief, records, snippets), name
    worked = bb.parse(root / "examples" / "worked-brief.md")
    assert bb.word_count(worked) <= bb.WORD_LIMIT
    assert [h for h, _ in worked.sections] == list(bb.REQUIRED_SECTIONS)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"median {expected['in_scope_median_minutes']:.1f} min each" in readme


def test_page_size_option_reaches_the_print_css(tmp_path: Path) -> None:
    from scaffolder.api import new_project

    root = new_project("product-brief", tmp_path, extra={"page_size": "a4"}).path
    bb = _load(root / "scripts" / "build_brief.py")
    assert bb.PAGE_SIZE == "a4"
    assert "A4" in (root / "README.md").read_text(encoding="utf-8")
