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
    click.echo(_printable(json.dumps(data, indent=2, ensure_ascii=False)))


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
@click.option("--require-finished", is_flag=True,
              help="Exit with 1 while any FILL marker or unanswered item is left (for CI).")
def status(path: Path, as_json: bool, require_finished: bool) -> None:
    """Show what is left to do in a project, and which files are yours, changed, or as generated."""
    from scaffolder import api, render

    result = api.status(path)
    if as_json:
        _emit_json(result.to_dict())
    else:
        click.echo(render.project_status(result))
    if require_finished and not result.finished:
        click.secho(f"Error: the project is not finished: {len(result.fills)} FILL marker(s), "
                    f"{len(result.unanswered)} unanswered item(s) and {len(result.conflicts)} file(s) with update "
                    "conflicts are left; finish them, or push a draft with [draft] in the commit message.",
                    fg="red", err=True)
        sys.exit(1)


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
    if dataset is None:
        from scaffolder import api, render

        listing = api.list_datasets()
        if as_json:
            _emit_json(listing)
        else:
            click.echo(render.datasets_table(listing))
        return
    from scaffolder.datafile import generate_data  # only what writing data needs: start-up counts here
    from synthetic.memory import keep_freed_memory

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # numpy's BLAS threads are never used by the generators
    keep_freed_memory()  # this process writes the file and exits: reuse freed memory, no fresh page faults
    if output is None:
        output = Path(f"{dataset}.{(fmt or 'csv').lower()}")
    bar = _Progress()
    try:
        result = generate_data(dataset, output, rows=rows, seed=seed, fmt=fmt,
                                   options=_parse_extras(options), force=force, progress=bar)
    finally:
        bar.close()
    if as_json:
        _emit_json({"dataset": result.dataset, "path": str(result.path), "rows": result.rows,
                    "columns": list(result.columns), "seed": result.seed, "format": result.format})
    else:
        click.echo(f"Wrote {result.rows:,} rows of synthetic '{result.dataset}' data (seed {result.seed}) "
                   f"to {_printable(str(result.path))} as {result.format}.")


# ---------------------------------------------------------------- plan
@main.command()
@click.option("--background", "-b", metavar="BACKGROUND",
              help="clinical, data, operations, content, compliance, product or beginner.")
@click.option("--lane", help="The lane you are aiming at (default: the best fit for your background).")
@click.option("--role", help="One role id to target first (default: the best fit in the lane).")
@click.option("--skill", "next_skill", help="The skill you need next (default: the role's first next skill).")
@click.option("--project", help="The proof project kind (default: the role's own project).")
@click.option("--avoid", multiple=True, help="Something your project must avoid (repeatable; default: the guide's list).")
@click.option("--day30", help="Your own 30-day action.")
@click.option("--day60", help="Your own 60-day action.")
@click.option("--day90", help="Your own 90-day action.")
@click.option("--name", help="Your name, for the plan's heading.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("PLAN.md"), show_default=True,
              help="Where to write the plan.")
@click.option("--force", is_flag=True, help="Replace the plan file if it exists.")
@click.option("--no-input", is_flag=True, help="Do not ask questions; use the suggestions for anything not given.")
@click.option("--json", "as_json", is_flag=True, help="Print the answers and the plan's path as JSON.")
def plan(background: str | None, lane: str | None, role: str | None, next_skill: str | None, project: str | None,
         avoid: tuple[str, ...], day30: str | None, day60: str | None, day90: str | None, name: str | None,
         output: Path, force: bool, no_input: bool, as_json: bool) -> None:
    """Answer the career worksheet and get PLAN.md: a 30/60/90-day plan for one role."""
    from scaffolder import api
    from scaffolder.career import prompts as career_prompts

    given = {"background": background, "lane": lane, "role": role, "next_skill": next_skill, "project": project,
             "avoid": list(avoid), "day30": day30, "day60": day60, "day90": day90, "name": name}
    if not no_input:
        given = career_prompts.ask(given)
    if not given.get("background"):
        raise click.UsageError("Give your background with --background (clinical, data, operations, content, "
                               "compliance, product or beginner), or drop --no-input to be asked.")
    answers, path = api.career_plan(output=output, force=force, **given)
    if as_json:
        _emit_json({"path": str(path), "answers": answers.to_dict()})
    else:
        click.echo(f"Wrote your plan to {_printable(str(path))}: {api.show_role(answers.role).title}, project {answers.project}.")
        click.echo(f"Next: read it, replace its FILL markers with your own facts, then: prooflane new {answers.role}")


# ---------------------------------------------------------------- posting
@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("--background", "-b", metavar="BACKGROUND", help="Score the fit against your background.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def posting(file: str, background: str | None, as_json: bool) -> None:
    """Read a job posting (text, Markdown or pasted HTML; - for standard input): lane, flags, questions to ask."""
    from scaffolder import api
    from scaffolder.career import render as career_render

    stdin = sys.stdin.buffer.read() if file == "-" else None
    report = api.read_posting(file, background=background, stdin=stdin)
    if as_json:
        _emit_json(report.to_dict())
    else:
        click.echo(career_render.posting(report))


# ---------------------------------------------------------------- diff / update
@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("."), required=False)
@click.option("--exit-code", is_flag=True, help="Exit with 1 when anything differs (for CI).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def diff(path: Path, exit_code: bool, as_json: bool) -> None:
    """Show your changes since the project was made, and what the installed template would change."""
    from scaffolder import api, render

    result = api.diff_project(path)
    if as_json:
        _emit_json(result.to_dict())
    else:
        click.echo(render.project_diff(result))
    if exit_code and (result.mine or result.template):
        sys.exit(1)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("."), required=False)
@click.option("--to", "to_version", metavar="VERSION", help="The template version to update to (the installed one).")
@click.option("--dry-run", is_flag=True, help="Say what would happen to each file, change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def update(path: Path, to_version: str | None, dry_run: bool, as_json: bool) -> None:
    """Take the installed template version into the project without losing an edit (a three-way merge)."""
    from scaffolder import api, render

    result = api.update_project(path, to=to_version, dry_run=dry_run)
    if as_json:
        _emit_json(result.to_dict())
    else:
        click.echo(render.project_update(result))


# ---------------------------------------------------------------- build
@main.command()
@click.argument("projects", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Folder for the site (replaced only when it is a site prooflane built).")
@click.option("--preview", is_flag=True,
              help="Build even with unfinished work or check errors, marked as a private preview on every page.")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF.")
@click.option("--page-size", type=click.Choice(["letter", "a4"], case_sensitive=False), default="letter",
              show_default=True, help="Paper size of the PDF.")
@click.option("--positioning", help="Your positioning sentence for the landing page.")
@click.option("--init-repo", type=click.Path(path_type=Path), metavar="DIR",
              help="Lay out a portfolio repository in DIR with a GitHub Pages workflow, instead of building.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def build(projects: tuple[Path, ...], output: Path, preview: bool, no_pdf: bool, page_size: str,
          positioning: str | None, init_repo: Path | None, as_json: bool) -> None:
    """Turn one or more filled projects into a portfolio: an offline site and a PDF (default: projects below here)."""
    from scaffolder import api

    if init_repo is not None:
        made = api.init_portfolio_repo(init_repo)
        if as_json:
            _emit_json({"path": str(init_repo), "files": made})
        else:
            click.echo(f"Laid out a portfolio repository in {_printable(str(init_repo))} ({len(made)} files); its README says how to "
                       "publish it.")
        return
    result = api.build_portfolio(list(projects) or None, output, preview=preview, pdf=not no_pdf,
                                 page_size=page_size.lower(), positioning=positioning)
    if as_json:
        _emit_json(result.to_dict())
        return
    kind = "a private preview" if result.preview else "a portfolio"
    click.echo(f"Built {kind} of {len(result.projects)} project(s) in {_printable(str(result.output))}: open "
               f"{_printable(str(result.output / 'index.html'))} in a browser.")
    if result.pdf:
        click.echo(f"PDF: {_printable(str(result.pdf))}")
    elif result.pdf_note:
        click.echo(result.pdf_note)


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
