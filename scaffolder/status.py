"""What is left to do in a project, and who wrote what.

FILL markers, unanswered items and update conflicts are the work left; the manifest's hashes tell
the generated files the user has edited from those still as prooflane wrote them, and files it does
not list (outside the project's build outputs) are the user's own additions. Symlinks are never
followed, unreadable files and folders are noted and skipped, and at most 64 MB of a file is read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from scaffolder.exceptions import ManifestError
from scaffolder.manifest import MANIFEST_NAME, read, sha256_file
from scaffolder.markers import find_fills
from scaffolder.unfinished import Unanswered
from scaffolder.unfinished import find as find_unanswered
from scaffolder.update.merge import has_conflict_markers

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".yaml", ".yml", ".html", ".csv", ".json", ".py", ".sql")
MAX_READ = 64 * 1024 * 1024  # FILL markers are looked for in the first 64 MB of a file
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache",
             ".prooflane"}


@dataclass(frozen=True)
class Fill:
    """One unfilled marker."""

    path: str
    line: int
    hint: str


@dataclass
class ProjectStatus:
    """A project's progress and authorship: work left, files edited, files added, files built."""

    root: Path
    kind: str | None
    role: str | None
    fills: list[Fill] = field(default_factory=list)
    unanswered: list[Unanswered] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # files with markers an update left
    edited: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        """No FILL marker, unanswered item or update conflict left."""
        return not self.fills and not self.unanswered and not self.conflicts

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.root),
            "kind": self.kind,
            "role": self.role,
            "finished": self.finished,
            "fill_markers": len(self.fills),
            "fills": [{"path": f.path, "line": f.line, "hint": f.hint} for f in self.fills],
            "unanswered_items": len(self.unanswered),
            "unanswered": [{"path": u.path, "line": u.line, "what": u.what} for u in self.unanswered],
            "conflicts": self.conflicts,
            "edited_files": self.edited,
            "unchanged_files": self.unchanged,
            "added_files": self.added,
            "built_files": self.built,
            "missing_files": self.missing,
            "unreadable": self.unreadable,
        }


def _walk(root: Path, unreadable: list[str] | None = None) -> list[str]:
    """Project-relative POSIX paths of every regular file (symlinks never followed, unreadable folders noted)."""
    found: list[str] = []

    def note(exc: OSError) -> None:
        if unreadable is not None:
            unreadable.append(os.path.relpath(exc.filename or str(root), root))

    for dirpath, dirnames, filenames in os.walk(root, onerror=note):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not Path(dirpath, d).is_symlink())
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if _regular_file(path):
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _read(root: Path, rel: str, unreadable: list[str]) -> str:
    if not rel.endswith(TEXT_SUFFIXES):
        return ""
    try:
        with (root / rel).open("rb") as handle:
            data = handle.read(MAX_READ)
    except OSError:
        unreadable.append(rel)
        return ""
    if b"[FILL" not in data and b"<<<<<<< yours" not in data:
        return ""
    return data.decode("utf-8", errors="replace")


def _fills(rel: str, text: str) -> list[Fill]:
    if "[FILL" not in text:
        return []
    return [Fill(rel, text.count("\n", 0, m.start()) + 1, (m.group("hint") or "").strip()) for m in find_fills(text)]


def project_status(root: Path) -> ProjectStatus:
    """Scan ``root`` for work left; compare with ``.prooflane.json`` when there is one."""
    root = Path(root)
    if not root.is_dir():
        raise ManifestError(f"{root} is not a folder; give the path of a project made by 'prooflane new'.")
    kind = role = None
    generated: dict[str, str] = {}
    outputs: list[str] = []
    rules: list[dict[str, Any]] = []
    if os.path.lexists(root / MANIFEST_NAME):
        manifest = read(root)
        kind, role, generated = manifest.kind, manifest.role, manifest.files
        outputs, rules = list(manifest.outputs), list(manifest.unfinished)
    status = ProjectStatus(root=root, kind=kind, role=role)
    present = _walk(root, status.unreadable)
    for rel in present:
        if rel == MANIFEST_NAME:
            continue
        if rel not in generated and any(fnmatch(rel, pattern) for pattern in outputs):
            status.built.append(rel)
            continue  # built pages repeat the markers of their sources: count each marker once
        text = _read(root, rel, status.unreadable)
        status.fills += _fills(rel, text)
        if text and has_conflict_markers(text):
            status.conflicts.append(rel)
        if generated and rel not in generated:
            status.added.append(rel)
    status.unanswered = find_unanswered(root, rules, [r for r in present if r not in status.built])
    for rel, digest in sorted(generated.items()):
        target = root / rel  # manifest.read has refused paths that leave the project
        if not _regular_file(target):
            status.missing.append(rel)
            continue
        try:
            same = sha256_file(target) == digest
        except OSError:
            status.unreadable.append(rel)
            continue
        (status.unchanged if same else status.edited).append(rel)
    status.unreadable = sorted(set(status.unreadable))
    return status
