"""Measured quality: per-category precision and recall on the labelled corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffolder.check.evaluate import check_predictions, load_labels, score
from scaffolder.check.model import CLAIM_CATEGORIES, STRUCTURED_CATEGORIES

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = next((p.resolve() for p in (REPO / ".." / "shared", REPO / ".." / ".." / "shared") if p.is_dir()),
              (REPO / ".." / "shared").resolve())  # a git worktree sits one folder deeper
CORPORA = [HERE / "corpus", SHARED / "corpus"]


def _corpus_or_skip(corpus: Path) -> Path:
    if not (corpus / "labels.json").is_file():
        pytest.skip(f"no labelled corpus at {corpus}")
    return corpus


@pytest.mark.parametrize("corpus", CORPORA, ids=["tests-corpus", "shared-corpus"])
def test_structured_identifiers_recall(corpus: Path) -> None:
    corpus = _corpus_or_skip(corpus)
    scores = score(load_labels(corpus), check_predictions(corpus), lambda c: c in STRUCTURED_CATEGORIES)
    for category, s in scores.items():
        if category != "overall":
            assert s.recall >= 0.95, f"{category}: recall {s.recall:.2f}, missed {s.misses}"
    assert scores["overall"].recall >= 0.95


@pytest.mark.parametrize("corpus", CORPORA, ids=["tests-corpus", "shared-corpus"])
def test_overall_precision(corpus: Path) -> None:
    corpus = _corpus_or_skip(corpus)
    scores = score(load_labels(corpus), check_predictions(corpus), lambda c: c.startswith(("phi.", "claim.")))
    overall = scores["overall"]
    false_alarms = {k: v.false_alarms for k, v in scores.items() if v.false_alarms and k != "overall"}
    assert overall.precision >= 0.9, f"precision {overall.precision:.2f}; false alarms {false_alarms}"


@pytest.mark.parametrize("corpus", CORPORA, ids=["tests-corpus", "shared-corpus"])
def test_claims_and_context_recall(corpus: Path) -> None:
    corpus = _corpus_or_skip(corpus)
    scores = score(load_labels(corpus), check_predictions(corpus), lambda c: c.startswith(("phi.", "claim.")))
    for category in (*CLAIM_CATEGORIES, "phi.name", "phi.date", "phi.geo"):
        if category in scores:
            assert scores[category].recall >= 0.9, f"{category}: missed {scores[category].misses}"


def test_own_corpus_is_big_enough() -> None:
    labels = load_labels(HERE / "corpus")
    categories = {c for _, _, c in labels}
    assert len(labels) >= 60
    assert set(STRUCTURED_CATEGORIES) <= categories
    assert set(CLAIM_CATEGORIES) <= categories
