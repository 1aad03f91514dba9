"""`prooflane data` at scale: streamed output equals the table writers, the stream is pinned by a golden hash."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder.cli import _Progress, main
from synthetic import appointments as apt
from synthetic.columnar import Cat, Encoder, Ident, Num, rows_of
from synthetic.registry import DATASETS, MAX_ROWS, MAX_TABLE_ROWS
from synthetic.table import Table
from synthetic.vrng import Stream, weighted
from synthetic.writers import to_csv_text, to_json_text, write_chunks
from tests.conftest import PYTHON, run_env

# sha256 of `appointments`, seed 7, 3,000 rows. If a numpy or Python upgrade changes one byte of the
# stream, this fails: then pin the old version, or bump appointments.GENERATOR_VERSION and these hashes.
GOLDEN = {
    "csv": "30e50c7afbf5908d95c395bc08c2e9591dbaf5e2ecf20ed89400c30813aa41fe",
    "json": "31adb4c8408daff35f150402b59641bc001c1cebf80c8e890723a4f491de2657",
}


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_golden_hash_of_the_appointments_stream(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"a.{fmt}"
    write_chunks(DATASETS["appointments"].chunks(7, 3000), apt.COLUMNS, out, fmt)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == GOLDEN[fmt]


@pytest.mark.parametrize("rows", [1, 2, 9000, 66_000])  # across a JSON slice (8,192) and a chunk (65,536)
def test_streamed_csv_and_json_equal_the_table_writers(tmp_path: Path, rows: int) -> None:
    table = apt.generate(seed=5, rows=rows)
    formats = [("csv", to_csv_text(table))] + ([("json", to_json_text(table))] if rows < 10_000 else [])
    for fmt, text in formats:
        out = tmp_path / f"a.{fmt}"
        assert write_chunks(DATASETS["appointments"].chunks(5, rows), apt.COLUMNS, out, fmt) == rows
        assert out.read_text(encoding="utf-8") == text, fmt


def test_chunk_size_does_not_change_the_rows() -> None:
    whole = [r for c in apt.iter_chunks(3, 5000, chunk_rows=5000) for r in rows_of(c)]
    small = [r for c in apt.iter_chunks(3, 5000, chunk_rows=777) for r in rows_of(c)]
    assert whole == small


def test_parquet_stream_holds_the_same_rows(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "a.parquet"
    write_chunks(DATASETS["appointments"].chunks(5, 1000), apt.COLUMNS, out, "parquet")
    table = apt.generate(seed=5, rows=1000)
    assert pq.read_table(out).to_pylist() == table.records()


def test_encoder_quotes_like_the_csv_module_and_escapes_like_json() -> None:
    import numpy as np

    labels = ('plain', 'with, comma', 'with "quote"', "line\nbreak", "Zoë", "")
    chunk = {
        "name": Cat(np.arange(6), labels),
        "id": Ident("FAKE-X-", np.array([1, 22, 333, 4444, 999999, 1234567]), 3),
        "n": Num(np.array([0, 5, 12, 1500, 7, 2**40]), null=np.array([False, True, False, False, False, False])),
    }
    table = Table("t", ("name", "id", "n"), rows_of(chunk))
    for fmt, expected in (("csv", to_csv_text(table)), ("json", to_json_text(table))):
        enc = Encoder(fmt)
        assert (enc.header(list(chunk)) + enc.encode(chunk) + enc.footer()).decode("utf-8") == expected, fmt


def test_streams_are_stable_primitives() -> None:
    a, b = Stream(7, "x").uniform(1000), Stream(7, "x").uniform(1000)
    assert (a == b).all() and a.min() >= 0.0 and a.max() < 1.0
    assert not (Stream(7, "x").uniform(10) == Stream(7, "y").uniform(10)).all()
    picks = weighted(Stream(1, "w").uniform(20_000), [0.7, 0.2, 0.1])
    share = [float((picks == i).mean()) for i in range(3)]
    assert abs(share[0] - 0.7) < 0.02 and abs(share[2] - 0.1) < 0.01


def test_streamed_bytes_are_the_same_in_another_process(tmp_path: Path) -> None:
    code = (
        "import hashlib, sys; from pathlib import Path; from synthetic.registry import DATASETS;"
        "from synthetic.writers import write_chunks; from synthetic import appointments as a;"
        "p = Path(sys.argv[1]); write_chunks(DATASETS['appointments'].chunks(11, 20000), a.COLUMNS, p, 'csv');"
        "print(hashlib.sha256(p.read_bytes()).hexdigest())"
    )
    digests = {
        subprocess.run([PYTHON, "-c", code, str(tmp_path / f"{h}.csv")], env=run_env() | {"PYTHONHASHSEED": h},
                       capture_output=True, text=True, check=True).stdout.strip()
        for h in ("0", "99")
    }
    assert len(digests) == 1


def test_x09_x10_large_tables_are_streamed_and_small_datasets_capped(tmp_path: Path) -> None:
    assert DATASETS["appointments"].streams and DATASETS["appointments"].max_rows == MAX_ROWS
    assert not DATASETS["personas"].streams and DATASETS["personas"].max_rows == MAX_TABLE_ROWS
    result = CliRunner().invoke(main, ["data", "personas", "--rows", str(MAX_TABLE_ROWS + 1), "-o", str(tmp_path / "p.csv")])
    assert result.exit_code == 2 and "200,000" in result.output
    out = tmp_path / "a.json"
    result = CliRunner().invoke(main, ["data", "appointments", "--rows", "100000", "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == 100_000
    records = json.loads(out.read_text(encoding="utf-8"))
    assert len(records) == 100_000 and records[-1]["appointment_id"] == "FAKE-APT-100000"


def test_progress_bar_only_on_a_terminal_after_a_second(monkeypatch, capsys) -> None:
    import sys

    bar = _Progress(delay=0.0)
    bar(5, 10)
    bar.close()
    assert capsys.readouterr().err == ""  # not a terminal: quiet
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = _Progress(delay=0.0)
    bar(5, 10)
    bar.close()
    assert "5 of 10 rows" in capsys.readouterr().err
    slow = _Progress(delay=60.0)
    slow(5, 10)
    slow.close()
    assert capsys.readouterr().err == ""  # a quick run shows nothing


# --- the fast paths give exactly what the plain definitions give --------------------------------


def _edge_words(limits):
    import numpy as np

    limits = np.asarray(limits, dtype=np.uint64).ravel()
    one = np.uint64(1)
    return np.concatenate([limits, limits - one, limits + one, np.array([0, 1, 2**63, 2**64 - 1], dtype=np.uint64)])


def test_raw_word_thresholds_reproduce_the_float_draws() -> None:
    import numpy as np

    from synthetic.vrng import (
        below_limit,
        count_reached,
        count_reached_rows,
        weighted,
        weighted_limits,
        weighted_rows,
        weighted_rows_limits,
    )

    random = np.random.PCG64(3).random_raw(200_000)
    for weights in (apt.CLINIC_WEIGHTS, apt.AGE_WEIGHTS, apt.REMINDER_WEIGHTS, (0.5, 0.5, 0.0), (1.0,)):
        limits = weighted_limits(weights)
        raw = np.concatenate([random, _edge_words(limits)])
        assert (count_reached(raw, limits) == weighted(Stream.to_uniform(raw), weights)).all(), weights
    table = apt._per_clinic(apt.LANGUAGE_WEIGHTS, apt.CLINIC_LANGUAGE_WEIGHTS)
    limits = weighted_rows_limits(table)
    raw = np.concatenate([random, _edge_words(limits)])
    groups = np.arange(len(raw)) % len(table)
    assert (count_reached_rows(raw, groups, limits) == weighted_rows(Stream.to_uniform(raw), groups, table)).all()
    for p in (0.0, 0.08, 0.85, 0.08 + 0.22):
        raw = np.concatenate([random, _edge_words([below_limit(p)])])
        assert ((raw < below_limit(p)) == (Stream.to_uniform(raw) < p)).all(), p
    with pytest.raises(ValueError):
        below_limit(1.0)


def test_numbers_are_written_as_str_writes_them_across_digit_boundaries() -> None:
    import numpy as np

    values = np.array([0, 7, 99, 100, 999, 1000, 99_999, 999_999, 1_000_000, 12_345_678, 2**40])
    for width in (1, 3, 4, 6, 7):
        chunk = {"id": Ident("X-", values, width), "n": Num(values, null=values == 99)}
        table = Table("t", ("id", "n"), rows_of(chunk))
        for fmt, expected in (("csv", to_csv_text(table)), ("json", to_json_text(table))):
            enc = Encoder(fmt)
            assert (enc.header(list(chunk)) + enc.encode(chunk) + enc.footer()).decode("utf-8") == expected, (fmt, width)


def test_rows_written_at_their_offsets_equal_the_padded_then_compacted_rows() -> None:
    import numpy as np

    from synthetic.columnar import _assemble, _compacted, _Gather, _merge

    rng = np.random.default_rng(1)
    words = tuple(w.encode("utf-8") for w in ("", "a", "bb", "Zoë, \"q\"", "x" * 40, "line\nbreak", "ümlaut"))
    for n in (1, 2, 500):
        cells = [_Gather((b"ID-",), None), _Gather(tuple(f"{i:03d}".encode() for i in range(1000)), rng.integers(0, 1000, n))]
        for _ in range(6):
            cells += [_Gather((b",",), None), _Gather(words, rng.integers(0, len(words), n))]
        cells.append(_Gather((b"\n",), None))
        cache: dict = {}
        fast = _assemble(n, cells, cache)
        assert fast.tobytes() == _compacted(n, _merge(cells, cache), cache).tobytes()


def test_task_size_does_not_change_the_bytes(tmp_path: Path) -> None:
    for fmt in ("csv", "json"):
        small, default = tmp_path / f"s.{fmt}", tmp_path / f"d.{fmt}"
        write_chunks(DATASETS["appointments"].tasks(5, 20_000, chunk_rows=777), apt.COLUMNS, small, fmt)
        write_chunks(DATASETS["appointments"].tasks(5, 20_000), apt.COLUMNS, default, fmt)
        assert small.read_bytes() == default.read_bytes(), fmt


def test_parquet_strings_are_the_same_texts() -> None:
    pytest.importorskip("pyarrow")
    import numpy as np

    from synthetic.columnar import arrow_batch

    labels = ("plain", "with, comma", "Zoë", "")
    chunk = {
        "name": Cat(np.array([0, 1, 2, 3, 2]), labels),
        "id": Ident("FAKE-X-", np.array([1, 22, 999_999, 1_000_000, 4]), 6),
        "n": Num(np.array([0, 5, 12, 1500, 7]), null=np.array([False, True, False, False, False])),
    }
    assert [tuple(r.values()) for r in arrow_batch(chunk).to_pylist()] == rows_of(chunk)


def test_keep_freed_memory_is_harmless() -> None:
    from synthetic.memory import keep_freed_memory

    assert keep_freed_memory() in (True, False)
