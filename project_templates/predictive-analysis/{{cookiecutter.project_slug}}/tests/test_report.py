"""The built report: offline, labelled, every quoted figure from the results."""

from __future__ import annotations

import json
import re


def test_report_is_offline_and_labelled(built) -> None:
    _, out = built
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "not a clinical decision tool" in page and "Worked example, written by prooflane" in page
    assert not re.search(r"(src|href)=\"https?://", page)
    assert page.count("data:image/png;base64,") == 3


def test_model_card_quotes_the_results(built) -> None:
    results, out = built
    card = (out / "model_card.md").read_text(encoding="utf-8")
    v = results["validation"]
    assert f"calibration slope {v['slope']:.2f} ({v['slope_low']:.2f} to {v['slope_high']:.2f})" in card
    assert f"AUROC {v['auroc']:.2f} ({v['auroc_low']:.2f} to {v['auroc_high']:.2f})" in card
    for section in ("## Model details", "## Intended use", "## Out-of-scope uses", "## Factors", "## Metrics",
                    "## Evaluation data", "## Training data", "## Quantitative analyses", "## Ethical considerations",
                    "## Caveats and recommendations", "## CHAI Applied Model Card fields"):
        assert section in card
    assert json.loads((out / "results.json").read_text(encoding="utf-8"))["threshold"] == results["threshold"]


def test_tripod_checklist_lists_items_by_number(built) -> None:
    _, out = built
    text = (out / "tripod_checklist.md").read_text(encoding="utf-8")
    for item in ("| 3c |", "| 12e |", "| 14 |", "| 15 |", "| 22 |", "| 23a |", "| 27a |"):
        assert item in text
    assert "Worked example, written by prooflane" in text


def test_the_authors_threshold_replaces_the_example(tmp_path) -> None:
    from conftest import BASE_CHOICES, scratch_project

    from analysis import choices

    assert choices.load(scratch_project(tmp_path / "a")).threshold_used == choices.EXAMPLE_THRESHOLD
    edited = BASE_CHOICES.replace("threshold: unanswered", "threshold: 0.2").replace("deployment_prevalence: null", "deployment_prevalence: 0.3")
    chosen = choices.load(scratch_project(tmp_path / "b", edited))
    assert chosen.threshold_used == 0.2 and chosen.threshold == 0.2 and chosen.deployment_prevalence == 0.3
