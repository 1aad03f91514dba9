"""Scanning a large set of files in two processes, with the same report as one process.

The folders are walked first (in one process), which gives the files in a fixed order. They are cut
into tasks: the files of one project stay together (its base snapshot holds the same texts as most of
its files, and a process scans a text it has seen once), a large file is a task of its own, and the
tasks are handed out largest first to whichever process is free. Files are independent of one another,
so each file's partial report is what a serial scan makes of it, and joining them in walk order gives
exactly the serial report. Used only where processes start cheaply (``fork``, on Linux) and the
caller runs no other threads; anything going wrong with the processes falls back to the serial scan.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from scaffolder.check.model import CheckReport
from scaffolder.update.snapshot import SNAPSHOT

if TYPE_CHECKING:
    from scaffolder.check.scan import Options, _State

MIN_BYTES = 2_000_000  # below this, starting the processes costs more than it saves
WORKERS = 2


def _workers() -> int:
    try:
        return min(WORKERS, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return min(WORKERS, os.cpu_count() or 1)


def worth_it(state: _State) -> bool:
    """True when the files are large and many enough, and processes can be forked safely."""
    return (sum(state.job_sizes) >= MIN_BYTES and len(state.jobs) >= 2 and _workers() >= 2
            and sys.platform == "linux" and threading.active_count() == 1)


# Relative cost of a byte by file type, for handing out tasks: a compressed snapshot unpacks to several
# times its size of prose; generated data and code have few of the cues that make prose slow.
COST_PER_BYTE = {".gz": 8.0, ".csv": 0.25, ".tsv": 0.25, ".py": 0.1}
_SNAPSHOT_NAME = PurePosixPath(SNAPSHOT).name  # a project's base snapshot stays with its files
TASKS_PER_WORKER = 4  # a file costing more than a worker's share over this many tasks is a task of its own


def cost(path: Path, size: int) -> float:
    """The estimated scanning cost of a file of ``size`` bytes at ``path`` (in prose-byte units)."""
    return size * COST_PER_BYTE.get(path.suffix.lower(), 1.0)


def tasks(jobs: list[tuple[Path, str]], sizes: list[int], workers: int,
          home: Callable[[Path], Path] = lambda path: path.absolute().parent) -> list[list[int]]:
    """The job indexes cut into tasks, costliest first: the files of one ``home`` (a file's project folder, or
    its own folder when no project holds it) together, cut into runs of about a share of the whole when they cost more, and every
    file that costs more than a share in a task of its own."""
    costs = [cost(path, size) for (path, _), size in zip(jobs, sizes)]
    share = sum(costs) / max(1, workers * TASKS_PER_WORKER)
    groups: dict[Path, list[int]] = {}
    alone: list[list[int]] = []
    for i, (path, _) in enumerate(jobs):
        if costs[i] > share and path.name != _SNAPSHOT_NAME:
            alone.append([i])
        else:
            groups.setdefault(home(path), []).append(i)
    cut: list[list[int]] = []
    for group in groups.values():  # a folder of many files is cut into runs of about one share each
        run: list[int] = []
        total = 0.0
        for i in group:
            if run and total + costs[i] > share:
                cut.append(run)
                run, total = [], 0.0
            run.append(i)
            # (a project's snapshot repeats its files, found again at no cost in the same run: not counted)
            total += 0.0 if jobs[i][0].name == _SNAPSHOT_NAME else costs[i]
        cut.append(run)
    return sorted([*cut, *alone], key=lambda task: (-sum(costs[i] for i in task), task[0]))


def _scan_task(jobs: list[tuple[Path, str]], options: Options) -> list[CheckReport]:
    """One report per file of the task (in the task's order), scanned with one set of caches."""
    from scaffolder.check.scan import _State, scan_file

    state = _State(report=CheckReport(), options=options)
    reports = []
    for path, display in jobs:
        state.report = CheckReport()
        scan_file(path, display, state)
        reports.append(state.report)
    return reports


def scan_in_processes(state: _State, meanwhile: Callable[[], object] | None = None) -> list[CheckReport] | None:
    """The report of every file, in walk order; None when the processes could not do the work.

    ``meanwhile`` runs in this process once the others have started; what it raises is raised when
    they are done.
    """
    workers = _workers()
    from scaffolder.check.scan import _project_for

    cut = tasks(state.jobs, state.job_sizes, workers,
                lambda path: _project_for(path, state)[1] or path.absolute().parent)
    pieces = [[state.jobs[i] for i in task] for task in cut]
    raised: BaseException | None = None
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            results = pool.map(_scan_task, pieces, [state.options] * len(pieces))
            if meanwhile is not None:
                try:
                    meanwhile()
                except Exception as exc:  # raised once the pool is shut down
                    raised = exc
            done = list(results)
    except (OSError, RuntimeError, ValueError):  # no semaphores, a broken pool ...
        if raised is not None:
            raise raised from None
        return None
    if raised is not None:
        raise raised
    by_job: list[CheckReport | None] = [None] * len(state.jobs)
    for task, reports in zip(cut, done):
        for i, report in zip(task, reports):
            by_job[i] = report
    return [report for report in by_job if report is not None]
