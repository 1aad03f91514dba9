"""Apply an update all or nothing: stage every new file, mark the plan committed, then apply it.

A kill before the commit mark leaves the project as it was (the staged files are discarded at the
next run); a kill after it is finished at the next run (every step can be repeated). Replaced and
deleted files are moved into the journal first, so the apply step only renames.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from scaffolder.manifest import STATE_DIR

JOURNAL = f"{STATE_DIR}/update-in-progress"
PLAN = "plan.json"
COMMITTED = "COMMITTED"


@dataclass(frozen=True)
class Step:
    """Write ``staged`` (a file in the journal) to ``path``, or delete ``path`` when ``staged`` is None."""

    path: str
    staged: str | None


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def stage(root: Path, writes: dict[str, bytes], deletes: list[str], last: tuple[str, ...] = ()) -> Path:
    """Write the new contents and the plan into the journal, then mark it committed.

    Paths in ``last`` (the manifest) are written after every other step.
    """
    journal = root / JOURNAL
    if journal.exists():
        shutil.rmtree(journal)
    (journal / "new").mkdir(parents=True)
    first = sorted(rel for rel in writes if rel not in last)
    final = [rel for rel in last if rel in writes]
    steps: list[dict[str, str | None]] = []
    for n, rel in enumerate([*first, *final]):
        staged = f"new/{n:05d}"
        with (journal / staged).open("wb") as handle:
            handle.write(writes[rel])
            handle.flush()
            os.fsync(handle.fileno())
        steps.append({"path": rel, "staged": staged})
    steps[len(first):len(first)] = [{"path": rel, "staged": None} for rel in sorted(deletes)]
    (journal / PLAN).write_text(json.dumps(steps, indent=1), encoding="utf-8")
    _fsync_dir(journal)
    (journal / COMMITTED).write_text("ok\n", encoding="utf-8")
    _fsync_dir(journal)
    return journal


def apply(root: Path) -> None:
    """Carry out a committed journal (again, if a run was killed half-way), then remove it."""
    journal = root / JOURNAL
    steps = [Step(s["path"], s["staged"]) for s in json.loads((journal / PLAN).read_text(encoding="utf-8"))]
    old = journal / "old"
    for step in steps:
        target = root / step.path
        if step.staged is None:
            if target.exists() or target.is_symlink():
                keep = old / step.path
                keep.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, keep)
            continue
        staged = journal / step.staged
        if not staged.exists():
            continue  # applied by an earlier, interrupted run
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
    shutil.rmtree(journal, ignore_errors=True)


def recover(root: Path) -> str | None:
    """Finish or discard an update a kill interrupted; say which, or None when there was none."""
    journal = root / JOURNAL
    if not journal.exists():
        return None
    if (journal / COMMITTED).is_file() and (journal / PLAN).is_file():
        apply(root)
        return "finished an update that was interrupted"
    shutil.rmtree(journal, ignore_errors=True)
    return "discarded an update that was interrupted before it changed anything"
