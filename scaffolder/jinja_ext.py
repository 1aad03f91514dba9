"""The Jinja extension every prooflane template loads (cookiecutter ``_extensions``).

It gives templates the disclaimer block and the FILL marker from their one source of truth, and
catalog facts about roles, so no template carries its own copy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

from scaffolder import __version__, authorship, catalog, disclaimers, readme_blocks
from scaffolder.markers import fill
from scaffolder.seeds import derive_seed


def role_info(role_id: str) -> dict[str, Any]:
    """The catalog entry of a role as plain data (title, positioning, keywords, next skills ...)."""
    return catalog.load().role(role_id).to_dict()


@lru_cache(maxsize=8)
def _dataset_facts(dataset_id: str, seed: int, rows: int | None) -> dict[str, Any]:
    from synthetic.registry import DATASETS

    spec = DATASETS[dataset_id]
    return spec.load().facts(spec.generate(seed=seed, rows=rows))


def dataset_facts(dataset_id: str, seed: int | str, rows: int | None = None) -> dict[str, Any]:
    """Headline numbers of a synthetic dataset (its module's ``facts(table)``) for worked examples.

    The data is generated in memory with the project's seed, so the numbers a template writes are
    the ones the project's own queries later find in its data files.
    """
    return _dataset_facts(dataset_id, int(str(seed).strip()), None if rows is None else int(rows))


SHIPPED_MODULES = ("agreement",)


def project_module(name: str) -> str:
    """Source of a ``synthetic`` module that projects ship as-is (one source of truth, e.g. agreement statistics)."""
    if name not in SHIPPED_MODULES:
        raise ValueError(f"no shipped module {name!r}; choose one of {', '.join(SHIPPED_MODULES)}")
    from pathlib import Path

    import synthetic

    return (Path(synthetic.__file__).resolve().parent / f"{name}.py").read_text(encoding="utf-8")


def _seed_filter(project_name: str, author: str, kind: str) -> str:
    return str(derive_seed(project_name, author, kind))


class ProoflaneExtension(Extension):
    """Template globals from their one source of truth: disclaimer, FILL marker, authorship, README blocks.

    ``disclaimer_md`` / ``disclaimer_html``, ``fill()``, ``role_info()``, ``dataset_facts()``,
    ``byline(role_title, author)``, ``example_note_md`` / ``example_note_html`` (the worked-example
    label), ``my_work_intro(author)``, ``generated_note``, ``authorship`` (the plain sentences),
    ``how_to_run(steps)``, ``share_it(slug)``, ``prooflane_version``, ``project_module(name)`` (a shipped module's source); and the filter
    ``prooflane_seed`` (``project_name | prooflane_seed(author, kind)``) for the default seed.
    """

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            disclaimer_md=disclaimers.markdown(),
            disclaimer_html=disclaimers.html_block(),
            fill=fill,
            role_info=role_info,
            dataset_facts=dataset_facts,
            byline=authorship.byline,
            example_note_md=authorship.example_note_md(),
            example_note_html=authorship.example_note_html(),
            my_work_intro=authorship.my_work_intro,
            generated_note=authorship.generated_note(),
            authorship=authorship.texts(),
            how_to_run=readme_blocks.how_to_run,
            share_it=readme_blocks.share_it,
            prooflane_version=__version__,
            project_module=project_module,
        )
        environment.filters["prooflane_seed"] = _seed_filter
