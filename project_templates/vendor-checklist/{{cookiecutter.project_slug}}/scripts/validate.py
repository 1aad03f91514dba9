"""Read the YAML files a person edits (assessments, checklist) and check them against the JSON schemas in schemas/.

Each mistake becomes one sentence naming the file, the line and the fix, for example:

    assessments/clarinote-health-ai.yaml, line 31: claim V02-C2 red_flag is the text 'false' (in quotes);
    write true (a red flag) or false (not one) without quotes, or leave it empty until the claim is judged.

Statuses people naturally type ("not met", "Not Met", "not_met", "N/A", "not applicable") are read as
the checklist's spelling. Nothing here writes a file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

SETUP = ("run 'make setup' once, then use the project's own Python: .venv/bin/python scripts/score.py "
         "(Windows: .venv\\Scripts\\python scripts\\score.py)")
try:
    import yaml
except ImportError:  # run with a Python that lacks the project's requirements
    raise SystemExit(f"error: PyYAML is not installed for this Python; {SETUP}.") from None

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
STATUS_ALIASES = {"not met": "not-met", "notmet": "not-met", "not_met": "not-met", "na": "n/a", "n.a.": "n/a",
                  "n/a": "n/a", "not applicable": "n/a", "not-applicable": "n/a", "todo": None, "": None}


class InputError(ValueError):
    """A file a person edits that cannot be used as written (the message says where and how to fix it)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (a review date stays text, not a date object)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def rel(path: Path) -> str:
    """The path as a person sees it from the project folder."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a value contains ': ' (a colon and a space); put the whole value in double quotes"
    if "found character '\\t'" in problem or "tab" in problem:
        return "the line is indented with a tab; indent with spaces only"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "the indentation does not line up with the lines around it; indent it like its neighbours"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return "a quotation mark is not closed; close it at the end of the value"
    return "check the indentation and the quotation marks on this line and the one before"


def read_yaml(path: Path) -> tuple[Any, Any]:
    """(data, node tree) of a YAML file, or an InputError that names the line."""
    name = rel(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{name} is missing; restore it with 'git checkout -- {name}' or copy it from the "
                         "worked example.") from None
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text; save it again as UTF-8 in your editor.") from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read ({exc.strerror}); check that it is a file you can open.") from None
    if not text.strip():
        raise InputError(f"{name} is empty; restore it with 'git checkout -- {name}'.")
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = str(getattr(exc, "problem", "") or exc)
        if "quoted scalar" in str(getattr(exc, "context", "") or ""):  # an unclosed quote: where it opened
            mark, problem = getattr(exc, "context_mark", None) or mark, "while scanning a quoted scalar"
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{name}{where}: this is not valid YAML: {_yaml_hint(problem)}.") from None
    return data, node


def _node_at(node: Any, path: list[Any]) -> Any:
    """The YAML node at a JSON path (keys and list indexes), or the deepest one found."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
            if found is None:
                return node
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def _key_node(node: Any, path: list[Any]) -> Any:
    """The node of the last key in ``path`` (so the line is the key's line, where people look)."""
    if not path:
        return node
    parent = _node_at(node, path[:-1])
    if isinstance(parent, yaml.MappingNode):
        for k, _ in parent.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(path[-1]):
                return k
    return _node_at(node, path)


def _where(path: list[Any], data: Any) -> str:
    """Plain words for a JSON path: 'GOV-01 status', 'claim V02-C1 red_flag', 'scoring bands high'."""
    parts: list[str] = []
    current = data
    for step in path:
        if isinstance(step, int) and isinstance(current, list):
            entry = current[step] if step < len(current) else None
            label = None
            if isinstance(entry, dict):
                label = entry.get("claim_id") or entry.get("id") or entry.get("item")
            parent = parts.pop() if parts else "entry"
            noun = {"claims": "claim", "items": "item", "gates": "gate"}.get(parent, parent)
            parts.append(f"{noun} {label}" if label else f"{noun} {step + 1}")
            current = entry
        else:
            if parts and parts[-1] == "items" and isinstance(current, dict):
                parts.pop()
            parts.append(str(step))
            current = current.get(step) if isinstance(current, dict) else None
    return " ".join(parts) if parts else "the file"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {value!r} (in quotes)" if value.lower() in ("true", "false", "yes", "no") or \
            re.fullmatch(r"\d+", value) else f"{value!r}"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a block of fields" if isinstance(value, dict) else "a list"
    return repr(value)


def _fix(error: Any) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return str(schema.get("x-fix") or "compare it with the worked example")


def _sentence(name: str, error: Any, data: Any, node: Any) -> str:
    path = list(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        line = _key_node(node, [*path, extra[0]]).start_mark.line + 1 if extra else _node_at(node, path).start_mark.line + 1
        allowed = ", ".join(error.schema.get("properties", {}))
        return (f"{name}, line {line}: {_where(path, data)} has an unknown field {extra[0]!r}; check its spelling "
                f"(allowed: {allowed}).")
    if validator == "propertyNames":
        bad = error.instance
        line = _key_node(node, [*path, bad]).start_mark.line + 1
        return f"{name}, line {line}: {bad!r} is not an item id of this checklist; {_fix(error.parent or error)}."
    if validator == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        line = _node_at(node, path).start_mark.line + 1
        return (f"{name}, line {line}: {_where(path, data)} is missing {missing.group(1) if missing else 'a field'!r}; "
                f"{_fix(error)}.")
    line = _key_node(node, path).start_mark.line + 1
    value = error.instance
    if validator in ("minimum", "maximum"):
        problem = f"is {value}, outside the allowed range"
    elif validator == "pattern":
        problem = f"is {value!r}, which is not in the expected form"
    elif validator in ("minItems", "minLength"):
        problem = "is empty"
    else:
        problem = f"is {_shown(value)}"
    return f"{name}, line {line}: {_where(path, data)} {problem}; {_fix(error)}."


def check(data: Any, node: Any, schema_name: str, name: str) -> None:
    """Raise InputError with one sentence per mistake (at most five, in file order)."""
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        raise InputError(f"jsonschema is not installed for this Python; {SETUP}.") from None

    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise InputError(f"{name} should be a set of 'key: value' fields, not {_shown(data)}; {schema['x-fix']}.")
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if not errors:
        return
    # An enum/type mismatch inside anyOf-free schemas gives one error per field; keep the deepest per path.
    seen: dict[tuple, Any] = {}
    for error in errors:
        seen.setdefault(tuple(str(p) for p in error.absolute_path), error)
    sentences = sorted({_sentence(name, e, data, node) for e in seen.values()},
                       key=lambda s: int(re.search(r"line (\d+)", s).group(1)) if re.search(r"line (\d+)", s) else 0)
    more = f" ({len(sentences) - 5} more after these are fixed)" if len(sentences) > 5 else ""
    raise InputError("\n".join(sentences[:5]) + more)


def normalise_statuses(data: Any) -> None:
    """Read the status spellings people type ("not met", "N/A") as the checklist's own."""
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, dict):
        return
    for answer in items.values():
        if isinstance(answer, dict) and isinstance(answer.get("status"), str):
            raw = " ".join(answer["status"].strip().lower().split())
            answer["status"] = STATUS_ALIASES.get(raw, raw)


def load_assessment(path: Path) -> dict[str, Any]:
    """An assessment file, checked against schemas/assessment.schema.json."""
    data, node = read_yaml(path)
    normalise_statuses(data)
    check(data, node, "assessment.schema.json", rel(path))
    return data


def load_checklist(path: Path) -> dict[str, Any]:
    """checklist.yaml, checked against schemas/checklist.schema.json and for ids that must agree."""
    data, node = read_yaml(path)
    name = rel(path)
    check(data, node, "checklist.schema.json", name)
    ids = [item["id"] for item in data["items"]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(f"{name}: item id {dupes[0]} is used twice; give each item its own id.")
    for gate in data["scoring"].get("gates") or []:
        if gate["item"] not in ids:
            raise InputError(f"{name}: the gate on {gate['item']} names an item that is not in the checklist; "
                             "use one of the item ids.")
    bands = data["scoring"]["bands"]
    if not bands["low"] == 1 or not bands["low"] < bands["moderate"] < bands["high"] < bands["critical"]:
        raise InputError(f"{name}: scoring bands must start at 1 and rise (low < moderate < high < critical); "
                         f"they are {bands}.")
    return data
