"""The command line as a person meets it: listings, JSON, recommend, new, data."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder.cli import main
from tests.conftest import PYTHON, run_env


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def test_roles_lists_all_21_roles(cli) -> None:
    result = cli("roles")
    assert result.exit_code == 0
    assert "21 roles" in result.output
    for column in ("lane", "coding", "healthcare knowledge", "project kind"):
        assert column in result.output
    data = json.loads(cli("roles", "--json").output)
    assert len(data) == 21
    assert {"id", "lane", "coding_level", "healthcare_knowledge", "project_kind"} <= set(data[0])


def test_roles_show_is_forgiving_and_complete(cli) -> None:
    result = cli("roles", "show", "Healthcare Data Analyst")
    assert result.exit_code == 0
    assert "healthcare-data-analyst" in result.output and "Skills to build next" in result.output
    data = json.loads(cli("roles", "show", "healthcare_data_analyst", "--json").output)
    assert data["project_kind"] == "dashboard" and data["next_skills"] and data["keywords"] and data["positioning"]


def test_unknown_role_suggests_the_closest(cli) -> None:
    result = CliRunner().invoke(main, ["roles", "show", "healthcare-data-analist"])
    assert result.exit_code == 2
    assert "did you mean 'healthcare-data-analyst'" in result.output
    assert "Traceback" not in result.output


def test_projects_json_marks_built_and_planned(cli) -> None:
    kinds = json.loads(cli("projects", "--json").output)
    assert len(kinds) == 13
    status = {k["id"]: k["status"] for k in kinds}
    assert status["dashboard"] == "built" and status["review-rubric"] == "built"
    assert set(status.values()) <= {"built", "planned"}
    assert "kinds are built" in cli("projects").output


def test_recommend_ranks_the_clinical_lane_first(cli) -> None:
    data = json.loads(cli("recommend", "--background", "clinical", "--json").output)
    recs = data["recommendations"]
    assert data["background"] == "clinical"
    assert [r["rank"] for r in recs] == list(range(1, len(recs) + 1))
    top = [r for r in recs if r["fit"] == 3]
    assert {r["lane"] for r in top} == {"clinical"}
    assert recs[0]["lane"] == "clinical"
    assert all(r["first_project"] and r["next_skill"] for r in recs)
    text = cli("recommend", "-b", "Clinical").output
    assert "next skill to build" in text


def test_recommend_unknown_background_lists_choices() -> None:
    result = CliRunner().invoke(main, ["recommend", "--background", "astronautics"])
    assert result.exit_code == 2
    assert "clinical" in result.output and "beginner" in result.output


def test_new_dry_run_lists_files_and_writes_nothing(cli, tmp_path: Path) -> None:
    result = cli("new", "dashboard", "--no-input", "--dry-run", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "Nothing was written" in result.output and "README.md" in result.output
    assert not (tmp_path / "out").exists()


def test_new_prints_next_steps(cli, tmp_path: Path) -> None:
    result = cli("new", "healthcare-data-analyst", "--no-input", "-o", str(tmp_path), "--author", "Ada Quill")
    assert result.exit_code == 0, result.output
    assert "Next steps" in result.output and "prooflane check" in result.output
    assert "[FILL: ...]" in result.output
    project = tmp_path / "clinic-no-show-dashboard"
    assert (project / ".prooflane.json").is_file()
    assert "Ada Quill" in (project / "README.md").read_text(encoding="utf-8")


def test_new_interactive_prompts_validate_before_writing(tmp_path: Path) -> None:
    runner = CliRunner()
    # An empty title is refused and asked again; a bad seed too; then valid answers are used.
    answers = "\n".join(["   ", "My Clinic Study", "Bea Amberlane", "", "abc", "7"]) + "\n"
    result = runner.invoke(main, ["new", "dashboard", "-o", str(tmp_path)], input=answers)
    assert result.exit_code == 0, result.output
    assert "empty" in result.output and "not a whole number" in result.output
    manifest = json.loads((tmp_path / "my-clinic-study" / ".prooflane.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 7 and manifest["answers"]["author"] == "Bea Amberlane"


def test_data_writes_every_dataset_as_csv(cli, tmp_path: Path) -> None:
    listing = json.loads(cli("data", "--json").output)
    assert listing and all(d["summary"] for d in listing)
    for item in listing:
        out = tmp_path / f"{item['id']}.csv"
        result = cli("data", item["id"], "--rows", "50", "--seed", "3", "-o", str(out))
        assert result.exit_code == 0, result.output
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        assert len(rows) >= 2


def test_data_parquet_and_json(cli, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "a.parquet"
    assert cli("data", "appointments", "--rows", "100", "--format", "parquet", "-o", str(out)).exit_code == 0
    assert pq.read_table(out).num_rows == 100
    out_json = tmp_path / "a.json"
    assert cli("data", "appointments", "--rows", "10", "-o", str(out_json)).exit_code == 0
    assert len(json.loads(out_json.read_text(encoding="utf-8"))) == 10


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["data", "appointmnets"], "did you mean 'appointments'"),
        (["data", "appointments", "--seed", "-1"], "not a whole number"),
        (["data", "appointments", "--seed", "ten"], "not a whole number"),
        (["data", "appointments", "--rows", "0"], "--rows must be"),
    ],
)
def test_data_bad_input(args: list[str], expected: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert expected in result.output
    assert not list(tmp_path.iterdir())


def test_data_refuses_to_overwrite_without_force(cli, tmp_path: Path) -> None:
    out = tmp_path / "mine.csv"
    out.write_text("my own work\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["data", "appointments", "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_text(encoding="utf-8") == "my own work\n"
    assert cli("data", "appointments", "--rows", "5", "-o", str(out), "--force").exit_code == 0


def test_data_parquet_without_pyarrow_says_how_to_install(monkeypatch, tmp_path: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    result = CliRunner().invoke(main, ["data", "appointments", "--format", "parquet", "-o", str(tmp_path / "a.parquet")])
    assert result.exit_code == 2
    assert "pip install 'prooflane[parquet]'" in result.output
    assert not list(tmp_path.iterdir())


HEAVY = ("pandas", "numpy", "faker", "duckdb", "matplotlib", "pyarrow", "cookiecutter", "jinja2")


@pytest.mark.parametrize("argv", [["--help"], ["roles"], ["projects", "--json"], ["recommend", "-b", "data"]])
def test_cli_start_up_imports_nothing_heavy(argv: list[str]) -> None:
    code = (
        "import sys\nfrom scaffolder.cli import main\n"
        f"try:\n    main({argv!r}, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([PYTHON, "-c", code], env=run_env(), capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "HEAVY=", f"heavy modules loaded: {out}"


def test_python_dash_m_scaffolder_works() -> None:
    out = subprocess.run([PYTHON, "-m", "scaffolder", "--version"], env=run_env(), capture_output=True, text=True)
    assert out.returncode == 0 and "prooflane" in out.stdout


def test_status_lists_fill_markers_and_edited_files(cli, tmp_path: Path) -> None:
    assert cli("new", "dashboard", "--no-input", "-o", str(tmp_path)).exit_code == 0
    project = tmp_path / "clinic-no-show-dashboard"
    before = json.loads(cli("status", str(project), "--json").output)
    assert before["kind"] == "dashboard" and before["fill_markers"] > 0 and before["edited_files"] == []
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    first = text.index("[FILL")
    readme.write_text(text[:first] + "Ada Quill" + text[text.index("]", first) + 1 :], encoding="utf-8")
    after = json.loads(cli("status", str(project), "--json").output)
    assert after["fill_markers"] == before["fill_markers"] - 1
    assert after["edited_files"] == ["README.md"]
    shown = cli("status", str(project)).output
    assert "README.md" in shown and "prooflane check" in shown


def test_status_on_a_missing_folder() -> None:
    result = CliRunner().invoke(main, ["status", "/nonexistent/prooflane"])
    assert result.exit_code == 2 and "not a folder" in result.output
