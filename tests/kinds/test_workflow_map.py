"""The workflow-map kind: the workflow-events generator, the five maps, and baked projects.

Each map (templates/maps/<workflow>/workflow.yaml) is a template: the figures it quotes come from
``dataset_facts`` for the project's seed, and the project's post-generation hook draws the diagrams
from it, so nothing here is pre-drawn. The tests render the maps for several seeds and check every
quoted figure against the project's own measure.py.
"""

from __future__ import annotations

import importlib
import itertools
import json
import re
import statistics
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import jinja2
import pytest

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "project_templates" / "workflow-map"
MAPS = TEMPLATE / "templates" / "maps"
PROJECT = TEMPLATE / "{{cookiecutter.project_slug}}"
SEEDS = (1, 42, 977)

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from scaffolder.api import new_project  # noqa: E402
from scaffolder.jinja_ext import ProoflaneExtension  # noqa: E402
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


def render_template(rel: str, workflow: str, seed: int, metrics: dict | None = None) -> str:
    """A template under templates/ rendered as a bake would, optionally with figures from ``metrics``.

    With ``metrics`` (the project's own measure.py output), ``dataset_facts(...).metrics[workflow]`` is
    replaced by it, so comparing the result with a bake checks every figure against the log.
    """
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE / "templates")),
                             extensions=[ProoflaneExtension], keep_trailing_newline=True)
    if metrics is not None:
        real = env.globals["dataset_facts"]
        env.globals["dataset_facts"] = lambda *a, **k: {**real(*a, **k), "metrics": {workflow: metrics}}
    return env.get_template(rel).render(cookiecutter={"workflow": workflow, "seed": seed})


def load_map(tools, workflow: str, seed: int, folder: Path):
    """The workflow's map as a project with ``seed`` gets it, loaded and checked by the template's model."""
    model, _, _ = tools
    target = folder / f"{workflow}-{seed}.yaml"
    target.write_text(render_template(f"maps/{workflow}/workflow.yaml", workflow, seed), encoding="utf-8")
    return model.load(target)


# ---------------------------------------------------------------- the generator


@pytest.fixture(scope="module")
def tools():
    return _tools()


@pytest.fixture(scope="module")
def maps(tools, tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    return {wf: load_map(tools, wf, 42, folder) for wf in WORKFLOWS}


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
    assert list(rows[0]) == list(wev.columns(workflow))
    assert {r["outcome"] for r in rows} <= set(wev.OUTCOMES)
    last_end: dict[str, int] = {}
    for r in rows:
        before = last_end.get(r["case_id"], 0)
        assert r["queued_min"] == before or r["queued_min"] == r.get("appointment_min"), r
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
def test_maps_are_sound(workflow: str, tools, maps) -> None:
    model, _, _ = tools
    raw = maps[workflow].raw
    assert model.problems(raw) == []
    assert raw["workflow"] == workflow
    text = render_template(f"maps/{workflow}/workflow.yaml", workflow, 42)
    assert "{{" not in text and "{%" not in text and "{#" not in text


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_quoted_numbers_match_the_log_for_every_seed(workflow: str, tools, tmp_path) -> None:
    """The map's evidence, baseline and guardrail baselines are computed for the seed, and match its log."""
    _, _, measure = tools
    for seed in SEEDS:
        wmap = load_map(tools, workflow, seed, tmp_path)
        metrics = measure.compute(_events(seed, workflow), wmap)
        assert measure.mismatches(metrics, wmap) == [], (workflow, seed)


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_largest_delay_is_a_named_friction_point_for_every_seed(workflow: str, tools, maps) -> None:
    _, _, measure = tools
    found = {measure.compute(_events(seed, workflow), maps[workflow])["largest_delay"]["step"] for seed in range(4)}
    assert len(found) == 1
    assert found.pop() in {p["step"] for p in maps[workflow].raw["friction_points"]}


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


def test_generates_the_rows_asked_for() -> None:
    table = wev.generate(seed=1, rows=5000, workflow="referral-routing")
    assert len({r[0] for r in table.rows}) == 5000


def test_facts_describe_every_workflow() -> None:
    facts = wev.facts(wev.generate(seed=1, rows=10))
    assert set(facts["workflows"]) == set(WORKFLOWS)
    assert facts["generator_version"] == wev.GENERATOR_VERSION
    for wf, count in facts["events_for_600_cases"].items():
        assert count == len(wev.generate(seed=1, rows=600, workflow=wf))
    assert facts["seed"] == 1 and facts["metrics"]["referral-routing"]["cases"] == 600


# ---------------------------------------------------------------- the appointment-reminder defects


def _cases(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r["case_id"]].append(r)
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_nobody_is_called_after_their_visit(seed: int) -> None:
    """Regression: the log used to call 43% of non-repliers after their appointment and never said so."""
    rows = _events(seed, "appointment-reminders")
    assert all(isinstance(r["appointment_min"], int) for r in rows)
    calls = [r for r in rows if r["step_id"] in ("phone_follow_up", "interpreter_call", "reschedule_visit")]
    assert calls and all(r["started_min"] < r["appointment_min"] for r in calls)
    for evs in _cases(rows).values():
        assert all(r["appointment_min"] == evs[0]["appointment_min"] for r in evs)
        assert 65 * 60 <= evs[0]["appointment_min"] <= 80 * 60


@pytest.mark.parametrize("seed", SEEDS)
def test_reached_before_the_visit_and_symptom_reply_baselines_are_measured(seed: int, tools, maps) -> None:
    """The headline figures, recomputed here from the rows: non-repliers reached before the visit, and
    symptom replies a nurse started on within an hour (the guardrail's baseline)."""
    _, _, measure = tools
    rows = _events(seed, "appointment-reminders")
    metrics = measure.compute(rows, maps["appointment-reminders"])
    cases = _cases(rows)
    silent = [evs for evs in cases.values() if not any(r["step_id"] == "triage_inbox" for r in evs)]
    reached = [evs for evs in silent if any(r["step_id"] in ("phone_follow_up", "interpreter_call")
                                            and r["outcome"] != "rework" and r["ended_min"] < r["appointment_min"]
                                            for r in evs)]
    row = metrics["visit"]["without_step"]["triage_inbox"]
    assert row["cases"] == len(silent) and row["not_reached"] == len(silent) - len(reached)
    assert 0.2 < row["reached_before_visit"] < 0.7, "most non-repliers are missed before the visit today"
    waits = [nxt["started_min"] - r["queued_min"] for evs in cases.values() for r, nxt in itertools.pairwise(evs)
             if r["step_id"] == "triage_inbox" and r["outcome"] == "escalated"]
    sym = metrics["escalations"]["by_step"]["triage_inbox"]
    assert sym["cases"] == len(waits) and sym["within_1h_count"] == sum(w <= 60 for w in waits)
    assert sym["median_h"] == round(statistics.median(waits) / 60, 2)
    guard = [g for g in maps["appointment-reminders"].raw["success_metric"]["guardrails"] if isinstance(g, dict)]
    assert "escalations.by_step.triage_inbox.within_1h" in {g["metric"] for g in guard}


def test_reminder_redesign_keeps_language_access_privacy_after_hours_and_consent(maps) -> None:
    wmap = maps["appointment-reminders"]
    future = set(wmap.state_steps("future"))
    steps = wmap.steps
    assert "interpreter_call" in future, "the future state must keep interpreter calls"
    names = {s: str(steps[s]["name"]).lower() for s in future}
    assert any("safety message" in n for n in names.values()), "an after-hours safety message"
    assert any("consent" in n for n in names.values()) and any("stop" in n or "opt-out" in n for n in names.values())
    texts = [n for s, n in names.items() if steps[s]["actor"] == "reminder_system" and "reminder" in n]
    assert texts and not any("prep" in n or "sheet" in n for n in texts), "no prep sheet or visit reason in the SMS"
    summary = str(wmap.raw["future_state"]["summary"]).lower()
    assert "portal link" in summary and "attached" not in summary
    rules = {r["from"]: r for r in wmap.raw["escalation_rules"]}
    assert "after_hours_message" in rules and "safety message" in str(rules["after_hours_message"]["never"])


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_an_ai_step_with_a_path_past_every_gate_fails(workflow: str, tools, maps) -> None:
    """Regression: a shortcut arrow from an AI step to the end passed every test while checked_by looked fine."""
    model, _, _ = tools
    raw = maps[workflow].raw
    assert model.problems(raw) == []
    edges = maps[workflow].edges("future")
    ends = sorted({e.target for e in edges} - {e.source for e in edges})
    for point in raw["ai_assist_points"]:
        shortcut = {**raw, "future_state": {**raw["future_state"], "flow": [
            *raw["future_state"]["flow"], {"from": point["step"], "to": ends[0], "label": "auto-confirm"}]}}
        found = model.problems(shortcut)
        assert any(point["step"] in p and "skips every human review gate" in p for p in found), found
    # an AI step feeding an automated step that closes the case is caught too (the path, not just the arrow)
    auto = next((s for s in maps[workflow].state_steps("future") if maps[workflow].steps[s]["kind"] == "automated"),
                None)
    if auto:
        ai = raw["ai_assist_points"][0]["step"]
        detour = {**raw, "future_state": {**raw["future_state"], "flow": [
            *raw["future_state"]["flow"], {"from": ai, "to": auto}, {"from": auto, "to": ends[0]}]}}
        assert any("skips every human review gate" in p for p in model.problems(detour))


@pytest.mark.parametrize("seed", SEEDS)
def test_prior_authorisation_pend_rates_share_a_denominator(seed: int, tools, maps) -> None:
    """Regression: the medicine pend rate used all orders (including those needing no authorisation)."""
    _, _, measure = tools
    rows = _events(seed, "prior-authorisation")
    metrics = measure.compute(rows, maps["prior-authorisation"])
    for case_type in ("imaging", "medication", "procedure"):
        submitted = [evs for evs in _cases(rows).values()
                     if evs[0]["case_type"] == case_type and any(r["step_id"] == "submit_request" for r in evs)]
        pended = sum(any(r["step_id"] == "payer_review" and r["outcome"] == "rework" for r in evs) for evs in submitted)
        got = metrics["by_case_type"][case_type]["steps"]["payer_review"]
        assert got["cases"] == len(submitted) and got["rework_rate"] == round(pended / len(submitted), 4)
    quoted = {ev["metric"] for p in maps["prior-authorisation"].raw["friction_points"] for ev in p.get("evidence", [])}
    assert "by_case_type.medication.rework_rate" not in quoted
    assert "by_case_type.medication.steps.payer_review.rework_rate" in quoted


# ---------------------------------------------------------------- baked projects


def _bake(tmp_path_factory, workflow: str, seed: int | None = None, name: str | None = None) -> Path:
    out = tmp_path_factory.mktemp(f"wm-{workflow}")
    return new_project("workflow-map", out, seed=seed, name=name, extra={"workflow": workflow}).path


def _project_tools(project: Path):
    """The baked project's own workflow_map package."""
    for k in [k for k in sys.modules if k == "workflow_map" or k.startswith("workflow_map.")]:
        del sys.modules[k]
    sys.path.insert(0, str(project))
    try:
        return (importlib.import_module("workflow_map.model"), importlib.import_module("workflow_map.measure"),
                importlib.import_module("workflow_map.render"), importlib.import_module("workflow_map.project"))
    finally:
        sys.path.remove(str(project))


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def bakes(tmp_path_factory) -> dict[tuple[str, int | None], Path]:
    """Every workflow at three seeds, plus a derived seed (no --seed)."""
    out: dict[tuple[str, int | None], Path] = {}
    for wf in WORKFLOWS:
        for seed in (*SEEDS, None):
            out[(wf, seed)] = _bake(tmp_path_factory, wf, seed)
    return out


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_every_quoted_figure_matches_the_projects_own_measurement(workflow: str, bakes) -> None:
    """README worked example, workflow.yaml and docs/workflow-map.md, re-rendered with the figures the
    project's own measure.py finds in its data/events.csv, must be exactly what was baked (four seeds)."""
    seen_data = set()
    for seed in (*SEEDS, None):
        project = bakes[(workflow, seed)]
        used = json.loads((project / ".prooflane.json").read_text(encoding="utf-8"))["seed"]
        model, measure, render, facts = _project_tools(project)
        wmap = model.load(project / "workflow.yaml")
        metrics = measure.compute(measure.read_events(project / "data" / "events.csv"), wmap)
        assert measure.mismatches(metrics, wmap) == []
        example = render_template(f"maps/{workflow}/readme-example.md", workflow, used, metrics)
        assert example.strip() in (project / "README.md").read_text(encoding="utf-8"), (workflow, seed)
        assert render_template(f"maps/{workflow}/workflow.yaml", workflow, used, metrics) == \
            (project / "workflow.yaml").read_text(encoding="utf-8")
        drawn = render.render_all(wmap, facts.DISCLAIMER_MD)
        for rel, text in drawn.items():
            assert (project / rel).read_text(encoding="utf-8") == text, (workflow, seed, rel)
        seen_data.add((project / "data" / "events.csv").read_bytes())
    assert len(seen_data) == 4, "each seed gives its own data"


def _disclaimer(project: Path) -> str:
    return _project_tools(project)[3].DISCLAIMER_MD


@pytest.mark.slow
@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_every_workflow_bakes_and_its_own_tests_pass(workflow: str, bakes) -> None:
    project = bakes[(workflow, 977)]
    result = _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    metrics = _run(project, "-m", "workflow_map.measure", "--out", str(project / "reports"))
    assert metrics.returncode == 0, metrics.stderr


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_authorship_is_labelled_and_third_person(workflow: str, bakes) -> None:
    readme = (bakes[(workflow, 42)] / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("## Worked example"):readme.index("## What this project shows")]
    assert "Worked example, written by prooflane" in example.split("\n\n")[1]
    assert not re.search(r"\b(I|my|we|our|My|We|Our)\b", re.sub(r"\[FILL:[^\]]*\]", "", example)), workflow
    assert "## My work" in readme and "## Share it" in readme and "py -m venv .venv" in readme
    assert "How I describe" not in readme
    mine = readme[readme.index("## My work"):readme.index("## Share it")]
    assert mine.count("[FILL:") >= 3


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_bottleneck_is_only_used_to_say_what_the_log_cannot_show(workflow: str, bakes) -> None:
    project = bakes[(workflow, 42)]
    _run(project, "-m", "workflow_map.measure")
    for rel in ("README.md", "workflow.yaml", "docs/workflow-map.md", "reports/baseline.md"):
        text = (project / rel).read_text(encoding="utf-8").lower()
        text = re.sub(r"skills the .* role often asks for next:[^\n]*", "", text)  # the catalog's skill names
        for hit in re.finditer("bottleneck", text):
            context = text[max(0, hit.start() - 60):hit.end()]
            assert "not" in context and "capacity" in context, (rel, context)


def test_the_authors_notes_appear_in_the_rendered_map(tmp_path_factory) -> None:
    """Regression: your_notes never reached docs/ or the SVGs."""
    project = _bake(tmp_path_factory, "appointment-reminders", 5)
    path = project / "workflow.yaml"
    text = path.read_text(encoding="utf-8")
    note = "The practice manager owns the symptom-word list; reviewed every quarter with the nurse lead."
    path.write_text(re.sub(r'owner_of_each_gate: "\[FILL:[^"]*"', f'owner_of_each_gate: "{note}"', text),
                    encoding="utf-8")
    result = _run(project, "-m", "workflow_map.render")
    assert result.returncode == 0, result.stderr
    assert note in (project / "docs" / "workflow-map.md").read_text(encoding="utf-8")
    assert _run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_map.py").returncode == 0


MALFORMED = [
    # (what a person might type, replacement applied to workflow.yaml, words the one sentence must contain)
    ("direction: sideways", ("direction: higher", "direction: sideways"), ["line", "direction", "lower, higher"]),
    ("a number in quotes", ("  target: 0.8", '  target: "0.8"'), ["line", "target", "not a number", "without quotes"]),
    ("a step kind with a space", ("kind: ai_assist}", "kind: ai assist}"), ["line", "kind", "ai_assist"]),
    ("a misspelt key", ("{from: send_reminder, to: await_reply}", "{from: send_reminder, too: await_reply}"),
     ["line", "unknown key", "too"]),
    ("an id with capitals", ("{id: close_case,", "{id: Close_Case,"), ["line", "lower_snake_case"]),
    ("broken indentation", ("\nsteps:\n", "\nsteps:\n    - oops\n  -"), ["line", "not valid YAML", "indentation"]),
    ("an unquoted colon", ("title: Appointment reminders", "title: Reminders: the map"), ["line", "not valid YAML"]),
    ("a guardrail baseline without its metric",
     ("      metric: visit.closed_before_visit\n", ""), ["line", "metric", "baseline"]),
]


@pytest.mark.parametrize("what,edit,words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_edit_gets_one_sentence_and_changes_nothing(what: str, edit, words, tmp_path_factory) -> None:
    project = _bake(tmp_path_factory, "appointment-reminders", 42)
    path = project / "workflow.yaml"
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text, what
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    before = {p: p.read_bytes() for p in (project / "docs").iterdir()}
    for module in ("workflow_map.render", "workflow_map.measure"):
        result = _run(project, "-m", module)
        assert result.returncode == 1, (what, module, result.stdout)
        message = result.stderr.strip()
        assert "Traceback" not in message and message.count("\n") == 0, message
        assert message.startswith("workflow.yaml"), message
        for word in words:
            assert word in message, (what, word, message)
    assert {p: p.read_bytes() for p in (project / "docs").iterdir()} == before
    assert not (project / "reports").exists()


@pytest.mark.parametrize("damage", ["deleted", "emptied", "a bad number"])
def test_damaged_data_gets_one_sentence(damage: str, tmp_path_factory) -> None:
    project = _bake(tmp_path_factory, "referral-routing", 42)
    data = project / "data" / "events.csv"
    if damage == "deleted":
        data.unlink()
    elif damage == "emptied":
        data.write_text("", encoding="utf-8")
    else:
        lines = data.read_text(encoding="utf-8").splitlines()
        lines[3] = lines[3].replace(",done,", ",done,", 1).rsplit(",", 1)[0] + ",ten"
        data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run(project, "-m", "workflow_map.measure")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.count("\n") == 0 and "events.csv" in message and "regenerate" in message, message
    assert not (project / "reports").exists()


def test_missing_or_emptied_map_gets_one_sentence(tmp_path_factory) -> None:
    project = _bake(tmp_path_factory, "discharge-follow-up", 42)
    (project / "workflow.yaml").write_text("", encoding="utf-8")
    result = _run(project, "-m", "workflow_map.render")
    assert result.returncode == 1 and "empty" in result.stderr and "Traceback" not in result.stderr
    (project / "workflow.yaml").unlink()
    result = _run(project, "-m", "workflow_map.render")
    assert result.returncode == 1 and "missing" in result.stderr and "Traceback" not in result.stderr


def test_a_seed_given_as_text_is_refused_in_one_sentence(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "scaffolder.cli", "new", "workflow-map", "--no-input",
                             "--seed", "forty-two", "-o", str(tmp_path)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "seed" in result.stderr.lower()
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
def test_diagrams_are_valid_svg_and_mark_ai_gates_and_escalations(workflow: str, bakes) -> None:
    project = bakes[(workflow, 42)]
    ns = "{http://www.w3.org/2000/svg}"
    for state in ("current", "future"):
        root = ET.fromstring((project / "docs" / f"{state}-state.svg").read_text(encoding="utf-8"))
        assert root.tag == f"{ns}svg" and root.get("viewBox")
    classes = [el.get("class") or "" for el in
               ET.fromstring((project / "docs" / "future-state.svg").read_text(encoding="utf-8")).iter()]
    for needed in ("step ai-assist", "step review-gate", "step escalation", "edge escalation"):
        assert needed in classes, (workflow, needed)
    md = (project / "docs" / "workflow-map.md").read_text(encoding="utf-8")
    assert md.count("```mermaid") == 2 and _disclaimer(project) in md
    assert "## The author's notes" in md


def _segments(root) -> list[tuple[str, tuple[float, float], tuple[float, float]]]:
    ns = "{http://www.w3.org/2000/svg}"
    out = []
    for path in root.iter(f"{ns}path"):
        if not (path.get("class") or "").startswith("edge ") or "C" in path.get("d", ""):
            continue
        pts = [tuple(map(float, xy.split(","))) for xy in re.findall(r"-?[\d.]+,-?[\d.]+", path.get("d", ""))]
        out += [(path.get("data-edge"), a, b) for a, b in itertools.pairwise(pts)]
    return out


def _overlaps(box: tuple[float, float, float, float], a, b, inset: float = 0.0) -> bool:
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    lo_x, hi_x, lo_y, hi_y = min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1])
    return lo_x <= x1 and x0 <= hi_x and lo_y <= y1 and y0 <= hi_y


@pytest.mark.parametrize("workflow", list(WORKFLOWS))
@pytest.mark.parametrize("state", ["current", "future"])
def test_connectors_stay_off_lane_borders_and_out_of_steps_and_labels(workflow: str, state: str, bakes) -> None:
    """Regression: connectors ran along lane borders, and labels floated over crossings."""
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring((bakes[(workflow, 42)] / "docs" / f"{state}-state.svg").read_text(encoding="utf-8"))
    borders = set()
    for rect in root.find(f"{ns}g[@class='lanes']").iter(f"{ns}rect"):
        borders |= {float(rect.get("x")), float(rect.get("x")) + float(rect.get("width"))}
    segments = _segments(root)
    assert segments
    for edge, a, b in segments:
        if abs(a[0] - b[0]) < 0.5:
            assert all(abs(a[0] - x) >= 3 for x in borders), (workflow, state, edge, a, b)
    boxes = []
    for group in root.iter(f"{ns}g"):
        if (group.get("class") or "").startswith("step "):
            shape = group.find(f"{ns}rect")
            if shape is None:
                xs = [float(v) for v in re.findall(r"(-?[\d.]+),", group.find(f"{ns}polygon").get("points"))]
                ys = [float(v) for v in re.findall(r",(-?[\d.]+)", group.find(f"{ns}polygon").get("points"))]
                boxes.append((min(xs), min(ys), max(xs), max(ys)))
            else:
                x, y = float(shape.get("x")), float(shape.get("y"))
                boxes.append((x, y, x + float(shape.get("width")), y + float(shape.get("height"))))
    for edge, a, b in segments:
        assert not any(_overlaps(box, a, b, inset=3) for box in boxes), (workflow, state, "through a step", edge)
    labels = []
    for rect in root.find(f"{ns}g[@class='edge-labels']").iter(f"{ns}rect"):
        x, y = float(rect.get("x")), float(rect.get("y"))
        labels.append((rect.get("data-edge"), (x, y, x + float(rect.get("width")), y + float(rect.get("height")))))
    for k, (edge, box) in enumerate(labels):
        assert not any(_overlaps(box, (s[0], s[1]), (s[2], s[3]), inset=1) for s in boxes), (workflow, state, edge)
        assert not any(_overlaps(box, (o[0], o[1]), (o[2], o[3]), inset=1) for _, o in labels[k + 1:])
        own = [(a, b) for e, a, b in segments if e == edge]
        grown = (box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4)
        assert any(_overlaps(grown, a, b) for a, b in own), (workflow, state, "label away from its arrow", edge)


def test_a_long_label_with_no_room_on_one_line_goes_on_two_lines_clear_of_other_arrows() -> None:
    """Regression: in a crowded gap a long arrow label sat over other arrows; it now wraps to fit between them."""
    _, render, _ = _tools()
    svg = render.render_svg.__globals__
    edge = svg["Edge"](source="a", target="b", label="scheduler sees a symptom", kind="escalation")
    own = [(200.0, 0.0), (200.0, 60.0)]
    others = [((60.0, -50.0), (60.0, 300.0)), ((300.0, -50.0), (300.0, 300.0))]  # too close for one line
    out = svg["_label"](edge, own, [], 1000.0, others)
    rect = re.search(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', out)
    x, y, w, h = map(float, rect.groups())
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", out)
    assert len(lines) == 2 and " ".join(lines) == "scheduler sees a symptom"
    assert not any(svg["_crosses"]((x, y, x + w, y + h), seg) for seg in others)
    assert _overlaps((x - 4, y - 4, x + w + 4, y + h + 4), *own)  # still beside its own arrow
    single = svg["_label"](svg["Edge"](source="a", target="b", label="no", kind="normal"), own, [], 1000.0, others)
    assert "<tspan" not in single  # a short label stays on one line


def test_a_note_whose_marker_was_deleted_but_left_blank_is_still_unfinished(tmp_path_factory) -> None:
    from scaffolder.status import project_status

    project = _bake(tmp_path_factory, "patient-intake", 42)
    path = project / "workflow.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'what_i_have_seen: "\[FILL:[^"]*"', 'what_i_have_seen: ""', text), encoding="utf-8")
    status = project_status(project)
    assert any(u.path == "workflow.yaml" and "your_notes" in u.what for u in status.unanswered)
    result = _run(project, "-m", "workflow_map.render")
    assert result.returncode == 0 and "not written yet" in (project / "docs" / "workflow-map.md").read_text(
        encoding="utf-8")
