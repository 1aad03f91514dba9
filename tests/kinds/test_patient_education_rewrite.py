"""The patient-education-rewrite kind: its generators, the planted problems, and every quoted figure on several seeds."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scaffolder.api import new_project
from scaffolder.seeds import derive_seed
from synthetic import patient_drafts as pd
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text

REPO = Path(__file__).resolve().parents[2]
KIND = "patient-education-rewrite"
IDS = ("patient-drafts", "patient-sources", "patient-drafts-key")
SEEDS = (1, 42, 977, derive_seed("Plain Language Handout Rewrite", "Ana Li", KIND))


def test_registered_for_this_kind() -> None:
    for dataset in IDS:
        assert DATASETS[dataset].kind == KIND and DATASETS[dataset].summary


@pytest.mark.parametrize("dataset", IDS)
def test_same_seed_same_bytes_other_seed_other_data(dataset: str) -> None:
    spec = DATASETS[dataset]
    assert to_csv_text(spec.generate(seed=42)) == to_csv_text(spec.generate(seed=42))
    assert to_csv_text(spec.generate(seed=7)) != to_csv_text(spec.generate(seed=42))


def test_same_bytes_in_another_process() -> None:
    code = ("from synthetic.registry import DATASETS; from synthetic.writers import to_csv_text; "
            f"print(''.join(to_csv_text(DATASETS[d].generate(seed=11)) for d in {IDS!r}), end='')")
    outputs = {subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": h, "PATH": ""}).stdout for h in ("1", "2")}
    assert outputs == {"".join(to_csv_text(DATASETS[d].generate(seed=11)) for d in IDS)}


@pytest.mark.parametrize("seed", SEEDS)
def test_planted_problems_are_where_the_key_says(seed: int) -> None:
    table = pd.generate(seed)
    texts = {row[0]: row[4] for row in table.rows}
    key = pd.answer_key(seed).records()
    assert {r["draft_id"] for r in key} == set(texts)
    for draft_id in ("DRAFT-01", "DRAFT-02", "DRAFT-03"):
        problems = {r["problem"] for r in key if r["draft_id"] == draft_id}
        assert {"reading_level", "dosing_interval", "relative_risk_only", "false_certainty", "no_escalation"} <= problems
    for row in key:
        assert not row["span"] or row["span"] in texts[row["draft_id"]]
    p = table.params
    assert p["wrong_interval"] in texts["DRAFT-01"] and p["wrong_interval"] in texts["DRAFT-01-S"]
    assert "once a day" not in texts["DRAFT-01"], "the draft's interval is the wrong one"
    assert f"{p['rr']}%" in texts["DRAFT-01"] and str(p["base"]) not in texts["DRAFT-01"], "relative number only"
    facts = pd.facts(table)
    r = facts["readability"]
    assert r["ai_draft"]["fk_grade"] >= 10 and r["rewrite"]["fk_grade"] <= 8 and r["oversimplified"]["fk_grade"] <= 6
    assert r["rewrite"]["smog"] is not None and r["oversimplified"]["smog"] is None, "SMOG refuses a text under 10 sentences"
    for change in facts["change_log"]:
        assert not change["span"] or change["span"] in texts["DRAFT-01"], change


def test_seed_chooses_and_orders_the_other_drafts() -> None:
    pairs = {tuple(o["topic"] for o in pd.generate(seed).params["others"]) for seed in range(30)}
    assert len(pairs) >= 4


def _md_table_row(text: str, name: str) -> list[str]:
    line = next(ln for ln in text.splitlines() if ln.startswith(f"| {name} |"))
    return [c.strip() for c in line.strip("|").split("|")]


@pytest.mark.parametrize("seed", (1, 42, 977))
def test_every_quoted_figure_matches_the_project_data(seed: int, tmp_path: Path) -> None:
    root = new_project(KIND, tmp_path, seed=str(seed), author="Ana Li").path
    sys.path.insert(0, str(root / "scripts"))
    try:
        for name in ("report", "inputs", "readability", "instruments"):
            sys.modules.pop(name, None)
        import report

        data = report.collect(root)
    finally:
        sys.path.pop(0)
        for name in ("report", "inputs", "readability", "instruments"):
            sys.modules.pop(name, None)
    rows = {t["label"]: t for t in data["texts"]}
    sheets = {s["sheet"].path: s for s in data["sheets"]}
    worked = (root / "review" / "worked-example.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for label, name in (("DRAFT-01 AI draft", "DRAFT-01, AI draft"), ("DRAFT-01 rewrite", "Worked rewrite"),
                        ("DRAFT-01-S over-simplified rewrite", "DRAFT-01-S, over-simplified")):
        r = rows[label]["readability"]
        cells = _md_table_row(worked, name)
        assert cells[1:4] == [str(r["words"]), str(r["sentences"]),
                              str(r["fk_grade"]) if r["fk_grade"] is not None else cells[3]]
        assert cells[4] == (str(r["smog"]) if r["smog"] is not None else f"not computed ({r['smog_note']})")
    draft, rewrite, simple = (rows[k]["readability"] for k in ("DRAFT-01 AI draft", "DRAFT-01 rewrite", "DRAFT-01-S over-simplified rewrite"))
    assert f"Flesch-Kincaid grade {draft['fk_grade']} (SMOG {draft['smog']})" in readme
    assert f"worked\n  rewrite at grade {rewrite['fk_grade']} (SMOG {rewrite['smog']})" in readme
    assert f"reads at grade {simple['fk_grade']}" in readme
    for path, name in (("scores/DRAFT-01-ai-draft.yaml", "DRAFT-01, AI draft"), ("scores/DRAFT-01-rewrite.yaml", "Worked rewrite"),
                       ("scores/DRAFT-01-S-oversimplified.yaml", "DRAFT-01-S, over-simplified")):
        s = sheets[path]
        cells = [c for c in _md_table_row(worked, name)]
        pemat_line = next(ln for ln in worked.splitlines() if ln.startswith(f"| {name} |") and "%" in ln)
        assert f"| {s['pemat']['understandability']:.1f}% | {s['pemat']['actionability']:.1f}% | {s['cci']:.1f} |" in pemat_line, cells
    assert f"CCI {sheets['scores/DRAFT-01-S-oversimplified.yaml']['cci']} against {sheets['scores/DRAFT-01-rewrite.yaml']['cci']}" in readme
    sources = list(csv.DictReader(io.StringIO((root / "data" / "sources.csv").read_text(encoding="utf-8"), newline="")))
    fact_sheet = next(s for s in sources if s["source_id"] == "SRC-02")["statement"]
    numbers = re.findall(r"about (\d+) in 1,000", fact_sheet)
    assert f"about {numbers[0]} and {numbers[1]} strokes in 1,000" in readme
    assert f"about {numbers[0]} in 1,000 over 10 years without treatment and about\n   {numbers[1]} in 1,000" in worked


def test_fresh_bake_report_shows_the_planted_effects(baked) -> None:
    html = (baked(KIND) / "reports" / "report.html").read_text(encoding="utf-8")
    assert html.count("missing: no &#x27;When to get help&#x27; block") >= 4  # three AI drafts and the easy rewrite
    assert "too short for SMOG" in html and "not written yet" in html
