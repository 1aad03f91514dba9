"""Walking paths, reading files, and running every rule over their text.

Text files are read in chunks cut at line ends (so a 50 MB file never sits in memory twice and line
numbers stay right); bytes that are not UTF-8 are replaced and reported. Images and other binary
files are not read: they are listed for a person to confirm. Declared synthetic data that is
byte-identical to what prooflane generated is not scanned again.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import tarfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from scaffolder import disclaimers
from scaffolder.check import (
    rules_claims,
    rules_claims_forms,
    rules_clinical,
    rules_own,
    rules_people,
    rules_phi,
    rules_places,
    rules_project,
    rules_records,
    rules_table,
    rules_vendors,
    suppress,
    textindex,
)
from scaffolder.check.cues import Cues
from scaffolder.check.hits import Hit, lower_same_length, mask_spans
from scaffolder.check.model import STRUCTURED_CATEGORIES, CheckReport, Finding, LineIndex, Problem, ToConfirm
from scaffolder.check.rules_project import ProjectContext
from scaffolder.exceptions import ManifestError
from scaffolder.manifest import MANIFEST_NAME, read, sha256_file
from scaffolder.markers import FILL_RE
from scaffolder.update.snapshot import SNAPSHOT

CHUNK_BYTES = 4 << 20
DEFAULT_MAX_BYTES = 64 << 20
MAX_FINDINGS_PER_KIND = 1000
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache",
    ".ruff_cache", ".tox", ".nox", ".ipynb_checkpoints", ".eggs", "site-packages", ".cache",
})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif",
                            ".ico", ".dcm", ".dicom", ".nii", ".raw", ".cr2", ".nef"})
BINARY_SUFFIXES = frozenset({
    ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".ppt", ".odt", ".ods", ".zip", ".gz", ".tgz", ".bz2", ".xz",
    ".7z", ".tar", ".parquet", ".feather", ".arrow", ".pkl", ".pickle", ".db", ".sqlite", ".sqlite3", ".duckdb",
    ".h5", ".hdf5", ".npy", ".npz", ".rds", ".rdata", ".sav", ".dta", ".sas7bdat", ".mp3", ".wav", ".m4a", ".mp4",
    ".mov", ".avi", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".pyc", ".so", ".dll", ".exe", ".bin", ".whl",
    ".jar", ".class", ".o", ".a",
})
_BLOB_SUFFIXES = frozenset({".ipynb", ".json", ".html", ".htm", ".svg", ".xml", ".js", ".css"})
CODE_SUFFIXES = frozenset({".py", ".js", ".ts", ".tsx", ".jsx", ".sql", ".r", ".sh", ".yml", ".yaml", ".toml", ".cfg", ".ini",
                           ".json", ".ipynb", ".java", ".go", ".rs", ".rb", ".c", ".h", ".cpp", ".cs", ".kt", ".swift",
                           ".css", ".scss", ".lock", ".txt.in", ".mk"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".jsonl", ".ndjson"})
_BLOB_RE = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s\\]+|[A-Za-z0-9+/]{160,}={0,2}")
_JSON_ESCAPE_RE = re.compile(r"\\[nrt]")
_WORD_CUES = tuple(sorted({*rules_phi.WORD_CUES, *rules_claims.WORD_CUES}))


@dataclass
class Options:
    """How to scan: size cap, glob patterns to exclude, which rule families to run."""

    max_bytes: int = DEFAULT_MAX_BYTES
    exclude: tuple[str, ...] = ()
    allow_truncated: bool = False
    show_values: bool = False
    phi: bool = True
    claims: bool = True
    project: bool = True


@dataclass
class _State:
    report: CheckReport
    options: Options
    projects: dict[Path, tuple[ProjectContext, Path | None]] = field(default_factory=dict)
    seen_files: set[tuple[int, int]] = field(default_factory=set)
    jobs: list[tuple[Path, str]] = field(default_factory=list)  # files to scan, in walk order
    roots: list[Path] = field(default_factory=list)  # the scanned folders: no manifest above them applies
    job_sizes: list[int] = field(default_factory=list)
    # Hits (without FILL markers) of texts already scanned in this run, by (text, suffix, allowed names): a
    # project's base snapshot holds the same bytes as most of its files, and scanning them again finds the same.
    memo: dict[tuple[str, str, frozenset[str], bool], list[Hit]] = field(default_factory=dict)
    memo_chars: int = 0


MEMO_CHARS = 64_000_000  # texts kept for reuse in one run, at most (about 64 MB of text)


def _text_hits(state: _State, text: str, suffix: str, fills: bool, allowed: frozenset[str],
               names_and_places: bool = True, in_project: bool = False) -> list[Hit]:
    """``scan_text`` hits for one text of this run, found once for identical texts (FILL markers apart)."""
    key = (text, suffix, allowed, names_and_places, in_project)
    hits = state.memo.get(key)
    if hits is None:
        options = state.options
        hits, _ = scan_text(text, suffix=suffix, phi=options.phi, claims=options.claims, fills=False,
                            allowed_names=allowed, names_and_places=names_and_places, in_project=in_project)
        if state.memo_chars + len(text) <= MEMO_CHARS:
            state.memo[key] = hits
            state.memo_chars += len(text)
    return hits + list(rules_project.fills(text)) if fills else list(hits)


# --------------------------------------------------------------------------- text scanning


def scan_text(
    text: str, *, suffix: str = ".md", phi: bool = True, claims: bool = True, fills: bool = True,
    allowed_names: frozenset[str] = frozenset(), names_and_places: bool = True, in_project: bool = False,
) -> tuple[list[Hit], list[tuple[int, int]]]:
    """All hits in one piece of text, and the spans masked from the phi/claim rules.

    This is the pure core that files, notebooks and tests go through. ``names_and_places=False`` leaves
    out the name and place lexicon rules (for unchanged synthetic data, where only shaped identifiers count).
    ``in_project``: the text is a prooflane project's, whose personas go by the pools' first names alone.
    """
    textindex.forget()  # the word index of the previous text is not needed again
    masked_spans: list[tuple[int, int]] = []
    marked = "prooflane:" in text
    if marked and "prooflane:disclaimer" in text:
        masked_spans += [m.span() for m in disclaimers.find_blocks(text)]
    if "[FILL" in text:
        masked_spans += [m.span() for m in FILL_RE.finditer(text)]
    if marked:
        masked_spans += [m.span() for m in suppress.DIRECTIVE_RE.finditer(text)]
    if "base64," in text or (suffix in _BLOB_SUFFIXES and len(text) > 160):
        masked_spans += [m.span() for m in _BLOB_RE.finditer(text)]
    masked = mask_spans(text, masked_spans)
    if suffix in {".ipynb", ".json"} and "\\" in masked:
        masked = _JSON_ESCAPE_RE.sub("  ", masked)
    hits: list[Hit] = []
    low = lower_same_length(masked)
    claims = claims and suffix not in TABLE_SUFFIXES
    # With claims to look for, the word-start cues of both families are found in one pass; without
    # them (tables) the few phi word cues are cheaper to search for one by one.
    cues = Cues(low, _WORD_CUES if claims else ())
    if phi:
        hits += rules_phi.scan(masked, low, cues)
        # The lexicon rules read prose, notes and records; source code gets the shape rules above. Lines that
        # say they are fictional (FAKE- ids, "synthetic") are blanked for them, offsets kept.
        code = suffix in CODE_SUFFIXES and suffix not in (".json", ".xml")
        real = _without_fiction(masked)
        if "://" in low or "urn:" in low or "harbo" in low:  # URLs, "Safe Harbor"
            real = _NOT_PLACES_RE.sub(lambda m: " " * len(m.group(0)), real)
        if not code and names_and_places:
            pool = rules_phi.POOL_WORDS if in_project else rules_phi.pool_words_in(masked)
            hits += _new_only(hits, rules_people.scan(real, allowed=allowed_names, pool=pool, code=suffix in CODE_SUFFIXES))
            if suffix not in TABLE_SUFFIXES:
                hits += _new_only(hits, rules_places.scan(real, rules_phi.POOL_WORDS))
        hits += _new_only(hits, rules_clinical.scan(real))
        hits += _new_only(hits, rules_records.scan(masked))
    if phi:
        hits = rules_own.not_about_a_patient(hits, masked, allowed_names)
    if claims:
        hits += rules_claims.scan(masked, low, cues)
        if suffix not in CODE_SUFFIXES or suffix in (".ipynb",):
            hits += _new_only(hits, rules_claims_forms.scan(masked))
    if fills:
        hits += rules_project.fills(text)
    return hits, masked_spans


# Web addresses are no names or places, and neither is HIPAA's "Safe Harbor" method ("the 18 Safe Harbor identifiers").
_NOT_PLACES_RE = re.compile(r"\b(?:https?|ftp)://[^\s\"'<>)]+|\burn:[a-z0-9][a-z0-9-]*:[^\s\"'<>]+|\bsafe[ \t-]+harbou?r\b",
                            re.IGNORECASE)

_FICTION_HINT_RE = re.compile(textindex.alternation(["fake-", "fictional", "fictitious", "synthetic", "invented",
                                                       "made-up", "placeholder"]))


def _without_fiction(text: str) -> str:
    """``text`` with every line that says it is fictional blanked (same offsets)."""
    from scaffolder.check.hits import FICTION_RE

    if text.isascii() and text.count("FAKE-") > 256:
        # data made of FAKE- ids: line by line is cheaper, and in ASCII the same as the hint-led search below
        search = FICTION_RE.search
        return "\n".join(" " * len(line) if search(line) else line for line in text.split("\n"))
    spans: list[tuple[int, int]] = []
    last_end = -1
    for m in _FICTION_HINT_RE.finditer(lower_same_length(text)):
        if m.start() < last_end or FICTION_RE.match(text, m.start()) is None:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else end
        spans.append((start, end))
        last_end = end
    return mask_spans(text, spans) if spans else text


def _new_only(hits: list[Hit], extra: Iterable[Hit]) -> list[Hit]:
    """The hits of ``extra`` that do not overlap a hit of the same family (phi, claim) already found.

    The older, more specific rules run first, so "fax 608.263.1190" stays a fax and an e-mail address
    is not also a name.
    """
    from bisect import bisect_left, insort

    taken: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        insort(taken.setdefault(h.category.split(".")[0], []), (h.start, h.end))
    out: list[Hit] = []
    for h in extra:
        spans = taken.setdefault(h.category.split(".")[0], [])
        i = bisect_left(spans, (h.start, h.end))
        near = spans[max(0, i - 8):i + 8]
        if any((h.start < e and s < h.end) or h.start == s for s, e in near):
            continue
        insort(spans, (h.start, h.end))
        out.append(h)
    return out


_PAREN_RE = re.compile(r" ?\(([^()]{1,200})\)")
_QUOTED_RE = re.compile(r"'([^']{1,200})'")


def without_value(message: str, text: str, pos: int) -> str:
    """``message`` with any quoted or bracketed piece of the scanned line taken out: a report never
    repeats the identifier it found (``--show-values`` adds it back for local use)."""
    if "(" not in message and "'" not in message:
        return message
    start = text.rfind("\n", max(0, pos - 2000), pos) + 1
    end = text.find("\n", pos, pos + 2000)
    line = text[start:end if end != -1 else min(len(text), pos + 2000)]
    message = _PAREN_RE.sub(lambda m: "" if m.group(1).strip() and m.group(1).strip() in line else m.group(0), message)
    return _QUOTED_RE.sub(lambda m: "this text" if m.group(1).strip() and m.group(1).strip() in line else m.group(0),
                          message)


def _hits_to_findings(
    hits: list[Hit], text: str, display: str, line_offset: int, state: _State, counts: dict[str, int]
) -> None:
    index = LineIndex(text)
    directives, invalid = suppress.parse(text, lambda off: index.position(off)[0])
    seen: set[tuple[str, int]] = set()
    report = state.report
    for hit in sorted(hits + invalid, key=lambda h: (h.start, h.category)):
        key = (hit.category, hit.start)
        if key in seen:
            continue
        seen.add(key)
        line, column = index.position(hit.start)
        directive = next((d for d in directives if d.covers(hit.category, line)), None)
        if hit.category != "suppression.invalid" and directive is not None:
            report.suppressed += 1
            report.suppressions.append((Finding(display, line + line_offset, column, hit.category, hit.severity,
                                                without_value(hit.message, text, hit.start), hit.suggestion),
                                        directive.reason))
            continue
        counts[hit.category] = counts.get(hit.category, 0) + 1
        if counts[hit.category] > MAX_FINDINGS_PER_KIND:
            continue
        value = text[hit.start:hit.end]
        report.findings.append(Finding(display, line + line_offset, column, hit.category, hit.severity,
                                       without_value(hit.message, text, hit.start),
                                       hit.suggestion, value[:200] if state.options.show_values else None))


# --------------------------------------------------------------------------- projects


def _project_for(path: Path, state: _State) -> tuple[ProjectContext, Path | None]:
    """The nearest project (a folder holding .prooflane.json) at or above ``path``'s folder."""
    directory = path.absolute().parent
    chain: list[Path] = []
    result: tuple[ProjectContext, Path | None] = (ProjectContext(), None)
    for candidate in [directory, *directory.parents]:
        if candidate in state.projects:  # (only folders inside the scanned paths are remembered)
            result = state.projects[candidate]
            break
        if state.roots and not any(candidate == r or r in candidate.parents for r in state.roots):
            break  # a manifest in a folder above the scanned path is not applied
        chain.append(candidate)
        manifest_path = candidate / MANIFEST_NAME
        if manifest_path.is_file():
            try:
                manifest = read(candidate)
                result = (ProjectContext(root_rel=str(candidate), manifest=manifest,
                                         synthetic=frozenset(manifest.synthetic_data)), candidate)
            except ManifestError as exc:
                state.report.problems.append(Problem(
                    str(manifest_path), "error", f"{exc} Disclaimer and data checks were skipped for this project."))
                result = (ProjectContext(root_rel=str(candidate)), candidate)
            break
    for seen in chain:
        state.projects[seen] = result
    return result


# --------------------------------------------------------------------------- files


def _display(arg: str, base: Path, path: Path) -> str:
    if path == base:
        return arg
    return (PurePosixPath(arg.replace(os.sep, "/")) / path.relative_to(base).as_posix()).as_posix()


def _is_binary(head: bytes, suffix: str) -> bool:
    return suffix in IMAGE_SUFFIXES or suffix in BINARY_SUFFIXES or b"\x00" in head


def _read_chunks(handle: BinaryIO, limit: int, head: bytes = b"") -> Iterator[tuple[bytes, bool]]:
    """Byte chunks cut after a newline, starting with ``head`` (already read from ``handle``);
    the flag says the limit was reached."""
    remaining = limit
    carry = b""
    while True:
        size = min(CHUNK_BYTES, max(remaining, 0))
        block, head = head[:size], head[size:]
        if len(block) < size:
            block += handle.read(size - len(block))
        remaining -= len(block)
        if not block:
            if carry:
                yield carry, False
            return
        data = carry + block
        cut = data.rfind(b"\n")
        if remaining <= 0:
            yield data, bool(head) or handle.read(1) != b""
            return
        if cut == -1 and len(data) < 4 * CHUNK_BYTES:
            carry = data
            continue
        cut = len(data) - 1 if cut == -1 else cut
        yield data[: cut + 1], False
        carry = data[cut + 1:]


def queue_file(path: Path, display: str, state: _State) -> None:
    """Add a regular file to the files to scan, once however many paths lead to it."""
    try:
        stat = path.stat()
    except OSError as exc:
        state.report.problems.append(Problem(display, "error", _os_message(exc, "file")))
        return
    key = (stat.st_dev, stat.st_ino)
    if key not in state.seen_files:
        state.seen_files.add(key)
        state.jobs.append((path, display))
        state.job_sizes.append(stat.st_size)


def scan_file(path: Path, display: str, state: _State) -> None:
    """Scan one regular file into the report (the file is opened once)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        state.report.problems.append(Problem(display, "error", _os_message(exc, "file")))
        return
    with handle:
        _scan_open_file(path, display, state, handle)


def _scan_open_file(path: Path, display: str, state: _State, handle: BinaryIO) -> None:
    report, options = state.report, state.options
    suffix = path.suffix.lower()
    try:
        head = handle.read(8192)
    except OSError as exc:
        report.problems.append(Problem(display, "error", _os_message(exc, "file")))
        return
    ctx, root = _project_for(path, state) if options.project else (ProjectContext(), None)
    rel = path.absolute().relative_to(root).as_posix() if root is not None else path.name
    in_project = ctx.manifest is not None
    generated_hash = ctx.manifest.files.get(rel) if in_project else None

    changed: bool | None = None

    def has_changed() -> bool:
        nonlocal changed
        if changed is None:
            try:
                changed = generated_hash is None or sha256_file(path) != generated_hash
            except OSError:
                changed = True
        return changed

    data_like = options.project and rules_project.is_data_file(rel if root is not None else display)
    if data_like:
        # A manifest hash never exempts a file: declared synthetic data is still scanned for identifiers
        # outside the reserved ranges (only the "undeclared" note depends on the manifest).
        hit = rules_project.data_file(rel, ctx, has_changed() if rel in ctx.synthetic else True)
        if hit is not None:
            report.findings.append(Finding(display, 1, 1, hit.category, hit.severity, hit.message, hit.suggestion))

    structured_only = bool(data_like and _declared_synthetic(rel, ctx) and not has_changed())
    bom = _bom_codec(head)
    if bom is not None:
        _scan_wide_text(path, display, state, handle, head, bom, ctx, generated_hash, in_project)
        return
    if in_project and rel == SNAPSHOT:
        _scan_snapshot(path, display, state, ctx)
        return
    if _is_binary(head, suffix):
        if generated_hash is not None and not has_changed():
            return
        kind = "an image" if suffix in IMAGE_SUFFIXES else "a binary file"
        what = ("make sure it shows no real person's face, no real screen and no real record"
                if suffix in IMAGE_SUFFIXES else "make sure it holds no real records")
        report.to_confirm.append(ToConfirm(display, f"{kind} that check cannot read: {what}."))
        return

    report.files_scanned += 1
    counts: dict[str, int] = {}
    line_offset = 0
    columns: dict[int, tuple[str, str]] | None = None
    bad_utf8 = False
    first = True
    try:
        for raw, truncated in _read_chunks(handle, options.max_bytes, head):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", errors="replace")
                bad_utf8 = True
            if first and text.startswith("\ufeff"):
                text = " " + text[1:]
            report.bytes_scanned += len(raw)
            hits = _text_hits(state, text, suffix, options.project, ctx.author_names, not structured_only, in_project)
            if in_project and suffix not in TABLE_SUFFIXES and suffix not in CODE_SUFFIXES:
                hits += list(rules_vendors.scan(text))
            if first and options.project and suffix in rules_project.DISCLAIMER_SUFFIXES:
                hits += rules_project.disclaimer(text, suffix, generated_hash is not None, in_project,
                                                 disclaimers.load().version)
            if options.project:
                hits += list(rules_project.conflicts(text))
                if first and in_project and ctx.manifest is not None and ctx.manifest.unfinished:
                    hits += list(rules_project.unanswered(text, rel, ctx.manifest.unfinished))
            if options.phi and suffix in {".csv", ".tsv"}:
                columns, table_hits = _table_hits(text, suffix, hits, columns)
                hits += table_hits
            if structured_only:
                hits = _shaped_only(hits)
            if suffix == ".ipynb" and '"image/' in text and (generated_hash is None or has_changed()):
                report.to_confirm.append(ToConfirm(display, "a notebook with image outputs: make sure no image shows a real "
                                                            "person, screen or record."))
            _hits_to_findings(hits, text, display, line_offset, state, counts)
            line_offset += text.count("\n")
            first = False
            if truncated:
                report.problems.append(Problem(display, "info" if options.allow_truncated else "error",
                                               f"Only the first {options.max_bytes // (1 << 20)} MB of this file were scanned; "
                                               "split it, raise the limit with --max-mb, or accept it with --allow-truncated."))
    except OSError as exc:
        report.problems.append(Problem(display, "error", _os_message(exc, "file")))
        return
    if bad_utf8:
        report.problems.append(Problem(display, "warning", "This file is not valid UTF-8; it was scanned with the "
                                                           "undecodable bytes replaced. Save it as UTF-8 to scan it exactly."))
    for category, count in counts.items():
        if count > MAX_FINDINGS_PER_KIND:
            report.problems.append(Problem(display, "info", f"{count - MAX_FINDINGS_PER_KIND} more {category} findings in this "
                                                            "file are not listed."))


def _declared_synthetic(rel: str, ctx: ProjectContext) -> bool:
    """True for a data file the manifest declares as prooflane's synthetic data."""
    return rel in ctx.synthetic and rules_project.is_data_file(rel)


def _shaped_only(hits: list[Hit]) -> list[Hit]:
    """The hits that count in unchanged synthetic data: its names, places and dates come from the fictional
    pools by construction, so only shaped identifiers (SSN, phone, e-mail, record numbers ...) are kept."""
    return [h for h in hits if not h.category.startswith("phi.") or h.category in STRUCTURED_CATEGORIES]


def _scan_snapshot(path: Path, display: str, state: _State, ctx: ProjectContext) -> None:
    """The base snapshot prooflane keeps for updates: each member is scanned as the text file it holds.

    Markers and disclaimers inside it are prooflane's copies, so only identifiers and claims are looked for.
    """
    from scaffolder.update.snapshot import MAX_MEMBER, unpack

    report, options = state.report, state.options
    try:
        if path.stat().st_size > options.max_bytes:
            raise ValueError("too large")
        members = unpack(path.read_bytes())
    except (OSError, ValueError, EOFError, tarfile.TarError, zlib.error):
        report.to_confirm.append(ToConfirm(display, "a file in prooflane's state folder that is not a readable "
                                                    "snapshot: make sure it holds no real records, or delete it."))
        return
    report.files_scanned += 1
    files = ctx.manifest.files if ctx.manifest is not None else {}
    for name, data in sorted(members.items()):
        text = data[:MAX_MEMBER].decode("utf-8", errors="replace")
        report.bytes_scanned += len(data)
        suffix = Path(name).suffix.lower()
        # synthetic data exactly as the manifest records it: shaped identifiers only, as for the file itself
        structured_only = _declared_synthetic(name, ctx) and hashlib.sha256(data).hexdigest() == files.get(name)
        hits = _text_hits(state, text, suffix, False, ctx.author_names, not structured_only, ctx.manifest is not None)
        if structured_only:
            hits = _shaped_only(hits)
        _hits_to_findings(hits, text, f"{display}:{name}", 0, state, {})


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _bom_codec(head: bytes) -> str | None:
    """The codec of a UTF-16 or UTF-32 file that starts with its byte-order mark."""
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def _scan_wide_text(path: Path, display: str, state: _State, handle: BinaryIO, head: bytes, codec: str,
                    ctx: ProjectContext, generated_hash: str | None, in_project: bool) -> None:
    """Decode a UTF-16/32 file (up to the size limit) and scan it like any text file."""
    report, options = state.report, state.options
    raw = head + handle.read(max(options.max_bytes - len(head), 0))
    truncated = handle.read(1) != b""
    text = raw.decode(codec, errors="replace").replace("\r\n", "\n")
    report.files_scanned += 1
    report.bytes_scanned += len(raw)
    suffix = path.suffix.lower()
    hits, _ = scan_text(text, suffix=suffix, phi=options.phi, claims=options.claims, fills=options.project,
                        allowed_names=ctx.author_names, in_project=in_project)
    if options.project and suffix in rules_project.DISCLAIMER_SUFFIXES:
        hits += rules_project.disclaimer(text, suffix, generated_hash is not None, in_project, disclaimers.load().version)
    _hits_to_findings(hits, text, display, 0, state, {})
    if truncated:
        report.problems.append(Problem(display, "info" if options.allow_truncated else "error",
                                       f"Only the first {options.max_bytes // (1 << 20)} MB of this file were scanned; "
                                       "split it, raise the limit with --max-mb, or accept it with --allow-truncated."))


def _table_hits(
    text: str, suffix: str, hits: list[Hit], columns: dict[int, tuple[str, str]] | None
) -> tuple[dict[int, tuple[str, str]], list[Hit]]:
    columns, rows = rules_table.scan(text, columns, "\t" if suffix == ".tsv" else ",")
    if not rows:
        return columns, []
    index = LineIndex(text)
    taken = {(index.position(h.start)[0], h.category) for h in hits}
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    extra: list[Hit] = []
    for line, _column, category, header in rows:
        if (line, category) in taken or line - 1 >= len(starts):
            continue
        taken.add((line, category))
        offset = starts[line - 1]
        extra.append(Hit(offset, offset, category, "error",
                         f"The column '{header}' holds a value that identifies a person.",
                         "Replace the column with FAKE- ids or synthetic values, or drop it before sharing."))
    return columns, extra


def _os_message(exc: OSError, what: str) -> str:
    if exc.errno == errno.ELOOP:
        return "This is a symbolic link loop (it points back to itself); it was skipped. Remove or fix the link."
    if isinstance(exc, PermissionError):
        return f"This {what} cannot be read (permission denied); it was not scanned. Make it readable or exclude it."
    if isinstance(exc, FileNotFoundError):
        return f"This {what} disappeared or is a broken link; it was not scanned."
    return f"This {what} cannot be read ({exc.strerror or exc}); it was not scanned."


# --------------------------------------------------------------------------- walking


def _excluded(display: str, options: Options) -> bool:
    from fnmatch import fnmatch

    name = display.rsplit("/", 1)[-1]
    return any(fnmatch(display, pat) or fnmatch(name, pat) for pat in options.exclude)


def scan_path(arg: str, state: _State) -> None:
    """Scan one command-line path (file or folder)."""
    report = state.report
    base = Path(arg)
    try:
        if not os.path.lexists(base):
            report.usage_errors.append(f"{arg}: no such file or folder; check the path.")
            return
        base.stat()
    except OSError as exc:
        report.problems.append(Problem(arg, "error", _os_message(exc, "path")))
        return
    if base.is_file():
        state.roots.append(base.absolute().parent)
        queue_file(base, arg, state)
        return
    if not base.is_dir():
        report.to_confirm.append(ToConfirm(arg, "not a regular file or folder; it was not read."))
        return
    state.roots.append(base.absolute())
    try:
        real_base = base.resolve()
    except (OSError, RuntimeError):
        real_base = base.absolute()
    visited: set[tuple[int, int]] = set()
    stack = [base]
    while stack:
        directory = stack.pop()
        display_dir = _display(arg, base, directory)
        try:
            st = directory.stat()
            if (st.st_dev, st.st_ino) in visited:
                report.problems.append(Problem(display_dir, "warning", "This folder link points back to a folder already "
                                                                      "scanned (a symbolic link loop); it was skipped."))
                continue
            visited.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            report.problems.append(Problem(display_dir, "error", _os_message(exc, "folder")))
            continue
        subdirs: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            display = _display(arg, base, path)
            if _excluded(display, state.options):
                continue
            if _undecodable(entry.name):
                report.problems.append(Problem(_printable(display), "warning",
                                               "This file name is not valid UTF-8; it is shown with replacement "
                                               "characters. Rename it to scan it under its real name."))
                display = _printable(display)
            if entry.is_symlink() and not _inside(path, real_base):
                report.to_confirm.append(ToConfirm(display, "a symbolic link to a place outside the scanned folder; "
                                                            "it was listed, not followed."))
                continue
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError as exc:
                report.problems.append(Problem(display, "warning", _os_message(exc, "path")))
                continue
            if is_dir:
                if entry.name in SKIP_DIRS or _is_venv(path):
                    continue
                subdirs.append(path)
            elif is_file:
                queue_file(path, display, state)
            elif entry.is_symlink():
                try:
                    path.stat()
                    report.to_confirm.append(ToConfirm(display, "not a regular file; it was not read."))
                except OSError as exc:
                    report.problems.append(Problem(display, "warning", _os_message(exc, "link")))
            else:
                report.to_confirm.append(ToConfirm(display, "not a regular file (socket, device or pipe); it was not read."))
        stack.extend(reversed(subdirs))


def _is_venv(path: Path) -> bool:
    try:
        return (path / "pyvenv.cfg").exists()
    except OSError:  # an unreadable folder: reported when it is walked
        return False


def _undecodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _printable(text: str) -> str:
    """``text`` as valid UTF-8: undecodable bytes of a file name become replacement characters."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _inside(path: Path, root: Path) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        return True  # a broken link or loop: reported where it is followed
    return target == root or root in target.parents


def check_paths_into(report: CheckReport, paths: list[str], options: Options,
                     meanwhile: Callable[[], object] | None = None) -> None:
    """Scan every path into ``report`` (``meanwhile``: see check_paths)."""
    state = _State(report=report, options=options)
    for arg in paths:
        scan_path(arg, state)
    from scaffolder.check import parallel

    pending = [meanwhile] if meanwhile is not None else []

    def run_meanwhile() -> None:  # once, whether the processes ran it or this scan does
        while pending:
            pending.pop()()

    parts = parallel.scan_in_processes(state, run_meanwhile) if parallel.worth_it(state) else None
    if parts is None:
        run_meanwhile()
        for path, display in state.jobs:
            scan_file(path, display, state)
        return
    for part in parts:
        report.findings += part.findings
        # each process reports a malformed manifest once; the serial scan reports it once in all
        report.problems += [p for p in part.problems if not (p.path.endswith(MANIFEST_NAME) and p in report.problems)]
        report.to_confirm += part.to_confirm
        report.files_scanned += part.files_scanned
        report.bytes_scanned += part.bytes_scanned
        report.suppressed += part.suppressed
        report.suppressions += part.suppressions
