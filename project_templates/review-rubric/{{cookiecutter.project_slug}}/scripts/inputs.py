"""Read and check the project's inputs: the rubric, the notes and summaries, the ratings and your own ratings.

Every problem a person can make by editing a file ends in one ``InputError`` sentence that names the
file, the line where it can, and the fix. Nothing here writes files.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
LEVELS = (1, 2, 3, 4, 5)


class InputError(Exception):
    """A problem with one of the project's files, as one sentence for the person who edited it."""


@dataclass
class Inputs:
    """Everything the report needs, checked."""

    rubric: dict[str, Any]
    notes: dict[str, list[str]]
    topics: dict[str, str]
    summaries: dict[str, list[str]]
    reviewers: list[str]
    ratings: dict[tuple[int, str, str, str], int]
    flags: dict[tuple[int, str, str], set[str]]
    key: list[dict[str, str]]
    mine: list[dict[str, Any]] = field(default_factory=list)

    @property
    def items(self) -> list[str]:
        return [item["id"] for item in self.rubric["items"]]

    @property
    def critical_ids(self) -> list[str]:
        return [c["id"] for c in self.rubric["critical_errors"]]

    @property
    def cases(self) -> list[str]:
        return sorted(self.summaries)

    @property
    def rounds(self) -> list[int]:
        return sorted({r for r, *_ in self.ratings})


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _node_line(node: Any, path: list[Any]) -> int | None:
    """1-based line of the YAML node at ``path`` (keys and list indexes), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            child = next((v for k, v in node.value if getattr(k, "value", None) == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def read_yaml(path: Path, root: Path) -> tuple[Any, Any]:
    """Parsed YAML and its node tree; an ``InputError`` if missing, empty or not YAML."""
    rel = _rel(path, root)
    if not path.is_file():
        raise InputError(f"{rel} is missing; restore it from the project's first commit (git checkout -- {rel}).")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(f"{rel} is not valid YAML{where}; check the indentation and quotes there.") from None
    if data is None:
        raise InputError(f"{rel} is empty; restore it from the project's first commit (git checkout -- {rel}).")
    return data, node


def _schema_error(data: Any, node: Any, schema_file: str, rel: str, root: Path) -> None:
    schema = json.loads((root / "schemas" / schema_file).read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    err = errors[0]
    path = list(err.absolute_path)
    line = _node_line(node, path)
    where = ".".join(str(p) for p in path) or "the top level"
    if err.validator in ("minimum", "maximum") and path and path[-1] in ("level", "score"):
        fix = f"{path[-1]} must be a whole number from 1 to 5, not {err.instance!r}"
    elif err.validator == "type" and path and path[-1] in ("level", "score"):
        fix = f"{path[-1]} must be a whole number from 1 to 5 (without quotes), not {err.instance!r}"
    elif err.validator == "required":
        fix = err.message.replace("is a required property", "is missing; add it")
    elif err.validator in ("minItems", "maxItems") and path and path[-1] == "anchors":
        fix = f"anchors must list exactly five levels, 1 to 5, each with a behaviour and an example (found {len(err.instance)})"
    elif err.validator == "additionalProperties":
        fix = f"{err.message}; check the spelling against the other entries"
    else:
        fix = err.message
    raise InputError(f"{rel} line {line} ({where}): {fix}.")


def load_rubric(root: Path = ROOT, path: Path | None = None) -> dict[str, Any]:
    """The rubric, checked against its schema, with unique ids and anchors for exactly levels 1-5."""
    path = path or root / "rubric.yaml"
    rel = _rel(path, root)
    data, node = read_yaml(path, root)
    _schema_error(data, node, "rubric.schema.json", rel, root)
    seen: set[str] = set()
    for i, item in enumerate(data["items"]):
        if item["id"] in seen:
            raise InputError(f"{rel} line {_node_line(node, ['items', i, 'id'])}: the item id '{item['id']}' is used twice; "
                             "give each item its own id.")
        seen.add(item["id"])
        levels = [a["level"] for a in item["anchors"]]
        missing = [lv for lv in LEVELS if lv not in levels]
        if missing:
            raise InputError(f"{rel} line {_node_line(node, ['items', i, 'anchors'])}: item '{item['id']}' has no anchor for "
                             f"level {missing[0]}; give each level from 1 to 5 exactly one anchor.")
    ids = [c["id"] for c in data["critical_errors"]]
    dupes = sorted({c for c in ids if ids.count(c) > 1})
    if dupes:
        raise InputError(f"{rel}: the critical error id '{dupes[0]}' is used twice; give each critical error its own id.")
    return data


def read_csv(path: Path, root: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV file whose header must be exactly ``columns``."""
    rel = _rel(path, root)
    if not path.is_file():
        raise InputError(f"{rel} is missing; restore it from the project's first commit (git checkout -- {rel}).")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise InputError(f"{rel} is empty; restore it from the project's first commit (git checkout -- {rel}).")
        if tuple(h.strip() for h in header) != columns:
            raise InputError(f"{rel} has the columns {', '.join(header)}; it needs exactly {', '.join(columns)} "
                             "in that order.")
        rows = [dict(zip(columns, row)) for row in reader if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(f"{rel} has a header but no rows; restore it from the project's first commit (git checkout -- {rel}).")
    return rows


def _lines(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[tuple[int, str]]] = {}
    for row in rows:
        out.setdefault(row["case_id"], []).append((int(row["line"]), row["text"]))
    return {case: [text for _, text in sorted(lines)] for case, lines in out.items()}


def load(root: Path = ROOT) -> Inputs:
    """Every input, checked against the others (ids, items, reviewers, rounds)."""
    rubric = load_rubric(root)
    data = root / "data"
    note_rows = read_csv(data / "source_notes.csv", root, ("case_id", "topic", "line", "text"))
    summary_rows = read_csv(data / "summaries.csv", root, ("case_id", "line", "text"))
    reviewer_rows = read_csv(data / "reviewers.csv", root, ("reviewer", "name", "background"))
    rating_rows = read_csv(data / "ratings.csv", root, ("round", "reviewer", "case_id", "item", "score"))
    flag_rows = read_csv(data / "critical_flags.csv", root, ("round", "reviewer", "case_id", "critical_errors"))
    key = read_csv(data / "answer_key" / "defects.csv", root,
                   ("case_id", "defect", "critical_error", "summary_line", "source_line", "explanation"))
    for rel, rows in (("data/source_notes.csv", note_rows), ("data/summaries.csv", summary_rows)):
        for n, row in enumerate(rows, start=2):
            if not row["line"].strip().isdigit():
                raise InputError(f"{rel} line {n}: the line number {row['line']!r} is not a whole number; fix it.")
    notes, summaries = _lines(note_rows), _lines(summary_rows)
    topics = {row["case_id"]: row["topic"] for row in note_rows}
    missing_notes = sorted(set(summaries) - set(notes))
    if missing_notes:
        raise InputError(f"data/summaries.csv has case {missing_notes[0]} with no note in data/source_notes.csv; "
                         "add the note or remove the summary.")
    reviewers = [row["reviewer"].strip() for row in reviewer_rows]
    items = [item["id"] for item in rubric["items"]]
    ratings: dict[tuple[int, str, str, str], int] = {}
    for n, row in enumerate(rating_rows, start=2):
        where = f"data/ratings.csv line {n}"
        rnd, reviewer, case, item, score = (row[c].strip() for c in ("round", "reviewer", "case_id", "item", "score"))
        if rnd not in ("1", "2"):
            raise InputError(f"{where}: round must be 1 or 2, not {rnd!r}.")
        if case not in summaries:
            raise InputError(f"{where}: case {case!r} is not in data/summaries.csv; fix the id or remove the row.")
        if reviewer not in reviewers:
            raise InputError(f"{where}: reviewer {reviewer!r} is not listed in data/reviewers.csv; add them there or fix the id.")
        if item not in items:
            raise InputError(f"{where}: item {item!r} is not in rubric.yaml (items: {', '.join(items)}); fix the name.")
        if score not in ("1", "2", "3", "4", "5"):
            raise InputError(f"{where}: score {score!r} must be a whole number from 1 to 5.")
        ratings[(int(rnd), reviewer, case, item)] = int(score)
    for reviewer in reviewers:
        if not any(r == reviewer for _, r, _, _ in ratings):
            raise InputError(f"data/reviewers.csv lists reviewer {reviewer} who rated nothing in data/ratings.csv; "
                             "add their ratings or remove them from data/reviewers.csv.")
    critical = [c["id"] for c in rubric["critical_errors"]]
    flags: dict[tuple[int, str, str], set[str]] = {}
    for n, row in enumerate(flag_rows, start=2):
        where = f"data/critical_flags.csv line {n}"
        case = row["case_id"].strip()
        if case not in summaries:
            raise InputError(f"{where}: case {case!r} is not in data/summaries.csv; fix the id or remove the row.")
        found = {e.strip() for e in row["critical_errors"].split(";") if e.strip() and e.strip() != "none"}
        unknown = sorted(found - set(critical))
        if unknown:
            raise InputError(f"{where}: {unknown[0]!r} is not a critical error id in rubric.yaml ({', '.join(critical)}).")
        if row["round"].strip() not in ("1", "2"):
            raise InputError(f"{where}: round must be 1 or 2, not {row['round']!r}.")
        flags[(int(row["round"]), row["reviewer"].strip(), case)] = found
    return Inputs(rubric, notes, topics, summaries, reviewers, ratings, flags, key, load_mine(root, rubric, summaries))


def _errors(value: Any, critical: list[str], where: str) -> set[str] | None:
    """Critical error ids from 'none', 'C1, C3' or a list; None if not answered yet."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "todo")):
        return None
    parts = value if isinstance(value, list) else str(value).replace(";", ",").split(",")
    found = {str(p).strip().upper() for p in parts if str(p).strip()}
    if found in ({"NONE"}, set()):
        return set()
    unknown = sorted(found - set(critical))
    if unknown:
        raise InputError(f"{where}: {unknown[0]!r} is not a critical error id; write none, or ids from "
                         f"rubric.yaml ({', '.join(critical)}).")
    return found


def load_mine(root: Path, rubric: dict[str, Any], summaries: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Your own ratings; each entry says whether it is complete (every score and the critical errors given)."""
    path = root / "my_ratings.yaml"
    rel = _rel(path, root)
    data, node = read_yaml(path, root)
    _schema_error(data, node, "my_ratings.schema.json", rel, root)
    items = [item["id"] for item in rubric["items"]]
    critical = [c["id"] for c in rubric["critical_errors"]]
    out: list[dict[str, Any]] = []
    for i, entry in enumerate(data.get("reviews") or []):
        line = _node_line(node, ["reviews", i])
        case = str(entry["case"]).strip()
        if case not in summaries:
            raise InputError(f"{rel} line {line}: case {case!r} is not in data/summaries.csv; use an id such as CASE-02.")
        unknown = [k for k in entry if k not in ("case", "critical_errors", "comment") and k not in items]
        if unknown:
            raise InputError(f"{rel} line {_node_line(node, ['reviews', i, unknown[0]])}: {unknown[0]!r} is not a rubric item "
                             f"({', '.join(items)}); fix the spelling.")
        scores = {item: (entry.get(item) or {}).get("score") for item in items}
        errors = _errors(entry.get("critical_errors"), critical, f"{rel} line {_node_line(node, ['reviews', i, 'critical_errors'])}")
        done = errors is not None and all(s is not None for s in scores.values())
        out.append({"case": case, "scores": scores, "critical_errors": errors, "complete": done,
                    "comment": entry.get("comment") or ""})
    return out
