"""The ``prooflane`` command line: parse, call the library, print. No work happens here."""

from __future__ import annotations

import errno
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from scaffolder import __version__
from scaffolder.exceptions import ProoflaneError


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _printable(text: str) -> str:
    """Text safe to print: bytes that were not valid UTF-8 become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _parse_extras(pairs: tuple[str, ...]) -> dict[str, str]:
    extras: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"'{pair[:60]}' is not a key=value setting; write it like workflow=patient-intake.")
        name = key.strip().replace("-", "_")
        if name in extras:
            raise click.UsageError(f"The setting '{name[:40]}' is given twice; keep one {name[:40]}=... .")
        extras[name] = value
    return extras


def _error_type(exc: BaseException) -> str:
    if isinstance(exc, click.ClickException):
        return "usage"
    if isinstance(exc, OSError):
        return "io"
    name = type(exc).__name__.removesuffix("Error")
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_") or "error"


class _Group(click.Group):
    """Turns library errors into one clear sentence (or, with --json, a JSON error) and a non-zero exit."""

    _argv: tuple[str, ...] = ()

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        self._argv = tuple(sys.argv[1:] if args is None else args)
        return super().main(args, *pos, **kwargs)

    def _wants_json(self) -> bool:
        argv = self._argv[: self._argv.index("--")] if "--" in self._argv else self._argv
        return "--json" in argv

    def _fail(self, ctx: click.Context, exc: BaseException, message: str, code: int) -> None:
        message = _printable(message)
        if self._wants_json():
            click.echo(json.dumps({"error": {"type": _error_type(exc), "message": message}}, ensure_ascii=False))
        else:
            text = f"Error: {message}"
            click.echo(text if os.environ.get("NO_COLOR") else click.style(text, fg="red"), err=True)
        ctx.exit(code)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ProoflaneError as exc:
            self._fail(ctx, exc, str(exc), exc.exit_code)
        except click.ClickException as exc:
            if not self._wants_json():
                raise
            self._fail(ctx, exc, exc.format_message(), exc.exit_code)
        except ValueError as exc:
            if "null byte" not in str(exc):
                raise
            self._fail(ctx, exc, "A path holds a NUL character, which no file name can contain; remove it.", 2)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            where = f" {exc.filename}" if exc.filename else ""
            self._fail(ctx, exc, f"Cannot read or write{where} ({exc.strerror or exc}); check the path and its permissions.", 1)
        return None


def _ids(kind: str) -> list[str]:
    from scaffolder import catalog

    cat = catalog.load()
    if kind == "roles":
        return [r.id for r in cat.roles]
    if kind == "kinds":
        return [k.id for k in cat.kinds if k.built]
    if kind == "backgrounds":
        return [b.id for b in cat.backgrounds]
    from synthetic.registry import DATASETS

    return list(DATASETS)


def _completer(*kinds: str) -> Any:
    """Shell completion for catalog ids (see 'Shell completion' in the README)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        return [i for kind in kinds for i in _ids(kind) if i.startswith(incomplete)]

    return complete


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
@click.argument("role", shell_complete=_completer("roles"))
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
@click.option("--background", "-b", required=True, metavar="BACKGROUND", shell_complete=_completer("backgrounds"),
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
@click.argument("role_or_kind", shell_complete=_completer("roles", "kinds"))
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
    from scaffolder import api, render

    extras = _parse_extras(extra)
    role, kind = api.resolve_role_or_kind(role_or_kind)
    given: dict[str, Any] = dict(extras)
    for key, value in (("project_name", name), ("author", author), ("seed", seed)):
        if value is not None:
            given[key] = value
    if not no_input:
        given = _ask(kind.id, given, role_given=role is not None)
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


def _ask(kind_id: str, given: dict[str, Any], *, role_given: bool) -> dict[str, Any]:
    from scaffolder import prompts

    no_answer = "No answer could be read from the keyboard ({}); add --no-input to use the defaults, or give --name, --author and --seed."
    if sys.stdin is None or sys.stdin.closed:
        raise click.UsageError(no_answer.format("standard input is closed"))
    try:
        return prompts.ask(kind_id, given, role_given=role_given)
    except click.Abort as exc:
        if isinstance(exc.__context__, EOFError):
            raise click.UsageError(no_answer.format("standard input ended")) from exc
        raise
    except (EOFError, RuntimeError) as exc:
        raise click.UsageError(no_answer.format("standard input ended")) from exc
    except UnicodeDecodeError as exc:
        raise click.UsageError("An answer was not valid UTF-8 text; type it again, or check your terminal's encoding.") from exc


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
class _Progress:
    """A progress bar on stderr: only on a terminal, and only once a run has taken about a second."""

    def __init__(self, delay: float = 1.0) -> None:
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False
        self.live = sys.stderr is not None and sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.live or (not self.shown and time.monotonic() - self.start < self.delay):
            return
        self.shown = True
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,} of {total:,} rows")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


@main.command()
@click.argument("dataset", required=False, shell_complete=_completer("datasets"))
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
    bar = _Progress()
    try:
        result = api.generate_data(dataset, output, rows=rows, seed=seed, fmt=fmt,
                                   options=_parse_extras(options), force=force, progress=bar)
    finally:
        bar.close()
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
def check(paths: tuple[Path, ...], fmt: str, fail_on: str, exclude: tuple[str, ...], max_mb: int,
          output: Path | None) -> None:
    """Scan files or folders for real identifiers, risky claims and disclaimer problems before sharing.

    A first pass before sharing, not a HIPAA compliance statement. Exit 0 when clean, 1 when a
    finding at or above --fail-on exists, 2 for usage errors such as a missing path.
    """
    from scaffolder.check.command import run_check

    sys.exit(run_check(paths, fmt=fmt, fail_on=fail_on, exclude=exclude, max_mb=max_mb, output=output))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
