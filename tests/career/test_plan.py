"""prooflane plan: the worksheet to PLAN.md, specific to the chosen role, never overwriting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder import catalog
from scaffolder.cli import main
from scaffolder.markers import find_fills


def _plan(tmp_path: Path, *args: str, name: str = "PLAN.md"):
    return CliRunner().invoke(main, ["plan", "--no-input", "-o", str(tmp_path / name), *args])


def test_operations_plan_is_specific_to_the_role(tmp_path: Path) -> None:
    result = _plan(tmp_path, "--background", "operations")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "PLAN.md").read_text(encoding="utf-8")
    role = catalog.load().role("healthcare-automation-specialist")
    assert f"# Career plan: {role.title}" in text
    assert f"`prooflane new {role.id}`" in text
    assert role.next_skills[0] in text and role.keywords[0] in text
    assert "prooflane posting FILE --background operations" in text
    for heading in ("Days 1-30", "Days 31-60", "Days 61-90", "Positioning statement", "Resume bullets", "What to avoid"):
        assert heading in text
    assert text.count("- Week ") == 12
    assert "process improvement" in text  # the bridge from operations work


def test_plan_is_marked_as_the_persons_with_prooflanes_structure(tmp_path: Path) -> None:
    _plan(tmp_path, "--background", "content", "--name", "Mara Quinn")
    text = (tmp_path / "PLAN.md").read_text(encoding="utf-8")
    assert "Mara Quinn's plan: the answers are theirs" in text and "written by prooflane" in text
    assert len(find_fills(text)) >= 3, "the person's facts go where FILL markers stand"


def test_positioning_never_claims_expertise(tmp_path: Path) -> None:
    for bg in ("clinical", "data", "operations", "content", "compliance", "product", "beginner"):
        _plan(tmp_path, "--background", bg, name=f"{bg}.md")
        text = (tmp_path / f"{bg}.md").read_text(encoding="utf-8").lower()
        assert text.count("expert") == text.count('"ai expert"'), bg


def test_answers_are_validated(tmp_path: Path) -> None:
    runner = CliRunner()
    for args, needle in ((["--background", "astronaut"], "background"),
                         (["--background", "data", "--lane", "space"], "not a lane"),
                         (["--background", "data", "--lane", "content", "--role", "healthcare-data-analyst"], "lane"),
                         (["--background", "data", "--role", "healthcare-data-analyst", "--project", "rollout-plan"],
                          "does not suit")):
        result = runner.invoke(main, ["plan", "--no-input", "-o", str(tmp_path / "x.md"), *args])
        assert result.exit_code == 2 and needle in result.output and "Traceback" not in result.output, result.output
        assert not (tmp_path / "x.md").exists()
    missing = runner.invoke(main, ["plan", "--no-input", "-o", str(tmp_path / "x.md")])
    assert missing.exit_code == 2 and "--background" in missing.output


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "PLAN.md"
    target.write_text("my own plan\n", encoding="utf-8")
    refused = _plan(tmp_path, "--background", "data")
    assert refused.exit_code == 2 and "--force" in refused.output
    assert target.read_text(encoding="utf-8") == "my own plan\n"
    forced = _plan(tmp_path, "--background", "data", "--force")
    assert forced.exit_code == 0 and "Career plan" in target.read_text(encoding="utf-8")


def test_json_output(tmp_path: Path) -> None:
    result = _plan(tmp_path, "--background", "compliance", "--json")
    out = json.loads(result.output)
    assert out["answers"]["role"] == "ai-governance-analyst" and out["answers"]["background"] == "compliance"
    assert set(out["answers"]) >= {"background", "lane", "role", "next_skill", "project", "avoid", "day30", "day60",
                                   "day90"}


@pytest.mark.parametrize("answers", [
    "clinical\n\n\n\n\n\n\n\n\nAva\n",
])
def test_interactive_worksheet_offers_catalog_answers(tmp_path: Path, answers: str) -> None:
    result = CliRunner().invoke(main, ["plan", "-o", str(tmp_path / "PLAN.md")], input=answers)
    assert result.exit_code == 0, result.output
    assert "Your strongest background" in result.output and "One role family" in result.output
    assert "Ava's plan" in (tmp_path / "PLAN.md").read_text(encoding="utf-8")
