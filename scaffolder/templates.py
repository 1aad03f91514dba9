"""Where the project templates are and what settings each one asks for."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import scaffolder


def templates_root() -> Path:
    """``project_templates/``: inside the installed package, or beside it in a source checkout."""
    packaged = Path(scaffolder.__file__).resolve().parent / "project_templates"
    if packaged.is_dir():
        return packaged
    return Path(scaffolder.__file__).resolve().parent.parent / "project_templates"


DERIVED = frozenset({"project_slug"})


@dataclass(frozen=True)
class Setting:
    """One public setting of a template (a cookiecutter variable a person may answer)."""

    name: str
    default: str
    choices: tuple[str, ...] | None  # None for free text
    derived: bool  # computed by prooflane itself (the slug); never prompted

    @property
    def templated(self) -> bool:
        """The default is a Jinja expression over earlier answers (rendered before it is shown)."""
        return self.choices is None and ("{{" in self.default or "{%" in self.default)


def template_dir(kind_id: str) -> Path:
    """The cookiecutter template folder of a kind."""
    return templates_root() / kind_id


def load_context(kind_id: str) -> OrderedDict[str, Any]:
    """The template's cookiecutter.json, in file order."""
    path = template_dir(kind_id) / "cookiecutter.json"
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=OrderedDict)


def settings(kind_id: str) -> list[Setting]:
    """The public settings of a kind's template, in prompt order."""
    found: list[Setting] = []
    for name, raw in load_context(kind_id).items():
        if name.startswith("_"):
            continue
        if isinstance(raw, list):
            found.append(Setting(name, str(raw[0]), tuple(str(v) for v in raw), False))
        else:
            found.append(Setting(name, str(raw), None, name in DERIVED))
    return found


def render_default(kind_id: str, setting: Setting, answers: dict[str, Any]) -> str:
    """The setting's default, with a templated default rendered from the answers given so far."""
    if not setting.templated:
        return setting.default
    from cookiecutter.environment import StrictEnvironment

    env = StrictEnvironment(context={"cookiecutter": load_context(kind_id)})
    return env.from_string(setting.default).render(cookiecutter=answers)
