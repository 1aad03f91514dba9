"""Portfolio fixtures: three baked projects, partly or fully filled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scaffolder.api import new_project
from scaffolder.markers import FILL_RE

# Kinds whose README visuals ship with the project (no build step needed before publishing).
KINDS = ("workflow-map", "vendor-checklist", "rollout-plan")


def fill_all(root: Path, text: str = "The author's own judgement goes here.") -> None:
    """Replace every FILL marker and unanswered item the way a person finishing the project would."""
    from scaffolder.status import project_status

    for path in root.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yaml", ".yml", ".txt", ".csv", ".json", ".html"):
            body = path.read_text(encoding="utf-8", errors="replace")
            if FILL_RE.search(body):
                path.write_text(FILL_RE.sub(text, body), encoding="utf-8")
    for item in project_status(root).unanswered:
        target = root / item.path
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        key, _, _ = lines[item.line - 1].partition(":")
        lines[item.line - 1] = f"{key}: answered by the author\n"
        target.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="session")
def portfolio_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("portfolio") / "projects"
    for kind in KINDS:
        new_project(kind, base, author="Dana Reyes", seed=11)
    return base


@pytest.fixture()
def filled(portfolio_source: Path, tmp_path: Path) -> Path:
    """A copy of the three projects with all their work done."""
    target = tmp_path / "projects"
    shutil.copytree(portfolio_source, target)
    for root in sorted(target.iterdir()):
        fill_all(root)
    return target
