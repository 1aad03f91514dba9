"""The report: what it writes, what it keeps closed, and that it is the same every run."""

from __future__ import annotations

import re
from pathlib import Path

import project_text as txt
import report
from inputs import Inputs, load

ROOT = Path(__file__).resolve().parent.parent


def test_report_files_carry_the_disclaimer_heatmap_and_labels(built: dict[str, str]) -> None:
    out = built
    assert set(out) == {"reports/report.md", "reports/report.html", "reports/disagreements.csv"}
    assert txt.DISCLAIMER_MD in out["reports/report.md"]
    page = out["reports/report.html"]
    assert txt.DISCLAIMER_HTML in page and txt.TOOL_LINE in page
    assert page.count("<svg") == 1 and "Weighted kappa per rubric item" in page
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # nothing fetched from the network


def test_same_inputs_same_bytes(built: dict[str, str]) -> None:
    assert built == report.build(load(ROOT))


def test_every_quoted_agreement_figure_is_the_computed_one(inputs: Inputs, built: dict[str, str]) -> None:
    md = built["reports/report.md"]
    c1 = report.critical_agreement(inputs)[(1, "C1")]["cell"]
    assert "| 1 | C1 invented detail | " in md
    assert f"{100 * c1.percent:.0f}% | {c1.kappa:.2f}" in md


def test_defect_gallery_quotes_exact_lines_and_keeps_unrated_cases_closed(inputs: Inputs, built: dict[str, str]) -> None:
    md = built["reports/report.md"]
    gallery = md.split("## Defect gallery", 1)[1]
    assert "no side effects" in gallery
    assert inputs.notes["CASE-01"][1] in gallery
    rated = {m["case"] for m in inputs.mine if m["complete"]}
    for case in inputs.cases:
        if case != "CASE-01" and case not in rated:
            assert f"**{case} ·" not in gallery, case


def test_disagreement_log_lists_reviewers_two_levels_apart(inputs: Inputs, built: dict[str, str]) -> None:
    log = report.disagreements(inputs)
    for row in log:
        if row["what"].startswith("item "):
            scores = [int(row[r]) for r in inputs.reviewers]
            assert max(scores) - min(scores) >= 2
    csv_text = built["reports/disagreements.csv"]
    assert len(csv_text.strip().splitlines()) == len(log) + 1


def test_worked_example_quotes_the_data_and_its_mean(inputs: Inputs) -> None:
    text = (ROOT / "review" / "worked-example.md").read_text(encoding="utf-8")
    for line in inputs.notes["CASE-01"] + inputs.summaries["CASE-01"]:
        assert line in text, line
    scores = [int(m.group(2)) for m in re.finditer(r"^\| (\w+) \| (\d) \|", text, re.MULTILINE)]
    assert len(scores) == len(inputs.items)
    mean = sum(scores) / len(scores)
    assert f"The mean of these nine scores is {mean:.1f}" in text


def test_finished_own_ratings_are_compared_with_the_key_and_open_the_gallery(scratch: Path, inputs: Inputs) -> None:
    text = (scratch / "my_ratings.yaml").read_text(encoding="utf-8")
    block, rest = text.split("  - case: CASE-03", 1)
    keyed = sorted({r["critical_error"] for r in inputs.key if r["case_id"] == "CASE-02" and r["critical_error"]})
    block = block.replace("      score:                # 1-5", "      score: 3")
    block = block.replace("    critical_errors:        # none", f"    critical_errors: {', '.join(keyed) or 'none'} #")
    (scratch / "my_ratings.yaml").write_text(block + "  - case: CASE-03" + rest, encoding="utf-8")
    mine = load(scratch)
    assert [m["case"] for m in mine.mine if m["complete"]] == ["CASE-02"]
    md = report.build(mine)["reports/report.md"]
    section = md.split("## Your ratings against the answer key", 1)[1].split("## Defect gallery", 1)[0]
    row = next(line for line in section.splitlines() if line.startswith("| CASE-02 |"))
    assert row.split(" | ")[1] == (", ".join(keyed) or "-") and row.split(" | ")[2] == "-"  # caught all, missed none
    if keyed:
        assert "**CASE-02 ·" in md.split("## Defect gallery", 1)[1]
