"""Score the summaries and measure reviewer agreement; write reports/report.md, report.html and disagreements.csv.

Run ``python scripts/report.py`` from the project folder. Every figure in the reports is computed here
from the files in data/ and from my_ratings.yaml. A problem with an input stops the run with one
sentence (exit 1) before anything is written.
"""

from __future__ import annotations

import csv
import html
import io
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import agreement as ag
import project_text as txt
from inputs import ROOT, InputError, Inputs, load

PAIRS = (("R1", "R2"), ("R1", "R3"), ("R2", "R3"))


@dataclass
class Cell:
    """Agreement of one pair of reviewers on one item in one round."""

    n: int
    percent: float
    kappa: float | None
    ci: tuple[float, float] | None

    @property
    def enough(self) -> bool:
        return self.n >= ag.MIN_ITEMS


def _paired(inputs: Inputs, rnd: int, a: str, b: str, item: str) -> tuple[list[int], list[int]]:
    xs, ys = [], []
    for case in inputs.cases:
        x, y = inputs.ratings.get((rnd, a, case, item)), inputs.ratings.get((rnd, b, case, item))
        if x is not None and y is not None:
            xs.append(x)
            ys.append(y)
    return xs, ys


def _linear(a: list[Any], b: list[Any]) -> float | None:
    return ag.cohen_kappa(a, b, (1, 2, 3, 4, 5), "linear")


def cell(a: list[Any], b: list[Any], stat: Any) -> Cell:
    """Percent agreement and a kappa with its bootstrap interval, or 'too few' below MIN_ITEMS pairs."""
    if not a:
        return Cell(0, 0.0, None, None)
    if len(a) < ag.MIN_ITEMS:
        return Cell(len(a), ag.percent_agreement(a, b), None, None)
    return Cell(len(a), ag.percent_agreement(a, b), stat(a, b), ag.bootstrap_ci(stat, [a, b], reps=500))


def item_agreement(inputs: Inputs) -> dict[tuple[int, str, str], Cell]:
    """(round, item, "R1-R2") -> agreement cell, linear weighted kappa."""
    out = {}
    for rnd in inputs.rounds:
        for item in inputs.items:
            for a, b in PAIRS:
                if a in inputs.reviewers and b in inputs.reviewers:
                    out[(rnd, item, f"{a}-{b}")] = cell(*_paired(inputs, rnd, a, b, item), _linear)
    return out


def iccs(inputs: Inputs) -> dict[tuple[int, str], dict[str, Any]]:
    """(round, item) -> ICC(2,1), ICC(3,1) across all reviewers, with a bootstrap interval for ICC(2,1)."""
    out: dict[tuple[int, str], dict[str, Any]] = {}
    for rnd in inputs.rounds:
        for item in inputs.items:
            rows = [[inputs.ratings.get((rnd, r, c, item)) for r in inputs.reviewers] for c in inputs.cases]
            matrix = [row for row in rows if all(v is not None for v in row)]
            if len(matrix) < ag.MIN_ITEMS or len(inputs.reviewers) < 2:
                out[(rnd, item)] = {"n": len(matrix), "ICC(2,1)": None, "ICC(3,1)": None, "ci": None}
                continue
            values = ag.icc(matrix)

            def icc2(*columns: list[Any]) -> float | None:
                return ag.icc([list(r) for r in zip(*columns)])["ICC(2,1)"]

            ci = ag.bootstrap_ci(icc2, [list(col) for col in zip(*matrix)], reps=300)
            out[(rnd, item)] = {"n": len(matrix), **values, "ci": ci}
    return out


def critical_agreement(inputs: Inputs) -> dict[tuple[int, str], dict[str, Any]]:
    """(round, critical id) -> how many summaries R1 and R2 flagged, percent agreement, unweighted kappa."""
    out = {}
    for rnd in inputs.rounds:
        cases = [c for c in inputs.cases if (rnd, "R1", c) in inputs.flags and (rnd, "R2", c) in inputs.flags]
        for cid in inputs.critical_ids:
            a = [cid in inputs.flags[(rnd, "R1", c)] for c in cases]
            b = [cid in inputs.flags[(rnd, "R2", c)] for c in cases]
            result = cell(a, b, lambda x, y: ag.cohen_kappa(x, y, [False, True]))
            out[(rnd, cid)] = {"cell": result, "r1": sum(a), "r2": sum(b)}
    return out


def rater_means(inputs: Inputs) -> dict[tuple[int, str, str], float]:
    """(round, reviewer, item) -> mean score."""
    out = {}
    for rnd in inputs.rounds:
        for r in inputs.reviewers:
            for item in inputs.items:
                values = [inputs.ratings[(rnd, r, c, item)] for c in inputs.cases if (rnd, r, c, item) in inputs.ratings]
                if values:
                    out[(rnd, r, item)] = statistics.fmean(values)
    return out


def key_errors(inputs: Inputs) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {c: set() for c in inputs.cases}
    for row in inputs.key:
        if row["critical_error"] and row["case_id"] in out:
            out[row["case_id"]].add(row["critical_error"])
    return out


def verdicts(inputs: Inputs) -> list[dict[str, Any]]:
    """Last round: each summary's mean score per reviewer, the errors most reviewers flagged, the gate."""
    rnd = inputs.rounds[-1]
    keyed = key_errors(inputs)
    rows = []
    for case in inputs.cases:
        means = {}
        for r in inputs.reviewers:
            values = [inputs.ratings[(rnd, r, case, i)] for i in inputs.items if (rnd, r, case, i) in inputs.ratings]
            means[r] = statistics.fmean(values) if values else None
        votes: dict[str, int] = {}
        for r in inputs.reviewers:
            for e in inputs.flags.get((rnd, r, case), set()):
                votes[e] = votes.get(e, 0) + 1
        majority = {e for e, v in votes.items() if v * 2 > len(inputs.reviewers)}
        rows.append({"case": case, "topic": inputs.topics.get(case, ""), "means": means, "errors": majority,
                     "gate": "fail" if majority else "pass", "key": keyed[case],
                     "key_gate": "fail" if keyed[case] else "pass"})
    return rows


def disagreements(inputs: Inputs) -> list[dict[str, str]]:
    """Last round: items where reviewers are two or more levels apart, and critical errors not all agree on."""
    rnd = inputs.rounds[-1]
    out = []
    for case in inputs.cases:
        for item in inputs.items:
            scores = {r: inputs.ratings.get((rnd, r, case, item)) for r in inputs.reviewers}
            given = [s for s in scores.values() if s is not None]
            if given and max(given) - min(given) >= 2:
                out.append({"case_id": case, "what": f"item {item}", **{r: str(s) for r, s in scores.items()}})
        sets = {r: inputs.flags.get((rnd, r, case), set()) for r in inputs.reviewers}
        for cid in inputs.critical_ids:
            marks = {r: ("yes" if cid in s else "no") for r, s in sets.items()}
            if len(set(marks.values())) > 1:
                out.append({"case_id": case, "what": f"critical {cid}", **marks})
    return out


def compare_mine(inputs: Inputs, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Your complete ratings against the answer key and the reviewers' last-round medians."""
    rnd = inputs.rounds[-1]
    keyed = key_errors(inputs)
    out = []
    for entry in inputs.mine:
        if not entry["complete"]:
            continue
        case = entry["case"]
        medians = {}
        for item in inputs.items:
            values = [inputs.ratings[(rnd, r, case, item)] for r in inputs.reviewers if (rnd, r, case, item) in inputs.ratings]
            medians[item] = statistics.median(values) if values else None
        far = [i for i in inputs.items if medians[i] is not None and abs(entry["scores"][i] - medians[i]) >= 2]
        mine = entry["critical_errors"]
        out.append({"case": case, "caught": sorted(mine & keyed[case]), "missed": sorted(keyed[case] - mine),
                    "extra": sorted(mine - keyed[case]), "far": far})
    return out


# -- rendering --------------------------------------------------------------------------------------

def fmt(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def kappa_text(c: Cell) -> str:
    if c.n == 0:
        return "no paired ratings"
    if not c.enough:
        return f"too few items (n = {c.n}, at least {ag.MIN_ITEMS} needed)"
    if c.kappa is None:
        return "undefined (both used one category)"
    ci = f" [{fmt(c.ci[0])}, {fmt(c.ci[1])}]" if c.ci else ""
    return f"{fmt(c.kappa)}{ci} {ag.landis_koch(c.kappa)}"


def icc_text(value: dict[str, Any]) -> str:
    """ICC(2,1) with its interval and Koo-Li label, or 'too few items'."""
    if value["ICC(2,1)"] is None:
        return f"too few items (n = {value['n']}, at least {ag.MIN_ITEMS} needed)"
    ci = f" [{fmt(value['ci'][0])}, {fmt(value['ci'][1])}]" if value["ci"] else ""
    return f"{fmt(value['ICC(2,1)'])}{ci} {ag.koo_li(value['ICC(2,1)'])}"


def _colour(value: float | None) -> str:
    if value is None:
        return "#dddddd"
    v = max(0.0, min(1.0, value))
    red, green = int(215 - 170 * v), int(90 + 110 * v)
    return f"#{red:02x}{green:02x}{110:02x}"


def heatmap_svg(inputs: Inputs, cells: dict[tuple[int, str, str], Cell]) -> str:
    """Weighted kappa per item (rows) and reviewer pair per round (columns), as an inline SVG."""
    columns = [(rnd, f"{a}-{b}") for rnd in inputs.rounds for a, b in PAIRS if (rnd, inputs.items[0], f"{a}-{b}") in cells]
    left, top, w, h = 130, 40, 64, 24
    width, height = left + w * len(columns) + 10, top + h * len(inputs.items) + 30
    opening = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
               'aria-labelledby="heatmap-title"><title id="heatmap-title">Weighted kappa per rubric item, '
               'reviewer pair and round; darker green is higher agreement, grey is not computed</title>')
    parts = [opening, "<style>text{font:12px sans-serif}</style>"]
    for j, (rnd, pair) in enumerate(columns):
        x = left + j * w + w / 2
        parts.append(f'<text x="{x}" y="16" text-anchor="middle">round {rnd}</text>')
        parts.append(f'<text x="{x}" y="32" text-anchor="middle">{pair}</text>')
    for i, item in enumerate(inputs.items):
        y = top + i * h
        parts.append(f'<text x="{left - 6}" y="{y + 16}" text-anchor="end">{html.escape(item)}</text>')
        for j, (rnd, pair) in enumerate(columns):
            c = cells[(rnd, item, pair)]
            value = c.kappa if c.enough else None
            parts.append(f'<rect x="{left + j * w}" y="{y}" width="{w - 2}" height="{h - 2}" fill="{_colour(value)}"/>')
            parts.append(f'<text x="{left + j * w + w / 2 - 1}" y="{y + 16}" text-anchor="middle">{fmt(value)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _table(header: list[str], rows: list[list[str]]) -> tuple[str, str]:
    md = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    md += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    h = ["<table><thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in header) + "</tr></thead><tbody>"]
    h += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows]
    h.append("</tbody></table>")
    return "\n".join(md), "\n".join(h)


def gallery_cases(inputs: Inputs) -> list[str]:
    """CASE-01 (the worked example) and every case you have finished rating; the key stays closed for the rest."""
    done = [m["case"] for m in inputs.mine if m["complete"]]
    return [c for c in inputs.cases if c == "CASE-01" or c in done]


def build(inputs: Inputs) -> dict[str, str]:
    """The report files' text: {relative path: content}."""
    cells = item_agreement(inputs)
    icc_values = iccs(inputs)
    crit = critical_agreement(inputs)
    means = rater_means(inputs)
    rows = verdicts(inputs)
    log = disagreements(inputs)
    mine = compare_mine(inputs, rows)
    sections: list[tuple[str, str, str]] = []  # (title, markdown, html)

    def add(title: str, intro: str, header: list[str] | None = None, body: list[list[str]] | None = None,
            raw_html: str = "") -> None:
        md, ht = [intro], [f"<p>{html.escape(intro)}</p>"]
        if header is not None and body is not None:
            t_md, t_html = _table(header, body)
            md.append(t_md)
            ht.append(t_html)
        if raw_html:
            ht.append(raw_html)
        sections.append((title, "\n\n".join(md), "\n".join(ht)))

    last = inputs.rounds[-1]
    n_fail = sum(r["gate"] == "fail" for r in rows)
    n_match = sum(r["gate"] == r["key_gate"] for r in rows)
    add("Summary verdicts",
        f"Round {last}: a summary fails when most reviewers list the same critical error, whatever its mean score. "
        f"{n_fail} of {len(rows)} summaries fail the gate; the gate agrees with the answer key on {n_match} of {len(rows)}.",
        ["case", "topic", *[f"mean {r}" for r in inputs.reviewers], "critical errors (majority)", "gate", "answer key"],
        [[r["case"], r["topic"], *[fmt(r["means"][x], 1) for x in inputs.reviewers],
          ", ".join(sorted(r["errors"])) or "none", r["gate"], r["key_gate"]] for r in rows])
    pair_cols = [f"{a}-{b}" for a, b in PAIRS if a in inputs.reviewers and b in inputs.reviewers]
    for rnd in inputs.rounds:
        add(f"Agreement per item, round {rnd}",
            "Linear weighted Cohen's kappa per reviewer pair with a 95% bootstrap interval (500 resamples of "
            "summaries), percent exact agreement, and the ICC across all reviewers: ICC(2,1) is two-way random "
            "effects, absolute agreement, single rater (it counts a lenient reviewer's offset as disagreement); "
            "ICC(3,1) is two-way mixed, consistency (it ignores a constant offset). Labels follow the Landis and Koch "
            "(1977) convention for kappa and Koo and Li (2016) for ICC; they are conventions, not tests.",
            ["item", *[f"kappa {p}" for p in pair_cols], "% agree R1-R2", "ICC(2,1) [95% CI]", "ICC(3,1)"],
            [[item, *[kappa_text(cells[(rnd, item, p)]) for p in pair_cols],
              f"{100 * cells[(rnd, item, pair_cols[0])].percent:.0f}%" if cells[(rnd, item, pair_cols[0])].n else "n/a",
              icc_text(icc_values[(rnd, item)]),
              fmt(icc_values[(rnd, item)]["ICC(3,1)"])] for item in inputs.items])
    add("Agreement heatmap",
        "Weighted kappa for every item, reviewer pair and round (grey: not computed because too few summaries were rated by both).",
        raw_html=heatmap_svg(inputs, cells))
    add("Critical errors: percent agreement against kappa",
        "R1 and R2 on each critical error, per round. Where an error is rare, two reviewers agree on most summaries "
        "simply by both saying 'absent', so percent agreement stays high while kappa, which corrects for that, is low.",
        ["round", "error", "flagged by R1", "flagged by R2", "% agree", "kappa"],
        [[str(rnd), f"{cid} {next(c['name'] for c in inputs.rubric['critical_errors'] if c['id'] == cid)}",
          str(v["r1"]), str(v["r2"]), f"{100 * v['cell'].percent:.0f}%" if v["cell"].n else "n/a", kappa_text(v["cell"])]
         for (rnd, cid), v in crit.items()])
    add("Rater effects: mean score per reviewer",
        "A reviewer whose means sit above the others on the same summaries is lenient on that item.",
        ["round", "item", *inputs.reviewers],
        [[str(rnd), item, *[fmt(means.get((rnd, r, item))) for r in inputs.reviewers]]
         for rnd in inputs.rounds for item in inputs.items])
    add(f"Disagreement log, round {last}",
        f"{len(log)} places where reviewers are two or more levels apart on an item, or do not all list the same "
        "critical error. The same rows are in reports/disagreements.csv; adjudicate them in review/adjudication.md.",
        ["case", "what", *inputs.reviewers], [[d["case_id"], d["what"], *[d.get(r, "") for r in inputs.reviewers]] for d in log])
    if mine:
        add("Your ratings against the answer key",
            "For each summary you finished rating in my_ratings.yaml: the critical errors you caught, missed or added, "
            f"and the items where your score is two or more levels from the reviewers' round-{last} median.",
            ["case", "caught", "missed", "not in the key", "items far from the reviewers"],
            [[m["case"], ", ".join(m["caught"]) or "-", ", ".join(m["missed"]) or "-", ", ".join(m["extra"]) or "-",
              ", ".join(m["far"]) or "-"] for m in mine])
    else:
        add("Your ratings against the answer key",
            "No case in my_ratings.yaml is completely rated yet: give every item a score and list the critical errors "
            "(or none), then run the report again.")
    gallery_md, gallery_html = [], []
    for case in gallery_cases(inputs):
        for row in [r for r in inputs.key if r["case_id"] == case and r["defect"] != "none"]:
            s_line = row["summary_line"]
            quote = (inputs.summaries[case][int(s_line) - 1] if s_line.isdigit() and int(s_line) <= len(inputs.summaries[case])
                     else "")
            src = row["source_line"]
            source = inputs.notes[case][int(src) - 1] if src.isdigit() and int(src) <= len(inputs.notes[case]) else ""
            label = f"{case} · {row['defect']}" + (f" · critical {row['critical_error']}" if row["critical_error"] else "")
            where = f"summary line {s_line}: \"{quote}\"" if s_line else "summary: nothing in it traces to this note line"
            gallery_md.append(f"**{label}**\n\n- {where}\n- note line {src}: \"{source}\"\n- why: {row['explanation']}")
            gallery_html.append(f"<figure><figcaption>{html.escape(label)}</figcaption><blockquote>{html.escape(where)}</blockquote><blockquote>note line {html.escape(src)}: {html.escape(source)}"
                                f"</blockquote><p>{html.escape(row['explanation'])}</p></figure>")
    intro = ("Each planted defect of the worked example (CASE-01) and of every case you have finished rating, quoting the "
             "exact summary line and the note line it should match. The answer key for the other cases stays closed "
             "until you have rated them.")
    sections.append(("Defect gallery", intro + "\n\n" + "\n\n".join(gallery_md),
                     f"<p>{html.escape(intro)}</p>" + "\n".join(gallery_html)))
    return {"reports/report.md": render_md(sections), "reports/report.html": render_html(sections),
            "reports/disagreements.csv": render_csv(log, inputs.reviewers)}


def _byline() -> str:
    return f"Author: {txt.AUTHOR}." if txt.AUTHOR else "Author: not set (add your name to the README byline)."


def render_md(sections: list[tuple[str, str, str]]) -> str:
    head = ["# Review report: visit summaries", "", txt.DISCLAIMER_MD, "",
            f"{_byline()} {txt.GENERATED_NOTE} Built by scripts/report.py from data/ and my_ratings.yaml.", ""]
    body = [f"## {title}\n\n{md}\n" for title, md, _ in sections]
    return "\n".join(head) + "\n" + "\n".join(body) + f"\n---\n\n{txt.TOOL_LINE}\n"


def render_html(sections: list[tuple[str, str, str]]) -> str:
    style = ("body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
             "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}td,th{border:1px solid #bbb;padding:.25rem .5rem;"
             "text-align:left}th{background:#eef}blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #c66}"
             "figure{margin:1rem 0;padding:.5rem;border:1px solid #ddd}figcaption{font-weight:bold}"
             ".prooflane-disclaimer{background:#f6f6f6;padding:.5rem 1rem;border-left:4px solid #888}")
    body = "\n".join(f"<section><h2>{html.escape(t)}</h2>\n{h}\n</section>" for t, _, h in sections)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Review report: visit summaries</title>\n'
            f"<style>{style}</style>\n</head>\n<body>\n<header><h1>Review report: visit summaries</h1>\n"
            f"<p>{html.escape(_byline())} {html.escape(txt.GENERATED_NOTE)}</p></header>\n{txt.DISCLAIMER_HTML}\n"
            f"<main>\n{body}\n</main>\n<footer><p>{html.escape(txt.TOOL_LINE)}</p></footer>\n</body>\n</html>\n")


def render_csv(log: list[dict[str, str]], reviewers: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["case_id", "what", *reviewers])
    for d in log:
        writer.writerow([d["case_id"], d["what"], *[d.get(r, "") for r in reviewers]])
    return buffer.getvalue()


def main(root: Path = ROOT) -> int:
    try:
        outputs = build(load(root))
    except InputError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    for rel, text in outputs.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(target)
    print("Wrote " + ", ".join(sorted(outputs)) + ".")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
