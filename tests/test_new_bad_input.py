"""`prooflane new` with the input people really type: one clear sentence, non-zero exit, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder import catalog
from scaffolder.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


def assert_one_sentence_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    line = result.output.strip()
    assert line.startswith("Error: ") and "\n" not in line
    return line


def test_unknown_role_names_the_closest_ids(tmp_path: Path) -> None:
    line = assert_one_sentence_error(run("new", "healthcare-data-analist", "--no-input", "-o", str(tmp_path)))
    assert "healthcare-data-analyst" in line
    assert listing(tmp_path) == []


def test_planned_kind_says_so_and_names_a_built_alternative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from click.testing import CliRunner

    from scaffolder.cli import main

    real = catalog.load()
    # Every kind is built today; a catalog that marks one planned again shows what a person would see.
    kinds = tuple(dataclasses.replace(k, status="planned") if k.id == "biomedical-analysis" else k for k in real.kinds)
    monkeypatch.setattr(catalog, "load", lambda: dataclasses.replace(real, kinds=kinds))
    result = CliRunner().invoke(main, ["new", "biomedical-analysis", "--no-input", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    line = result.output.strip()
    assert len(line.splitlines()) == 1 and "planned" in line and "prooflane new" in line, line
    assert listing(tmp_path) == []


def test_existing_non_empty_target_is_refused_and_left_untouched(tmp_path: Path) -> None:
    target = tmp_path / "clinic-no-show-dashboard"
    target.mkdir()
    (target / "notes.md").write_text("my notes\n", encoding="utf-8")
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "-o", str(tmp_path)))
    assert "--force" in line
    assert listing(tmp_path) == ["clinic-no-show-dashboard", "clinic-no-show-dashboard/notes.md"]


def test_force_replaces_the_target_whole(tmp_path: Path) -> None:
    target = tmp_path / "clinic-no-show-dashboard"
    target.mkdir()
    (target / "old.txt").write_text("old\n", encoding="utf-8")
    result = run("new", "dashboard", "--no-input", "-o", str(tmp_path), "--force")
    assert result.exit_code == 0
    assert not (target / "old.txt").exists()
    assert (target / ".prooflane.json").is_file()
    backup = tmp_path / "clinic-no-show-dashboard.backup-1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic-no-show-dashboard", backup.name]
    assert (backup / "old.txt").read_text(encoding="utf-8") == "old\n"  # the person's file is kept
    assert str(backup) in result.output


def test_empty_target_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "clinic-no-show-dashboard").mkdir()
    assert run("new", "dashboard", "--no-input", "-o", str(tmp_path)).exit_code == 0
    assert (tmp_path / "clinic-no-show-dashboard" / "README.md").is_file()


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name(name: str, tmp_path: Path) -> None:
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "--name", name, "-o", str(tmp_path)))
    assert "empty" in line
    assert listing(tmp_path) == []


def test_name_of_ten_thousand_characters(tmp_path: Path) -> None:
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "--name", "a" * 10_000, "-o", str(tmp_path)))
    assert "10,000 characters" in line and "120" in line
    assert len(line) < 300
    assert listing(tmp_path) == []


def test_name_with_a_line_break(tmp_path: Path) -> None:
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "--name", "a\nb", "-o", str(tmp_path)))
    assert "line break" in line


def test_unicode_name_works_and_keeps_its_accents(tmp_path: Path) -> None:
    name = "José Ñúñez-Øvergård"
    result = run("new", "dashboard", "--no-input", "--name", name, "--author", "Zoë Ångström", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    project = tmp_path / "jose-nunez-overgard"
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert name in readme and "Zoë Ångström" in readme
    manifest = json.loads((project / ".prooflane.json").read_text(encoding="utf-8"))
    assert manifest["answers"]["project_name"] == name


@pytest.mark.parametrize(
    "name",
    [
        "{{ 7*7 }}",
        "{% if true %}yes{% endif %}",
        "{{ cookiecutter.__class__ }}",
        "{# note #} {{ self }}",
        "{% raw %}x{% endraw %}",
        "${{ secrets.TOKEN }}",
        "\"'; import os; os.system('x') #\\",
    ],
)
def test_template_syntax_is_kept_literally(name: str, tmp_path: Path) -> None:
    result = run("new", "dashboard", "--no-input", "--name", name, "--author", name, "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    (project,) = [p for p in tmp_path.iterdir()]
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert name in readme
    if "7*7" in name:
        assert "49" not in readme.split("\n", 1)[0]
    manifest = json.loads((project / ".prooflane.json").read_text(encoding="utf-8"))
    assert manifest["answers"]["project_name"] == name
    assert project.parent == tmp_path


def test_path_traversal_in_the_name_stays_inside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("new", "dashboard", "--no-input", "--name", "../../x", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert listing(tmp_path)[0] == "out"
    assert all(p.startswith("out/") or p == "out" for p in listing(tmp_path))
    assert (out / "x" / "README.md").is_file()
    assert "../../x" in (out / "x" / "README.md").read_text(encoding="utf-8")


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "-o", str(blocker / "sub")))
    assert "-o" in line
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "-o", str(blocker)))
    assert "is a file" in line
    assert listing(tmp_path) == ["a-file"]


@pytest.mark.parametrize("seed", ["-1", "ten", "1.5", "99999999999", ""])
def test_bad_seed(seed: str, tmp_path: Path) -> None:
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "--seed", seed, "-o", str(tmp_path)))
    assert "seed" in line and "--seed 42" in line
    assert listing(tmp_path) == []


def test_unknown_setting_and_bad_choice(tmp_path: Path) -> None:
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "colour=blue", "-o", str(tmp_path)))
    assert "no setting 'colour'" in line and "project_name" in line
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "role=astronaut", "-o", str(tmp_path)))
    assert "astronaut" in line
    result = run("new", "dashboard", "--no-input", "justtext", "-o", str(tmp_path))
    assert result.exit_code == 2 and "key=value" in result.output
    assert listing(tmp_path) == []


def test_a_failing_bake_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    def fail_generate(*_a, **kwargs):
        from cookiecutter.exceptions import FailedHookException

        Path(kwargs["output_dir"], "half-written").mkdir()
        raise FailedHookException("post_gen_project failed")

    monkeypatch.setattr("cookiecutter.generate.generate_files", fail_generate)
    out = tmp_path / "out"
    line = assert_one_sentence_error(run("new", "dashboard", "--no-input", "-o", str(out)))
    assert "failed" in line
    assert not out.exists()


def test_odd_output_paths_work(tmp_path: Path) -> None:
    out = tmp_path / "my portfolio (draft)" / "ünï côde" / "-dash-start"
    result = run("new", "dashboard", "--no-input", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "clinic-no-show-dashboard" / ".prooflane.json").is_file()
    assert [p.name for p in out.iterdir()] == ["clinic-no-show-dashboard"]
