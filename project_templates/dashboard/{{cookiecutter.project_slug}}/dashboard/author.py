"""The author's name for the dashboard header, read from the README byline (the one place it is written)."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard import project
from dashboard.queries import ProjectError

_BY = re.compile(r"portfolio project\*\* by (?P<name>.*?)\. Scaffolded with prooflane")
_AUTHOR = re.compile(r"Author:(?P<name>.*)$")


def author_from_readme(root: Path) -> str:
    """The name in the README byline; "" while it is still a FILL marker; ProjectError when it was left blank."""
    path = root / "README.md"
    if not path.is_file():
        return project.AUTHOR
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if "portfolio project" not in line or "Scaffolded with prooflane" not in line:
            continue
        match = _BY.search(line) or _AUTHOR.search(line)
        if not match:
            return project.AUTHOR
        name = match.group("name").strip().strip("*_").strip()
        if "[" + "FILL:" in name:
            return ""
        if not name:
            raise ProjectError(f"README.md line {number}: the byline's author name was removed and left blank; "
                               "write your name there (the dashboard header shows it), then run make dashboard again.")
        return name
    return project.AUTHOR
