"""The command-line face of the check, shared by ``prooflane check`` and ``python -m scaffolder.check``."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from scaffolder.check import check_paths, exit_code, render

FORMATS: tuple[str, ...] = ("text", "json", "sarif")


def run_check(
    paths: Sequence[str | Path],
    *,
    fmt: str = "text",
    fail_on: str = "error",
    exclude: Sequence[str] = (),
    max_mb: int = 64,
    output: Path | None = None,
) -> int:
    """Scan, print (or write) the report, and return the exit code: 0 clean, 1 findings, 2 usage errors."""
    report = check_paths(list(paths) or ["."], fail_on=fail_on, max_bytes=max_mb << 20, exclude=exclude)
    if output is not None:
        output.write_text(render(report, fmt, stream=None) if fmt != "text" else _plain(report), encoding="utf-8")
        print(f"Wrote the {fmt} report to {output}.", file=sys.stderr)
    else:
        sys.stdout.write(render(report, fmt, stream=sys.stdout))
    code = exit_code(report, fail_on)
    if code == 2 and fmt != "text":
        for message in report.usage_errors:
            print(f"Error: {message}", file=sys.stderr)
    return code


def _plain(report) -> str:
    from scaffolder.check.report import to_text

    return to_text(report, colour=False)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m scaffolder.check [PATH ...]`` with the same options as ``prooflane check``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m scaffolder.check",
                                     description="Scan files or folders before sharing them (a first pass, not a "
                                                 "HIPAA compliance statement).")
    parser.add_argument("paths", nargs="*", default=["."])
    parser.add_argument("--format", dest="fmt", choices=FORMATS, default="text")
    parser.add_argument("--fail-on", choices=("info", "warning", "error", "never"), default="error")
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    parser.add_argument("--max-mb", type=int, default=64)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    return run_check(args.paths, fmt=args.fmt, fail_on=args.fail_on, exclude=args.exclude, max_mb=args.max_mb,
                     output=args.output)
