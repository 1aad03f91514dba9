"""The HTML of the portfolio's pages: landing page, one page per project, linked Markdown pages, print page."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from scaffolder import __version__, authorship, disclaimers

E = html.escape


@dataclass
class Card:
    """What the landing page and the print page show of one project."""

    slug: str
    title: str
    kind_title: str
    role_title: str
    summary: str
    skills: list[str]
    thumb: str | None
    thumb_alt: str
    passed: bool
    author: str
    mine: int
    changed: int
    generated: int
    limitations: str = ""
    pages: list[tuple[str, str]] = field(default_factory=list)  # (href, label)


def _head(title: str, depth: int) -> str:
    up = "../" * depth
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="prooflane {__version__}">\n'
            f"<title>{E(title)}</title>\n"
            f'<link rel="stylesheet" href="{up}assets/style.css">\n</head>\n<body>\n'
            '<a class="skip" href="#main">Skip to the content</a>\n')


def _header(person: str, cards: list[Card], depth: int, current: str | None) -> str:
    up = "../" * depth
    here = ' aria-current="page"' if current is None else ""
    items = [f'<li><a href="{up}index.html"{here}>Overview</a></li>']
    for card in cards:
        here = ' aria-current="page"' if card.slug == current else ""
        items.append(f'<li><a href="{up}projects/{E(card.slug)}/index.html"{here}>{E(card.title)}</a></li>')
    return (f'<header class="site"><div class="wrap"><p class="brand">{E(person)}</p>'
            f'<nav aria-label="Portfolio"><ul>{"".join(items)}</ul></nav></div></header>\n')


def _preview_banner(preview: bool) -> str:
    if not preview:
        return ""
    return ('<p class="banner preview" role="note"><strong>Private preview, not for publishing.</strong> '
            "Some projects still have unfinished work or safety findings; prooflane build without --preview "
            "lists them.</p>\n")


def _footer(depth: int) -> str:
    return (f'<footer class="site"><div class="wrap"><p>{E(authorship.texts()["tool_line"])} Each project page says '
            "which files the author wrote or changed and which are as prooflane generated them.</p></div></footer>\n"
            "</body>\n</html>\n")


def _badge(card: Card, preview: bool) -> str:
    if card.passed:
        return '<span class="badge ok">prooflane check passed, work finished</span>'
    return '<span class="badge preview">not ready: preview only</span>' if preview else ""


def landing(person: str, role: str, positioning: str, cards: list[Card], preview: bool) -> str:
    """index.html."""
    rows = []
    for card in cards:
        href = f"projects/{E(card.slug)}/index.html"
        img = (f'<img src="projects/{E(card.slug)}/{E(card.thumb)}" alt="{E(card.thumb_alt)}">' if card.thumb else "")
        skills = f"<p><strong>Skills shown:</strong> {E('; '.join(card.skills))}</p>" if card.skills else ""
        rows.append(
            f'<li class="card">{img}<h3><a href="{href}">{E(card.title)}</a></h3>'
            f'<p class="meta">{E(card.kind_title)} for {E(card.role_title)}</p>'
            f"<p>{E(card.summary)}</p>{skills}<p>{_badge(card, preview)}</p></li>")
    return (_head(f"{person}: portfolio", 0) + _header(person, cards, 0, None) +
            f'<main id="main" class="wrap">\n{_preview_banner(preview)}<h1>{E(person)}</h1>\n'
            f'<p class="meta">Target role: {E(role)}</p>\n<p class="lede">{E(positioning)}</p>\n'
            f'<section aria-labelledby="projects-heading"><h2 id="projects-heading">Projects</h2>\n'
            f'<ul class="cards">{"".join(rows)}</ul></section>\n{disclaimers.html_block()}\n</main>\n' + _footer(0))


def authorship_panel(card: Card, mine: list[str], changed: list[str]) -> str:
    """Who wrote what, from the manifest's hashes."""
    who = card.author or "The author"

    def listing(paths: list[str]) -> str:
        shown = "".join(f"<li><code>{E(p)}</code></li>" for p in paths[:12])
        more = f"<li>and {len(paths) - 12} more</li>" if len(paths) > 12 else ""
        return f"<ul>{shown}{more}</ul>" if paths else ""

    return (f'<section class="authorship" aria-labelledby="authorship-heading"><h2 id="authorship-heading">'
            f"Who wrote what</h2><p>{E(who)} added {card.mine} file(s) and changed {card.changed} generated "
            f"file(s); {card.generated} file(s) are as prooflane generated them (scaffold, synthetic data, worked "
            "examples, which are labelled as such).</p>"
            + (f"<p>Written by {E(who)}:</p>{listing(mine)}" if mine else "")
            + (f"<p>Generated, then changed by {E(who)}:</p>{listing(changed)}" if changed else "")
            + "</section>\n")


def project_page(person: str, cards: list[Card], card: Card, body: str, panel: str, diagrams: list[tuple[str, str]],
                 preview: bool) -> str:
    """projects/SLUG/index.html."""
    extra = ""
    if diagrams:
        figs = "".join(f'<figure class="diagram"><img src="{E(src)}" alt="{E(alt)}"><figcaption>{E(alt)}</figcaption>'
                       f"</figure>" for src, alt in diagrams)
        extra += f'<section aria-labelledby="diagrams-heading"><h2 id="diagrams-heading">Diagrams</h2>{figs}</section>'
    if card.pages:
        links = "".join(f'<li><a href="{E(href)}">{E(label)}</a></li>' for href, label in card.pages)
        extra += f'<section aria-labelledby="pages-heading"><h2 id="pages-heading">More from this project</h2><ul>{links}</ul></section>'
    return (_head(f"{card.title}: {person}", 2) + _header(person, cards, 2, card.slug) +
            f'<main id="main" class="wrap">\n{_preview_banner(preview)}<p class="meta">{E(card.kind_title)} for '
            f"{E(card.role_title)} · {_badge(card, preview)}</p>\n{panel}"
            f'<article class="readme">{body}</article>\n{extra}\n{disclaimers.html_block()}\n</main>\n' + _footer(2))


def sub_page(person: str, cards: list[Card], card: Card, title: str, body: str, depth: int, preview: bool) -> str:
    """A Markdown file of a project linked from its README, rendered."""
    return (_head(f"{title}: {card.title}", depth) + _header(person, cards, depth, card.slug) +
            f'<main id="main" class="wrap">\n{_preview_banner(preview)}<p class="meta">Part of '
            f'<a href="{"../" * (depth - 2)}index.html">{E(card.title)}</a></p>\n'
            f'<article class="readme">{body}</article>\n{disclaimers.html_block()}\n</main>\n' + _footer(depth))


def print_page(person: str, role: str, positioning: str, cards: list[Card], page_size: str, preview: bool) -> str:
    """print.html: a summary sheet, then one sheet per project (the PDF is printed from it)."""
    size = "A4" if page_size == "a4" else "letter"
    sheets = [f'<section class="sheet"><h1>{E(person)}</h1><p class="meta">Target role: {E(role)}</p>'
              f'<p class="lede">{E(positioning)}</p><h2>Projects</h2><ul>'
              + "".join(f"<li><strong>{E(c.title)}</strong>: {E(c.kind_title)} for {E(c.role_title)}</li>" for c in cards)
              + f"</ul>{_preview_banner(preview)}</section>"]
    for c in cards:
        img = f'<img src="projects/{E(c.slug)}/{E(c.thumb)}" alt="{E(c.thumb_alt)}">' if c.thumb else ""
        skills = f"<p><strong>Skills shown:</strong> {E('; '.join(c.skills))}</p>" if c.skills else ""
        limits = f"<h3>Limitations</h3><p>{E(c.limitations)}</p>" if c.limitations else ""
        sheets.append(
            f'<section class="sheet"><h2>{E(c.title)}</h2><p class="meta">{E(c.kind_title)} for {E(c.role_title)}</p>'
            f"<p>{E(c.summary)}</p>{skills}{img}<p>Who wrote what: {E(c.author or 'the author')} added {c.mine} "
            f"file(s) and changed {c.changed}; {c.generated} are as prooflane generated them.</p>{limits}"
            f"{_preview_banner(preview)}</section>")
    css = f"<style>@page {{ size: {size}; margin: 16mm; }}</style>\n"
    return (_head(f"{person}: portfolio (print)", 0).replace("</head>", css + "</head>") +
            f'<main id="main" class="wrap">{"".join(sheets)}{disclaimers.html_block()}</main>\n' + _footer(0))


def plain(markdown_text: str) -> str:
    """Markdown inline text reduced to plain words (for cards)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown_text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?<!\w)_+|_+(?!\w)", "", text)
    return " ".join(re.sub(r"[*`#>|]", "", text).split())
