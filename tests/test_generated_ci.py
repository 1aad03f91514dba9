"""The CI every generated project gets: least privilege, pinned, installable, and a gate on unfinished work."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from scaffolder import __version__, ci
from scaffolder.install_source import from_direct_url
from tests.conftest import built_kinds, run_env

BIN = Path(__import__("sys").executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with the dev extra)")
    return found


@pytest.mark.parametrize("kind", built_kinds())
def test_workflow_passes_zizmor_and_the_schema(kind: str, baked) -> None:
    root = baked(kind)
    workflow = root / ci.WORKFLOW_PATH
    audit = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(workflow)],
                           capture_output=True, text=True, env=run_env())
    assert audit.returncode == 0, audit.stdout + audit.stderr
    for path, schema in ((workflow, "vendor.github-workflows"), (root / ci.DEPENDABOT_PATH, "vendor.dependabot")):
        valid = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", schema, str(path)],
                               capture_output=True, text=True)
        assert valid.returncode == 0, valid.stdout + valid.stderr


@pytest.mark.parametrize("kind", built_kinds())
def test_workflow_is_least_privilege_and_pinned(kind: str, baked) -> None:
    text = (baked(kind) / ci.WORKFLOW_PATH).read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["test"]["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert uses and all(len(u.split("@")[1]) == 40 for u in uses)
    assert steps[0]["with"]["persist-credentials"] is False
    assert steps[1]["with"]["python-version"] == ci.settings().python_version
    for name in ("checkout", "setup_python"):
        action = ci.settings().actions[name]
        assert f"{action['uses']}@{action['sha']} # {action['version']}" in text
    installs = [s["run"] for s in steps if "prooflane" in s.get("run", "") and "pip install" in s["run"]]
    assert installs and not any(run.rstrip().endswith("pip install prooflane") for run in installs)


def _workflow_commands(root: Path) -> list[str]:
    steps = yaml.safe_load((root / ci.WORKFLOW_PATH).read_text(encoding="utf-8"))["jobs"]["test"]["steps"]
    return [s["run"].strip() for s in steps if s.get("run", "").startswith("prooflane ")]


@pytest.mark.parametrize("kind", built_kinds())
def test_the_workflows_gate_fails_on_a_fresh_bake(kind: str, baked) -> None:
    root = baked(kind)
    commands = _workflow_commands(root)
    assert commands == ["prooflane check .", "prooflane status . --require-finished"]
    prooflane = _tool("prooflane")
    results = [subprocess.run([prooflane, *c.split()[1:]], cwd=root, capture_output=True, text=True, env=run_env())
               for c in commands]
    assert results[0].returncode == 0, results[0].stdout[-2000:]  # nothing unsafe in a fresh project
    assert results[1].returncode == 1, "a fresh project is unfinished work and must not pass the gate"
    assert "not finished" in results[1].stderr


def test_draft_commits_skip_only_the_unfinished_work_step(baked) -> None:
    steps = yaml.safe_load((baked("dashboard") / ci.WORKFLOW_PATH).read_text(encoding="utf-8"))["jobs"]["test"]["steps"]
    gated = [s for s in steps if "if" in s]
    assert [s["run"].strip() for s in gated] == ["prooflane status . --require-finished"]
    assert ci.settings().draft_tag in gated[0]["if"]


def test_install_source_follows_how_prooflane_was_installed() -> None:
    assert from_direct_url(None).requirement == f"prooflane=={__version__}"
    git = json.dumps({"url": "https://example.org/team/prooflane.git",
                      "vcs_info": {"vcs": "git", "commit_id": "a" * 40, "requested_revision": "main"}})
    assert from_direct_url(git).requirement == f"prooflane @ git+https://example.org/team/prooflane.git@{'a' * 40}"
    local = json.dumps({"url": "file:///home/x/prooflane", "dir_info": {"editable": True}})
    assert from_direct_url(local).requirement is None
    wheel = json.dumps({"url": "file:///tmp/prooflane-0.1.0-py3-none-any.whl", "archive_info": {}})
    assert from_direct_url(wheel).requirement is None
    assert from_direct_url("{not json").origin == "local"


def test_workflow_installs_the_pinned_requirement_or_asks_for_one() -> None:
    pinned = ci.workflow([], from_direct_url(None))
    assert f"pip install 'prooflane=={__version__}'" in pinned and "PROOFLANE_INSTALL" not in pinned
    unknown = ci.workflow([], from_direct_url(json.dumps({"url": "file:///x", "dir_info": {}})))
    assert "vars.PROOFLANE_INSTALL" in unknown and "exit 1" in unknown
    assert ci.source_note(from_direct_url(None)) is None
    assert "PROOFLANE_INSTALL" in (ci.source_note(from_direct_url(json.dumps({"url": "file:///x"}))) or "")
