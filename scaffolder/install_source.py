"""Where the running prooflane was installed from, so a generated CI can install exactly the same thing.

pip records a direct install (a git URL, a local folder, an archive) in the distribution's
``direct_url.json`` (PEP 610); an install from the package index leaves none. Only the index and a
git URL pinned to a commit are sources another machine can reproduce.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata

from scaffolder import __version__

DIST_NAME = "prooflane"


@dataclass(frozen=True)
class InstallSource:
    """A pip requirement that reinstalls this prooflane, or None when no public source is known."""

    origin: str  # "index", "git" or "local"
    requirement: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"origin": self.origin, "requirement": self.requirement}


def from_direct_url(direct_url: str | None, version: str = __version__) -> InstallSource:
    """Interpret the text of ``direct_url.json`` (None: installed from the package index)."""
    if direct_url is None:
        return InstallSource("index", f"{DIST_NAME}=={version}")
    try:
        info = json.loads(direct_url)
    except json.JSONDecodeError:
        return InstallSource("local", None)
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    url = info.get("url") if isinstance(info, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and isinstance(url, str) and vcs.get("commit_id"):
        if url.startswith("file:"):
            return InstallSource("local", None)
        subdirectory = info.get("subdirectory")
        suffix = f"#subdirectory={subdirectory}" if subdirectory else ""
        return InstallSource("git", f"{DIST_NAME} @ git+{url}@{vcs['commit_id']}{suffix}")
    return InstallSource("local", None)


def current() -> InstallSource:
    """The install source of the prooflane that is running now."""
    try:
        dist = metadata.distribution(DIST_NAME)
    except metadata.PackageNotFoundError:
        return InstallSource("local", None)
    return from_direct_url(dist.read_text("direct_url.json"), __version__)
