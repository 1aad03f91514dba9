"""Column chunks and their CSV / JSON / Arrow encodings, built with numpy and bounded in memory.

A streaming dataset yields chunks: ``{column: Cat | Num | Ident}`` in column order. Text is
assembled as bytes: every field is written into a fixed-width cell of a ``(rows, width)`` byte
array (shorter values are padded with NUL bytes), and one boolean mask then drops the padding.
Real values never hold a NUL byte, so what is left is exactly the text, with the same quoting as
:mod:`csv` and the same layout as ``json.dumps(records, indent=2, ensure_ascii=False)``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    import numpy as np


@dataclass
class Cat:
    """A categorical column: ``labels[codes[i]]``."""

    codes: np.ndarray
    labels: tuple[str, ...]


@dataclass
class Num:
    """Whole numbers (``null`` marks missing values, written empty in CSV and ``null`` in JSON)."""

    values: np.ndarray
    null: np.ndarray | None = None


@dataclass
class Ident:
    """``prefix`` + the number zero-padded to ``width`` digits (``FAKE-APT-000042``)."""

    prefix: str
    numbers: np.ndarray
    width: int


Column = Union[Cat, Num, Ident]  # noqa: UP007 (a runtime alias on Python 3.10)
Chunk = dict[str, Column]


def rows_of(chunk: Chunk) -> list[tuple[Any, ...]]:
    """The chunk as Python rows (str, int or None values), for a :class:`synthetic.table.Table`."""
    columns: list[list[Any]] = []
    for col in chunk.values():
        if isinstance(col, Cat):
            columns.append([col.labels[c] for c in col.codes.tolist()])
        elif isinstance(col, Ident):
            columns.append([f"{col.prefix}{n:0{col.width}d}" for n in col.numbers.tolist()])
        else:
            values = col.values.tolist()
            if col.null is not None:
                values = [None if missing else v for v, missing in zip(values, col.null.tolist())]
            columns.append(values)
    return list(zip(*columns))


def _csv_field(text: str) -> str:
    if not text:
        return ""  # as csv writes an empty value in a row of several
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([text])
    return buffer.getvalue()[:-1]


def _label_table(labels: Sequence[bytes]) -> np.ndarray:
    import numpy as np

    width = max(1, max(len(b) for b in labels))
    table = np.zeros((len(labels), width), dtype=np.uint8)
    for i, b in enumerate(labels):
        table[i, : len(b)] = np.frombuffer(b, dtype=np.uint8)
    return table


MAX_COMBINED = 1 << 16  # adjacent small cells are written as one when their combinations fit this


@dataclass
class _Gather:
    labels: tuple[bytes, ...]  # the cell's text for each code
    codes: np.ndarray | None  # None: the same bytes on every row (a literal)


@dataclass
class _Digits:
    values: np.ndarray
    min_width: int
    null: np.ndarray | None


Cell = Union[_Gather, _Digits]  # noqa: UP007


def _combine(a: _Gather, b: _Gather, cache: dict[Any, tuple[bytes, ...]]) -> _Gather:
    """One cell for two adjacent ones: every pairing of their texts, codes ``a * len(b) + b``."""
    import numpy as np

    key = (a.labels, b.labels)
    if key not in cache:
        cache[key] = tuple(x + y for x in a.labels for y in b.labels)
    labels, kb = cache[key], len(b.labels)
    if a.codes is None and b.codes is None:
        return _Gather(labels, None)
    ca = 0 if a.codes is None else a.codes
    cb = 0 if b.codes is None else b.codes
    return _Gather(labels, np.asarray(ca * kb + cb, dtype=np.int64))


def _digit_width(cell: _Digits) -> int:
    top = int(cell.values.max()) if len(cell.values) else 0
    return max(cell.min_width, len(str(max(top, 0))))


def _write_digits(view: np.ndarray, cell: _Digits) -> None:
    """Decimal digits zero-padded to ``min_width``; positions only longer numbers have are NUL."""
    width = view.shape[1]
    rest = cell.values
    for pos in range(width - 1, -1, -2):  # two digits per division
        pair = rest % 100
        rest = rest // 100
        view[:, pos] = 48 + pair % 10
        if pos > 0:
            view[:, pos - 1] = 48 + pair // 10
    for pos in range(width - cell.min_width):
        view[cell.values < 10 ** (width - pos - 1), pos] = 0
    if cell.null is not None:
        view[cell.null] = 0


def _assemble(n: int, cells: list[Cell], cache: dict[Any, Any]) -> bytes:
    """Write every cell side by side into one byte block, then drop the NUL padding."""
    import numpy as np

    merged: list[Cell] = []
    for cell in cells:
        last = merged[-1] if merged else None
        if isinstance(cell, _Gather) and isinstance(last, _Gather) and len(last.labels) * len(cell.labels) <= MAX_COMBINED:
            merged[-1] = _combine(last, cell, cache)
        else:
            merged.append(cell)
    tables: list[np.ndarray | None] = []
    widths: list[int] = []
    for c in merged:
        table = _table_of(c.labels, cache) if isinstance(c, _Gather) else None
        tables.append(table)
        widths.append(_digit_width(c) if isinstance(c, _Digits) else table.shape[1] if table is not None else 0)
    block = np.empty((n, sum(widths)), dtype=np.uint8)  # every byte is written below
    col = 0
    for cell, table, width in zip(merged, tables, widths):
        view = block[:, col:col + width]
        if isinstance(cell, _Digits):
            _write_digits(view, cell)
        elif table is not None and cell.codes is None:
            view[:] = table[0]
        elif table is not None:  # gather whole rows as single items: far faster than 2-D fancy indexing
            rows = table.view(np.dtype((np.void, width))).reshape(-1)
            view[:] = rows[cell.codes].view(np.uint8).reshape(n, width)
        col += width
    return block.tobytes().translate(None, b"\x00")


def _table_of(labels: tuple[bytes, ...], cache: dict[Any, Any]) -> np.ndarray:
    key = ("table", labels)
    if key not in cache:
        cache[key] = _label_table(labels)
    return cache[key]


SLICE_ROWS = {"csv": 1 << 16, "json": 1 << 13}  # rows per byte block: about 12 MB of CSV, 5 MB of JSON


def slice_chunk(chunk: Chunk, lo: int, hi: int) -> Chunk:
    """Rows ``lo`` to ``hi`` of a chunk."""
    out: Chunk = {}
    for name, col in chunk.items():
        if isinstance(col, Cat):
            out[name] = Cat(col.codes[lo:hi], col.labels)
        elif isinstance(col, Ident):
            out[name] = Ident(col.prefix, col.numbers[lo:hi], col.width)
        else:
            out[name] = Num(col.values[lo:hi], None if col.null is None else col.null[lo:hi])
    return out


class Encoder:
    """Encodes the chunks of one table as CSV or JSON bytes (label tables built once)."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self._tables: dict[tuple[str, tuple[str, ...]], tuple[bytes, ...]] = {}
        self._cache: dict[Any, Any] = {}
        self.rows_done = 0

    def _table(self, labels: tuple[str, ...], kind: str) -> tuple[bytes, ...]:
        key = (kind, labels)
        if key not in self._tables:
            if kind == "raw":
                shown = list(labels)
            elif kind == "csv":
                shown = [_csv_field(label) for label in labels]
            else:
                shown = [json.dumps(label, ensure_ascii=False) for label in labels]
            self._tables[key] = tuple(t.encode("utf-8") for t in shown)
        return self._tables[key]

    def header(self, columns: Sequence[str]) -> bytes:
        if self.fmt == "csv":
            return (",".join(_csv_field(c) for c in columns) + "\n").encode("utf-8")
        return b"[\n"

    def footer(self, rows: int | None = None) -> bytes:
        if self.fmt == "csv":
            return b""
        return b"\n]\n" if (self.rows_done if rows is None else rows) else b"]\n"

    def encode(self, chunk: Chunk) -> bytes:
        """The chunk's bytes; chunks must be encoded in order (or use :meth:`encode_at`)."""
        data = self.encode_at(chunk, self.rows_done)
        self.rows_done += len(_length(chunk))
        return data

    def encode_at(self, chunk: Chunk, start: int) -> bytes:
        """The bytes of a chunk whose first row is row ``start`` of the table (safe to call from threads)."""
        n = len(_length(chunk))
        step = SLICE_ROWS[self.fmt]
        if n <= step:
            return self._encode(chunk, start, n)
        return b"".join(self._encode(slice_chunk(chunk, lo, lo + step), start + lo, min(step, n - lo))
                        for lo in range(0, n, step))

    def _encode(self, chunk: Chunk, start: int, n: int) -> bytes:
        import numpy as np

        cells: list[Cell] = []
        names = list(chunk)
        if self.fmt == "csv":
            for i, name in enumerate(names):
                self._cell(cells, chunk[name], "csv")
                cells.append(self._literal("," if i < len(names) - 1 else "\n"))
        else:
            sep = np.ones(n, dtype=np.int64)
            if start == 0 and n:
                sep[0] = 0
            cells.append(_Gather(self._table(("", ",\n"), "raw"), sep))
            cells.append(self._literal("  {\n"))
            for i, name in enumerate(names):
                cells.append(self._literal(f"    {json.dumps(name, ensure_ascii=False)}: "))
                self._cell(cells, chunk[name], "json")
                cells.append(self._literal(",\n" if i < len(names) - 1 else "\n"))
            cells.append(self._literal("  }"))
        return _assemble(n, cells, self._cache)

    def _literal(self, text: str) -> _Gather:
        return _Gather(self._table((text,), "raw"), None)

    def _cell(self, cells: list[Cell], col: Column, kind: str) -> None:
        import numpy as np

        if isinstance(col, Cat):
            cells.append(_Gather(self._table(col.labels, kind), col.codes))
        elif isinstance(col, Ident):
            wrap = '"' if kind == "json" else ""
            cells.append(self._literal(wrap + col.prefix))
            cells.append(_Digits(col.numbers.astype(np.int64), col.width, None))
            if wrap:
                cells.append(self._literal(wrap))
            return
        else:
            values = np.maximum(col.values, 0).astype(np.int64)
            top = int(values.max()) if len(values) else 0
            empty = "null" if kind == "json" else ""
            if top < 1024:  # small numbers: a table of their texts, so they merge with the cells around them
                size = 1 << max(1, top.bit_length())
                labels = (*(str(i) for i in range(size)), empty)
                codes = values if col.null is None else np.where(col.null, size, values)
                cells.append(_Gather(self._table(labels, "raw"), codes))
            else:
                cells.append(_Digits(values, 1, col.null))
                if col.null is not None and empty:
                    cells.append(_Gather(self._table(("", empty), "raw"), col.null.astype(np.int64)))


def _length(chunk: Chunk) -> np.ndarray:
    col = next(iter(chunk.values()))
    if isinstance(col, Ident):
        return col.numbers
    if isinstance(col, Num):
        return col.values
    return col.codes


def arrow_batch(chunk: Chunk) -> Any:
    """The chunk as a pyarrow RecordBatch (strings as ``string``, numbers as ``int64``)."""
    import numpy as np
    import pyarrow as pa

    arrays = []
    for col in chunk.values():
        if isinstance(col, Cat):
            dictionary = pa.array(list(col.labels), type=pa.string())
            arrays.append(pa.DictionaryArray.from_arrays(pa.array(col.codes.astype(np.int32)), dictionary).cast(pa.string()))
        elif isinstance(col, Ident):
            arrays.append(pa.array([f"{col.prefix}{n:0{col.width}d}" for n in col.numbers.tolist()], type=pa.string()))
        else:
            mask = None if col.null is None else np.asarray(col.null, dtype=bool)
            arrays.append(pa.array(col.values.astype(np.int64), type=pa.int64(), mask=mask))
    return pa.RecordBatch.from_arrays(arrays, names=list(chunk))


def chunk_length(chunk: Chunk) -> int:
    """Rows in a chunk."""
    return len(_length(chunk))
