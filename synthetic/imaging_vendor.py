"""The fictional vendor's evidence summary for its imaging model, as the vendor states it (evidence to judge)."""

from __future__ import annotations

from typing import Any

from synthetic.rng import make_rng
from synthetic.table import Table

SUMMARY = "What the fictional vendor states about its model's test set and accuracy (claims to judge, not facts)."
COLUMNS = ("item", "vendor_statement")


def _values(seed: int) -> dict[str, Any]:
    rng = make_rng(seed, "imaging-evaluation", "vendor")
    return {
        "sensitivity": round(0.92 + 0.04 * rng.random(), 2),
        "specificity": round(0.91 + 0.03 * rng.random(), 2),
        "studies": 1200 + 50 * int(rng.random() * 10),
        "prevalence": round(0.25 + 0.1 * rng.random(), 2),
    }


def generate(seed: int, rows: int = 8) -> Table:
    v = _values(seed)
    ppv = v["sensitivity"] * v["prevalence"] / (v["sensitivity"] * v["prevalence"] + (1 - v["specificity"]) * (1 - v["prevalence"]))
    items = [
        ("product", "LesionFlag 2 (fictional), flags studies with a suspected focal finding for priority reading"),
        ("intended use", "prioritises the reading worklist; a radiologist reads every study"),
        ("test set", f"{v['studies']} retrospective studies from two academic centres, enriched to {round(100 * v['prevalence'])}% with findings"),
        ("scanners in test set", "Corvane CX-40 and CX-60 only"),
        ("finding sizes in test set", "5 mm and larger (smaller findings excluded during curation)"),
        ("reference standard", "one subspecialty radiologist per study, no adjudication"),
        ("sensitivity", f"{v['sensitivity']:.2f} (no interval given)"),
        ("specificity", f"{v['specificity']:.2f} (no interval given)"),
        ("positive predictive value", f"{ppv:.2f} (at the test set's prevalence; the brochure calls it 'accuracy when flagged')"),
    ]
    return Table("vendor_evidence", COLUMNS, items)  # a fixed list of statements, whatever rows is asked for


def facts(table: Table) -> dict[str, Any]:
    rows = dict(table.rows)
    first = lambda item: rows[item].split(" ")[0]  # noqa: E731
    test_set = rows["test set"].split(" ")
    return {"sensitivity": float(first("sensitivity")), "specificity": float(first("specificity")),
            "ppv": float(first("positive predictive value")), "studies": int(test_set[0]),
            "prevalence": int(rows["test set"].split("enriched to ")[1].split("%")[0])}
