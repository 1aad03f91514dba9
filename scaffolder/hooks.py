"""What a template's post-generation hook does: write the synthetic data, then the manifest.

Templates call :func:`finish_project` from ``hooks/post_gen_project.py``; the hook runs with the new
project folder as the working directory, under ``prooflane new`` and plain ``cookiecutter`` alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scaffolder import __version__, ci, disclaimers, manifest
from scaffolder.install_source import current as install_source
from scaffolder.update import snapshot

CONTEXT_FILE = ".prooflane-context.json"


def public_answers(context: dict[str, Any]) -> dict[str, Any]:
    """The answers a person gave or accepted (cookiecutter's private ``_`` keys left out)."""
    return {k: v for k, v in sorted(context.items()) if not k.startswith("_")}


def _substitute(value: Any, answers: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in answers:
        return str(answers[value[1:-1]])
    return value


def write_datasets(root: Path, context: dict[str, Any], seed: int) -> list[str]:
    """Generate every dataset listed in the template's ``_datasets``; return their relative paths."""
    from synthetic.registry import DATASETS
    from synthetic.writers import write_table

    answers = public_answers(context)
    written: list[str] = []
    for entry in context.get("_datasets", []):
        spec = DATASETS[entry["dataset"]]
        options = {k: _substitute(v, answers) for k, v in entry.get("options", {}).items()}
        rows = entry.get("rows")
        table = spec.generate(seed=seed, rows=int(rows) if rows is not None else None, **options)
        target = root / entry["file"]
        write_table(table, target)
        written.append(target.relative_to(root).as_posix())
    return sorted(written)


def _remove_caches(root: Path) -> None:
    """Drop interpreter caches a template folder may have picked up; they are never part of a project."""
    import shutil

    for cache in [p for p in root.rglob("__pycache__") if p.is_dir()]:
        shutil.rmtree(cache, ignore_errors=True)
    for stray in root.rglob("*.py[co]"):
        stray.unlink(missing_ok=True)


def _holds_fill(path: Path) -> bool:
    from scaffolder.markers import FILL_RE

    try:
        return FILL_RE.search(path.read_text(encoding="utf-8")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def write_ci(root: Path, context: dict[str, Any]) -> None:
    """Write ``.github/workflows/ci.yml`` (the kind's ``_ci_steps`` plus the safety gate) and dependabot."""
    workflow = root / ci.WORKFLOW_PATH
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(ci.workflow(list(context.get("_ci_steps", [])), install_source()), encoding="utf-8")
    (root / ci.DEPENDABOT_PATH).write_text(ci.dependabot(), encoding="utf-8")


def finish_project(root: Path | None = None) -> manifest.Manifest:
    """Write data and ``.prooflane.json`` for the project at ``root`` (default: current folder)."""
    root = Path.cwd() if root is None else root
    context_path = root / CONTEXT_FILE
    context: dict[str, Any] = json.loads(context_path.read_text(encoding="utf-8"))
    context_path.unlink()
    _remove_caches(root)
    seed = int(str(context.get("seed", "42")).strip())
    written = write_datasets(root, context, seed)
    write_ci(root, context)
    generated = sorted(manifest.hash_tree(root))
    snapshot.write(root, [rel for rel in generated if rel not in written])
    answers = public_answers(context)
    answers["seed"] = seed
    result = manifest.Manifest(
        kind=str(context["_kind"]),
        template_version=str(context["_template_version"]),
        tool_version=__version__,
        seed=seed,
        answers=answers,
        role=str(context.get("role")) if context.get("role") else None,
        disclaimer_version=disclaimers.load().version,
        synthetic_data=written,
        outputs=[str(p) for p in context.get("_outputs", [])],
        unfinished=[dict(rule) for rule in context.get("_unfinished", [])],
        user_owned=[rel for rel in generated if _holds_fill(root / rel)],
    )
    manifest.write(root, result)
    return result
