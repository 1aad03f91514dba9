"""Bake a project: validate answers, render the template with cookiecutter, move it into place atomically.

User text is never rendered as a template: answers go into the context as data and only the
template's own derived values (such as the slug) are rendered. The project is generated in a
temporary folder beside the target and moved into place only when complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import catalog, place
from scaffolder.exceptions import (
    InvalidAnswerError,
    OutputNotWritableError,
    ProoflaneError,
    TargetExistsError,
    WriteFailedError,
)
from scaffolder.manifest import MANIFEST_NAME, Manifest, read
from scaffolder.seeds import MAX_SEED, parse_seed  # noqa: F401 (re-exported)
from scaffolder.templates import load_context, render_default, settings, template_dir

MAX_TEXT = 120
SLUG_MAX = 60
WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


@dataclass
class BakeResult:
    """What a bake produced (or, for a dry run, would produce)."""

    kind: str
    path: Path
    answers: dict[str, Any]
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    manifest: Manifest | None = None
    refusal: str | None = None  # dry run: why the real run would be refused
    backup: Path | None = None  # --force: where the old folder was kept
    kept: list[str] = field(default_factory=list)  # --force: the person's files in the old folder
    recovered: list[Path] = field(default_factory=list)  # backups made from an interrupted earlier run


def _clean_text(name: str, value: str, *, required: bool) -> str:
    text = unicodedata.normalize("NFC", str(value)).strip()
    if required and not text:
        raise InvalidAnswerError(f"The {name} is empty; give a short title, for example --name \"Clinic No-Show Dashboard\".")
    if len(text) > MAX_TEXT:
        raise InvalidAnswerError(
            f"The {name} is {len(text):,} characters long; keep it to {MAX_TEXT} characters or fewer."
        )
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        raise InvalidAnswerError(f"The {name} is not valid UTF-8 text; type it again, or check your terminal's encoding.")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise InvalidAnswerError(f"The {name} contains a line break or control character; use a single line of plain text.")
    return text


def slugify(text: str, fallback: str) -> str:
    """A safe folder name from a project name (ASCII, dashes, no path separators)."""
    from slugify import slugify as _slugify

    slug = _slugify(text, max_length=SLUG_MAX, word_boundary=True) or fallback
    if slug.split(".")[0] in WINDOWS_RESERVED:  # folders Windows cannot create or check out
        slug = f"{slug}-{fallback}"
    return slug


def resolve_answers(kind_id: str, given: dict[str, Any]) -> dict[str, Any]:
    """Validate ``given`` against the kind's settings and fill defaults; raise InvalidAnswerError."""
    known = {s.name: s for s in settings(kind_id)}
    for name in given:
        if name not in known or known[name].derived:
            usable = ", ".join(s.name for s in known.values() if not s.derived)
            raise InvalidAnswerError(f"The '{kind_id}' project has no setting '{name}'; the settings are: {usable}.")
    answers: dict[str, Any] = {}
    for setting in known.values():
        if setting.derived:
            continue
        value = given[setting.name] if setting.name in given else render_default(kind_id, setting, answers)
        if setting.name == "project_name":
            value = _clean_text("project name", value, required=True)
        elif setting.name == "author":
            value = _clean_text("author name", value, required=False)
        elif setting.name == "seed":
            value = str(parse_seed(value))
        elif setting.name == "role":
            value = catalog.load().role(str(value)).id
            if setting.choices is not None and value not in setting.choices:
                raise InvalidAnswerError(
                    f"The '{kind_id}' project does not suit the role '{value}'; choose one of: {', '.join(setting.choices)}."
                )
        elif setting.choices is not None:
            text = str(value).strip().lower()
            match = next((c for c in setting.choices if c.lower() == text), None)
            if match is None:
                raise InvalidAnswerError(
                    f"'{str(value)[:40]}' is not a choice for {setting.name}; choose one of: {', '.join(setting.choices)}."
                )
            value = match
        else:
            value = _clean_text(setting.name.replace("_", " "), value, required=False)
        answers[setting.name] = value
    return answers


def build_context(kind_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The full cookiecutter context: answers as data, derived values rendered, private keys as-is."""
    from cookiecutter.environment import StrictEnvironment
    from cookiecutter.prompt import render_variable

    raw = load_context(kind_id)
    context: dict[str, Any] = {}
    env = StrictEnvironment(context={"cookiecutter": raw})
    for name, value in raw.items():
        if name.startswith("_"):
            context[name] = value
        elif name in answers:
            context[name] = answers[name]
        elif name == "project_slug":
            context[name] = slugify(str(answers["project_name"]), kind_id)
        else:
            context[name] = render_variable(env, value, context)
    return context


def _is_nonempty_dir(path: Path) -> bool:
    try:
        return path.is_dir() and any(path.iterdir())
    except OSError:
        return True  # cannot look inside: treat it as holding someone's files


def _expand(output_dir: Path) -> Path:
    try:
        return Path(output_dir).expanduser()
    except RuntimeError as exc:  # ~user that does not exist
        raise OutputNotWritableError(
            f"Cannot find the home folder in {str(output_dir)[:80]}; give the output folder as a plain path with -o."
        ) from exc


def _check_output_dir(output_dir: Path) -> None:
    if output_dir.is_symlink() and not output_dir.exists():
        raise OutputNotWritableError(
            f"The output path {output_dir} is a broken symbolic link (it points to {os.readlink(output_dir)[:80]}, "
            "which does not exist); create that folder or choose another with -o."
        )
    if output_dir.exists() and not output_dir.is_dir():
        raise OutputNotWritableError(f"The output path {output_dir} is a file, not a folder; choose a folder with -o.")


def refusal(target: Path, force: bool) -> str | None:
    """Why a real bake into ``target`` would be refused now, or None."""
    if target.is_symlink() and not force:
        return (f"{target} is a symbolic link; choose another -o folder or --name, "
                "or add --force to replace the link (the folder it points to is left alone).")
    if target.exists() and not target.is_dir() and not target.is_symlink():
        return f"{target} exists and is a file; choose another -o folder or another --name."
    if not force and _is_nonempty_dir(target):
        return f"{target} already exists and is not empty; choose another -o folder or --name, or add --force to replace it."
    return None


def _render(kind_id: str, context: dict[str, Any], staging: Path, output_dir: Path) -> Path:
    """Render the template into ``staging`` and run its post-generation step in this process.

    Running the hook here (not as a script cookiecutter writes to $TMPDIR and starts) leaves no
    temporary script behind, and a full disk or a denied write becomes one sentence, not a traceback.
    """
    import runpy

    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files

    try:
        baked = Path(generate_files(
            repo_dir=str(template_dir(kind_id)),
            context={"cookiecutter": context},
            output_dir=str(staging),
            accept_hooks=False,
        ))
    except CookiecutterException as exc:
        raise ProoflaneError(f"The '{kind_id}' template failed to render ({exc}); please report this as a bug.") from exc
    except OSError as exc:
        raise _write_failed(output_dir, exc) from exc
    hook = template_dir(kind_id) / "hooks" / "post_gen_project.py"
    if hook.is_file():
        here, path_before = os.getcwd(), list(sys.path)
        os.chdir(baked)
        try:
            runpy.run_path(str(hook), run_name="__main__")
        except OSError as exc:
            raise _write_failed(output_dir, exc) from exc
        except SystemExit as exc:
            if exc.code not in (None, 0):
                raise ProoflaneError(f"The '{kind_id}' template's last step stopped ({exc.code}); please report this as a bug.") from exc
        finally:
            os.chdir(here)
            _forget_project_modules(baked, path_before)
    return baked


def _forget_project_modules(project: Path, path_before: list[str]) -> None:
    """Undo what a hook did to the interpreter: the project's own modules (scripts/score.py ...) and sys.path.

    Two kinds may both ship a ``validate`` or ``score`` module; a later bake in the same process must
    import its own, not the one a previous hook left in ``sys.modules``.
    """
    sys.path[:] = path_before
    root = str(project.resolve())
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None) or ""
        if origin and os.path.realpath(origin).startswith(root + os.sep):
            del sys.modules[name]


def _unwritable(output_dir: Path, exc: OSError) -> ProoflaneError:
    """A path that cannot be a folder is a usage error (exit 2); denied, read-only or full is a run-time one (exit 1)."""
    usage = exc.errno in (errno.ENOTDIR, errno.ENOENT, errno.EEXIST, errno.ENAMETOOLONG)
    cls = OutputNotWritableError if usage else WriteFailedError
    return cls(
        f"Cannot write to the output folder {output_dir} ({exc.strerror or exc}); choose a folder you can write to with -o."
    )


def _write_failed(output_dir: Path, exc: OSError) -> WriteFailedError:
    return WriteFailedError(
        f"Writing the project failed ({exc.strerror or exc}); check the disk space and permissions of {output_dir}."
    )


def bake(
    kind_id: str,
    answers: dict[str, Any],
    output_dir: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
) -> BakeResult:
    """Render the kind's template into ``output_dir/<slug>``; nothing is left half-written, nothing of the person's lost."""
    context = build_context(kind_id, answers)
    output_dir = _expand(output_dir)
    _check_output_dir(output_dir)
    target = output_dir / context["project_slug"]
    recovered: list[Path] = []
    if not dry_run and output_dir.is_dir():  # tidy what a killed run left, before judging the target
        with contextlib.suppress(WriteFailedError), place.target_lock(output_dir, target.name):
            recovered = place.clean_stale_staging(output_dir)
    refused = refusal(target, force)
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="prooflane-dry-") as tmp:
            baked = _render(kind_id, context, Path(tmp), output_dir)
            files = sorted(p.relative_to(baked).as_posix() for p in baked.rglob("*") if p.is_file())
        keep = place.user_work(target) if force and refused is None and os.path.lexists(target) else []
        return BakeResult(kind_id, target, answers, files, dry_run=True, refusal=refused, kept=keep)
    if refused:
        raise TargetExistsError(refused)

    created = [] if output_dir.exists() else [p for p in (output_dir, *output_dir.parents) if not p.exists()]
    done = False
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(output_dir, exc) from exc
    try:
        with place.signals_interrupt(), place.target_lock(output_dir, target.name):
            recovered += place.clean_stale_staging(output_dir)
            try:
                staging = place.make_staging(output_dir)
            except OSError as exc:
                raise _unwritable(output_dir, exc) from exc
            try:
                baked = _render(kind_id, context, staging, output_dir)
                files = sorted(p.relative_to(baked).as_posix() for p in baked.rglob("*") if p.is_file())
                refused = refusal(target, force)  # again: the folder may have changed while we rendered
                if refused:
                    raise TargetExistsError(refused)
                backup: Path | None = None
                kept: list[str] = []
                if force and os.path.lexists(target) and (target.is_symlink() or _is_nonempty_dir(target)):
                    backup, kept = place.swap_in(baked, target, staging)
                else:
                    place.move_in(baked, target)
                done = True
            finally:
                recovered += place.discard_staging(staging)
    finally:
        if not done:
            for folder in created:  # folders this call made, innermost first
                with contextlib.suppress(OSError):
                    folder.rmdir()
    return BakeResult(kind_id, target, answers, files, manifest=read(target / MANIFEST_NAME),
                      backup=backup, kept=kept, recovered=recovered)
