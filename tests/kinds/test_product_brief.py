"""The product-brief kind: personas, interview snippets and the baseline time study, and the worked figures."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import math
import re
import shutil
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from scaffolder.seeds import derive_seed
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
    assert len(DATASETS["interview-snippets"].generate(seed=1)) == len(interviews.QUOTES) == 60
    assert len(DATASETS["time-study"].generate(seed=1)) == 480
    for dataset, rows in (("personas", 3), ("personas", 20), ("interview-snippets", 7), ("interview-snippets", 95),
                          ("time-study", 1), ("time-study", 1234)):
        assert len(DATASETS[dataset].generate(seed=1, rows=rows)) == rows
    ids = DATASETS["interview-snippets"].generate(seed=1, rows=95).column("snippet_id")
    assert len(set(ids)) == 95


def test_large_tables_generate() -> None:
    for dataset in PRODUCT_BRIEF:  # speed is a benchmark's business, not a timed test's
        assert len(DATASETS[dataset].generate(seed=3, rows=5000)) == 5000


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
    assert counts.most_common(1) == [("message_volume", 16)]
    assert counts["symptom_safety"] == 8
    codes = set(time_study.LABELS) | {"general"}
    for r in rows:
        assert set(r["workflows"].split(";")) <= codes, r["snippet_id"]
    per = interviews.facts(interviews.generate(42))["per_workflow"]
    for workflow in ("forms_and_records", "referral_coordination", "prior_auth_follow_up"):
        assert per[workflow] >= 4, workflow


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
        "theme": "message_volume", "label": interviews.THEMES["message_volume"], "snippets": 16,
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
    assert bb.SIZING == time_study.SIZING and bb.LAUNCH == time_study.LAUNCH
    for scope in (time_study.DEFAULT_IN_SCOPE, ("prior_auth_follow_up",), ("forms_and_records", "billing_question")):
        assert bb.sizing(records, scope) == time_study.sizing(time_study.generate(int(seed)).records(), scope)
        assert bb.launch_evidence(records, scope) == time_study.launch_evidence(
            time_study.generate(int(seed)).records(), scope)
        ours = interviews.evidence(interviews.generate(int(seed)).records(), scope)
        theirs = bb.interview_evidence(snippets, scope)
        assert theirs["ids"] == ours["ids"] and theirs["personas"] == ours["personas"]
    for name in ("examples/worked-brief.md", "brief.md"):
        brief = bb.parse(root / name)
        assert bb.problems(brief) == [], name
        expected_blocks = bb.computed_blocks(brief, records, snippets)
        for m in bb.BLOCK_RE.finditer(brief.text):
            assert m.group("body") == expected_blocks[m.group("name")], (name, m.group("name"))
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


# ---------------------------------------------------------------- issue 7: figures, decisions, authorship, edits

FIGURE_SEEDS = (1, 42, 977, derive_seed("One-Page AI Product Brief", "Ana Li", "product-brief"))


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    with (root / "data" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _independent_figures(root: Path) -> dict[str, object]:
    """The worked example's figures, recomputed here from the baked CSV files (not with the project's code)."""
    tasks, snippets = _rows(root, "time_study.csv"), _rows(root, "interview_snippets.csv")
    scope = {"refill_status", "appointment_logistics"}
    days = len({r["study_day"] for r in tasks})
    scoped = [r for r in tasks if r["task_type"] in scope]
    drafted = [r for r in scoped if r["routed_to_nurse"] == "0"]
    routed = len(scoped) - len(drafted)
    saved = round(0.30 * sum(float(r["minutes"]) for r in drafted) / days)
    oversight = round((routed + 0.10 * len(drafted)) / days * 2.0 + 60 / 5)
    alternative = round(0.5 * sum(float(r["minutes"]) for r in scoped if r["repeat_contact"] == "1") / days)
    events = round(routed / days * 20)
    about = [r for r in snippets if set(r["workflows"].split(";")) & scope]
    return {
        "median": round(statistics.median(float(r["minutes"]) for r in scoped), 1),
        "task_pct": round(100 * len(scoped) / len(tasks)),
        "saved": saved, "oversight": oversight, "net": saved - oversight, "alternative": alternative,
        "alternative_first": alternative >= saved - oversight,
        "events": events, "bound": round(100 * (1 - 0.05 ** (1 / events)), 1),
        "needed": math.ceil(math.log(0.05) / math.log(0.98)),
        "about": len(about), "snippets": len(snippets),
    }


@pytest.mark.parametrize("seed", FIGURE_SEEDS)
def test_every_quoted_figure_matches_the_data_for_any_seed(seed: int, baked) -> None:
    root = baked("product-brief", seed=str(seed))
    f = _independent_figures(root)
    readme = (root / "README.md").read_text(encoding="utf-8")
    worked = (root / "examples" / "worked-brief.md").read_text(encoding="utf-8")
    assert f"median {f['median']:.1f} min each" in readme
    target = math.floor(f["median"] * (1 - 0.30) * 10) / 10
    assert f"({f['median']:.1f} → {target:.1f} min or less)" in readme
    assert f"In-scope tasks were {f['task_pct']}% of" in readme
    assert (f"Drafting saves about {f['saved']} staff minutes a day against {f['oversight']} minutes of oversight "
            f"(net {f['net']}); status notifications, with no AI, about {f['alternative']}") in readme
    assert f"missing none still allows a miss rate up to {f['bound']:g}%" in readme
    assert f"test set of at least {f['needed']}" in readme and f["needed"] == 149
    assert f"{f['about']} of {f['snippets']} interview snippets" in readme
    assert f"median **{f['median']:.1f} min** each" in worked
    assert f"drafts save about **{f['saved']} staff min a day**" in worked
    assert f"net **{f['net']} min a day**" in worked
    assert f"save about **{f['alternative']} min a day**" in worked
    assert f"bring about {f['events']}. Missing none still allows a miss rate up to **{f['bound']:g}%**" in worked
    assert f"{f['about']} of {f['snippets']} snippets" in worked
    first = "does the notifications first" if f["alternative_first"] else "pilots the drafts, with notifications"
    assert first in readme
    assert ("puts the notifications first" in worked) is f["alternative_first"]
    assert "seed 42" not in readme.replace(f"seed {seed}", "") or seed == 42
    result = subprocess.run([PYTHON, "scripts/build_brief.py", "--check", "--out", str(root / ".." / f"out{seed}")],
                            cwd=root, env=run_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_worked_decision_follows_the_data() -> None:
    decisions = {time_study.sizing(time_study.generate(s).records())["alternative_first"] for s in (42, 123)}
    assert decisions == {True, False}, "seeds 42 and 123 lead to different decisions"


def test_worked_example_is_labelled_third_person_and_author_fills_every_slot(tmp_path: Path) -> None:
    from scaffolder.api import new_project
    from scaffolder.authorship import texts

    root = new_project("product-brief", tmp_path, author="Zoë O'Brien-Nguyễn", seed="42").path
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "by Zoë O'Brien-Nguyễn. Scaffolded with prooflane" in readme and "## My work" in readme
    assert "suggestion" in readme.split("## My work", 1)[1].split("##", 1)[0]
    assert "## Share it" in readme and "py -m venv .venv" in readme
    worked = (root / "examples" / "worked-brief.md").read_text(encoding="utf-8")
    body = worked.split("<!-- /prooflane:disclaimer -->", 1)[1]
    assert body.lstrip().startswith(f"> **{texts()['example_label']}.**")
    prose = "\n".join(line for line in body.splitlines() if not line.startswith(">"))
    prose = re.sub(r'"[^"\n]*"', "", prose)
    assert not re.search(r"\b(I|my|we|our|us)\b", prose), "template-written text in the first person"
    brief = (root / "brief.md").read_text(encoding="utf-8")
    assert "By Zoë O'Brien-Nguyễn." in brief and "your name" not in brief
    bb = _load(root / "scripts" / "build_brief.py")
    assert bb.AUTHOR == "Zoë O'Brien-Nguyễn"
    out = tmp_path / "out"
    results = bb.build(briefs=(root / "brief.md", root / "examples" / "worked-brief.md"), out_dir=out, update=False)
    assert all(r.html for r in results), [r.problems for r in results]
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert "Zoë O&#x27;Brien-Nguyễn" in page or "Zoë O'Brien-Nguyễn" in page
    assert texts()["tool_line"] in page
    assert texts()["example_label"] in (out / "worked-brief.html").read_text(encoding="utf-8")


def test_built_pages_do_not_count_fill_markers_again(tmp_path: Path, baked) -> None:
    from scaffolder.check import check_paths
    from scaffolder.status import project_status

    root = tmp_path / "p"
    shutil.copytree(baked("product-brief"), root)
    before = len(project_status(root).fills)
    result = subprocess.run([PYTHON, "scripts/build_brief.py"], cwd=root, env=run_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    status = project_status(root)
    assert len(status.fills) == before > 0
    assert "reports/brief.html" in status.built and not any(f.path.startswith("reports/") for f in status.fills)
    report = check_paths([root])
    fills = [f for f in report.findings if f.category == "fill.unfilled"]
    assert len(fills) == before
    assert {f.category for f in report.findings} == {"fill.unfilled"}, "check stays quiet after a build"


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and "reports" not in p.parts}


def _edit_brief(old: str, new: str):
    def edit(root: Path) -> None:
        path = root / "brief.md"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _edit_worked_block(root: Path) -> None:
    path = root / "examples" / "worked-brief.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("**Baseline** (", "**Baseline, checked by hand** (", 1), encoding="utf-8")


def _delete(rel: str):
    return lambda root: (root / rel).unlink()


def _empty(rel: str):
    return lambda root: (root / rel).write_text("", encoding="utf-8")


def _bad_minutes(root: Path) -> None:
    path = root / "data" / "time_study.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[5].split(",")
    cells[7] = "about five"
    lines[5] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _too_long(root: Path) -> None:
    path = root / "brief.md"
    text = path.read_text(encoding="utf-8")
    filler = " ".join(["The queue grows when staff are pulled away."] * 160)
    path.write_text(text.replace("## Data sensitivity\n", f"## Data sensitivity\n\n{filler}\n", 1), encoding="utf-8")


def _blank_scope(root: Path) -> None:
    path = root / "brief.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\*\*Tasks in scope:\*\*).*", r"\1 ", text, count=1), encoding="utf-8")


def _blank_section(root: Path) -> None:
    path = root / "brief.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("## Target user")
    end = text.index("## Problem and evidence")
    path.write_text(text[:start] + "## Target user\n\n" + text[end:], encoding="utf-8")


EDITS = {
    "missing-section": (_edit_brief("## Data sensitivity\n", "## Data\n"), "'## Data sensitivity' is missing"),
    "over-word-limit": (_too_long, "words, and one page holds about"),
    "evidence-edited-by-hand": (_edit_worked_block, "edited by hand"),
    "time-study-deleted": (_delete("data/time_study.csv"), "data/time_study.csv is missing"),
    "snippets-emptied": (_empty("data/interview_snippets.csv"), "data/interview_snippets.csv has no data rows"),
    "minutes-not-a-number": (_bad_minutes, "minutes is 'about five', not a number"),
    "marker-removed-section-blank": (_blank_section, "'## Target user' is empty"),
    "marker-removed-scope-blank": (_blank_scope, "'**Tasks in scope:**' line is empty"),
    "unknown-task-type": (_edit_brief("**Tasks in scope:** [FILL: one or more task types from data/time_study.csv]",
                                      "**Tasks in scope:** refill status, teleportation"), "teleportation"),
    "block-markers-broken": (_edit_brief("<!-- sizing:end -->", ""), "'<!-- sizing:begin -->'"),
    "disclaimer-altered": (_edit_brief("Synthetic data only", "Mostly synthetic data"), "disclaimer block"),
}


@pytest.mark.parametrize("case", sorted(EDITS))
def test_malformed_edit_gives_one_sentence_and_changes_nothing(case: str, tmp_path: Path, baked) -> None:
    root = tmp_path / "p"
    shutil.copytree(baked("product-brief"), root)
    edit, expected = EDITS[case]
    edit(root)
    before = _hashes(root)
    for args in ([], ["--check"]):
        result = subprocess.run([PYTHON, "scripts/build_brief.py", *args], cwd=root, env=run_env(),
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, (case, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr + result.stdout
        problems = result.stderr.strip().splitlines()
        assert len(problems) == 1 and expected in problems[0], (case, result.stderr)
        assert problems[0].endswith("."), problems[0]
        assert _hashes(root) == before, "a failed build changed a file"


def test_hand_edit_after_a_build_is_kept_and_reported(tmp_path: Path, baked) -> None:
    root = tmp_path / "p"
    shutil.copytree(baked("product-brief"), root)
    _edit_brief("**Tasks in scope:** [FILL: one or more task types from data/time_study.csv]",
                "**Tasks in scope:** prior auth")(root)
    run = [PYTHON, "scripts/build_brief.py"]
    first = subprocess.run(run, cwd=root, env=run_env(), capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    text = (root / "brief.md").read_text(encoding="utf-8")
    assert re.search(r"<!-- evidence:begin sha=[0-9a-f]{12} -->", text)
    assert "are about these tasks" in text and "Prior authorisation" not in text.split("evidence:end")[0][-10:]
    edited = text.replace("most raised:", "most raised (my reading):", 1)
    (root / "brief.md").write_text(edited, encoding="utf-8")
    second = subprocess.run(run, cwd=root, env=run_env(), capture_output=True, text=True, timeout=120)
    assert second.returncode == 1 and "edited by hand" in second.stderr
    assert (root / "brief.md").read_text(encoding="utf-8") == edited


def test_a_workflow_without_interviews_says_so(tmp_path: Path, baked) -> None:
    bb = _load(baked("product-brief") / "scripts" / "build_brief.py")
    root = baked("product-brief")
    records = bb.read_csv(root / "data" / "time_study.csv")
    snippets = [r for r in bb.read_csv(root / "data" / "interview_snippets.csv") if "billing" not in r["workflows"]]
    brief = bb.parse(root / "brief.md", "**Tasks in scope:** billing question\n")
    assert "none of the" in bb.evidence_markdown(brief, records, snippets)
    brief = bb.parse(root / "brief.md", "**Tasks in scope:** prior authorisation\n")
    text = bb.evidence_markdown(brief, records, bb.read_csv(root / "data" / "interview_snippets.csv"))
    ids = [r["snippet_id"] for r in bb.read_csv(root / "data" / "interview_snippets.csv")
           if r["workflows"] == "prior_auth_follow_up"]
    assert ids[0] in text and "Workload" not in text.split("most raised:")[0]
    assert "cannot test the miss rate" in bb.launch_markdown(brief, records)


@pytest.mark.parametrize(("source", "wanted", "unwanted"), [
    ("***x***", "<em><strong>x</strong></em>", "<strong><em>x</strong>"),
    ("| h | i |\n|---|---|\n| a \\| b | c |", "<td>a | b</td>", "<td>a \\</td>"),
    ("[w](https://example.org/wiki/A_(b))", 'href="https://example.org/wiki/A_(b)"', 'href="https://example.org/wiki/A_(b"'),
    ("[x](javascript:alert(1))", "<p>[x]", 'href="javascript'),
])
def test_markdown_defects_of_the_old_converter(source: str, wanted: str, unwanted: str, baked) -> None:
    bb = _load(baked("product-brief") / "scripts" / "build_brief.py")
    html = bb.markdown_to_html(source)
    assert wanted in html
    assert unwanted not in html


def test_the_worked_example_can_be_removed(tmp_path: Path, baked) -> None:
    root = tmp_path / "p"
    shutil.copytree(baked("product-brief"), root)
    (root / "examples" / "worked-brief.md").unlink()
    result = subprocess.run([PYTHON, "scripts/build_brief.py"], cwd=root, env=run_env(), capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (root / "reports" / "brief.html").is_file() and not (root / "reports" / "worked-brief.html").exists()
