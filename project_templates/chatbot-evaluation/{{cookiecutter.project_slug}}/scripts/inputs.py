"""Read and check the project's inputs: the criteria, prompts, answers, ratings, your prompts and ratings.

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
LEVELS = ("emergent", "clinician", "self-care")
ASSISTANTS = {"A": "Beacon", "B": "Willow", "C": "Tally"}


class InputError(Exception):
    """A problem with one of the project's files, as one sentence for the person who edited it."""


@dataclass
class Inputs:
    """Everything the evaluation needs, checked."""

    criteria: list[dict[str, Any]]
    prompts: dict[str, dict[str, str]]
    answers: dict[tuple[str, str], str]
    key: dict[tuple[str, str], dict[str, Any]]
    ratings: dict[tuple[str, str, str, str], bool]
    raters: list[str]
    mine: list[dict[str, Any]] = field(default_factory=list)
    my_prompts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def by_id(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.criteria}

    def applies(self, prompt_id: str) -> list[str]:
        level = self.prompts[prompt_id]["level"]
        return [c["id"] for c in self.criteria if level in c["applies_to"]]


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
    elif path and path[-1] == "points":
        fix = f"points must be a whole number from -10 to 10 other than 0, not {err.instance!r}"
    elif path and path[-1] == "met":
        fix = f"met must be yes or no, not {err.instance!r}"
    elif path and path[-1] == "intended_level":
        fix = f"intended_level must be emergent, clinician or self-care, not {err.instance!r}"
    elif err.validator == "required":
        fix = err.message.replace("is a required property", "is missing; add it")
    elif err.validator in ("minItems", "maxItems") and path and path[-1] == "anchors":
        fix = f"anchors must list exactly five levels, 1 to 5, each with a behaviour and an example (found {len(err.instance)})"
    elif err.validator == "additionalProperties":
        fix = f"{err.message}; check the spelling against the other entries"
    else:
        fix = err.message
    raise InputError(f"{rel} line {line} ({where}): {fix}.")


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


def load_criteria(root: Path = ROOT) -> list[dict[str, Any]]:
    """The criteria, checked against their schema, with unique ids and each gate's direction clear."""
    path = root / "criteria.yaml"
    rel = _rel(path, root)
    data, node = read_yaml(path, root)
    _schema_error(data, node, "criteria.schema.json", rel, root)
    seen: set[str] = set()
    for i, c in enumerate(data["criteria"]):
        if c["id"] in seen:
            raise InputError(f"{rel} line {_node_line(node, ['criteria', i, 'id'])}: the criterion id '{c['id']}' is used "
                             "twice; give each criterion its own id.")
        seen.add(c["id"])
    for level in LEVELS:
        if not any(level in c["applies_to"] and c["points"] > 0 for c in data["criteria"]):
            raise InputError(f"{rel}: no criterion with positive points applies to {level} prompts, so their answers "
                             "cannot be scored; give at least one positive criterion applies_to: [" + level + "].")
    return list(data["criteria"])


def load(root: Path = ROOT) -> Inputs:
    """Every input, checked against the others (prompt ids, assistants, criteria, raters)."""
    criteria = load_criteria(root)
    ids = [c["id"] for c in criteria]
    data = root / "data"
    prompt_rows = read_csv(data / "prompts.csv", root, ("prompt_id", "level", "prompt", "rationale"))
    answer_rows = read_csv(data / "answers.csv", root, ("prompt_id", "assistant", "answer"))
    rating_rows = read_csv(data / "criterion_ratings.csv", root, ("rater", "prompt_id", "assistant", "criterion", "met"))
    key_rows = read_csv(data / "answer_key" / "answer_facts.csv", root,
                        ("prompt_id", "assistant", "intended_level", "advised_level", "criteria_met", "words"))
    prompts: dict[str, dict[str, str]] = {}
    for n, row in enumerate(prompt_rows, start=2):
        if row["level"] not in LEVELS:
            raise InputError(f"data/prompts.csv line {n}: level {row['level']!r} must be one of {', '.join(LEVELS)}.")
        if row["prompt_id"] in prompts:
            raise InputError(f"data/prompts.csv line {n}: prompt id {row['prompt_id']} is used twice; give each prompt its own id.")
        prompts[row["prompt_id"]] = row
    answers: dict[tuple[str, str], str] = {}
    for n, row in enumerate(answer_rows, start=2):
        where = f"data/answers.csv line {n}"
        if row["prompt_id"] not in prompts:
            raise InputError(f"{where}: prompt {row['prompt_id']!r} is not in data/prompts.csv; fix the id or remove the row.")
        if row["assistant"] not in ASSISTANTS:
            raise InputError(f"{where}: assistant {row['assistant']!r} must be one of {', '.join(ASSISTANTS)}.")
        answers[(row["prompt_id"], row["assistant"])] = row["answer"]
    key = {(r["prompt_id"], r["assistant"]): {**r, "met": set(r["criteria_met"].split(";")) - {"none"}} for r in key_rows}
    ratings: dict[tuple[str, str, str, str], bool] = {}
    for n, row in enumerate(rating_rows, start=2):
        where = f"data/criterion_ratings.csv line {n}"
        pair = (row["prompt_id"], row["assistant"])
        if pair not in answers:
            raise InputError(f"{where}: there is no answer of assistant {row['assistant']!r} to prompt {row['prompt_id']!r} "
                             "in data/answers.csv; fix the ids or remove the row.")
        if row["criterion"] not in ids:
            raise InputError(f"{where}: criterion {row['criterion']!r} is not in criteria.yaml; fix the id.")
        if row["met"] not in ("yes", "no"):
            raise InputError(f"{where}: met must be yes or no, not {row['met']!r}.")
        ratings[(row["rater"], *pair, row["criterion"])] = row["met"] == "yes"
    raters = sorted({r for r, *_ in ratings})
    if "R1" not in raters:
        raise InputError("data/criterion_ratings.csv has no ratings by R1, the primary rater; restore the file "
                         "from the project's first commit (git checkout -- data/criterion_ratings.csv).")
    inputs = Inputs(criteria, prompts, answers, key, ratings, raters)
    inputs.mine = load_mine(root, inputs)
    inputs.my_prompts = load_my_prompts(root)
    return inputs


def load_mine(root: Path, inputs: Inputs) -> list[dict[str, Any]]:
    """Your own criterion ratings; each entry says whether every criterion is answered."""
    path = root / "my_ratings.yaml"
    rel = _rel(path, root)
    data, node = read_yaml(path, root)
    _schema_error(data, node, "my_ratings.schema.json", rel, root)
    out = []
    for i, entry in enumerate(data.get("ratings") or []):
        line = _node_line(node, ["ratings", i])
        pair = (str(entry["prompt_id"]), str(entry["assistant"]))
        if pair not in inputs.answers:
            raise InputError(f"{rel} line {line}: there is no answer of assistant {pair[1]} to prompt {pair[0]}; "
                             "use a prompt id from data/prompts.csv.")
        unknown = [c for c in entry["criteria"] if c not in inputs.by_id]
        if unknown:
            raise InputError(f"{rel} line {_node_line(node, ['ratings', i, 'criteria', unknown[0]])}: {unknown[0]!r} is "
                             "not a criterion in criteria.yaml; fix the id.")
        # YAML reads a bare yes / no as true / false; both spellings mean the same here.
        met = {c: {True: "yes", False: "no"}.get(v["met"], v["met"]) for c, v in entry["criteria"].items()}
        out.append({"prompt_id": pair[0], "assistant": pair[1], "met": met,
                    "complete": all(v in ("yes", "no") for v in met.values())})
    return out


def load_my_prompts(root: Path) -> list[dict[str, Any]]:
    """Your five prompts; a prompt counts once its text, level and rationale are all written."""
    path = root / "my_prompts.yaml"
    rel = _rel(path, root)
    data, node = read_yaml(path, root)
    _schema_error(data, node, "my_prompts.schema.json", rel, root)
    out = []
    for entry in data.get("prompts") or []:
        done = all(str(entry.get(k) or "").strip() not in ("", "todo") for k in ("prompt", "intended_level", "rationale"))
        out.append({**entry, "complete": done})
    return out
