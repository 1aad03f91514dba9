"""Readability formulas computed here, offline, with a documented syllable counter (standard library only).

Why not a package: recent textstat releases fetch a pronunciation dictionary over the network at
first use, and other packages need downloaded tokenizer data. Computing the formulas in this file
keeps every number reproducible without a network and lets a reader check each step.

How text is counted (the same rules for every text, so before/after comparisons are fair):
- Markdown is reduced to its words: heading lines (``#``) are left out, list markers, bold markers,
  link targets and HTML comments are removed.
- A sentence ends at ``.``, ``!`` or ``?`` followed by a space or the end, and at the end of every
  paragraph or list item even without punctuation.
- A word is a run of letters (apostrophes and hyphens inside it allowed: ``light-headed`` is one
  word); a number such as ``1,000`` or ``50%`` counts as one word of one syllable.
- Syllables come from :func:`syllables`: vowel groups, minus a silent final ``e`` (and ``-es``/``-ed``
  where they are silent), plus the vowel pairs that are said as two syllables, with a short list
  of exceptions. It is a heuristic: tests/test_readability.py checks it against hand-counted words.

Minimum text: Flesch-Kincaid and Flesch Reading Ease need at least 100 words and 3 sentences here;
SMOG is defined on 30 sentences (10 at the start, 10 in the middle, 10 at the end; McLaughlin GH. J Reading 1969;12(8):639-646). With 10-29
sentences this module uses the common short-text adjustment (all polysyllables scaled to 30
sentences) and says so; under 10 sentences it reports no SMOG value.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

VERSION = "1.0.0"
PACKAGE = f"scripts/readability.py {VERSION} (this project's own code, standard library only)"
FORMULAS = {
    "fk_grade": "Flesch-Kincaid grade = 0.39 x (words / sentences) + 11.8 x (syllables / words) - 15.59 (Kincaid et al. 1975)",
    "smog": "SMOG grade = 1.0430 x sqrt(polysyllables x 30 / sentences) + 3.1291 (McLaughlin GH. J Reading 1969;12(8):639-646; polysyllable = 3 or more syllables)",
    "reading_ease": "Flesch Reading Ease = 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words) (higher is easier)",
}
MIN_WORDS_FK = 100
MIN_SENTENCES_FK = 3
SMOG_SAMPLE = 30
MIN_SENTENCES_SMOG = 10

EXCEPTIONS = {
    "area": 3, "idea": 3, "create": 2, "created": 3, "every": 3, "everyone": 3, "anyone": 3,
    "someone": 2, "something": 2, "sometimes": 2, "business": 2, "people": 2, "being": 2,
    "doing": 2, "going": 2, "toward": 2, "video": 3, "fluid": 2, "science": 2, "quiet": 2,
    "poem": 2, "diet": 2, "eye": 1, "eyes": 1, "whole": 1, "one": 1, "once": 1, "ahead": 2,
    "reuse": 2, "real": 1, "really": 2, "ankle": 2, "ankles": 2, "hour": 1, "hours": 1,
    "our": 1, "fire": 1, "tired": 1, "everything": 4, "ibuprofen": 4, "naive": 2,
}
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.%'’-]*[A-Za-z0-9%]|[A-Za-z0-9]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def syllables(word: str) -> int:
    """Syllables in one word, by the heuristic described in the module docstring (at least 1)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 1 if any(ch.isdigit() for ch in word) else 0
    if w in EXCEPTIONS:
        return EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    count = len(re.findall(r"[aeiouy]+", w))
    if re.search(r"[aeiouy]le$", w) or re.search(r"[^aeiouyl]e(ly|ment|ful|ness)?$", w):
        count -= 1  # silent final e: take, mile, completely
    elif re.search(r"[^aeiouy](es|ed)$", w) and not re.search(r"([sxzcg]|sh|ch)es$|[td]ed$", w):
        count -= 1  # silent -es / -ed: takes, removed (not changes, started)
    count += len(re.findall(r"(?<![cgst])ia|(?<![cgstx])io|eo|ua|uo|ii", w))
    if re.search(r"[aeiouy]ing$", w) and not w.endswith("uing"):
        count += 1  # saying, seeing
    return max(1, count)


def blocks(markdown: str) -> list[str]:
    """Paragraphs and list items of a Markdown page, each on one line; headings and comments left out."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.DOTALL)
    out: list[str] = []
    current: list[str] = []
    for line in text.splitlines() + [""]:
        stripped = line.strip()
        item = re.match(r"^([-*+]|\d+[.)])\s+", stripped)
        if not stripped or stripped.startswith("#") or item:
            if current:
                out.append(" ".join(current))
            current = []
            if item:
                current = [stripped[item.end():]]
            continue
        current.append(stripped)
    cleaned = []
    for block in out:
        block = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block).replace("**", "").replace("__", "")
        block = " ".join(block.split())
        if block:
            cleaned.append(block)
    return cleaned


def sentences(markdown: str) -> list[str]:
    """Sentences of the text (see the module docstring for the rules)."""
    out: list[str] = []
    for block in blocks(markdown):
        out.extend(s for s in _SENTENCE_END.split(block) if words(s))
    return out


def words(text: str) -> list[str]:
    """Words of a piece of text."""
    return _WORD.findall(text)


def measure(markdown: str) -> dict:
    """Counts and the three formulas for one text; a formula with too little text gives None and a reason."""
    sents = sentences(markdown)
    per_sentence = [words(s) for s in sents]
    all_words = [w for ws in per_sentence for w in ws]
    n_words, n_sent = len(all_words), len(sents)
    n_syll = sum(syllables(w) for w in all_words)
    poly_per_sentence = [sum(1 for w in ws if syllables(w) >= 3) for ws in per_sentence]
    result: dict = {
        "words": n_words,
        "sentences": n_sent,
        "syllables": n_syll,
        "polysyllables": sum(poly_per_sentence),
        "fk_grade": None,
        "reading_ease": None,
        "fk_note": "",
        "smog": None,
        "smog_note": "",
    }
    if n_words < MIN_WORDS_FK or n_sent < MIN_SENTENCES_FK:
        result["fk_note"] = (
            f"too short for Flesch-Kincaid: {n_words} words in {n_sent} sentences "
            f"(this project needs {MIN_WORDS_FK} words and {MIN_SENTENCES_FK} sentences)"
        )
    else:
        wps, spw = n_words / n_sent, n_syll / n_words
        result["fk_grade"] = round(0.39 * wps + 11.8 * spw - 15.59, 1)
        result["reading_ease"] = round(206.835 - 1.015 * wps - 84.6 * spw, 1)
        result["fk_note"] = "computed on the whole text"
    if n_sent >= SMOG_SAMPLE:
        middle = n_sent // 2 - 5
        sample = poly_per_sentence[:10] + poly_per_sentence[middle:middle + 10] + poly_per_sentence[-10:]
        result["smog"] = round(1.0430 * math.sqrt(sum(sample)) + 3.1291, 1)
        result["smog_note"] = "30-sentence sample (first, middle and last 10), as the 1969 formula defines it"
    elif n_sent >= MIN_SENTENCES_SMOG:
        result["smog"] = round(1.0430 * math.sqrt(sum(poly_per_sentence) * SMOG_SAMPLE / n_sent) + 3.1291, 1)
        result["smog_note"] = f"short-text adjustment: {n_sent} sentences, polysyllables scaled to 30"
    else:
        result["smog_note"] = (
            f"too short for SMOG: {n_sent} sentences (SMOG is defined on 30; this project adjusts from "
            f"{MIN_SENTENCES_SMOG} and reports nothing below that)"
        )
    return result


def describe(result: dict) -> str:
    """One line per formula, for the command line."""
    fk = result["fk_note"] if result["fk_grade"] is None else f"{result['fk_grade']} ({result['fk_note']})"
    smog = result["smog_note"] if result["smog"] is None else f"{result['smog']} ({result['smog_note']})"
    return (
        f"{result['words']} words, {result['sentences']} sentences, {result['syllables']} syllables\n"
        f"Flesch-Kincaid grade: {fk}\nSMOG grade: {smog}\n"
        f"Flesch Reading Ease: {'-' if result['reading_ease'] is None else result['reading_ease']}\n"
        f"Computed by {PACKAGE}"
    )


def main(argv: list[str]) -> int:
    """``python scripts/readability.py FILE``: the readability of one text file."""
    if len(argv) != 1:
        print("Give one text or Markdown file, e.g. python scripts/readability.py rewrites/DRAFT-01.md", file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        print(f"Cannot read {path} as UTF-8 text; check the path and the file's encoding.", file=sys.stderr)
        return 1
    if not words(text):
        print(f"{path} has no words to measure; write or paste the text first.", file=sys.stderr)
        return 1
    print(describe(measure(text)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
