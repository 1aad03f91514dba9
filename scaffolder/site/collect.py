"""Find the projects to publish and gather what their pages show: README, visuals, authorship, check."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scaffolder import catalog
from scaffolder.exceptions import ProoflaneError
from scaffolder.manifest import MANIFEST_NAME, Manifest, read
from scaffolder.status import ProjectStatus, project_status

MAX_README = 2 << 20
SEARCH_DEPTH = 3
SKIP = {".git", ".venv", "venv", "node_modules", "__pycache__", "site", "_site"}


class BuildError(ProoflaneError):
    """A portfolio cannot be built as asked (bad input: exit 2)."""


class BuildRefused(ProoflaneError):
    """A project is not ready to publish (errors or unfinished work): exit 1."""

    exit_code = 1


@dataclass
class Project:
    """One project as the site sees it."""

    root: Path
    manifest: Manifest
    status: ProjectStatus
    readme: str
    slug: str
    title: str
    errors: list[str] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)
    check_counts: dict[str, int] = field(default_factory=dict)

    @property
    def kind(self) -> catalog.Kind:
        return catalog.load().kind(self.manifest.kind)

    @property
    def role(self) -> catalog.Role | None:
        if not self.manifest.role:
            return None
        try:
            return catalog.load().role(self.manifest.role)
        except ProoflaneError:
            return None

    @property
    def author(self) -> str:
        return str(self.manifest.answers.get("author") or "").strip()


def discover(paths: list[Path]) -> list[Path]:
    """Project roots: each given path that holds a manifest, else the projects below it (a few levels deep)."""
    found: list[Path] = []
    for start in paths:
        start = Path(start)
        if not start.exists():
            raise BuildError(f"{start} does not exist; give the folder of a project made by 'prooflane new'.")
        if not start.is_dir():
            raise BuildError(f"{start} is a file; give the folder of a project made by 'prooflane new'.")
        if (start / MANIFEST_NAME).is_file():
            found.append(start.resolve())
            continue
        below = []
        for folder, dirs, files in os.walk(start):
            depth = len(Path(folder).relative_to(start).parts)
            dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith(".") and depth < SEARCH_DEPTH)
            if MANIFEST_NAME in files:
                below.append(Path(folder).resolve())
                dirs[:] = []
        if not below and paths != [Path(".")]:
            raise BuildError(f"{start} is not a prooflane project and holds none; give the folder of a project made "
                             "by 'prooflane new'.")
        found += below
    unique = sorted(set(found))
    if not unique:
        raise BuildError("No prooflane project found here; run 'prooflane build PROJECT ...' with the project folders, "
                         "or run it from the folder that holds them.")
    return unique


def _title(readme: str, fallback: str) -> str:
    match = re.search(r"^#\s+(.+)$", readme, re.MULTILINE)
    return match.group(1).strip() if match else fallback


def load_project(root: Path) -> Project:
    """Read one project's manifest, README and status."""
    manifest = read(root)
    readme_path = root / "README.md"
    if not readme_path.is_file():
        raise BuildError(f"{root} has no README.md; restore it (git checkout README.md) or bake the project again.")
    size = readme_path.stat().st_size
    if size > MAX_README:
        raise BuildError(f"{readme_path} is {size / 2**20:.1f} MB; a portfolio README should be a few pages, so move "
                         "long material into separate files (at most 2 MB).")
    readme = readme_path.read_text(encoding="utf-8", errors="replace")
    return Project(root=root, manifest=manifest, status=project_status(root), readme=readme,
                   slug=root.name, title=_title(readme, root.name))


def run_checks(roots: list[Path], projects: list[Project], meanwhile: Callable[[], object] | None = None) -> None:
    """Fill the ``errors`` and ``unfinished`` of the ``projects`` at ``roots`` from ``prooflane check`` and ``status``.

    The projects are checked in one run (which scans large sets of files on both cores); each finding
    goes to the project whose folder holds it. ``meanwhile`` (which may fill ``projects``) runs while
    other processes scan.
    """
    from scaffolder.check import check_paths

    if not roots:
        return
    report = check_paths(roots, fail_on="error", meanwhile=meanwhile)
    if not projects:
        return
    owners = sorted(((str(p.root), p) for p in projects), key=lambda pair: len(pair[0]), reverse=True)

    def owner(path: str) -> Project:
        return next((p for root, p in owners if path == root or path.startswith(root + os.sep)), projects[0])

    for project in projects:
        project.check_counts = {}
    for finding in report.findings:
        project = owner(finding.path)
        project.check_counts[finding.severity] = project.check_counts.get(finding.severity, 0) + 1
        if finding.severity == "error":
            project.errors.append(f"{finding.category} in {finding.path}:{finding.line}")
    for problem in getattr(report, "problems", []):
        if problem.severity == "error":
            owner(problem.path).errors.append(f"{problem.path}: {problem.message}")
    for project in projects:
        project.unfinished = [f"FILL marker in {f.path}:{f.line}" for f in project.status.fills]
        project.unfinished += [f"{u.what} unanswered in {u.path}:{u.line}" for u in project.status.unanswered]
