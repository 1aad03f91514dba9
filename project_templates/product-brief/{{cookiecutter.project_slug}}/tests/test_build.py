"""The build writes self-contained, printable HTML pages with the disclaimer and the chart."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def built(bb, tmp_path_factory):
    """Build both briefs into a temporary folder (sources are checked, never rewritten)."""
    out = tmp_path_factory.mktemp("reports")
    return out, bb.build(out_dir=out, update=False)


def test_build_writes_a_page_and_a_chart_per_brief(bb, built) -> None:
    out, results = built
    assert {r.html.name for r in results} == {f"{p.stem}.html" for p in bb.BRIEFS if p.is_file()}
    for r in results:
        assert r.html.parent == out and r.html.is_file()
        assert r.png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert not r.stale, f"{r.source.name}: run `make brief` to refresh the evidence block"


def test_page_has_disclaimer_chart_and_print_css(bb, built) -> None:
    out, _ = built
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert bb.DISCLAIMER_HTML in page
    assert "<svg" in page and "<figure>" in page
    assert "@page { size: " + bb.PAGE_SIZE + ";" in page
    for heading in bb.REQUIRED_SECTIONS:
        assert f"<h2>{heading}</h2>" in page


def test_page_is_self_contained(built) -> None:
    out, _ = built
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"""src=["']?(?:https?:)?//|<link|<script""", text), f"{page.name} loads something"
        assert "@import" not in text


def test_user_brief_shows_what_is_left_to_write_without_repeating_the_markers(bb, built) -> None:
    out, results = built
    page = (out / "brief.html").read_text(encoding="utf-8")
    fills = next(r.fills for r in results if r.source.name == "brief.md")
    if fills:
        assert page.count('<mark class="fill"') == fills and "left to write" in page
    assert not bb.FILL_RE.search(page), "the page repeats marker syntax that status would count twice"


def test_build_is_deterministic(bb, built, tmp_path) -> None:
    out, _ = built
    again = bb.build(out_dir=tmp_path, update=False)
    for r in again:
        assert r.html.read_bytes() == (out / r.html.name).read_bytes()


def test_markdown_renders_lists_tables_quotes_and_escapes_html(bb) -> None:
    marker = "[" + "FILL: x]"  # built up so that this file holds no marker for the user to fill
    html = bb.markdown_to_html(f"- **a** <b>\n  - nested\n- {marker}\n\n| h | i |\n|---|---|\n| 1 | 2 |\n\n> q")
    assert "<strong>a</strong> &lt;b&gt;" in html and "<li>nested</li>" in html
    assert ">to write: x</mark>" in html
    assert "<table>" in html and "<blockquote>" in html


def test_markdown_edge_cases(bb) -> None:
    assert "<em><strong>x</strong></em>" in bb.markdown_to_html("***x***")
    assert "<td>a | b</td>" in bb.markdown_to_html("| h | i |\n|---|---|\n| a \\| b | c |")
    assert 'href="https://example.org/wiki/A_(b)"' in bb.markdown_to_html("[w](https://example.org/wiki/A_(b))")
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"):
        html = bb.markdown_to_html(f"[x]({bad})")
        assert "href" not in html, bad
    assert "<img" not in bb.markdown_to_html("![chart](https://example.org/x.png)")


@pytest.mark.parametrize("page", [p for p in ("worked-brief", "brief") if (ROOT / "examples" / f"{p}.md").is_file()
                                  or p == "brief"])
def test_prints_on_one_page_when_a_browser_is_available(built, tmp_path, page: str) -> None:
    names = ("chromium", "chromium-browser", "google-chrome")
    browser = next((shutil.which(n) for n in names if shutil.which(n)), None)
    if browser is None:
        pytest.skip("no Chromium here; the word and section limits are the one-page guard")
    out, _ = built
    pdf = tmp_path / f"{page}.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         (out / f"{page}.html").as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf.read_bytes()))
    assert pages == 1, f"{page}.html printed on {pages} pages; shorten the brief"


def test_command_line_check_mode(tmp_path) -> None:
    command = [sys.executable, str(ROOT / "scripts" / "build_brief.py"), "--check", "--out", str(tmp_path)]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "brief.html").is_file()
