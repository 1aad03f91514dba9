"""Read and check everything the report uses; every mistake becomes one sentence naming the file and line.

Files a person edits (score sheets, change logs) are checked against the JSON schemas in schemas/
and then against the drafts (a change log span must be text that is really in the draft).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from instruments import CCI_ITEMS, CCI_NA_ALLOWED, PEMAT_ITEMS, PEMAT_NA_ALLOWED

ROOT = Path(__file__).resolve().parent.parent
DRAFT_COLUMNS = ("draft_id", "topic", "version", "title", "text")
REASONS = ("accuracy", "plain language", "numeracy", "actionability", "escalation", "tone")
UNANSWERED = {"", "todo"}
START, END = "<!-- rewrite:start -->", "<!-- rewrite:end -->"
FILL_RE = re.compile(r"\[" + "FILL" + r":[^\]]*\]")  # the marker, spelled so it is not one itself


class InputError(Exception):
    """A problem with a file a person can fix; the message is one sentence."""


@dataclass
class Draft:
    draft_id: str
    topic: str
    version: str
    title: str
    text: str


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read_text(path: Path, root: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{rel(path, root)} is missing; restore it from git (git checkout -- {rel(path, root)}).") from None
    except (OSError, UnicodeDecodeError):
        raise InputError(f"{rel(path, root)} cannot be read as UTF-8 text; save it as UTF-8 and run again.") from None


def load_drafts(root: Path = ROOT) -> dict[str, Draft]:
    """The AI drafts and the over-simplified rewrite from data/drafts.csv."""
    path = root / "data" / "drafts.csv"
    rows = list(csv.DictReader(io.StringIO(_read_text(path, root), newline="")))
    if not rows:
        raise InputError("data/drafts.csv has no drafts; restore it from git (git checkout -- data/drafts.csv).")
    missing = [c for c in DRAFT_COLUMNS if c not in rows[0]]
    if missing:
        raise InputError(f"data/drafts.csv lacks the column(s) {', '.join(missing)}; restore its header row from git.")
    drafts: dict[str, Draft] = {}
    for row in rows:
        draft = Draft(*(str(row.get(c) or "").strip() for c in DRAFT_COLUMNS))
        if not draft.text or not re.search(r"[A-Za-z]", draft.text):
            raise InputError(f"Draft {draft.draft_id or '(no id)'} in data/drafts.csv is empty; put its text back (git checkout -- data/drafts.csv).")
        drafts[draft.draft_id] = draft
    return drafts


def load_sources(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """The fictional reference sheets, by id."""
    rows = list(csv.DictReader(io.StringIO(_read_text(root / "data" / "sources.csv", root), newline="")))
    if not rows or "source_id" not in rows[0]:
        raise InputError("data/sources.csv has no sources; restore it from git (git checkout -- data/sources.csv).")
    return {r["source_id"]: r for r in rows}


def rewrite_body(path: Path, root: Path = ROOT) -> str | None:
    """The rewrite between the markers of a rewrites/ file, or None while it is not written yet."""
    if not path.is_file():
        return None
    text = _read_text(path, root)
    if START not in text or END not in text or text.index(START) > text.index(END):
        raise InputError(f"{rel(path, root)} lost its '{START}' / '{END}' lines; put them back around the rewrite.")
    body = text[text.index(START) + len(START): text.index(END)].strip()
    if not body or FILL_RE.search(body) or not re.search(r"[A-Za-z]{2}", FILL_RE.sub("", body)):
        return None
    return body + "\n"


# --- YAML with line numbers ------------------------------------------------------------------------

def _line_of(node: Any, path: list[Any]) -> int | None:
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == str(key)), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    return None if node is None else node.start_mark.line + 1


def load_yaml(path: Path, root: Path = ROOT) -> tuple[Any, Any]:
    """The parsed document and its node tree (for line numbers)."""
    text = _read_text(path, root)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # one pass: nodes (with lines), then the document
    try:
        node = loader.get_single_node()
        return (None if node is None else loader.construct_document(node)), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise InputError(f"{rel(path, root)}{where} is not valid YAML; check the indentation and quote text containing ': '.") from None
    finally:
        loader.dispose()


def _schema_check(doc: Any, node: Any, path: Path, schema_name: str, root: Path) -> None:
    try:
        import jsonschema
    except ImportError:  # only while prooflane bakes the project; the project itself declares jsonschema
        return
    schema = json.loads((root / "schemas" / schema_name).read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        line = _line_of(node, list(err.absolute_path))
        where = f" line {line}" if line else ""
        field = ".".join(str(p) for p in err.absolute_path) or "the file"
        raise InputError(f"{rel(path, root)}{where}: {field} {_plain(err)}; see {schema_name} in schemas/ for the allowed values.")


def _plain(err: Any) -> str:
    if err.validator == "enum":
        return f"is {err.instance!r}, not one of {', '.join(repr(v) for v in err.validator_value if v not in ('', None))}"
    if err.validator == "required":
        return err.message.replace("'", "").replace(" is a required property", " is missing")
    if err.validator == "type":
        return f"is {err.instance!r}, which should be {err.validator_value}"
    return str(err.message).replace("'", "")


# --- score sheets ----------------------------------------------------------------------------------

_PEMAT_SYNONYMS = {"agree": "agree", "1": "agree", "disagree": "disagree", "0": "disagree", "n/a": "n/a",
                   "na": "n/a", "not applicable": "n/a", "n.a.": "n/a"}
_CCI_SYNONYMS = {"yes": "yes", "true": "yes", "1": "yes", "no": "no", "false": "no", "0": "no", "n/a": "n/a",
                 "na": "n/a", "not applicable": "n/a", "n.a.": "n/a"}


def _normal(value: Any, synonyms: dict[str, str]) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = str(value).strip().lower()
    if text in UNANSWERED:
        return ""
    return synonyms.get(text, value)


@dataclass
class ScoreSheet:
    path: str
    material: str
    version: str
    rater: str
    pemat: dict[int, str]
    cci: dict[int, str]
    open_questions: dict[str, str]

    def unanswered(self) -> int:
        return sum(1 for a in [*self.pemat.values(), *self.cci.values()] if a == "")


def load_score_sheet(path: Path, root: Path = ROOT) -> ScoreSheet:
    """One PEMAT-P + CCI sheet, checked: answers on the scale, n/a only where allowed, every item once."""
    doc, node = load_yaml(path, root)
    name = rel(path, root)
    if isinstance(doc, dict):
        for key, synonyms in (("pemat_p", _PEMAT_SYNONYMS), ("cci_items", _CCI_SYNONYMS)):
            for entry in doc.get(key) or []:
                if isinstance(entry, dict) and "answer" in entry:
                    entry["answer"] = _normal(entry["answer"], synonyms)
    _schema_check(doc, node, path, "score-sheet.schema.json", root)
    if not isinstance(doc, dict):
        raise InputError(f"{name} is not a score sheet; restore it from git and fill the answer fields.")
    sheets = {}
    for key, items, na_allowed, label in (("pemat_p", PEMAT_ITEMS, PEMAT_NA_ALLOWED, "PEMAT-P"),
                                          ("cci_items", CCI_ITEMS, CCI_NA_ALLOWED, "CCI")):
        answers: dict[int, str] = {}
        for i, entry in enumerate(doc.get(key) or []):
            item, answer = entry.get("item"), entry.get("answer", "")
            line = _line_of(node, [key, i])
            if item not in items:
                raise InputError(f"{name} line {line}: {label} has no item {item!r}; use the item numbers already in the sheet.")
            if item in answers:
                raise InputError(f"{name} line {line}: {label} item {item} appears twice; keep one answer per item.")
            if answer == "n/a" and item not in na_allowed:
                raise InputError(f"{name} line {line}: {label} item {item} cannot be n/a on this sheet; answer it ({'agree or disagree' if label == 'PEMAT-P' else 'yes or no'}).")
            answers[item] = answer
        absent = sorted(set(items) - set(answers))
        if absent:
            raise InputError(f"{name}: {label} item(s) {', '.join(map(str, absent))} are missing; restore them from git, with an empty answer if unsure.")
        sheets[key] = answers
    return ScoreSheet(name, str(doc.get("material", "")), str(doc.get("version", "")), str(doc.get("rater") or ""),
                      sheets["pemat_p"], sheets["cci_items"],
                      {k: str(v or "") for k, v in (doc.get("open_questions") or {}).items()})


# --- change logs -----------------------------------------------------------------------------------

def _squash(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def load_change_log(path: Path, drafts: dict[str, Draft], sources: dict[str, Any], root: Path = ROOT) -> dict[str, Any]:
    """One change log: reasons from the fixed list, sources that exist, spans that are in the draft."""
    doc, node = load_yaml(path, root)
    name = rel(path, root)
    if isinstance(doc, dict):
        for entry in doc.get("changes") or []:
            if isinstance(entry, dict) and isinstance(entry.get("reason"), str):
                entry["reason"] = entry["reason"].strip().lower().replace("_", " ").replace("-", " ")
    _schema_check(doc, node, path, "changelog.schema.json", root)
    if not isinstance(doc, dict):
        raise InputError(f"{name} is not a change log; restore it from git.")
    draft = drafts.get(str(doc.get("draft")))
    if draft is None:
        raise InputError(f"{name}: draft {doc.get('draft')!r} is not in data/drafts.csv; use one of {', '.join(sorted(drafts))}.")
    entries = []
    for i, entry in enumerate(doc.get("changes") or []):
        line = _line_of(node, ["changes", i])
        span, change = str(entry.get("span") or ""), str(entry.get("change") or "")
        if not change.strip():
            entries.append({**entry, "filled": False})
            continue
        if span and _squash(span) not in _squash(draft.text):
            raise InputError(f"{name} line {line}: the span {span[:60]!r} is not in {draft.draft_id}'s text; copy the exact words from data/drafts.csv (or leave span empty for an addition).")
        if entry.get("reason") not in REASONS:
            raise InputError(f"{name} line {line}: give a reason, one of {', '.join(REASONS)}.")
        source = str(entry.get("source") or "")
        if source and source not in sources and source != "none":
            raise InputError(f"{name} line {line}: source {source!r} is not in data/sources.csv; use a source id such as {next(iter(sources))} or none.")
        entries.append({**entry, "filled": True})
    return {"path": name, "draft": draft.draft_id, "entries": entries}
