"""Generated blocks inside hand-edited Markdown files, refreshed without ever losing a hand edit.

A block sits between two marker lines::

    <!-- generated:raci 3f2a9c01b7e4 (edit plan/stakeholders.yaml, then run: make plan) -->
    ...
    <!-- /generated:raci -->

The code after the name is a hash of the block's text as last written. When the text no longer
matches it, someone edited the block by hand: the refresh stops with one sentence and writes nothing.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

START = "<!-- generated:{name} {digest} ({how}) -->"
END = "<!-- /generated:{name} -->"
PATTERN = r"<!-- generated:{name}(?: (?P<digest>[0-9a-f]+))?(?: \((?P<how>[^)\n]*)\))? -->\n(?P<body>.*?)\n?<!-- /generated:{name} -->"


class HandEditError(ValueError):
    """A generated block was edited by hand, or its markers are gone."""


def digest(body: str) -> str:
    """The 12-character hash recorded in a block's opening marker."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:12]


def block(name: str, body: str, how: str) -> str:
    """A whole block: markers around ``body``."""
    return "\n".join([START.format(name=name, digest=digest(body), how=how), body.strip("\n"), END.format(name=name)])


def _find(text: str, name: str) -> re.Match[str] | None:
    return re.compile(PATTERN.format(name=re.escape(name)), re.DOTALL).search(text)


def edited_blocks(text: str, names: list[str]) -> list[tuple[str, int]]:
    """(name, line) of every block whose text differs from what was last generated."""
    out = []
    for name in names:
        match = _find(text, name)
        body = match.group("body") if match else ""
        if match and match.group("digest") and body.strip() and digest(body) != match.group("digest"):
            out.append((name, text.count("\n", 0, match.start()) + 1))
    return out


def refresh(text: str, bodies: dict[str, tuple[str, str]], rel: str) -> str:
    """``text`` with every block ``name`` -> (body, how) refreshed; HandEditError when one was edited by hand."""
    edited = edited_blocks(text, list(bodies))
    if edited:
        name, line = edited[0]
        raise HandEditError(
            f"{rel}, line {line}: the generated '{name}' block was edited by hand, so it was not overwritten; "
            f"make the change in the source it names ({bodies[name][1]}), then delete the block's text between "
            "its two marker lines and run the command again"
        )
    for name, (body, how) in bodies.items():
        match = _find(text, name)
        if match is None:
            raise HandEditError(f"{rel} has no generated '{name}' block; restore its two marker lines "
                                f"('<!-- generated:{name} -->' and '<!-- /generated:{name} -->') where it belongs")
        text = text[: match.start()] + block(name, body, how) + text[match.end():]
    return text


def has_block(text: str, name: str) -> bool:
    """Whether ``text`` still holds the generated block ``name`` (its author may have taken it over)."""
    return _find(text, name) is not None


def refresh_file(path: Path, bodies: dict[str, tuple[str, str]], rel: str, check: bool = False) -> bool:
    """Refresh the blocks of ``path``; with ``check`` only compare. Returns True when the file was up to date."""
    current = path.read_text(encoding="utf-8")
    fresh = refresh(current, bodies, rel)
    if fresh != current and not check:
        path.write_text(fresh, encoding="utf-8")
    return fresh == current
