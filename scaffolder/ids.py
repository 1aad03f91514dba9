"""Id matching shared by the catalog and the commands."""

from __future__ import annotations


def normalise_id(text: str) -> str:
    """Forgiving id matching: case, spaces and underscores do not matter."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
