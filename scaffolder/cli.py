"""The ``prooflane`` command line: parse, call the library, print. No work happens here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from scaffolder import __version__
from scaffolder.exceptions import ProoflaneError


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _parse_extras(pairs: tuple[str, ...]) -> dict[str, str]:
    extras: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"'{pair[:60]}' is not a key=value setting; write it like workflow=patient-intake.")
        extras[key.strip().replace("-", "_")] = value
    return extras


class _Group(click.Group):
    """Turns library errors into one clear sentence and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ProoflaneError as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prooflane")
def main() -> None:
    """Scaffold a safe healthcare-AI portfolio project for the role you are aiming at.

    Start with 'prooflane recommend --background clinical' (or data, operations, content,
    compliance, product, beginner), then 'prooflane new ROLE'.
    """


# ---------------------------------------------------------------- roles
@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def roles(ctx: click.Context, as_json: bool) -> None:
    """List every role with its lane, coding level, healthcare knowledge and project kind."""
    if ctx.invoked_subcommand is not None:
        return
    from scaffolder import api, render

    found = api.list_roles()
    if as_json:
        _emit_json([r.to_dict() for r in found])
    else:
        click.echo(render.roles_table(found))


@roles.command("show")
@click.argument("role")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def roles_show(role: str, as_json: bool) -> None:
    """Everything about one role: fit, skills to build next, keywords, positioning."""
    from scaffolder import api, render

    found = api.show_role(role)
    if as_json:
        _emit_json(found.to_dict())
    else:
        click.echo(render.role_detail(found))


# ---------------------------------------------------------------- projects
@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def projects(as_json: bool) -> None:
    """List the project kinds, built and planned."""
    from scaffolder import api, render

    kinds = api.list_kinds()
    if as_json:
        _emit_json([k.to_dict() for k in kinds])
    else:
        click.echo(render.kinds_table(kinds))


# ---------------------------------------------------------------- recommend
@main.command()
@click.option("--background", "-b", required=True, metavar="BACKGROUND",
              help="clinical, data, operations, content, compliance, product or beginner.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def recommend(background: str, as_json: bool) -> None:
    """Roles ranked by fit for your background, with a first project and the next skill to build."""
    from scaffolder import api, render

    found = api.recommend(background)
    if as_json:
        _emit_json({"background": api.show_background(background).id, "recommendations": [r.to_dict() for r in found]})
    else:
        click.echo(render.recommendations(api.show_background(background).label, found))


# ---------------------------------------------------------------- new
@main.command()
@click.argument("role_or_kind")
@click.argument("extra", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("-o", "--output-dir", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="Folder to create the project in (the project gets its own sub-folder).")
@click.option("--name", help="Project title, e.g. \"Clinic No-Show Dashboard\".")
@click.option("--author", help="Your name as it should appear in the project.")
@click.option("--seed", help="Whole number that fixes the synthetic data (same seed, same files).")
@click.option("--no-input", is_flag=True, help="Do not ask questions; use defaults for anything not given.")
@click.option("--force", is_flag=True, help="Replace the target folder if it exists and is not empty.")
@click.option("--dry-run", is_flag=True, help="List what would be written, write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def new(role_or_kind: str, extra: tuple[str, ...], output_dir: Path, name: str | None, author: str | None,
        seed: str | None, no_input: bool, force: bool, dry_run: bool, as_json: bool) -> None:
    """Create the proof project for a role (e.g. healthcare-data-analyst) or a project kind (e.g. dashboard)."""
    from scaffolder import api, prompts, render

    extras = _parse_extras(extra)
    role, kind = api.resolve_role_or_kind(role_or_kind)
    given: dict[str, Any] = dict(extras)
    for key, value in (("project_name", name), ("author", author), ("seed", seed)):
        if value is not None:
            given[key] = value
    if not no_input:
        given = prompts.ask(kind.id, given, role_given=role is not None)
    result = api.new_project(
        role_or_kind,
        output_dir,
        name=given.pop("project_name", None),
        author=given.pop("author", None),
        seed=given.pop("seed", None),
        extra=given,
        force=force,
        dry_run=dry_run,
    )
    if as_json:
        _emit_json(result.to_dict())
    else:
        click.echo(render.new_project(result))


# ---------------------------------------------------------------- status
@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("."), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def status(path: Path, as_json: bool) -> None:
    """Show what is left to fill in a project, and which generated files you have edited."""
    from scaffolder import api, render

    result = api.status(path)
    if as_json:
        _emit_json(result.to_dict())
    else:
        click.echo(render.project_status(result))


# ---------------------------------------------------------------- data
@main.command()
@click.argument("dataset", required=False)
@click.argument("options", nargs=-1, metavar="[KEY=VALUE]...")
@click.option("--rows", type=int, help="Number of rows (default: the dataset's usual size).")
@click.option("--seed", default="42", show_default=True, help="Whole number that fixes the data.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet"], case_sensitive=False),
              help="File format (default: from the file name, else csv).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the result (or the list) as JSON.")
def data(dataset: str | None, options: tuple[str, ...], rows: int | None, seed: str, fmt: str | None,
         output: Path | None, force: bool, as_json: bool) -> None:
    """Write one synthetic dataset to a file; without DATASET, list the datasets."""
    from scaffolder import api, render

    if dataset is None:
        listing = api.list_datasets()
        if as_json:
            _emit_json(listing)
        else:
            click.echo(render.datasets_table(listing))
        return
    if output is None:
        output = Path(f"{dataset}.{(fmt or 'csv').lower()}")
    result = api.generate_data(dataset, output, rows=rows, seed=seed, fmt=fmt,
                               options=_parse_extras(options), force=force)
    if as_json:
        _emit_json({"dataset": result.dataset, "path": str(result.path), "rows": result.rows,
                    "columns": list(result.columns), "seed": result.seed, "format": result.format})
    else:
        click.echo(f"Wrote {result.rows:,} rows of synthetic '{result.dataset}' data (seed {result.seed}) "
                   f"to {result.path} as {result.format}.")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="Report format: text for people, json for scripts, sarif for code scanning.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error", "never"]), default="error", show_default=True,
              help="Exit with 1 when a finding at or above this severity exists.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip paths matching this pattern (repeatable).")
@click.option("--max-mb", type=click.IntRange(1, 4096), default=64, show_default=True,
              help="Scan at most this many megabytes of each file.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to this file.")
@click.option("--force", is_flag=True, help="Let -o replace an existing file (never one of the scanned files).")
@click.option("--allow-truncated", is_flag=True,
              help="Exit 0 even when a file was only partly read because it is larger than --max-mb.")
@click.option("--show-values", is_flag=True,
              help="Also print the text each finding is about (for local use only; never share such a report).")
def check(paths: tuple[Path, ...], fmt: str, fail_on: str, exclude: tuple[str, ...], max_mb: int,
          output: Path | None, force: bool = False, allow_truncated: bool = False, show_values: bool = False) -> None:
    """Scan files or folders for real identifiers, risky claims and disclaimer problems before sharing.

    A first pass before sharing, not a HIPAA compliance statement. Exit 0 when clean, 1 when a
    finding at or above --fail-on exists, 2 for usage errors such as a missing path.
    """
    from scaffolder.check.command import run_check

    sys.exit(run_check(paths, fmt=fmt, fail_on=fail_on, exclude=exclude, max_mb=max_mb, output=output, force=force,
                       allow_truncated=allow_truncated, show_values=show_values))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
