"""Check the YAML files people edit (plan/*.yaml) against their JSON schemas in schemas/.

Every mistake becomes one sentence that names the file, the line and the fix, for example
``plan/go-no-go.yaml, line 24: 'threshold' is "high", but it must be a number (for example 0.9).``
Nothing is written when a file has a mistake. Usage: ``python scripts/validate.py`` checks every file.
"""

from __future__ import annotations

import difflib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schemas"
FILES = {
    "go-no-go.yaml": "go-no-go.schema.json",
    "stakeholders.yaml": "stakeholders.schema.json",
    "timeline.yaml": "timeline.schema.json",
    "pilot.yaml": "pilot.schema.json",
}
# What people type that means the same thing: accepted and read as the value on the right.
SYNONYMS: dict[str, dict[str, str]] = {
    "comparison": {"at least": ">=", "=>": ">=", "≥": ">=", "minimum": ">=", "min": ">=",
                   "at most": "<=", "=<": "<=", "≤": "<=", "maximum": "<=", "max": "<=",
                   "exactly": "==", "=": "==", "equals": "==", "more than": ">", "less than": "<"},
    "level": {"must": "must", "must-have": "must", "hard": "must", "stop": "must", "no-go": "must",
              "target": "target", "should": "target", "soft": "target", "extend": "target"},
}
TYPE_WORDS = {"number": "a number (for example 0.9)", "integer": "a whole number (for example 5)",
              "string": "text", "boolean": "true or false", "array": "a list (lines starting with '- ')",
              "object": "a block of 'key: value' lines"}
FIXES = {
    "comparison": "use one of >=, <=, >, <, == (or words such as 'at least', 'at most', 'exactly')",
    "level": "use 'must' (missing it means no-go) or 'target' (missing it means extend the pilot)",
    "format": "use percent, minutes, count or number",
}


class PlanError(ValueError):
    """One or more mistakes in a plan file; ``problems`` holds one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return f"{path.parent.name}/{path.name}"


def _lines(node: Any, path: tuple = ()) -> dict[tuple, int]:
    """Line number (1-based) of every node of a composed YAML document, keyed by its path."""
    import yaml

    found = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k: Any = key.value
            if key.tag.endswith(":int"):
                k = int(k)
            found[(*path, "@key", k)] = key.start_mark.line + 1
            found.update(_lines(value, (*path, k)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found.update(_lines(item, (*path, i)))
    return found


def line_of(lines: dict[tuple, int], path: Iterable[Any], key: bool = False) -> int | None:
    """The line of ``path`` (or of its key), falling back to the nearest parent."""
    parts = tuple(path)
    if key and parts and (*parts[:-1], "@key", parts[-1]) in lines:
        return lines[(*parts[:-1], "@key", parts[-1])]
    while parts and parts not in lines:
        parts = parts[:-1]
    return lines.get(parts)


def _where(rel: str, line: int | None) -> str:
    return f"{rel}, line {line}" if line else rel


def _normalise(data: Any) -> Any:
    """Accept the synonyms people type (case-insensitive), and capital RACI letters in any case."""
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            if key in SYNONYMS and isinstance(value, str) and value.strip().lower() in SYNONYMS[key]:
                value = SYNONYMS[key][value.strip().lower()]
            elif key == "raci" and isinstance(value, dict):
                value = {k: v.strip().upper() if isinstance(v, str) else v for k, v in value.items()}
            out[key] = _normalise(value)
        return out
    if isinstance(data, list):
        return [_normalise(item) for item in data]
    return data


def _message(error: Any, instance_path: tuple, data: Any) -> tuple[tuple, bool, str]:
    """(path for the line, whether to point at the key, the sentence) for one schema error."""
    name = next((p for p in reversed(instance_path) if isinstance(p, str)), "value")
    value = error.instance
    shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else None
    if shown is not None and len(shown) > 60:
        shown = shown[:57] + '..."'
    if error.validator == "maxLength":
        return instance_path, False, f"'{name}' is {len(value)} characters long; shorten it to {error.validator_value}"
    if error.validator == "type":
        expected = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        hint = ""
        if expected == "number" and isinstance(value, str) and value.strip().endswith("%"):
            hint = f"; write a share without quotes and without %, e.g. {value.strip().rstrip('%').strip()}% is " \
                   f"{_share(value)}"
        elif expected == "boolean" and isinstance(value, str):
            hint = "; write true or false without quotes"
        elif isinstance(value, str):
            hint = "; remove the quotes around it"
        return instance_path, False, f"'{name}' is {shown}, but it must be {TYPE_WORDS.get(expected, expected)}{hint}"
    if error.validator == "enum":
        fix = FIXES.get(name, "use one of " + ", ".join(str(v) for v in error.validator_value))
        if instance_path and instance_path[-2:-1] == ("raci",) or (len(instance_path) >= 2 and "raci" in instance_path):
            fix = "use one capital letter: R, A, C or I"
            name = f"raci letter for '{instance_path[-1]}'"
        return instance_path, False, f"{name} is {shown}; {fix}"
    if error.validator == "required":
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
        return instance_path, False, f"this entry lacks '{missing[0] if missing else '?'}'; add it (see the other entries)"
    if error.validator == "additionalProperties":
        allowed = list((error.schema.get("properties") or {}).keys())
        extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(str(key), allowed, n=1)
        fix = f"did you mean '{close[0]}'" if close else "remove it or use one of " + ", ".join(allowed)
        return (*instance_path, key), True, f"'{key}' is not a known key here; {fix}"
    if error.validator in ("minItems", "minProperties"):
        return instance_path, True, f"'{name}' is empty; it needs at least one entry"
    if error.validator == "pattern":
        if name == "name":
            return instance_path, False, f"'{name}' is {shown}; remove ':', ';' and '#' (they break the Gantt chart)"
        return instance_path, False, f"'{name}' is {shown}; use lowercase letters, digits and hyphens only"
    if error.validator in ("minimum", "exclusiveMinimum", "maximum"):
        return instance_path, False, f"'{name}' is {shown}; it must be {error.validator} {error.validator_value}"
    if error.validator in ("minLength", "maxLength"):
        return instance_path, False, f"'{name}' is {shown}; it is too {'short' if error.validator == 'minLength' else 'long'}"
    return instance_path, False, f"'{name}': {error.message}"


def _share(text: str) -> str:
    try:
        return f"{float(text.strip().rstrip('%')) / 100:g}"
    except ValueError:
        return "a share between 0 and 1"


def load(path: Path, extra_checks: bool = True) -> Any:
    """Read a plan YAML file, check it against its schema, and return it (synonyms accepted).

    Raises PlanError with one sentence per mistake; never a traceback for a file a person edited.
    """
    import jsonschema
    import yaml

    rel = _rel(path)
    if not path.is_file():
        raise PlanError([f"{rel} is missing; restore it from git (git checkout -- {rel}) or from a fresh project."])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanError([f"{rel} is not UTF-8 text; save it again as UTF-8."]) from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise PlanError([f"{rel} is empty; restore it from git (git checkout -- {rel}) or from a fresh project."])
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or "unreadable YAML").strip()
        raise PlanError([(f"{_where(rel, line)}: the YAML cannot be read ({problem}); check the indentation, and put "
                         "text that contains ': ' or starts with a special character in quotes.")]) from None
    except yaml.YAMLError as exc:
        raise PlanError([f"{rel}: the YAML cannot be read ({exc}); check the file against git diff."]) from None
    lines = _lines(node) if node is not None else {}
    data = _normalise(data)
    schema = json.loads((SCHEMA_DIR / FILES[path.name]).read_text(encoding="utf-8"))
    plain = json.loads(json.dumps(data, default=str))
    validator = jsonschema.Draft202012Validator(schema)
    problems: list[str] = []
    errors = sorted(validator.iter_errors(plain), key=lambda e: [str(p) for p in e.absolute_path])
    # A misspelt key gives two errors (unknown key, required key missing): report only the first.
    misspelt = {(tuple(e.absolute_path), m) for e in errors if e.validator == "additionalProperties"
                for k in (e.instance if isinstance(e.instance, dict) else {})
                for m in difflib.get_close_matches(str(k), list(e.schema.get("properties") or {}), n=1)}
    errors = [e for e in errors if not (e.validator == "required" and any(
        (tuple(e.absolute_path), k) in misspelt for k in e.validator_value if k not in (e.instance or {})))]
    for error in errors:
        raw_path = tuple(_raw_key(data, error.absolute_path))
        where_path, on_key, sentence = _message(error, raw_path, data)
        problems.append(f"{_where(rel, line_of(lines, where_path, on_key))}: {sentence}.")
    if not problems and extra_checks:
        problems += [f"{_where(rel, line_of(lines, p))}: {s}." for p, s in semantic_problems(path.name, data)]
    if problems:
        raise PlanError(problems)
    return data


def _raw_key(data: Any, path: Iterable[Any]) -> list[Any]:
    """The JSON path with the original keys (YAML may key by number, JSON always by text)."""
    out: list[Any] = []
    node = data
    for part in path:
        if isinstance(node, dict) and part not in node:
            part = next((k for k in node if str(k) == str(part)), part)
        out.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return out


def semantic_problems(name: str, data: Any) -> list[tuple[tuple, str]]:
    """Rules a schema cannot say: known measures, one Accountable, known owners, no repeated ids."""
    out: list[tuple[tuple, str]] = []
    if name == "go-no-go.yaml":
        from pilot import KNOWN_METRICS

        ids: list[str] = []
        for i, c in enumerate(data["criteria"]):
            if c["id"] in ids:
                out.append((("criteria", i, "id"), f"the id '{c['id']}' is used twice; give each criterion its own id"))
            ids.append(c["id"])
            if c["metric"] not in KNOWN_METRICS:
                close = difflib.get_close_matches(c["metric"], KNOWN_METRICS, n=1)
                fix = f"did you mean '{close[0]}'" if close else "use one of " + ", ".join(sorted(KNOWN_METRICS))
                out.append((("criteria", i, "metric"), f"'{c['metric']}' is not a measure scripts/pilot.py computes; {fix}"))
            if c.get("format") == "percent" and not 0 <= c["threshold"] <= 1:
                out.append((("criteria", i, "threshold"), (f"the threshold {c['threshold']:g} is a percent criterion, so "
                            f"write it as a share between 0 and 1 (for example {c['threshold'] / 100:g} for "
                            f"{c['threshold']:g}%)")))
    elif name == "stakeholders.yaml":
        ids = [p["id"] for p in data["stakeholders"]]
        for i, sid in enumerate(ids):
            if sid in ids[:i]:
                out.append((("stakeholders", i, "id"), f"the stakeholder id '{sid}' is used twice; give each their own id"))
        used: set[str] = set()
        for i, act in enumerate(data["activities"]):
            for who in act["raci"]:
                used.add(who)
                if who not in ids:
                    close = difflib.get_close_matches(str(who), ids, n=1)
                    fix = f"did you mean '{close[0]}'" if close else "add them under 'stakeholders' first"
                    out.append((("activities", i, "raci", who), (f"activity '{act['id']}' names '{who}', who is not in "
                                f"the stakeholder list; {fix}")))
            accountable = [w for w, letter in act["raci"].items() if letter == "A"]
            if len(accountable) != 1:
                out.append((("activities", i, "raci"), (f"activity '{act['id']}' has {len(accountable)} Accountable "
                            "(A); give exactly one person the A and make the others R or C")))
            if "R" not in act["raci"].values():
                out.append((("activities", i, "raci"), (f"activity '{act['id']}' has no Responsible (R); name who does "
                            "the work")))
        for i, sid in enumerate(ids):
            if sid not in used:
                out.append((("stakeholders", i, "id"), (f"stakeholder '{sid}' has no part in any activity; give them a "
                            "letter in an activity or remove them")))
    elif name == "timeline.yaml":
        weeks = {str(k) for k in data["weeks"]}
        seen: set[str] = set()
        for i, task in enumerate(data["tasks"]):
            if task["id"] in seen:
                out.append((("tasks", i, "id"), f"the task id '{task['id']}' is used twice; give each task its own id"))
            seen.add(task["id"])
            if str(task["week"]) not in weeks:
                out.append((("tasks", i, "week"), (f"task '{task['id']}' is in week {task['week']}, which has no name "
                            "under 'weeks'; add the week or correct the number")))
            if task["start"] + max(task["days"], 1) - 1 > 30:
                out.append((("tasks", i, "days"), f"task '{task['id']}' runs past day 30; shorten it or start earlier"))
            if task.get("milestone") and task["days"] != 0:
                out.append((("tasks", i, "days"), f"milestone '{task['id']}' should have days: 0"))
    return out


def owners_known(timeline: dict[str, Any], criteria: dict[str, Any], stakeholders: dict[str, Any],
                 plan_dir: Path) -> list[str]:
    """Cross-file rule: every task owner and criterion owner is a stakeholder id."""
    import yaml

    ids = {p["id"] for p in stakeholders["stakeholders"]}
    out = []
    for name, data, items, key in (("timeline.yaml", timeline, "tasks", "owner"),
                                   ("go-no-go.yaml", criteria, "criteria", "owner")):
        path = plan_dir / name
        lines = _lines(yaml.compose(path.read_text(encoding="utf-8")))
        for i, item in enumerate(data[items]):
            if key in item and item[key] not in ids:
                close = difflib.get_close_matches(str(item[key]), sorted(ids), n=1)
                fix = f"did you mean '{close[0]}'" if close else "use a stakeholder id from plan/stakeholders.yaml"
                out.append(f"{_where(_rel(path), line_of(lines, (items, i, key)))}: owner '{item[key]}' is not a "
                           f"stakeholder; {fix}.")
    return out


def load_plan(plan_dir: Path) -> dict[str, Any]:
    """Every plan file, checked one by one and against each other (PlanError lists every mistake)."""
    problems: list[str] = []
    loaded: dict[str, Any] = {}
    for name in FILES:
        try:
            loaded[name] = load(plan_dir / name)
        except PlanError as exc:
            problems += exc.problems
    if not problems:
        problems += owners_known(loaded["timeline.yaml"], loaded["go-no-go.yaml"], loaded["stakeholders.yaml"], plan_dir)
    if problems:
        raise PlanError(problems)
    return loaded


def main() -> int:
    """Check every plan file; print one sentence per mistake."""
    try:
        load_plan(ROOT / "plan")
    except PlanError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    print("plan/*.yaml: every file matches its schema.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
