"""The library API behind every command: functions that do the work and return data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import catalog
from scaffolder.bake import BakeResult, bake, resolve_answers
from scaffolder.datafile import DataResult, generate_data  # noqa: F401 (part of the API)
from scaffolder.exceptions import InvalidAnswerError
from scaffolder.status import ProjectStatus, project_status
from scaffolder.templates import load_context


@dataclass(frozen=True)
class Recommendation:
    """A role ranked for a background, with where to start."""

    rank: int
    role: catalog.Role
    score: int
    kind: catalog.Kind
    buildable_kind: catalog.Kind | None  # the kind `prooflane new ROLE` bakes today
    next_skill: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "role": self.role.id,
            "title": self.role.title,
            "lane": self.role.lane,
            "fit": self.score,
            "coding_level": self.role.coding_level,
            "healthcare_knowledge": self.role.healthcare_knowledge,
            "first_project": self.kind.id,
            "first_project_title": self.kind.title,
            "first_project_status": self.kind.status,
            "scaffold_now": self.buildable_kind.id if self.buildable_kind else None,
            "next_skill": self.next_skill,
            "positioning": self.role.positioning,
        }


@dataclass
class NewProject:
    """The result of ``new_project``: the bake plus what to tell the person next."""

    role: catalog.Role | None
    kind: catalog.Kind
    bake: BakeResult
    fill_count: int = 0
    next_steps: list[str] = field(default_factory=list)
    ci_note: str | None = None  # set when the generated CI cannot install this prooflane by itself

    @property
    def path(self) -> Path:
        return self.bake.path

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.id,
            "role": self.role.id if self.role else self.bake.answers.get("role"),
            "path": str(self.path),
            "dry_run": self.bake.dry_run,
            "answers": self.bake.answers,
            "files": self.bake.files,
            "fill_markers": self.fill_count,
            "next_steps": self.next_steps,
            "ci_note": self.ci_note,
            "refused": self.bake.refusal,
            "backup": str(self.bake.backup) if self.bake.backup else None,
            "kept": self.bake.kept,
        }


def list_roles() -> list[catalog.Role]:
    """Every role in catalog order."""
    return list(catalog.load().roles)


def show_role(role_id: str) -> catalog.Role:
    """One role by id (forgiving about case and separators)."""
    return catalog.load().role(role_id)


def list_kinds() -> list[catalog.Kind]:
    """Every project kind, built and planned."""
    return list(catalog.load().kinds)


def show_background(background_id: str) -> catalog.Background:
    """One background of the fit map by id."""
    return catalog.load().background(background_id)


def list_datasets() -> list[dict[str, Any]]:
    """Every synthetic dataset: id, project kind, default size, options and summary."""
    from synthetic.registry import DATASETS

    return [
        {
            "id": spec.id,
            "kind": spec.kind,
            "default_rows": spec.default_rows,
            "options": {k: list(v) for k, v in spec.options.items()},
            "summary": spec.summary,
        }
        for spec in DATASETS.values()
    ]


def _buildable(cat: catalog.Catalog, role: catalog.Role) -> catalog.Kind | None:
    for kind_id in (role.project_kind, *role.alternate_kinds):
        kind = cat.kind(kind_id)
        if kind.built:
            return kind
    return None


def recommend(background: str) -> list[Recommendation]:
    """Roles that fit a background, best first: fit score, then the gentler coding level, then catalog order."""
    cat = catalog.load()
    bg = cat.background(background)
    scored = [(r.fit.get(bg.id, 0), i, r) for i, r in enumerate(cat.roles) if r.fit.get(bg.id, 0) > 0]
    levels = {level: i for i, level in enumerate(catalog.LEVELS)}
    scored.sort(key=lambda t: (-t[0], levels.get(t[2].coding_level, 0) if bg.id == "beginner" else 0, t[1]))
    return [
        Recommendation(
            rank=n,
            role=role,
            score=score,
            kind=cat.kind(role.project_kind),
            buildable_kind=_buildable(cat, role),
            next_skill=role.next_skills[0],
        )
        for n, (score, _, role) in enumerate(scored, start=1)
    ]


def resolve_role_or_kind(role_or_kind: str) -> tuple[catalog.Role | None, catalog.Kind]:
    """Resolve a role or kind id to the kind that will be baked (planned kinds raise)."""
    return catalog.load().resolve(role_or_kind)


def new_project(
    role_or_kind: str,
    output_dir: Path | str = ".",
    *,
    name: str | None = None,
    author: str | None = None,
    seed: int | str | None = None,
    extra: dict[str, str] | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> NewProject:
    """Create the proof project for a role or project kind in ``output_dir/<slug>``."""
    role, kind = resolve_role_or_kind(role_or_kind)
    given: dict[str, Any] = dict(extra or {})
    for key, value in (("project_name", name), ("author", author), ("seed", seed)):
        if value is not None:
            given[key] = value
    if role is not None:
        if "role" in given and catalog.load().role(str(given["role"])).id != role.id:
            raise InvalidAnswerError(
                f"role={str(given['role'])[:40]} contradicts the role '{role.id}' named first; give the role only once."
            )
        given["role"] = role.id
    answers = resolve_answers(kind.id, given)
    result = bake(kind.id, answers, Path(output_dir), force=force, dry_run=dry_run)
    fills = 0 if dry_run else len(project_status(result.path).fills)
    steps = [str(s) for s in load_context(kind.id).get("_next_steps", [])]
    from scaffolder.ci import source_note
    from scaffolder.install_source import current

    return NewProject(role=role, kind=kind, bake=result, fill_count=fills, next_steps=steps,
                      ci_note=source_note(current()))


def status(path: Path | str = ".") -> ProjectStatus:
    """FILL markers left and generated files edited in the project at ``path``."""
    return project_status(Path(path))


def career_plan(output: Path | str = "PLAN.md", *, force: bool = False, **answers: Any) -> tuple[Any, Path]:
    """Validate the worksheet answers and write the plan; return (answers, path). See scaffolder.career.plan."""
    from scaffolder.career.plan import resolve, write_plan

    resolved = resolve(**answers)
    return resolved, write_plan(resolved, Path(output), force=force)


def read_posting(path: str | Path, *, background: str | None = None, stdin: bytes | None = None) -> Any:
    """Analyse a job posting file (or ``-`` with ``stdin`` bytes); see scaffolder.career.posting."""
    from scaffolder.career.posting import analyse
    from scaffolder.career.posting import read_posting as _read

    text, source = _read(path, stdin)
    return analyse(text, source, background)


def build_portfolio(projects: list[Path] | None = None, output: Path | str = "site", **options: Any) -> Any:
    """Build the portfolio site and PDF; see scaffolder.site.build."""
    from scaffolder.site.build import build_portfolio as _build

    return _build(projects, Path(output), **options)


def init_portfolio_repo(path: Path | str) -> list[str]:
    """Lay out a portfolio repository with a Pages workflow; see scaffolder.site.repo."""
    from scaffolder.site.repo import init_repo

    return init_repo(Path(path))


def diff_project(path: Path | str = ".") -> Any:
    """The person's changes and the installed template's changes; see scaffolder.update.run."""
    from scaffolder.update.run import diff_project as _diff

    return _diff(Path(path))


def update_project(path: Path | str = ".", *, to: str | None = None, dry_run: bool = False) -> Any:
    """Three-way merge of the installed template into a project; see scaffolder.update.run."""
    from scaffolder.update.run import update_project as _update

    return _update(Path(path), to=to, dry_run=dry_run)
