"""Read a job posting: likeliest lanes and roles, green and red flags with the sentence behind each,
questions to ask before applying, and fit against a background.

The lexicon is English; pasted HTML is reduced to its text first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from scaffolder import catalog
from scaffolder.career import data
from scaffolder.exceptions import InvalidAnswerError

MAX_BYTES = 2 << 20
MIN_WORDS = 25
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n\s*[-*•\u2022]?\s*|\n")
_WORD = re.compile(r"[^\W\d_][\w'-]*")


class _Text(HTMLParser):
    """Collects the text of an HTML page, dropping scripts and styles, breaking lines at blocks."""

    BLOCKS = frozenset({"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "ul", "ol"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, text: str) -> None:
        if not self._skip:
            self.parts.append(text)


def html_to_text(markup: str) -> str:
    """The visible text of pasted HTML."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def decode_posting(raw: bytes, source: str) -> str:
    """Posting bytes to text; one clear sentence for anything that is not a readable English posting."""
    if len(raw) > MAX_BYTES:
        raise InvalidAnswerError(f"{source} is {len(raw) / 2**20:.1f} MB; a job posting is a few pages of text, so "
                                 "paste just the posting (at most 2 MB).")
    if b"\x00" in raw[:8192]:
        raise InvalidAnswerError(f"{source} looks like a binary file; save the posting as plain text, Markdown or HTML.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if re.search(r"<(?:html|body|div|p|li|br|h[1-6])\b", text, re.IGNORECASE):
        text = html_to_text(text)
    words = _WORD.findall(text)
    if not words:
        raise InvalidAnswerError(f"{source} holds no text; paste the job posting into it and try again.")
    common = set(data.raw()["english_words"])
    english = sum(1 for w in words if w.lower() in common)
    if len(words) >= 20 and english / len(words) < 0.10:
        raise InvalidAnswerError(f"{source} does not look like English; the posting lexicon is English, so use an "
                                 "English version of the posting.")
    if len(words) < MIN_WORDS:
        raise InvalidAnswerError(f"{source} has only {len(words)} words; paste the whole posting (duties and "
                                 "requirements), not just the title.")
    return text


def read_posting(path: str | Path, stdin: bytes | None = None) -> tuple[str, str]:
    """(text, source name) from a file path, or from ``stdin`` when the path is ``-``."""
    if str(path) == "-":
        return decode_posting(stdin or b"", "The posting on standard input"), "standard input"
    target = Path(path)
    if target.is_dir():
        raise InvalidAnswerError(f"{target} is a folder; give the file that holds the posting, or - for standard input.")
    try:
        with target.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise InvalidAnswerError(f"There is no file {target}; check the path, or pass - and paste the posting.") from exc
    except OSError as exc:
        raise InvalidAnswerError(f"Cannot read {target} ({exc.strerror or exc}); check its permissions.") from exc
    return decode_posting(raw, str(target)), str(target)


def sentences(text: str) -> list[str]:
    """The posting's sentences and bullet lines, stripped of Markdown decoration."""
    found = []
    for part in _SENTENCE.split(text):
        clean = re.sub(r"[#*_`>]+", " ", part)
        clean = " ".join(clean.split())
        if len(clean) > 2:
            found.append(clean)
    return found


@dataclass(frozen=True)
class FlagHit:
    """A flag found, with the sentence that triggered it."""

    id: str
    kind: str
    label: str
    sentence: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "kind": self.kind, "label": self.label, "sentence": self.sentence}


@dataclass(frozen=True)
class RoleMatch:
    """A role the posting resembles, with the words that matched."""

    role: str
    title: str
    lane: str
    score: float
    matched: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "title": self.title, "lane": self.lane, "score": self.score,
                "matched": list(self.matched)}


@dataclass
class PostingReport:
    """What ``prooflane posting`` found."""

    source: str
    lanes: list[tuple[str, float, list[str]]] = field(default_factory=list)
    roles: list[RoleMatch] = field(default_factory=list)
    green: list[FlagHit] = field(default_factory=list)
    red: list[FlagHit] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    background: str | None = None
    fit: int | None = None
    fit_note: str = ""
    project: dict[str, str] | None = None

    def flag_ids(self) -> set[str]:
        return {h.id for h in self.green + self.red}

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "lanes": [{"lane": lane, "score": score, "matched": words} for lane, score, words in self.lanes],
            "roles": [r.to_dict() for r in self.roles],
            "green_flags": [h.to_dict() for h in self.green],
            "red_flags": [h.to_dict() for h in self.red],
            "questions": self.questions,
            "background": self.background,
            "fit": self.fit,
            "fit_note": self.fit_note,
            "suggested_project": self.project,
        }


def _first(patterns: tuple[re.Pattern[str], ...] | list[re.Pattern[str]], lines: list[str],
           *, affirmed: bool = False) -> str | None:
    """The first line a pattern matches (with ``affirmed``, not right after "replaces", "without" ...)."""
    negation = data.pattern("negation_before") if affirmed else None
    for line in lines:
        for p in patterns:
            for m in p.finditer(line):
                if negation is None or not negation.search(line[: m.start()]):
                    return line
    return None


def _flags(lines: list[str], text: str) -> list[FlagHit]:
    hits: list[FlagHit] = []
    by_id = {f.id: f for f in data.flags()}
    for flag in data.flags():
        if flag.computed:
            continue
        line = _first(flag.cues, lines, affirmed=flag.kind == "green")
        if line is not None:
            hits.append(FlagHit(flag.id, flag.kind, flag.label, line))
    found = {h.id for h in hits}
    patient = _first([data.pattern("patient_data_cues")], lines)
    if patient is not None and "privacy" not in found:
        f = by_id["privacy_silence"]
        hits.append(FlagHit(f.id, f.kind, f.label, patient))
    entry = _first([data.pattern("entry_cues")], lines)
    if entry is not None:
        families = [name for name, rx in data.skill_families().items() if rx.search(text)]
        if len(families) >= int(data.raw()["kitchen_sink_families"]):
            f = by_id["kitchen_sink"]
            hits.append(FlagHit(f.id, f.kind, f"{f.label} ({', '.join(families)})", entry))
    return hits


def _lanes(text: str) -> list[tuple[str, float, list[str]]]:
    scored = []
    for lane, patterns in data.lane_keywords().items():
        words = sorted({m.group(0).lower() for p in patterns for m in p.finditer(text)})
        if words:
            scored.append((lane, float(len(words)), words))
    return sorted(scored, key=lambda t: (-t[1], t[0]))


def _roles(text: str, lanes: list[tuple[str, float, list[str]]]) -> list[RoleMatch]:
    lane_score = {lane: score for lane, score, _ in lanes}
    found = []
    for role in catalog.load().roles:
        words = tuple(k for k in role.keywords
                      if re.search(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", text, re.IGNORECASE))
        title = bool(re.search(re.escape(role.title), text, re.IGNORECASE))
        score = len(words) * 2 + lane_score.get(role.lane, 0.0) + (4 if title else 0)
        if words or title:
            found.append(RoleMatch(role.id, role.title, role.lane, score, words))
    return sorted(found, key=lambda r: -r.score)[:5]


def _questions(text: str, hits: list[FlagHit], lanes: list[tuple[str, float, list[str]]]) -> list[str]:
    found = {h.id for h in hits}
    patient = data.pattern("patient_data_cues").search(text) is not None
    close = len(lanes) < 2 or lanes[1][1] >= lanes[0][1] * 0.75
    asked = []
    for q in data.questions():
        if q.ask_if_lanes_close:
            ask = close
        elif q.ask_unless_cue is not None:
            ask = q.ask_unless_cue.search(text) is None
        else:
            ask = not (set(q.ask_unless) & found) or (q.ask_if_patient_data and patient and "privacy_silence" in found)
        if ask:
            asked.append(q.text)
    return asked


def analyse(text: str, source: str = "posting", background: str | None = None) -> PostingReport:
    """Lanes, roles, flags, questions and (with ``background``) fit for one posting's text."""
    cat = catalog.load()
    bg = cat.background(background) if background else None
    lines = sentences(text)
    lanes = _lanes(text)
    hits = _flags(lines, text)
    report = PostingReport(source=source, lanes=lanes, roles=_roles(text, lanes),
                           green=[h for h in hits if h.kind == "green"], red=[h for h in hits if h.kind == "red"],
                           questions=_questions(text, hits, lanes))
    if report.roles:
        top = cat.role(report.roles[0].role)
        kind = next((cat.kind(k) for k in (top.project_kind, *top.alternate_kinds) if cat.kind(k).built),
                    cat.kind(top.project_kind))
        report.project = {"kind": kind.id, "title": kind.title, "role": top.id,
                          "command": f"prooflane new {top.id}"}
        if bg is not None:
            report.background = bg.id
            report.fit = max((cat.role(r.role).fit.get(bg.id, 0) for r in report.roles[:3]), default=0)
            best = max(report.roles[:3], key=lambda r: cat.role(r.role).fit.get(bg.id, 0))
            report.fit_note = (f"{bg.label} fits {best.title} {cat.role(best.role).fit.get(bg.id, 0)}/3"
                               if report.fit else f"none of the closest roles lists {bg.label} as a fitting background")
    return report
