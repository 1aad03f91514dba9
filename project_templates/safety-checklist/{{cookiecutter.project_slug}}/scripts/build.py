"""Build the readable files from the project's data: checklist.md, glossary.md, workflow.md, worked-example.md
and the offline page reports/safety-checklist.html (which also shows your answers from my-work/assessment.yaml).

    python scripts/build.py          check every file you edit, then write the files above
    python scripts/build.py --key    compare your findings with the answer key (after you have answered)

A mistake in a file you edit is reported in one sentence (file, line, fix) and nothing is written.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

import disclaimer
from validate import ROOT, InputError, load_assessment, load_checklist, read_yaml, rel

FINDINGS = ("gap", "unclear", "ok", "n/a")
FINDING_WORDS = {"gap": "Gap", "unclear": "Unclear (ask)", "ok": "OK", "n/a": "Does not apply", "": "Not answered"}
# Planted unsafe lines are evidence to assess, not the project's own claims (the comment is invisible on GitHub,
# sits on the line it covers, and is on every line so it does not give away which lines are planted).
EVIDENCE_NOTE = ("<!-- prooflane: allow claim.* -- reason: a line of the fictional workflow, quoted as evidence "
                 "for the reader to assess -->")


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    name = rel(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{name} is missing; restore it with 'git checkout -- {name}'.") from None
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text; restore it with 'git checkout -- {name}'.") from None
    rows = list(csv.DictReader(text.splitlines()))
    if not rows:
        raise InputError(f"{name} has no rows; restore it with 'git checkout -- {name}'.")
    missing = [c for c in columns if c not in rows[0]]
    if missing:
        raise InputError(f"{name} has no {missing[0]!r} column; restore it with 'git checkout -- {name}'.")
    return rows


def load_workflow(path: Path | None = None) -> list[dict[str, str]]:
    """The lines of the workflow to assess (data/workflow.csv)."""
    return _read_csv(path or ROOT / "data" / "workflow.csv", ("line_id", "part", "who", "text"))


def load_example_workflow() -> list[dict[str, str]]:
    """The lines of the worked example's workflow (examples/worked-workflow.yaml)."""
    path = ROOT / "examples" / "worked-workflow.yaml"
    data, _node = read_yaml(path)
    lines = data.get("lines") if isinstance(data, dict) else None
    if not isinstance(lines, list) or not all(isinstance(r, dict) and {"line_id", "part", "who", "text"} <= set(r)
                                              for r in lines):
        raise InputError(f"{rel(path)} should hold 'lines:', each with line_id, part, who and text; restore it with "
                         f"'git checkout -- {rel(path)}'.")
    return [{k: str(r[k]) for k in ("line_id", "part", "who", "text")} for r in lines]


def load_setting() -> dict[str, str]:
    """The clinic, tool and task of the workflow to assess (data/workflow_setting.json)."""
    path = ROOT / "data" / "workflow_setting.json"
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return {k: str(v) for k, v in records[0].items()}
    except FileNotFoundError:
        raise InputError(f"{rel(path)} is missing; restore it with 'git checkout -- {rel(path)}'.") from None
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        raise InputError(f"{rel(path)} is not the setting file prooflane wrote; restore it with "
                         f"'git checkout -- {rel(path)}'.") from None


def load_key() -> list[dict[str, str]]:
    """The answer key (data/answer_key/planted_risks.csv): read only by --key and the tests."""
    return _read_csv(ROOT / "data" / "answer_key" / "planted_risks.csv", ("risk_id", "line_id", "risk", "items", "why"))


def summary(assessment: dict[str, Any]) -> dict[str, Any]:
    """Counts of each finding and the number of items answered."""
    counts = {f: 0 for f in (*FINDINGS, "")}
    for answer in assessment["items"].values():
        counts[(answer or {}).get("finding") or ""] += 1
    ranked = [e for e in assessment.get("ranking") or [] if e.get("item")]
    return {"counts": counts, "answered": sum(counts[f] for f in FINDINGS), "total": len(assessment["items"]),
            "ranked": ranked}


def compare(assessment: dict[str, Any], key: list[dict[str, str]]) -> list[tuple[dict[str, str], bool]]:
    """For each planted risk: was it found (an item that covers it marked gap or unclear, citing its line)?"""
    out = []
    for risk in key:
        items = risk["items"].split(";")
        found = any(((assessment["items"].get(i) or {}).get("finding") in ("gap", "unclear"))
                    and risk["line_id"] in ((assessment["items"].get(i) or {}).get("evidence") or [])
                    for i in items)
        out.append((risk, found))
    return out


# ------------------------------------------------------------------------------------------ readability
def _syllables(word: str) -> int:
    """Vowel groups in a word, less a silent final e: a simple rule, close enough for a grade estimate."""
    word = re.sub(r"[^a-z]", "", word.lower())
    groups = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith("le") and groups > 1:
        groups -= 1
    return max(1, groups) if word else 0


def fk_grade(text: str) -> float | None:
    """Flesch-Kincaid grade: 0.39 x words per sentence + 11.8 x syllables per word - 15.59 (None under 100 words)."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if len(words) < 100:
        return None
    sentences = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    return 0.39 * len(words) / sentences + 11.8 * sum(map(_syllables, words)) / len(words) - 15.59


def checklist_grade(checklist: dict[str, Any]) -> float | None:
    """The grade of everything a reader reads in the checklist items (questions, why, what good looks like)."""
    return fk_grade(" ".join(f"{i['question']} {i['plain']} {i['look_for']}" for i in checklist["items"]))


def _grade_sentence(checklist: dict[str, Any]) -> str:
    grade = checklist_grade(checklist)
    if grade is None:
        return "The checklist is too short for a reading-grade estimate."
    return (f"The questions and explanations read at about US school grade {grade:.1f} (Flesch-Kincaid grade, "
            "counted by scripts/build.py with a simple syllable rule; material for the general public is commonly "
            "aimed at grade 8 or below).")


# ------------------------------------------------------------------------------------------ Markdown
def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _sources_md(checklist: dict[str, Any], sources: list[dict[str, str]]) -> str:
    return "; ".join(f"{s['source']}: {s['ref']}" for s in sources)


def checklist_md(checklist: dict[str, Any]) -> str:
    """The checklist as a page that reads well on GitHub and on paper."""
    terms = {t["term"]: t["name"] for t in checklist["glossary"]}
    out = ["# AI-in-healthcare safety checklist", "", disclaimer.DISCLAIMER_MD, "", disclaimer.GENERATED_NOTE, "",
           (f"Version {checklist['version']}, sources checked {checklist['checked']}. {len(checklist['items'])} "
            "questions, each in plain words, with what a good answer looks like and where the question comes from. "
            "Risk words are explained in [glossary.md](glossary.md)."), "", _grade_sentence(checklist), ""]
    for item in checklist["items"]:
        out += [f"## {item['id']}. {item['question']}", "",
                f"*Area: {item['area']}. Risks: {', '.join(terms.get(r, r) for r in item['risks'])}.*", "",
                f"**Why it matters.** {_md(item['plain'])}", "",
                f"**What good looks like.** {_md(item['look_for'])}", "",
                f"**Sources.** {_sources_md(checklist, item['sources'])}", ""]
    out += ["## Never paste these into a public AI tool", "",
            (f"The {len(checklist['never_paste'])} kinds of identifier that HIPAA's Safe Harbor method removes "
             "(45 CFR 164.514(b)(2)), for the patient and for their relatives, employer and household. Leave them "
             "out of any tool the organisation has not approved (SC-01)."), ""]
    out += [f"{n}. {_md(x)}" for n, x in enumerate(checklist["never_paste"], start=1)]
    out += ["", "## What this checklist is not", "",
            "- Not legal advice, a compliance opinion or a certification of any tool.",
            ("- Not complete: it is a first set of questions for one workflow, to take to the people who own the "
             "tool, the privacy officer and the clinical lead."),
            "- Not a test of the tool itself: it checks how the tool is used.", "",
            "## The sources", ""]
    out += [f"- **{key}**: {_md(text)}" for key, text in checklist["sources"].items()]
    out += ["", ("The mapping from each question to these sources is this project's own reading of them, not an "
                 "official crosswalk; check the current versions before relying on it."), ""]
    return "\n".join(out)


def glossary_md(checklist: dict[str, Any]) -> str:
    """The risk glossary: each term in plain words with an everyday example."""
    out = ["# Risk glossary", "", disclaimer.DISCLAIMER_MD, "", disclaimer.GENERATED_NOTE, "",
           "The risk words the checklist uses, each with an everyday example from clinic work.", "",
           "| Term | In plain words | Everyday example | Source | Checklist items |", "|---|---|---|---|---|"]
    for term in checklist["glossary"]:
        used = [i["id"] for i in checklist["items"] if term["term"] in i["risks"]]
        out.append(f"| **{_md(term['name'])}** | {_md(term['plain'])} | {_md(term['example'])} | "
                   f"{term['source']['source']}: {_md(term['source']['ref'])} | {', '.join(used) or 'none'} |")
    return "\n".join(out) + "\n"


def _lines_md(lines: list[dict[str, str]], heading: dict[str, str]) -> list[str]:
    out: list[str] = []
    for part in ("workflow", "tool"):
        out += [f"## {heading[part]}", "", "| Line | Who | What happens |", "|---|---|---|"]
        for line in (row for row in lines if row["part"] == part):
            out.append(f"| **{line['line_id']}** | {_md(line['who'])} | {_md(line['text'])} {EVIDENCE_NOTE} |")
        out.append("")
    return out


def workflow_md(lines: list[dict[str, str]], setting: dict[str, str]) -> str:
    """The workflow the person assesses, one numbered line per row."""
    out = [f"# The workflow to assess: {setting['tool']} at {setting['clinic']}", "", disclaimer.DISCLAIMER_MD, "",
           disclaimer.GENERATED_NOTE, "",
           (f"{setting['clinic']} (fictional) uses {setting['tool']} (a fictional AI tool) for "
            f"{setting['task_title']}. Below are {len(lines)} lines: how the work is done, then what the vendor says "
            "about the tool. Some lines describe unsafe practice on purpose. Apply [the checklist](checklist.md) and "
            "cite these line ids as evidence in [my-work/assessment.yaml](my-work/assessment.yaml)."), ""]
    out += _lines_md(lines, {"workflow": "How the work is done", "tool": "What the vendor says about the tool"})
    return "\n".join(out)


def _findings_md(checklist: dict[str, Any], assessment: dict[str, Any]) -> list[str]:
    questions = {i["id"]: i["question"] for i in checklist["items"]}
    out = ["| Item | Question | Finding | Evidence | Note |", "|---|---|---|---|---|"]
    for item_id, answer in assessment["items"].items():
        answer = answer or {}
        out.append(f"| {item_id} | {_md(questions.get(item_id, ''))} | {FINDING_WORDS[answer.get('finding') or '']} | "
                   f"{', '.join(answer.get('evidence') or []) or '-'} | {_md(answer.get('note') or '')} |")
    return out


def worked_md(checklist: dict[str, Any], lines: list[dict[str, str]], assessment: dict[str, Any]) -> str:
    """The worked example: the checklist applied to a different workflow, in the third person."""
    s = summary(assessment)
    c = s["counts"]
    out = ["# Worked example: the checklist applied to referral summaries", "", disclaimer.DISCLAIMER_MD, "",
           disclaimer.EXAMPLE_NOTE_MD, "",
           ("Harbour Lane Clinic (fictional) uses FaxSort Assist (a fictional AI tool) to summarise referral letters "
            "so schedulers can book the right appointment. This is a different workflow from the one you assess: "
            "it shows the method, so that yours stays your own work."), ""]
    out += _lines_md(lines, {"workflow": "The example workflow", "tool": "What the example vendor says"})
    out += ["## What the example found", "",
            (f"Of {s['total']} items, the example marks {c['gap']} as gaps, {c['unclear']} as unclear (questions to "
             f"ask), {c['ok']} as met and {c['n/a']} as not applying. Each finding cites the lines it rests on."), ""]
    out += _findings_md(checklist, assessment)
    out += ["", "## How the example ranks the risks", "",
            ("Most serious first. The ranking weighs how likely a problem is and how much harm it could do to a "
             "patient, not how many items it touches."), ""]
    out += [f"{n}. **{e['item']}**: {_md(e['reason'])}" for n, e in enumerate(s["ranked"], start=1)]
    out += ["", "The example's one-page explainer for colleagues is [examples/explainer.md](examples/explainer.md).", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------ HTML
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:0 auto;padding:1.5rem;
color:#1b1b1b;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem}
.byline{color:#444;margin-top:0}nav a{margin-right:1rem}
.item{border:1px solid #d0d7de;border-left:6px solid #0b5cad;border-radius:6px;padding:.6rem 1rem;margin:.8rem 0;
break-inside:avoid}
.item h3{margin:.2rem 0 .4rem;font-size:1.05rem}.meta{color:#444;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.93rem}
th,td{border:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f5f7}
.gap{background:#fde8e8}.unclear{background:#fff4d6}.ok{background:#e6f4ea}
.prooflane-example-label{background:#eef4fb;border-left:4px solid #0b5cad;padding:.5rem .8rem}
.never{columns:2;font-size:.93rem}
footer{margin-top:2.5rem;color:#555;font-size:.85rem;border-top:1px solid #d0d7de;padding-top:.5rem}
@media print{nav{display:none}body{max-width:none;padding:0}h2{break-after:avoid}tr{break-inside:avoid}}
"""


def _e(text: Any) -> str:
    return html.escape(str(text))


def _lines_html(lines: list[dict[str, str]]) -> str:
    rows = "".join(f"<tr><th scope=\"row\">{_e(r['line_id'])}</th><td>{_e(r['who'])}</td><td>{_e(r['text'])}</td></tr>"
                   for r in lines)
    return f"<table><thead><tr><th>Line</th><th>Who</th><th>What happens</th></tr></thead><tbody>{rows}</tbody></table>"


def _findings_html(checklist: dict[str, Any], assessment: dict[str, Any]) -> str:
    questions = {i["id"]: i["question"] for i in checklist["items"]}
    rows = []
    for item_id, answer in assessment["items"].items():
        answer = answer or {}
        finding = answer.get("finding") or ""
        cls = {"gap": "gap", "unclear": "unclear", "ok": "ok"}.get(finding, "")
        rows.append(f"<tr><th scope=\"row\">{_e(item_id)}</th><td>{_e(questions.get(item_id, ''))}</td>"
                    f"<td class=\"{cls}\">{_e(FINDING_WORDS[finding])}</td>"
                    f"<td>{_e(', '.join(answer.get('evidence') or []) or '-')}</td><td>{_e(answer.get('note') or '')}</td></tr>")
    return ("<table><thead><tr><th>Item</th><th>Question</th><th>Finding</th><th>Evidence</th><th>Note</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _ranking_html(ranked: list[dict[str, Any]]) -> str:
    if not ranked:
        return "<p>No ranking yet.</p>"
    return "<ol>" + "".join(f"<li><strong>{_e(e['item'])}</strong>: {_e(e.get('reason') or '')}</li>" for e in ranked) + "</ol>"


def page_html(checklist: dict[str, Any], lines: list[dict[str, str]], setting: dict[str, str],
              example_lines: list[dict[str, str]], example: dict[str, Any], mine: dict[str, Any] | None) -> str:
    """The one offline page: checklist, glossary, the workflow to assess, the worked example, your answers."""
    terms = {t["term"]: t["name"] for t in checklist["glossary"]}
    author = f" by {_e(disclaimer.AUTHOR)}" if disclaimer.AUTHOR.strip() else ""
    items = "".join(
        f"<section class=\"item\" id=\"{_e(i['id'])}\"><h3>{_e(i['id'])}. {_e(i['question'])}</h3>"
        f"<p class=\"meta\">Area: {_e(i['area'])}. Risks: {_e(', '.join(terms.get(r, r) for r in i['risks']))}.</p>"
        f"<p><strong>Why it matters.</strong> {_e(i['plain'])}</p><p><strong>What good looks like.</strong> "
        f"{_e(i['look_for'])}</p><p class=\"meta\"><strong>Sources.</strong> "
        f"{_e('; '.join(s['source'] + ': ' + s['ref'] for s in i['sources']))}</p></section>"
        for i in checklist["items"])
    glossary = "".join(f"<tr><th scope=\"row\">{_e(t['name'])}</th><td>{_e(t['plain'])}</td><td>{_e(t['example'])}</td>"
                       f"<td>{_e(t['source']['source'] + ': ' + t['source']['ref'])}</td></tr>" for t in checklist["glossary"])
    sources = "".join(f"<li><strong>{_e(k)}</strong>: {_e(v)}</li>" for k, v in checklist["sources"].items())
    ex = summary(example)
    c = ex["counts"]
    if mine is not None and summary(mine)["answered"]:
        m = summary(mine)
        mine_html = (f"<p>{m['answered']} of {m['total']} items answered: {m['counts']['gap']} gaps, "
                     f"{m['counts']['unclear']} unclear, {m['counts']['ok']} met, {m['counts']['n/a']} not applying."
                     f"</p>{_findings_html(checklist, mine)}<h3>Ranking</h3>{_ranking_html(summary(mine)['ranked'])}")
    else:
        mine_html = ("<p>Not answered yet: fill in <code>my-work/assessment.yaml</code>, then run "
                     "<code>make build</code> to show your findings here.</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(disclaimer.PROJECT_NAME)}</title><style>{CSS}</style></head>
<body><header><h1>{_e(disclaimer.PROJECT_NAME)}</h1><p class="byline">An AI-in-healthcare safety checklist{author}.</p>
<nav><a href="#checklist">Checklist</a><a href="#glossary">Glossary</a><a href="#workflow">Workflow to assess</a>
<a href="#example">Worked example</a><a href="#mine">My assessment</a></nav></header>
{disclaimer.DISCLAIMER_HTML}
<main>
<h2 id="checklist">The checklist ({len(checklist['items'])} questions)</h2>
<p>Version {_e(checklist['version'])}, sources checked {_e(checklist['checked'])}. {_e(disclaimer.GENERATED_NOTE)}</p>
<p>{_e(_grade_sentence(checklist))}</p>
{items}
<h3>Never paste these into a public AI tool</h3>
<p>The {len(checklist['never_paste'])} kinds of identifier that HIPAA's Safe Harbor method removes (45 CFR 164.514(b)(2)),
for the patient and for their relatives, employer and household (SC-01):</p>
<ol class="never">{''.join(f"<li>{_e(x)}</li>" for x in checklist['never_paste'])}</ol>
<h2 id="glossary">Risk glossary</h2>
<table><thead><tr><th>Term</th><th>In plain words</th><th>Everyday example</th><th>Source</th></tr></thead>
<tbody>{glossary}</tbody></table>
<h3>Sources</h3><ul>{sources}</ul>
<h2 id="workflow">The workflow to assess: {_e(setting['tool'])} at {_e(setting['clinic'])}</h2>
<p>{_e(setting['clinic'])} (fictional) uses {_e(setting['tool'])} (a fictional AI tool) for {_e(setting['task_title'])}.
{len(lines)} lines; some describe unsafe practice on purpose.</p>
{_lines_html(lines)}
<h2 id="example">Worked example: referral summaries at Harbour Lane Clinic</h2>
{disclaimer.EXAMPLE_NOTE_HTML}
<p>A different fictional workflow, assessed in the third person. Of {ex['total']} items the example marks {c['gap']} as
gaps, {c['unclear']} as unclear, {c['ok']} as met and {c['n/a']} as not applying.</p>
{_lines_html(example_lines)}
{_findings_html(checklist, example)}
<h3>The example's ranking</h3>{_ranking_html(ex['ranked'])}
<h2 id="mine">My assessment</h2>
{mine_html}
</main>
<footer>{_e(disclaimer.TOOL_LINE)} Every clinic, tool, vendor and line of workflow here is fictional.</footer>
</body></html>
"""


# ------------------------------------------------------------------------------------------ main
def load_all() -> dict[str, Any]:
    """Everything the build reads, checked; raises InputError with one sentence on the first problem."""
    checklist = load_checklist(ROOT / "checklist.yaml")
    ids = [i["id"] for i in checklist["items"]]
    lines, example_lines = load_workflow(), load_example_workflow()
    example = load_assessment(ROOT / "examples" / "worked-assessment.yaml", ids, [r["line_id"] for r in example_lines])
    mine = load_assessment(ROOT / "my-work" / "assessment.yaml", ids, [r["line_id"] for r in lines])
    return {"checklist": checklist, "lines": lines, "setting": load_setting(), "example_lines": example_lines,
            "example": example, "mine": mine}


def documents(data: dict[str, Any]) -> dict[str, str]:
    """The generated Markdown files (path -> text)."""
    return {
        "checklist.md": checklist_md(data["checklist"]),
        "glossary.md": glossary_md(data["checklist"]),
        "workflow.md": workflow_md(data["lines"], data["setting"]),
        "worked-example.md": worked_md(data["checklist"], data["example_lines"], data["example"]),
    }


def report(data: dict[str, Any]) -> str:
    """The offline HTML page."""
    return page_html(data["checklist"], data["lines"], data["setting"], data["example_lines"], data["example"],
                     data["mine"])


def key_report(data: dict[str, Any]) -> str:
    """Which planted risks the person's findings caught (a finding of gap or unclear that cites the line)."""
    s = summary(data["mine"])
    if not s["answered"]:
        return "No findings yet: answer my-work/assessment.yaml first, then run make key to compare."
    results = compare(data["mine"], load_key())
    found = sum(1 for _, f in results if f)
    out = [f"{found} of {len(results)} planted risks caught by your findings ({s['answered']} of {s['total']} items answered):"]
    out += [f"  [{'x' if f else ' '}] {r['line_id']} {r['risk']} (items {r['items'].replace(';', ', ')})" for r, f in results]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    try:
        data = load_all()
        if "--key" in argv:
            print(key_report(data))
            return 0
        texts = documents(data)
        page = report(data)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, text in texts.items():
        (ROOT / name).write_text(text, encoding="utf-8")
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "safety-checklist.html").write_text(page, encoding="utf-8")
    print("wrote checklist.md, glossary.md, workflow.md, worked-example.md and reports/safety-checklist.html")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
