"""The workflow-map kind: the workflow-events generator, the five maps, and the pre-drawn diagrams.

The template ships each map's diagrams pre-drawn (templates/maps/<workflow>/), so a fresh project shows
them before anything is run. Regenerate them after changing a map or the renderer with:

    PYTHONPATH=. .venv/bin/python tests/kinds/test_workflow_map.py --update
"""

from __future__ import annotations

import functools
import importlib
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "project_templates" / "workflow-map"
MAPS = TEMPLATE / "templates" / "maps"
PROJECT = TEMPLATE / "{{cookiecutter.project_slug}}"
DISCLAIMER_TAG = "{{ disclaimer_md }}"
SNAPSHOTS = ("workflow-map.md", "current-state.svg", "future-state.svg")

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from synthetic import workflow_events as wev  # noqa: E402
from synthetic.identifiers import FAKE_ID_RE  # noqa: E402
from synthetic.registry import DATASETS  # noqa: E402
from synthetic.workflows import WORKFLOWS  # noqa: E402
from synthetic.writers import to_csv_text  # noqa: E402


def _tools():
    """The template's own workflow_map package (plain Python, copied into projects without rendering)."""
    saved = {k: v for k, v in sys.modules.items() if k == "workflow_map" or k.startswith("workflow_map.")}
    for k in saved:
        del sys.modules[k]
    sys.path.insert(0, str(PROJECT))
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # keep the template folder clean
    try:
        model = importlib.import_module("workflow_map.model")
        render = importlib.import_module("workflow_map.render")
        measure = importlib.import_module("workflow_map.measure")
    finally:
        sys.dont_write_bytecode = writes_bytecode
        sys.path.remove(str(PROJECT))
        for k in [k for k in sys.modules if k == "workflow_map" or k.startswith("workflow_map.")]:
            del sys.modules[k]
        sys.modules.update(saved)
    return model, render, measure


def snapshot(rel: str, text: str) -> str:
    """A generated document as the template stores it: verbatim, with the disclaimer left to the template."""
    parts = text.split(DISCLAIMER_TAG)
    return "{{ disclaimer_md }}".join("{% raw %}" + p + "{% endraw %}" if p else "" for p in parts)


@functools.lru_cache(maxsize=1)
def rendered_maps() -> dict[str, dict[str, str]]:
    """What the renderer draws from each workflow's map today, disclaimer as a template tag."""
    model, render, _ = _tools()
    return {wf: render.render_all(model.load(MAPS / wf / "workflow.yaml"), DISCLAIMER_TAG) for wf in WORKFLOWS}


def update() -> None:
    """Rewrite the pre-drawn diagrams in templates/maps/ from the maps and the renderer."""
    for wf, docs in rendered_maps().items():
        for rel, text in docs.items():
            (MAPS / wf / Path(rel).name).write_text(snapshot(rel, text), encoding="utf-8", newline="\n")
            print(f"wrote {MAPS / wf / Path(rel).name}")


# ---------------------------------------------------------------- the generator


@pytest.fixture(scope="module")
def tools():
    return _tools()


@pytest.fixture(scope="module")
def maps(tools):
    model, _, _ = tools
    return {wf: model.load(MAPS / wf / "workflow.yaml") for wf in WORKFLOWS}


def _events(seed: int, workflow: str, rows: int = 600) -> list[dict]:
    return wev.generate(seed=seed, rows=rows, workflow=workflow).records()


def test_registered_with_every_workflow_as_an_option() -> None:
    spec = DATASETS["workflow-events"]
    assert spec.kind == "workflow-map" and spec.default_rows >= 500
    assert spec.options == {"workflow": tuple(WORKFLOWS)}
    assert spec.options["workflow"][0] == "appointment-reminders"
    with pytest.raises(ValueError):
        spec.generate(seed=1, rows=10, workflow="no-such-workflow")


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_same_seed_same_bytes_other_seed_other_data(workflow: str) -> None:
    first = to_csv_text(wev.generate(seed=42, rows=300, workflow=workflow))
    assert first == to_csv_text(wev.generate(seed=42, rows=300, workflow=workflow))
    assert first != to_csv_text(wev.generate(seed=43, rows=300, workflow=workflow))


def test_same_bytes_in_another_process() -> None:
    code = ("from synthetic.workflow_events import generate; from synthetic.writers import to_csv_text; "
            "import hashlib; print(hashlib.sha256(to_csv_text(generate(7, 200, workflow='referral-routing'))"
            ".encode()).hexdigest())")
    import hashlib
    here = hashlib.sha256(to_csv_text(wev.generate(7, 200, workflow="referral-routing")).encode()).hexdigest()
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO), "PYTHONHASHSEED": "123", "PATH": ""}, check=True)
    assert out.stdout.strip() == here


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_ids_columns_and_timeline(workflow: str) -> None:
    rows = _events(3, workflow, rows=500)
    cases = {r["case_id"] for r in rows}
    assert len(cases) == 500
    assert all(FAKE_ID_RE.fullmatch(c) and c.startswith("FAKE-CASE-") for c in cases)
    assert list(rows[0]) == list(wev.COLUMNS)
    assert {r["outcome"] for r in rows} <= set(wev.OUTCOMES)
    last_end: dict[str, int] = {}
    for r in rows:
        assert r["queued_min"] == last_end.get(r["case_id"], 0)
        assert r["queued_min"] <= r["started_min"] <= r["ended_min"]
        assert r["staff_min"] in (0, r["ended_min"] - r["started_min"])
        last_end[r["case_id"]] = r["ended_min"]


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_every_step_in_the_log_exists_in_the_map(workflow: str, maps) -> None:
    wmap = maps[workflow]
    logged = {(r["step_id"], r["actor"]) for r in _events(11, workflow)}
    current = set(wmap.state_steps("current"))
    for step, actor in logged:
        assert step in current, f"{workflow}: {step} is logged but not a current-state step of the map"
        assert wmap.steps[step]["actor"] == actor, f"{workflow}: {step} has actor {actor} in the log"
    assert current == {s for s, _ in logged}, f"{workflow}: a current-state step never appears in the log"


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_maps_are_sound(workflow: str, tools) -> None:
    model, _, _ = tools
    raw = model.load(MAPS / workflow / "workflow.yaml").raw
    assert model.problems(raw) == []
    assert raw["workflow"] == workflow
    text = (MAPS / workflow / "workflow.yaml").read_text(encoding="utf-8")
    assert "{{" not in text and "{%" not in text and "{#" not in text


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_quoted_numbers_hold_for_every_seed(workflow: str, tools, maps) -> None:
    """The map's evidence and baseline are planted exactly, so they match the log whatever the seed."""
    _, _, measure = tools
    for seed in (0, 42, 2024):
        metrics = measure.compute(_events(seed, workflow), maps[workflow])
        assert measure.mismatches(metrics, maps[workflow]) == [], (workflow, seed)


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_bottleneck_is_the_planted_one_for_every_seed(workflow: str, tools, maps) -> None:
    _, _, measure = tools
    found = {measure.compute(_events(seed, workflow), maps[workflow])["bottleneck"]["step"] for seed in range(4)}
    assert len(found) == 1
    bottleneck = found.pop()
    assert bottleneck in {p["step"] for p in maps[workflow].raw["friction_points"]}


def test_planted_shares_are_exact() -> None:
    for seed in (1, 99):
        rows = _events(seed, "appointment-reminders")
        by_type: dict[str, set[str]] = defaultdict(set)
        replied: set[str] = set()
        for r in rows:
            by_type[r["case_type"]].add(r["case_id"])
            if r["step_id"] == "triage_inbox":
                replied.add(r["case_id"])
        assert {t: len(ids) for t, ids in by_type.items()} == {"routine": 420, "prep_instructions": 90,
                                                                "language_support": 90}
        assert len(replied & by_type["language_support"]) == 36  # 40% of 90
        assert len(replied & by_type["routine"]) == 277  # 66% of 420


def test_step_medians_do_not_depend_on_the_seed() -> None:
    def medians(seed: int) -> dict[str, float]:
        waits: dict[str, list[int]] = defaultdict(list)
        for r in _events(seed, "patient-intake"):
            waits[r["step_id"]].append(r["started_min"] - r["queued_min"])
        return {s: statistics.median(v) for s, v in waits.items()}

    assert medians(5) == medians(6)


def test_milestone_is_exact() -> None:
    for seed in (2, 3):
        firsts: dict[str, int] = {}
        for r in _events(seed, "discharge-follow-up"):
            if r["step_id"] == "follow_up_call" and r["case_id"] not in firsts:
                firsts[r["case_id"]] = r["ended_min"]
        assert statistics.median(firsts.values()) == 34 * 60


def test_fast_enough() -> None:
    start = time.perf_counter()
    table = wev.generate(seed=1, rows=5000, workflow="referral-routing")
    assert time.perf_counter() - start < 1.0
    assert len({r[0] for r in table.rows}) == 5000


def test_facts_describe_every_workflow() -> None:
    facts = wev.facts(wev.generate(seed=1, rows=10))
    assert set(facts["workflows"]) == set(WORKFLOWS)
    assert facts["generator_version"] == wev.GENERATOR_VERSION
    for wf, count in facts["events_for_600_cases"].items():
        assert count == len(wev.generate(seed=77, rows=600, workflow=wf))


# ---------------------------------------------------------------- the template's maps and diagrams


def test_prerendered_diagrams_are_current() -> None:
    for wf, docs in rendered_maps().items():
        for rel, text in docs.items():
            stored = (MAPS / wf / Path(rel).name).read_text(encoding="utf-8")
            assert stored == snapshot(rel, text), (
                f"templates/maps/{wf}/{Path(rel).name} is stale: run tests/kinds/test_workflow_map.py --update")


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_diagrams_are_valid_svg_and_mark_ai_gates_and_escalations(workflow: str) -> None:
    docs = rendered_maps()[workflow]
    ns = "{http://www.w3.org/2000/svg}"
    for state in ("current", "future"):
        root = ET.fromstring(docs[f"docs/{state}-state.svg"])
        assert root.tag == f"{ns}svg" and root.get("viewBox")
    classes = [el.get("class") or "" for el in ET.fromstring(docs["docs/future-state.svg"]).iter()]
    for needed in ("step ai-assist", "step review-gate", "step escalation", "edge escalation"):
        assert needed in classes, (workflow, needed)
    md = docs["docs/workflow-map.md"]
    assert md.count("```mermaid") == 2 and DISCLAIMER_TAG in md


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_readme_example_quotes_the_baseline(workflow: str, tools, maps) -> None:
    model, _, _ = tools
    sm = maps[workflow].raw["success_metric"]
    text = (MAPS / workflow / "readme-example.md").read_text(encoding="utf-8")
    value = float(sm["baseline"])
    shown = f"{100 * value:.1f}%" if model.tolerance(str(sm["metric"])) < 0.01 else f"{value:g}"
    assert shown in text, (workflow, shown)
    assert "fill(" in text


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    else:
        print(__doc__)
