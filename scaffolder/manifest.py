"""The project manifest ``.prooflane.json``: what was generated, from which template, with which seed.

It lists the sha256 of every generated file, so ``check`` and ``status`` can tell what the user has
changed since, and which data files are the synthetic ones.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scaffolder.exceptions import ManifestError

MANIFEST_NAME = ".prooflane.json"
MANIFEST_FORMAT = 1
STATE_DIR = ".prooflane"  # prooflane's own state (the base snapshot, an update in progress); never hashed


@dataclass
class Manifest:
    """What ``.prooflane.json`` holds."""

    kind: str
    template_version: str
    tool_version: str
    seed: int
    answers: dict[str, Any]
    role: str | None = None
    disclaimer_version: int = 1
    synthetic_data: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    # Globs of files the project's own scripts build (reports, figures): neither prooflane's text nor the user's.
    outputs: list[str] = field(default_factory=list)
    # Rules for unanswered items in structured files (see scaffolder/unfinished.py).
    unfinished: list[dict[str, Any]] = field(default_factory=list)
    # Files where the person's own work goes (they held FILL markers when generated): update never merges into them.
    user_owned: list[str] = field(default_factory=list)
    format: int = MANIFEST_FORMAT

    def to_json(self) -> str:
        """Stable JSON text (sorted keys, trailing newline) so that equal manifests are equal bytes."""
        return json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def hash_tree(root: Path, exclude: tuple[str, ...] = (MANIFEST_NAME,)) -> dict[str, str]:
    """sha256 of every file below ``root`` keyed by POSIX relative path, skipping caches."""
    hashes: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if (not path.is_file() or rel in exclude or "__pycache__" in path.parts or ".pytest_cache" in path.parts
                or rel.split("/", 1)[0] == STATE_DIR):
            continue
        hashes[rel] = sha256_file(path)
    return hashes


def write(root: Path, manifest: Manifest) -> Path:
    """Hash the tree into ``manifest.files`` and write it to ``root/.prooflane.json``."""
    manifest.files = hash_tree(root)
    target = root / MANIFEST_NAME
    target.write_text(manifest.to_json(), encoding="utf-8")
    return target


MAX_MANIFEST_BYTES = 256 * 1024 * 1024


def safe_relpath(rel: object) -> bool:
    """A manifest path that stays inside the project: relative, POSIX, no ``..``, no drive or NUL."""
    if not isinstance(rel, str) or not rel or "\x00" in rel or "\\" in rel or rel.startswith("/"):
        return False
    parts = rel.split("/")
    return ".." not in parts and "" not in parts and ":" not in parts[0]


def read(root: Path) -> Manifest:
    """Read ``root/.prooflane.json`` (``root`` may also be the manifest file itself); check every field's type."""
    path = root if root.name == MANIFEST_NAME else root / MANIFEST_NAME
    fix = "restore it from version control or regenerate the project."
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{path} is larger than {MAX_MANIFEST_BYTES >> 20} MB, far more than a project needs; {fix}")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ManifestError(f"No {MANIFEST_NAME} in {path.parent}; run the command inside a project made by 'prooflane new'.") from exc
    except PermissionError as exc:
        raise ManifestError(f"{path} cannot be read (permission denied); give yourself read access to it (chmod u+r).") from exc
    except OSError as exc:
        raise ManifestError(f"{path} cannot be read ({exc.strerror or exc}); {fix}") from exc
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path} is not UTF-8 text; {fix}") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path} is not valid JSON ({exc}); {fix}") from exc
    except RecursionError as exc:
        raise ManifestError(f"{path} is nested far too deeply to be a prooflane manifest; {fix}") from exc
    if not isinstance(raw, dict):
        raise ManifestError(f"{path} should hold a JSON object; {fix}")
    fmt = raw.get("format", MANIFEST_FORMAT)
    if not isinstance(fmt, int) or fmt > MANIFEST_FORMAT or fmt < 1:
        raise ManifestError(f"{path} is in manifest format {str(fmt)[:20]}, which this prooflane does not know (it "
                            f"reads format {MANIFEST_FORMAT}); upgrade prooflane (pip install -U prooflane).")
    known = {f for f in Manifest.__dataclass_fields__}
    missing = [k for k in ("kind", "template_version", "tool_version", "seed", "answers", "files") if k not in raw]
    if missing:
        raise ManifestError(f"{path} lacks the field(s) {', '.join(missing)}; {fix}")
    if not isinstance(raw["files"], dict) or not isinstance(raw["answers"], dict):
        raise ManifestError(f"{path} has 'files' or 'answers' that are not objects; restore it from version control.")
    synthetic = raw.get("synthetic_data", [])
    if not isinstance(synthetic, list) or not all(isinstance(p, str) for p in synthetic):
        raise ManifestError(f"{path} has 'synthetic_data' that is not a list of file paths; {fix}")
    if not all(isinstance(v, str) for v in raw["files"].values()):
        raise ManifestError(f"{path} has file hashes that are not text; {fix}")
    bad = next((p for p in [*raw["files"], *synthetic] if not safe_relpath(p)), None)
    if bad is not None:
        raise ManifestError(f"{path} lists the path '{str(bad)[:80]}', which is outside the project; {fix}")
    if not isinstance(raw.get("role"), (str, type(None))) or not isinstance(raw["kind"], str):
        raise ManifestError(f"{path} has a 'kind' or 'role' that is not text; {fix}")
    return Manifest(**{k: v for k, v in raw.items() if k in known})
