"""Column chunks and their CSV / JSON / Arrow encodings, built with numpy and bounded in memory.

A streaming dataset yields chunks: ``{column: Cat | Num | Ident}`` in column order. Text is
assembled as bytes: every field is written into a fixed-width cell of a ``(rows, width)`` byte
array (shorter values are padded with NUL bytes), and one boolean mask then drops the padding.
Real values never hold a NUL byte, so what is left is exactly the text, with the same quoting as
:mod:`csv` and the same layout as ``json.dumps(records, indent=2, ensure_ascii=False)``.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Sequence
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


@dataclass(frozen=True)
class ChunkTask:
    """A chunk not made yet: rows ``start`` to ``start + rows`` of a table, made by calling ``make`` (any thread)."""

    start: int
    rows: int
    make: Callable[[], Chunk]


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
    if not any(c in text for c in ',"\r\n'):
        return text  # nothing csv would quote
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([text])
    return buffer.getvalue()[:-1]


def _label_table(labels: Sequence[bytes]) -> np.ndarray:
    """The labels left-aligned in a ``(len(labels), width)`` byte table, NUL-padded."""
    import numpy as np

    width = max(1, max(len(b) for b in labels))
    joined = b"".join(b.ljust(width, b"\x00") for b in labels)
    return np.frombuffer(joined, dtype=np.uint8).reshape(len(labels), width)


MAX_COMBINED = 1 << 16  # adjacent small cells are written as one when their combinations fit this


@dataclass
class _Gather:
    labels: tuple[bytes, ...]  # the cell's text for each code
    codes: np.ndarray | None  # None: the same bytes on every row (a literal)


def _digit_cells(values: np.ndarray, min_width: int, null: np.ndarray | None, null_text: bytes) -> list[_Gather]:
    """Decimal text of whole numbers >= 0 (zero-padded to ``min_width``) as cells of three digits each.

    Group ``i`` (from the right) shows the digits of ``values // 1000**i % 1000`` that the number has
    (all three inside a longer number, fewer in the leading group, none above it). Null rows show
    ``null_text``.
    """
    import numpy as np

    v = values if null is None else np.where(null, 0, values)
    top = int(v.max()) if len(v) else 0
    bottom = int(v.min()) if len(v) else 0
    digits = max(min_width, len(str(top)))
    cells: list[_Gather] = []
    groups = (digits + 2) // 3
    for i in reversed(range(groups)):
        low = 10 ** (3 * i)
        floor = min(3, max(1 if i == 0 else 0, min_width - 3 * i))  # digits this group always shows

        def shown(x: int, i: int = i, floor: int = floor) -> int:
            return max(floor, min(3, len(str(x)) - 3 * i))

        group = v // low if i else v
        size = 1 << (top // low).bit_length() if i == groups - 1 else 1000  # a power of two: the same labels chunk after chunk
        size = min(size, 1000)
        if i < groups - 1:
            group = group % 1000
        s_lo, s_hi = shown(bottom), shown(top)
        labels = _group_labels(s_lo, s_hi, size)
        if s_lo == s_hi:
            codes = group
        else:  # the number of digits shown varies inside this chunk
            count = np.zeros(len(v), dtype=np.int64)
            for k in range(3):
                count += v >= 10 ** (3 * i + k)
            codes = (np.maximum(count, floor) - s_lo) * size + group
        if i == 0 and null is not None:
            labels = (*labels, null_text)
            codes = np.where(null, len(labels) - 1, codes)
        cells.append(_Gather(labels, codes))
    return cells


@functools.lru_cache(maxsize=64)
def _numbers(size: int, empty: str) -> tuple[str, ...]:
    """The texts of ``0..size-1``, then ``empty`` (for a missing value)."""
    return (*(str(i) for i in range(size)), empty)


@functools.lru_cache(maxsize=64)
def _group_labels(s_lo: int, s_hi: int, size: int) -> tuple[bytes, ...]:
    """The texts of three-digit groups ``0..size-1`` showing ``s_lo`` to ``s_hi`` of their digits."""
    return tuple(f"{d:03d}"[3 - s:].encode() if s else b"" for s in range(s_lo, s_hi + 1) for d in range(size))


def _merge(cells: list[_Gather], cache: dict[Any, Any]) -> list[_Gather]:
    """Adjacent cells as one while their combinations fit :data:`MAX_COMBINED`: every pairing of texts, codes mixed-radix."""
    groups: list[list[_Gather]] = []
    size = 0
    for cell in cells:
        if groups and size * len(cell.labels) <= MAX_COMBINED:
            groups[-1].append(cell)
            size *= len(cell.labels)
        else:
            groups.append([cell])
            size = len(cell.labels)
    merged: list[_Gather] = []
    for group in groups:
        if len(group) == 1:
            merged.append(group[0])
            continue
        key = ("group", *(id(c.labels) for c in group))  # label tuples are kept alive by the caches: ids stay unique
        if key not in cache:
            texts: list[bytes] = list(group[0].labels)
            for cell in group[1:]:
                texts = [x + y for x in texts for y in cell.labels]
            cache[key] = (tuple(texts), [c.labels for c in group])
        codes = None
        for cell in group:
            if len(cell.labels) > 1:
                codes = cell.codes if codes is None else codes * len(cell.labels) + cell.codes
        merged.append(_Gather(cache[key][0], codes))
    return merged


def _compacted(n: int, merged: list[_Gather], cache: dict[Any, Any]) -> np.ndarray:
    """Every cell side by side in one NUL-padded byte block, then the padding dropped (the general way)."""
    import numpy as np

    tables = [_table_of(c.labels, cache) for c in merged]
    block = np.empty((n, sum(t.shape[1] for t in tables)), dtype=np.uint8)
    col = 0
    for cell, table in zip(merged, tables):
        width = table.shape[1]
        view = block[:, col:col + width]
        if cell.codes is None:
            view[:] = table[0]
        else:  # gather whole rows as single items: far faster than 2-D fancy indexing
            rows = table.view(np.dtype((np.void, width))).reshape(-1)
            view[:] = rows[cell.codes].view(np.uint8).reshape(n, width)
        col += width
    return np.frombuffer(block.tobytes().translate(None, b"\x00"), dtype=np.uint8)


def _scattered(n: int, merged: list[_Gather], cache: dict[Any, Any]) -> np.ndarray | None:
    """The rows written straight to their offsets in one byte buffer (no padding to drop), or None.

    Each later cell is written as its full padded width at its row's running offset: the padding
    spills onto bytes written afterwards (the rest of the row, or the next row's first cell, which is
    written last). That holds when the first cell has one length on every row and no spill reaches
    past it; otherwise None (the caller uses :func:`_compacted`).
    """
    import numpy as np

    first = merged[0]
    lengths = [_lengths_of(c.labels, cache) for c in merged]
    if first.codes is None:
        width0 = int(lengths[0][0])
    else:
        used = np.take(lengths[0], first.codes)
        width0 = int(used[0])
        if not (used == width0).all():
            return None
    per_row = [np.take(lens, c.codes) if c.codes is not None else int(lens[0]) for c, lens in zip(merged, lengths)]
    row_len = np.full(n, width0, dtype=np.int64)
    for part in per_row[1:]:
        row_len += part
    ends = np.cumsum(row_len)
    total = int(ends[-1])
    tables = [_table_of(c.labels, cache) for c in merged]
    widths = [t.shape[1] for t in tables]
    shortest = [int(lens.min()) for lens in lengths]
    out = np.empty(total + max(widths), dtype=np.uint8)
    pos = ends - row_len + width0
    for j in range(1, len(merged)):
        # the spill of cell j on row r ends at pos + widths[j]; it must not pass row r+1's first cell
        if n > 1 and widths[j] - sum(shortest[j:]) > width0 and int((pos[:-1] + widths[j] - ends[:-1]).max()) > width0:
            return None
        cell, table = merged[j], tables[j]
        item = np.dtype((np.void, widths[j]))
        target = np.ndarray((len(out) - widths[j] + 1,), dtype=item, buffer=out, strides=(1,))
        rows = table.view(item).reshape(-1)
        target[pos] = np.take(rows, cell.codes) if cell.codes is not None else rows[0]
        pos += per_row[j]
    head = _head_of(first.labels, width0, cache)
    target = np.ndarray((len(out) - width0 + 1,), dtype=head.dtype, buffer=out, strides=(1,))
    target[ends - row_len] = np.take(head, first.codes) if first.codes is not None else head[0]
    return out[:total]


def _head_of(labels: tuple[bytes, ...], width: int, cache: dict[Any, Any]) -> np.ndarray:
    """The first ``width`` bytes of each label, as one void item per label."""
    import numpy as np

    key = ("head", id(labels), width)
    if key not in cache:
        table = np.ascontiguousarray(_table_of(labels, cache)[:, :width])
        cache[key] = (table.view(np.dtype((np.void, width))).reshape(-1), labels)
    return cache[key][0]


def _assemble(n: int, cells: list[_Gather], cache: dict[Any, Any]) -> np.ndarray:
    """The bytes of ``n`` rows made of ``cells``, as a uint8 array."""
    merged = _merge(cells, cache)
    fast = _scattered(n, merged, cache) if n else None
    return fast if fast is not None else _compacted(n, merged, cache)


def _table_of(labels: tuple[bytes, ...], cache: dict[Any, Any]) -> np.ndarray:
    key = ("table", id(labels))
    if key not in cache:
        cache[key] = (_label_table(labels), labels)
    return cache[key][0]


def _lengths_of(labels: tuple[bytes, ...], cache: dict[Any, Any]) -> np.ndarray:
    import numpy as np

    key = ("lengths", id(labels))
    if key not in cache:
        cache[key] = (np.array([len(b) for b in labels], dtype=np.int64), labels)
    return cache[key][0]


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
        self._by_id: dict[tuple[str, int], tuple[tuple[bytes, ...], tuple[str, ...]]] = {}
        self.rows_done = 0

    def _table(self, labels: tuple[str, ...], kind: str) -> tuple[bytes, ...]:
        known = self._by_id.get((kind, id(labels)))
        if known is not None and known[1] is labels:  # the same tuple as for the last chunk: no hashing of its items
            return known[0]
        key = (kind, labels)
        if key not in self._tables:
            if kind == "raw":
                shown = list(labels)
            elif kind == "csv":
                shown = [_csv_field(label) for label in labels]
            else:
                shown = [json.dumps(label, ensure_ascii=False) for label in labels]
            self._tables[key] = tuple(t.encode("utf-8") for t in shown)
        self._by_id[(kind, id(labels))] = (self._tables[key], labels)
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
        return self.encode_view(chunk, start).tobytes()

    def encode_view(self, chunk: Chunk, start: int) -> np.ndarray:
        """As :meth:`encode_at`, as a uint8 array (no copy to ``bytes``; any writable file takes it)."""
        import numpy as np

        parts = self.encode_parts(chunk, start)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def encode_parts(self, chunk: Chunk, start: int) -> list[np.ndarray]:
        """As :meth:`encode_view`, in pieces of at most :data:`SLICE_ROWS` rows (to be written in order)."""
        n = len(_length(chunk))
        step = SLICE_ROWS[self.fmt]
        if n <= step:
            return [self._encode(chunk, start, n)]
        return [self._encode(slice_chunk(chunk, lo, lo + step), start + lo, min(step, n - lo)) for lo in range(0, n, step)]

    def _encode(self, chunk: Chunk, start: int, n: int) -> np.ndarray:
        import numpy as np

        if self.fmt == "json" and start == 0 and n > 1:  # the first record has no separator before it
            return np.concatenate([self._encode(slice_chunk(chunk, 0, 1), 0, 1),
                                   self._encode(slice_chunk(chunk, 1, n), 1, n - 1)])
        cells: list[_Gather] = []
        names = list(chunk)
        if self.fmt == "csv":
            for i, name in enumerate(names):
                self._cell(cells, chunk[name], "csv")
                cells.append(self._literal("," if i < len(names) - 1 else "\n"))
        else:
            cells.append(self._literal("  {\n" if start == 0 else ",\n  {\n"))
            for i, name in enumerate(names):
                cells.append(self._literal(f"    {json.dumps(name, ensure_ascii=False)}: "))
                self._cell(cells, chunk[name], "json")
                cells.append(self._literal(",\n" if i < len(names) - 1 else "\n"))
            cells.append(self._literal("  }"))
        return _assemble(n, cells, self._cache)

    def _literal(self, text: str) -> _Gather:
        return _Gather(self._table((text,), "raw"), None)

    def _cell(self, cells: list[_Gather], col: Column, kind: str) -> None:
        import numpy as np

        if isinstance(col, Cat):
            cells.append(_Gather(self._table(col.labels, kind), col.codes))
        elif isinstance(col, Ident):
            wrap = '"' if kind == "json" else ""
            cells.append(self._literal(wrap + col.prefix))
            cells.extend(_digit_cells(col.numbers.astype(np.int64), col.width, None, b""))
            if wrap:
                cells.append(self._literal(wrap))
        else:
            values = np.maximum(col.values, 0).astype(np.int64)
            top = int(values.max()) if len(values) else 0
            empty = "null" if kind == "json" else ""
            if top < 1024:  # small numbers: a table of their texts, so they merge with the cells around them
                size = 1 << max(1, top.bit_length())
                codes = values if col.null is None else np.where(col.null, size, values)
                cells.append(_Gather(self._table(_numbers(size, empty), "raw"), codes))
            else:
                cells.extend(_digit_cells(values, 1, col.null, empty.encode()))


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
            labels = tuple(label.encode("utf-8") for label in col.labels)
            arrays.append(_arrow_text([_Gather(labels, np.asarray(col.codes, dtype=np.int64))], len(col.codes)))
        elif isinstance(col, Ident):
            cells = [_Gather((col.prefix.encode("utf-8"),), None),
                     *_digit_cells(col.numbers.astype(np.int64), col.width, None, b"")]
            arrays.append(_arrow_text(cells, len(col.numbers)))
        else:
            mask = None if col.null is None else np.asarray(col.null, dtype=bool)
            arrays.append(pa.array(col.values.astype(np.int64), type=pa.int64(), mask=mask))
    return pa.RecordBatch.from_arrays(arrays, names=list(chunk))


def _arrow_text(cells: list[_Gather], n: int) -> Any:
    """The rows' texts made of ``cells`` as an Arrow string array, built from bytes (no Python string per row)."""
    import numpy as np
    import pyarrow as pa

    cache: dict[Any, Any] = {}
    merged = _merge(cells, cache)
    lengths = np.zeros(n, dtype=np.int64)
    for cell in merged:
        lens = _lengths_of(cell.labels, cache)
        lengths += np.take(lens, cell.codes) if cell.codes is not None else int(lens[0])
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    data = np.ascontiguousarray(_assemble(n, cells, cache)) if n else np.zeros(0, dtype=np.uint8)
    return pa.Array.from_buffers(pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def chunk_length(chunk: Chunk) -> int:
    """Rows in a chunk."""
    return len(_length(chunk))
