"""Write a Table as CSV, JSON or Parquet, byte-identical for equal tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from synthetic.table import Table

FORMATS = ("csv", "json", "parquet")


def to_csv_text(table: Table) -> str:
    """CSV with a header row and ``\\n`` line endings on every platform."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return buffer.getvalue()


def to_json_text(table: Table) -> str:
    """A JSON list of records, one per row, keys in column order."""
    return json.dumps(table.records(), indent=2, ensure_ascii=False) + "\n"


def write_table(table: Table, path: Path, fmt: str | None = None) -> Path:
    """Write ``table`` to ``path``; the format defaults to the file's extension."""
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        path.write_text(to_csv_text(table), encoding="utf-8", newline="")
    elif fmt == "json":
        path.write_text(to_json_text(table), encoding="utf-8")
    elif fmt == "parquet":
        _write_parquet(table, path)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path


def _write_parquet(table: Table, path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from scaffolder.exceptions import MissingExtraError

        raise MissingExtraError(
            "Parquet output needs the optional 'parquet' extra; install it with: pip install 'prooflane[parquet]'."
        ) from exc
    columns = {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}
    pq.write_table(pa.table(columns), path, compression="zstd")
