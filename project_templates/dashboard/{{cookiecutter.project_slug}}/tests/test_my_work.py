"""The author's slots are either still FILL markers or filled in: never emptied and left blank."""

from __future__ import annotations

import re
from pathlib import Path

SLOT = re.compile(r"^- \*\*(?P<label>[^*]+):\*\*(?P<rest>.*)$")


def test_my_work_slots_are_not_left_blank(root: Path) -> None:
    text = (root / "README.md").read_text(encoding="utf-8")
    section = text.split("## My work", 1)[1].split("\n## ", 1)[0] if "## My work" in text else ""
    blank = [m.group("label") for m in map(SLOT.match, section.splitlines()) if m and not m.group("rest").strip()]
    assert not blank, (f"README.md, My work: {', '.join(blank)} was emptied and left blank; write your own text there "
                       "(or restore the FILL marker until you do)")


def test_findings_bullets_are_not_left_blank(root: Path) -> None:
    lines = (root / "findings.md").read_text(encoding="utf-8").splitlines()
    blank = [n for n, line in enumerate(lines, 1) if line.strip() == "-"]
    assert not blank, (f"findings.md line(s) {', '.join(map(str, blank))}: a bullet was emptied and left blank; write "
                       "your own text there (or restore the FILL marker until you do)")


def test_the_byline_names_the_author_or_still_asks_for_it(root: Path) -> None:
    from dashboard.author import author_from_readme

    author_from_readme(root)  # raises a one-sentence ProjectError when the name was removed and left blank
