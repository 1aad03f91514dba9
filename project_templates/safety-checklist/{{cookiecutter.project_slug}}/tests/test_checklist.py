"""The checklist's structure: unique ids, plain questions, every item and term tied to a source cited accurately."""

from __future__ import annotations

import re
from typing import Any

import build

# The OWASP Top 10 for LLM Applications, 2025 edition, as OWASP titles it.
OWASP_2025 = {
    "LLM01": "Prompt Injection", "LLM02": "Sensitive Information Disclosure", "LLM03": "Supply Chain",
    "LLM04": "Data and Model Poisoning", "LLM05": "Improper Output Handling", "LLM06": "Excessive Agency",
    "LLM07": "System Prompt Leakage", "LLM08": "Vector and Embedding Weaknesses", "LLM09": "Misinformation",
    "LLM10": "Unbounded Consumption",
}
# The twelve risks of NIST AI 600-1.
NIST_600_1 = {
    "CBRN Information or Capabilities", "Confabulation", "Dangerous, Violent, or Hateful Content", "Data Privacy",
    "Environmental Impacts", "Harmful Bias and Homogenization", "Human-AI Configuration", "Information Integrity",
    "Information Security", "Intellectual Property", "Obscene, Degrading, and/or Abusive Content",
    "Value Chain and Component Integration",
}
WHO_2021 = {
    "Protecting human autonomy", "Promoting human well-being and safety and the public interest",
    "Ensuring transparency, explainability and intelligibility", "Fostering responsibility and accountability",
    "Ensuring inclusiveness and equity", "Promoting AI that is responsive and sustainable",
}
RUAIH = {
    "AI policies and governance", "Patient privacy and transparency", "Data security and data-use protections",
    "Ongoing quality monitoring", "Voluntary reporting of AI safety events", "Risk and bias assessment",
    "Education and training",
}
RMF_REF = re.compile(r"^(GOVERN|MAP|MEASURE|MANAGE)( \d+\.\d+,| function:)")


def _all_sources(checklist: dict[str, Any]) -> list[dict[str, str]]:
    cited = [s for item in checklist["items"] for s in item["sources"]]
    return cited + [t["source"] for t in checklist["glossary"]]


def test_ids_are_unique_and_in_order(checklist: dict[str, Any]) -> None:
    ids = [i["id"] for i in checklist["items"]]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)


def test_every_item_is_a_plain_question_with_a_source(checklist: dict[str, Any]) -> None:
    for item in checklist["items"]:
        assert item["question"].endswith("?"), item["id"]
        assert len(item["question"].split()) <= 20, f"{item['id']} question is long for a beginner"
        assert item["sources"], item["id"]
        for field in ("plain", "look_for"):
            words = item[field].split()
            assert len(words) / max(1, item[field].count(".")) <= 30, f"{item['id']} {field} sentences are long"


def test_every_citation_names_a_listed_source_accurately(checklist: dict[str, Any]) -> None:
    for cited in _all_sources(checklist):
        source, ref = cited["source"], cited["ref"]
        assert source in checklist["sources"], source
        if source == "OWASP-LLM-2025":
            m = re.fullmatch(r"(LLM\d{2}):2025 (.+)", ref)
            assert m and OWASP_2025.get(m.group(1)) == m.group(2), ref
        elif source == "NIST-AI-600-1":
            assert ref in NIST_600_1, ref
        elif source == "WHO-2021":
            assert ref in WHO_2021, ref
        elif source == "RUAIH-2025":
            assert ref in RUAIH, ref
        elif source == "NIST-AI-RMF":
            assert RMF_REF.match(ref), ref


def test_every_risk_is_in_the_glossary_and_every_term_is_used(checklist: dict[str, Any]) -> None:
    terms = {t["term"] for t in checklist["glossary"]}
    used = {r for item in checklist["items"] for r in item["risks"]}
    assert used <= terms
    assert terms <= used, f"glossary terms no item uses: {sorted(terms - used)}"
    for term in checklist["glossary"]:
        assert term["example"].strip(), term["term"]


def test_core_safety_areas_are_covered(checklist: dict[str, Any]) -> None:
    areas = {i["area"] for i in checklist["items"]}
    assert {"privacy", "human review", "accuracy", "escalation", "reporting", "transparency"} <= areas


def test_the_checklist_reads_at_grade_eight_or_below_and_says_so(root, checklist: dict[str, Any]) -> None:
    grade = build.checklist_grade(checklist)
    assert grade is not None and grade <= 8.0, f"the checklist reads at grade {grade}: use shorter words and sentences"
    assert f"about US school grade {grade:.1f}" in (root / "checklist.md").read_text(encoding="utf-8")


def test_the_grade_formula_and_its_limits() -> None:
    assert build._syllables("cat") == 1 and build._syllables("table") == 2 and build._syllables("make") == 1
    assert build.fk_grade("Too short to measure.") is None
    easy = "The cat sat on the mat. " * 30
    assert abs(build.fk_grade(easy) - (0.39 * 6 + 11.8 * 1 - 15.59)) < 1e-9


def test_the_never_paste_card_lists_the_eighteen_safe_harbor_kinds(root, checklist: dict[str, Any]) -> None:
    card = checklist["never_paste"]
    assert len(card) == 18 and len(set(card)) == 18
    assert any("Medical record" in x for x in card) and any("Names" == x for x in card)
    assert "## Never paste these into a public AI tool" in (root / "checklist.md").read_text(encoding="utf-8")
