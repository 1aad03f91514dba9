"""prooflane build: what it publishes, what it refuses, and that it never harms a user's files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder.cli import main
from scaffolder.site.build import build_portfolio
from scaffolder.site.collect import BuildError, BuildRefused
from scaffolder.site.markdown import render


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_filled_projects_build_a_site(filled: Path, tmp_path: Path) -> None:
    result = build_portfolio([filled], tmp_path / "site", pdf=False)
    site = tmp_path / "site"
    assert len(result.projects) == 3 and not result.preview
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Dana Reyes" in index and index.count('class="card"') == 3
    for slug in result.projects:
        page = (site / "projects" / slug / "index.html").read_text(encoding="utf-8")
        assert "Who wrote what" in page and "prooflane:disclaimer" in page
        assert "Private preview" not in page


def test_unfinished_work_is_refused_with_what_to_fix(portfolio_source: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildRefused) as refused:
        build_portfolio([portfolio_source], tmp_path / "site", pdf=False)
    assert "FILL marker in README.md" in str(refused.value) and "--preview" in str(refused.value)
    assert not (tmp_path / "site").exists()


def test_preview_is_marked_on_every_page(portfolio_source: Path, tmp_path: Path) -> None:
    result = build_portfolio([portfolio_source], tmp_path / "site", pdf=False, preview=True)
    for page in result.pages:
        if page.endswith(".html"):
            assert "Private preview, not for publishing" in (tmp_path / "site" / page).read_text(encoding="utf-8"), page


def test_a_planted_real_ssn_makes_build_refuse(filled: Path, tmp_path: Path) -> None:
    project = sorted(filled.iterdir())[0]
    (project / "notes.md").write_text("Patient John Smith, SSN 123-45-6789, seen on 3/4/2024.\n", encoding="utf-8")
    with pytest.raises(BuildRefused) as refused:
        build_portfolio([filled], tmp_path / "site", pdf=False)
    assert "safety error" in str(refused.value) and "phi." in str(refused.value)


def test_authorship_panel_lists_the_persons_files(filled: Path, tmp_path: Path) -> None:
    project = sorted(filled.iterdir())[0]
    (project / "my-notes.md").write_text("# Notes\n\nWhat I learned.\n", encoding="utf-8")
    build_portfolio([filled], tmp_path / "site", pdf=False)
    page = (tmp_path / "site" / "projects" / project.name / "index.html").read_text(encoding="utf-8")
    assert "<code>my-notes.md</code>" in page and "<code>README.md</code>" in page  # added, and edited


def test_two_builds_give_identical_bytes(filled: Path, tmp_path: Path) -> None:
    build_portfolio([filled], tmp_path / "a", pdf=True)
    build_portfolio([filled], tmp_path / "b", pdf=True)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_rebuild_replaces_only_its_own_site(filled: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build_portfolio([filled], site, pdf=False)
    build_portfolio([filled], site, pdf=False)  # a site prooflane built may be replaced
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "cv.docx").write_bytes(b"my cv")
    with pytest.raises(BuildError, match="not empty"):
        build_portfolio([filled], mine, pdf=False)
    assert (mine / "cv.docx").read_bytes() == b"my cv"


def test_output_inside_a_project_is_refused(filled: Path) -> None:
    project = sorted(filled.iterdir())[0]
    before = _tree(project)
    with pytest.raises(BuildError, match="project"):
        build_portfolio([filled], project / "site", pdf=False)
    with pytest.raises(BuildError, match="project"):
        build_portfolio([filled], project, pdf=False)
    assert _tree(project) == before


def test_bad_input(tmp_path: Path, filled: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(BuildError, match="not a prooflane project"):
        build_portfolio([plain], tmp_path / "site", pdf=False)
    with pytest.raises(BuildError, match="does not exist"):
        build_portfolio([tmp_path / "nope"], tmp_path / "site", pdf=False)
    twin = tmp_path / "other" / sorted(filled.iterdir())[0].name
    shutil.copytree(sorted(filled.iterdir())[0], twin)
    with pytest.raises(BuildError, match="share the folder name"):
        build_portfolio([filled, twin.parent], tmp_path / "site", pdf=False)
    big = sorted(filled.iterdir())[1] / "README.md"
    big.write_text("# Big\n\n" + "word " * (2_200_000), encoding="utf-8")
    with pytest.raises(BuildError, match="MB"):
        build_portfolio([filled], tmp_path / "site", pdf=False)


def test_cli_errors_are_one_sentence(tmp_path: Path, portfolio_source: Path) -> None:
    runner = CliRunner()
    refused = runner.invoke(main, ["build", str(portfolio_source), "-o", str(tmp_path / "s"), "--no-pdf"])
    assert refused.exit_code == 1 and refused.output.startswith("Error: Not publishing")
    missing = runner.invoke(main, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "s")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    ok = runner.invoke(main, ["build", str(portfolio_source), "-o", str(tmp_path / "s"), "--no-pdf", "--preview",
                              "--json"])
    assert ok.exit_code == 0 and json.loads(ok.output)["preview"] is True


def test_readme_html_and_dangerous_links_are_neutralised() -> None:
    text = ('# T\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) '
            '[data](data:text/html,hi) [ok](https://example.org/a_(b)) [rel](findings.md)\n\n'
            '| a | b \\| c |\n|---|---|\n| 1 | 2 |\n\n***x***\n')
    out = render(text, base="README.md", rewrite=lambda target: f"pages/{target}").html
    assert "<script" not in out and "onerror" not in out and "alert(1)</script>" not in out
    assert "href=\"javascript" not in out and "href=\"data:" not in out  # left as plain text, never a link
    assert 'href="https://example.org/a_(b)"' in out and 'href="pages/findings.md"' in out
    assert "<td>2</td>" in out and "b | c" in out
    assert "<em><strong>x</strong></em>" in out


def test_init_repo_lays_out_a_pages_repository(tmp_path: Path) -> None:
    import yaml

    result = CliRunner().invoke(main, ["build", "--init-repo", str(tmp_path / "portfolio")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "portfolio"
    workflow = yaml.safe_load((root / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    runs = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert any("prooflane check projects" in r for r in runs) and any("prooflane build projects" in r for r in runs)
    uses = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    assert all(len(u.split("@")[1]) == 40 for u in uses)
    assert "Settings, Pages" in (root / "README.md").read_text(encoding="utf-8")
    again = CliRunner().invoke(main, ["build", "--init-repo", str(root)])
    assert again.exit_code == 2 and "not an empty folder" in again.output


def test_plan_md_beside_the_projects_sets_the_landing_page(filled: Path, tmp_path: Path) -> None:
    (filled.parent / "PLAN.md").write_text(
        "# Career plan: Healthcare AI Implementation Specialist\n\n"
        "Your version, tied to your past work: I help clinics pilot documentation tools safely.\n", encoding="utf-8")
    build_portfolio([filled], tmp_path / "site", pdf=False)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Target role: Healthcare AI Implementation Specialist" in index
    assert "I help clinics pilot documentation tools safely." in index


def test_pages_workflow_passes_zizmor_and_the_schema(tmp_path: Path) -> None:
    import subprocess

    from tests.test_generated_ci import _tool

    CliRunner().invoke(main, ["build", "--init-repo", str(tmp_path / "portfolio")])
    workflow = tmp_path / "portfolio" / ".github/workflows/pages.yml"
    audit = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(workflow)], capture_output=True, text=True)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    valid = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
                           capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr
