"""A freshly generated project of every built kind has no finding but FILL markers."""

from __future__ import annotations

import pytest
from conftest import built_kinds  # (tests/conftest.py: a failing import must fail the run, not empty it)

from scaffolder.check import check_paths, exit_code

KINDS = built_kinds()
assert KINDS, "no built kind to bake"


@pytest.mark.parametrize("kind", KINDS)
def test_fresh_project_reports_only_fill_markers(baked, kind: str) -> None:
    report = check_paths([baked(kind)])
    others = [f"{f.path}:{f.line} {f.category} {f.message}" for f in report.findings
              if f.category not in ("fill.unfilled", "fill.unanswered")]
    assert others == []
    assert report.problems == [] and report.to_confirm == []
    assert exit_code(report) == 0
