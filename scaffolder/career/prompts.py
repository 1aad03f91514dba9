"""Interactive worksheet questions for ``prooflane plan``: choices offered from the catalog, defaults shown."""

from __future__ import annotations

from typing import Any

import click

from scaffolder import catalog


def ask(given: dict[str, Any]) -> dict[str, Any]:
    """Ask each worksheet question not already answered; return every answer."""
    from scaffolder.career.data import raw
    from scaffolder.career.plan import default_role

    cat = catalog.load()
    answers = dict(given)
    if not answers.get("background"):
        answers["background"] = click.prompt(
            "1. Your strongest background", type=click.Choice([b.id for b in cat.backgrounds], case_sensitive=False))
    background = cat.background(answers["background"]).id
    suggested = default_role(background, answers.get("lane"))
    if not answers.get("lane"):
        answers["lane"] = click.prompt("2. The healthcare AI lane that fits you best",
                                       type=click.Choice([lane.id for lane in cat.lanes], case_sensitive=False),
                                       default=suggested.lane)
    lane_roles = [r.id for r in cat.roles if r.lane == catalog.normalise_id(answers["lane"])]
    if not answers.get("role"):
        default = suggested.id if suggested.id in lane_roles else lane_roles[0]
        answers["role"] = click.prompt("3. One role family to target first (choose one, not five)",
                                       type=click.Choice(lane_roles, case_sensitive=False), default=default)
    role = cat.role(answers["role"])
    if not answers.get("next_skill"):
        answers["next_skill"] = click.prompt("4. The skill you need next", default=role.next_skills[0])
    if not answers.get("project"):
        kinds = [k for k in (role.project_kind, *role.alternate_kinds)]
        built = [k for k in kinds if cat.kind(k).built] or kinds
        answers["project"] = click.prompt("5. The safe portfolio project (synthetic data only)",
                                          type=click.Choice(kinds, case_sensitive=False), default=built[0])
    if not answers.get("avoid"):
        listed = "; ".join(raw()["avoid"])
        extra = click.prompt(f"6. What your project must avoid (the guide's list: {listed}); add your own or press "
                             "Enter", default="", show_default=False)
        answers["avoid"] = [*raw()["avoid"], *([extra] if extra.strip() else [])]
    for key, label, default in (("day30", "7. Your 30-day action", "Learn the basics and study 5-10 job postings"),
                                ("day60", "8. Your 60-day action", "Build the proof project"),
                                ("day90", "9. Your 90-day action", "Update the resume and portfolio, and apply")):
        if not answers.get(key):
            answers[key] = click.prompt(label, default=default)
    if not answers.get("name"):
        answers["name"] = click.prompt("Your name (for the plan's heading; Enter to skip)", default="",
                                       show_default=False)
    return answers
