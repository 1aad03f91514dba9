"""The vendor-checklist kind: its vendor, claim and answer-key generators and the template's fixed worked example."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from synthetic import vendors as v
from synthetic.identifiers import is_fictional_phone
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text, to_json_text

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "project_templates" / "vendor-checklist" / "{{cookiecutter.project_slug}}"
IDS = ("vendor-profiles", "vendor-claims", "vendor-claims-key")


def _planted(seed: int, rows: int = 3) -> dict[str, Counter]:
    counts: dict[str, Counter] = {}
    for row in DATASETS["vendor-claims-key"].generate(seed=seed, rows=rows).records():
        counts.setdefault(row["vendor_id"], Counter())[row["planted"]] += 1
    return counts


def test_registered_for_this_kind() -> None:
    for dataset in IDS:
        spec = DATASETS[dataset]
        assert spec.kind == "vendor-checklist" and spec.default_rows == 3 and spec.summary


@pytest.mark.parametrize("dataset", IDS)
def test_same_seed_same_bytes_other_seed_other_data(dataset: str) -> None:
    spec = DATASETS[dataset]
    first, again = spec.generate(seed=42), spec.generate(seed=42)
    assert to_csv_text(first) == to_csv_text(again) and to_json_text(first) == to_json_text(again)
    assert to_csv_text(spec.generate(seed=7)) != to_csv_text(first)


def test_same_bytes_in_another_process() -> None:
    code = (
        "from synthetic.registry import DATASETS; from synthetic.writers import to_csv_text; "
        "print(''.join(to_csv_text(DATASETS[d].generate(seed=11, rows=6)) for d in "
        "('vendor-profiles', 'vendor-claims', 'vendor-claims-key')), end='')"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                       env={"PYTHONHASHSEED": hashseed, "PATH": ""}).stdout
        for hashseed in ("1", "2")
    }
    here = "".join(to_csv_text(DATASETS[d].generate(seed=11, rows=6)) for d in IDS)
    assert outputs == {here}


def test_worked_vendor_is_fixed_across_seeds() -> None:
    fixed = [c for c in v.PROFILE_COLUMNS if c not in ("founded_year", "customer_count") and not c.startswith("contact")]
    reference = DATASETS["vendor-profiles"].generate(seed=0).records()[0]
    claims = [r for r in DATASETS["vendor-claims"].generate(seed=0).records() if r["vendor_id"] == "V01"]
    for seed in (1, 42, 999, 2**32 - 1):
        row = DATASETS["vendor-profiles"].generate(seed=seed).records()[0]
        assert {c: row[c] for c in fixed} == {c: reference[c] for c in fixed}
        assert [r for r in DATASETS["vendor-claims"].generate(seed=seed).records() if r["vendor_id"] == "V01"] == claims
        assert _planted(seed)["V01"] == Counter({"red-flag": 3, "unsupported": 2})


def test_exactly_one_user_vendor_makes_red_flag_claims_and_the_seed_decides_which() -> None:
    flagged = set()
    for seed in range(40):
        counts = _planted(seed)
        reds = {vid: counts[vid]["red-flag"] for vid in ("V02", "V03")}
        assert sorted(reds.values()) == [0, 2], (seed, reds)
        flagged.add(max(reds, key=reds.get))
        other = min(reds, key=reds.get)
        assert counts[other] == Counter({"plausible": 3, "unsupported": 2})
        assert sum(counts[max(reds, key=reds.get)].values()) == 5
    assert flagged == {"V02", "V03"}


def test_flagged_vendor_sends_fewer_documents_on_average() -> None:
    docs = {"flagged": 0, "other": 0}
    for seed in range(60):
        counts = _planted(seed)
        profiles = {r["vendor_id"]: r for r in DATASETS["vendor-profiles"].generate(seed=seed).records()}
        for vid in ("V02", "V03"):
            group = "flagged" if counts[vid]["red-flag"] else "other"
            docs[group] += len(profiles[vid]["documents_provided"].split("; "))
    assert docs["flagged"] < 0.75 * docs["other"]


def test_sizes_ids_and_claim_shape() -> None:
    for rows in (1, 2, 3, 4, 57):
        profiles = DATASETS["vendor-profiles"].generate(seed=5, rows=rows).records()
        claims = DATASETS["vendor-claims"].generate(seed=5, rows=rows).records()
        key = DATASETS["vendor-claims-key"].generate(seed=5, rows=rows).records()
        assert len(profiles) == rows and len(claims) == len(key) == 5 * rows
        ids = [p["vendor_id"] for p in profiles]
        slugs = [p["slug"] for p in profiles]
        assert len(set(ids)) == rows and len(set(slugs)) == rows
        assert [c["claim_id"] for c in claims] == [k["claim_id"] for k in key]
        assert [c["claim_id"] for c in claims] == [f"{i}-C{n}" for i in ids for n in range(1, 6)]
        assert {k["planted"] for k in key} <= set(v.PLANTED)
    assert [p["slug"] for p in DATASETS["vendor-profiles"].generate(seed=5).records()] == [
        "lumen-triage-systems", "clarinote-health-ai", "quietloop-messaging"]
    with pytest.raises(ValueError):
        v.build(5, 0)


def test_claim_text_lives_only_in_the_claim_column() -> None:
    claims = DATASETS["vendor-claims"].generate(seed=3, rows=30)
    assert claims.columns == ("vendor_id", "claim_id", "source", "claim")
    texts = set(claims.column("claim"))
    for dataset in ("vendor-profiles", "vendor-claims-key"):
        table = DATASETS[dataset].generate(seed=3, rows=30)
        for row in table.rows:
            assert not texts & {str(value) for value in row}, dataset


def test_identifiers_come_from_reserved_ranges() -> None:
    profiles = DATASETS["vendor-profiles"].generate(seed=8, rows=200).records()
    for p in profiles:
        assert re.fullmatch(r"https://[a-z0-9-]+\.example", p["website"]), p["website"]
        assert p["contact_email"].endswith("@" + p["website"].removeprefix("https://"))
        assert is_fictional_phone(p["contact_phone"]) and re.fullmatch(r"\d{3}-555-01\d\d", p["contact_phone"])
        assert 2010 <= p["founded_year"] <= 2025 and p["customer_count"] > 0
    text = to_csv_text(DATASETS["vendor-profiles"].generate(seed=8, rows=200))
    assert not re.search(r"\b\d{3}-\d{2}-\d{4}\b", text)  # nothing shaped like an SSN


def test_fast_enough() -> None:
    start = time.perf_counter()
    DATASETS["vendor-profiles"].generate(seed=1, rows=5000)
    assert time.perf_counter() - start < 1.0


def test_template_worked_assessment_matches_the_generator() -> None:
    worked = yaml.safe_load((TEMPLATE / "assessments" / "lumen-triage-systems.yaml").read_text(encoding="utf-8"))
    assert worked["vendor_id"] == "V01" and worked["vendor"] == v.WORKED["name"]
    judged = {c["claim_id"] for c in worked["claims"] if c["red_flag"]}
    planted = {k["claim_id"] for k in DATASETS["vendor-claims-key"].generate(seed=42).records()
               if k["vendor_id"] == "V01" and k["planted"] == "red-flag"}
    assert judged == planted
    for name, vendor_id in (("clarinote-health-ai", "V02"), ("quietloop-messaging", "V03")):
        user = yaml.safe_load((TEMPLATE / "assessments" / f"{name}.yaml").read_text(encoding="utf-8"))
        assert user["vendor_id"] == vendor_id
        assert [c["claim_id"] for c in user["claims"]] == [f"{vendor_id}-C{n}" for n in range(1, 6)]
        assert all(item["status"] == "unanswered" for item in user["items"].values())
