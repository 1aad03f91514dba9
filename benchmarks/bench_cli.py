"""Whole-process timings of the CLI, each against a baseline measured in the same run.

- start-up: `prooflane --version` and `prooflane roles` against a bare `python -c pass`;
- baking: `prooflane new dashboard --no-input` against plain `cookiecutter --no-input` of the same
  template (same work: render, hook, data), so the ratio shows what prooflane's safety adds.

Run: python benchmarks/bench_cli.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], runs: int, cwd: Path | None = None, fresh: Path | None = None) -> float:
    """Median wall time of ``runs`` runs (``fresh`` is emptied before each run)."""
    samples = []
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="prooflane-bench-"))
    try:
        base = timed([py, "-c", "pass"], runs)
        rows = [("python -c pass (baseline)", base, 1.0)]
        for label, args in (("prooflane --version", ["--version"]), ("prooflane roles", ["roles"])):
            t = timed([py, "-m", "scaffolder", *args], runs)
            rows.append((label, t, t / base))
        out = work / "out"
        cc = timed([py, "-m", "cookiecutter", "--no-input", str(REPO / "project_templates" / "dashboard"), "-o", str(out)],
                   runs, fresh=out)
        rows.append(("cookiecutter --no-input dashboard (baseline)", cc, 1.0))
        t = timed([py, "-m", "scaffolder", "new", "dashboard", "--no-input", "-o", str(out)], runs, fresh=out)
        rows.append(("prooflane new dashboard --no-input", t, t / cc))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'command'.ljust(width)}  median s  x baseline")
    for label, seconds, ratio in rows:
        print(f"{label.ljust(width)}  {seconds:8.3f}  {ratio:10.2f}")


if __name__ == "__main__":
    main()
