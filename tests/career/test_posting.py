"""prooflane posting: flags with their sentences, lanes, questions, fit, and bad input."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scaffolder.career import data
from scaffolder.career.posting import analyse, read_posting
from scaffolder.cli import main

POSTINGS = Path(__file__).resolve().parent / "postings"
LABELS = json.loads((POSTINGS / "labels.json").read_text(encoding="utf-8"))


def _reports():
    return {name: analyse(*read_posting(POSTINGS / name)) for name in LABELS}


def test_the_corpus_covers_many_lanes_and_both_kinds_of_posting() -> None:
    assert len(LABELS) >= 20
    assert len({lane for lab in LABELS.values() for lane in lab["lanes"]}) >= 6
    assert sum(1 for lab in LABELS.values() if lab["red"]) >= 8 and sum(1 for lab in LABELS.values() if not lab["red"]) >= 8


def test_precision_and_recall_per_flag() -> None:
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for name, report in _reports().items():
        expected = set(LABELS[name]["green"]) | set(LABELS[name]["red"])
        found = report.flag_ids()
        for flag in found & expected:
            tp[flag] += 1
        for flag in found - expected:
            fp[flag] += 1
        for flag in expected - found:
            fn[flag] += 1
    for flag in data.flags():
        assert tp[flag.id] >= 1, f"no posting in the corpus shows {flag.id}"
        precision = tp[flag.id] / (tp[flag.id] + fp[flag.id])
        recall = tp[flag.id] / (tp[flag.id] + fn[flag.id])
        assert precision >= 0.9 and recall >= 0.9, (flag.id, precision, recall)


def test_each_flag_quotes_the_sentence_that_triggered_it() -> None:
    for name, report in _reports().items():
        text = (POSTINGS / name).read_text(encoding="utf-8")
        for hit in report.green + report.red:
            assert hit.sentence and all(word in text for word in hit.sentence.split()[:3]), (name, hit)


def test_the_likeliest_lane_is_the_labelled_one() -> None:
    reports = _reports()
    labelled = {name: lab["lanes"] for name, lab in LABELS.items() if lab["lanes"]}
    right = sum(1 for name, lanes in labelled.items() if reports[name].lanes and reports[name].lanes[0][0] in lanes)
    assert right / len(labelled) >= 0.9


def test_questions_follow_what_the_posting_leaves_unclear() -> None:
    reports = _reports()
    sound = reports["01-clinical-evaluator.md"].questions
    vague = reports["02-hype-clinical.md"].questions
    assert len(vague) > len(sound)
    assert "Who reviews AI outputs before they affect users or patients?" in vague
    assert "Who reviews AI outputs before they affect users or patients?" not in sound


def test_html_is_reduced_to_its_text() -> None:
    report = analyse(*read_posting(POSTINGS / "22-html-posting.html"))
    assert "hype" not in report.flag_ids(), "script text must not count"
    assert all("<" not in h.sentence for h in report.green)


def test_fit_and_suggested_project_for_a_background() -> None:
    report = analyse(*read_posting(POSTINGS / "03-data-analyst.md"), background="data")
    assert report.fit == 3 and report.project and report.project["role"] == "healthcare-data-analyst"
    assert report.project["command"] == "prooflane new healthcare-data-analyst"


def test_json_output_has_the_documented_fields() -> None:
    result = CliRunner().invoke(main, ["posting", str(POSTINGS / "05-automation.md"), "--json", "-b", "operations"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"source", "lanes", "roles", "green_flags", "red_flags", "questions", "background", "fit",
                        "fit_note", "suggested_project"}
    assert {"id", "kind", "label", "sentence"} == set(out["green_flags"][0])


def test_stdin_works() -> None:
    text = (POSTINGS / "07-governance.md").read_bytes()
    result = CliRunner().invoke(main, ["posting", "-"], input=text)
    assert result.exit_code == 0 and "Green flags" in result.output


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "holds no text"),
    (b"   \n\n", "holds no text"),
    (b"\x00\x01\x02binary" * 100, "binary"),
    ("Wir suchen eine Pflegekraft für unser Team. Sie arbeiten mit Ärztinnen und Ärzten zusammen, prüfen "
     "Zusammenfassungen und melden Fehler. Erfahrung in der Pflege ist erforderlich. Vollzeit, unbefristet, "
     "Homeoffice möglich, gute Bezahlung und Weiterbildung.".encode(), "English"),
    (b"Data analyst wanted.", "only"),
    (b"x" * (3 << 20), "MB"),
])
def test_bad_input_gets_one_sentence(tmp_path: Path, content: bytes, needle: str) -> None:
    target = tmp_path / "posting.txt"
    target.write_bytes(content)
    result = CliRunner().invoke(main, ["posting", str(target)])
    assert result.exit_code == 2, result.output
    assert needle in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unknown_background_and_missing_file(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["posting", str(POSTINGS / "03-data-analyst.md"), "-b", "astronaut"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    missing = runner.invoke(main, ["posting", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "no file" in missing.output
