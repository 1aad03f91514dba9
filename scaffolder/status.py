"""What is left to do in a project: unfilled FILL markers, and which generated files were edited."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder.exceptions import ManifestError
from scaffolder.manifest import MANIFEST_NAME, read, sha256_file
from scaffolder.markers import find_fills

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".yaml", ".yml", ".html", ".csv", ".json", ".py", ".sql")
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.root),
            "kind": self.kind,
            "role": self.role,
            "fill_markers": len(self.fills),
            "fills": [{"path": f.path, "line": f.line, "hint": f.hint} for f in self.fills],
            "edited_files": self.edited,
            "missing_files": self.missing,
        }


def project_status(root: Path) -> ProjectStatus:
    """Scan ``root`` for FILL markers; compare with ``.prooflane.json`` when there is one."""
    root = Path(root)
    if not root.is_dir():
        raise ManifestError(f"{root} is not a folder; give the path of a project made by 'prooflane new'.")
    kind = role = None
    generated: dict[str, str] = {}
    if (root / MANIFEST_NAME).is_file():
        manifest = read(root)
        kind, role, generated = manifest.kind, manifest.role, manifest.files
    status = ProjectStatus(root=root, kind=kind, role=role)
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part in SKIP_DIRS for part in rel.parts) or not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if "[FILL" not in text:
            continue
        for match in find_fills(text):
            line = text.count("\n", 0, match.start()) + 1
            status.fills.append(Fill(rel.as_posix(), line, (match.group("hint") or "").strip()))
    for rel, digest in sorted(generated.items()):
        target = root / rel
        if not target.is_file():
            status.missing.append(rel)
        elif sha256_file(target) != digest:
            status.edited.append(rel)
    return status
