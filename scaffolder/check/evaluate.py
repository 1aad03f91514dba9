"""Line-level precision and recall of the check on a labelled corpus (used by tests and the benchmark).

A corpus is a folder of text files and a ``labels.json`` listing ``{"file", "line", "category"}`` for
every line that must produce a finding. Only ``phi.*`` and ``claim.*`` categories are scored; a
predicted (file, line, category) that is not labelled is a false positive.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

SCORED_PREFIXES = ("phi.", "claim.")


@dataclass
class Score:
    """True positives, false positives and false negatives of one category (or overall)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, int]] = field(default_factory=list)
    false_alarms: list[tuple[str, int]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_labels(corpus: Path) -> set[tuple[str, int, str]]:
    """(file, line, category) for every labelled line."""
    raw = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    return {(item["file"], int(item["line"]), item["category"]) for item in raw}


def corpus_files(corpus: Path) -> list[Path]:
    """The labelled text files of a corpus (README files describe the corpus and are not scored)."""
    return sorted(p for p in corpus.iterdir()
                  if p.suffix in {".md", ".txt", ".csv"} and p.name.lower() != "readme.md")


def check_predictions(corpus: Path) -> set[tuple[str, int, str]]:
    """What ``check`` reports on the corpus, as (file, line, category)."""
    from scaffolder.check import check_paths

    report = check_paths(corpus_files(corpus))
    return {(Path(f.path).name, f.line, f.category) for f in report.findings if f.category.startswith(SCORED_PREFIXES)}


def score(labels: Iterable[tuple[str, int, str]], predicted: Iterable[tuple[str, int, str]],
          categories: Callable[[str], bool] = lambda c: True) -> dict[str, Score]:
    """Per-category scores plus ``"overall"``."""
    labels = {x for x in labels if categories(x[2])}
    predicted = {x for x in predicted if categories(x[2])}
    scores: dict[str, Score] = {}
    overall = Score()
    for item in predicted | labels:
        s = scores.setdefault(item[2], Score())
        if item in labels and item in predicted:
            s.tp += 1
            overall.tp += 1
        elif item in predicted:
            s.fp += 1
            overall.fp += 1
            s.false_alarms.append(item[:2])
        else:
            s.fn += 1
            overall.fn += 1
            s.misses.append(item[:2])
    scores["overall"] = overall
    return scores
