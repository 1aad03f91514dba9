"""The default seed: derived from the answers, so two people get different data and the same answers the same.

Templates use it as the default of their ``seed`` setting through the Jinja filter
``prooflane_seed``, so ``prooflane new`` and plain ``cookiecutter`` agree.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any

from scaffolder.exceptions import InvalidAnswerError

_SALT = "prooflane-seed-v1"
MAX_SEED = 2**32 - 1


def derive_seed(project_name: str, author: str, kind: str) -> int:
    """A seed from 0 to 2**32 - 1 fixed by the project name, the author and the kind."""
    parts = [_SALT, kind, *(unicodedata.normalize("NFC", str(p)).strip() for p in (project_name, author))]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big")


def parse_seed(value: Any) -> int:
    """A seed from user input: a whole number from 0 to 4294967295."""
    text = str(value).strip()
    if not text.isdecimal() or len(text.lstrip("0")) > len(str(MAX_SEED)) or int(text) > MAX_SEED:
        raise InvalidAnswerError(
            f"The seed '{text[:40]}' is not a whole number from 0 to {MAX_SEED}; use for example --seed 42."
        )
    return int(text)
