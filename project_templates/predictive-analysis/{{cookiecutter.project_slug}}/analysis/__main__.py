"""python -m analysis [--out reports]: fit, validate, and write the report, model card and checklist."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import AnalysisError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    parser.add_argument("--out", default="reports", help="folder for the report files (default: reports)")
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    try:
        from analysis import choices, data

        # the cheap checks first, so a mistake in my_choices.yaml is reported before any model is fitted
        choices.load(root, data.header(root / "data" / "cohort.csv") or None)
        from analysis.report import build

        build(root, Path(args.out))
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out}/report.html, model_card.md, tripod_checklist.md and results.json.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
