"""Interactive questions for ``prooflane new``: defaults shown, each answer validated on the spot."""

from __future__ import annotations

from typing import Any

import click

from scaffolder.bake import resolve_answers
from scaffolder.exceptions import ProoflaneError
from scaffolder.templates import render_default, settings

LABELS = {
    "project_name": "Project title",
    "author": "Your name (as it should appear; leave empty to fill in later)",
    "role": "Target role",
    "seed": ("Seed: a whole number that picks your fictional records (the default comes from your title and "
             "name, so your data differs from everyone else's; keep it to get the same files again)"),
}


def _validator(kind_id: str, name: str, given: dict[str, Any]):
    def check(value: str) -> str:
        try:
            resolve_answers(kind_id, {**given, name: value})
        except ProoflaneError as exc:
            raise click.BadParameter(str(exc)) from exc
        return value

    return check


def ask(kind_id: str, given: dict[str, Any], *, role_given: bool) -> dict[str, Any]:
    """Ask for every public setting not already given; return all answers (validated)."""
    answers = dict(given)
    for setting in settings(kind_id):
        if setting.derived or setting.name in answers or (setting.name == "role" and role_given):
            continue
        label = LABELS.get(setting.name, setting.name.replace("_", " ").capitalize())
        default = render_default(kind_id, setting, answers)
        kwargs: dict[str, Any] = {"default": default, "show_default": bool(default)}
        if setting.choices:
            kwargs["type"] = click.Choice(list(setting.choices), case_sensitive=False)
        else:
            kwargs["value_proc"] = _validator(kind_id, setting.name, answers)
        answers[setting.name] = click.prompt(label, **kwargs)
    return answers
