"""The author's decision memo: every section holds their text (a marker, or what replaced it), never nothing."""

from __future__ import annotations

import re
from pathlib import Path


def blank_sections(text: str) -> list[tuple[str, int]]:
    """(heading, line) of every '## ' section with no text under it."""
    out = []
    parts = re.split(r"^(## .+)$", text, flags=re.MULTILINE)
    for i in range(1, len(parts), 2):
        if not parts[i + 1].strip():
            out.append((parts[i][3:].strip(), text[: text.index(parts[i])].count("\n") + 1))
    return out


def test_no_section_of_the_decision_memo_is_left_blank(root: Path) -> None:
    blank = blank_sections((root / "decision-memo.md").read_text(encoding="utf-8"))
    assert not blank, "; ".join(
        f"decision-memo.md, line {line}: the section '{heading}' is empty; write it, or put back a FILL marker "
        "marker to finish later" for heading, line in blank
    )


def test_a_blank_section_is_found() -> None:
    text = "# Memo\n\n## Recommendation\n\n\n## Why\n\nBecause.\n"
    assert blank_sections(text) == [("Recommendation", 3)]
