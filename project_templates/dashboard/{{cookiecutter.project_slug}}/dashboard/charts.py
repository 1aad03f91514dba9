"""Static charts (PNG, matplotlib Agg) for the dashboard, one per analysis query.

Every chart follows the same house style: a plain title that states the measure, a grey subtitle
with the population and denominator, value labels on the marks, and a source line naming the data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard.queries import QueryResult

INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#e4e7eb"
PRIMARY = "#1f6f8b"
HIGHLIGHT = "#c8553d"
NEUTRAL = "#9aa5b1"
SOFT = "#99c1d0"

WIDTH, HEIGHT, DPI = 8.0, 4.2, 150


def _style() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.edgecolor": NEUTRAL,
        "axes.labelcolor": MUTED,
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.titlecolor": INK,
        "axes.titlelocation": "left",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "svg.hashsalt": "dashboard",
    })


def _figure(title: str, subtitle: str, source: str, ncols: int = 1) -> tuple[Any, Any]:
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, ncols, figsize=(WIDTH, HEIGHT), dpi=DPI)
    fig.subplots_adjust(left=0.09, right=0.97, top=0.80, bottom=0.17, wspace=0.35)
    fig.text(0.09 if ncols == 1 else 0.02, 0.94, title, fontsize=13, fontweight="bold", color=INK)
    fig.text(0.09 if ncols == 1 else 0.02, 0.885, subtitle, fontsize=9.5, color=MUTED)
    fig.text(0.99, 0.015, source, fontsize=7.5, color=NEUTRAL, ha="right")
    return fig, axes


def _pct_axis(ax: Any, top: float) -> None:
    ax.set_ylim(0, max(5.0, top * 1.22))
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)


def _reference_line(ax: Any, value: float, label: str, values: list[float]) -> None:
    """A dashed reference line behind the bars, named in a legend placed away from the tallest bar."""
    ax.axhline(value, color=MUTED, linestyle="--", linewidth=1, zorder=0.5, label=label)
    tallest = values.index(max(values))
    ax.legend(loc="upper right" if tallest < len(values) / 2 else "upper left", frameon=False, fontsize=8.5)


def _save(fig: Any, path: Path) -> Path:
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)
    return path


def _rate_bars(ax: Any, labels: list[str], rows: list[dict[str, Any]], colors: Any) -> list[float]:
    """Bars of ``no_show_pct`` with their 95% Wilson intervals as error bars; value labels at the foot."""
    values = [float(r["no_show_pct"]) for r in rows]
    low = [v - float(r["ci95_low"]) for v, r in zip(values, rows, strict=True)]
    high = [float(r["ci95_high"]) - v for v, r in zip(values, rows, strict=True)]
    ax.bar(range(len(rows)), values, color=colors, width=0.62, yerr=[low, high],
           error_kw={"ecolor": INK, "elinewidth": 1, "capsize": 4})
    ax.set_xticks(range(len(rows)), labels)
    _pct_axis(ax, max(float(r["ci95_high"]) for r in rows) / 1.1)
    for i, value in enumerate(values):
        ax.annotate(f"{value:.1f}%", (i, 0), xytext=(0, 5), textcoords="offset points", ha="center",
                    fontsize=9, fontweight="bold", color="white")
    return values


def lead_time(result: QueryResult, overall: float, source: str, path: Path) -> Path:
    """No-show rate by booking lead-time band (95% intervals), with the overall rate as a reference line."""
    rows = result.records()
    labels = [f"{r['lead_time_band']}\n(n={r['appointments']:,})" for r in rows]
    colors = [NEUTRAL if r["lead_time_band"] == "same day" else PRIMARY for r in rows]
    fig, ax = _figure(
        "Missed appointments rise with booking lead time",
        "No-show rate with 95% interval, by days from booking to visit; same-day bookings (grey) get no reminder",
        source,
    )
    values = _rate_bars(ax, labels, rows, colors)
    _reference_line(ax, overall, f"all appointments: {overall:.1f}%", values)
    return _save(fig, path)


def reminders(result: QueryResult, source: str, path: Path) -> Path:
    """No-show rate by reminder channel (95% intervals) among appointments booked a day or more ahead."""
    rows = result.records()
    names = {"none": "No reminder", "email": "Email", "sms": "Text (SMS)", "phone": "Phone call"}
    labels = [f"{names.get(r['reminder_channel'], r['reminder_channel'])}\n(n={r['appointments']:,})" for r in rows]
    colors = [NEUTRAL if r["reminder_channel"] == "none" else PRIMARY for r in rows]
    fig, ax = _figure(
        "Reminded appointments are missed less often",
        "No-show rate with 95% interval by reminder channel, appointments booked 1+ days ahead", source,
    )
    _rate_bars(ax, labels, rows, colors)
    return _save(fig, path)


def weekday(result: QueryResult, overall: float, source: str, path: Path) -> Path:
    """No-show rate by weekday (95% intervals); the highest day is highlighted."""
    rows = result.records()
    labels = [f"{r['weekday']}\n(n={r['appointments']:,})" for r in rows]
    colors = [HIGHLIGHT if r["rank_highest"] == 1 else PRIMARY for r in rows]
    fig, ax = _figure(
        "No-show rate by day of the week",
        "No-show rate with 95% interval, all appointments (clinics open Monday to Friday); highest day in red",
        source,
    )
    values = _rate_bars(ax, labels, rows, colors)
    _reference_line(ax, overall, f"all days: {overall:.1f}%", values)
    return _save(fig, path)


def equity(result: QueryResult, source: str, path: Path) -> Path:
    """Two panels: distance bands (in person) and preferred language, each rate with its 95% interval."""
    rows = result.records()
    panels = [
        ("Travel distance (in-person visits)", [r for r in rows if r["dimension"] == "Distance (in person)"]),
        ("Preferred language", [r for r in rows if r["dimension"] == "Preferred language"]),
    ]
    fig, axes = _figure(
        "Gaps by travel distance and preferred language",
        "No-show rate with 95% interval; small groups have wide intervals. An equity view, not a patient ranking.",
        source, ncols=2,
    )
    top = max(float(r["ci95_high"]) for r in rows)
    for ax, (title, group) in zip(axes, panels, strict=True):
        labels = [f"{r['group'].replace(' ', chr(10)) if ' km' not in r['group'] else r['group']}\n"
                  f"(n={r['appointments']:,})" for r in group]
        values = [float(r["no_show_pct"]) for r in group]
        low = [v - float(r["ci95_low"]) for v, r in zip(values, group, strict=True)]
        high = [float(r["ci95_high"]) - v for v, r in zip(values, group, strict=True)]
        colors = [SOFT if i == 0 else PRIMARY for i in range(len(group))]
        ax.bar(range(len(group)), values, color=colors, width=0.62, yerr=[low, high],
               error_kw={"ecolor": MUTED, "elinewidth": 1, "capsize": 3})
        for i, value in enumerate(values):
            ax.annotate(f"{value:.1f}%", (i, 0), xytext=(0, 5), textcoords="offset points", ha="center",
                        fontsize=7.5, fontweight="bold", color=INK if i == 0 else "white")
        ax.set_xticks(range(len(group)), labels, fontsize=7.5)
        ax.set_title(title, fontsize=10, pad=6)
        _pct_axis(ax, top / 1.1)
    return _save(fig, path)


def wait_times(result: QueryResult, source: str, path: Path) -> Path:
    """Median wait after check-in by clinic (bars) with the 90th percentile (markers)."""
    rows = list(reversed(result.records()))
    labels = [r["clinic"] for r in rows]
    medians = [float(r["median_wait_minutes"]) for r in rows]
    p90 = [float(r["p90_wait_minutes"]) for r in rows]
    colors = [HIGHLIGHT if r["rank_longest"] == 1 else PRIMARY for r in rows]
    fig, ax = _figure(
        "Waiting time after check-in, by clinic",
        "Median minutes (bar) and 90th percentile (dot), attended visits only", source,
    )
    fig.subplots_adjust(left=0.31)
    ax.barh(labels, medians, color=colors, height=0.6)
    ax.scatter(p90, labels, color=INK, s=18, zorder=3)
    for y, (m, p) in enumerate(zip(medians, p90, strict=True)):
        ax.annotate(f"{m:.0f} min", (m, y), xytext=(-5 if m > 8 else 4, 0), textcoords="offset points",
                    va="center", fontsize=8.5, fontweight="bold", color="white" if m > 8 else INK,
                    ha="right" if m > 8 else "left")
        ax.annotate(f"{p:.0f}", (p, y), xytext=(6, 0), textcoords="offset points", va="center", fontsize=8, color=MUTED)
    ax.set_xlim(0, max(p90) * 1.15)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}")
    ax.set_xlabel("minutes")
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", labelsize=8.5)
    return _save(fig, path)


def clinic_comparison(result: QueryResult, source: str, path: Path) -> Path:
    """Observed no-show rate per clinic against the rate expected from its lead-time mix."""
    rows = list(reversed(result.records()))
    labels = [r["clinic"] for r in rows]
    observed = [float(r["observed_pct"]) for r in rows]
    expected = [float(r["expected_pct"]) for r in rows]
    fig, ax = _figure(
        "Observed vs expected from lead time alone",
        "Expected = each band's all-clinic rate applied to the clinic's mix; line = 95% interval of observed/expected",
        source,
    )
    fig.subplots_adjust(left=0.31)
    low_ci = [e * float(r["ratio_ci95_low"]) for e, r in zip(expected, rows, strict=True)]
    high_ci = [e * float(r["ratio_ci95_high"]) for e, r in zip(expected, rows, strict=True)]
    for y, (lo, hi) in enumerate(zip(low_ci, high_ci, strict=True)):
        ax.plot([lo, hi], [y, y], color=SOFT, linewidth=2, zorder=1)
    ax.scatter(expected, labels, color=NEUTRAL, s=36, zorder=2, marker="D", label="expected from lead time")
    ax.scatter(observed, labels, color=PRIMARY, s=36, zorder=3, label="observed (with 95% interval)")
    for y, (o, r) in enumerate(zip(observed, rows, strict=True)):
        ax.annotate(f"{o:.1f}%  O/E {float(r['observed_to_expected']):.2f}", (o, y), xytext=(0, 7),
                    textcoords="offset points", ha="center", fontsize=7.5, color=INK)
    low, high = min(low_ci + expected), max(high_ci + expected)
    ax.set_xlim(max(0.0, low - 4), high + 4)
    from matplotlib.ticker import MultipleLocator

    ax.xaxis.set_major_locator(MultipleLocator(5))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", labelsize=8.5)
    fig.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=2)
    return _save(fig, path)


def within_clinic(result: QueryResult, source: str, path: Path) -> Path:
    """Per clinic: no-show rate for bookings within 14 days against more than 30 days ahead, with 95% intervals."""
    rows = [r for r in result.records() if r["short_ci95_low"] is not None]
    rows = list(reversed(rows))
    fig, ax = _figure(
        "Lead time and missed appointments, clinic by clinic",
        "No-show rate with 95% interval: booked within 14 days (grey) vs more than 30 days ahead (blue), per clinic",
        source,
    )
    fig.subplots_adjust(left=0.31)
    for y, r in enumerate(rows):
        short, long = float(r["short_no_show_pct"]), float(r["long_no_show_pct"])
        ax.plot([short, long], [y, y], color=GRID, linewidth=3, zorder=1)
        ax.errorbar(short, y, xerr=[[short - float(r["short_ci95_low"])], [float(r["short_ci95_high"]) - short]],
                    fmt="o", color=NEUTRAL, ecolor=NEUTRAL, elinewidth=1, capsize=3, zorder=2,
                    label="booked within 14 days" if y == 0 else None)
        ax.errorbar(long, y + 0.18, xerr=[[long - float(r["long_ci95_low"])], [float(r["long_ci95_high"]) - long]],
                    fmt="o", color=PRIMARY, ecolor=PRIMARY, elinewidth=1, capsize=3, zorder=3,
                    label="booked more than 30 days ahead" if y == 0 else None)
    ax.set_yticks(range(len(rows)), [r["clinic"] for r in rows])
    ax.set_xlim(0, max(float(r["long_ci95_high"]) for r in rows) * 1.08)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", labelsize=8.5)
    fig.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0.02, 0.0), ncol=2)
    return _save(fig, path)


def monthly(result: QueryResult, source: str, path: Path) -> Path:
    """A p-chart: the monthly no-show rate, the year's centre line and each month's 3-sigma limits."""
    rows = result.records()
    x = list(range(len(rows)))
    rates = [float(r["no_show_pct"]) for r in rows]
    lower = [float(r["lower_limit_pct"]) for r in rows]
    upper = [float(r["upper_limit_pct"]) for r in rows]
    centre = float(rows[0]["centre_pct"])
    fig, ax = _figure(
        "Monthly no-show rate (p-chart)",
        "Centre line = the year's rate; dashed = 3-sigma limits for each month's number of appointments", source,
    )
    ax.step(x, upper, where="mid", color=MUTED, linestyle="--", linewidth=1, label="control limits")
    ax.step(x, lower, where="mid", color=MUTED, linestyle="--", linewidth=1)
    ax.axhline(centre, color=NEUTRAL, linewidth=1.2, label=f"centre line: {centre:.1f}%")
    ax.plot(x, rates, color=PRIMARY, linewidth=1.8, marker="o", markersize=5, zorder=3, label="monthly rate")
    outside = [i for i, r in enumerate(rows) if r["signal"] != "inside"]
    if outside:
        ax.scatter([x[i] for i in outside], [rates[i] for i in outside], color=HIGHLIGHT, s=60, zorder=4,
                   label="outside the limits")
    ax.set_xticks(x, [str(r["month"]) for r in rows], fontsize=8, rotation=0)
    ax.set_ylim(0, max(upper + rates) * 1.25)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v:.0f}%")
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.legend(frameon=False, fontsize=8, loc="upper left", ncol=4)
    return _save(fig, path)


# Chart file name -> (query it draws, drawing function). The page shows them in this order.
CHARTS: dict[str, tuple[str, Callable[..., Path]]] = {
    "no_show_by_lead_time.png": ("02_no_show_by_lead_time", lead_time),
    "reminders.png": ("03_reminders", reminders),
    "weekday.png": ("04_weekday", weekday),
    "equity_distance_language.png": ("05_equity_distance_language", equity),
    "wait_times_by_clinic.png": ("06_wait_times_by_clinic", wait_times),
    "clinic_comparison.png": ("07_clinic_comparison", clinic_comparison),
    "lead_time_within_clinic.png": ("08_lead_time_within_clinic", within_clinic),
    "monthly_trend.png": ("09_monthly_trend", monthly),
}


def draw_all(results: dict[str, QueryResult], out_dir: Path, source: str) -> dict[str, Path]:
    """Draw every chart into ``out_dir``; returns chart file name -> path."""
    _style()
    overall = float(results["01_overview"].first()["no_show_pct"])
    drawn: dict[str, Path] = {}
    for name, (query, draw) in CHARTS.items():
        target = out_dir / name
        if draw in (lead_time, weekday):
            drawn[name] = draw(results[query], overall, source, target)
        else:
            drawn[name] = draw(results[query], source, target)
    return drawn
