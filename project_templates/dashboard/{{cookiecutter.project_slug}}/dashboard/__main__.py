"""``python -m dashboard [--out DIR]``: build the offline dashboard (``make dashboard`` runs this)."""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from dashboard.build import build
from dashboard.page import takeaways
from dashboard.queries import ProjectError


def main(argv: list[str] | None = None) -> int:
    """Build the dashboard and print where it is and what it found; one sentence and exit 1 on a problem."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    try:
        result = build(out_dir=args.out)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {result.html} and {len(result.figures)} charts in {result.html.parent / 'figures'}")
    for line in takeaways(result.results).values():
        print(" -", html.unescape(re.sub(r"<[^>]+>", "", line)))
    if not result.author:
        print("Note: the README byline still has its FILL marker for the author's name; the dashboard header will "
              "show the name once it is written there.")
    for failed in result.failed:
        print(f"error: {failed.error}; its card on the page says so too.", file=sys.stderr)
    if result.failed:
        return 1
    print("Open the page in a browser; it needs no internet connection.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
