"""Bake a project: validate answers, render the template with cookiecutter, move it into place atomically.

User text is never rendered as a template: answers go into the context as data and only the
template's own derived values (such as the slug) are rendered. The project is generated in a
temporary folder beside the target and moved into place only when complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import catalog
from scaffolder.exceptions import (
    InvalidAnswerError,
    OutputNotWritableError,
    ProoflaneError,
    TargetExistsError,
)
from scaffolder.manifest import MANIFEST_NAME, Manifest, read
from scaffolder.templates import load_context, render_default, settings, template_dir

MAX_TEXT = 120
MAX_SEED = 2**32 - 1
SLUG_MAX = 60


@dataclass
class BakeResult:
    """What a bake produced (or, for a dry run, would produce)."""

    kind: str
    path: Path
    answers: dict[str, Any]
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    manifest: Manifest | None = None


def _clean_text(name: str, value: str, *, required: bool) -> str:
    text = unicodedata.normalize("NFC", str(value)).strip()
    if required and not text:
        raise InvalidAnswerError(f"The {name} is empty; give a short title, for example --name \"Clinic No-Show Dashboard\".")
    if len(text) > MAX_TEXT:
        raise InvalidAnswerError(
            f"The {name} is {len(text):,} characters long; keep it to {MAX_TEXT} characters or fewer."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        raise InvalidAnswerError(f"The {name} contains a line break or control character; use a single line of plain text.")
    return text


def parse_seed(value: Any) -> int:
    """A seed from user input: a whole number from 0 to 4294967295."""
    text = str(value).strip()
    if not text.isdigit() or int(text) > MAX_SEED:
        raise InvalidAnswerError(
            f"The seed '{text[:40]}' is not a whole number from 0 to {MAX_SEED}; use for example --seed 42."
        )
    return int(text)


def slugify(text: str, fallback: str) -> str:
    """A safe folder name from a project name (ASCII, dashes, no path separators)."""
    from slugify import slugify as _slugify

    slug = _slugify(text, max_length=SLUG_MAX, word_boundary=True)
    return slug or fallback


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
    return path.is_dir() and any(path.iterdir())


def bake(
    kind_id: str,
    answers: dict[str, Any],
    output_dir: Path,
    *,
    force: bool = False,
    dry_run: bool = False,
) -> BakeResult:
    """Render the kind's template into ``output_dir/<slug>``; nothing is left half-written on failure."""
    from cookiecutter.exceptions import CookiecutterException
    from cookiecutter.generate import generate_files

    context = build_context(kind_id, answers)
    output_dir = Path(output_dir).expanduser()
    target = output_dir / context["project_slug"]
    if output_dir.exists() and not output_dir.is_dir():
        raise OutputNotWritableError(f"The output path {output_dir} is a file, not a folder; choose a folder with -o.")
    if target.exists() and not target.is_dir():
        raise TargetExistsError(f"{target} exists and is a file; choose another -o folder or another --name.")
    if _is_nonempty_dir(target) and not force and not dry_run:
        raise TargetExistsError(
            f"{target} already exists and is not empty; choose another -o folder or --name, or add --force to replace it."
        )

    created = [] if output_dir.exists() else [p for p in (output_dir, *output_dir.parents) if not p.exists()]
    if dry_run:
        staging_parent = Path(tempfile.mkdtemp(prefix="prooflane-dry-"))
    else:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
            staging_parent = Path(tempfile.mkdtemp(prefix=".prooflane-", dir=output_dir))
        except OSError as exc:
            raise OutputNotWritableError(
                f"Cannot write to the output folder {output_dir} ({exc.strerror or exc}); choose a folder you can write to with -o."
            ) from exc
    done = False
    try:
        try:
            baked = Path(
                generate_files(
                    repo_dir=str(template_dir(kind_id)),
                    context={"cookiecutter": context},
                    output_dir=str(staging_parent),
                    accept_hooks=True,
                )
            )
        except CookiecutterException as exc:
            raise ProoflaneError(f"The '{kind_id}' template failed to render ({exc}); please report this as a bug.") from exc
        except OSError as exc:
            raise OutputNotWritableError(
                f"Writing the project failed ({exc.strerror or exc}); check the disk space and permissions of {output_dir}."
            ) from exc
        files = sorted(p.relative_to(baked).as_posix() for p in baked.rglob("*") if p.is_file())
        if dry_run:
            return BakeResult(kind_id, target, answers, files, dry_run=True)
        old = staging_parent / ".replaced"
        if target.exists():
            os.replace(target, old)
        try:
            os.replace(baked, target)
        except OSError as exc:
            if old.exists():
                os.replace(old, target)  # put the user's folder back
            raise OutputNotWritableError(f"Cannot move the new project into {target} ({exc.strerror or exc}).") from exc
        done = True
        return BakeResult(kind_id, target, answers, files, manifest=read(target / MANIFEST_NAME))
    finally:
        shutil.rmtree(staging_parent, ignore_errors=True)
        if not done and not dry_run:
            for folder in created:  # folders this call made, innermost first
                with contextlib.suppress(OSError):
                    folder.rmdir()
