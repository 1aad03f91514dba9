"""The adoption report builds offline, carries the disclaimer and states a recommendation."""

from __future__ import annotations

from pathlib import Path

import pilot
import report


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
    assert page.count("data:image/png;base64,") == len(report.FIGURES)
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_report_surfaces_the_week3_dip(root: Path, tmp_path: Path) -> None:
    report.build(tmp_path, root / "data", root / "plan")
    md = (tmp_path / "adoption-report.md").read_text(encoding="utf-8")
    worst = pilot.worst_version(pilot.load_pilot(root / "data").daily)
    assert worst is not None
    assert f"Version {worst['version']} went live on day {worst['first_day']}" in md
