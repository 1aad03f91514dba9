"""Unanswered items in the structured files a person fills (checklist answers, judgements, ratings).

A kind lists its rules in cookiecutter.json ``_unfinished`` (recorded in the manifest), for example
``{"files": "assessments/*.yaml", "key": "answer", "empty": ["", "unanswered"], "what": "checklist answer"}``:
every mapping key ``answer`` below a matching file whose value is null, blank or one of ``empty``
is an item left to do. ``status`` lists them and ``check`` counts them as unfinished work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

MAX_BYTES = 4 << 20


@dataclass(frozen=True)
class Unanswered:
    """One item still to answer (``line`` is 1-based; 0 when the file could not be read)."""

    path: str
    line: int
    what: str


def _nodes(node: Any, key: str) -> Iterator[tuple[Any, Any]]:
    import yaml

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    yield k, v
                stack.append(v)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _is_empty(value: Any, empty: Sequence[Any]) -> bool:
    import yaml

    if isinstance(value, yaml.ScalarNode):
        if value.tag.endswith(":null") or value.value.strip() == "":
            return True
        return value.value.strip().lower() in {str(e).lower() for e in empty if e is not None}
    if isinstance(value, (yaml.SequenceNode, yaml.MappingNode)):
        return not value.value
    return False


def _compose(text: str) -> list[Any]:
    """The YAML documents of ``text`` as nodes: libyaml's parser when PyYAML has it (about ten times
    faster, the same nodes and marks), the pure-Python one for text libyaml cannot take (lone surrogates)."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return list(yaml.compose_all(text, Loader=fast))
        except UnicodeError:
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def find_in_text(text: str, rel: str, rule: Mapping[str, Any]) -> list[Unanswered]:
    """Items left unanswered in one YAML (or JSON) text under ``rule``."""
    import yaml

    what = str(rule.get("what") or rule.get("key") or "item")
    try:
        docs = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Unanswered(rel, (mark.line + 1) if mark else 0, f"{what}s cannot be counted: the file is not valid YAML")]
    found: list[Unanswered] = []
    for doc in docs:
        if doc is None:
            continue
        for key_node, value in _nodes(doc, str(rule["key"])):
            if _is_empty(value, list(rule.get("empty", []))):
                found.append(Unanswered(rel, key_node.start_mark.line + 1, what))
    return sorted(found, key=lambda u: u.line)


def matches(rel: str, rules: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rules that apply to a project-relative POSIX path."""
    return [r for r in rules if fnmatch(rel, str(r.get("files", "")))]


def find(root: Path, rules: Sequence[Mapping[str, Any]], rels: Sequence[str]) -> list[Unanswered]:
    """Every unanswered item in the files ``rels`` (relative to ``root``) that a rule covers."""
    found: list[Unanswered] = []
    for rel in rels:
        for rule in matches(rel, rules):
            path = root / rel
            try:
                if path.stat().st_size > MAX_BYTES:
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            found += find_in_text(text, rel, rule)
    return found
