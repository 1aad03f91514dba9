"""Run the project's SQL files with DuckDB and keep each result with the query that produced it.

Anything a person can break by editing the project (the data file, a query, a new query) ends in a
:class:`ProjectError` with one sentence that says what is wrong and how to fix it, never a traceback.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"
LOAD_FILE = "00_load.sql"
DATA_FILE = "data/appointments.csv"
COLUMNS = (
    "appointment_id", "patient_id", "clinic", "specialty", "visit_type", "scheduled_at", "lead_time_days",
    "reminder_channel", "age_band", "distance_band", "preferred_language", "no_show", "wait_minutes",
)
# The queries the dashboard is built from; every other sql/NN_*.sql is the author's own and gets a card of its own.
CORE_QUERIES = (
    "01_overview", "02_no_show_by_lead_time", "03_reminders", "04_weekday", "05_equity_distance_language",
    "06_wait_times_by_clinic", "07_clinic_comparison", "08_lead_time_within_clinic", "09_monthly_trend",
    "10_reminders_by_language",
)
RESTORE = "restore it with `git checkout -- {path}` or regenerate it (data/datasheet.md, Regenerate)"


class ProjectError(Exception):
    """A problem with the project's files, told in one sentence."""


@dataclass(frozen=True)
class QueryResult:
    """One query: its file, the question it answers, its SQL text, and what it returned (or why it failed)."""

    name: str
    path: Path
    question: str
    sql: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    error: str = ""

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries (column -> value)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def first(self) -> dict[str, Any]:
        """The first row as a dictionary."""
        return self.records()[0]


def question_of(sql: str) -> str:
    """The text after "Question:" in the file's header comment ("" when there is none)."""
    for line in sql.splitlines():
        text = line.strip().lstrip("-").strip()
        if text.lower().startswith("question:"):
            return text.split(":", 1)[1].strip()
    return ""


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0].rstrip(".!") if lines else type(error).__name__


def check_data(root: Path = ROOT) -> None:
    """The data file exists, has the documented header and at least one row (else a ProjectError)."""
    path = root / DATA_FILE
    if not path.is_file():
        raise ProjectError(f"{DATA_FILE} is missing; {RESTORE.format(path=DATA_FILE)}.")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            first = next(reader, None)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ProjectError(f"{DATA_FILE} is not a readable UTF-8 CSV file ({_first_line(exc)}); "
                           f"{RESTORE.format(path=DATA_FILE)}.") from None
    if header is None:
        raise ProjectError(f"{DATA_FILE} is empty; {RESTORE.format(path=DATA_FILE)}.")
    header = [name.strip() for name in header]
    if tuple(header) != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        what = (f"lacks the column(s) {', '.join(missing)}" if missing else
                f"has unexpected column(s) {', '.join(extra)}" if extra else "has its columns in another order")
        raise ProjectError(f"{DATA_FILE} {what}; the header must be the 13 columns listed in data/datasheet.md, "
                           f"in that order: {RESTORE.format(path=DATA_FILE)}.")
    if first is None:
        raise ProjectError(f"{DATA_FILE} has a header but no rows; {RESTORE.format(path=DATA_FILE)}.")


def connect(root: Path = ROOT) -> Any:
    """An in-memory DuckDB connection with the ``appointments`` view from sql/00_load.sql, fully read once."""
    try:
        import duckdb
    except ModuleNotFoundError:
        raise ProjectError("DuckDB is not installed for this Python; run `make setup` once, then use `make dashboard` "
                           "(or .venv/bin/python -m dashboard).") from None
    check_data(root)
    load = root / "sql" / LOAD_FILE
    if not load.is_file():
        raise ProjectError(f"sql/{LOAD_FILE} is missing; restore it with `git checkout -- sql/{LOAD_FILE}`.")
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"SET file_search_path = '{root.as_posix().replace(chr(39), chr(39) * 2)}'")
        con.execute(load.read_text(encoding="utf-8"))
    except duckdb.Error as exc:
        con.close()
        raise ProjectError(f"sql/{LOAD_FILE} failed ({_first_line(exc)}); restore it with "
                           f"`git checkout -- sql/{LOAD_FILE}`.") from None
    try:
        con.execute("SELECT * FROM appointments").fetchall()  # reads and types every value once
    except duckdb.Error as exc:
        con.close()
        raise ProjectError(f"{DATA_FILE} has a value that does not fit its column ({_first_line(exc)}); "
                           f"{RESTORE.format(path=DATA_FILE)}.") from None
    return con


def query_files(root: Path = ROOT) -> list[Path]:
    """Every analysis query (sql/NN_*.sql), in file-name order, without the loading script."""
    return sorted(p for p in (root / "sql").glob("[0-9][0-9]_*.sql") if p.name != LOAD_FILE)


def run_query(con: Any, path: Path) -> QueryResult:
    """Run one SQL file and capture its result; a failure is kept in ``error`` (one sentence), not raised."""
    import duckdb

    try:
        sql = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return QueryResult(path.stem, path, "", "", (), [], f"sql/{path.name} cannot be read ({_first_line(exc)})")
    try:
        cursor = con.execute(sql)
        description = cursor.description
        rows = cursor.fetchall() if description else []
    except duckdb.Error as exc:
        failed = f"sql/{path.name} failed: {_first_line(exc)}"
        return QueryResult(path.stem, path, question_of(sql), sql, (), [], failed)
    if not description:
        return QueryResult(path.stem, path, question_of(sql), sql, (), [],
                           f"sql/{path.name} returns no table; end the file with one SELECT")
    columns = tuple(d[0] for d in description)
    return QueryResult(path.stem, path, question_of(sql), sql, columns, rows)


def run_all(root: Path = ROOT) -> dict[str, QueryResult]:
    """Run every analysis query; results keyed by file stem (e.g. ``02_no_show_by_lead_time``).

    A missing or failing core query is a ProjectError; a failing query the author added is kept with its error.
    """
    con = connect(root)
    try:
        results = {path.stem: run_query(con, path) for path in query_files(root)}
    finally:
        con.close()
    for name in CORE_QUERIES:
        if name not in results:
            raise ProjectError(f"sql/{name}.sql is missing and the dashboard is built from it; restore it with "
                               f"`git checkout -- sql/{name}.sql`.")
        if results[name].error:
            raise ProjectError(f"{results[name].error}; the dashboard is built from this query, so fix it or restore "
                               f"it with `git checkout -- sql/{name}.sql`.")
        if not results[name].rows:
            raise ProjectError(f"sql/{name}.sql returned no rows; check {DATA_FILE} and the query.")
    return results


def format_table(result: QueryResult) -> str:
    """A query result as an aligned plain-text table."""
    cells = [list(result.columns)] + [["" if v is None else str(v) for v in row] for row in result.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(result.columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m dashboard.queries sql/04_weekday.sql``: run query files and print their results."""
    import sys

    names = sys.argv[1:] if argv is None else argv
    try:
        paths = [ROOT / name if not Path(name).is_absolute() else Path(name) for name in names] or query_files()
        for path in paths:
            if not path.is_file():
                raise ProjectError(f"{path} is not a file; name a query such as sql/04_weekday.sql.")
        con = connect()
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    failed = 0
    try:
        for path in paths:
            result = run_query(con, path)
            if result.error:
                failed += 1
                print(f"error: {result.error}.", file=sys.stderr)
                continue
            print(f"{path.name}: {result.question}\n{format_table(result)}\n")
    finally:
        con.close()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
