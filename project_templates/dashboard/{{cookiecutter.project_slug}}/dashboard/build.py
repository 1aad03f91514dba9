"""Build the dashboard: run the SQL, draw the charts, write reports/dashboard.html.

Everything is checked and drawn in a temporary folder first, so a failed build leaves the previous
reports/ as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dashboard import charts, page, project
from dashboard.author import author_from_readme
from dashboard.queries import ROOT, ProjectError, QueryResult, run_all


@dataclass(frozen=True)
class Build:
    """What one build wrote."""

    html: Path
    figures: dict[str, Path]
    results: dict[str, QueryResult]
    author: str

    @property
    def failed(self) -> list[QueryResult]:
        """The author's own queries that did not run (their cards on the page say why)."""
        return [r for r in self.results.values() if r.error]


def build(root: Path = ROOT, out_dir: Path | None = None) -> Build:
    """Run every query in ``root/sql`` and write the charts and page into ``out_dir`` (default ``root/reports``)."""
    out_dir = root / "reports" if out_dir is None else out_dir
    results = run_all(root)
    author = author_from_readme(root)
    data = root / project.DATA_FILE
    overview = results["01_overview"].first()
    source = f"Synthetic data, seed {project.SEED}, {overview['appointments']:,} appointments. Not real patients."
    with tempfile.TemporaryDirectory(prefix="dashboard-") as scratch:
        try:
            drawn = charts.draw_all(results, Path(scratch) / "figures", source)
            html_text = page.render(results, drawn, hashlib.sha256(data.read_bytes()).hexdigest(), author)
        except ModuleNotFoundError as exc:
            raise ProjectError(f"{exc.name} is not installed for this Python; run `make setup` once, then "
                               "`make dashboard`.") from None
        except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError) as exc:
            raise ProjectError(
                f"a core query no longer returns what the dashboard draws ({type(exc).__name__}: {exc}); restore "
                "the sql/ files you changed with `git checkout -- sql/` and put your own analysis in a new "
                "sql/NN_*.sql file."
            ) from None
        figures_dir = out_dir / "figures"
        figures_dir.mkdir(parents=True, exist_ok=True)
        figures = {}
        for name, path in drawn.items():
            figures[name] = figures_dir / name
            shutil.copyfile(path, figures[name])
    html_path = out_dir / "dashboard.html"
    html_path.write_text(html_text, encoding="utf-8", newline="\n")
    return Build(html_path, figures, results, author)
