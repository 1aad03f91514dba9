"""The base snapshot: the generated text files of a bake, in a deterministic archive inside the project.

Synthetic data files are left out (they are regenerated from the seed and never merged line by line),
so the archive stays small; everything else the bake wrote is in it, byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from collections.abc import Iterable
from pathlib import Path

STATE_DIR = ".prooflane"
SNAPSHOT = f"{STATE_DIR}/base.tar.gz"
MAX_MEMBER = 8 << 20


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack(files: dict[str, bytes]) -> bytes:
    """A gzip'd tar of ``files`` with fixed metadata (same files, same bytes)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for rel in sorted(files):
            info = tarfile.TarInfo(rel)
            info.size, info.mtime, info.mode, info.uid, info.gid = len(files[rel]), 0, 0o644, 0, 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(files[rel]))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def unpack(data: bytes) -> dict[str, bytes]:
    """The files of a snapshot (regular files only, safe relative paths only)."""
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar:
            name = member.name
            if not member.isreg() or name.startswith(("/", "..")) or "/../" in name or member.size > MAX_MEMBER:
                continue
            handle = tar.extractfile(member)
            if handle is not None:
                files[name] = handle.read()
    return files


def write(root: Path, rels: Iterable[str]) -> Path:
    """Snapshot the files ``rels`` of ``root`` into ``root/.prooflane/base.tar.gz``."""
    files = {rel: (root / rel).read_bytes() for rel in sorted(rels)}
    target = root / SNAPSHOT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pack(files))
    return target


def read(root: Path, hashes: dict[str, str]) -> dict[str, bytes]:
    """The base files whose bytes match the manifest's hashes (a tampered member is left out)."""
    path = root / SNAPSHOT
    if not path.is_file():
        return {}
    try:
        files = unpack(path.read_bytes())
    except (OSError, tarfile.TarError, EOFError, gzip.BadGzipFile):
        return {}
    return {rel: data for rel, data in files.items() if hashes.get(rel) == _sha(data)}
