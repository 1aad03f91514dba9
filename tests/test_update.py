"""prooflane update and diff: every shape of edit against every shape of template change, zero lost edits."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import scaffolder.templates as templates
from scaffolder.api import new_project
from scaffolder.cli import main
from scaffolder.manifest import read
from scaffolder.update import journal
from scaffolder.update.run import UpdateConflict, UpdateError, diff_project, update_project
from tests.conftest import built_kinds

SLUG = "{{cookiecutter.project_slug}}"
EDIT_LINE, ADD_AFTER = 10, 16


@pytest.fixture()
def template_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the templates that a test may change; prooflane bakes from it once `use()` is called."""
    root = tmp_path / "templates"
    shutil.copytree(templates.templates_root(), root, ignore=shutil.ignore_patterns("__pycache__"))

    def use() -> Path:
        monkeypatch.setattr(templates, "templates_root", lambda: root)
        return root

    return root, use


def _bump(root: Path, kind: str, version: str = "9.0.0") -> None:
    path = root / kind / "cookiecutter.json"
    context = json.loads(path.read_text(encoding="utf-8"))
    context["_template_version"] = version
    path.write_text(json.dumps(context, indent=2), encoding="utf-8")


def _literal_files(project: Path, troot: Path, kind: str, count: int) -> list[str]:
    """Generated files whose template source has no template syntax (rendered == source), long enough to edit."""
    manifest = read(project)
    found = []
    # The project's own test files first: a bake step may rebuild or import other files whatever the template says.
    for rel in sorted(manifest.files, key=lambda r: (not (r.startswith("tests/test_") and r.endswith(".py")), r)):
        source = troot / kind / SLUG / rel
        if rel in manifest.synthetic_data or rel in manifest.user_owned or not source.is_file():
            continue
        text = source.read_text(encoding="utf-8", errors="replace")
        if "{{" in text or "{%" in text or "{#" in text or len(text.splitlines()) < 30:
            continue
        if (project / rel).read_text(encoding="utf-8") == text:
            found.append(rel)
    assert len(found) >= count, f"{kind}: not enough literal files to exercise ({found})"
    return found[:count]


def _user_edits(project: Path, files: list[str]) -> dict[str, object]:
    """Apply one edit of every shape; return what must survive."""
    manifest = read(project)
    edited, deleted, renamed = files[0], files[1], files[2]
    lines = (project / edited).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[EDIT_LINE] = lines[EDIT_LINE].rstrip("\n") + "  # my edit 42\n"
    lines.insert(ADD_AFTER, "# my added line 43\n")
    (project / edited).write_text("".join(lines), encoding="utf-8")
    (project / deleted).unlink()
    renamed_to = renamed + ".mine"
    (project / renamed).rename(project / renamed_to)
    (project / "my-notes.md").write_text("# My notes\n\nWritten by me.\n", encoding="utf-8")
    owned = manifest.user_owned[0]
    text = (project / owned).read_text(encoding="utf-8")
    start = text.index("[FILL")
    (project / owned).write_text(text[:start] + "MY JUDGEMENT 44" + text[text.index("]", start) + 1:], encoding="utf-8")
    data = manifest.synthetic_data[0]
    from scaffolder.hooks import write_datasets

    context = {**templates.load_context(manifest.kind), **manifest.answers}
    other = project.parent / "other-seed"
    write_datasets(other, context, manifest.seed + 1)  # the person regenerates the data with another seed
    shutil.copyfile(other / data, project / data)
    return {"edited": edited, "deleted": deleted, "renamed": renamed, "renamed_to": renamed_to, "owned": owned,
            "data": data, "data_bytes": (project / data).read_bytes(),
            "renamed_bytes": (project / renamed_to).read_bytes()}


def _template_change(troot: Path, kind: str, shape: str, files: list[str]) -> None:
    base = troot / kind / SLUG
    edited, untouched = base / files[0], base / files[3]
    if shape == "line_changed_near":
        lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[EDIT_LINE + 1] = lines[EDIT_LINE + 1].rstrip("\n") + "  # template edit near\n"
        edited.write_text("".join(lines), encoding="utf-8")
    elif shape == "line_changed_far":
        lines = edited.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[-1] = lines[-1].rstrip("\n") + "  # template edit far\n"
        edited.write_text("".join(lines), encoding="utf-8")
    elif shape == "file_added":
        (base / "NEW-FROM-TEMPLATE.txt").write_text("A new file in the template.\n", encoding="utf-8")
    elif shape == "file_removed":
        untouched.unlink()
        edited.unlink()
    elif shape == "file_renamed":
        edited.rename(edited.with_name("renamed_" + edited.name))
        untouched.rename(untouched.with_name("renamed_" + untouched.name))
    _bump(troot, kind)


def _lost(project: Path, keep: dict[str, object], shape: str) -> list[str]:
    """Every user edit that did not survive the update."""
    lost = []
    edited = project / str(keep["edited"])
    places = [edited, edited.with_name("renamed_" + edited.name)] if shape == "file_renamed" else [edited]
    text = "".join(p.read_text(encoding="utf-8") for p in places if p.is_file())
    for marker in ("# my edit 42", "# my added line 43"):
        if marker not in text:
            lost.append(f"{marker} in {keep['edited']}")
    if (project / str(keep["deleted"])).exists():
        lost.append(f"{keep['deleted']} came back after the user deleted it")
    if (project / str(keep["renamed_to"])).read_bytes() != keep["renamed_bytes"]:
        lost.append("the renamed file changed")
    if (project / str(keep["renamed"])).exists() and shape != "file_renamed":
        lost.append(f"{keep['renamed']} came back after the user renamed it")
    if (project / "my-notes.md").read_text(encoding="utf-8") != "# My notes\n\nWritten by me.\n":
        lost.append("my-notes.md")
    if "MY JUDGEMENT 44" not in (project / str(keep["owned"])).read_text(encoding="utf-8"):
        lost.append(f"the filled marker in {keep['owned']}")
    if (project / str(keep["data"])).read_bytes() != keep["data_bytes"]:
        lost.append(f"the regenerated data in {keep['data']}")
    return lost


SHAPES = ("line_changed_near", "line_changed_far", "file_added", "file_removed", "file_renamed")


@pytest.mark.parametrize("kind", built_kinds())
def test_no_edit_is_lost_across_every_template_change(kind: str, tmp_path: Path, template_copy) -> None:
    troot, _ = template_copy
    lost_total: list[str] = []
    for shape in SHAPES:
        work = tmp_path / shape
        project = new_project(kind, work, author="Ana Li").path
        files = _literal_files(project, templates.templates_root(), kind, 4)
        keep = _user_edits(project, files)
        fresh_troot = tmp_path / f"t-{shape}"
        shutil.copytree(troot / kind, fresh_troot / kind)
        _template_change(fresh_troot, kind, shape, files)
        import scaffolder.templates as t

        original = t.templates_root
        t.templates_root = lambda fresh_troot=fresh_troot: fresh_troot
        try:
            try:
                result = update_project(project)
                conflicts = result.conflicts
            except UpdateConflict:
                conflicts = ["(conflict)"]
            lost_total += [f"{shape}: {x}" for x in _lost(project, keep, shape)]
            assert read(project).template_version == "9.0.0"
            if shape == "line_changed_near":
                assert conflicts, "a template change next to the user's edit is a conflict, never a silent pick"
            if shape == "line_changed_far":
                assert not conflicts and "template edit far" in (project / str(keep["edited"])).read_text("utf-8")
            if shape == "file_renamed":
                moved = project / files[0]
                assert not moved.exists() and moved.with_name("renamed_" + moved.name).is_file()
            if shape == "file_added":
                assert (project / "NEW-FROM-TEMPLATE.txt").is_file()
            if shape == "file_removed":
                assert not (project / files[3]).exists(), "an unchanged file the template removed is removed"
                assert (project / files[0]).is_file(), "an edited file the template removed is kept"
        finally:
            t.templates_root = original
    assert lost_total == [], lost_total


def test_conflicts_are_marked_listed_and_count_as_unfinished(tmp_path: Path, template_copy) -> None:
    troot, use = template_copy
    project = new_project("dashboard", tmp_path, author="Ana Li").path
    files = _literal_files(project, troot, "dashboard", 4)
    _user_edits(project, files)
    _template_change(troot, "dashboard", "line_changed_near", files)
    use()
    result = CliRunner().invoke(main, ["update", str(project)])
    assert result.exit_code == 1 and files[0] in result.output and "markers" in result.output
    text = (project / files[0]).read_text(encoding="utf-8")
    assert "<<<<<<< yours" in text and ">>>>>>> template 9.0.0" in text
    status = CliRunner().invoke(main, ["status", str(project), "--require-finished"])
    assert status.exit_code == 1 and "conflict" in status.output
    again = CliRunner().invoke(main, ["update", str(project)])
    assert again.exit_code in (0, 2)  # already on 9.0.0: nothing to do, the markers are left for the person


def test_user_owned_files_are_never_merged_and_the_guidance_is_reported(tmp_path: Path, template_copy) -> None:
    troot, use = template_copy
    project = new_project("dashboard", tmp_path, author="Ana Li").path
    owned = read(project).user_owned[0]
    mine = (project / owned).read_text(encoding="utf-8").replace("[FILL", "MY WORK [FILL", 1)
    (project / owned).write_text(mine, encoding="utf-8")
    source = troot / "dashboard" / SLUG / owned
    source.write_text(source.read_text(encoding="utf-8") + "\nNew guidance from the template.\n", encoding="utf-8")
    _bump(troot, "dashboard")
    use()
    result = update_project(project)
    assert (project / owned).read_text(encoding="utf-8") == mine
    assert result.notes_file and "New guidance from the template." in (project / result.notes_file).read_text("utf-8")


def test_refuses_a_dirty_git_tree_but_allows_untracked_files(tmp_path: Path, template_copy) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    troot, use = template_copy
    project = new_project("dashboard", tmp_path, author="Ana Li").path
    git = ["git", "-C", str(project), "-c", "user.name=A", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "baked"], check=True)
    (project / "untracked.md").write_text("mine\n", encoding="utf-8")
    (project / "findings.md").write_text("changed, not committed\n", encoding="utf-8")
    _bump(troot, "dashboard")
    use()
    with pytest.raises(UpdateError, match="git stash"):
        update_project(project)
    subprocess.run([*git, "commit", "-qam", "my work"], check=True)
    update_project(project)
    assert (project / "untracked.md").read_text(encoding="utf-8") == "mine\n"


def test_an_interrupted_update_leaves_the_project_whole(tmp_path: Path, template_copy, monkeypatch) -> None:
    troot, use = template_copy
    project = new_project("dashboard", tmp_path, author="Ana Li").path
    files = _literal_files(project, troot, "dashboard", 4)
    _template_change(troot, "dashboard", "line_changed_far", files)
    use()
    before = {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    # A kill before the plan is committed: nothing changed.
    real_stage = journal.stage

    def stage_then_die(root, writes, deletes, last=()):
        real_stage(root, writes, deletes, last)
        (root / journal.JOURNAL / journal.COMMITTED).unlink()
        raise KeyboardInterrupt

    monkeypatch.setattr(journal, "stage", stage_then_die)
    with pytest.raises(KeyboardInterrupt):
        update_project(project)
    assert journal.recover(project) is not None
    after = {p.relative_to(project).as_posix(): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before
    # A kill half-way through applying: the next run finishes it.
    monkeypatch.setattr(journal, "stage", real_stage)
    calls = {"n": 0}
    real_replace = journal.os.replace

    def replace_then_die(a, b):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real_replace(a, b)

    monkeypatch.setattr(journal.os, "replace", replace_then_die)
    with pytest.raises(KeyboardInterrupt):
        update_project(project)
    monkeypatch.setattr(journal.os, "replace", real_replace)
    diff_project(project)  # recovers first
    assert read(project).template_version == "9.0.0"
    assert "template edit far" in (project / files[0]).read_text(encoding="utf-8")
    assert not (project / journal.JOURNAL).exists()


def test_diff_exit_code_and_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    project = new_project("dashboard", tmp_path / "p", author="Ana Li").path
    clean = runner.invoke(main, ["diff", str(project), "--exit-code"])
    assert clean.exit_code == 0, clean.output
    (project / "notes.md").write_text("mine\n", encoding="utf-8")
    dirty = runner.invoke(main, ["diff", str(project), "--exit-code", "--json"])
    assert dirty.exit_code == 1 and json.loads(dirty.output)["your_changes"][0]["path"] == "notes.md"
    nothing = runner.invoke(main, ["update", str(tmp_path)])
    assert nothing.exit_code == 2 and "No .prooflane.json" in nothing.output
    wrong = runner.invoke(main, ["update", str(project), "--to", "7.7.7"])
    assert wrong.exit_code == 2 and "--to" in wrong.output
    manifest = json.loads((project / ".prooflane.json").read_text(encoding="utf-8"))
    (project / ".prooflane.json").write_text(json.dumps({**manifest, "tool_version": "99.0.0"}), encoding="utf-8")
    newer = runner.invoke(main, ["update", str(project)])
    assert newer.exit_code == 2 and "newer" in newer.output
    (project / ".prooflane.json").write_text(json.dumps({**manifest, "format": 7}), encoding="utf-8")
    unknown = runner.invoke(main, ["diff", str(project)])
    assert unknown.exit_code == 2 and "format 7" in unknown.output and "Traceback" not in unknown.output
