"""The report: disclaimer and labels, same bytes every run, gallery quoting the exact failing sentences."""

from __future__ import annotations

from pathlib import Path

import evaluate
import project_text as txt
from inputs import Inputs, load

ROOT = Path(__file__).resolve().parent.parent


def test_report_files_carry_the_disclaimer_and_labels(built: dict[str, str]) -> None:
    assert set(built) == {"reports/report.md", "reports/report.html"}
    assert txt.DISCLAIMER_MD in built["reports/report.md"]
    page = built["reports/report.html"]
    assert txt.DISCLAIMER_HTML in page and txt.TOOL_LINE in page
    assert "http" not in page


def test_same_inputs_same_bytes(built: dict[str, str]) -> None:
    assert built == evaluate.build(load(ROOT))


def test_gates_are_reported_apart_from_the_average(inputs: Inputs, built: dict[str, str]) -> None:
    md = built["reports/report.md"]
    row = next(line for line in md.splitlines() if line.startswith("| B Willow |"))
    assert "FAIL (" in row and row.endswith("| FAIL |")
    assert f"{evaluate.scores(inputs)['B']['score']:.2f}" in row


def test_failure_gallery_quotes_every_gate_failure(inputs: Inputs, built: dict[str, str]) -> None:
    gallery = built["reports/report.md"].split("## Failure gallery", 1)[1]
    failures = evaluate.gate_failures(inputs)
    total = sum(len(v) for g in failures.values() for v in g.values())
    assert gallery.count("**") == 2 * total
    for gates in failures.values():
        for pids in gates.values():
            for pid in pids:
                assert f"· {pid} (" in gallery
    for line in gallery.splitlines():
        if line.startswith("- answer: "):
            quote = line[len('- answer: "'):-1]
            assert any(quote in text for text in inputs.answers.values()), quote


def test_finished_own_ratings_are_compared_with_the_key(scratch: Path) -> None:
    path = scratch / "my_ratings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{met: }", "{met: no}", 1).replace("{met: }", '{met: "no"}'), encoding="utf-8")
    mine = load(scratch)  # a bare no (read as false by YAML) and a quoted "no" mean the same
    assert all(m["complete"] for m in mine.mine)
    rows = evaluate.compare_mine(mine)
    for row in rows:
        assert row["differ"] == sorted(mine.key[(row["prompt_id"], row["assistant"])]["met"])
