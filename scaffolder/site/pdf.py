"""The portfolio PDF: the print page printed by a local Chromium (offline, system fonts), dates pinned.

Chromium stamps the time into the PDF; the stamp is replaced by a fixed one of the same length so
that two builds of the same projects give the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pdf-header-footer")
_DATE = re.compile(rb"\((D:\d{14}[^)]*)\)")


def find_browser() -> str | None:
    """A Chromium-family browser on PATH (or PROOFLANE_CHROMIUM)."""
    override = os.environ.get("PROOFLANE_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _pin_dates(data: bytes) -> bytes:
    def fixed(match: re.Match[bytes]) -> bytes:
        stamp = match.group(1)
        return b"(" + (b"D:20000101000000" + b"Z" * (len(stamp) - 16))[: len(stamp)] + b")"

    return _DATE.sub(fixed, data)


def print_pdf(page: Path, target: Path, page_size: str) -> tuple[Path | None, str]:
    """Print ``page`` to ``target``; (path, "") or (None, why there is no PDF)."""
    browser = find_browser()
    if browser is None:
        return None, ("No PDF: no Chromium browser was found (install chromium, or set PROOFLANE_CHROMIUM to its "
                      "path); the site itself is complete.")
    with tempfile.TemporaryDirectory(prefix="prooflane-chromium-") as profile:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", page.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=120, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"No PDF: the browser could not print the portfolio ({exc}); the site itself is complete."
    if done.returncode != 0 or not target.is_file():
        return None, "No PDF: the browser could not print the portfolio; the site itself is complete."
    target.write_bytes(_pin_dates(target.read_bytes()))
    return target, ""
