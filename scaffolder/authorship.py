"""Who wrote what: the byline, the worked-example label and the "My work" intro, from one data file.

A portfolio is a claim about a person, so every text prooflane writes into a project says it is
prooflane's, and the person's voice appears only where they write (the FILL markers).
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources

from scaffolder import __version__
from scaffolder.markers import fill


@lru_cache(maxsize=1)
def texts() -> dict[str, str]:
    """The authorship sentences (scaffolder/data/authorship.json), with the version filled in."""
    raw = json.loads(resources.files("scaffolder").joinpath("data/authorship.json").read_text(encoding="utf-8"))
    return {key: value.replace("{version}", __version__) for key, value in raw.items()}


def _short(author: str) -> str:
    return author.strip() or "the author"


def byline(role_title: str, author: str) -> str:
    """The README byline (Markdown): the role, the person, and that prooflane scaffolded the rest."""
    if author.strip():
        return texts()["byline"].format(role=role_title, author=author.strip(), author_short=_short(author))
    return texts()["byline_no_author"].format(role=role_title, fill=fill("your name"))


def example_note_md() -> str:
    """A Markdown quote that opens every worked example."""
    t = texts()
    return f"> **{t['example_label']}.** {t['example_note']}"


def example_note_html() -> str:
    """The same label for HTML pages."""
    t = texts()
    return (f'<p class="prooflane-example-label" role="note"><strong>{html.escape(t["example_label"])}.</strong> '
            f"{html.escape(t['example_note'])}</p>")


def my_work_intro(author: str) -> str:
    """The sentence under the "My work" heading."""
    return texts()["my_work_intro"].format(author_short=_short(author))


def generated_note() -> str:
    """A one-line note for generated files that are not the README (memos, sheets, pages)."""
    return texts()["generated_file_note"]
