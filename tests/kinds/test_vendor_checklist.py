"""The vendor-checklist kind: its vendor, claim and answer-key generators and the template's fixed worked example."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from scaffolder.api import new_project
from scaffolder.check import check_paths
from scaffolder.status import project_status
from synthetic import vendor_documents as docs
from synthetic import vendors as v
from synthetic.identifiers import is_fictional_phone
from synthetic.registry import DATASETS
from synthetic.writers import to_csv_text, to_json_text

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "project_templates" / "vendor-checklist" / "{{cookiecutter.project_slug}}"
IDS = ("vendor-profiles", "vendor-claims", "vendor-claims-key", "vendor-documents", "vendor-items-key")
KIND = "vendor-checklist"
SEEDS = ("1", "42", "977")
USER = {"V02": "clarinote-health-ai", "V03": "quietloop-messaging"}


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
        f"{IDS!r}), end='')"
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


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _recompute(root: Path) -> dict:
    """The worked example's figures, recomputed here from checklist.yaml and the assessment (not by score.py)."""
    checklist = _yaml(root / "checklist.yaml")
    worked = _yaml(root / "assessments" / "lumen-triage-systems.yaml")
    rules = checklist["scoring"]
    earned = total = 0.0
    bands = Counter()
    statuses = Counter()
    critical_gate = False
    for item in checklist["items"]:
        answer = worked["items"][item["id"]]
        status = answer["status"]
        statuses[status] += 1
        if status in rules["points"]:
            earned += item["weight"] * rules["points"][status]
            total += item["weight"]
        if status in ("partial", "not-met", "unknown"):
            risk = answer["likelihood"] * (answer.get("impact") or item["typical_impact"])
            band = max((b for b in ("low", "moderate", "high", "critical") if risk >= rules["bands"][b]),
                       key=lambda b: rules["bands"][b])
            bands[band] += 1
        for gate in rules["gates"]:
            critical_gate |= gate["item"] == item["id"] and status in gate["fails_when"]
    flags = sum(1 for c in worked["claims"] if c["red_flag"])
    return {"score": round(100 * earned / total, 1), "bands": bands, "statuses": statuses, "flags": flags,
            "gate": critical_gate, "items": len(checklist["items"])}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> dict[str, Path]:
    """Bakes with three fixed seeds and one derived from the answers."""
    out = {}
    for seed in SEEDS:
        out[seed] = new_project(KIND, tmp_path_factory.mktemp(f"vc-{seed}"), seed=seed).path
    out["derived"] = new_project(KIND, tmp_path_factory.mktemp("vc-derived"), name="Vendor Review For Ana",
                                 author="Ana Quillfeather").path
    return out


def test_every_readme_figure_is_computed_from_the_project_for_every_seed(seeded) -> None:
    for seed, root in seeded.items():
        expected = _recompute(root)
        text = (root / "README.md").read_text(encoding="utf-8")
        bands, counts = expected["bands"], expected["statuses"]
        assert f"| Checklist score | {expected['score']:g} / 100" in text, seed
        assert (f"| {expected['items']} items | {counts['met']} met, {counts['partial']} partial, "
                f"{counts['not-met']} not met, {counts['unknown']} unknown, {counts['n/a']} n/a |") in text, seed
        assert (f"| {sum(bands.values())} rated gaps (likelihood x impact) | {bands['critical']} critical, "
                f"{bands['high']} high, {bands['moderate']} moderate, {bands['low']} low |") in text, seed
        assert f"| Marketing claims | 5 reviewed, {expected['flags']} red flags |" in text
        assert ("**Risk tier: CRITICAL.**" in text) == (expected["gate"] or bands["critical"] >= 4)
        # every number in the results block is one of the recomputed figures or a row of the register
        block = text[text.index("worked-example-results: start"):text.index("worked-example-results: end")]
        report = (root / "reports" / "lumen-triage-systems.md").read_text(encoding="utf-8")
        for row in re.findall(r"\| ([A-Z]{3}-\d\d) [^|]+\| (\d+) \((\d) x (\d)\) \| (\w+) \|", block):
            item, risk, likelihood, impact, band = row
            assert int(risk) == int(likelihood) * int(impact)
            assert re.search(rf"\| {item} [^|]+\| {likelihood} \| {impact} \| {risk} \| {band} \|", report), row
        # the project's own scoring agrees, and `make score` leaves the README as it was baked
        before = (root / "README.md").read_bytes()
        done = _run(["scripts/score.py"], root)
        assert done.returncode == 0, done.stderr
        assert (root / "README.md").read_bytes() == before, seed


def test_documents_quote_the_data_and_their_intervals_are_computed(seeded) -> None:
    for seed, root in seeded.items():
        rows = _csv(root / "data" / "vendor_documents.csv")
        for vendor_id, slug in USER.items():
            page = (root / "documents" / f"{slug}.md").read_text(encoding="utf-8")
            paragraphs = [r["text"] for r in rows if r["vendor_id"] == vendor_id]
            assert len(paragraphs) >= 15, (seed, vendor_id)
            assert all(p in page for p in paragraphs), (seed, vendor_id)
            for k, n, rate, lo, hi in re.findall(
                    r"(\d+) in (\d+) [a-z ]+\(([\d.]+)%; 95% interval ([\d.]+)% to ([\d.]+)%\)", page):
                assert float(rate) == round(100 * int(k) / int(n), 1)
                assert (float(lo), float(hi)) == docs.wilson(int(k), int(n))


def test_the_item_key_follows_what_the_documents_say(seeded) -> None:
    seen = Counter()
    for root in seeded.values():
        key = _csv(root / "data" / "answer_key" / "vendor_items_key.csv")
        checklist_ids = [i["id"] for i in _yaml(root / "checklist.yaml")["items"]]
        for vendor_id in USER:
            rows = [r for r in key if r["vendor_id"] == vendor_id]
            assert [r["item_id"] for r in rows] == checklist_ids
            for row in rows:
                seen[row["expected"]] += 1
                assert (row["where"] == "not in the documents") == (row["expected"] == "unknown or not-met")
        profiles = {p["vendor_id"]: p for p in json.loads((root / "data" / "vendors.json").read_text())}
        for vendor_id in USER:
            status = {r["item_id"]: r["expected"] for r in key if r["vendor_id"] == vendor_id}
            documents = profiles[vendor_id]["documents_provided"]
            assert status["GOV-04"] == ("met" if "SOC 2 Type II" in documents else
                                        "partial" if "SOC 2 Type I" in documents else "not-met")
    assert {"met", "partial", "not-met", "unknown or not-met"} <= set(seen)


def test_the_vendor_that_makes_red_flag_claims_has_weaker_documents() -> None:
    met = Counter()
    for seed in range(30):
        key = DATASETS["vendor-items-key"].generate(seed=seed).records()
        planted = _planted(seed)
        for row in key:
            group = "flagged" if planted[row["vendor_id"]]["red-flag"] else "careful"
            met[group] += row["expected"] == "met"
    assert met["flagged"] < 0.5 * met["careful"]


def test_a_fresh_bake_is_quiet_for_check_and_unfinished_for_status(seeded) -> None:
    for seed, root in seeded.items():
        report = check_paths([root])
        others = [f"{f.path}:{f.line} {f.category}" for f in report.findings
                  if f.category not in ("fill.unfilled", "fill.unanswered")]
        assert others == [], seed
        status = project_status(root)
        by_what = Counter((u.path, u.what) for u in status.unanswered)
        n_items = len(_yaml(root / "checklist.yaml")["items"])
        for slug in USER.values():
            assert by_what[(f"assessments/{slug}.yaml", "checklist answer")] == n_items
            assert by_what[(f"assessments/{slug}.yaml", "claim judgement")] == 5
        assert not any("lumen" in u.path for u in status.unanswered)
        assert all(rel.startswith("reports/") for rel in status.built) and status.built


def _answer_everything(path: Path, red_flag: str = "false") -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace("    red_flag:\n", f"    red_flag: {red_flag}\n")
    text = text.replace("    status:\n", "    status: not met\n").replace("    likelihood:\n", "    likelihood: 2\n")
    path.write_text(text, encoding="utf-8")


def test_status_counts_down_as_items_are_answered(tmp_path) -> None:
    root = new_project(KIND, tmp_path, seed="5").path
    before = len(project_status(root).unanswered)
    _answer_everything(root / "assessments" / "clarinote-health-ai.yaml")
    after = project_status(root).unanswered
    assert before - len(after) == len(_yaml(root / "checklist.yaml")["items"]) + 5
    assert {u.path for u in after} == {"assessments/quietloop-messaging.yaml"}
    done = _run(["scripts/score.py"], root)
    assert done.returncode == 0, done.stderr
    assert "clarinote-health-ai: tier" in done.stdout and "quietloop-messaging: incomplete" in done.stdout


def test_a_reviewers_note_quoting_a_claim_does_not_fail_check_in_the_report(tmp_path) -> None:
    root = new_project(KIND, tmp_path, seed="42").path
    path = root / "assessments" / "clarinote-health-ai.yaml"
    note = ("Saying the product catches missed diagnoses during the visit means it diagnoses patients, which is "
            "outside a scribe's intended use.")
    text = path.read_text(encoding="utf-8").replace("    note_on_claim:\n", f"    note_on_claim: {note}\n", 2)
    path.write_text(text, encoding="utf-8")
    done = _run(["scripts/score.py"], root)
    assert done.returncode == 0, done.stderr
    for name in ("clarinote-health-ai.md", "clarinote-health-ai.html"):
        assert "it diagnoses patients" in (root / "reports" / name).read_text(encoding="utf-8")
    claims = [f"{f.path}:{f.line} {f.category}" for f in check_paths([root]).findings if f.category.startswith("claim.")]
    assert claims == []


def test_a_wrong_red_flag_is_one_sentence_and_nothing_is_written(tmp_path) -> None:
    root = new_project(KIND, tmp_path, seed="42").path
    path = root / "assessments" / "quietloop-messaging.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    red_flag:\n", '    red_flag: "false"\n', 1),
                    encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "reports").iterdir()}
    done = _run(["scripts/score.py"], root)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if '"false"' in t)
    assert f"assessments/quietloop-messaging.yaml, line {line}: claim V03-C1 red_flag is the text 'false'" in done.stderr
    assert {p.name: p.read_bytes() for p in (root / "reports").iterdir()} == before


def test_the_author_fills_every_author_slot(tmp_path) -> None:
    author = "Dr. José O'Brien-Nguyễn, RN"
    root = new_project(KIND, tmp_path, seed="42", author=author).path
    for slug in USER.values():
        assert _yaml(root / "assessments" / f"{slug}.yaml")["reviewer"] == author
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert f"by {author}." in readme and "your name" not in readme
    assert not any("your name" in p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()
                   and p.suffix in (".md", ".yaml", ".html"))


FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Ww]e|[Oo]urs?|us|me)\b")


def test_template_written_text_is_never_in_the_first_person(seeded) -> None:
    root = seeded["42"]
    files = ["README.md", "checklist.md", "checklist.yaml", "assessments/lumen-triage-systems.yaml",
             "data/datasheet.md", *(f"documents/{s}.md" for s in USER.values()),
             *(p.relative_to(root).as_posix() for p in (root / "reports").glob("*.md"))]
    for rel in files:
        for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
            clean = re.sub(r"\[FILL: [^\]]*\]|Type I\b|\"[^\"]*\"|\bMy work\b|#my-work|L x I\b", "", line)
            assert not FIRST_PERSON.search(clean), f"{rel}:{n}: {line}"


def test_worked_example_is_labelled_everywhere_it_is_read(seeded) -> None:
    root = seeded["42"]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "Worked example, written by prooflane" in readme.split("## The worked example")[1].split("##")[0]
    for name in ("lumen-triage-systems.md", "lumen-triage-systems.html"):
        assert "Worked example, written by prooflane" in (root / "reports" / name).read_text(encoding="utf-8")
    assert "Worked example, written by prooflane" in (root / "assessments" / "lumen-triage-systems.yaml").read_text()
    assert "## My work" in readme and "## Share it" in readme and "py -m venv .venv" in readme


def test_setup_uses_a_project_venv() -> None:
    makefile = (TEMPLATE / "Makefile").read_text(encoding="utf-8")
    setup = makefile.split("setup:\n", 1)[1].split("\n\n", 1)[0]
    assert "python3 -m venv .venv" in setup and ".venv/bin/python -m pip install -r requirements.txt" in setup
    assert "$(PYTHON) -m pip" not in makefile and "python3 -m pip" not in makefile
    assert "jsonschema" in (TEMPLATE / "requirements.txt").read_text(encoding="utf-8")


def test_same_answers_same_bytes_and_other_names_other_data(tmp_path) -> None:
    def tree(path: Path) -> dict[str, bytes]:
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}

    first = new_project(KIND, tmp_path / "a", name="Review One").path
    again = new_project(KIND, tmp_path / "b", name="Review One").path
    other = new_project(KIND, tmp_path / "c", name="Review Two").path
    assert tree(first) == tree(again)
    assert (first / "data" / "vendor_documents.csv").read_bytes() != (other / "data" / "vendor_documents.csv").read_bytes()


def test_template_worked_assessment_matches_the_generator(seeded) -> None:
    root = seeded["42"]
    worked = _yaml(root / "assessments" / "lumen-triage-systems.yaml")
    assert worked["vendor_id"] == "V01" and worked["vendor"] == v.WORKED["name"] and worked["worked_example"] is True
    judged = {c["claim_id"] for c in worked["claims"] if c["red_flag"]}
    planted = {k["claim_id"] for k in DATASETS["vendor-claims-key"].generate(seed=42).records()
               if k["vendor_id"] == "V01" and k["planted"] == "red-flag"}
    assert judged == planted
    for vendor_id, name in USER.items():
        user = _yaml(root / "assessments" / f"{name}.yaml")
        assert user["vendor_id"] == vendor_id
        assert [c["claim_id"] for c in user["claims"]] == [f"{vendor_id}-C{n}" for n in range(1, 6)]
        assert all(c["red_flag"] is None for c in user["claims"])
        assert all(item["status"] is None for item in user["items"].values())


def test_document_text_passes_check_for_many_seeds(tmp_path) -> None:
    for seed in range(0, 400, 10):
        rows = DATASETS["vendor-documents"].generate(seed=seed).records()
        (tmp_path / f"docs-{seed}.md").write_text("\n\n".join(r["text"] for r in rows) + "\n", encoding="utf-8")
    findings = [f"{f.path}:{f.line} {f.category}" for f in check_paths([tmp_path]).findings]
    assert findings == []


@pytest.mark.parametrize("seed", ["ten", "-3", "1.5"])
def test_a_seed_given_as_text_is_one_sentence_and_makes_nothing(tmp_path, seed) -> None:
    done = subprocess.run([sys.executable, "-m", "scaffolder.cli", "new", KIND, "--no-input", "--seed", seed,
                           "-o", str(tmp_path)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "seed" in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not any(tmp_path.iterdir())
