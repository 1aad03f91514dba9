"""The catalog: backgrounds, lanes, roles and project kinds, loaded from ``data/catalog.json``.

The JSON file is the one source of truth; this module only loads, validates and looks things up.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from scaffolder.exceptions import PlannedKindError, UnknownIdError
from scaffolder.ids import normalise_id

LEVELS = ("low", "low-medium", "medium", "medium-high", "high")


@dataclass(frozen=True)
class Background:
    """A starting background from the fit map (clinical, data, ...)."""

    id: str
    label: str
    description: str
    first_project: str


@dataclass(frozen=True)
class Lane:
    """A career lane grouping roles."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Role:
    """A target role and the proof project that suits it."""

    id: str
    title: str
    lane: str
    summary: str
    coding_level: str
    healthcare_knowledge: str
    best_background: str
    fit: dict[str, int]
    project_kind: str
    alternate_kinds: tuple[str, ...]
    next_skills: tuple[str, ...]
    keywords: tuple[str, ...]
    positioning: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "id": self.id,
            "title": self.title,
            "lane": self.lane,
            "summary": self.summary,
            "coding_level": self.coding_level,
            "healthcare_knowledge": self.healthcare_knowledge,
            "best_background": self.best_background,
            "fit": dict(self.fit),
            "project_kind": self.project_kind,
            "alternate_kinds": list(self.alternate_kinds),
            "next_skills": list(self.next_skills),
            "keywords": list(self.keywords),
            "positioning": self.positioning,
        }


@dataclass(frozen=True)
class Kind:
    """A project kind: one cookiecutter template under project_templates/."""

    id: str
    title: str
    status: str  # "built" or "planned"
    summary: str
    heart: str
    synthetic_data: str
    roles: tuple[str, ...]

    @property
    def built(self) -> bool:
        return self.status == "built"

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "summary": self.summary,
            "heart": self.heart,
            "synthetic_data": self.synthetic_data,
            "roles": list(self.roles),
        }


@dataclass(frozen=True)
class Catalog:
    """The whole catalog, in file order."""

    backgrounds: tuple[Background, ...]
    lanes: tuple[Lane, ...]
    roles: tuple[Role, ...]
    kinds: tuple[Kind, ...]

    def role(self, role_id: str) -> Role:
        """The role with this id, or an UnknownIdError naming the closest ids."""
        for role in self.roles:
            if role.id == normalise_id(role_id):
                return role
        raise UnknownIdError(_unknown("role", role_id, [r.id for r in self.roles], "prooflane roles"))

    def kind(self, kind_id: str) -> Kind:
        """The project kind with this id, or an UnknownIdError naming the closest ids."""
        for kind in self.kinds:
            if kind.id == normalise_id(kind_id):
                return kind
        raise UnknownIdError(_unknown("project kind", kind_id, [k.id for k in self.kinds], "prooflane projects"))

    def background(self, background_id: str) -> Background:
        """The background with this id, or an UnknownIdError naming the closest ids."""
        for bg in self.backgrounds:
            if bg.id == normalise_id(background_id):
                return bg
        ids = [b.id for b in self.backgrounds]
        raise UnknownIdError(_unknown("background", background_id, ids, None, choices=ids))

    def resolve(self, role_or_kind: str) -> tuple[Role | None, Kind]:
        """Turn a role id or kind id into (role or None, built kind); planned kinds raise PlannedKindError."""
        wanted = normalise_id(role_or_kind)
        role = next((r for r in self.roles if r.id == wanted), None)
        if role is not None:
            kind = self.kind(role.project_kind)
            if not kind.built:
                alt = next((self.kind(k) for k in role.alternate_kinds if self.kind(k).built), None)
                if alt is None:
                    raise PlannedKindError(self._planned_message(kind, role))
                kind = alt
            return role, kind
        found = next((k for k in self.kinds if k.id == wanted), None)
        if found is None:
            ids = [r.id for r in self.roles] + [k.id for k in self.kinds]
            raise UnknownIdError(_unknown("role or project kind", role_or_kind, ids, "prooflane roles' or 'prooflane projects"))
        if not found.built:
            raise PlannedKindError(self._planned_message(found, None))
        return None, found

    def built_kinds(self) -> list[Kind]:
        """The kinds that can be scaffolded now."""
        return [k for k in self.kinds if k.built]

    def _planned_message(self, kind: Kind, role: Role | None) -> str:
        built = self.built_kinds()
        alternative = built[0].id if built else None
        for role_id in kind.roles:
            for k in [self.role(role_id).project_kind, *self.role(role_id).alternate_kinds]:
                if k != kind.id and self.kind(k).built:
                    alternative = k
                    break
            else:
                continue
            break
        who = f" (the project for {role.id})" if role else ""
        tail = f"; try 'prooflane new {alternative}' meanwhile" if alternative else ""
        return f"The '{kind.id}' project kind{who} is planned but not built yet{tail}."


def _unknown(what: str, given: str, ids: list[str], listing: str | None, choices: list[str] | None = None) -> str:
    close = difflib.get_close_matches(normalise_id(given), ids, n=3, cutoff=0.6)
    shown = given if len(given) <= 60 else given[:57] + "..."
    if close:
        hint = "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    elif choices:
        hint = "choose one of " + ", ".join(choices) + "."
    else:
        hint = f"see '{listing}' for the list."
    return f"There is no {what} called '{shown}'; {hint}"


@lru_cache(maxsize=1)
def load() -> Catalog:
    """Load and validate the catalog from the package data."""
    raw = json.loads(resources.files("scaffolder").joinpath("data/catalog.json").read_text(encoding="utf-8"))
    catalog = Catalog(
        backgrounds=tuple(Background(**b) for b in raw["backgrounds"]),
        lanes=tuple(Lane(**lane) for lane in raw["lanes"]),
        roles=tuple(
            Role(
                **{
                    **r,
                    "alternate_kinds": tuple(r["alternate_kinds"]),
                    "next_skills": tuple(r["next_skills"]),
                    "keywords": tuple(r["keywords"]),
                }
            )
            for r in raw["roles"]
        ),
        kinds=tuple(Kind(**{**k, "roles": tuple(k["roles"])}) for k in raw["kinds"]),
    )
    return catalog
