"""Read and check the project's inputs: the quiz and its key, the learners, their answers and the audit.

Every mistake a person can make by editing a file ends in one ``InputError`` sentence naming the file,
the line where it can, and the fix. Nothing here writes files.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
PHASES = ("pre", "post")
SCALE = (1, 5)
RESTORE = "restore it from the project's first commit (git checkout -- {rel})"


class InputError(Exception):
    """A problem with one of the project's files, as one sentence for the person who edited it."""


@dataclass
class Inputs:
    """Everything the analysis needs, checked against each other."""

    quiz: dict[str, Any]
    key: dict[str, str]
    learners: list[dict[str, Any]]
    responses: list[tuple[str, str, str, str]]
    audit: list[dict[str, str]]
    audit_key: dict[str, str]
    planted: list[dict[str, str]]

    @property
    def items(self) -> list[str]:
        return list(self.key)


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


def load_quiz(root: Path = ROOT) -> tuple[dict[str, Any], dict[str, str]]:
    """The quiz, checked against its schema, with unique ids and every key one of its item's options."""
    path = root / "quiz" / "quiz.yaml"
    rel = _rel(path, root)
    if not path.is_file():
        raise InputError(f"{rel} is missing; {RESTORE.format(rel=rel)}.")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise InputError(f"{rel} is not valid YAML{where}; check the indentation and quotes there.") from None
    if data is None:
        raise InputError(f"{rel} is empty; {RESTORE.format(rel=rel)}.")
    schema = json.loads((root / "schemas" / "quiz.schema.json").read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: (list(e.absolute_path), e.validator != "additionalProperties"))
    if errors:
        err = errors[0]
        path_ = list(err.absolute_path)
        where = ".".join(str(p) for p in path_) or "the top level"
        if err.validator == "required":
            fix = err.message.replace("is a required property", "is missing; add it")
        elif err.validator == "additionalProperties":
            allowed = ", ".join(err.schema.get("properties", {}))
            extra = ", ".join(sorted(set(err.instance) - set(err.schema.get("properties", {}))))
            fix = f"{extra} is not a field here (allowed: {allowed}); check the spelling"
        elif path_ and path_[-1] == "id":
            fix = f"an item id is Q and two digits, like Q07, not {err.instance!r}"
        elif err.validator == "propertyNames" or (len(path_) >= 1 and path_[-1] == "options"):
            fix = "options are named A, B, C, D (and E if needed), each with its text"
        elif path_ and path_[-1] == "key":
            fix = f"key must be the letter of one option, such as B, not {err.instance!r}"
        else:
            fix = err.message
        raise InputError(f"{rel} line {_node_line(node, path_)} ({where}): {fix}.")
    key: dict[str, str] = {}
    for i, item in enumerate(data["items"]):
        line = _node_line(node, ["items", i, "id"])
        if item["id"] in key:
            raise InputError(f"{rel} line {line}: the item id {item['id']} is used twice; give each item its own id.")
        if item["key"] not in item["options"]:
            raise InputError(f"{rel} line {_node_line(node, ['items', i, 'key'])}: the key of {item['id']} is "
                             f"{item['key']!r}, which is not one of its options ({', '.join(item['options'])}); "
                             "set key to one of them.")
        key[item["id"]] = item["key"]
    return data, key


def read_csv(path: Path, root: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a CSV file whose header must be exactly ``columns``."""
    rel = _rel(path, root)
    if not path.is_file():
        raise InputError(f"{rel} is missing; {RESTORE.format(rel=rel)}.")
    with path.open(encoding="utf-8", newline="", errors="replace") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if not header:
            raise InputError(f"{rel} is empty; {RESTORE.format(rel=rel)}.")
        if tuple(h.strip() for h in header) != columns:
            raise InputError(f"{rel} has the columns {', '.join(header)}; it needs exactly {', '.join(columns)} in that order.")
        rows = [dict(zip(columns, (c.strip() for c in row))) for row in reader if any(c.strip() for c in row)]
    if not rows:
        raise InputError(f"{rel} has a header but no rows; {RESTORE.format(rel=rel)}.")
    return rows


def _learners(root: Path) -> list[dict[str, Any]]:
    rows = read_csv(root / "data" / "learners.csv", root,
                    ("learner_id", "role", "shift", "reaction_relevance", "reaction_confidence"))
    out, seen = [], set()
    for n, row in enumerate(rows, start=2):
        if row["learner_id"] in seen:
            raise InputError(f"data/learners.csv line {n}: learner {row['learner_id']} is listed twice; keep one row per learner.")
        seen.add(row["learner_id"])
        for col in ("reaction_relevance", "reaction_confidence"):
            value = row[col]
            if not value.isdigit() or not SCALE[0] <= int(value) <= SCALE[1]:
                raise InputError(f"data/learners.csv line {n}: {col} is {value!r}, outside the 1-5 rating scale; "
                                 "use a whole number from 1 to 5.")
        out.append({**row, "reaction_relevance": int(row["reaction_relevance"]),
                    "reaction_confidence": int(row["reaction_confidence"])})
    return out


def _responses(root: Path, quiz: dict[str, Any], learners: set[str]) -> list[tuple[str, str, str, str]]:
    options = {item["id"]: set(item["options"]) for item in quiz["items"]}
    rows = read_csv(root / "data" / "responses.csv", root, ("learner_id", "phase", "item", "choice"))
    out: list[tuple[str, str, str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    for n, row in enumerate(rows, start=2):
        where = f"data/responses.csv line {n}"
        if row["learner_id"] not in learners:
            raise InputError(f"{where}: learner {row['learner_id']!r} is not in data/learners.csv; fix the id or remove the row.")
        if row["phase"] not in PHASES:
            raise InputError(f"{where}: phase {row['phase']!r} must be pre or post.")
        if row["item"] not in options:
            raise InputError(f"{where}: item {row['item']!r} is not in quiz/quiz.yaml; fix the id or remove the row.")
        if row["choice"] not in options[row["item"]]:
            raise InputError(f"{where}: choice {row['choice']!r} is not an option of {row['item']} "
                             f"({', '.join(sorted(options[row['item']]))}); fix the letter.")
        triple = (row["learner_id"], row["phase"], row["item"])
        if triple in seen:
            raise InputError(f"{where}: {row['learner_id']} answers {row['item']} ({row['phase']}) twice; keep one row.")
        seen.add(triple)
        out.append((row["learner_id"], row["phase"], row["item"], row["choice"]))
    for phase in PHASES:
        missing = [(lr, it) for lr in sorted(learners) for it in options if (lr, phase, it) not in seen]
        if missing:
            lr, it = missing[0]
            raise InputError(f"data/responses.csv has no {phase} answer of {lr} to {it} ({len(missing)} answers missing); "
                             f"every learner needs one answer per item and phase, so {RESTORE.format(rel='data/responses.csv')}.")
    return out


def load(root: Path = ROOT) -> Inputs:
    """Every input, checked against the others."""
    quiz, key = load_quiz(root)
    learners = _learners(root)
    ids = {lr["learner_id"] for lr in learners}
    responses = _responses(root, quiz, ids)
    audit = read_csv(root / "data" / "prompt_audit.csv", root, ("audit_id", "learner_id", "week", "tool", "prompt"))
    for n, row in enumerate(audit, start=2):
        if row["learner_id"] not in ids:
            raise InputError(f"data/prompt_audit.csv line {n}: learner {row['learner_id']!r} is not in data/learners.csv; "
                             "fix the id or remove the row.")
    key_rows = read_csv(root / "data" / "answer_key" / "audit_key.csv", root, ("audit_id", "learner_id", "tool", "contains"))
    planted = read_csv(root / "data" / "answer_key" / "planted.csv", root, ("effect", "item", "option", "detail", "evidence"))
    return Inputs(quiz, key, learners, responses, audit, {r["audit_id"]: r["contains"] for r in key_rows}, planted)
