"""The disclaimer block: one source of truth (data/disclaimer.json), rendered for Markdown and HTML.

Every generated Markdown and HTML file carries the block between the markers below, so that
``prooflane check`` can tell when it was removed or altered.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

BEGIN_MARK = "<!-- prooflane:disclaimer v{version} -->"
END_MARK = "<!-- /prooflane:disclaimer -->"
BLOCK_RE = re.compile(
    r"<!-- prooflane:disclaimer v(?P<version>\d+) -->(?P<body>.*?)<!-- /prooflane:disclaimer -->",
    re.DOTALL,
)


@dataclass(frozen=True)
class Disclaimer:
    """The disclaimer's title and items, as loaded from the package data."""

    version: int
    title: str
    items: tuple[tuple[str, str], ...]  # (id, text)


@lru_cache(maxsize=1)
def load() -> Disclaimer:
    """Load the disclaimer from the package data."""
    raw = json.loads(
        resources.files("scaffolder").joinpath("data/disclaimer.json").read_text(encoding="utf-8")
    )
    return Disclaimer(
        version=int(raw["version"]),
        title=raw["title"],
        items=tuple((item["id"], item["text"]) for item in raw["items"]),
    )


def _begin() -> str:
    return BEGIN_MARK.format(version=load().version)


def markdown() -> str:
    """The block for Markdown files (a quote that GitHub renders, between HTML comment markers)."""
    d = load()
    lines = [_begin(), f"> **{d.title}.** This is a portfolio project built for learning.", ">"]
    lines += [f"> - {text}" for _, text in d.items]
    lines.append(END_MARK)
    return "\n".join(lines)


def html_block() -> str:
    """The block for HTML pages."""
    d = load()
    items = "\n".join(f"    <li>{html.escape(text)}</li>" for _, text in d.items)
    return (
        f"{_begin()}\n"
        f'<aside class="prooflane-disclaimer" role="note">\n'
        f"  <p><strong>{html.escape(d.title)}.</strong> This is a portfolio project built for learning.</p>\n"
        f"  <ul>\n{items}\n  </ul>\n"
        f"</aside>\n"
        f"{END_MARK}"
    )


def plain_text() -> str:
    """The disclaimer as plain text lines (for terminals and comments)."""
    d = load()
    return "\n".join([f"{d.title}: this is a portfolio project built for learning."] + [f"- {t}" for _, t in d.items])


def canonical_block(fmt: str) -> str:
    """The exact block for ``fmt`` ("md" or "html")."""
    if fmt == "md":
        return markdown()
    if fmt == "html":
        return html_block()
    raise ValueError(f"unknown disclaimer format {fmt!r}")


def normalise(text: str) -> str:
    """Collapse white space so that re-wrapping alone does not count as an alteration."""
    return " ".join(text.split())


def find_blocks(text: str) -> list[re.Match[str]]:
    """All disclaimer blocks in ``text``."""
    return list(BLOCK_RE.finditer(text))


def block_is_intact(match: re.Match[str], fmt: str) -> bool:
    """True when a found block matches the canonical block for ``fmt`` (white space aside)."""
    return normalise(match.group(0)) == normalise(canonical_block(fmt))
