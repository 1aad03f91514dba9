"""The offline dashboard page: KPI tiles, charts with a one-line takeaway each, and the SQL behind them.

The page is one self-contained HTML file: inline CSS, charts embedded as base64 PNG, no scripts and
no external resources, so it opens from a laptop, an e-mail attachment or a file share.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from dashboard import project
from dashboard.charts import CHARTS
from dashboard.queries import CORE_QUERIES, QueryResult

CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --card:#ffffff; --accent:#1f6f8b; }
* { box-sizing: border-box; }
body { margin:0; font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color:var(--ink); background:var(--bg); line-height:1.5; }
header { background:#17324d; color:#fff; padding:28px 40px 22px; }
header h1 { margin:0 0 4px; font-size:26px; font-weight:650; letter-spacing:-0.01em; }
header p { margin:0; color:#c9d6e3; font-size:14px; }
main { max-width:1120px; margin:0 auto; padding:24px 40px 48px; }
.prooflane-disclaimer { background:#fff8e6; border:1px solid #f0d9a0; border-radius:8px; padding:12px 18px;
       font-size:13px; color:#5c4a12; margin-bottom:24px; }
.prooflane-disclaimer p { margin:0 0 4px; }
.prooflane-disclaimer ul { margin:0; padding-left:18px; }
.kpis { display:grid; grid-template-columns:repeat(auto-fit, minmax(160px, 1fr)); gap:14px; margin-bottom:28px; }
.kpi { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:14px 16px; }
.kpi .value { font-size:26px; font-weight:700; color:var(--accent); }
.kpi .label { font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:0.04em; }
.kpi .note { font-size:12px; color:var(--muted); }
h2 { font-size:18px; margin:32px 0 12px; }
.grid { display:grid; grid-template-columns:repeat(auto-fit, minmax(480px, 1fr)); gap:18px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:16px 18px; }
.card h3 { margin:0 0 6px; font-size:15px; }
.card .takeaway { margin:0 0 10px; font-size:14px; }
.card .takeaway strong { color:var(--accent); }
.card img { width:100%; height:auto; border-radius:4px; }
details { margin-top:8px; font-size:13px; }
summary { cursor:pointer; color:var(--accent); }
pre { background:#0f1e2c; color:#e6edf3; padding:12px 14px; border-radius:6px; overflow-x:auto; font-size:12px;
      line-height:1.45; }
table { width:100%; border-collapse:collapse; background:var(--card); border:1px solid var(--line);
        border-radius:10px; overflow:hidden; font-size:13px; }
th, td { text-align:left; padding:8px 12px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#eef2f6; font-weight:600; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size:12px; }
.limits { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:8px 22px; font-size:14px; }
.scroll { overflow-x:auto; }
.card.wide { grid-column: 1 / -1; }
.note { color:var(--muted); font-size:13px; }
.error { background:#fdecea; border:1px solid #f5c2bc; border-radius:6px; padding:8px 12px; font-size:13px; }
header .byline { color:#fff; font-size:15px; margin-bottom:6px; }
header .unnamed { color:#f5d28c; }
.prooflane-example-label { background:#eef2f6; border-left:4px solid var(--accent); padding:8px 14px; font-size:13px;
       border-radius:4px; }
footer { color:var(--muted); font-size:12px; margin-top:36px; border-top:1px solid var(--line); padding-top:12px; }
@media print { header { background:#fff; color:var(--ink); } header p { color:var(--muted); } .grid { display:block; }
               .card { break-inside:avoid; margin-bottom:12px; } details { display:none; } }
"""

TITLES = {
    "02_no_show_by_lead_time": "Booking lead time",
    "03_reminders": "Reminders",
    "04_weekday": "Day of the week",
    "05_equity_distance_language": "Equity view: distance and language",
    "06_wait_times_by_clinic": "Waiting times",
    "07_clinic_comparison": "Clinic comparison, adjusted for lead time",
    "08_lead_time_within_clinic": "Lead time within each clinic (stratified check)",
    "09_monthly_trend": "Monthly trend: p-chart",
    "10_reminders_by_language": "Reminders by language group",
}

# Core queries shown as a table card (no chart) in "What the data shows".
TABLES = ("10_reminders_by_language",)

LIMITS = (
    ("The data is synthetic: its effects were planted by a documented model (data/datasheet.md). It shows that the "
     "analysis recovers known effects, not how any real clinic behaves."),
    ("Every comparison is an association. In this synthetic data the reminder channel was drawn at random "
     "(data/datasheet.md); in a real clinic it would not be, because staff choose who gets a call, so a gap between "
     "channels there is not proof that changing the channel would change attendance. Lead time and clinic were never "
     "assigned at random."),
    ("Distance and language gaps describe the service's reach, not the patients. They must not be used to "
     "deprioritise, overbook or screen out anyone."),
    ("Rates on small groups are uncertain: read the 95% intervals before comparing, and do not rank groups on "
     "differences inside them."),
)


def _pct(value: Any) -> str:
    return f"{float(value):.1f}%"


def _pp(value: Any) -> str:
    return f"{abs(float(value)):.1f} points"


def takeaways(results: dict[str, QueryResult]) -> dict[str, str]:
    """One sentence per chart, computed from the query results (HTML-safe; numbers in <strong>)."""
    e = html.escape
    out: dict[str, str] = {}

    lead = {r["lead_time_band"]: r for r in results["02_no_show_by_lead_time"].records()}
    week, last, same = lead["1-7 days"], list(lead.values())[-1], lead.get("same day")
    ratio = float(last["no_show_pct"]) / float(week["no_show_pct"]) if float(week["no_show_pct"]) else 0.0
    verb = "climbs" if float(last["no_show_pct"]) > float(week["no_show_pct"]) else "moves"
    out["02_no_show_by_lead_time"] = (
        f"The no-show rate {verb} from <strong>{_pct(week['no_show_pct'])}</strong> for bookings made 1-7 days "
        f"ahead to <strong>{_pct(last['no_show_pct'])}</strong> at {e(last['lead_time_band'])} "
        f"({ratio:.1f} times as high)."
        + (f" Same-day bookings, which get no reminder, are shown apart: {_pct(same['no_show_pct'])}." if same else "")
    )

    reminders = {r["reminder_channel"]: r for r in results["03_reminders"].records()}
    none = reminders.get("none")
    sent = [r for c, r in reminders.items() if c != "none"]
    if none and sent:
        best = min(sent, key=lambda r: float(r["no_show_pct"]))
        names = {"email": "email", "sms": "text-message", "phone": "phone-call"}
        out["03_reminders"] = (
            f"Without a reminder <strong>{_pct(none['no_show_pct'])}</strong> of appointments booked a day or more "
            f"ahead were missed; with {names.get(best['reminder_channel'], e(best['reminder_channel']))} reminders, "
            f"<strong>{_pct(best['no_show_pct'])}</strong> ({_pp(best['pct_points_vs_none'])} "
            f"{'lower' if float(best['pct_points_vs_none']) < 0 else 'higher'})."
        )
    else:
        out["03_reminders"] = "The data has no reminder comparison to make."

    days = results["04_weekday"].records()
    top = min(days, key=lambda r: r["rank_highest"])
    overall = float(results["01_overview"].first()["no_show_pct"])
    out["04_weekday"] = (
        f"<strong>{e(top['weekday'])}</strong> has the highest no-show rate "
        f"(<strong>{_pct(top['no_show_pct'])}</strong>), {_pp(top['pct_points_vs_all_days'])} above the "
        f"all-day rate of {overall:.1f}%."
    )

    groups = results["05_equity_distance_language"].records()
    distance = [r for r in groups if r["dimension"] == "Distance (in person)"]
    language = [r for r in groups if r["dimension"] == "Language group"]
    near, far = distance[0], distance[-1]
    english = next(r for r in language if r["group"] == "English")
    other = next((r for r in language if r["group"] != "English"), english)
    out["05_equity_distance_language"] = (
        f"In-person visits from {e(far['group'])} away were missed at <strong>{_pct(far['no_show_pct'])}</strong> vs "
        f"{_pct(near['no_show_pct'])} from {e(near['group'])}; patients preferring a language other than English at "
        f"<strong>{_pct(other['no_show_pct'])}</strong> vs {_pct(english['no_show_pct'])}. Gaps in the service's "
        f"reach to investigate with care, not reasons to deprioritise anyone."
    )

    waits = results["06_wait_times_by_clinic"].records()
    longest = min(waits, key=lambda r: (r["rank_longest"], r["clinic"]))
    median_all = results["01_overview"].first()["median_wait_minutes"]
    out["06_wait_times_by_clinic"] = (
        f"<strong>{e(longest['clinic'])}</strong> has the longest median wait after check-in "
        f"(<strong>{float(longest['median_wait_minutes']):.0f} min</strong>, 90th percentile "
        f"{float(longest['p90_wait_minutes']):.0f} min) against {float(median_all):.0f} min across all clinics."
    )

    clinics = results["07_clinic_comparison"].records()
    highest = clinics[0]
    gap = float(highest["pct_points_above_expected"])
    if abs(gap) < 2.0:
        reading = "so its booking lead times account for most of it"
    elif gap > 0:
        reading = f"leaving {gap:.1f} points that lead time does not explain (patient mix is the next thing to check)"
    else:
        reading = "so its lead times would predict an even higher rate"
    low, high = float(highest["ratio_ci95_low"]), float(highest["ratio_ci95_high"])
    chance = "includes 1, so chance alone could give this gap" if low <= 1.0 <= high else "excludes 1"
    out["07_clinic_comparison"] = (
        f"<strong>{e(highest['clinic'])}</strong> has the highest observed rate "
        f"(<strong>{_pct(highest['observed_pct'])}</strong>); its lead-time mix alone would give "
        f"{_pct(highest['expected_pct'])}, {reading}. Observed/expected {float(highest['observed_to_expected']):.2f} "
        f"(95% interval {low:.2f}-{high:.2f}, which {chance})."
    )

    strata = results["08_lead_time_within_clinic"].records()
    per_clinic = [r for r in strata if r["short_ci95_low"] is not None]
    pooled = {r["clinic"]: r for r in strata if r["short_ci95_low"] is None}
    higher = sum(1 for r in per_clinic if float(r["long_no_show_pct"]) > float(r["short_no_show_pct"]))
    crude = next((r for name, r in pooled.items() if "crude" in name), None)
    adjusted = next((r for name, r in pooled.items() if "Mantel" in name), None)
    pooled_text = ""
    if crude and adjusted and crude["odds_ratio"] is not None and adjusted["odds_ratio"] is not None:
        pooled_text = (f" Odds ratio, long against short: {float(crude['odds_ratio']):.2f} ignoring clinic, "
                       f"<strong>{float(adjusted['odds_ratio']):.2f}</strong> within clinic (Mantel-Haenszel).")
    out["08_lead_time_within_clinic"] = (
        f"In <strong>{higher} of {len(per_clinic)}</strong> clinics, bookings made more than 30 days ahead are missed "
        f"more often than bookings made within 14 days." + pooled_text
    )

    months = results["09_monthly_trend"].records()
    outside = [r for r in months if r["signal"] != "inside"]
    centre = float(months[0]["centre_pct"])
    if outside:
        named = ", ".join(f"{e(str(r['month']))} ({_pct(r['no_show_pct'])}, {e(str(r['signal']))})" for r in outside)
        signal = f"<strong>{len(outside)}</strong> outside the 3-sigma limits: {named}; worth asking what changed then."
    else:
        signal = ("<strong>none</strong> outside the 3-sigma limits: the month-to-month movement is common-cause "
                  "variation, so no single month needs its own explanation.")
    lowest = min(months, key=lambda r: float(r["no_show_pct"]))
    highest_month = max(months, key=lambda r: float(r["no_show_pct"]))
    out["09_monthly_trend"] = (
        f"Across {len(months)} months the rate ranges from {_pct(lowest['no_show_pct'])} to "
        f"{_pct(highest_month['no_show_pct'])} around a centre line of {centre:.1f}%; {signal}"
    )

    by_language = results["10_reminders_by_language"].records()
    drops = {r["language_group"]: float(r["pct_points_vs_none"]) for r in by_language if r["reminder"] == "any"}
    if len(drops) >= 2:
        intro = "Among appointments booked a day or more ahead, a reminder goes with "
        out["10_reminders_by_language"] = intro + "; ".join(
            f"a no-show rate <strong>{_pp(v)}</strong> {'lower' if v < 0 else 'higher'} ({e(k)})"
            for k, v in drops.items()
        ) + "."
    else:
        out["10_reminders_by_language"] = "The data has too few groups for this comparison."
    return out


def _image(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _day(value: Any) -> str:
    """A date as "1 Jan 2025" (any platform)."""
    return f"{value.day} {value:%b %Y}" if hasattr(value, "day") else str(value)


def _kpis(overview: dict[str, Any]) -> str:
    tiles = [
        ("Appointments", f"{overview['appointments']:,}",
         f"{_day(overview['first_day'])} to {_day(overview['last_day'])}"),
        ("Patients", f"{overview['patients']:,}", f"{overview['clinics']} clinics"),
        ("No-show rate", _pct(overview["no_show_pct"]), f"{overview['no_shows']:,} missed appointments"),
        ("Median wait", f"{float(overview['median_wait_minutes']):.0f} min", "after check-in, attended visits"),
        ("Reminded", _pct(overview["reminded_pct"]), "of appointments got a reminder"),
        ("Telehealth", _pct(overview["telehealth_pct"]), "of appointments"),
    ]
    return "\n".join(
        f'  <div class="kpi"><div class="label">{html.escape(label)}</div><div class="value">{html.escape(value)}</div>'
        f'<div class="note">{html.escape(note)}</div></div>'
        for label, value, note in tiles
    )


MAX_TABLE_ROWS = 40


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def result_table(result: QueryResult) -> str:
    """A query result as an HTML table (at most MAX_TABLE_ROWS rows, with a note when cut)."""
    e = html.escape
    head = "".join(f"<th>{e(c)}</th>" for c in result.columns)
    body = []
    for row in result.rows[:MAX_TABLE_ROWS]:
        cells = "".join(
            f'<td class="num">{e(_cell(v))}</td>' if isinstance(v, (int, float)) and not isinstance(v, bool)
            else f"<td>{e(_cell(v))}</td>" for v in row
        )
        body.append(f"<tr>{cells}</tr>")
    note = ""
    if len(result.rows) > MAX_TABLE_ROWS:
        note = (f'<p class="note">First {MAX_TABLE_ROWS} of {len(result.rows):,} rows; run '
                f"<code>python -m dashboard.queries sql/{e(result.path.name)}</code> for all of them.</p>")
    return f'<div class="scroll"><table>\n<tr>{head}</tr>\n' + "\n".join(body) + f"\n</table></div>{note}"


def _sql_details(result: QueryResult) -> str:
    e = html.escape
    return (f"  <details><summary>The SQL behind this (sql/{e(result.path.name)})</summary>"
            f"<pre><code>{e(result.sql.strip())}</code></pre></details>")


def own_card(result: QueryResult) -> str:
    """A card for a query the author added to sql/: its question, its result table, or why it failed."""
    e = html.escape
    title = result.question or result.path.stem.split("_", 1)[-1].replace("_", " ")
    if result.error:
        content = (f'  <p class="error"><strong>This query did not run.</strong> {e(result.error)}. Fix the SQL '
                   f"(try <code>python -m dashboard.queries sql/{e(result.path.name)}</code>) and run "
                   "<code>make dashboard</code> again.</p>")
    elif not result.rows:
        content = '  <p class="note">The query ran and returned no rows.</p>'
    else:
        content = "  " + result_table(result)
    hint = "" if result.question else (' <span class="note">(add a <code>-- Question: ...</code> line at the top '
                                       "of the file to title this card)</span>")
    return (f'<section class="card wide own" id="{e(result.name)}">\n'
            f"  <h3>{e(title[:1].upper() + title[1:])} <code>sql/{e(result.path.name)}</code>{hint}</h3>\n"
            f"{content}\n{_sql_details(result)}\n</section>")


def own_queries(results: dict[str, QueryResult]) -> list[QueryResult]:
    """The queries the author added (every sql/NN_*.sql that is not one of the core queries), in file order."""
    return [r for name, r in results.items() if name not in CORE_QUERIES]


def _sql_table(results: dict[str, QueryResult]) -> str:
    e = html.escape
    charted = {query: chart for chart, (query, _) in CHARTS.items()}
    rows = []
    for name, result in results.items():
        part = "Headline tiles" if name == "01_overview" else TITLES.get(name, "Your query")
        shown = (f"<code>reports/figures/{e(charted[name])}</code>" if name in charted else
                 "(tiles above)" if name == "01_overview" else
                 "its card says why it failed" if result.error else "table on this page")
        count = "failed" if result.error else str(len(result.rows))
        rows.append(
            f"<tr><td>{e(part)}</td><td><code>sql/{e(result.path.name)}</code></td>"
            f"<td>{e(result.question)}</td><td class=\"num\">{count}</td><td>{shown}</td></tr>"
        )
    head = "<tr><th>Part of the page</th><th>Query</th><th>Question it answers</th><th>Rows</th><th>Shown as</th></tr>"
    return f"<table>\n{head}\n" + "\n".join(rows) + "\n</table>"


def render(results: dict[str, QueryResult], figures: dict[str, Path], data_sha256: str, author: str = "") -> str:
    """The whole dashboard page as one HTML string."""
    e = html.escape
    lines = takeaways(results)
    cards = []
    for chart, (query, _) in CHARTS.items():
        result = results[query]
        cards.append(
            f'<section class="card" id="{e(query)}">\n'
            f"  <h3>{e(TITLES[query])}</h3>\n"
            f'  <p class="takeaway">{lines[query]}</p>\n'
            f'  <img src="{_image(figures[chart])}" alt="{e(TITLES[query])} chart: {e(result.question)}">\n'
            f"{_sql_details(result)}\n"
            f"</section>"
        )
    for query in TABLES:
        result = results[query]
        cards.append(
            f'<section class="card wide" id="{e(query)}">\n  <h3>{e(TITLES[query])}</h3>\n'
            f'  <p class="takeaway">{lines[query]}</p>\n  {result_table(result)}\n{_sql_details(result)}\n</section>'
        )
    own = own_queries(results)
    if own:
        own_html = "\n".join(own_card(r) for r in own)
    else:
        own_html = ('<p class="note">No queries of your own yet. Add a file such as <code>sql/20_specialty.sql</code> '
                    "(start it with a <code>-- Question: ...</code> line), run <code>make dashboard</code>, and its "
                    "result appears here as a table.</p>")
    who = author.strip()
    by = (f" by <strong>{e(who)}</strong>" if who else
          ' <span class="unnamed">(author not named yet: write your name in the README byline)</span>')
    limits = "\n".join(f"  <li>{e(item)}</li>" for item in LIMITS)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(project.PROJECT_NAME)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
  <h1>{e(project.PROJECT_NAME)}</h1>
  <p class="byline">A {e(project.ROLE_TITLE)} portfolio project{by}.</p>
  <p>Missed appointments across eight fictional clinics in 2025. All numbers come from the SQL in <code>sql/</code>,
  run with DuckDB on synthetic data.</p>
</header>
<main>
{project.DISCLAIMER_HTML}
<div class="kpis">
{_kpis(results["01_overview"].first())}
</div>
<h2>What the data shows</h2>
{project.EXAMPLE_NOTE_HTML}
<p class="note">The one-line takeaways are written by the project's scripts from the query results, so they change
with the data. The author's own reading is in <code>findings.md</code> and the README, under My work.</p>
<div class="grid">
{chr(10).join(cards)}
</div>
<h2 id="own-queries">Queries added to sql/</h2>
<div class="grid">
{own_html}
</div>
<h2>The SQL behind each part</h2>
{_sql_table(results)}
<h2>Read with care</h2>
<ul class="limits">
{limits}
</ul>
<footer>
  Data: <code>{e(project.DATA_FILE)}</code> (sha256 <code>{e(data_sha256[:16])}</code>...), generated by
  {e(project.GENERATOR)} with seed {project.SEED}; documented in <code>data/datasheet.md</code>.
  Rebuild with <code>make dashboard</code>. Findings, limitations and the equity discussion: <code>findings.md</code>.
  <br>{e(project.TOOL_LINE)} The synthetic data, queries, charts and takeaways were generated by prooflane; the author's
  own work is listed in the README under My work.
</footer>
</main>
</body>
</html>
"""
