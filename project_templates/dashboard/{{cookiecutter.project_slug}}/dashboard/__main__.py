"""``python -m dashboard [--out DIR]``: build the offline dashboard (``make dashboard`` runs this)."""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from dashboard.build import build
from dashboard.page import takeaways


def main(argv: list[str] | None = None) -> int:
    """Build the dashboard and print where it is and what it found."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    result = build(out_dir=args.out)
    print(f"Wrote {result.html} and {len(result.figures)} charts in {result.html.parent / 'figures'}")
    for line in takeaways(result.results).values():
        print(" -", html.unescape(re.sub(r"<[^>]+>", "", line)))
    print("Open the page in a browser; it needs no internet connection.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
