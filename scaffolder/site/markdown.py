"""Markdown to safe HTML for portfolio pages, rendered the way GitHub renders a README (cmark-gfm).

Raw HTML in a README is dropped (cmark-gfm's safe mode), and so are links and images that are not
http(s), mailto, in-page or relative (``javascript:``, ``data:``, ``vbscript:``, ``file:``). Relative
targets are rewritten to the copies the site makes. HTML comments (prooflane's markers) go first.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATTR = re.compile(r'(?P<name>href|src)="(?P<url>[^"]*)"')
_MERMAID = re.compile(r"^\s{0,3}(?:```|~~~)\s*mermaid\b", re.MULTILINE | re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_PRE_LANG = re.compile(r'<pre lang="([^"]*)"><code')


@dataclass
class Rendered:
    """HTML plus what it points at inside the project (project-relative POSIX paths)."""

    html: str
    images: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    mermaid: int = 0


def is_safe_url(url: str) -> bool:
    """Only web, mail, in-page and relative targets."""
    text = url.strip()
    if not text:
        return False
    scheme = _SCHEME.match(text)
    return scheme is None or scheme.group(0).lower() in ("http:", "https:", "mailto:")


def local_target(url: str, base: str) -> str | None:
    """The project-relative path a relative URL points at (None for web links or paths leaving the project)."""
    if _SCHEME.match(url) or url.startswith(("#", "/")):
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    return None if joined.startswith("..") else joined


def _to_html(text: str) -> str:
    import cmarkgfm

    html_text = str(cmarkgfm.github_flavored_markdown_to_html(text))
    # A code block's language is no human language: <pre lang="bash"> would fail WCAG's valid-lang check.
    return _PRE_LANG.sub(lambda m: f'<pre><code class="language-{m.group(1)}"', html_text)


def render(text: str, *, base: str, rewrite: Callable[[str], str | None]) -> Rendered:
    """Render ``text`` (the file ``base`` in a project); ``rewrite`` maps a project path to its site URL."""
    source = _COMMENT.sub("", text)
    result = Rendered("", mermaid=len(_MERMAID.findall(source)))

    def fix(match: re.Match[str]) -> str:
        name, url = match.group("name"), html.unescape(match.group("url"))
        if not is_safe_url(url):
            return ""
        target = local_target(url, base)
        if target is None:
            return match.group(0)
        (result.images if name == "src" else result.links).append(target)
        new = rewrite(target)
        if new is None:
            return ""
        anchor = "#" + url.split("#", 1)[1] if "#" in url else ""
        return f'{name}="{html.escape(new + anchor, quote=True)}"'

    out = _ATTR.sub(fix, _to_html(source)).replace("<a >", "<a>").replace("<!-- raw HTML omitted -->", "")
    out = re.sub(r"<img(?![^>]*\bsrc=)[^>]*>", "", out)  # an image whose target was dropped
    result.html = _keyboard_scrollable(out)
    return result


def _keyboard_scrollable(html_text: str) -> str:
    """Wide tables and code scroll sideways; make each such region reachable by keyboard (WCAG 2.1.1)."""
    count = 0

    def wrap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return (f'<div class="scroll" tabindex="0" role="region" aria-label="Table {count} (scrolls sideways)">'
                f"{match.group(0)}</div>")

    html_text = re.sub(r"<table>.*?</table>", wrap, html_text, flags=re.DOTALL)
    return re.sub(r"<pre(?=[ >])", '<pre tabindex="0"', html_text)
