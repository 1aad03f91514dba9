"""Scanning a large set of files in two processes, with the same report as one process.

The folders are walked first (in one process), which gives the files in a fixed order; they are cut
into a few runs of consecutive files of about equal size, each run is scanned in a worker process
with its own caches, and the partial reports are joined in run order. Files are independent of one
another, so the joined report holds exactly the findings of a serial scan, and ``report.sort()``
orders them the same way. Used only where processes start cheaply (``fork``, on Linux) and the
caller runs no other threads; anything going wrong with the processes falls back to the serial scan.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.check.model import CheckReport

if TYPE_CHECKING:
    from scaffolder.check.scan import Options, _State

MIN_BYTES = 2_000_000  # below this, starting the processes costs more than it saves
WORKERS = 2
RUNS_PER_WORKER = 4  # several runs each, so one slow run does not leave a worker idle


def _workers() -> int:
    try:
        return min(WORKERS, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return min(WORKERS, os.cpu_count() or 1)


def worth_it(state: _State) -> bool:
    """True when the files are large and many enough, and processes can be forked safely."""
    return (sum(state.job_sizes) >= MIN_BYTES and len(state.jobs) >= 2 and _workers() >= 2
            and sys.platform == "linux" and threading.active_count() == 1)


def runs(sizes: list[int], count: int) -> list[tuple[int, int]]:
    """Cut ``sizes`` (in order) into at most ``count`` runs of consecutive items of about equal total."""
    total = sum(sizes)
    bounds: list[tuple[int, int]] = []
    start, done = 0, 0
    for i, size in enumerate(sizes):
        done += size
        if done * count >= total * (len(bounds) + 1) and i + 1 < len(sizes):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(sizes)))
    return [b for b in bounds if b[0] < b[1]]


def _scan_run(jobs: list[tuple[Path, str]], options: Options) -> CheckReport:
    from scaffolder.check.scan import _State, scan_file

    state = _State(report=CheckReport(), options=options)
    for path, display in jobs:
        scan_file(path, display, state)
    return state.report


def scan_in_processes(state: _State) -> list[CheckReport] | None:
    """The partial reports of every run, in order; None when the processes could not do the work."""
    workers = _workers()
    pieces = [state.jobs[a:b] for a, b in runs(state.job_sizes, workers * RUNS_PER_WORKER)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_scan_run, pieces, [state.options] * len(pieces)))
    except (OSError, RuntimeError, ValueError):  # no semaphores, a broken pool ...
        return None
