"""Throughput and quality of ``prooflane check``, side by side with Microsoft Presidio's pattern recognizers.

- Throughput: a tree of realistic files (Markdown prose, Python, CSV) copied up to ``--mb`` megabytes,
  scanned with ``scaffolder.check.check_paths``; reported in MB/s overall and per kind of file, and as a
  ratio to a baseline measured in the same run on the same bytes (read each file and run one plain
  regular expression over it), so a slower or busier machine shows in both numbers.
- Quality: line-level precision and recall per category on the labelled corpora (tests/check/corpus and
  ../shared/corpus when present), for prooflane and for Presidio's regex recognizers run offline
  (``NoOpNlpEngine``: no spaCy model, no download). Presidio is measured twice: as it ships, and with
  an allow list (regular expressions) for the reserved fictional ranges.
- Presidio speed: its analyzer over a sample of the same tree.

Presidio is a benchmark-only dependency: ``pip install presidio-analyzer``; without it the Presidio
columns are skipped with a message. Run: python benchmarks/bench_check.py [--mb 24] [--presidio-mb 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scaffolder.check import check_paths  # noqa: E402
from scaffolder.check.evaluate import check_predictions, corpus_files, load_labels, score  # noqa: E402
from scaffolder.check.model import STRUCTURED_CATEGORIES  # noqa: E402

_SHARED = next((p.resolve() for p in (REPO / ".." / "shared", REPO / ".." / ".." / "shared") if p.is_dir()),
               (REPO / ".." / "shared").resolve())  # a git worktree sits one folder deeper
CORPORA = [REPO / "tests" / "check" / "corpus", _SHARED / "corpus"]
GOAL_MB_S = 20
KINDS = {"markdown/prose": (".md", ".txt"), "python": (".py",), "csv": (".csv",)}
BASELINE_RE = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")  # one plain pattern (an SSN shape)

# Presidio entity -> check categories it can stand for (PHONE_NUMBER covers phones and faxes).
PRESIDIO_MAP: dict[str, tuple[str, ...]] = {
    "PHONE_NUMBER": ("phi.phone", "phi.fax"), "EMAIL_ADDRESS": ("phi.email",), "US_SSN": ("phi.ssn",),
    "IP_ADDRESS": ("phi.ip",), "URL": ("phi.url",), "CREDIT_CARD": ("phi.account",), "US_BANK_NUMBER": ("phi.account",),
    "IBAN_CODE": ("phi.account",), "US_DRIVER_LICENSE": ("phi.license",), "MEDICAL_LICENSE": ("phi.license",),
    "US_PASSPORT": ("phi.other_id",), "US_ITIN": ("phi.other_id",), "DATE_TIME": ("phi.date",),
    "PERSON": ("phi.name",), "LOCATION": ("phi.geo",), "US_MBI": ("phi.health_plan",), "MAC_ADDRESS": ("phi.device",),
}
ALLOW_LIST = [
    r".*555-?01\d\d.*", r"(?i).*@?[\w.-]*\bexample\.(?:com|org|net)\b.*", r"(?i).*\.(?:example|test|invalid|localhost)\b.*",
    r"192\.0\.2\.\d+", r"198\.51\.100\.\d+", r"203\.0\.113\.\d+", r"(?i)2001:db8:.*", r"FAKE-[A-Z]{2,8}-[0-9A-Z]+",
]


# --------------------------------------------------------------------------- corpus of realistic files


def build_tree(target: Path, megabytes: float) -> dict[str, int]:
    """Copy realistic files into ``target`` until it holds ``megabytes`` MB; bytes per kind of file."""
    from synthetic.registry import DATASETS
    from synthetic.writers import to_csv_text

    sources: list[tuple[str, str, str]] = []  # (kind, name, text)
    shared = REPO.parent / "shared"
    for path in [*sorted((REPO / "project_templates").rglob("*.md")), *sorted(REPO.glob("docs/*.md")),
                 *[p for p in (shared / "reference" / "seed-article.txt", shared / "PRODUCT.md") if p.is_file()]]:
        sources.append(("markdown/prose", path.name, path.read_text(encoding="utf-8")))
    for path in sorted(REPO.glob("scaffolder/*.py")) + sorted(REPO.glob("synthetic/*.py")):
        sources.append(("python", path.name, path.read_text(encoding="utf-8")))
    for dataset in ("appointments", "workflow-events", "staff-roster", "time-study"):
        if dataset in DATASETS:
            sources.append(("csv", f"{dataset}.csv", to_csv_text(DATASETS[dataset].generate(seed=7))))
    total, limit, copy = 0, int(megabytes * 1_000_000), 0
    while total < limit:
        folder = target / f"copy{copy:03d}"
        folder.mkdir(parents=True)
        for _kind, name, text in sources:
            data = text.encode("utf-8")
            (folder / name).write_bytes(data)  # (templates share names like README.md: the last one stays)
            total += len(data)
        copy += 1
    sizes: dict[str, int] = {}
    for path in target.rglob("*"):
        kind = next((k for k, suffixes in KINDS.items() if path.suffix in suffixes), None)
        if kind is not None:
            sizes[kind] = sizes.get(kind, 0) + path.stat().st_size
    return sizes


def throughput(paths: list[Path], runs: int = 5) -> float:
    """Best of ``runs`` MB/s of check_paths over ``paths``."""
    best = 0.0
    for _ in range(runs):
        started = time.perf_counter()
        report = check_paths(paths)
        best = max(best, report.bytes_scanned / 1e6 / (time.perf_counter() - started))
    return best


def throughput_by_kind(tree: Path) -> dict[str, float]:
    """MB/s for each kind of file separately."""
    return {kind: throughput([p for p in sorted(tree.rglob("*")) if p.suffix in suffixes])
            for kind, suffixes in KINDS.items()}


def baseline(tree: Path, runs: int = 5) -> float:
    """Best of ``runs`` MB/s of reading every file of the tree and running one plain regex over it."""
    files = sorted(p for p in tree.rglob("*") if p.is_file())
    best = 0.0
    for _ in range(runs):
        done, started = 0, time.perf_counter()
        for path in files:
            data = path.read_bytes()
            BASELINE_RE.findall(data.decode("utf-8"))
            done += len(data)
        best = max(best, done / 1e6 / (time.perf_counter() - started))
    return best


# --------------------------------------------------------------------------- Presidio


def presidio_analyzer() -> Callable[..., list] | None:
    """Presidio's AnalyzerEngine with the no-op NLP engine (no model, no network), or None if not installed."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # use tldextract's bundled snapshot, offline
    try:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
    except ImportError:
        return None
    import logging

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    nlp.load()
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(nlp_engine=nlp, languages=["en"])
    engine = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])
    return engine.analyze


def presidio_predictions(analyze: Callable[..., list], corpus: Path, allow: bool) -> set[tuple[str, int, str]]:
    """(file, line, category) for every Presidio result, mapped to the check's categories."""
    predicted: set[tuple[str, int, str]] = set()
    labels = load_labels(corpus)
    for path in corpus_files(corpus):
        text = path.read_text(encoding="utf-8")
        kwargs = {"allow_list": ALLOW_LIST, "allow_list_match": "regex"} if allow else {}
        for result in analyze(text=text, language="en", **kwargs):
            line = text.count("\n", 0, result.start) + 1
            options = PRESIDIO_MAP.get(result.entity_type, ())
            if not options:
                continue
            labelled = [c for c in options if (path.name, line, c) in labels]
            predicted.add((path.name, line, labelled[0] if labelled else options[0]))
    return predicted


def presidio_speed(analyze: Callable[..., list], tree: Path, megabytes: float) -> float:
    """MB/s of Presidio over the first ``megabytes`` MB of the tree's text files."""
    files = sorted(p for p in tree.rglob("*") if p.suffix in {".md", ".txt", ".py", ".csv"})
    done, started = 0, time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        for start in range(0, len(text), 50_000):  # Presidio's regexes are fastest on modest pieces
            analyze(text=text[start:start + 50_000], language="en")
        done += len(text.encode("utf-8"))
        if done >= megabytes * 1_000_000:
            break
    return done / 1e6 / (time.perf_counter() - started)


def external_notes_speed(analyze: Callable[..., list] | None, runs: int = 3) -> tuple[float, float | None, int] | None:
    """MB/s of the check in one process and of Presidio on the external PhysioNet nursing notes (same text,
    same run), and the size of that text; None when the external corpus is not here."""
    from scaffolder.check.scan import scan_text

    external = next((p / "corpus" / "external" for p in (REPO / ".." / "shared", REPO / ".." / ".." / "shared")
                     if (p / "corpus" / "external").is_dir()), None)
    if external is None:
        return None
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(external.glob("*deid-nursing-*.txt")))
    size = len(text.encode("utf-8"))
    scan_text(text[:2000], suffix=".txt")  # load the lexicons once, outside the timing
    best = min(_timed(lambda: scan_text(text, suffix=".txt")) for _ in range(runs))
    theirs = None
    if analyze is not None:
        def presidio() -> None:
            for start in range(0, len(text), 50_000):
                analyze(text=text[start:start + 50_000], language="en")
        theirs = size / 1e6 / min(_timed(presidio) for _ in range(runs))
    return size / 1e6 / best, theirs, size


def _timed(job: Callable[[], object]) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


# --------------------------------------------------------------------------- report


def _fmt(scores: dict, category: str) -> str:
    s = scores.get(category)
    if s is None:
        return "–"
    precision = "–" if s.tp + s.fp == 0 else f"{s.precision:.2f}"
    return f"{precision} / {s.recall:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=24, help="size of the throughput tree in MB")
    parser.add_argument("--presidio-mb", type=float, default=2, help="how much of the tree Presidio scans for speed")
    args = parser.parse_args()

    analyze = presidio_analyzer()
    if analyze is None:
        print("presidio-analyzer is not installed: the Presidio columns are skipped "
              "(pip install presidio-analyzer to compare).", file=sys.stderr)

    labels: set = set()
    ours: set = set()
    theirs: set = set()
    theirs_allow: set = set()
    for index, corpus in enumerate(CORPORA):
        if not (corpus / "labels.json").is_file():
            print(f"(no corpus at {corpus}; skipped)", file=sys.stderr)
            continue
        tag = f"c{index}/"
        labels |= {(tag + f, line, c) for f, line, c in load_labels(corpus)}
        ours |= {(tag + f, line, c) for f, line, c in check_predictions(corpus)}
        if analyze is not None:
            theirs |= {(tag + f, line, c) for f, line, c in presidio_predictions(analyze, corpus, allow=False)}
            theirs_allow |= {(tag + f, line, c) for f, line, c in presidio_predictions(analyze, corpus, allow=True)}

    phi = lambda c: c.startswith("phi.")  # noqa: E731
    structured = lambda c: c in STRUCTURED_CATEGORIES  # noqa: E731
    anything = lambda c: c.startswith(("phi.", "claim."))  # noqa: E731
    rows = [("structured identifiers (overall)", structured), ("all phi.* (overall)", phi),
            ("phi.* and claim.* (overall)", anything)]
    s_ours = {name: score(labels, ours, pred)["overall"] for name, pred in rows}
    per_ours = score(labels, ours, anything)
    per_theirs = score(labels, theirs, phi) if analyze else {}
    per_allow = score(labels, theirs_allow, phi) if analyze else {}

    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        sizes = build_tree(tree, args.mb)
        total_mb = sum(sizes.values()) / 1e6
        base = baseline(tree)
        speed = throughput([tree])
        by_kind = throughput_by_kind(tree)
        their_speed = presidio_speed(analyze, tree, args.presidio_mb) if analyze else None
        shutil.rmtree(tree, ignore_errors=True)

    print(f"Labelled lines: {len(labels)} over {sum(1 for c in CORPORA if (c / 'labels.json').is_file())} corpora.")
    print("Line-level precision / recall (P / R):\n")
    header = "| category | prooflane check | Presidio (no_op, as shipped) | Presidio (no_op + allow list) |"
    print(header)
    print("|---|---|---|---|")
    categories = sorted({c for _, _, c in labels})
    for category in categories:
        print(f"| `{category}` | {_fmt(per_ours, category)} | {_fmt(per_theirs, category)} | {_fmt(per_allow, category)} |")
    for name, pred in rows:
        ours_s = s_ours[name]
        t = score(labels, theirs, pred)["overall"] if analyze else None
        a = score(labels, theirs_allow, pred)["overall"] if analyze else None
        cell = lambda s: "–" if s is None else f"{s.precision:.2f} / {s.recall:.2f}"  # noqa: E731
        print(f"| **{name}** | {cell(ours_s)} | {cell(t)} | {cell(a)} |")
    print()
    print(f"Throughput over {total_mb:.1f} MB of realistic files "
          f"({', '.join(f'{k} {v / 1e6:.1f} MB' for k, v in sizes.items())}):")
    print("| tool | MB/s |")
    print("|---|---|")
    print(f"| prooflane check, whole tree | {speed:.1f} |")
    for kind, value in by_kind.items():
        print(f"| prooflane check, {kind} only | {value:.1f} |")
    print(f"| baseline: read each file, one plain regex ({BASELINE_RE.pattern}) | {base:.0f} |")
    if their_speed is not None:
        print(f"| Presidio analyzer (no_op NLP engine), first {args.presidio_mb:g} MB | {their_speed:.2f} |")
    notes = external_notes_speed(analyze)
    if notes is not None:
        ours_notes, theirs_notes, size = notes
        print()
        print(f"External clinical notes ({size / 1e6:.2f} MB of PhysioNet deid nursing notes), one process, same run:")
        print("| tool | MB/s |")
        print("|---|---|")
        print(f"| prooflane check (all rules, one process) | {ours_notes:.2f} |")
        if theirs_notes is not None:
            print(f"| Presidio pattern recognizers (no_op NLP engine) | {theirs_notes:.3f} |")
            print(f"ratio prooflane / Presidio: {ours_notes / theirs_notes:.1f}x (goal 100x); goal 20 MB/s: "
                  f"{'meets' if ours_notes >= 20 else 'BELOW'}")
    print()
    print(f"prooflane check: {speed:.1f} MB/s (goal {GOAL_MB_S}): {'meets' if speed >= GOAL_MB_S else 'BELOW'} the goal")
    print(f"ratio to the baseline measured in this run: {speed / base:.3f} "
          f"(the goal is {GOAL_MB_S / base:.3f} of the baseline on this machine now)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
