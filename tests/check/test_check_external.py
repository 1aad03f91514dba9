"""Quality on text nobody here wrote: ../shared/corpus/external (PhysioNet nursing notes, presidio-research
sentences, HL7 FHIR examples, healthcare-AI README sentences), scored line by line and by family as its
score.py does. The corpus is read in place, never copied into the project."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from scaffolder.check import check_paths

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = next((p.resolve() / "corpus" / "external" for p in (REPO / ".." / "shared", REPO / ".." / ".." / "shared")
                 if (p / "corpus" / "external" / "labels.json").is_file()), None)

pytestmark = pytest.mark.skipif(EXTERNAL is None, reason="the external corpus (../shared/corpus/external) is not here")


def _fam(category: str) -> str:
    return category.split(".", 1)[0]


@pytest.fixture(scope="module")
def scored() -> dict[str, dict[str, float]]:
    assert EXTERNAL is not None
    files = sorted(p for p in EXTERNAL.iterdir() if p.suffix in {".txt", ".md"} and p.name not in {"README.md", "SOURCES.md"})
    report = check_paths(files)
    got: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in report.findings:
        if _fam(f.category) in ("phi", "claim"):
            got[(Path(f.path).name, f.line)].add(f.category)
    labels = json.loads((EXTERNAL / "labels.json").read_text(encoding="utf-8"))
    ignore = json.loads((EXTERNAL / "ignore.json").read_text(encoding="utf-8"))
    want: dict[tuple[str, int], set[str]] = defaultdict(set)
    for x in labels:
        want[(x["file"], int(x["line"]))].add(_fam(x["category"]))
    ign: dict[tuple[str, int], set[str]] = defaultdict(set)
    for x in ignore:
        ign[(x["file"], int(x["line"]))].add(x.get("family", "phi"))
    out: dict[str, dict[str, float]] = {}
    for family in ("phi", "claim"):
        sel = [((x["file"], int(x["line"])), x["category"]) for x in labels if _fam(x["category"]) == family]
        found = sum(1 for k, _ in sel if any(_fam(c) == family for c in got[k]))
        tp = fp = 0
        for k, cats in got.items():
            for c in cats:
                if _fam(c) != family:
                    continue
                if family in want[k]:
                    tp += 1
                elif family not in ign[k]:
                    fp += 1
        total = flagged = 0
        for path in files:
            for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), 1):
                k = (path.name, i)
                if not line.strip() or family in want[k] or family in ign[k]:
                    continue
                total += 1
                flagged += any(_fam(c) == family for c in got[k])
        out[family] = {"recall": found / len(sel), "precision": tp / (tp + fp) if tp + fp else 0.0,
                       "clean_rate": flagged / total if total else 0.0}
    return out


def test_claims_recall_and_precision(scored) -> None:
    assert scored["claim"]["recall"] >= 0.95, scored["claim"]
    assert scored["claim"]["precision"] >= 0.90, scored["claim"]


def test_phi_recall_and_precision(scored) -> None:
    assert scored["phi"]["recall"] >= 0.95, scored["phi"]
    assert scored["phi"]["precision"] >= 0.90, scored["phi"]


def test_at_most_one_percent_of_clean_lines_flagged(scored) -> None:
    for family in ("phi", "claim"):
        assert scored[family]["clean_rate"] <= 0.01, (family, scored[family])
