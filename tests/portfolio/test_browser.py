"""The built portfolio in a real browser: Playwright driving the system Chromium, axe-core in every page.

Needs the `playwright` package, a Chromium (Debian's `chromium`; PROOFLANE_CHROMIUM overrides) and
axe-core from npm (PROOFLANE_AXE_JS, or node_modules/axe-core/axe.min.js here or in .ci/node).
.ci/run installs all three; elsewhere the tests skip, saying which one is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from scaffolder.site.build import build_portfolio
from tests.conftest import REPO

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium() -> str:
    path = os.environ.get("PROOFLANE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("no Chromium browser installed (apt-get install chromium)")
    return path


def _axe() -> str:
    candidates = [os.environ.get("PROOFLANE_AXE_JS", ""), str(REPO / "node_modules/axe-core/axe.min.js"),
                  str(REPO / ".ci/node/node_modules/axe-core/axe.min.js")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    pytest.skip("axe-core is not installed (npm install axe-core; .ci/run does this)")
    raise AssertionError  # unreachable


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    executable = _chromium()
    with sync_api.sync_playwright() as p:
        try:
            instance = p.chromium.launch(executable_path=executable, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
        except Exception as exc:  # the browser cannot start here (no display libraries, sandbox rules)
            pytest.skip(f"Chromium could not start: {str(exc).splitlines()[0]}")
        yield instance
        instance.close()


def test_every_page_is_offline_accessible_and_error_free(browser, filled: Path, tmp_path: Path) -> None:
    axe = _axe()
    result = build_portfolio([filled], tmp_path / "site", pdf=False)
    site = tmp_path / "site"
    html_pages = [p for p in result.pages if p.endswith(".html")]
    assert len(html_pages) >= 4
    for rel in html_pages:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        errors: list[str] = []
        page.on("request", lambda req, outside=outside: outside.append(req.url)
                if not req.url.startswith(("file:", "data:", "about:")) else None)
        page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.goto((site / rel).as_uri())
        page.wait_for_load_state("load")
        page.add_script_tag(content=axe)
        report = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})", AXE_TAGS)
        violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in report["violations"]]
        assert violations == [], f"{rel}: {violations}"
        assert outside == [], f"{rel} asked the network for {outside}"
        assert errors == [], f"{rel}: console errors {errors}"
        shot = page.screenshot(full_page=True)
        assert len(shot) > 15_000, f"{rel} looks blank"
        assert len(page.inner_text("main")) > 200, f"{rel} has almost no text"
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert broken == [], f"{rel}: images that did not load {broken}"
        missing_alt = page.evaluate("[...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.src)")
        assert missing_alt == [], f"{rel}: images without alt text {missing_alt}"
        page.keyboard.press("Tab")
        focused = page.evaluate("() => [document.activeElement.className, getComputedStyle(document.activeElement)"
                                ".outlineStyle, document.activeElement.getBoundingClientRect().left]")
        assert focused[0] == "skip" and focused[1] != "none" and focused[2] >= 0, f"{rel}: skip link not focusable"
        page.close()


def test_the_pdf_has_a_summary_and_a_page_per_project(filled: Path, tmp_path: Path) -> None:
    _chromium()
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")
    for size, width in (("letter", 612), ("a4", 595)):
        result = build_portfolio([filled], tmp_path / size, pdf=True, page_size=size)
        assert result.pdf is not None, result.pdf_note
        reader = pypdf.PdfReader(str(result.pdf))
        assert len(reader.pages) >= 1 + len(result.projects)
        assert round(float(reader.pages[0].mediabox.width)) == width
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "Dana Reyes" in text and "About this project" in text
        for slug in result.projects:
            title = (tmp_path / size / "projects" / slug / "index.html").read_text(encoding="utf-8")
            heading = title.split("<h1>", 1)[1].split("</h1>", 1)[0]
            assert heading.split()[0] in text, slug
