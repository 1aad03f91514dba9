"""The adoption report and the worked figures build offline, carry the disclaimer and follow the data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pilot
import pytest
import report
import worked


def test_report_builds_with_disclaimer_and_charts(root: Path, tmp_path: Path) -> None:
    decision = report.build(tmp_path, root / "data", root / "plan")
    md = (tmp_path / "adoption-report.md").read_text(encoding="utf-8")
    page = (tmp_path / "adoption-report.html").read_text(encoding="utf-8")
    assert report.DISCLAIMER_MD in md
    assert report.DISCLAIMER_HTML in page
    for name in report.FIGURES:
        figure = tmp_path / "figures" / name
        assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert f"figures/{name}" in md
    assert report.OUTCOME_TEXT[decision.outcome] in md
    assert report.TOOL_LINE in page
    assert page.count("data:image/png;base64,") == len(report.FIGURES)
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_report_states_the_stop_rule_from_the_log(root: Path, tmp_path: Path) -> None:
    report.build(tmp_path, root / "data", root / "plan")
    md = (tmp_path / "adoption-report.md").read_text(encoding="utf-8")
    breach = pilot.stop_rule_breach(pilot.load_pilot(root / "data").reports)
    if breach:
        assert f"The stop rule fired on day {breach['last_day']}" in md
    else:
        assert "The stop rule held" in md


def test_worked_figures_are_up_to_date(root: Path) -> None:
    assert worked.write(root, check=True) == [], "run: make report"


def test_worked_story_follows_a_changed_threshold(root: Path, tmp_path: Path) -> None:
    copy = tmp_path / "project"
    for part in ("data", "plan", "schemas", "examples"):
        shutil.copytree(root / part, copy / part)
    shutil.copy(root / "README.md", copy / "README.md")
    path = copy / "plan" / "go-no-go.yaml"
    text = path.read_text(encoding="utf-8")
    for old in ("threshold: 0.90", "threshold: 0.80"):
        text = text.replace(old, "threshold: 0.50")
    path.write_text(text, encoding="utf-8")
    assert "README.md" in worked.write(copy)
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "| Pilot staff who finished all four required modules | at least 50% |" in readme
    assert worked.write(copy, check=True) == []


def test_a_missing_data_file_is_one_sentence(root: Path, tmp_path: Path) -> None:
    shutil.copytree(root / "data", tmp_path / "data")
    (tmp_path / "data" / "adoption-daily.csv").unlink()
    with pytest.raises(pilot.DataError, match=r"^data/adoption-daily\.csv is missing; write it again with: prooflane"):
        pilot.load_pilot(tmp_path / "data")
    (tmp_path / "data" / "staff-roster.csv").write_text("", encoding="utf-8")
    with pytest.raises(pilot.DataError, match=r"^data/staff-roster\.csv is empty"):
        pilot.load_pilot(tmp_path / "data")
