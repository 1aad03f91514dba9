"""`prooflane data`: write one synthetic dataset to a file, streamed in chunks for the large ones.

Kept apart from :mod:`scaffolder.api` (which re-exports it) so the command loads only what it needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scaffolder.exceptions import InvalidAnswerError, UnknownIdError, WriteFailedError
from scaffolder.ids import normalise_id
from scaffolder.seeds import parse_seed


@dataclass(frozen=True)
class DataResult:
    """Where a dataset was written and how big it is."""

    dataset: str
    path: Path
    rows: int
    columns: tuple[str, ...]
    seed: int
    format: str


def generate_data(
    dataset: str,
    output: Path | str,
    *,
    rows: int | None = None,
    seed: int | str = 42,
    fmt: str | None = None,
    options: dict[str, str] | None = None,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> DataResult:
    """Write one synthetic dataset to a file (CSV, JSON or Parquet); large tables are streamed in chunks.

    ``progress(rows_written, rows_total)`` is called as chunks are written. The file appears only
    when complete (written beside it, then renamed).
    """
    import difflib

    from synthetic.registry import DATASETS
    from synthetic.writers import FORMATS, TASK_ROWS, write_chunks, write_table

    spec = DATASETS.get(normalise_id(dataset))
    if spec is None:
        close = difflib.get_close_matches(normalise_id(dataset), list(DATASETS), n=3, cutoff=0.6)
        hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else "the datasets are: " + ", ".join(DATASETS) + "."
        raise UnknownIdError(f"There is no dataset called '{dataset[:60]}'; {hint}")
    seed_value = parse_seed(seed)
    if rows is not None and not (1 <= rows <= spec.max_rows):
        raise InvalidAnswerError(
            f"--rows must be from 1 to {spec.max_rows:,} for {spec.id}, got {rows}; pick a size in that range."
        )
    output = Path(output)
    fmt = (fmt or output.suffix.lstrip(".") or "csv").lower()
    if fmt not in FORMATS:
        raise InvalidAnswerError(f"'{fmt[:20]}' is not a data format prooflane writes; use csv, json or parquet.")
    if output.is_dir():
        raise InvalidAnswerError(f"{output} is a folder; give a file name such as {output / (spec.id + '.' + fmt)}.")
    if os.path.lexists(output) and not force:
        raise InvalidAnswerError(f"{output} already exists; choose another -o file or add --force to replace it.")
    total = spec.default_rows if rows is None else rows
    tmp = output.with_name(f".{output.name}.partial")
    try:
        if spec.streams:
            columns = tuple(spec.load().COLUMNS)
            chunks = spec.tasks(seed=seed_value, rows=total, chunk_rows=TASK_ROWS[fmt], **(options or {}))
            written = write_chunks(chunks, columns, tmp, fmt, on_rows=(lambda n: progress(n, total)) if progress else None)
        else:
            table = spec.generate(seed=seed_value, rows=total, **(options or {}))
            columns, written = table.columns, len(table)
            write_table(table, tmp, fmt)
            if progress:
                progress(written, total)
        tmp.replace(output)
    except ValueError as exc:
        raise InvalidAnswerError(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from exc
    except OSError as exc:
        raise WriteFailedError(f"Cannot write {output} ({exc.strerror or exc}); choose a folder you can write to.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return DataResult(spec.id, output, written, columns, seed_value, fmt)
