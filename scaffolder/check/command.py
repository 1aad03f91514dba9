"""The command-line face of the check: ``prooflane check`` (``python -m scaffolder.check`` runs the same command)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from scaffolder.check import check_paths, exit_code, render

FORMATS: tuple[str, ...] = ("text", "json", "sarif")


def output_problem(output: Path, paths: Sequence[str | Path], force: bool) -> str | None:
    """Why the report may not be written to ``output`` (None when it may): never over a scanned file,
    never over an existing file without ``--force``."""
    try:
        target = output.resolve()
    except (OSError, RuntimeError):
        target = output.absolute()
    for raw in list(paths) or ["."]:
        base = Path(raw).absolute()
        with contextlib.suppress(OSError):
            base = base.resolve()
        if target == base or (base.is_dir() and base in target.parents and output.exists()):
            return (f"-o {output} would overwrite a file that is being scanned; write the report outside the "
                    "scanned paths.")
    if output.is_dir():
        return f"-o {output} is a folder; give a file name."
    if output.exists() and not force:
        return f"-o {output} already exists; choose another file name, or add --force to replace it."
    return None


def run_check(
    paths: Sequence[str | Path],
    *,
    fmt: str = "text",
    fail_on: str = "error",
    exclude: Sequence[str] = (),
    max_mb: int = 64,
    output: Path | None = None,
    force: bool = False,
    allow_truncated: bool = False,
    show_values: bool = False,
) -> int:
    """Scan, print (or write) the report, and return the exit code: 0 clean, 1 findings, 2 usage errors."""
    if output is not None:
        problem = output_problem(output, paths, force)
        if problem:
            print(f"Error: {problem}", file=sys.stderr)
            return 2
    report = check_paths(list(paths) or ["."], fail_on=fail_on, max_bytes=max_mb << 20, exclude=exclude,
                         allow_truncated=allow_truncated, show_values=show_values)
    if output is not None:
        text = render(report, fmt, stream=None) if fmt != "text" else _plain(report)
        tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, output)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            print(f"Error: cannot write the report to {output} ({exc.strerror or exc}); choose a writable place.",
                  file=sys.stderr)
            return 1
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
