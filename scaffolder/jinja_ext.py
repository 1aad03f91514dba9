"""The Jinja extension every prooflane template loads (cookiecutter ``_extensions``).

It gives templates the disclaimer block and the FILL marker from their one source of truth, and
catalog facts about roles, so no template carries its own copy.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

from scaffolder import catalog, disclaimers
from scaffolder.markers import fill


def role_info(role_id: str) -> dict[str, Any]:
    """The catalog entry of a role as plain data (title, positioning, keywords, next skills ...)."""
    return catalog.load().role(role_id).to_dict()


class ProoflaneExtension(Extension):
    """Adds ``disclaimer_md``, ``disclaimer_html``, ``fill()`` and ``role_info()`` to templates."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            disclaimer_md=disclaimers.markdown(),
            disclaimer_html=disclaimers.html_block(),
            fill=fill,
            role_info=role_info,
        )
