"""Build the dashboard: run the SQL, draw the charts, write reports/dashboard.html."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from dashboard import charts, page, project
from dashboard.queries import ROOT, QueryResult, run_all


@dataclass(frozen=True)
class Build:
    """What one build wrote."""

    html: Path
    figures: dict[str, Path]
    results: dict[str, QueryResult]


def build(root: Path = ROOT, out_dir: Path | None = None) -> Build:
    """Run every query in ``root/sql`` and write the charts and page into ``out_dir`` (default ``root/reports``)."""
    out_dir = root / "reports" if out_dir is None else out_dir
    data = root / project.DATA_FILE
    if not data.is_file():
        raise SystemExit(f"{data} is missing; restore it from version control or regenerate the project.")
    results = run_all(root)
    overview = results["01_overview"].first()
    source = f"Synthetic data, seed {project.SEED}, {overview['appointments']:,} appointments. Not real patients."
    figures = charts.draw_all(results, out_dir / "figures", source)
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    html_path = out_dir / "dashboard.html"
    html_path.write_text(page.render(results, figures, digest), encoding="utf-8", newline="\n")
    return Build(html_path, figures, results)
