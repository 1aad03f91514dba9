"""Shared fixtures: where things are, and a cached bake of each built kind."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scaffolder import catalog
from scaffolder.api import new_project

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TREES = Path(__file__).resolve().parent / "trees"


def built_kinds() -> list[str]:
    """Ids of every kind the catalog marks as built."""
    return [k.id for k in catalog.load().built_kinds()]


def run_env() -> dict[str, str]:
    """Environment for subprocesses: this checkout importable, offline-friendly."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["MPLBACKEND"] = "Agg"
    env.pop("PYTEST_ADDOPTS", None)
    return env


@pytest.fixture(scope="session")
def baked(tmp_path_factory: pytest.TempPathFactory):
    """bake(kind, **extra) -> path of a fresh bake (seed 42 unless given), cached per (kind, extras) for the session.

    The seed is fixed so that fixtures are shared; tests of the derived default seed bake on their own.
    """
    cache: dict[tuple, Path] = {}

    def bake(kind: str, **extra: str) -> Path:
        key = (kind, tuple(sorted(extra.items())))
        if key not in cache:
            out = tmp_path_factory.mktemp(f"bake-{kind}")
            seed = extra.pop("seed", "42")
            cache[key] = new_project(kind, out, seed=seed, extra=extra or None).path
        return cache[key]

    return bake


PYTHON = sys.executable


@pytest.fixture()
def scan_seconds() -> Callable[..., float]:
    """seconds(text, runs=3): CPU seconds of the fastest of ``runs`` scans of ``text`` (other work on the
    machine does not count against the check)."""
    from scaffolder.check.scan import scan_text

    def seconds(text: str, runs: int = 3) -> float:
        best = float("inf")
        for _ in range(runs):
            started = time.process_time()
            scan_text(text, suffix=".txt")
            best = min(best, time.process_time() - started)
        return best

    return seconds
