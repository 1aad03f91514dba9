"""The dashboard builds offline: a self-contained page with the disclaimer, takeaways and the SQL."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import project
from dashboard.charts import CHARTS
from dashboard.page import takeaways

NAME_MARKER = re.escape("Author: [" + "FILL: your name]")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_page_and_charts_are_written(built) -> None:
    assert built.html.is_file()
    assert set(built.figures) == set(CHARTS)
    for path in built.figures.values():
        data = path.read_bytes()
        assert data.startswith(PNG_SIGNATURE)
        assert len(data) > 10_000, f"{path.name} looks empty"


def test_page_carries_the_disclaimer_exactly(built) -> None:
    page = built.html.read_text(encoding="utf-8")
    assert project.DISCLAIMER_HTML in page
    assert page.count("<!-- prooflane:disclaimer v") == 1


def test_page_loads_nothing_from_the_network(built) -> None:
    page = built.html.read_text(encoding="utf-8")
    assert not re.search(r"https?://", page)
    assert "<script" not in page.lower()
    assert not re.search(r"<link\b", page, flags=re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["'](?!data:|#)""", page)
    assert page.count('src="data:image/png;base64,') == len(CHARTS)


def test_page_names_its_authorship(built) -> None:
    page = built.html.read_text(encoding="utf-8")
    assert project.EXAMPLE_NOTE_HTML in page
    assert project.TOOL_LINE in page
    if built.author:
        assert f"by <strong>{html.escape(built.author)}</strong>" in page
    else:
        assert "author not named yet" in page


def test_page_shows_each_takeaway_and_its_sql(built) -> None:
    page = built.html.read_text(encoding="utf-8")
    for query, line in takeaways(built.results).items():
        assert line in page
        assert f"sql/{query}.sql" in page
    for label in ("Appointments", "No-show rate", "Median wait"):
        assert label in page


def test_takeaways_quote_the_numbers(built) -> None:
    lines = takeaways(built.results)
    bands = built.results["02_no_show_by_lead_time"].records()
    assert f"{bands[0]['no_show_pct']:.1f}%" in lines["02_no_show_by_lead_time"]
    assert f"{bands[-1]['no_show_pct']:.1f}%" in lines["02_no_show_by_lead_time"]
    for line in lines.values():
        assert re.search(r"\d", line)


def _copy(root: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".venv", "reports", "__pycache__", ".pytest_cache"))
    return copy


def test_a_query_the_author_adds_gets_its_own_card(root: Path, tmp_path: Path) -> None:
    from dashboard.build import build

    copy = _copy(root, tmp_path)
    (copy / "sql" / "20_specialty.sql").write_text(
        "-- Question: which specialty has the most missed appointments?\n"
        "SELECT specialty, count(*) AS appointments, sum(no_show) AS no_shows FROM appointments "
        "GROUP BY specialty ORDER BY no_shows DESC;\n", encoding="utf-8")
    (copy / "sql" / "21_broken.sql").write_text("SELEC nothing FROM nowhere;\n", encoding="utf-8")
    result = build(copy, tmp_path / "out")
    page = result.html.read_text(encoding="utf-8")
    assert 'id="20_specialty"' in page and "which specialty has the most missed appointments" in page.lower()
    assert "Family medicine" in page
    assert 'id="21_broken"' in page and "This query did not run." in page
    assert [r.name for r in result.failed] == ["21_broken"]


def test_the_header_shows_the_name_written_in_the_readme(root: Path, tmp_path: Path) -> None:
    from dashboard.build import build

    copy = _copy(root, tmp_path)
    readme = copy / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = re.sub(NAME_MARKER, "Author: Zoë O'Neil", text)
    text = re.sub(r"portfolio project\*\* by .*?\. Scaffolded", "portfolio project** by Zoë O'Neil. Scaffolded", text)
    readme.write_text(text, encoding="utf-8")
    page = build(copy, tmp_path / "out").html.read_text(encoding="utf-8")
    assert "by <strong>Zoë O&#x27;Neil</strong>" in page


@pytest.mark.parametrize("edit", ["data deleted", "data emptied", "wrong column", "broken core query",
                                  "author left blank", "bad value"])
def test_a_broken_project_gets_one_sentence_and_nothing_is_written(root: Path, tmp_path: Path, edit: str) -> None:
    copy = _copy(root, tmp_path)
    data = copy / "data" / "appointments.csv"
    if edit == "data deleted":
        data.unlink()
    elif edit == "data emptied":
        data.write_text("", encoding="utf-8")
    elif edit == "wrong column":
        lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
        data.write_text(lines[0].replace("no_show", "noshow") + "".join(lines[1:]), encoding="utf-8")
    elif edit == "broken core query":
        (copy / "sql" / "04_weekday.sql").write_text("SELECT weekday FROM nowhere;\n", encoding="utf-8")
    elif edit == "author left blank":
        readme = copy / "README.md"
        text = readme.read_text(encoding="utf-8")
        text = re.sub(NAME_MARKER, "Author: ", text)
        text = re.sub(r"portfolio project\*\* by .*?\. Scaffolded", "portfolio project** by . Scaffolded", text)
        readme.write_text(text, encoding="utf-8")
    else:
        lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
        cells = lines[5].split(",")
        cells[6] = "soon"
        lines[5] = ",".join(cells)
        data.write_text("".join(lines), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "dashboard", "--out", str(tmp_path / "out")], cwd=copy,
                         capture_output=True, text=True, env={**os.environ, "MPLBACKEND": "Agg"}, check=False)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert not (tmp_path / "out" / "dashboard.html").exists(), "nothing is written when the build fails"
