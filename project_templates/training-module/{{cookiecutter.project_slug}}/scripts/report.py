"""Build reports/report.md and reports/report.html: item analysis, Kirkpatrick levels 1-3 and the audit.

Run it with ``python scripts/report.py``. Every figure is computed here from data/ and quiz/quiz.yaml.
A problem with an input prints one sentence and exits 1; nothing is written then.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import audit as screen_module
import items as stats_module
import project_text as text
from inputs import ROOT, InputError, Inputs, load


def _f(v: float | None, digits: int = 2) -> str:
    return "n/a" if v is None else f"{v:.{digits}f}"


def analyse(inputs: Inputs) -> dict:
    """Every figure the report shows, as data."""
    options = {item["id"]: list(item["options"]) for item in inputs.quiz["items"]}
    out: dict = {"items": inputs.items, "objectives": {i["id"]: i.get("objective", "") for i in inputs.quiz["items"]}}
    for phase in ("pre", "post"):
        matrix = stats_module.score(inputs.responses, inputs.key, phase)
        totals = [sum(v.values()) for v in matrix.values()]
        out[phase] = {
            "matrix": matrix,
            "n": len(matrix),
            "mean": sum(totals) / len(totals),
            "kr20": stats_module.kr20(matrix),
            "stats": stats_module.item_stats(matrix),
        }
    out["counts"] = stats_module.option_counts(inputs.responses, options)
    out["flags"] = stats_module.flags(out["post"]["stats"], out["pre"]["stats"], out["counts"], inputs.key)
    roles: dict[str, list[str]] = {}
    for lr in inputs.learners:
        roles.setdefault(lr["role"], []).append(lr["learner_id"])
    out["roles"] = {
        role: {ph: sum(sum(out[ph]["matrix"][i].values()) for i in ids) / len(ids) for ph in ("pre", "post")} | {"n": len(ids)}
        for role, ids in roles.items()
    }
    rel = [lr["reaction_relevance"] for lr in inputs.learners]
    conf = [lr["reaction_confidence"] for lr in inputs.learners]
    out["reaction"] = {"relevance": sum(rel) / len(rel), "confidence": sum(conf) / len(conf),
                       "relevance_top2": 100 * sum(v >= 4 for v in rel) / len(rel), "n": len(rel)}
    screened = [(row, screen_module.screen(row["prompt"])) for row in inputs.audit]
    flagged = [(row, kinds) for row, kinds in screened if kinds]
    truth = {aid for aid, c in inputs.audit_key.items() if c != "none"}
    hit = {row["audit_id"] for row, _ in flagged}
    phi_item = next((p["item"] for p in inputs.planted if p["effect"] == "knowledge-behaviour gap"), "Q02")
    post = out["post"]["matrix"]
    flagged_learners = {row["learner_id"] for row, _ in flagged}
    out["audit"] = {
        "prompts": len(screened),
        "flagged": len(flagged),
        "pct": 100 * len(flagged) / len(screened),
        "public": sum(row["tool"] == "public chatbot" for row, _ in flagged),
        "learners": len(flagged_learners),
        "learners_phi_right": sum(post[lr][phi_item] for lr in flagged_learners if lr in post and phi_item in post[lr]),
        "recall": len(hit & truth) / len(truth) if truth else None,
        "false_alarms": len(hit - truth),
        "missed": sorted(truth - hit),
        "phi_item": phi_item,
        "phi_post_pct": 100 * (out["post"]["stats"][phi_item]["p"] or 0) if phi_item in out["post"]["stats"] else None,
        "examples": [(row["audit_id"], row["tool"], sorted(kinds)) for row, kinds in flagged[:5]],
    }
    return out


KIRKPATRICK = (
    ("1 Reaction", "two 1-5 ratings after the session (relevance, confidence)",
     "whether learners found the module relevant and felt ready", "whether they learned or changed anything"),
    ("2 Learning", "the same 15-item quiz before and after, item analysis, KR-20",
     "a change in quiz scores on items that work", "behaviour at work; short-term recall only; no control group"),
    ("3 Behaviour", "a simulated audit of three prompts per learner in the month after",
     "whether identifiers still reach AI tools after training", "why; whether the audit sample is typical; long-term habits"),
    ("4 Results", "nothing in this pilot",
     "nothing yet", "fewer privacy incidents or safer AI use across the organisation: this needs a longer, planned evaluation"),
)


def markdown(a: dict) -> str:
    pre, post, au = a["pre"], a["post"], a["audit"]
    lines = [f"# {text.PROJECT}: pilot results", "", text.DISCLAIMER_MD, "", text.GENERATED_NOTE, ""]
    if text.AUTHOR:
        lines += [f"Project author: {text.AUTHOR}.", ""]
    lines += [
        "## Level 2: the quiz (key as in quiz/quiz.yaml)", "",
        (f"{post['n']} learners, {len(a['items'])} items. Mean score {pre['mean']:.1f} before and {post['mean']:.1f} after "
        f"(gain {post['mean'] - pre['mean']:.1f} items). KR-20 {_f(pre['kr20'])} before, {_f(post['kr20'])} after."), "",
        "| Item | Objective | p pre | p post | r pb (post) | D (post) | Discrimination | Answers A/B/C/D... | Flags |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for item in a["items"]:
        s, sp = post["stats"][item], pre["stats"][item]
        counts = "/".join(str(c) for c in a["counts"][item].values())
        lines.append(f"| {item} | {a['objectives'][item]} | {_f(sp['p'])} | {_f(s['p'])} | {_f(s['rpb'])} | {_f(s['d'])} | "
                     f"{stats_module.discrimination_label(s['rpb'])} | {counts} | {'; '.join(a['flags'].get(item, [])) or '-'} |")
    lines += ["", "## Scores by role", "", "| Role | Learners | Mean before | Mean after |", "|---|---|---|---|"]
    for role, r in a["roles"].items():
        lines.append(f"| {role} | {r['n']} | {r['pre']:.1f} | {r['post']:.1f} |")
    r = a["reaction"]
    lines += [
        "", "## Level 1: reaction", "",
        (f"Mean relevance {r['relevance']:.2f} of 5 ({r['relevance_top2']:.0f}% rated 4 or 5); mean confidence "
        f"{r['confidence']:.2f} of 5, from {r['n']} learners."), "",
        "## Level 3: the prompt audit", "",
        (f"The in-project screen flagged {au['flagged']} of {au['prompts']} audited prompts ({au['pct']:.0f}%) as carrying "
        f"an identifier, {au['public']} of them typed into a public chatbot, from {au['learners']} learners; "
        f"{au['learners_phi_right']} of those learners answered the PHI item {au['phi_item']} correctly after the module "
        f"(post-test p for {au['phi_item']}: {_f(au['phi_post_pct'], 0)}%)."),
        (f"Against the audit key the screen found {_f(None if au['recall'] is None else 100 * au['recall'], 0)}% of the prompts "
        f"that hold an identifier, with {au['false_alarms']} false alarms."), "",
        "## Kirkpatrick levels: what this pilot can and cannot show", "",
        "| Level | Measured here by | Can show | Cannot show |", "|---|---|---|---|",
    ]
    lines += [f"| {lvl} | {how} | {can} | {cannot} |" for lvl, how, can, cannot in KIRKPATRICK]
    lines += ["", "Formulas: see scripts/items.py (difficulty p, corrected point-biserial, upper-lower 27% D, KR-20).", "",
              text.TOOL_LINE, ""]
    return "\n".join(lines)


CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:1rem 0}th,td{border:1px solid #999;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#eee}.flag{color:#8a1c00;font-weight:600}header p,footer{color:#444;font-size:.9rem}
@media print{body{margin:0;max-width:none;font-size:10pt}table{page-break-inside:auto}tr{page-break-inside:avoid}a{color:#000}}
"""


def page(a: dict) -> str:
    e = html.escape
    pre, post, au, r = a["pre"], a["post"], a["audit"], a["reaction"]
    rows = []
    for item in a["items"]:
        s, sp = post["stats"][item], pre["stats"][item]
        flags = "; ".join(a["flags"].get(item, []))
        counts = " / ".join(f"{o}:{c}" for o, c in a["counts"][item].items())
        rows.append(f"<tr><td>{item}</td><td>{e(a['objectives'][item])}</td><td>{_f(sp['p'])}</td><td>{_f(s['p'])}</td>"
                    f"<td>{_f(s['rpb'])}</td><td>{_f(s['d'])}</td><td>{e(stats_module.discrimination_label(s['rpb']))}</td>"
                    f"<td>{counts}</td><td class=\"flag\">{e(flags) or '-'}</td></tr>")
    role_rows = "".join(f"<tr><td>{e(role)}</td><td>{v['n']}</td><td>{v['pre']:.1f}</td><td>{v['post']:.1f}</td></tr>"
                        for role, v in a["roles"].items())
    kp = "".join(f"<tr><td>{e(lvl)}</td><td>{e(how)}</td><td>{e(can)}</td><td>{e(cannot)}</td></tr>"
                 for lvl, how, can, cannot in KIRKPATRICK)
    author = f"<p>Project author: {e(text.AUTHOR)}</p>" if text.AUTHOR else ""
    recall = _f(None if au["recall"] is None else 100 * au["recall"], 0)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{e(text.PROJECT)}: pilot results</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head><body>
<header><h1>{e(text.PROJECT)}: pilot results</h1>{author}<p>{e(text.GENERATED_NOTE)}</p></header>
{text.DISCLAIMER_HTML}
<main>
<h2>Level 2: the quiz</h2>
<p>{post['n']} learners, {len(a['items'])} items, scored with the key in quiz/quiz.yaml. Mean score {pre['mean']:.1f} before
and {post['mean']:.1f} after (gain {post['mean'] - pre['mean']:.1f} items). KR-20 {_f(pre['kr20'])} before, {_f(post['kr20'])} after.</p>
<table><thead><tr><th>Item</th><th>Objective</th><th>p pre</th><th>p post</th><th>r<sub>pb</sub> post</th><th>D post</th>
<th>Discrimination</th><th>Answers (both phases)</th><th>Flags</th></tr></thead><tbody>{''.join(rows)}</tbody></table>
<h2>Scores by role</h2>
<table><thead><tr><th>Role</th><th>Learners</th><th>Mean before</th><th>Mean after</th></tr></thead><tbody>{role_rows}</tbody></table>
<h2>Level 1: reaction</h2>
<p>Mean relevance {r['relevance']:.2f} of 5 ({r['relevance_top2']:.0f}% rated 4 or 5); mean confidence {r['confidence']:.2f} of 5,
from {r['n']} learners.</p>
<h2>Level 3: the prompt audit</h2>
<p>The in-project screen flagged {au['flagged']} of {au['prompts']} audited prompts ({au['pct']:.0f}%) as carrying an identifier,
{au['public']} of them typed into a public chatbot, from {au['learners']} learners; {au['learners_phi_right']} of those learners
answered the PHI item {au['phi_item']} correctly after the module (post-test p for {au['phi_item']}: {_f(au['phi_post_pct'], 0)}%).
Against the audit key the screen found {recall}% of the prompts that hold an identifier, with {au['false_alarms']} false alarms.</p>
<h2>Kirkpatrick levels: what this pilot can and cannot show</h2>
<table><thead><tr><th>Level</th><th>Measured here by</th><th>Can show</th><th>Cannot show</th></tr></thead><tbody>{kp}</tbody></table>
<p>Formulas: difficulty p = share correct; corrected point-biserial = correlation of the item with the rest score;
D = p in the top 27% minus p in the bottom 27% by total score; KR-20 = k/(k-1) &times; (1 - &Sigma;pq / variance of totals).</p>
</main>
<footer><p>{e(text.TOOL_LINE)}</p></footer>
</body></html>
"""


def build(inputs: Inputs) -> dict[str, str]:
    a = analyse(inputs)
    return {"report.md": markdown(a), "report.html": page(a)}


def main(root: Path = ROOT) -> int:
    try:
        outputs = build(load(root))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    target = root / "reports"
    target.mkdir(exist_ok=True)
    for name, body in outputs.items():
        (target / name).write_text(body, encoding="utf-8")
    print(f"wrote {', '.join('reports/' + n for n in outputs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
