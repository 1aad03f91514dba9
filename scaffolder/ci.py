"""The CI workflow and dependabot config every generated project gets (one source for all kinds).

The workflow runs the kind's own steps (tests, builds), then ``prooflane check`` installed from the
same source and version that baked the project, then ``prooflane status --require-finished``, which
fails while FILL markers or unanswered items remain unless the commit message carries the draft tag.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from scaffolder.install_source import InstallSource

WORKFLOW_PATH = ".github/workflows/ci.yml"
DEPENDABOT_PATH = ".github/dependabot.yml"


@dataclass(frozen=True)
class CiSettings:
    """Pinned actions, the Python version and the draft convention (scaffolder/data/ci.json)."""

    python_version: str
    actions: dict[str, dict[str, str]]
    draft_tag: str
    install_variable: str


@lru_cache(maxsize=1)
def settings() -> CiSettings:
    """Load the CI settings from the package data."""
    raw = json.loads(resources.files("scaffolder").joinpath("data/ci.json").read_text(encoding="utf-8"))
    return CiSettings(raw["python_version"], raw["actions"], raw["draft_tag"], raw["install_variable"])


_PLAIN = re.compile(r"[A-Za-z0-9(][^:#\"{}\[\]&*!|>%@`]*")


def _quote(text: str) -> str:
    """A YAML scalar: plain when that is unambiguous, else double-quoted (JSON strings are valid YAML)."""
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in {"yes", "no", "true", "false", "on", "off", "null"}:
        return text
    return json.dumps(text, ensure_ascii=False)


def _uses(name: str) -> str:
    action = settings().actions[name]
    return f"{action['uses']}@{action['sha']} # {action['version']}"


def _run(command: str, indent: str) -> list[str]:
    return [f"{indent}run: |", *(f"{indent}  {line}" for line in command.splitlines())]


def _step(step: dict[str, Any]) -> list[str]:
    lines = [f"      - name: {_quote(str(step['name']))}"]
    if step.get("if"):
        lines.append(f"        if: {step['if']}")
    env = dict(step.get("env") or {})
    if env:
        lines.append("        env:")
        lines += [f"          {key}: {_quote(str(value))}" for key, value in env.items()]
    lines += _run(str(step["run"]), "        ")
    return lines


def install_step(source: InstallSource) -> dict[str, Any]:
    """The step that installs prooflane: pinned to this exact version and source, never a bare name."""
    cfg = settings()
    if source.requirement is not None:
        return {"name": "Install prooflane (the version that made this project)",
                "run": f"python -m pip install '{source.requirement}'"}
    # No public source is known: the repository variable must name one; say so instead of guessing.
    var = cfg.install_variable
    return {
        "name": "Install prooflane (from the repository variable " + var + ")",
        "env": {var: "${{ vars." + var + " }}"},
        "run": (
            f'if [ -z "${var}" ]; then\n'
            f'  echo "::error::Set the repository variable {var} to a pinned prooflane source '
            f'(see the README section Share it)."\n'
            "  exit 1\n"
            "fi\n"
            f'python -m pip install "${var}"'
        ),
    }


def check_steps() -> list[dict[str, Any]]:
    """The safety gate: errors always fail; unfinished work fails unless the push is a draft."""
    tag = settings().draft_tag
    return [
        {"name": "Safety check (real identifiers, unsafe claims, disclaimers)", "run": "prooflane check ."},
        {
            "name": f"Unfinished work (FILL markers, unanswered items; skipped for a commit marked {tag})",
            "if": "${{ !contains(github.event.head_commit.message, '" + tag + "') }}",
            "run": "prooflane status . --require-finished",
        },
    ]


def workflow(kind_steps: list[dict[str, Any]], source: InstallSource) -> str:
    """The text of ``.github/workflows/ci.yml`` for a project."""
    cfg = settings()
    lines = [
        "# Runs on every push: the project's own tests, then prooflane's safety check.",
        f"# To push a draft while work is unfinished, put {cfg.draft_tag} in the commit message.",
        "name: ci",
        "",
        "on:",
        "  push:",
        "  pull_request:",
        "",
        "permissions:",
        "  contents: read",
        "",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    timeout-minutes: 20",
        "    steps:",
        f"      - uses: {_uses('checkout')}",
        "        with:",
        "          persist-credentials: false",
        f"      - uses: {_uses('setup_python')}",
        "        with:",
        f"          python-version: {json.dumps(cfg.python_version)}",
    ]
    steps = [{"name": "Install the project's requirements", "run": "python -m pip install -r requirements.txt"},
             *kind_steps, install_step(source), *check_steps()]
    for step in steps:
        lines += _step(step)
    return "\n".join(lines) + "\n"


def dependabot() -> str:
    """The text of ``.github/dependabot.yml``: keeps the pinned actions up to date."""
    return "\n".join([
        "# Opens a pull request when a newer version of a pinned GitHub action is released.",
        "version: 2",
        "updates:",
        "  - package-ecosystem: github-actions",
        '    directory: "/"',
        "    schedule:",
        "      interval: monthly",
        "",
    ])


def source_note(source: InstallSource) -> str | None:
    """One sentence for ``new`` when the generated CI cannot install prooflane by itself."""
    if source.requirement is not None:
        return None
    var = settings().install_variable
    return (f"This prooflane was installed from a local folder or file, so the project's CI cannot install it: "
            f"set the repository variable {var} to a pinned source (for example "
            f"'prooflane=={_version()}' once it is on the package index), or reinstall prooflane from the package "
            f"index or a git URL and bake again.")


def _version() -> str:
    from scaffolder import __version__

    return __version__


def pages_workflow(source: InstallSource) -> str:
    """The text of a portfolio repository's ``.github/workflows/pages.yml``: check, build, publish to Pages."""
    cfg = settings()
    lines = [
        "# Publishes the portfolio to GitHub Pages on every push to main, after prooflane's safety check.",
        "name: publish",
        "",
        "on:",
        "  push:",
        "    branches: [main]",
        "  workflow_dispatch:",
        "",
        "permissions:",
        "  contents: read",
        "",
        "concurrency:",
        "  group: pages",
        "  cancel-in-progress: false",
        "",
        "jobs:",
        "  build:",
        "    runs-on: ubuntu-latest",
        "    timeout-minutes: 20",
        "    steps:",
        f"      - uses: {_uses('checkout')}",
        "        with:",
        "          persist-credentials: false",
        f"      - uses: {_uses('setup_python')}",
        "        with:",
        f"          python-version: {json.dumps(cfg.python_version)}",
    ]
    steps = [install_step(source),
             {"name": "Safety check of every project", "run": "prooflane check projects"},
             {"name": "Build the portfolio (refuses unfinished work)", "run": "prooflane build projects -o site"}]
    for step in steps:
        lines += _step(step)
    lines += [
        f"      - uses: {_uses('configure_pages')}",
        f"      - uses: {_uses('upload_pages_artifact')}",
        "        with:",
        "          path: site",
        "  deploy:",
        "    needs: build",
        "    runs-on: ubuntu-latest",
        "    permissions:",
        "      pages: write",
        "      id-token: write",
        "    environment:",
        "      name: github-pages",
        "      url: ${{ steps.deployment.outputs.page_url }}",
        "    steps:",
        "      - id: deployment",
        f"        uses: {_uses('deploy_pages')}",
    ]
    return "\n".join(lines) + "\n"
