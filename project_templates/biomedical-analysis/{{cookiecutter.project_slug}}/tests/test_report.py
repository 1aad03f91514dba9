"""The report: every part present, offline, labelled, and the same bytes on every run."""

from __future__ import annotations

import json
import re


def test_report_has_every_step_and_its_warnings(outputs: dict[str, str]) -> None:
    page = outputs["reports/report.html"]
    for heading in ("Design before any analysis", "Quality control", "Normalisation and gene selection",
                    "Batch effect, before and after correction", "Clustering"):
        assert f"<h2>{heading}</h2>" in page
    assert "partly confounded" in page and "Limits of this correction" in page
    assert "not diagnostic" in page and "no pattern in this report is a biological finding" in page
    assert page.count("<img ") >= 5


def test_report_is_offline(outputs: dict[str, str]) -> None:
    page = outputs["reports/report.html"]
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "@import" not in page


def test_figures_in_findings_match_results(outputs: dict[str, str]) -> None:
    res = json.loads(outputs["reports/results.json"])
    findings = outputs["reports/findings.md"]
    assert f"batch silhouette is {res['after']['sil_batch']:.2f}" in findings
    assert f"The highest is at k = {res['best_k']}." in findings
    for sample in res["excluded"]:
        assert sample in findings

