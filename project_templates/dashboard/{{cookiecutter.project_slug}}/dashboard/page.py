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
from dashboard.queries import QueryResult

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
}

LIMITS = (
    ("The data is synthetic: its effects were planted by a documented model (data/datasheet.md). It shows that the "
     "analysis recovers known effects, not how any real clinic behaves."),
    ("Every comparison is an association. Reminder channel, lead time and clinic were not assigned at random, so a "
     "gap between groups is not proof that changing one factor would change attendance."),
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

    lead = results["02_no_show_by_lead_time"].records()
    first, last = lead[0], lead[-1]
    ratio = float(last["no_show_pct"]) / float(first["no_show_pct"]) if float(first["no_show_pct"]) else 0.0
    verb = "climbs" if float(last["no_show_pct"]) > float(first["no_show_pct"]) else "moves"
    out["02_no_show_by_lead_time"] = (
        f"The no-show rate {verb} from <strong>{_pct(first['no_show_pct'])}</strong> for bookings made "
        f"{e(first['lead_time_band'])} ahead to <strong>{_pct(last['no_show_pct'])}</strong> at "
        f"{e(last['lead_time_band'])} ({ratio:.1f} times as high)."
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
    out["07_clinic_comparison"] = (
        f"<strong>{e(highest['clinic'])}</strong> has the highest observed rate "
        f"(<strong>{_pct(highest['observed_pct'])}</strong>); its lead-time mix alone would give "
        f"{_pct(highest['expected_pct'])}, {reading}."
    )
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


def _sql_table(results: dict[str, QueryResult]) -> str:
    rows = []
    for chart, (query, _) in CHARTS.items():
        result = results[query]
        rows.append(
            f"<tr><td>{html.escape(TITLES[query])}</td><td><code>sql/{html.escape(result.path.name)}</code></td>"
            f"<td>{html.escape(result.question)}</td><td class=\"num\">{len(result.rows)}</td>"
            f"<td><code>reports/figures/{html.escape(chart)}</code></td></tr>"
        )
    overview = results["01_overview"]
    rows.insert(0, (
        f"<tr><td>Headline tiles</td><td><code>sql/{html.escape(overview.path.name)}</code></td>"
        f"<td>{html.escape(overview.question)}</td><td class=\"num\">{len(overview.rows)}</td>"
        "<td>(tiles above)</td></tr>"
    ))
    head = "<tr><th>Part of the page</th><th>Query</th><th>Question it answers</th><th>Rows</th><th>Chart</th></tr>"
    return f"<table>\n{head}\n" + "\n".join(rows) + "\n</table>"


def render(results: dict[str, QueryResult], figures: dict[str, Path], data_sha256: str) -> str:
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
            f"  <details><summary>The SQL behind this chart (sql/{e(result.path.name)})</summary>"
            f"<pre><code>{e(result.sql.strip())}</code></pre></details>\n"
            f"</section>"
        )
    by = f" by {e(project.AUTHOR)}" if project.AUTHOR.strip() else ""
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
  <p>Missed appointments across eight fictional clinics in 2025: a {e(project.ROLE_TITLE)} portfolio project{by}.
  All numbers come from the SQL in <code>sql/</code>, run with DuckDB on synthetic data.</p>
</header>
<main>
{project.DISCLAIMER_HTML}
<div class="kpis">
{_kpis(results["01_overview"].first())}
</div>
<h2>What the data shows</h2>
<div class="grid">
{chr(10).join(cards)}
</div>
<h2>The SQL behind each chart</h2>
{_sql_table(results)}
<h2>Read with care</h2>
<ul class="limits">
{limits}
</ul>
<footer>
  Data: <code>{e(project.DATA_FILE)}</code> (sha256 <code>{e(data_sha256[:16])}</code>...), generated by
  {e(project.GENERATOR)} with seed {project.SEED}; documented in <code>data/datasheet.md</code>.
  Rebuild with <code>make dashboard</code>. Findings, limitations and the equity discussion: <code>findings.md</code>.
</footer>
</main>
</body>
</html>
"""
