"""Load and check the project's inputs: every mistake becomes one sentence naming the file and the fix."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STUDY_COLUMNS = (
    "study_id", "site", "setting", "vendor", "scanner", "age_band", "sex", "model_score", "model_flag",
    "reader_1", "reader_2", "adjudicator", "reference", "finding_size_mm",
)
DERIVED_COLUMNS = ("finding_size_band",)  # computed from finding_size_mm
SUBGROUP_COLUMNS = ("site", "setting", "vendor", "scanner", "age_band", "sex", *DERIVED_COLUMNS)
READS = ("positive", "negative")


class InputError(Exception):
    """A problem with the project's files that the person can fix; the message is one sentence."""


@dataclass(frozen=True)
class Study:
    study_id: str
    site: str
    values: dict[str, str]
    score: float
    reader_1: bool | None
    reader_2: bool | None
    reference: bool | None  # None when the study got no reference read
    size_mm: float | None

    def group(self, column: str) -> str:
        if column == "finding_size_band":
            if self.size_mm is None:
                return "no finding on reference"
            return "under 5 mm" if self.size_mm < 5 else ("5-10 mm" if self.size_mm < 10 else "10 mm or more")
        return self.values[column]


@dataclass
class Inputs:
    root: Path
    settings: dict[str, Any]
    plan: dict[str, Any]
    studies: list[Study]
    vendor: dict[str, str]
    notes: list[str] = field(default_factory=list)


def size_band_order() -> list[str]:
    return ["under 5 mm", "5-10 mm", "10 mm or more"]


def _decision_words(data: dict[str, Any]) -> None:
    """YAML reads a bare yes / no as true / false: turn them back into the words the plan uses."""
    decision = data.get("decision")
    if isinstance(decision, dict) and isinstance(decision.get("vendor_evidence_supports_use"), bool):
        decision["vendor_evidence_supports_use"] = "yes" if decision["vendor_evidence_supports_use"] else "no"


def _yaml(path: Path, schema_name: str, root: Path) -> dict[str, Any]:
    import jsonschema
    import yaml

    rel = path.relative_to(root).as_posix()
    if not path.is_file():
        raise InputError(f"{rel} is missing; restore it from git (git checkout -- {rel}).")
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{rel} is not valid YAML{where}; check the indentation and quotes there.") from None
    if not isinstance(data, dict):
        raise InputError(f"{rel} must be a set of 'key: value' lines; restore it from git to see the layout.")
    _decision_words(data)
    schema = json.loads((root / "schemas" / schema_name).read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        path_parts = list(error.absolute_path)
        key = ".".join(str(p) for p in path_parts) or "the file"
        line = _line_of(node, path_parts)
        where = f" (line {line})" if line else ""
        hint = error.schema.get("description") if isinstance(error.schema, dict) else None
        detail = hint or _plain(error)
        raise InputError(f"{rel}{where}: {key} {detail}.")
    return data


def _plain(error: Any) -> str:
    if error.validator == "required":
        return f"is missing the key {error.message.split(chr(39))[1]!r}"
    if error.validator == "additionalProperties":
        return "has a key this project does not use (check its spelling)"
    if error.validator == "enum":
        return "must be one of " + ", ".join(str(v) for v in error.validator_value)
    if error.validator == "type":
        return f"must be a {error.validator_value}, not {error.instance!r}"
    return "is not valid: " + error.message


def _line_of(node: Any, parts: list[Any]) -> int | None:
    """The line of a YAML key or list item, from the composed node tree."""
    import yaml

    line = None
    for part in parts:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    line, node = key.start_mark.line + 1, value
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def check_probability(name: str, value: Any, *, open_interval: bool, source: str) -> float:
    """A number between 0 and 1 (excluding 0 and 1 when ``open_interval``), or one sentence saying why not."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{source}: {name} must be a number between 0 and 1, not {value!r}.") from None
    if math.isnan(number):
        raise InputError(f"{source}: {name} must be a number between 0 and 1, not {value!r}.")
    if open_interval and not 0 < number < 1:
        raise InputError(
            f"{source}: {name} is {value}, but a prevalence must lie strictly between 0 and 1 "
            "(at 0 no study has the finding and PPV is undefined; at 1 every study has it), e.g. 0.02."
        )
    if not 0 <= number <= 1:
        raise InputError(f"{source}: {name} is {value}, but the model's scores run from 0 to 1; use a value such as 0.5.")
    return number


def check_subgroup(column: str, source: str) -> str:
    if column not in SUBGROUP_COLUMNS:
        raise InputError(
            f"{source}: there is no subgroup column {column!r} in data/studies.csv; "
            f"use one of {', '.join(SUBGROUP_COLUMNS)}."
        )
    return column


def _read(value: str, row: int, column: str) -> bool | None:
    if value == "":
        return None
    if value not in READS:
        raise InputError(f"data/studies.csv row {row}: {column} is {value!r}; it must be positive, negative or empty.")
    return value == "positive"


def load_studies(path: Path) -> list[Study]:
    if not path.is_file():
        raise InputError("data/studies.csv is missing; restore it from git (git checkout -- data/studies.csv).")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in STUDY_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"data/studies.csv has no column {missing[0]!r}; restore it from git (git checkout -- data/studies.csv).")
        studies = []
        for number, row in enumerate(reader, start=2):
            try:
                score = float(row["model_score"])
            except ValueError:
                raise InputError(f"data/studies.csv row {number}: model_score {row['model_score']!r} is not a number.") from None
            if not 0 <= score <= 1:
                raise InputError(f"data/studies.csv row {number}: model_score {score} is outside 0-1.")
            ref_text = row["reference"]
            reference = None if ref_text == "not read" else _read(ref_text, number, "reference")
            size = row["finding_size_mm"]
            studies.append(Study(
                row["study_id"], row["site"], {c: row[c] for c in STUDY_COLUMNS}, score,
                _read(row["reader_1"], number, "reader_1"), _read(row["reader_2"], number, "reader_2"),
                reference, float(size) if size else None,
            ))
    if not studies:
        raise InputError("data/studies.csv has no studies; restore it from git (git checkout -- data/studies.csv).")
    return studies


def load_vendor(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise InputError("data/vendor_evidence.csv is missing; restore it from git (git checkout -- data/vendor_evidence.csv).")
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["item"]: row["vendor_statement"] for row in csv.DictReader(handle)}


def load(root: Path = ROOT, overrides: dict[str, Any] | None = None) -> Inputs:
    """Everything the evaluation reads, checked; ``overrides`` come from the command line."""
    settings = _yaml(root / "evaluation.yaml", "evaluation.schema.json", root)
    plan = _yaml(root / "local_validation_plan.yaml", "local_validation_plan.schema.json", root)
    for key, value in (overrides or {}).items():
        if value is not None:
            settings[key] = value
    source = "evaluation.yaml" if not overrides else "evaluation.yaml or the command line"
    settings["threshold"] = check_probability("threshold", settings["threshold"], open_interval=False, source=source)
    settings["local_prevalence"] = check_probability("local_prevalence", settings["local_prevalence"], open_interval=True, source=source)
    settings["prevalence_range"] = [
        check_probability("each value of prevalence_range", p, open_interval=True, source="evaluation.yaml")
        for p in settings["prevalence_range"]
    ]
    settings["subgroups"] = [check_subgroup(c, source) for c in settings["subgroups"]]
    studies = load_studies(root / "data" / "studies.csv")
    sites = sorted({s.site for s in studies})
    if settings["local_site"] not in sites:
        raise InputError(f"evaluation.yaml: local_site {settings['local_site']!r} is not a site in data/studies.csv; use one of {', '.join(sites)}.")
    if str(plan["site"]) != str(settings["local_site"]):
        raise InputError(f"local_validation_plan.yaml: site {plan['site']!r} differs from local_site "
                         f"{settings['local_site']!r} in evaluation.yaml; make them name the same site.")
    return Inputs(root, settings, plan, studies, load_vendor(root / "data" / "vendor_evidence.csv"))
