"""Manifest-aware rules on a generated project: disclaimers, data files, FILL markers, suppression."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scaffolder import disclaimers
from scaffolder.check import check_paths, exit_code


@pytest.fixture()
def project(baked, tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(baked("dashboard"), target)
    return target


def _cats(report) -> list[str]:
    return sorted({f.category for f in report.findings})


def test_fresh_project_has_only_fill_markers(project: Path) -> None:
    report = check_paths([project])
    assert _cats(report) in ([], ["fill.unfilled"])
    assert all(f.severity == "warning" for f in report.findings)
    assert exit_code(report) == 0 and not report.problems and not report.to_confirm


def test_removed_disclaimer_is_an_error(project: Path) -> None:
    readme = project / "README.md"
    readme.write_text(disclaimers.BLOCK_RE.sub("", readme.read_text(encoding="utf-8")), encoding="utf-8")
    report = check_paths([project])
    missing = [f for f in report.findings if f.category == "disclaimer.missing"]
    assert [(Path(f.path).name, f.severity) for f in missing] == [("README.md", "error")]
    assert exit_code(report) == 1


def test_altered_disclaimer_is_an_error_but_rewrapping_is_not(project: Path) -> None:
    readme = project / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(text.replace("> - Not medical advice:", ">  -   Not medical advice:"), encoding="utf-8")
    assert "disclaimer.altered" not in _cats(check_paths([project]))
    readme.write_text(text.replace("Not medical advice", "Medical advice"), encoding="utf-8")
    altered = [f for f in check_paths([project]).findings if f.category == "disclaimer.altered"]
    assert altered and altered[0].severity == "error"


def test_user_page_without_disclaimer_is_only_a_note(project: Path) -> None:
    (project / "NOTES.md").write_text("My own notes.\n", encoding="utf-8")
    found = [f for f in check_paths([project]).findings if f.category == "disclaimer.missing"]
    assert [(Path(f.path).name, f.severity) for f in found] == [("NOTES.md", "info")]


def test_undeclared_and_changed_data_files(project: Path) -> None:
    (project / "data" / "real_export.csv").write_text("visit,count\nA,1\n", encoding="utf-8")
    synthetic = next((project / "data").glob("*.csv"))
    with synthetic.open("a", encoding="utf-8") as handle:
        handle.write("\n")
    found = {Path(f.path).name: f for f in check_paths([project]).findings if f.category == "data.undeclared"}
    assert set(found) == {"real_export.csv", synthetic.name}
    assert found["real_export.csv"].severity == "warning"
    assert "changed since it was generated" in found[synthetic.name].message


def test_suppression_with_reason_is_counted_and_without_reason_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "<!-- prooflane: allow phi.phone -- reason: the clinic's public switchboard, printed on its website -->\n"
        "Switchboard: 312-448-9051.\n"
        "Desk 312-448-9052 <!-- prooflane: allow phi.phone -->\n",
        encoding="utf-8",
    )
    report = check_paths([page])
    assert report.suppressed == 1
    assert sorted(f.category for f in report.findings) == ["phi.phone", "suppression.invalid"]
    assert report.summary()["suppressed"] == 1
