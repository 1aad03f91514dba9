"""Load workflow.yaml and check that every reference in it points at something that exists."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ACTOR_KINDS = ("patient", "staff", "clinician", "system", "ai", "external")
PEOPLE = ("staff", "clinician")  # actors who can hold a review gate or receive an escalation
INTERNAL = ("staff", "clinician", "system")  # the organisation's own queues
STEP_KINDS = ("task", "automated", "external", "ai_assist", "review_gate", "escalation")
EDGE_KINDS = ("normal", "escalation", "rework")
STATES = ("current", "future")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
RATE_WORDS = ("rate", "share", "within_48h", "within_1h", "reached_before_visit", "closed_before_visit",
              "closed_after_visit")
SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "workflow.schema.json"


class MapError(ValueError):
    """workflow.yaml is malformed or refers to something that does not exist."""


@dataclass(frozen=True)
class Edge:
    """One arrow of a state's flow."""

    source: str
    target: str
    label: str
    kind: str


@dataclass
class WorkflowMap:
    """The parsed map with lookups by id."""

    raw: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.raw["title"])

    @property
    def actors(self) -> dict[str, dict[str, Any]]:
        return {a["id"]: a for a in self.raw["actors"]}

    @property
    def steps(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.raw["steps"]}

    def edges(self, state: str) -> list[Edge]:
        """The arrows of ``state`` ("current" or "future") in file order."""
        return [
            Edge(str(e["from"]), str(e["to"]), str(e.get("label", "") or ""), str(e.get("kind", "normal")))
            for e in self.raw[f"{state}_state"]["flow"]
        ]

    def state_steps(self, state: str) -> list[str]:
        """Step ids used in ``state``, in the order of the steps list."""
        used = {n for e in self.edges(state) for n in (e.source, e.target)}
        return [s for s in self.steps if s in used]

    def actor_kind(self, step_id: str) -> str:
        return str(self.actors[self.steps[step_id]["actor"]]["kind"])

    def quoted_numbers(self) -> Iterator[tuple[str, str, float]]:
        """(where, metric key, value) for every number the map quotes from the event log."""
        for point in self.raw.get("friction_points", []):
            for ev in point.get("evidence", []):
                yield f"friction point {point['id']}", str(ev["metric"]), float(ev["value"])
        metric = self.raw["success_metric"]
        yield "success_metric.baseline", str(metric["metric"]), float(metric["baseline"])
        for i, guard in enumerate(metric.get("guardrails") or [], start=1):
            if isinstance(guard, dict) and "metric" in guard:
                yield f"guardrail {i}", str(guard["metric"]), float(guard["baseline"])

    @property
    def notes(self) -> dict[str, str]:
        """The author's own notes (``your_notes``), in file order."""
        return {str(k): "" if v is None else str(v) for k, v in (self.raw.get("your_notes") or {}).items()}


def tolerance(key: str) -> float:
    """How far a quoted number may sit from the log's value: 3 decimals for rates, 1 for hours and minutes."""
    return 0.0005 if any(word in key.rsplit(".", 1)[-1] for word in RATE_WORDS) else 0.05


def lookup(metrics: dict[str, Any], key: str) -> Any:
    """A value from the metrics dictionary by dotted key, e.g. ``steps.triage_inbox.median_wait_h``."""
    node: Any = metrics
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(key)
        node = node[part]
    return node


def _reachable(edges: list[Edge], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        node = todo.pop()
        for e in edges:
            if e.source == node and e.target not in seen:
                seen.add(e.target)
                todo.append(e.target)
    return seen


def ungated_paths(edges: list[Edge], kinds: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(AI step, path) for every AI-assist step with a path to an end of the flow that passes no person.

    A path is safe once it reaches a ``review_gate`` or an ``escalation`` step (both done by a person);
    an end is a step with no outgoing arrow (closing the case, notifying the patient ...).
    """
    out: dict[str, list[str]] = {}
    for e in edges:
        out.setdefault(e.source, []).append(e.target)
    found = []
    for start in [s for s in dict.fromkeys(e.source for e in edges) if kinds.get(s) == "ai_assist"]:
        todo: list[list[str]] = [[start]]
        seen = {start}
        while todo:
            path = todo.pop(0)
            nxt = out.get(path[-1], [])
            if not nxt:
                found.append((start, path))
                break
            for target in nxt:
                if kinds.get(target) in ("review_gate", "escalation") or target in seen:
                    continue
                seen.add(target)
                todo.append([*path, target])
    return found


def problems(raw: Any) -> list[str]:
    """Everything wrong with a parsed workflow.yaml, as plain sentences (empty when it is sound)."""
    if not isinstance(raw, dict):
        return ["workflow.yaml should be a mapping of sections (title, actors, steps, ...)."]
    required = ("title", "actors", "steps", "current_state", "future_state", "friction_points", "ai_assist_points",
                "human_review_gates", "escalation_rules", "privacy_notes", "success_metric")
    missing = [k for k in required if k not in raw]
    if missing:
        return [f"workflow.yaml lacks the section(s): {', '.join(missing)}."]
    found: list[str] = []
    actors: dict[str, Any] = {}
    for a in raw["actors"]:
        extra = set(a) - {"id", "name", "kind"}
        if extra:
            found.append(f"Actor {a.get('id')!r} has unknown key(s) {', '.join(sorted(map(str, extra)))}; "
                         "an actor has id, name and kind (quote a name that contains a comma).")
        if not ID_RE.match(str(a.get("id", ""))):
            found.append(f"Actor id {a.get('id')!r} should be lower_snake_case.")
        if a.get("kind") not in ACTOR_KINDS:
            found.append(f"Actor {a.get('id')!r} has kind {a.get('kind')!r}; use one of {', '.join(ACTOR_KINDS)}.")
        if a.get("id") in actors:
            found.append(f"Actor id {a['id']!r} is listed twice.")
        actors[a.get("id")] = a
    steps: dict[str, Any] = {}
    for s in raw["steps"]:
        sid = s.get("id")
        extra = set(s) - {"id", "name", "actor", "kind", "note"}
        if extra:
            found.append(f"Step {sid!r} has unknown key(s) {', '.join(sorted(map(str, extra)))}; a step has id, "
                         "name, actor, kind and an optional note (quote a name that contains a comma).")
        if not ID_RE.match(str(sid or "")):
            found.append(f"Step id {sid!r} should be lower_snake_case.")
        if sid in steps:
            found.append(f"Step id {sid!r} is listed twice.")
        if s.get("actor") not in actors:
            found.append(f"Step {sid!r} names actor {s.get('actor')!r}, which is not in actors.")
        if s.get("kind") not in STEP_KINDS:
            found.append(f"Step {sid!r} has kind {s.get('kind')!r}; use one of {', '.join(STEP_KINDS)}.")
        if not str(s.get("name", "")).strip():
            found.append(f"Step {sid!r} has no name.")
        steps[sid] = s
    if found:
        return found

    def kind_of_actor(step: str) -> str:
        return str(actors[steps[step]["actor"]]["kind"])

    state_edges: dict[str, list[Edge]] = {}
    for state in STATES:
        edges = []
        for e in raw[f"{state}_state"].get("flow", []):
            extra = set(e) - {"from", "to", "label", "kind"}
            if extra:
                found.append(f"An arrow {e.get('from')} -> {e.get('to')} has unknown key(s) "
                             f"{', '.join(sorted(map(str, extra)))}; an arrow has from, to, label and kind "
                             "(quote a label that contains a comma).")
            for end in ("from", "to"):
                if e.get(end) not in steps:
                    found.append(f"The {state} state's flow refers to step {e.get(end)!r}, which is not in steps.")
            if e.get("kind", "normal") not in EDGE_KINDS:
                found.append(f"An arrow {e.get('from')} -> {e.get('to')} has kind {e.get('kind')!r}; "
                             f"use one of {', '.join(EDGE_KINDS)}.")
            edges.append(Edge(str(e.get("from")), str(e.get("to")), str(e.get("label", "")),
                              str(e.get("kind", "normal"))))
        if not edges:
            found.append(f"The {state} state has no flow.")
        state_edges[state] = edges
    if found:
        return found
    in_state = {state: {n for e in state_edges[state] for n in (e.source, e.target)} for state in STATES}
    unused = [s for s in steps if not any(s in in_state[st] for st in STATES)]
    for sid in unused:
        found.append(f"Step {sid!r} is in no flow; connect it or remove it.")
    for state in STATES:
        for sid in in_state[state]:
            kind = steps[sid]["kind"]
            if kind == "ai_assist" and kind_of_actor(sid) != "ai":
                found.append(f"AI-assist step {sid!r} should belong to an actor of kind 'ai'.")
            if kind in ("review_gate", "escalation") and kind_of_actor(sid) not in PEOPLE:
                found.append(f"Step {sid!r} ({kind}) must be done by a person (an actor of kind staff or clinician).")
            if kind_of_actor(sid) == "ai" and kind != "ai_assist":
                found.append(f"Step {sid!r} belongs to the AI actor, so its kind should be ai_assist.")
        if any(steps[s]["kind"] == "ai_assist" for s in in_state["current"]) and state == "current":
            found.append("The current state should describe today's workflow, which has no AI-assist step.")

    future = state_edges["future"]
    for point in raw["friction_points"]:
        if point.get("step") not in in_state["current"]:
            found.append(f"Friction point {point.get('id')} refers to step {point.get('step')!r}, "
                         "which is not in the current state.")
    gates = {g.get("step"): g for g in raw["human_review_gates"]}
    for gate_step, gate in gates.items():
        if gate_step not in in_state["future"] or steps.get(gate_step, {}).get("kind") != "review_gate":
            found.append(f"Review gate {gate_step!r} should be a future-state step of kind review_gate.")
        if gate.get("reviewer") not in actors or actors[gate.get("reviewer")]["kind"] not in PEOPLE:
            found.append(f"Review gate {gate_step!r} names reviewer {gate.get('reviewer')!r}, who should be a "
                         "staff or clinician actor.")
    ai_steps = [s for s in in_state["future"] if steps[s]["kind"] == "ai_assist"]
    listed = {p.get("step") for p in raw["ai_assist_points"]}
    for sid in ai_steps:
        if sid not in listed:
            found.append(f"AI-assist step {sid!r} has no entry in ai_assist_points.")
    for sid, path in ungated_paths(future, {k: str(v.get("kind")) for k, v in steps.items()}):
        found.append(f"AI-assist step {sid!r} has a path to the end of the future flow that skips every human "
                     f"review gate ({' -> '.join(path)}); send that arrow through a review_gate step or an "
                     "escalation to a person.")
    for point in raw["ai_assist_points"]:
        sid, gate = point.get("step"), point.get("checked_by")
        if sid not in ai_steps:
            found.append(f"ai_assist_points lists {sid!r}, which is not an ai_assist step of the future state.")
        elif gate not in gates:
            found.append(f"AI-assist step {sid!r} is checked by {gate!r}, which is not a human review gate.")
        elif gate not in _reachable(future, sid):
            found.append(f"AI-assist step {sid!r} does not lead to its review gate {gate!r} in the future flow.")
    for rule in raw["escalation_rules"]:
        source, target = rule.get("from"), rule.get("route_to")
        if target not in in_state["future"]:
            found.append(f"Escalation rule {rule.get('id')} routes to {target!r}, which is not in the future state.")
        elif kind_of_actor(target) not in PEOPLE:
            found.append(f"Escalation rule {rule.get('id')} routes to {target!r}, which is not done by a person.")
        if source not in in_state["future"]:
            found.append(f"Escalation rule {rule.get('id')} starts at {source!r}, which is not in the future state.")
        elif not any(e.source == source and e.target == target and e.kind == "escalation" for e in future):
            found.append(f"Escalation rule {rule.get('id')} has no escalation arrow {source} -> {target} "
                         "in the future flow.")
    metric = raw["success_metric"]
    for key in ("name", "metric", "baseline", "target", "direction"):
        if key not in metric:
            found.append(f"success_metric lacks '{key}'.")
    return found


def _node_line(node: Any, path: list[Any]) -> int | None:
    """The 1-based line of the YAML node at ``path`` (keys and list indexes), or of its nearest parent."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _where(path: list[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _sentence(error: Any) -> str:
    """One plain sentence for a JSON-schema error: what is wrong and how to fix it."""
    where, value, v = _where(list(error.absolute_path)), error.instance, error.validator
    if v == "required":
        missing = next((m for m in error.validator_value if m not in (value or {})), "?")
        return f"{where} lacks '{missing}'; add it (the other entries show the shape)."
    if v == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(map(str, set(value) - set(allowed))) if isinstance(value, dict) else []
        guesses = [g for x in extra for g in difflib.get_close_matches(x, allowed, n=1)]
        hint = f"did you mean {', '.join(map(repr, guesses))}? " if guesses else ""
        return (f"{where} has the unknown key(s) {', '.join(map(repr, extra))}; {hint}the keys allowed here are "
                f"{', '.join(allowed)} (quote text that contains a colon).")
    if v == "enum":
        return f"{where} is {value!r}; use one of {', '.join(map(str, error.validator_value))}."
    if v == "type":
        wanted = error.validator_value
        if wanted in ("number", "integer"):
            return f"{where} is {value!r}, which is not a number; write the number without quotes, e.g. 12.5."
        if wanted == "array":
            return f"{where} should be a list (each entry on its own line starting with '- ')."
        if wanted == "object":
            return f"{where} should be a set of 'key: value' lines, not {type(value).__name__} {value!r}."
        return f"{where} is {value!r}; it should be text (put it in quotes if it looks like a number or yes/no)."
    if v in ("minLength", "pattern") and "[a-z]" in str(error.validator_value):
        return (f"{where} is {value!r}; an id is lower_snake_case: small letters, digits and underscores, "
                "starting with a letter (e.g. call_patient).")
    if v in ("minLength", "pattern", "minItems"):
        return f"{where} is empty; write something there or remove the entry."
    if v == "oneOf":
        return (f"{where} should be a sentence, or a mapping with 'says' and, to quote a number, both 'metric' "
                "and 'baseline'.")
    if v == "dependentRequired":
        return f"{where} needs both 'metric' and 'baseline' (the baseline is checked against the event log)."
    return f"{where}: {error.message}."


def schema_problems(raw: Any, text: str, name: str = "workflow.yaml") -> list[str]:
    """JSON-schema problems of a parsed map, each as 'FILE, line N: sentence.' (empty when it conforms)."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        root = None
    errors = sorted(validator.iter_errors(raw), key=lambda e: [str(p) for p in e.absolute_path])
    unknown_at = {tuple(e.absolute_path) for e in errors if e.validator == "additionalProperties"}
    # a misspelt key shows up twice (unknown key, required key missing): report it once
    errors = [e for e in errors if not (e.validator == "required" and tuple(e.absolute_path) in unknown_at)]
    found = []
    for error in errors:
        line = _node_line(root, list(error.absolute_path)) if root is not None else None
        found.append(f"{name}, line {line}: {_sentence(error)}" if line else f"{name}: {_sentence(error)}")
    return found


def parse(path: Path | str = "workflow.yaml") -> tuple[Any, str]:
    """The parsed YAML and its text; MapError with the line for a file that is missing or not YAML."""
    path = Path(path)
    if not path.is_file():
        raise MapError(f"{path} is missing; it holds the whole map, so restore it (git checkout {path.name}).")
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "it could not be read"
        raise MapError(f"{path.name}{where} is not valid YAML ({problem}); check the indentation there and put "
                       "text that contains a colon or starts with a special character in quotes.") from None
    if raw is None:
        raise MapError(f"{path.name} is empty; restore it (git checkout {path.name}) and edit it again.")
    return raw, text


def load(path: Path | str = "workflow.yaml", validate: bool = True) -> WorkflowMap:
    """Read and check workflow.yaml (schema, then references); raise MapError listing every problem found."""
    path = Path(path)
    raw, text = parse(path)
    found = schema_problems(raw, text, path.name) if validate else []
    if not found:
        found = [f"{path.name}: {p}" for p in problems(raw)]
    if found:
        if len(found) == 1:
            raise MapError(found[0])
        raise MapError(f"{path.name} has {len(found)} problems:\n- " + "\n- ".join(found))
    return WorkflowMap(raw)
