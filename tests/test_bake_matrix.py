"""Bake every built kind with every option value and check the result the way a user relies on it.

For each case: the exact file tree, no template syntax left over, the disclaimer block intact in
every Markdown and HTML file, a valid manifest, dependencies declared for every import, and the
generated project's own test suite passing.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

from scaffolder import __version__, catalog, disclaimers
from scaffolder.api import new_project
from scaffolder.manifest import MANIFEST_NAME, hash_tree, read, sha256_file
from scaffolder.templates import load_context, settings, template_dir
from tests.conftest import PYTHON, REPO, TREES, built_kinds, run_env

TEXT_SUFFIXES = {".md", ".html", ".py", ".txt", ".yaml", ".yml", ".json", ".csv", ".sql", ".toml", ".cfg", ".svg"}
LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|\{#")
IMPORT_TO_DIST = {"yaml": "pyyaml", "PIL": "pillow", "sklearn": "scikit-learn", "markdown_it": "markdown-it-py"}


def matrix() -> list[tuple[str, dict[str, str]]]:
    """The default bake of each kind plus one bake per other value of each choice setting."""
    cases: list[tuple[str, dict[str, str]]] = []
    for kind in built_kinds():
        cases.append((kind, {}))
        for setting in settings(kind):
            if setting.choices and setting.name != "role":
                cases += [(kind, {setting.name: value}) for value in setting.choices[1:]]
    return cases


CASES = matrix()
IDS = [kind + "".join(f"-{v}" for v in extra.values()) for kind, extra in CASES]


def text_files(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in TEXT_SUFFIXES]


def expected_tree(kind: str, extra: dict[str, str]) -> list[str]:
    for name in [kind + "".join(f"--{k}-{v}" for k, v in extra.items()), kind]:
        path = TREES / f"{name}.txt"
        if path.is_file():
            return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pytest.fail(f"tests/trees/{kind}.txt is missing")


def test_every_built_kind_has_a_template() -> None:
    for kind in built_kinds():
        assert (template_dir(kind) / "cookiecutter.json").is_file(), kind
    planned = [k.id for k in catalog.load().kinds if not k.built]
    for kind in planned:
        assert not template_dir(kind).exists(), f"{kind} has a template but is marked planned"


@pytest.mark.parametrize(("kind", "extra"), CASES, ids=IDS)
def test_exact_tree(kind: str, extra: dict[str, str], baked) -> None:
    root = baked(kind, **extra)
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert found == expected_tree(kind, extra)


@pytest.mark.parametrize(("kind", "extra"), CASES, ids=IDS)
def test_no_template_syntax_left(kind: str, extra: dict[str, str], baked) -> None:
    for path in text_files(baked(kind, **extra)):
        text = path.read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), start=1):
            assert not LEFTOVER.search(line), f"{path.name}:{lineno}: {line.strip()[:80]}"


@pytest.mark.parametrize(("kind", "extra"), CASES, ids=IDS)
def test_every_markdown_and_html_file_carries_the_disclaimer(kind: str, extra: dict[str, str], baked) -> None:
    root = baked(kind, **extra)
    pages = [p for p in root.rglob("*") if p.suffix in (".md", ".html") and p.is_file()]
    assert pages
    for page in pages:
        fmt = "html" if page.suffix == ".html" else "md"
        blocks = disclaimers.find_blocks(page.read_text(encoding="utf-8"))
        assert blocks, f"{page.relative_to(root)} has no disclaimer block"
        assert all(disclaimers.block_is_intact(b, fmt) for b in blocks), page.relative_to(root)


@pytest.mark.parametrize(("kind", "extra"), CASES, ids=IDS)
def test_manifest_is_valid(kind: str, extra: dict[str, str], baked) -> None:
    root = baked(kind, **extra)
    manifest = read(root)
    raw = load_context(kind)
    assert manifest.kind == kind
    assert manifest.template_version == raw["_template_version"]
    assert manifest.tool_version == __version__
    assert manifest.seed == 42 and manifest.answers["seed"] == 42
    assert {s.name for s in settings(kind)} <= set(manifest.answers)
    for key, value in extra.items():
        assert manifest.answers[key] == value
    assert manifest.role in {r.id for r in catalog.load().roles}
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
               and not p.relative_to(root).as_posix().startswith(".prooflane/")} - {MANIFEST_NAME}
    # Files the project's own scripts built during the bake (the kind's _outputs) are not prooflane's text.
    built = {rel for rel in on_disk if rel not in manifest.files and any(fnmatch(rel, g) for g in manifest.outputs)}
    assert set(manifest.files) == on_disk - built
    for rel, digest in manifest.files.items():
        assert sha256_file(root / rel) == digest, rel
    assert manifest.synthetic_data and set(manifest.synthetic_data) <= set(manifest.files)
    assert not any(k.startswith("_") for k in manifest.answers)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("kind", built_kinds())
def test_declared_requirements_cover_every_import(kind: str, baked) -> None:
    root = baked(kind)
    declared = {
        re.split(r"[<>=!~\[; ]", line.strip(), maxsplit=1)[0].lower()
        for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    local = {p.stem for p in root.rglob("*.py")} | {p.name for p in root.rglob("*") if p.is_dir()}
    for path in root.rglob("*.py"):
        for name in _imports(path) - set(sys.stdlib_module_names) - local:
            assert IMPORT_TO_DIST.get(name, name).lower() in declared, f"{path.relative_to(root)} imports {name}"


@pytest.mark.parametrize("kind", built_kinds())
def test_requirements_admit_the_versions_the_tests_run_with(kind: str, baked) -> None:
    """The baked tests below run with these installed versions, so the declared ranges must include them."""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.requirements import Requirement

    lines = (baked(kind) / "requirements.txt").read_text(encoding="utf-8").splitlines()
    for line in (ln.strip() for ln in lines):
        if not line or line.startswith("#"):
            continue
        req = Requirement(line)
        try:
            installed = version(req.name)
        except PackageNotFoundError:
            pytest.fail(f"{req.name} is declared but not installed for the tests; add it to the 'projects' extra")
        assert req.specifier.contains(installed, prereleases=True), f"{req} excludes installed {installed}"


@pytest.mark.parametrize("kind", built_kinds())
def test_generated_python_is_lint_clean(kind: str, baked) -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run([ruff, "check", "--no-cache", "--isolated", "."], cwd=baked(kind), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(("kind", "extra"), CASES, ids=IDS)
def test_generated_projects_own_tests_pass(kind: str, extra: dict[str, str], baked, tmp_path: Path) -> None:
    work = tmp_path / "project"
    shutil.copytree(baked(kind, **extra), work)
    env = run_env()
    env["PYTHONPATH"] = ""  # the project must stand on its own declared dependencies
    result = subprocess.run(
        [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=work, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


@pytest.mark.parametrize("kind", built_kinds())
def test_same_seed_same_bytes_other_seed_other_data(kind: str, tmp_path: Path, baked) -> None:
    first = hash_tree(baked(kind), exclude=())
    again = hash_tree(new_project(kind, tmp_path / "again", seed=42).path, exclude=())
    assert first == again
    other = new_project(kind, tmp_path / "other", seed=7).path
    data = read(other).synthetic_data
    other_hashes = hash_tree(other, exclude=())
    assert all(other_hashes[rel] != first[rel] for rel in data), "a data file did not change with the seed"


@pytest.mark.parametrize("kind", built_kinds())
def test_without_a_seed_each_person_gets_their_own_data(kind: str, tmp_path: Path) -> None:
    from scaffolder.seeds import derive_seed

    people = [("Ana Li", "Project of Ana"), ("Bo Chen", "Project of Bo"), ("Chidi Okafor", "Project of Chidi")]
    seeds, data_hashes = set(), set()
    for author, name in people:
        root = new_project(kind, tmp_path / author, name=name, author=author).path
        manifest = read(root)
        assert manifest.seed == derive_seed(name, author, kind) == manifest.answers["seed"]
        seeds.add(manifest.seed)
        data_hashes.add(tuple(sha256_file(root / rel) for rel in manifest.synthetic_data))
        twin = new_project(kind, tmp_path / f"{author}-again", name=name, author=author).path
        assert hash_tree(twin, exclude=()) == hash_tree(root, exclude=()), "the same answers gave other bytes"
    assert len(seeds) == 3 and len(data_hashes) == 3


@pytest.mark.parametrize("kind", built_kinds())
def test_plain_cookiecutter_bakes_the_same_project(kind: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [PYTHON, "-m", "cookiecutter", "--no-input", str(REPO / "project_templates" / kind), "-o", str(tmp_path)],
        env=run_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (project,) = list(tmp_path.iterdir())
    ours = new_project(kind, tmp_path.parent / f"{tmp_path.name}-prooflane").path  # same defaults, derived seed
    assert hash_tree(project, exclude=()) == hash_tree(ours, exclude=())


@pytest.mark.parametrize("role", [r.id for r in catalog.load().roles])
def test_every_role_bakes_its_project(role: str, tmp_path: Path) -> None:
    result = new_project(role, tmp_path)
    manifest = json.loads((result.path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["role"] == role
    assert manifest["kind"] == result.kind.id
    the_role = catalog.load().role(role)
    assert result.kind.id in (the_role.project_kind, *the_role.alternate_kinds)


@pytest.mark.parametrize("kind", built_kinds())
def test_ci_workflow_runs_the_tests_and_the_safety_check(kind: str, baked) -> None:
    import yaml

    workflow = yaml.safe_load((baked(kind) / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("pytest" in run for run in steps)
    assert any(run.strip() == "prooflane check ." for run in steps)
    assert any(run.strip() == "prooflane status . --require-finished" for run in steps)


@pytest.mark.parametrize("kind", built_kinds())
def test_fill_markers_sit_only_where_the_user_writes(kind: str, baked) -> None:
    from scaffolder.status import project_status

    fills = project_status(baked(kind)).fills
    assert fills, "a proof project leaves room for the user's own judgement"
    assert not [f for f in fills if f.path.startswith(("tests/", ".github/")) or f.path.endswith(".py")]
