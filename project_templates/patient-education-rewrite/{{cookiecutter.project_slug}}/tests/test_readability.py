"""The readability formulas: syllables, sentences, the formulas themselves, short texts, no network."""

from __future__ import annotations

import math
import socket

import pytest
import readability

# Hand-counted (dictionary pronunciations); the heuristic must get every one right.
WORDS = {
    "medicine": 3, "pressure": 2, "blood": 1, "antihypertensive": 6, "titrate": 2, "administered": 4,
    "removed": 2, "started": 2, "takes": 1, "changes": 2, "people": 2, "completely": 3, "area": 3,
    "cardiovascular": 6, "prescription": 3, "evidence": 3, "minutes": 2, "uses": 2, "rule": 1, "table": 2,
    "whole": 1, "able": 2, "dizzy": 2, "headache": 2, "once": 1, "lowers": 2, "fainting": 2,
    "medication": 4, "radio": 3, "biology": 4, "physician": 3, "the": 1, "emergency": 4, "kidneys": 2,
}


@pytest.mark.parametrize(("word", "count"), sorted(WORDS.items()))
def test_syllable_counter_matches_hand_counts(word: str, count: int) -> None:
    assert readability.syllables(word) == count


def test_flesch_kincaid_is_the_published_formula() -> None:
    text = " ".join(["The cat sat on the mat and looked at the dog."] * 12)
    r = readability.measure(text)
    w, s, syl = r["words"], r["sentences"], r["syllables"]
    assert (w, s) == (132, 12)
    assert r["fk_grade"] == round(0.39 * w / s + 11.8 * syl / w - 15.59, 1)
    assert r["reading_ease"] == round(206.835 - 1.015 * w / s - 84.6 * syl / w, 1)


def test_smog_uses_the_30_sentence_sample_when_there_is_one() -> None:
    long_sentence = "Medication information is important."  # 2 polysyllables (medication, information; important = 3)
    text = " ".join([long_sentence] * 40)
    r = readability.measure(text)
    poly = r["polysyllables"] // 40
    assert r["smog"] == round(1.0430 * math.sqrt(poly * 30) + 3.1291, 1)
    assert "30-sentence sample" in r["smog_note"]


def test_short_text_gets_a_reason_not_a_number() -> None:
    r = readability.measure("Take one tablet. Call us if you feel worse.")
    assert r["fk_grade"] is None and "too short for Flesch-Kincaid" in r["fk_note"]
    assert r["smog"] is None and "too short for SMOG" in r["smog_note"]


def test_between_10_and_29_sentences_smog_says_it_was_adjusted() -> None:
    r = readability.measure(" ".join(["You can take this medicine with food or without food today."] * 12))
    assert r["smog"] is not None and "short-text adjustment" in r["smog_note"]


def test_markdown_headings_and_markers_are_not_counted() -> None:
    plain = readability.measure("Take it each day. " * 40)
    marked = readability.measure("# Heading words here\n\n" + "\n".join(["- **Take** it each day."] * 40))
    assert marked["words"] == plain["words"] and marked["sentences"] == plain["sentences"]


def test_runs_with_the_network_unreachable(monkeypatch: pytest.MonkeyPatch, scratch) -> None:
    def refuse(*_args, **_kwargs):
        raise OSError("network unreachable (blocked by the test)")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import report

    written = report.build(scratch)
    assert {p.name for p in written} == {"report.md", "report.html"}
    assert readability.measure("Take it each day. " * 40)["fk_grade"] is not None


def test_command_line_refuses_an_empty_file(tmp_path, capsys) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    assert readability.main([str(empty)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.endswith(".") and "no words" in err and "\n" not in err
