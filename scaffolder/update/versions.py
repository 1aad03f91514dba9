"""Template versions: what is installed, and comparing versions."""

from __future__ import annotations

import re

from scaffolder.templates import load_context


def template_version(kind: str) -> str:
    """The installed template version of a kind."""
    return str(load_context(kind)["_template_version"])


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version)[:4]) or (0,)


def is_newer(a: str, b: str) -> bool:
    """True when version ``a`` is newer than ``b``."""
    return _key(a) > _key(b)


def changelog(kind: str, after: str, upto: str) -> str:
    """The CHANGELOG.md sections of a kind's template for versions newer than ``after``, up to ``upto``."""
    from scaffolder.templates import template_dir

    path = template_dir(kind) / "CHANGELOG.md"
    if not path.is_file():
        return ""
    sections = re.split(r"(?m)^(?=## )", path.read_text(encoding="utf-8"))
    kept = []
    for section in sections:
        match = re.match(r"## \[?v?(\d+(?:\.\d+)*)", section)
        if match and is_newer(match.group(1), after) and not is_newer(match.group(1), upto):
            kept.append(section.strip())
    return "\n\n".join(kept)
