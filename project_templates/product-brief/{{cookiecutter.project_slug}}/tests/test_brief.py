"""Both briefs have every required section, numbers that match the data, and fit on one page."""

from __future__ import annotations

import pytest
from conftest import ROOT

WORKED = ROOT / "examples" / "worked-brief.md"
BRIEFS = [name for name in ("examples/worked-brief.md", "brief.md") if (ROOT / name).is_file() or name == "brief.md"]
worked_example = pytest.mark.skipif(not WORKED.is_file(), reason="the worked example was removed")


@pytest.mark.parametrize("name", BRIEFS)
def test_every_required_section_is_present_in_order(bb, name: str) -> None:
    brief = bb.parse(ROOT / name)
    headings = [h.lower() for h, _ in brief.sections]
    positions = []
    for required in bb.REQUIRED_SECTIONS:
        assert required.lower() in headings, f"{name} lacks the section '## {required}'"
        assert brief.section(required).strip(), f"{name}: the section '{required}' is empty"
        positions.append(headings.index(required.lower()))
    assert positions == sorted(positions), f"{name}: keep the sections in the order of the worked example"


@pytest.mark.parametrize("name", BRIEFS)
def test_one_page_guard(bb, name: str) -> None:
    brief = bb.parse(ROOT / name)
    assert brief.title, f"{name} needs a '# title' line"
    assert len(brief.sections) <= bb.MAX_SECTIONS, f"{name}: {len(brief.sections)} sections do not fit on one page"
    words = bb.word_count(brief)
    assert words <= bb.WORD_LIMIT, f"{name}: {words} words; cut to {bb.WORD_LIMIT} or fewer so it prints on one page"


@pytest.mark.parametrize("name", BRIEFS)
def test_disclaimer_block_is_intact(bb, name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert bb.DISCLAIMER_MD in text, f"{name}: restore the disclaimer block between the prooflane markers"


@pytest.mark.parametrize("name", BRIEFS)
def test_brief_has_no_problem_that_stops_the_build(bb, name: str) -> None:
    assert bb.problems(bb.parse(ROOT / name)) == []


@pytest.mark.parametrize("name", BRIEFS)
def test_computed_blocks_match_the_data(bb, name: str, time_study, snippets) -> None:
    brief = bb.parse(ROOT / name)
    found = {m.group("name"): m.group("body") for m in bb.BLOCK_RE.finditer(brief.text)}
    assert set(found) == set(bb.BLOCK_NAMES), f"{name} lost a computed block; restore its begin and end lines"
    expected = bb.computed_blocks(brief, time_study, snippets)
    for block, body in found.items():
        assert body == expected[block], f"{name}: the {block} block is out of date; run `make brief`"


@worked_example
def test_worked_numbers_are_the_time_study_numbers(bb, time_study) -> None:
    brief = bb.parse(ROOT / "examples" / "worked-brief.md")
    assert brief.in_scope == ("refill_status", "appointment_logistics")
    block = next(m.group("body") for m in bb.BLOCK_RE.finditer(brief.text) if m.group("name") == "evidence")
    scoped = [r for r in time_study if r["task_type"] in brief.in_scope]
    median = sorted(float(r["minutes"]) for r in scoped)
    middle = len(median) // 2
    value = median[middle] if len(median) % 2 else (median[middle - 1] + median[middle]) / 2
    assert f"**{round(value, 1):.1f} min**" in block
    assert f"({len(time_study)} tasks" in block
    share = round(100 * len(scoped) / len(time_study))
    assert f"**{share}%** of tasks" in block


@worked_example
def test_worked_brief_is_finished_and_specific(bb) -> None:
    brief = bb.parse(ROOT / "examples" / "worked-brief.md")
    assert not brief.fills, "the worked example should have no FILL markers"
    metrics = brief.section("Success metrics")
    assert "North-star" in metrics and "Guardrails" in metrics
    must_not = [line for line in brief.section("What the tool must not do").splitlines() if line.startswith("- ")]
    assert len(must_not) >= 3
    launch = brief.section("Launch and no-launch criteria")
    assert "Launch" in launch and "Do not launch" in launch
    text = brief.text
    for framework in ("NIST AI RMF", "minimum necessary", "DECIDE-AI", "HTI-1"):
        assert framework in text, f"the worked brief should name {framework}"


@pytest.mark.parametrize("name", BRIEFS)
def test_tasks_in_scope_line_is_present(bb, name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert bb.SCOPE_RE.search(text), f"{name}: keep the '**Tasks in scope:**' line in the Problem section"


@worked_example
def test_launch_bound_is_what_zero_misses_allow(bb, time_study) -> None:
    brief = bb.parse(ROOT / "examples" / "worked-brief.md")
    e = bb.launch_evidence(time_study, brief.in_scope)
    n = e["silent_events"]
    if n:
        bound = 1 - 0.05 ** (1 / n)  # exact one-sided 95% upper bound with no misses
        assert e["upper_bound_pct"] == round(100 * bound, 1)
        assert f"**{e['upper_bound_pct']:g}%**" in brief.section("Launch and no-launch criteria")
    needed = e["test_set_needed"]
    assert 1 - 0.05 ** (1 / needed) < 0.02 <= 1 - 0.05 ** (1 / (needed - 1))
    assert f"**{needed}**" in brief.section("Launch and no-launch criteria")


@worked_example
def test_worked_brief_compares_a_non_ai_alternative_and_tells_patients(bb) -> None:
    brief = bb.parse(ROOT / "examples" / "worked-brief.md")
    why = brief.section("Why AI, and what else")
    assert "no AI" in why and "**Sizing**" in why
    assert "software help" in brief.section("Risk controls and human oversight")
