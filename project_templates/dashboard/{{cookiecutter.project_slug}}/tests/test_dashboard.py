"""The dashboard builds offline: a self-contained page with the disclaimer, takeaways and the SQL."""

from __future__ import annotations

import re

from dashboard import project
from dashboard.charts import CHARTS
from dashboard.page import takeaways

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
