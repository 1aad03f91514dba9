"""A non-editable install works from any folder: the wheel carries the templates and the catalog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PYTHON, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [PYTHON, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    (found,) = out.glob("prooflane-*.whl")
    return found


def test_wheel_ships_templates_catalog_and_both_packages(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "scaffolder/data/catalog.json" in names
    assert "scaffolder/data/disclaimer.json" in names
    assert "synthetic/registry.py" in names
    assert "scaffolder/project_templates/dashboard/cookiecutter.json" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "prooflane = scaffolder.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_runs_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    py = bindir / "python"
    site = Path(subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # Dependencies come from this environment; prooflane itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = "import scaffolder, sys; print(scaffolder.__file__)"
    where = subprocess.run([py, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert str(site) in where and str(REPO) not in where
    roles = subprocess.run([py, "-m", "scaffolder", "roles", "--json"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, check=True)
    assert len(json.loads(roles.stdout)) == 21
    made = subprocess.run([py, "-m", "scaffolder", "new", "healthcare-data-analyst", "--no-input", "-o", "out"],
                          cwd=elsewhere, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert (elsewhere / "out" / "clinic-no-show-dashboard" / ".prooflane.json").is_file()
    assert sys.version_info >= (3, 10)
