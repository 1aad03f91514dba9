"""Write checklist.md, the readable version of checklist.yaml (the YAML file stays the single source).

Usage (from the project folder): python scripts/build_checklist.py [--out checklist.md]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from disclaimer import DISCLAIMER_MD
from score import FUNCTIONS, ROOT, load_checklist

INTRO = (
    "{n} questions in the four functions of the NIST AI Risk Management Framework 1.0. Each names the ONC HTI-1 "
    "source attribute (45 CFR 170.315(b)(11)) and the model card sections it draws on; the mapping is this "
    "project's own judgement. Weight (1-3) is how much the item counts towards the checklist score; typical "
    "impact (1-5) is a starting point for rating a gap, not a rule."
)


def _mapping(item: dict[str, Any], checklist: dict[str, Any]) -> str:
    parts = []
    if item.get("hti1_attribute"):
        parts.append(f"HTI-1 source attribute: {checklist['hti1_attributes'][item['hti1_attribute']]}")
    card = item.get("model_card_section") or {}
    if card.get("mitchell"):
        parts.append(f"Model card (Mitchell et al.): {card['mitchell']}")
    if card.get("chai"):
        parts.append(f"CHAI Applied Model Card: {card['chai']}")
    return "; ".join(parts) if parts else "No HTI-1 or model card counterpart (contract and operations question)"


def render(checklist: dict[str, Any]) -> str:
    """checklist.md as text."""
    items = checklist["items"]
    lines = [
        f"# {checklist['title']}",
        "",
        DISCLAIMER_MD,
        "",
        "Built from `checklist.yaml` by `make checklist`; edit the YAML file, not this one.",
        "",
        INTRO.format(n=len(items)),
        "",
        "| Function | What it covers | Items |",
        "|---|---|---|",
    ]
    for function in FUNCTIONS:
        ids = [i["id"] for i in items if i["function"] == function]
        lines.append(f"| {function} | {' '.join(checklist['functions'][function].split())} | {ids[0]} to {ids[-1]} |")
    lines.append("")
    for function in FUNCTIONS:
        lines += [f"## {function}", ""]
        for item in (i for i in items if i["function"] == function):
            lines += [
                f"### {item['id']} {item['title']}",
                "",
                f"**Question.** {' '.join(item['question'].split())}",
                "",
                f"**Why it matters.** {' '.join(item['why_it_matters'].split())}",
                "",
                "**Evidence to ask for.**",
                "",
                *[f"- {' '.join(e.split())}" for e in item["evidence_to_request"]],
                "",
                "**Red flags.**",
                "",
                *[f"- {' '.join(r.split())}" for r in item["red_flags"]],
                "",
                (f"**Maps to.** {_mapping(item, checklist)}. Weight {item['weight']}, typical impact "
                 f"{item['typical_impact']}."),
                "",
            ]
    lines += ["## Rating scales", "", "| Likelihood | | Impact | |", "|---|---|---|---|"]
    for n in range(1, 6):
        lines.append(f"| {n} | {checklist['likelihood_scale'][n]} | {n} | {checklist['impact_scale'][n]} |")
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write checklist.md from checklist.yaml.")
    parser.add_argument("--out", type=Path, default=ROOT / "checklist.md")
    args = parser.parse_args(argv)
    args.out.write_text(render(load_checklist()), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
