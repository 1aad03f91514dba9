"""status tells the user's work from prooflane's, and counts unfinished work once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder import authorship
from scaffolder.cli import main
from scaffolder.markers import FILL_RE
from scaffolder.status import project_status
from scaffolder.unfinished import find_in_text


def _copy(baked, tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(baked("dashboard"), root)
    return root


def test_status_separates_added_edited_and_unchanged_files(baked, tmp_path: Path) -> None:
    root = _copy(baked, tmp_path)
    fresh = project_status(root)
    assert not fresh.added and not fresh.edited and fresh.unchanged
    (root / "notes.md").write_text("my own notes\n", encoding="utf-8")
    readme = root / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nA line of mine.\n", encoding="utf-8")
    after = project_status(root)
    assert after.added == ["notes.md"]
    assert after.edited == ["README.md"]
    assert "README.md" not in after.unchanged


def test_require_finished_fails_until_every_marker_is_filled(baked, tmp_path: Path) -> None:
    root = _copy(baked, tmp_path)
    runner = CliRunner()
    unfinished = runner.invoke(main, ["status", str(root), "--require-finished"])
    assert unfinished.exit_code == 1 and "not finished" in unfinished.output
    for path in root.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(FILL_RE.sub("my own words", text), encoding="utf-8")
    done = runner.invoke(main, ["status", str(root), "--require-finished"])
    assert done.exit_code == 0, done.output


def test_built_outputs_do_not_count_markers_twice(baked, tmp_path: Path) -> None:
    import json

    root = _copy(baked, tmp_path)
    before = len(project_status(root).fills)
    manifest = json.loads((root / ".prooflane.json").read_text(encoding="utf-8"))
    manifest["outputs"] = ["reports/*"]
    (root / ".prooflane.json").write_text(json.dumps(manifest), encoding="utf-8")
    (root / "reports").mkdir(exist_ok=True)
    (root / "reports" / "page.html").write_text("<p>[FILL: copied from the README]</p>", encoding="utf-8")
    status = project_status(root)
    assert len(status.fills) == before and status.built == ["reports/page.html"]
    assert "reports/page.html" not in status.added


def test_unanswered_items_are_found_with_their_lines() -> None:
    rule = {"files": "assessments/*.yaml", "key": "answer", "empty": ["unanswered"], "what": "checklist answer"}
    text = "items:\n  - id: a\n    answer: met\n  - id: b\n    answer:\n  - id: c\n    answer: Unanswered\n"
    found = find_in_text(text, "assessments/v.yaml", rule)
    assert [(u.line, u.what) for u in found] == [(5, "checklist answer"), (7, "checklist answer")]
    broken = find_in_text("items: [unclosed\n", "assessments/v.yaml", rule)
    assert len(broken) == 1 and "not valid YAML" in broken[0].what


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_unanswered_items_are_the_same_with_either_yaml_parser(loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import yaml

    if loader == "SafeLoader":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML here was built without libyaml")
    rule = {"files": "*.yaml", "key": "answer", "empty": ["unanswered"], "what": "answer"}
    text = "# Ünïcode ✓\nitems:\n  - answer: ''\n  - answer: met\n  - {answer: null}\n---\nanswer: unanswered\n"
    assert [u.line for u in find_in_text(text, "a.yaml", rule)] == [3, 5, 7]
    # a lone surrogate (only possible in text built in memory) still gives a sentence, not an exception
    assert "not valid YAML" in find_in_text("answer: '\ud800'\n", "a.yaml", rule)[0].what


def test_authorship_texts_label_prooflane_and_never_speak_as_the_user() -> None:
    byline = authorship.byline("Healthcare Data Analyst", "Ana Li")
    assert "Ana Li" in byline and "prooflane" in byline and "My work" in byline
    assert "[FILL: your name]" in authorship.byline("Healthcare Data Analyst", "")
    note = authorship.example_note_md()
    assert "written by prooflane" in note and "not the author's analysis" in note
    for text in authorship.texts().values():
        assert not FILL_RE.search(text), "an authorship sentence would count as a FILL marker"
        padded = f" {text.lower()} ".replace("my work", "")  # the name of the user's own section
        assert not any(w in padded for w in (" i ", " my ", " i'm ", " me ")), text
