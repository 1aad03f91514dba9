"""The three fictional reviewers: see :mod:`synthetic.visit_summaries`."""

from __future__ import annotations

from synthetic import visit_summaries as vs
from synthetic.table import Table

SUMMARY = "The three fictional reviewers (rows = cases; always three reviewers)."


def generate(seed: int, rows: int) -> Table:
    return vs.reviewers(seed, rows)
