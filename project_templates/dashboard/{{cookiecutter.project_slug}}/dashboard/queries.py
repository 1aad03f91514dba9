"""Run the project's SQL files with DuckDB and keep each result with the query that produced it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = ROOT / "sql"
LOAD_FILE = "00_load.sql"


@dataclass(frozen=True)
class QueryResult:
    """One query: its file, the question it answers, its SQL text, and what it returned."""

    name: str
    path: Path
    question: str
    sql: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

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


def connect(root: Path = ROOT) -> Any:
    """An in-memory DuckDB connection with the ``appointments`` view from sql/00_load.sql."""
    import duckdb

    con = duckdb.connect(":memory:")
    con.execute(f"SET file_search_path = '{root.as_posix().replace(chr(39), chr(39) * 2)}'")
    con.execute((root / "sql" / LOAD_FILE).read_text(encoding="utf-8"))
    return con


def query_files(root: Path = ROOT) -> list[Path]:
    """Every analysis query (sql/NN_*.sql), in file-name order, without the loading script."""
    return sorted(p for p in (root / "sql").glob("[0-9][0-9]_*.sql") if p.name != LOAD_FILE)


def run_query(con: Any, path: Path) -> QueryResult:
    """Run one SQL file and capture its result."""
    sql = path.read_text(encoding="utf-8")
    cursor = con.execute(sql)
    columns = tuple(d[0] for d in cursor.description)
    return QueryResult(path.stem, path, question_of(sql), sql, columns, cursor.fetchall())


def run_all(root: Path = ROOT) -> dict[str, QueryResult]:
    """Run every analysis query; results keyed by file stem (e.g. ``02_no_show_by_lead_time``)."""
    con = connect(root)
    try:
        return {path.stem: run_query(con, path) for path in query_files(root)}
    finally:
        con.close()


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
    paths = [ROOT / name if not Path(name).is_absolute() else Path(name) for name in names] or query_files()
    con = connect()
    try:
        for path in paths:
            result = run_query(con, path)
            print(f"{path.name}: {result.question}\n{format_table(result)}\n")
    finally:
        con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
