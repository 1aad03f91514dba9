"""Putting a finished project in place without ever losing what a person already has there.

- A bake renders into a staging folder ``.prooflane-<pid>-XXXX`` beside the target. Without
  ``--force`` the project is moved in with one ``rename``, which the kernel refuses when the target
  filled up meanwhile, so files that appear during a bake are never touched.
- With ``--force`` the new project and the old folder swap places in one atomic step
  (``renameat2(RENAME_EXCHANGE)``, or two renames where that is missing). The old folder is then
  deleted only when it holds nothing but unedited generated files; anything the person added or
  edited, ``.git`` included, keeps the whole old folder as ``<target>.backup-N``.
- A per-target lock makes a second bake into the same target refuse while the first one runs.
- SIGTERM and SIGHUP end a bake like Ctrl-C (staging removed); the swap itself runs with signals
  blocked. Staging folders that a SIGKILL left behind are removed by the next bake into the same
  folder; one that was mid-swap is kept as a backup instead, never deleted.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from scaffolder.exceptions import TargetExistsError, WriteFailedError

STAGING_PREFIX = ".prooflane-"
SWAP_MARKER = ".swapping"  # inside a staging folder while the old target may sit in it
CACHE_DIRS = frozenset({"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"})
MANIFEST_NAME = ".prooflane.json"


def make_staging(output_dir: Path) -> Path:
    """A fresh staging folder beside the target, named after this process so others can tell it is live."""
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=output_dir))


def _pid_alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie, dead but not yet reaped, counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True  # no /proc: trust kill()
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


STAGING_RE = re.compile(r"\.prooflane-([0-9]+)-[A-Za-z0-9_]{8}")


def _owner_gone(folder: Path) -> bool:
    """True for a staging folder of ours whose process has ended (any other name is never touched)."""
    match = STAGING_RE.fullmatch(folder.name)
    return match is not None and not _pid_alive(int(match.group(1)))


def backup_path(target: Path) -> Path:
    """The first free ``<target>.backup-N`` beside the target."""
    n = 1
    while True:
        candidate = target.with_name(f"{target.name}.backup-{n}")
        if not os.path.lexists(candidate):
            return candidate
        n += 1


def discard_staging(folder: Path) -> list[Path]:
    """Remove a staging folder; if it was mid-swap, first put the old target back (or keep it as a backup)."""
    kept: list[Path] = []
    marker = folder / SWAP_MARKER
    if marker.is_file():
        try:
            where, _, inode = marker.read_text(encoding="utf-8").partition("\n")
            target, new_inode = Path(where), int(inode)
        except (OSError, UnicodeDecodeError, ValueError):
            return kept  # cannot tell where it belongs: leave it alone rather than delete anything
        for entry in sorted(folder.iterdir()):
            try:
                if entry.name == SWAP_MARKER or entry.lstat().st_ino == new_inode:
                    continue  # the marker itself, or the new project that never made it in
                if not os.path.lexists(target):
                    os.rename(entry, target)  # put the person's folder back where it was
                else:
                    dest = backup_path(target)
                    os.rename(entry, dest)
                    kept.append(dest)
            except OSError:
                return kept
        with contextlib.suppress(OSError):
            marker.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    return kept


def clean_stale_staging(output_dir: Path) -> list[Path]:
    """Remove staging folders whose process is gone; return backups made of any that were mid-swap."""
    kept: list[Path] = []
    try:
        entries = sorted(e for e in output_dir.iterdir() if e.name.startswith(STAGING_PREFIX))
    except OSError:
        return kept
    for folder in entries:
        if folder.name.endswith(".lock") and not folder.is_symlink() and folder.is_file():
            _remove_if_unlocked(folder)
            continue
        if folder.is_symlink() or not folder.is_dir() or not _owner_gone(folder):
            continue
        kept += discard_staging(folder)
    return kept


def _remove_if_unlocked(path: Path) -> None:
    """Delete a lock file that no running bake holds (one a SIGKILL left behind)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path.unlink()
    except OSError:
        pass
    finally:
        os.close(fd)


def user_work(folder: Path, limit: int = 10_000) -> list[str]:
    """Paths under ``folder`` that are the person's own: added, edited, symlinks, ``.git`` (generated, unedited files are not)."""
    if folder.is_symlink():
        return ["(the folder is a symbolic link)"]
    generated: dict[str, str] = {}
    try:
        raw = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        files = raw.get("files") if isinstance(raw, dict) else None
        if isinstance(files, dict):
            generated = {str(k): str(v) for k, v in files.items()}
    except (OSError, ValueError, RecursionError):
        generated = {}
    found: list[str] = []

    def note(rel: str) -> bool:
        found.append(rel)
        return len(found) >= limit

    def unreadable(exc: OSError) -> None:
        note(os.path.relpath(exc.filename or str(folder), folder) + "/")

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in CACHE_DIRS)
        for name in [d for d in dirnames if (base / d).is_symlink()]:
            dirnames.remove(name)
            if note((base / name).relative_to(folder).as_posix()):
                return found
        for name in sorted(filenames):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if rel == MANIFEST_NAME and generated:
                continue
            if name.endswith((".pyc", ".pyo")):
                continue
            expected = generated.get(rel)
            if expected is not None and not path.is_symlink() and _sha256(path) == expected:
                continue
            if note(rel):
                return found
    return found


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


@contextlib.contextmanager
def target_lock(output_dir: Path, slug: str) -> Iterator[None]:
    """Hold ``.prooflane-<slug>.lock`` in ``output_dir`` for the whole bake; refuse when another bake holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, the atomic rename still protects files
        yield
        return
    path = output_dir / f"{STAGING_PREFIX}{slug}.lock"
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise WriteFailedError(
                f"Cannot write to the output folder {output_dir} ({exc.strerror or exc}); choose a folder you can write to with -o."
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise WriteFailedError(
                f"Another 'prooflane new' is creating {output_dir / slug} right now; wait for it to finish, then run this again."
            ) from exc
        try:  # the holder before us may have removed the file: lock the file that is really there
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


class _Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP during a bake: unwinds like Ctrl-C so the staging folder is removed."""


@contextlib.contextmanager
def signals_interrupt() -> Iterator[None]:
    """While a bake runs, SIGTERM and SIGHUP raise like Ctrl-C (so ``finally`` cleans up)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]

    def handler(signum: int, frame: object) -> None:
        raise _Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in wanted}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """Hold off SIGINT, SIGTERM and SIGHUP for a few system calls that must finish together."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover
        yield
        return
    sigs = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _refuse_filled(target: Path) -> TargetExistsError:
    return TargetExistsError(
        f"{target} filled up while the project was being made, so nothing was changed; "
        "choose another -o folder or --name, or add --force to replace it."
    )


def _failed(target: Path, exc: OSError) -> WriteFailedError:
    return WriteFailedError(
        f"Cannot replace {target} ({exc.strerror or exc}); nothing was changed there; "
        "check that you can write to it and that it is not a mount point."
    )


def move_in(baked: Path, target: Path) -> None:
    """Move a finished project onto a missing or empty target; refuse if the target is not empty by then."""
    try:
        os.rename(baked, target)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR, errno.EISDIR):
            raise _refuse_filled(target) from exc
        raise _failed(target, exc) from exc


def swap_in(baked: Path, target: Path, staging: Path) -> tuple[Path | None, list[str]]:
    """Replace ``target`` with ``baked`` (``--force``); return (backup folder or None, the person's files kept)."""
    marker = staging / SWAP_MARKER
    try:  # where the old folder belongs, and how to tell the new project from it (renames keep inodes)
        marker.write_text(f"{target.absolute()}\n{baked.lstat().st_ino}", encoding="utf-8")
    except OSError as exc:
        raise _failed(target, exc) from exc
    with signals_blocked():
        try:
            swapped = _exchange(baked, target)
            if not swapped:  # two renames; a crash between them is repaired by clean_stale_staging
                os.rename(target, staging / ".old")
                try:
                    os.rename(baked, target)
                except OSError:
                    os.rename(staging / ".old", target)
                    raise
        except OSError as exc:
            marker.unlink(missing_ok=True)  # nothing moved: the target is as it was
            raise _failed(target, exc) from exc
        old = baked if swapped else staging / ".old"
        keep = user_work(old)
        backup: Path | None = None
        if keep:
            backup = backup_path(target)
            try:
                os.rename(old, backup)
            except OSError:
                backup = None  # leave it where the marker protects it; reported below
        if backup is not None or not keep:
            marker.unlink(missing_ok=True)
    if keep and backup is None:
        raise WriteFailedError(f"The new project is in {target}, but the old folder could not be moved to a backup; it is in {old}.")
    if not keep:
        try:
            shutil.rmtree(old)
        except OSError:
            backup = backup_path(target)
            with contextlib.suppress(OSError):
                os.rename(old, backup)
                keep = ["(files that could not be deleted)"]
    return backup, keep
