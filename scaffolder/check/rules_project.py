"""Project rules: the disclaimer block, FILL markers left, and data files not declared synthetic.

- ``disclaimer.missing``: a Markdown/HTML file that prooflane generated (listed in the manifest's
  ``files``) has no disclaimer block: error. A Markdown/HTML file the user added to a project: info.
  Outside a project (no ``.prooflane.json``): not checked.
- ``disclaimer.altered``: a block is present but differs from the canonical text (white space aside):
  error in a generated file, warning elsewhere; a block from an older disclaimer version: info.
- ``fill.unfilled``: every ``[FILL: ...]`` marker: warning (never an error, so a fresh project passes).
- ``data.undeclared``: a data file the manifest does not list in ``synthetic_data``: warning; a listed
  synthetic file whose bytes changed since it was generated: warning (its content is scanned like any
  other file); outside a project: info, since nothing says whether the data is synthetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from scaffolder import disclaimers
from scaffolder.check.hits import Hit
from scaffolder.manifest import Manifest
from scaffolder.markers import FILL_RE

CONFLICT_RE = re.compile(r"^<<<<<<< yours$.*?^>>>>>>> template[^\n]*$", re.MULTILINE | re.DOTALL)

DISCLAIMER_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
DATA_SUFFIXES = frozenset({
    ".csv", ".tsv", ".parquet", ".xlsx", ".xls", ".feather", ".arrow", ".jsonl", ".ndjson", ".sav", ".dta",
    ".sas7bdat", ".sqlite", ".sqlite3", ".db", ".duckdb", ".h5", ".hdf5", ".rds", ".rdata", ".pkl", ".pickle",
    ".xml", ".hl7", ".fhir", ".dcm", ".edf",
})
DATA_DIRS = frozenset({"data", "datasets", "dataset", "raw", "input", "inputs"})
OUTPUT_DIRS = frozenset({"output", "outputs", "results", "reports", "build", "dist", "site", "_site", "figures", "docs"})


@dataclass
class ProjectContext:
    """What the manifest says about a project root (``manifest`` is None outside a project)."""

    root_rel: str = ""
    manifest: Manifest | None = None
    synthetic: frozenset[str] = field(default_factory=frozenset)

    @property
    def author_names(self) -> frozenset[str]:
        """The words of the author's own name (from the manifest): never a finding in their project."""
        if self.manifest is None:
            return frozenset()
        author = str(self.manifest.answers.get("author") or "")
        words = {w.strip(".,;:()\"'") for w in author.split()}
        words |= {part for w in list(words) for part in w.split("-")}
        return frozenset(w.lower() for w in words if len(w) > 1)


def is_data_file(rel: str) -> bool:
    """True for tabular or record files (any ``.csv`` ...), and ``.json`` files under a data folder."""
    path = PurePosixPath(rel)
    suffix = path.suffix.lower()
    parents = {p.lower() for p in path.parts[:-1]}
    if suffix == ".json":
        return bool(parents & DATA_DIRS)
    if suffix not in DATA_SUFFIXES:
        return False
    if suffix == ".xml" and not parents & DATA_DIRS:
        return False
    return not (parents & OUTPUT_DIRS and not parents & DATA_DIRS)


def fills(text: str) -> Iterator[Hit]:
    """One warning for each FILL marker."""
    if "[FILL" not in text:
        return
    for m in FILL_RE.finditer(text):
        hint = (m.group("hint") or "").strip()
        yield Hit(m.start(), m.end(), "fill.unfilled", "warning",
                  f"Unfilled marker: {hint or 'a part for you to write'}.",
                  "Replace the marker with your own text before sharing (prooflane status lists them all).")


def conflicts(text: str) -> Iterator[Hit]:
    """``fill.conflict`` for each block of markers a ``prooflane update`` left to resolve."""
    if "<<<<<<< yours" not in text:
        return
    for m in CONFLICT_RE.finditer(text):
        yield Hit(m.start(), m.end(), "fill.conflict", "warning",
                  "A conflict from prooflane update is still marked here.",
                  "Keep the lines you want, delete the <<<<<<< ======= >>>>>>> markers (prooflane status lists them).")


def unanswered(text: str, rel: str, rules: list[dict[str, Any]]) -> Iterator[Hit]:
    """``fill.unanswered`` for each item of a structured file the person has not answered yet."""
    from scaffolder.unfinished import find_in_text, matches

    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    for rule in matches(rel, rules):
        for item in find_in_text(text, rel, rule):
            start = offsets[min(max(item.line - 1, 0), len(offsets) - 1)]
            yield Hit(start, start, "fill.unanswered", "warning", f"Unanswered: {item.what}.",
                      "Answer it before sharing (prooflane status lists every unanswered item).")


def disclaimer(text: str, suffix: str, generated: bool, in_project: bool, current_version: int) -> Iterator[Hit]:
    """``disclaimer.missing`` / ``disclaimer.altered`` for one Markdown or HTML file."""
    fmt = DISCLAIMER_SUFFIXES.get(suffix.lower())
    if fmt is None:
        return
    blocks = disclaimers.find_blocks(text)
    if not blocks:
        if in_project:
            yield Hit(0, 0, "disclaimer.missing", "error" if generated else "info",
                      "The disclaimer block is missing" + (" from this generated file." if generated else
                                                           " from this page you added to the project."),
                      "Put the block back between the prooflane:disclaimer markers (copy it from the project README).")
        return
    for block in blocks:
        if int(block.group("version")) != current_version:
            yield Hit(block.start(), block.end(), "disclaimer.altered", "info",
                      f"The disclaimer block is version {block.group('version')}, not the current {current_version}.",
                      "Replace it with the current block (copy it from a freshly generated project).")
            continue
        if disclaimers.block_is_intact(block, fmt) or disclaimers.block_is_intact(block, "html" if fmt == "md" else "md"):
            continue
        yield Hit(block.start(), block.end(), "disclaimer.altered", "error" if generated else "warning",
                  "The disclaimer block was changed; its wording is fixed so readers can trust it.",
                  "Restore the original block (white space may differ); put your own notes outside the markers.")


def data_file(rel_in_project: str, ctx: ProjectContext, changed: bool) -> Hit | None:
    """``data.undeclared`` for a data file, or None when it is unchanged declared synthetic data."""
    if ctx.manifest is None:
        return Hit(0, 0, "data.undeclared", "info",
                   "A data file outside a prooflane project: nothing says whether it is synthetic.",
                   "Make sure it holds no real records, and describe how it was made in a datasheet.")
    if rel_in_project in ctx.synthetic:
        if not changed:
            return None
        return Hit(0, 0, "data.undeclared", "warning",
                   "This synthetic data file has changed since it was generated.",
                   "Make sure every row you added or edited is fictional, and note the change in data/datasheet.md.")
    return Hit(0, 0, "data.undeclared", "warning",
               "This data file is not one of the project's generated synthetic files.",
               "Make sure it holds no real records, and say in data/datasheet.md how it was made.")
