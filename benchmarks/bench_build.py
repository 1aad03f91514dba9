"""`prooflane build` on a 13-project portfolio, against copying the same files in the same run.

The projects are baked once (every built kind, repeated with other names up to 13) and filled the
way a person finishing them would; then the median of N builds (site only, and site plus PDF) is
compared with the median time of copying the same project trees with shutil.copytree.

Run: python benchmarks/bench_build.py [--runs N] [--projects 13]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _median(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    from scaffolder import catalog
    from scaffolder.api import new_project
    from scaffolder.site.build import build_portfolio
    from tests.portfolio.conftest import fill_all

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--projects", type=int, default=13)
    args = parser.parse_args()
    kinds = [k.id for k in catalog.load().built_kinds()]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "projects"
        for i in range(args.projects):
            kind = kinds[i % len(kinds)]
            project = new_project(kind, base, name=f"Portfolio project {i + 1:02d} {kind}", author="Dana Reyes").path
            fill_all(project)
        roots = sorted(base.iterdir())
        size = sum(p.stat().st_size for p in base.rglob("*") if p.is_file())
        counter = iter(range(10_000))

        def copy() -> None:
            target = Path(tmp) / f"copy-{next(counter)}"
            for root in roots:
                shutil.copytree(root, target / root.name)

        def site_only() -> None:
            build_portfolio(roots, Path(tmp) / "site", pdf=False, preview=True)

        def with_pdf() -> None:
            build_portfolio(roots, Path(tmp) / "site-pdf", pdf=True, preview=True)

        site_only()  # warm caches (catalog, lexicons) as a second build in one session would
        baseline = _median(copy, args.runs)
        site = _median(site_only, args.runs)
        pdf = _median(with_pdf, max(1, args.runs // 2))
    print(f"{args.projects} projects, {size / 2**20:.1f} MB of project files, median of {args.runs} runs")
    print("| what | seconds | x copying the files |")
    print("|---|---:|---:|")
    print(f"| copy the project folders (baseline) | {baseline:.3f} | 1.0 |")
    print(f"| prooflane build, site (check, render, copy) | {site:.3f} | {site / baseline:.1f} |")
    print(f"| prooflane build, site and PDF | {pdf:.3f} | {pdf / baseline:.1f} |")
    print(f"Target: the site in at most 2 s: {'met' if site <= 2.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
