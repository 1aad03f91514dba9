"""The update and diff commands: base from the snapshot, theirs from a fresh bake, ours from disk."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import __version__
from scaffolder.exceptions import ProoflaneError
from scaffolder.manifest import MANIFEST_NAME, Manifest, read, sha256_file
from scaffolder.update import journal, merge, snapshot
from scaffolder.update.versions import changelog, is_newer, template_version


class UpdateError(ProoflaneError):
    """An update that cannot run as asked (dirty tree, unknown version, leftover conflicts): exit 2."""


class UpdateConflict(ProoflaneError):
    """The update ran and left conflict markers to resolve: exit 1."""

    exit_code = 1


@dataclass
class FileChange:
    """One path that differs, with a unified diff when both sides are text."""

    path: str
    change: str  # "edited", "added", "deleted", "template"
    diff: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "change": self.change, "diff": self.diff}


@dataclass
class DiffResult:
    """``prooflane diff``: the person's changes since the bake, and what the installed template would change."""

    root: Path
    kind: str
    recorded_version: str
    installed_version: str
    mine: list[FileChange] = field(default_factory=list)
    template: list[FileChange] = field(default_factory=list)
    base_missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.root), "kind": self.kind, "recorded_version": self.recorded_version,
                "installed_version": self.installed_version, "your_changes": [c.to_dict() for c in self.mine],
                "template_changes": [c.to_dict() for c in self.template], "base_missing": self.base_missing}


@dataclass
class UpdateResult:
    """``prooflane update``: what was done to each file."""

    root: Path
    kind: str
    from_version: str
    to_version: str
    outcomes: list[merge.Outcome] = field(default_factory=list)
    dry_run: bool = False
    notes_file: str | None = None
    recovered: str | None = None
    changelog: str = ""

    @property
    def conflicts(self) -> list[str]:
        return [o.path for o in self.outcomes if o.conflict]

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.root), "kind": self.kind, "from": self.from_version, "to": self.to_version,
                "dry_run": self.dry_run, "changelog": self.changelog, "conflicts": self.conflicts, "notes_file": self.notes_file,
                "files": [{"path": o.path, "action": o.action, "reason": o.reason, "conflict": o.conflict}
                          for o in self.outcomes if o.template_changed]}


def _unified(path: str, a: bytes | None, b: bytes | None, left: str, right: str) -> str:
    try:
        at = (a or b"").decode("utf-8").splitlines(keepends=True)
        bt = (b or b"").decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return "(binary file)"
    return "".join(difflib.unified_diff(at, bt, f"{left}/{path}", f"{right}/{path}", n=2))


def _load(root: Path) -> Manifest:
    root = Path(root)
    if not root.is_dir():
        raise UpdateError(f"{root} is not a folder; give the path of a project made by 'prooflane new'.")
    manifest = read(root)
    if is_newer(manifest.tool_version, __version__):
        raise UpdateError(f"{root} was made by prooflane {manifest.tool_version}, newer than this prooflane "
                          f"{__version__}; upgrade prooflane (pip install -U prooflane) before updating it.")
    return manifest


def _base(root: Path, manifest: Manifest) -> tuple[dict[str, bytes], list[str]]:
    base = snapshot.read(root, manifest.files)
    missing = []
    for rel, digest in manifest.files.items():
        if rel in base or rel in manifest.synthetic_data:
            continue
        path = root / rel
        if path.is_file() and sha256_file(path) == digest:
            base[rel] = path.read_bytes()  # unchanged since the bake, so it is its own base
        else:
            missing.append(rel)
    return base, sorted(missing)


def _theirs(manifest: Manifest, workdir: Path) -> tuple[dict[str, bytes], Manifest, Path]:
    """Bake the installed template with the recorded answers; (files without data, its manifest, its root)."""
    from scaffolder.bake import bake
    from scaffolder.templates import settings

    names = {s.name for s in settings(manifest.kind) if not s.derived}
    answers = {k: v for k, v in manifest.answers.items() if k in names}
    answers["seed"] = str(manifest.seed)
    baked = bake(manifest.kind, _resolve(manifest.kind, answers), workdir)
    fresh = read(baked.path)
    files = {rel: (baked.path / rel).read_bytes() for rel in fresh.files if rel not in fresh.synthetic_data}
    return files, fresh, baked.path


def _resolve(kind: str, answers: dict[str, Any]) -> dict[str, Any]:
    from scaffolder.bake import resolve_answers

    try:
        return resolve_answers(kind, answers)
    except ProoflaneError as exc:
        raise UpdateError(f"The recorded answers no longer fit the {kind} template ({exc}); "
                          "edit them in .prooflane.json or bake a new project.") from exc


def _ours(root: Path, paths: set[str]) -> dict[str, bytes | None]:
    return {rel: (root / rel).read_bytes() if (root / rel).is_file() else None for rel in sorted(paths)}


def _added(root: Path, manifest: Manifest) -> list[str]:
    from scaffolder.status import _walk

    return [rel for rel in _walk(root) if rel not in manifest.files and rel != MANIFEST_NAME]


def diff_project(root: Path) -> DiffResult:
    """What the person changed since the bake, and what the installed template version would change."""
    root = Path(root)
    journal.recover(root)
    manifest = _load(root)
    base, missing = _base(root, manifest)
    result = DiffResult(root, manifest.kind, manifest.template_version, template_version(manifest.kind),
                        base_missing=missing)
    ours = _ours(root, set(manifest.files))
    for rel in sorted(manifest.files):
        if rel in manifest.synthetic_data:
            if ours[rel] is None:
                result.mine.append(FileChange(rel, "deleted"))
            elif sha256_file(root / rel) != manifest.files[rel]:
                result.mine.append(FileChange(rel, "edited", "(data file)"))
            continue
        if ours[rel] is None:
            result.mine.append(FileChange(rel, "deleted"))
        elif rel in base and ours[rel] != base[rel]:
            result.mine.append(FileChange(rel, "edited", _unified(rel, base[rel], ours[rel], "generated", "yours")))
    result.mine += [FileChange(rel, "added") for rel in _added(root, manifest)]
    with tempfile.TemporaryDirectory(prefix="prooflane-diff-") as tmp:
        theirs, _, _ = _theirs(manifest, Path(tmp))
    for rel in sorted(set(base) | set(theirs)):
        if base.get(rel) != theirs.get(rel):
            change = "added" if rel not in base else "deleted" if rel not in theirs else "template"
            result.template.append(FileChange(rel, change, _unified(rel, base.get(rel), theirs.get(rel),
                                                                    manifest.template_version,
                                                                    result.installed_version)))
    return result


def _git_dirty(root: Path) -> list[str]:
    """Tracked files with uncommitted changes, when ``root`` is inside a git work tree (else [])."""
    git = shutil.which("git")
    if git is None:
        return []
    try:
        inside = subprocess.run([git, "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True,
                                text=True, timeout=30)
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return []
        status = subprocess.run([git, "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--", "."],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line[3:] for line in status.stdout.splitlines() if line.strip()]


def _leftover_conflicts(root: Path, manifest: Manifest) -> list[str]:
    found = []
    for rel in sorted(set(manifest.files) | set(_added(root, manifest))):
        path = root / rel
        try:
            if path.stat().st_size > 4 << 20:
                continue
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if merge.has_conflict_markers(text):
            found.append(rel)
    return found


def update_project(root: Path, *, to: str | None = None, dry_run: bool = False) -> UpdateResult:
    """Merge the installed template version into the project (see scaffolder.update.merge for the rules)."""
    root = Path(root)
    recovered = journal.recover(root)
    manifest = _load(root)
    installed = template_version(manifest.kind)
    if to is not None and to.strip().lstrip("v") != installed:
        raise UpdateError(f"This prooflane has version {installed} of the {manifest.kind} template, not '{to[:20]}'; "
                          f"use --to {installed}, or install the prooflane release that has {to[:20]}.")
    result = UpdateResult(root, manifest.kind, manifest.template_version, installed, dry_run=dry_run,
                          recovered=recovered, changelog=changelog(manifest.kind, manifest.template_version, installed))
    if installed == manifest.template_version:
        return result
    if not is_newer(installed, manifest.template_version):
        raise UpdateError(f"The project uses version {manifest.template_version} of the {manifest.kind} template, "
                          f"newer than this prooflane's {installed}; upgrade prooflane first.")
    leftover = _leftover_conflicts(root, manifest)
    if leftover:
        raise UpdateError(f"Conflict markers from an earlier update are still in {', '.join(leftover[:5])}; "
                          "resolve them (keep the lines you want, delete the markers) and run update again.")
    dirty = _git_dirty(root)
    if dirty and not dry_run:
        raise UpdateError(f"{len(dirty)} tracked file(s) have uncommitted changes ({', '.join(dirty[:3])}); commit "
                          "them first (git add -A && git commit -m 'Before template update') or stash them "
                          "(git stash), then run update again.")
    base, _ = _base(root, manifest)
    with tempfile.TemporaryDirectory(prefix="prooflane-update-") as tmp:
        theirs, fresh, fresh_root = _theirs(manifest, Path(tmp))
        data_new = {rel: (fresh_root / rel).read_bytes() for rel in fresh.synthetic_data}
        snapshot_bytes = (fresh_root / snapshot.SNAPSHOT).read_bytes()
    added = set(_added(root, manifest))
    paths = set(base) | set(theirs) | added | set(manifest.synthetic_data) | set(data_new)
    ours = _ours(root, paths)
    base_all = dict(base)
    for rel in manifest.synthetic_data:  # data: its base is known only when the person left it unchanged
        if ours.get(rel) is not None and sha256_file(root / rel) == manifest.files.get(rel):
            base_all[rel] = ours[rel]  # type: ignore[assignment]
    theirs_all = {**theirs, **data_new}
    owned = set(manifest.user_owned) | added
    result.outcomes = merge.plan(base_all, theirs_all, ours, user_owned=owned,
                                 data_files=set(manifest.synthetic_data) | set(data_new),
                                 version=installed)
    notes = _notes(result, base_all, theirs_all)
    if dry_run:
        return result
    writes = {o.path: o.data for o in result.outcomes if o.action == "write" and o.data is not None}
    deletes = [o.path for o in result.outcomes if o.action == "delete"]
    new_manifest = Manifest(**{**fresh.__dict__})
    new_manifest.user_owned = sorted(set(fresh.user_owned) | set(manifest.user_owned) & set(fresh.files))
    writes[snapshot.SNAPSHOT] = snapshot_bytes
    if notes:
        result.notes_file = f"{snapshot.STATE_DIR}/update-{installed}.diff"
        writes[result.notes_file] = notes.encode("utf-8")
    writes[MANIFEST_NAME] = new_manifest.to_json().encode("utf-8")
    journal.stage(root, writes, deletes, last=(MANIFEST_NAME,))
    journal.apply(root)
    if result.conflicts:
        raise UpdateConflict(f"Updated {root} to template {installed}, with conflicts in {len(result.conflicts)} "
                             f"file(s): {', '.join(result.conflicts)}; keep the lines you want, delete the "
                             "<<<<<<< ======= >>>>>>> markers, then run prooflane check.")
    return result


def _notes(result: UpdateResult, base: dict[str, bytes], theirs: dict[str, bytes]) -> str:
    """The template's changes to files that were kept as the person had them."""
    kept = [o for o in result.outcomes if o.action == "keep" and o.template_changed and o.path in theirs]
    if not kept:
        return ""
    parts = [f"# Template {result.to_version} changes to files kept as you had them (from {result.from_version})\n"]
    for outcome in kept:
        parts.append(f"# {outcome.path}: {outcome.reason}\n")
        parts.append(_unified(outcome.path, base.get(outcome.path), theirs.get(outcome.path),
                              result.from_version, result.to_version))
    return "".join(parts)
