"""The report's figures against the data, and the planted effects it must show."""

from __future__ import annotations

import csv

import evaluate
from conftest import ROOT


def _rows() -> list[dict[str, str]]:
    with (ROOT / "data" / "studies.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_by_two_matches_a_direct_count(metrics: dict) -> None:
    rows = [r for r in _rows() if r["reference"] != "not read"]
    tp = sum(float(r["model_score"]) >= 0.5 and r["reference"] == "positive" for r in rows)
    tn = sum(float(r["model_score"]) < 0.5 and r["reference"] == "negative" for r in rows)
    assert (metrics["overall"]["tp"], metrics["overall"]["tn"], metrics["overall"]["n"]) == (tp, tn, len(rows))
    assert sum(r["model_flag"] == "flagged" for r in rows) == tp + metrics["overall"]["fp"]


def test_planted_device_and_size_effects_show(metrics: dict) -> None:
    vendor = {g["group"]: g["se"] for g in metrics["subgroups"]["vendor"]}
    assert vendor["Halvex"]["p"] < vendor["Corvane"]["p"] - 0.1
    size = {g["group"]: g["se"] for g in metrics["subgroups"]["finding_size_band"]}
    assert size["under 5 mm"]["p"] < min(size["5-10 mm"]["p"], size["10 mm or more"]["p"]) - 0.15


def test_ppv_collapses_at_the_screening_site(metrics: dict) -> None:
    sites = metrics["sites"]
    assert sites["C"]["prevalence"] < 0.05 < sites["A"]["prevalence"]
    assert sites["C"]["ppv"]["p"] < sites["A"]["ppv"]["p"] - 0.2
    curve = [row["ppv"] for row in metrics["curve"]]
    assert curve == sorted(curve)


def test_verification_bias_is_found_and_corrected(metrics: dict) -> None:
    (site_b,) = metrics["verification"]
    assert site_b["site"] == "B" and site_b["unflagged_read"] < site_b["unflagged"]
    assert site_b["corrected_se"] < site_b["complete_case_se"]


def test_report_files_carry_the_labels(built: dict[str, str]) -> None:
    import project_text as text

    html = built["report.html"]
    assert text.DISCLAIMER_HTML in html and text.TOOL_LINE in html and "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert text.DISCLAIMER_MD in built["report.md"]
    assert "radiologist reads every study" in built["report.md"]


def test_same_inputs_same_bytes(inputs, built: dict[str, str]) -> None:
    assert evaluate.build(inputs) == built


def test_main_writes_reports(scratch, capsys) -> None:
    assert evaluate.main(["--interval", "clopper-pearson"], root=scratch) == 0
    assert "Clopper-Pearson (exact) 95%" in (scratch / "reports" / "report.md").read_text(encoding="utf-8")
