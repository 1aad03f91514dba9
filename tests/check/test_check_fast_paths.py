"""The quick paths of the check find exactly what the plain ones find.

Each test compares a fast path (one pass for many cue words, shadowed digits, the table scan without
the csv module, rules reading only non-fictional lines) with the straightforward version it replaces,
on seeded random text built to hit the edge cases: non-ASCII letters, digits beyond 0-9, FAKE- ids,
line ends. Speed itself is measured by benchmarks/bench_check.py, never here.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest

from scaffolder.check import rules_phi, rules_table
from scaffolder.check.cues import Cues
from scaffolder.check.hits import find_all, lower_same_length
from scaffolder.check.numbers import Numbers
from scaffolder.check.scan import _WORD_CUES

# The number expression as it was before numbers.py (kept here as the reference).
_START = (r"\d(?<!\d\d)(?<!\d[-T :./]\d)" + "".join(f"(?<!FAKE-{'.' * n}-\\d)" for n in range(2, 9))
          + r"(?!\d-\d\d(?![\d-]))")
_BODY = r"(?:[\d()./:\- ]{3,}\d|\d{0,5}[ \t]+(?=[A-Z]))"
REFERENCE = (re.compile(_START + r"(?!\d{3}-[01]\d-[0-3]\d)" + _BODY),
             re.compile(_START + r"(?=\d{3}-[01]\d-[0-3]\d)" + _BODY))


def _has_word(low: str, word: str, limit: int = 200) -> bool:
    """The whole-word test as it was before cues.py."""
    pos, checked = low.find(word), 0
    while pos != -1 and checked < limit:
        after = pos + len(word)
        if (pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "_")) and (
                after >= len(low) or not (low[after].isalnum() or low[after] == "_")):
            return True
        checked += 1
        pos = low.find(word, pos + 1)
    return False


def _soup(rng: random.Random, pieces: list[str], size: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(size))


@pytest.mark.parametrize("seed", range(6))
def test_word_starts_and_whole_words_match_plain_search(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [*_WORD_CUES, " ", " ", "\n", "_", "é", "x", "s", "-", ".", "(", "1", "Ω", "ms", "Mr"]
    for _ in range(20):
        low = lower_same_length(_soup(rng, pieces, rng.randint(0, 400)))
        cues = Cues(low, _WORD_CUES)
        for cue in _WORD_CUES:
            plain = [p for p in find_all(low, cue) if p == 0 or not low[p - 1].isalnum()]
            assert cues.starts(cue) == plain, (low, cue)
        for word in ("patient", "mr", "ms", "vin", "mac", "client"):
            assert cues.has_word(word) == _has_word(low, word), (low, word)
            assert cues.has_word(word, limit=2) == _has_word(low, word, limit=2), (low, word)


def test_whole_word_limit_counts_every_occurrence() -> None:
    low = "sms " * 250 + "ms"
    assert Cues(low, _WORD_CUES).has_word("ms") is _has_word(low, "ms") is False
    assert Cues(low[-40:], _WORD_CUES).has_word("ms") is _has_word(low[-40:], "ms") is True


@pytest.mark.parametrize("seed", range(6))
def test_numbers_match_the_plain_expression(seed: int) -> None:
    rng = random.Random(seed)
    pieces = [*"0123456789", *"0123456789", "-", ".", "/", ":", " ", "(", ")", "T", ",", "\n", "\t", "A", "x",
              "FAKE-PT-", "FAKE-ABCDEFGH-", "2024-03-05", "Main", "٣", "é"]
    for _ in range(25):
        text = _soup(rng, pieces, rng.randint(0, 300))
        if rng.random() < 0.5:
            text = text.encode("ascii", "ignore").decode()  # ASCII and digit-dense: the shadowed path
        ascii_digits = all(not ch.isdecimal() or ch in "0123456789" for ch in text)
        numbers = Numbers(text, ascii_digits)
        for iso in (False, True):
            assert list(numbers.find(iso=iso)) == [m.span() for m in REFERENCE[iso].finditer(text)], text


@pytest.mark.parametrize("seed", range(6))
def test_numbers_in_sparse_text_match_the_plain_expression(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["word ", "Main ", "x", "\n", " ", "-", ".", "/", ":", "(", "é", "FAKE-PT-", "2024-03-05", "555-867-5309 ",
              "12 ", "7", "1.2.3", "192.168.0.1", "(212) 555-0142", "123-45-6789", "Street", "\t", "٣"]
    for _ in range(40):
        text = _soup(rng, pieces, rng.randint(0, 200))
        ascii_digits = all(not ch.isdecimal() or ch in "0123456789" for ch in text)
        numbers = Numbers(text, ascii_digits)
        for iso in (False, True):
            assert list(numbers.find(iso=iso)) == [m.span() for m in REFERENCE[iso].finditer(text)], text


@pytest.mark.parametrize("seed", range(4))
def test_table_scan_matches_the_csv_module(seed: int) -> None:
    rng = random.Random(seed)
    headers = ["patient_name", "dob", "age", "mrn", "zip", "phone", "notes", "id", "member_id"]
    values = ["FAKE-PT-001", "John Smith", "", "12345", "1932-04-05", "95", "NA", " FAKE-X-12", "555-867-5309",
              "x", "Ada Quillhaven"]
    for _ in range(150):
        width = rng.randint(1, 5)
        lines = [",".join(rng.choice(headers) for _ in range(width))] if rng.random() < 0.8 else []
        for _ in range(rng.randint(0, 8)):
            lines.append("" if rng.random() < 0.1 else ",".join(rng.choice(values) for _ in range(rng.randint(0, width + 1))))
        text = ("\n" if rng.random() < 0.1 else "") + "\n".join(lines) + ("\n" if rng.random() < 0.7 else "")
        for columns in (None, {0: ("phi.name", "name"), 2: ("phi.mrn", "mrn")}):
            assert rules_table.scan(text, columns, ",") == rules_table._scan_rows(text, columns, ","), text


@pytest.mark.parametrize("seed", range(4))
def test_rules_on_non_fictional_lines_match_the_whole_text(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    fake = ["FAKE-PT-{n:06d},Jane Roe,DOB 03/04/1950,lives in Springfield,aged 93",
            "fake-MRN-{n}: Mr. John Smith was admitted on March 5, 2021",
            "FAKE-A-{n} plate ABC1234 photo_of_patient.png 2021-03-05"]
    real = ["Patient Jane Roe, DOB 03/04/1950.", "Mr. John Smith was admitted on March 5, 2021.", "",
            "P.O. Box 123", "lives in Springfield", "photo_of_patient", ".png", "aged 93", "xFAKE-1 Ms. Ada Vale"]
    for _ in range(40):
        lines = [(rng.choice(fake) if rng.random() < 0.8 else rng.choice(real)).format(n=rng.randint(0, 999999))
                 for _ in range(rng.randint(1, 40))]
        text = "\n".join(lines) + ("\n" if rng.random() < 0.5 else "")
        with_view = sorted(rules_phi.scan(text))
        with monkeypatch.context() as patch:
            patch.setattr(rules_phi.NonFiction, "of", classmethod(lambda cls, c: None))
            assert with_view == sorted(rules_phi.scan(text)), text


def test_scan_in_two_processes_gives_the_serial_report(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scaffolder.check import check_paths, parallel, to_json

    lines = ["Patient Jane Roe, DOB 03/04/1950.", "Call 212-867-5309 or write to jroe@gmail.com.",
             "The tool diagnoses cancer.", "Plain words.", "FAKE-PT-000123 Mr. John Smith", "[FILL: your name]"]
    rng = random.Random(3)
    for folder in ("a", "b/c", "project"):
        (tmp_path / folder).mkdir(parents=True)
        for i in range(4):
            (tmp_path / folder / f"f{i}.md").write_text("\n".join(rng.choice(lines) for _ in range(30)), encoding="utf-8")
    (tmp_path / "project" / ".prooflane.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "a" / "data.csv").write_text("patient_name,dob\nJane Roe,1950-03-04\n", encoding="utf-8")
    (tmp_path / "a" / "f0-link.md").hardlink_to(tmp_path / "a" / "f0.md")
    monkeypatch.setattr(parallel, "MIN_BYTES", 10**12)
    serial = to_json(check_paths([tmp_path]))
    used: list[bool] = []
    real = parallel.scan_in_processes
    monkeypatch.setattr(parallel, "scan_in_processes", lambda state, meanwhile=None: used.append(True) or real(state, meanwhile))
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    assert to_json(check_paths([tmp_path])) == serial
    assert used or parallel._workers() < 2  # (one CPU: nothing to compare)
    calls: list[int] = []  # the caller's own work runs once, in this process, while the others scan
    assert to_json(check_paths([tmp_path], meanwhile=lambda: calls.append(os.getpid()))) == serial
    assert calls == [os.getpid()]

    def fails() -> None:
        raise ValueError("the caller's own error")

    for min_bytes in (0, 10**12):  # with processes and without: raised, not swallowed
        monkeypatch.setattr(parallel, "MIN_BYTES", min_bytes)
        with pytest.raises(ValueError, match="own error"):
            check_paths([tmp_path], meanwhile=fails)
    problems = json.loads(serial)["summary"]["problems"]
    assert [p["path"].endswith(".prooflane.json") for p in problems].count(True) == 1


def test_tasks_keep_a_project_together_and_put_large_files_first(tmp_path) -> None:
    from scaffolder.check.parallel import tasks

    assert tasks([], [], 2) == []
    for name in ("one", "two"):
        (tmp_path / name / "docs").mkdir(parents=True)
        (tmp_path / name / ".prooflane.json").write_text("{}", encoding="utf-8")
    (tmp_path / "loose").mkdir()
    paths = [tmp_path / "one" / ".prooflane" / "base.tar.gz", tmp_path / "one" / "README.md",
             tmp_path / "one" / "docs" / "a.md", tmp_path / "one" / "big.md", tmp_path / "two" / "README.md",
             tmp_path / "loose" / "x.md", tmp_path / "loose" / "y.md"]
    sizes = [1000, 100, 100, 50_000, 300, 10, 10]

    def home(path: Path) -> Path:  # the nearest folder with a manifest, as the scan finds it
        return next((d for d in path.parents if (d / ".prooflane.json").is_file()), path.parent)

    cut = tasks([(p, str(p)) for p in paths], sizes, 2, home)
    assert cut[0] == [3]  # the large file alone, first
    assert [0, 1, 2] in cut and [4] in cut and [5, 6] in cut  # each project (snapshot included) and folder together
    assert sorted(i for task in cut for i in task) == list(range(len(paths)))
    many = [(tmp_path / "loose" / f"n{i:03d}.md", "") for i in range(200)]  # one folder of many small files
    runs = tasks(many, [1000] * 200, 2)
    assert len(runs) >= 8 and sorted(i for task in runs for i in task) == list(range(200))
    assert all(task == list(range(task[0], task[0] + len(task))) for task in runs)  # consecutive files


_WORDY = ["Ann", "ann's", "son-in-law", "DR", "dr.", "Søren", "İstanbul", "12abc", "abc12", "x1", "’s", "-", "'", "510",
          "naïve", "Ⅻ", "½", "_a", "a_b", "e-mail", "Mary-Jane", "  ", "\n", ", ", ".", "7", "—", "σς", "ΣΑΣ"]


@pytest.mark.parametrize("seed", range(12))
def test_word_index_matches_the_plain_searches(seed: int) -> None:
    """textindex's shared word index gives what the per-rule searches it replaces gave."""
    from scaffolder.check import textindex
    from scaffolder.check.hits import word_spans as plain_word_spans
    from scaffolder.check.rules_people import TOKEN_RE

    rng = random.Random(seed)
    text = _soup(rng, _WORDY, 400)
    lower = text.lower()
    textindex.forget()
    assert textindex.tokens(lower) == frozenset(TOKEN_RE.findall(lower))
    plain: dict[str, list[int]] = {}  # each run's offsets, found by the regex engine
    for m in re.finditer(r"[\w'’-]+", lower):
        if re.search(r"[^\W\d_]", m.group()):
            plain.setdefault(m.group(), []).append(m.start())
    index = textindex.runs(lower)
    assert list(index) == list(plain) and {run: index[run] for run in index} == plain
    assert index.get("not-a-run-here", ()) == () and "not-a-run-here" not in index
    for pattern in (textindex._RUN_SPARSE_RE, textindex._RUN_ASCII_RE if lower.isascii() else textindex._RUN_RE):
        assert [m.span() for m in pattern.finditer(lower)] == [
            m.span() for m in re.finditer(r"[\w'’-]+", lower) if re.search(r"[^\W\d_]", m.group())]
    words = {w.lower() for w in rng.sample(_WORDY, 10)} | {"ann", "dr", "510", "x1"}
    assert textindex.word_spans(lower, words) == plain_word_spans(lower, frozenset(words))
    wanted = set(rng.sample(sorted(textindex.tokens(lower)) or ["ann"], 3))
    lines = textindex.Lines(lower)  # (offsets in the lowered text; the place rule uses them when lowering keeps lengths)
    expected = {i for i, line in enumerate(lower.split("\n")) if set(TOKEN_RE.findall(line)) & wanted}
    assert {lines.number(p) for p in textindex.token_starts(lower, wanted)} == expected
    stem = re.compile("nn|ar|5")
    runs = [m for m in re.finditer(r"[\w'’-]+", lower) if re.search(r"[^\W\d_]", m.group()) and stem.search(m.group())]
    assert sorted(textindex.runs_matching(lower, stem)) == [m.start() for m in runs]


@pytest.mark.parametrize("seed", range(8))
def test_trie_alternation_matches_the_longest_first_alternation(seed: int) -> None:
    from scaffolder.check.textindex import alternation

    rng = random.Random(seed)
    words = {"".join(rng.choice("abc-.") for _ in range(rng.randint(1, 5))) for _ in range(30)}
    plain = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?:s|\b)")
    trie = re.compile("(?:" + alternation(words) + r")(?:s|\b)")
    text = _soup(rng, [*words, " ", "s", "\n", "x"], 600)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("seed", range(8))
def test_windows_for_many_hints_match_the_step_by_step_windows(seed: int) -> None:
    from scaffolder.check.hits import _windows, _windows_many

    rng = random.Random(seed)
    text = _soup(rng, ["1", "2", ".", "-", "/", " ", "ab", "\n", "x" * 30, "7" * 90], 3000)
    hint = re.compile(r"[-/.]\d")
    spans = [m.span() for m in hint.finditer(text)]
    for before, after in ((60, 60), (2, 90), (20, 20), (5, 50)):
        assert _windows_many(text, spans, before, after) == _windows(text, spans, before, after)


@pytest.mark.parametrize("seed", range(10))
def test_cue_credential_and_month_hints_from_the_word_index(seed: int) -> None:
    """The name-cue, credential and month hints found over the distinct words give the matches (or,
    for credentials, the name-rule results) of the plain hint searches."""
    from scaffolder.check import rules_clinical, rules_people, textindex
    from scaffolder.check.hits import finditer_near

    rng = random.Random(seed)
    cues = rules_people._cues()
    words = [*sorted(cues["titles"] | cues["relatives"])[:40], "significant other", "s/o", "sig other"]
    creds = sorted(cues["credentials"])
    pieces = [*words, *creds, "'s", "’s", " ", " ", ", ", ". ", "\n", "-", "'", "grand", "x", "Ann", "Carole Hayes",
              "jan", "sept", "12", "the 3rd", "1st", "22nd", "th", "st", "4", ";", ")", "\t", "é"]
    text = _soup(rng, pieces, 500)
    low = text.lower()
    textindex.forget()
    assert rules_people._cue_spans(low) == [m.span() for m in rules_people._cue_hint().finditer(low)]
    assert textindex.run_spans(low, rules_clinical._MONTH_HINT) == [m.span() for m in rules_clinical._MONTH_HINT.finditer(low)]
    ordinals = [(m.start() - 1, m.end()) for m in rules_clinical._ORDINAL_FROM_SUFFIX_RE.finditer(low)]
    assert ordinals == [m.span() for m in rules_clinical._ORDINAL_HINT.finditer(low)]
    cred = rules_people._cred_re()
    fast = [m.span() for m in finditer_near(cred, text, None, low, 12, 12, rules_people._cred_spans(low))]
    assert fast == [m.span() for m in finditer_near(cred, text, rules_people._cred_hint(), low, 12, 12)]


@pytest.mark.parametrize("seed", range(8))
def test_event_dates_from_the_slash_match_every_slash_tried(seed: int) -> None:
    from scaffolder.check import rules_clinical

    md = rules_clinical._event_res()[2]
    rng = random.Random(seed)
    text = _soup(rng, ["1", "2", "0", "9", "12", "/", "/", " ", "x", ".", "-", ":", "%", "\n", "3/4", "10/31"], 2000)
    plain = []
    for h in re.finditer(r"/(?=\d)", text):  # the loop it replaces: a match one or two characters before each slash
        for s in (h.start() - 2, h.start() - 1):
            m = md.match(text, s) if s >= 0 and text[s].isdigit() else None
            if m:
                plain.append(m.span())
                break
    fast = [md.match(text, h.start() - (2 if h.group("two") else 1)) for h in rules_clinical._MD_FROM_SLASH_RE.finditer(text)]
    assert [m.span() for m in fast if m] == plain


@pytest.mark.parametrize("seed", range(6))
def test_clinical_rules_over_the_content_of_blanked_data_match_the_whole_text(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data whose fictional lines were blanked is searched only where something is left (content_regions)."""
    from scaffolder.check import hits, rules_clinical

    rng = random.Random(seed)
    real = ["seen 6/30 after the fall, pager 4417", "92 yo woman s/p fx on 3/14", "DOB: 1950-03-04 card 4111 1111 1111 1111",
            "call +44 20 7946 0991 on the 11th", "admitted March 5, 2021", "  98 with pneumonia", "GB82WEST12345698765432",
            "ext. 2231", "on 03-04-1950", "x", "1/2 tab", "7/2 cath", "pt 6/2", "bp 120/80 on 5/6"]
    for _ in range(12):
        lines = []
        for _ in range(rng.randint(300, 1500)):
            if rng.random() < 0.97:
                lines.append(" " * rng.randint(0, 200))
            else:
                lines.append(rng.choice(real) + " " * rng.randint(0, 3))
        text = "\n".join(lines) + ("\n" if rng.random() < 0.5 else "")
        assert hits.content_regions(text) is not None or len(text) < 1 << 16
        fast = sorted(rules_clinical.scan(text))
        with monkeypatch.context() as patch:
            patch.setattr(rules_clinical, "content_regions", lambda text: None)
            assert fast == sorted(rules_clinical.scan(text))


@pytest.mark.parametrize("many", [False, True])
def test_fictional_lines_are_blanked_as_line_by_line(many: bool) -> None:
    """Both ways of blanking fictional lines (line by line for data full of FAKE- ids, from the cue words
    elsewhere) blank exactly the lines is_fiction_line calls fictional."""
    from scaffolder.check.hits import is_fiction_line
    from scaffolder.check.scan import _without_fiction

    rng = random.Random(int(many))
    parts = ["FAKE-PT-1", "fake-x", "xFAKE-1", "synthetic", "synthetically", "made-up", "Invented", "\r", "\n", "\n",
             " ", "a", ",", "placeholder", "-FAKE-", "FAKE", "fictional_", "ficTitious", "Jane Roe 03/04"]
    for _ in range(100):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 2000))) + ("\nFAKE-1" * 300 if many else "")
        expected = "\n".join(" " * len(line) if is_fiction_line(line) else line for line in text.split("\n"))
        assert _without_fiction(text) == expected


def test_every_word_list_reads_as_its_lines() -> None:
    """The quick read of the generated lists gives each file's stripped, lower-cased, non-comment lines."""
    from importlib import resources

    from scaffolder.check import lexicons

    folder = resources.files("scaffolder.check").joinpath("data")
    names = [entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".txt")]
    assert "places" in names and "first_names" in names
    for name in names:
        assert lexicons.words(name) == frozenset(line.lower() for line in lexicons._lines(f"{name}.txt")), name


@pytest.mark.parametrize("seed", range(4))
def test_vendor_names_tried_at_their_first_words_match_the_whole_pattern(seed: int) -> None:
    from scaffolder.check import lexicons, rules_vendors

    names = sorted(lexicons.words("vendors"))
    parts = [*names, *(n.title() for n in names), *(n.upper() for n in names[:20]), " ", "\n", ".", "-", "x", "_", "a",
             "compared with", "Epic", ".Epic", "Cerner-"]
    rng = random.Random(seed)
    for _ in range(100):
        text = "".join(rng.choice(parts) + rng.choice(["", " ", "  ", "\n", "-", "."]) for _ in range(rng.randint(0, 60)))
        low = text.lower()
        present = [w for w in rules_vendors._first_words() if w in low]
        expected = [m.span() for m in rules_vendors._pattern().finditer(text)]
        assert [m.span() for m in rules_vendors._matches(text, low, present)] == (expected if present else [])


def test_cities_of_several_words_looked_up_by_first_word_match_a_full_pass() -> None:
    from scaffolder.check import lexicons, rules_places
    from scaffolder.check.rules_people import TOKEN_RE

    reference: dict[str, list[tuple[str, ...]]] = {}
    for place in lexicons.places():
        words = TOKEN_RE.findall(place)
        if " " in place and len(words) > 1:
            reference.setdefault(place.split()[0], []).append(tuple(words[1:]))
    assert set(reference) <= rules_places._gram_heads() and len(reference) > 1000
    for head in rules_places._gram_heads():
        assert sorted(rules_places._grams_of(head)) == sorted(reference.get(head, [])), head
