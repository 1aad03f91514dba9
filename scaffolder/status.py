"""What is left to do in a project, and who wrote what.

FILL markers and unanswered items are the work left; the manifest's hashes tell the generated files
the user has edited from those still as prooflane wrote them, and files it does not list (outside the
project's build outputs) are the user's own additions.
"""

from __future__ import annotations

import os
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
        }


def _walk(root: Path) -> list[str]:
    """Project-relative POSIX paths of every file, skipping tool folders and not following links out."""
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not Path(folder, d).is_symlink())
        for name in files:
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def _read(root: Path, rel: str) -> str:
    if not rel.endswith(TEXT_SUFFIXES):
        return ""
    try:
        return (root / rel).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


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
    if (root / MANIFEST_NAME).is_file():
        manifest = read(root)
        kind, role, generated = manifest.kind, manifest.role, manifest.files
        outputs, rules = list(manifest.outputs), list(manifest.unfinished)
    status = ProjectStatus(root=root, kind=kind, role=role)
    present = _walk(root)
    for rel in present:
        if rel == MANIFEST_NAME:
            continue
        is_output = any(fnmatch(rel, pattern) for pattern in outputs)
        if is_output and rel not in generated:
            status.built.append(rel)
            continue  # built pages repeat the markers of their sources: count each marker once
        text = _read(root, rel)
        status.fills += _fills(rel, text)
        if "<<<<<<< yours" in text and has_conflict_markers(text):
            status.conflicts.append(rel)
        if rel not in generated and generated:
            status.added.append(rel)
    status.unanswered = find_unanswered(root, rules, [r for r in present if r not in status.built])
    for rel, digest in sorted(generated.items()):
        target = root / rel
        if not target.is_file():
            status.missing.append(rel)
        elif sha256_file(target) != digest:
            status.edited.append(rel)
        else:
            status.unchanged.append(rel)
    return status
