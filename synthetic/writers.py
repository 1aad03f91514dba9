"""Write a Table as CSV, JSON or Parquet, byte-identical for equal tables."""

from __future__ import annotations

import csv
import io
import json
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from synthetic.table import Table

if TYPE_CHECKING:
    from synthetic.columnar import Chunk, ChunkTask

FORMATS = ("csv", "json", "parquet")
# rows per streamed task, so the few tasks in flight stay small (a JSON row is about three CSV rows)
TASK_ROWS: dict[str, int | None] = {"csv": None, "json": 16_384, "parquet": None}


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
    pq = _pyarrow_parquet()
    import pyarrow as pa

    columns = {name: [row[i] for row in table.rows] for i, name in enumerate(table.columns)}
    pq.write_table(pa.table(columns), path, compression="zstd")


def write_chunks(
    chunks: Iterable[Chunk | ChunkTask], columns: tuple[str, ...], path: Path, fmt: str, on_rows: Callable[[int], None] | None = None,
) -> int:
    """Stream chunks to ``path`` as CSV, JSON or Parquet (same bytes as :func:`write_table` for CSV and JSON)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    total = 0
    if fmt == "parquet":
        pq = _pyarrow_parquet()
        from synthetic.columnar import ChunkTask, arrow_batch
        from synthetic.parallel import ordered_map

        def batch_of(item: Chunk | ChunkTask) -> Any:
            return arrow_batch(item.make() if isinstance(item, ChunkTask) else item)

        writer = None
        try:
            for batch in ordered_map(batch_of, chunks, ahead=1):
                if writer is None:
                    writer = pq.ParquetWriter(str(path), batch.schema, compression="zstd")
                writer.write_batch(batch)
                total += batch.num_rows
                if on_rows:
                    on_rows(total)
        finally:
            if writer is not None:
                writer.close()
        return total
    from synthetic.columnar import SLICE_ROWS, ChunkTask, Encoder, chunk_length, slice_chunk
    from synthetic.parallel import WORKERS

    encoder = Encoder(fmt)

    def encode(item: Chunk | ChunkTask, start: int) -> list[Any]:
        return encoder.encode_parts(item.make() if isinstance(item, ChunkTask) else item, start)

    with path.open("wb") as handle, ThreadPoolExecutor(max_workers=WORKERS) as pool:
        handle.write(encoder.header(columns))
        pending: deque[tuple[Future[list[Any]], int]] = deque()

        def drain(keep: int) -> None:
            while len(pending) > keep:
                future, done = pending.popleft()
                for part in future.result():
                    handle.write(part)
                if on_rows:
                    on_rows(done)

        step = SLICE_ROWS[fmt]
        for item in chunks:  # made and encoded by the pool, a few ahead, written here in order
            if isinstance(item, ChunkTask):
                pending.append((pool.submit(encode, item, item.start), item.start + item.rows))
                total = item.start + item.rows
            else:
                n = chunk_length(item)
                for lo in range(0, n, step):
                    pending.append((pool.submit(encode, slice_chunk(item, lo, lo + step), total + lo), total + min(n, lo + step)))
                total += n
            drain(WORKERS + 1)  # one more than the threads, so they never wait for the writes
        drain(0)
        handle.write(encoder.footer(total))
    return total


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from scaffolder.exceptions import MissingExtraError

        raise MissingExtraError(
            "Parquet output needs the optional 'parquet' extra; install it with: pip install 'prooflane[parquet]'."
        ) from exc
    return pq
