"""What is left to do in a project: unfilled FILL markers, and which generated files were edited."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder.exceptions import ManifestError
from scaffolder.manifest import MANIFEST_NAME, read, sha256_file
from scaffolder.markers import find_fills

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".yaml", ".yml", ".html", ".csv", ".json", ".py", ".sql")
MAX_READ = 64 * 1024 * 1024  # FILL markers are looked for in the first 64 MB of a file
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".pytest_cache"}


@dataclass(frozen=True)
class Fill:
    """One unfilled marker."""

    path: str
    line: int
    hint: str


@dataclass
class ProjectStatus:
    """A project's progress: markers left and generated files the user has edited."""

    root: Path
    kind: str | None
    role: str | None
    fills: list[Fill] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.root),
            "kind": self.kind,
            "role": self.role,
            "fill_markers": len(self.fills),
            "fills": [{"path": f.path, "line": f.line, "hint": f.hint} for f in self.fills],
            "edited_files": self.edited,
            "missing_files": self.missing,
            "unreadable": self.unreadable,
        }


def _walk(root: Path, unreadable: list[str]) -> list[Path]:
    """Regular files under ``root`` (symlinks never followed, unreadable folders noted, not fatal)."""
    found: list[Path] = []

    def note(exc: OSError) -> None:
        unreadable.append(os.path.relpath(exc.filename or str(root), root))

    for dirpath, dirnames, filenames in os.walk(root, onerror=note):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.suffix in TEXT_SUFFIXES and not path.is_symlink():
                found.append(path)
    return found


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def project_status(root: Path) -> ProjectStatus:
    """Scan ``root`` for FILL markers; compare with ``.prooflane.json`` when there is one."""
    root = Path(root)
    if not root.is_dir():
        raise ManifestError(f"{root} is not a folder; give the path of a project made by 'prooflane new'.")
    kind = role = None
    generated: dict[str, str] = {}
    if os.path.lexists(root / MANIFEST_NAME):
        manifest = read(root)
        kind, role, generated = manifest.kind, manifest.role, manifest.files
    status = ProjectStatus(root=root, kind=kind, role=role)
    for path in _walk(root, status.unreadable):
        where = path.relative_to(root).as_posix()
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_READ)
        except OSError:
            status.unreadable.append(where)
            continue
        if b"[FILL" not in data:
            continue
        text = data.decode("utf-8", errors="replace")
        for match in find_fills(text):
            line = text.count("\n", 0, match.start()) + 1
            status.fills.append(Fill(where, line, (match.group("hint") or "").strip()))
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
        if not same:
            status.edited.append(rel)
    status.unreadable = sorted(set(status.unreadable))
    return status
