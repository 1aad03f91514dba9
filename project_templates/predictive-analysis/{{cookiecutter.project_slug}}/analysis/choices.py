"""Read my_choices.yaml (the author's decisions), validated against schemas/my_choices.schema.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from analysis.errors import AnalysisError

EXAMPLE_THRESHOLD = 0.15  # the worked example's threshold, used until the author chooses one
UNANSWERED = ("", "unanswered", "todo")


@dataclass
class Choices:
    threshold: float | None  # None until the author chooses
    subgroups: list[str]
    deployment_prevalence: float | None
    text: dict[str, str]

    @property
    def threshold_used(self) -> float:
        return EXAMPLE_THRESHOLD if self.threshold is None else self.threshold


def _as_number(value: object) -> object:
    """Accept what people type for a proportion: 0.2, "0.2" or "20%"; anything else is left for the schema to refuse."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return value


def _line(node: yaml.Node | None, path: list[object]) -> int | None:
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


def _message(error, where: str, node) -> str:
    path = list(error.absolute_path)
    line = _line(node, path)
    field = ".".join(str(p) for p in path) or "the file"
    at = f"{where} line {line}" if line else where
    if field == "threshold":
        return f"{at}: threshold must be a number strictly between 0 and 1 (for example 0.15) or 'unanswered', not {error.instance!r}."
    if field == "deployment_prevalence":
        return (f"{at}: deployment_prevalence must be a number strictly between 0 and 1 (for example 0.2), "
                f"not {error.instance!r}, because a prevalence of 0 or 1 leaves no PPV to compute.")
    return f"{at}: {field} is not valid ({error.message}); see schemas/my_choices.schema.json for what it accepts."


def load(root: Path, columns: set[str] | None = None) -> Choices:
    """The author's choices; AnalysisError (one sentence) for a malformed file or an unknown subgroup column."""
    path = root / "my_choices.yaml"
    if not path.is_file():
        raise AnalysisError("my_choices.yaml is missing: restore it with git checkout -- my_choices.yaml.")
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise AnalysisError(f"my_choices.yaml{where} is not valid YAML: check the indentation and quotes there.") from None
    if not isinstance(data, dict):
        raise AnalysisError("my_choices.yaml must be a set of 'key: value' lines: restore it from git and edit the values.")
    if isinstance(data.get("threshold"), str) and data["threshold"].strip().lower() in UNANSWERED:
        data["threshold"] = None
    for key in ("threshold", "deployment_prevalence"):
        if key in data:
            data[key] = _as_number(data[key])
    schema = json.loads((root / "schemas" / "my_choices.schema.json").read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise AnalysisError(_message(errors[0], "my_choices.yaml", node))
    subgroups = list(data.get("subgroups") or [])
    if columns is not None:
        for i, name in enumerate(subgroups):
            if name not in columns:
                line = _line(node, ["subgroups", i])
                raise AnalysisError(
                    f"my_choices.yaml line {line}: there is no column '{name}' in data/cohort.csv; "
                    f"use one of {', '.join(sorted(columns))}."
                )
    text_fields = {k: str(v) for k, v in data.items() if k not in ("threshold", "subgroups", "deployment_prevalence")}
    return Choices(data.get("threshold"), subgroups, data.get("deployment_prevalence"), text_fields)
