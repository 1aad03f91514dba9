"""Broken inputs give one sentence on stderr and exit 1, never a traceback, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import report


def _edit(path: Path, edit) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")


def _set_cells(lines: list[str], lineno: int, values) -> list[str]:
    cells = lines[lineno].split(",")
    lines[lineno] = ",".join(values(cells))
    return lines


def _zero_sample(lines: list[str]) -> list[str]:
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[3] = "0"
        out.append(",".join(cells))
    return out


CASES = {
    "missing counts": (lambda p: (p / "data" / "counts.csv").unlink(), "is missing"),
    "empty counts": (lambda p: (p / "data" / "counts.csv").write_text("", encoding="utf-8"), "is empty"),
    "not csv": (lambda p: (p / "data" / "counts.csv").write_bytes(b"\xff\xfe\x00garbage"), "not UTF-8"),
    "wrong header": (lambda p: _edit(p / "data" / "counts.csv", lambda ls: ["gene," + ls[0].split(",", 1)[1], *ls[1:]]),
                     "must start with gene_id"),
    "ragged row": (lambda p: _edit(p / "data" / "counts.csv", lambda ls: _set_cells(ls, 5, lambda c: c[:-3])),
                   "line 6 has"),
    "text count": (lambda p: _edit(p / "data" / "counts.csv", lambda ls: _set_cells(ls, 2, lambda c: [c[0], "lots", *c[2:]])),
                   "is not a count"),
    "negative count": (lambda p: _edit(p / "data" / "counts.csv", lambda ls: _set_cells(ls, 2, lambda c: [c[0], "-4", *c[2:]])),
                       "is not a count"),
    "sample with no counts": (lambda p: _edit(p / "data" / "counts.csv", _zero_sample), "has no counts at all"),
    "sample not in sheet": (lambda p: _edit(p / "data" / "samples.csv", lambda ls: [ls[0], *ls[2:]]), "not in"),
    "bad batch": (lambda p: _edit(p / "data" / "samples.csv", lambda ls: [ls[0], "S001,B9,control,F", *ls[2:]]),
                  "batch 'B9' must be one of"),
    "bad condition": (lambda p: _edit(p / "data" / "samples.csv", lambda ls: [ls[0], "S001,B1,tréated ✓,F", *ls[2:]]),
                      "condition"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_sentence_no_traceback(case: str, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    breaker, expected = CASES[case]
    breaker(project)
    assert report.main(project) == 1
    err = capsys.readouterr().err.strip()
    assert expected in err, err
    assert "Traceback" not in err and len(err.splitlines()) == 1 and err.startswith("Error: ")
    assert not (project / "reports").exists()


def test_a_gene_with_no_counts_is_left_out_and_said(project: Path) -> None:
    _edit(project / "data" / "counts.csv", lambda ls: _set_cells(ls, 7, lambda c: [c[0], *["0"] * (len(c) - 1)]))
    from inputs import load

    data = load(project / "data" / "counts.csv", project / "data" / "samples.csv")
    gone = (project / "data" / "counts.csv").read_text(encoding="utf-8").splitlines()[7].split(",")[0]
    assert gone not in data.genes
    assert len(data.notes) == 1 and gone in data.notes[0]
    assert "no counts in any sample were left out" in data.notes[0]
