"""Decide, file by file, what an update does: take the template's version, keep the person's, or merge.

Rules (never lose an edit):
- unchanged by the person (ours == base): take theirs; a file the template removed is removed;
- changed by the person and by the template: three-way merge (merge3); a conflict leaves inline markers;
- files the person owns (they held FILL markers, or the person added them) and synthetic data they
  changed are never merged into: they are kept, and the template's change is reported;
- a file the person deleted stays deleted; a file the template renamed carries the person's edits to
  its new name (a removed and an added file with mostly the same lines count as a rename).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

MARK_OURS = "<<<<<<< yours"
MARK_MID = "======="
MARK_THEIRS = ">>>>>>> template {version}"
CONFLICT_START = "<<<<<<< "
RENAME_SIMILARITY = 0.6


@dataclass(frozen=True)
class Outcome:
    """What happens to one path: ``write`` new bytes, ``delete`` it, or ``keep`` it as it is."""

    path: str
    action: str  # "write", "delete", "keep"
    reason: str
    data: bytes | None = None
    conflict: bool = False
    template_changed: bool = False


def _text(data: bytes | None) -> str | None:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def merge_text(base: str, ours: str, theirs: str, version: str) -> tuple[str, bool]:
    """Three-way merge of one text; (result, had_conflict)."""
    from merge3 import Merge3

    a, b, o = ours.splitlines(keepends=True), theirs.splitlines(keepends=True), base.splitlines(keepends=True)
    merger = Merge3(o, a, b)
    conflict = any(region[0] == "conflict" for region in merger.merge_regions())
    newline = "\r\n" if "\r\n" in ours else "\n"
    lines = merger.merge_lines(name_a="yours", name_b=f"template {version}",
                               start_marker="<<<<<<<", mid_marker="=======", end_marker=">>>>>>>")
    text = "".join(line if line.endswith(("\n", "\r")) else line + newline for line in lines)
    if not ours.endswith(("\n", "\r")) and text.endswith(newline) and not conflict:
        text = text[: -len(newline)]
    return text, conflict


def _similar(a: bytes, b: bytes) -> float:
    ta, tb = _text(a), _text(b)
    if ta is None or tb is None:
        return 0.0
    return difflib.SequenceMatcher(None, ta.splitlines(), tb.splitlines(), autojunk=False).ratio()


def renames(base: dict[str, bytes], theirs: dict[str, bytes]) -> dict[str, str]:
    """Files the template moved: old path -> new path."""
    gone = [p for p in base if p not in theirs]
    new = [p for p in theirs if p not in base]
    found: dict[str, str] = {}
    for old in sorted(gone):
        best = max(new, key=lambda n: _similar(base[old], theirs[n]), default=None)
        if best is not None and best not in found.values() and _similar(base[old], theirs[best]) >= RENAME_SIMILARITY:
            found[old] = best
    return found


def plan(base: dict[str, bytes], theirs: dict[str, bytes], ours: dict[str, bytes | None], *,
         user_owned: set[str], data_files: set[str], version: str) -> list[Outcome]:
    """The outcome for every path in base, theirs or ours.

    ``ours`` maps each path of interest to its bytes on disk, or None when it is absent.
    """
    moved = renames(base, theirs)
    outcomes: dict[str, Outcome] = {}
    for old, new in moved.items():
        b: bytes | None = base[old]
        t: bytes | None = theirs[new]
        o = ours.get(old)
        if o is None:
            outcomes[old] = Outcome(old, "keep", "you deleted it; it stays deleted", template_changed=True)
            outcomes[new] = Outcome(new, "keep", f"the template renamed {old} to {new}; you had deleted {old}",
                                    template_changed=True)
            continue
        if t == b:  # only the name changed: the person's file moves to the new name as it is
            outcomes[new] = Outcome(new, "write", f"renamed by the template from {old}; your version moved with it",
                                    o, template_changed=True)
            outcomes[old] = Outcome(old, "delete", f"renamed by the template to {new}", template_changed=True)
            continue
        decided = _decide(new, b, t, o, user_owned=old in user_owned, data=old in data_files, version=version)
        if decided.action == "keep":  # the person's work stays where it is; the template's new file is added
            outcomes[old] = Outcome(old, "keep", f"the template renamed it to {new}; your changed copy stays here",
                                    template_changed=True)
            outcomes[new] = Outcome(new, "write", f"the template's new name for {old}", t, template_changed=True)
        else:
            outcomes[new] = decided
            outcomes[old] = Outcome(old, "delete", f"renamed by the template to {new}", template_changed=True)
    for path in sorted(set(base) | set(theirs) | {p for p, v in ours.items() if v is not None}):
        if path in outcomes:
            continue
        b, t, o = base.get(path), theirs.get(path), ours.get(path)
        owned = path in user_owned or (b is None and o is not None)
        outcomes[path] = _decide(path, b, t, o, user_owned=owned, data=path in data_files, version=version)
    return [outcomes[p] for p in sorted(outcomes)]


def _decide(path: str, b: bytes | None, t: bytes | None, o: bytes | None, *, user_owned: bool, data: bool,
            version: str) -> Outcome:
    if t == b:
        return Outcome(path, "keep", "the template did not change it")
    if o == b:  # the person did not touch it (or deleted it along with the template)
        if b is None:
            return Outcome(path, "write", "added by the template", t, template_changed=True)
        if o is None:
            return Outcome(path, "keep", "you deleted it; it stays deleted", template_changed=True)
        if t is None:
            return Outcome(path, "delete", "removed by the template (you had not changed it)", template_changed=True)
        return Outcome(path, "write", "updated by the template (you had not changed it)", t, template_changed=True)
    if o is None:
        return Outcome(path, "keep", "you deleted it; it stays deleted", template_changed=True)
    if t is None:
        return Outcome(path, "keep", "the template removed it; your changed copy is kept", template_changed=True)
    if o == t:
        return Outcome(path, "keep", "you already have the template's version", template_changed=True)
    if b is None:
        return Outcome(path, "keep", "the template adds a file of this name; yours is kept", template_changed=True)
    if user_owned or data:
        why = "synthetic data you changed" if data else "your own work (it held FILL markers)"
        return Outcome(path, "keep", f"{why}: kept as it is; the template's change is listed", template_changed=True)
    base_text, ours_text, theirs_text = _text(b), _text(o), _text(t)
    if base_text is None or ours_text is None or theirs_text is None:
        return Outcome(path, "keep", "not text: your version is kept; the template's change is listed",
                       template_changed=True)
    merged, conflict = merge_text(base_text, ours_text, theirs_text, version)
    return Outcome(path, "write", "merged with conflicts: resolve the marked lines" if conflict else
                   "merged: your edits and the template's", merged.encode("utf-8"), conflict=conflict,
                   template_changed=True)


def has_conflict_markers(text: str) -> bool:
    """True when ``text`` still holds the markers a conflicted update left."""
    lines = text.splitlines()
    return any(line.startswith("<<<<<<< yours") for line in lines) and any(
        line.startswith(">>>>>>> template") for line in lines)
