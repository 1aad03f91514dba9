"""Two inline SVG charts (no plotting library, so the report is offline and byte-identical): PPV and NPV
across prevalence, and a forest plot of sensitivity by subgroup."""

from __future__ import annotations

from html import escape
from typing import Any

import stats

W, H = 640, 340
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 30, 50


def _f(v: float) -> str:
    return f"{v:.1f}"


def ppv_chart(se: float, sp: float, se_lo: float, sp_lo: float, se_hi: float, sp_hi: float,
              low: float, high: float, sites: dict[str, float], local: float) -> str:
    """PPV and NPV as the prevalence runs from ``low`` to ``high``, with a band for the interval ends."""
    xs = [low + (high - low) * i / 80 for i in range(81)]
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(p: float) -> float:
        return LEFT + (p - low) / (high - low) * pw

    def y(v: float) -> float:
        return TOP + (1 - v) * ph

    def line(values: list[float]) -> str:
        return " ".join(f"{_f(x(p))},{_f(y(v))}" for p, v in zip(xs, values))

    ppv = [stats.ppv(se, sp, p) for p in xs]
    npv = [stats.npv(se, sp, p) for p in xs]
    band_lo = [stats.ppv(se_lo, sp_lo, p) for p in xs]
    band_hi = [stats.ppv(se_hi, sp_hi, p) for p in xs]
    band = line(band_hi) + " " + " ".join(f"{_f(x(p))},{_f(y(v))}" for p, v in reversed(list(zip(xs, band_lo))))
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
             'aria-label="PPV and NPV across prevalence">'),
             f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="#fff" stroke="#999"/>']
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{_f(y(v))}" y2="{_f(y(v))}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{_f(y(v) + 4)}" text-anchor="end" font-size="11">{v:.2f}</text>')
    for i in range(6):
        p = low + (high - low) * i / 5
        parts.append(f'<text x="{_f(x(p))}" y="{TOP + ph + 16}" text-anchor="middle" font-size="11">{p:.0%}</text>')
    parts.append(f'<text x="{LEFT + pw / 2}" y="{H - 10}" text-anchor="middle" font-size="12">prevalence (share of studies with a finding)</text>')
    parts.append(f'<polygon points="{band}" fill="#1f5fa8" fill-opacity="0.15" stroke="none"/>')
    parts.append(f'<polyline points="{line(ppv)}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>')
    parts.append(f'<polyline points="{line(npv)}" fill="none" stroke="#b35900" stroke-width="2.5" stroke-dasharray="6 4"/>')
    for name, prevalence in sorted(sites.items()):
        if low <= prevalence <= high:
            v = stats.ppv(se, sp, prevalence)
            parts.append(f'<circle cx="{_f(x(prevalence))}" cy="{_f(y(v))}" r="4" fill="#1f5fa8"/>')
            anchor = "end" if x(prevalence) > LEFT + 0.8 * pw else "start"
            dx = -6 if anchor == "end" else 6
            parts.append(f'<text x="{_f(x(prevalence) + dx)}" y="{_f(y(v) + 14)}" font-size="11" '
                         f'text-anchor="{anchor}">Site {escape(name)}</text>')
    if low <= local <= high:
        parts.append(f'<line x1="{_f(x(local))}" x2="{_f(x(local))}" y1="{TOP}" y2="{TOP + ph}" stroke="#555" stroke-dasharray="2 3"/>')
    parts.append(f'<text x="{LEFT + pw - 8}" y="{TOP + ph - 30}" font-size="12" fill="#1f5fa8" text-anchor="end">'
                 'PPV (band: from the interval ends)</text>')
    parts.append(f'<text x="{LEFT + pw - 8}" y="{TOP + ph - 14}" font-size="12" fill="#b35900" text-anchor="end">'
                 'NPV (dashed); dotted line: local prevalence</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def forest(rows: list[dict[str, Any]], title: str) -> str:
    """Sensitivity with its interval for each subgroup; groups too small to judge are drawn grey."""
    row_h = 22
    height = TOP + row_h * len(rows) + 40
    label_w = 230
    pw = W - label_w - RIGHT

    def x(v: float) -> float:
        return label_w + v * pw

    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" width="{W}" height="{height}" role="img" '
             f'aria-label="{escape(title)}">'), f'<text x="4" y="16" font-size="12" font-weight="bold">{escape(title)}</text>']
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{_f(x(v))}" x2="{_f(x(v))}" y1="{TOP - 6}" y2="{TOP + row_h * len(rows)}" stroke="#ddd"/>')
        parts.append(f'<text x="{_f(x(v))}" y="{TOP + row_h * len(rows) + 16}" text-anchor="middle" font-size="11">{v:.2f}</text>')
    for i, r in enumerate(rows):
        cy = TOP + row_h * i + row_h / 2
        se = r["se"]
        colour = "#1f5fa8" if r["judged"] else "#999"
        parts.append(f'<text x="4" y="{_f(cy + 4)}" font-size="11">{escape(r["column"])}: {escape(r["group"])} '
                     f'(n+={r["positives"]})</text>')
        if se["n"]:
            parts.append(f'<line x1="{_f(x(se["lo"]))}" x2="{_f(x(se["hi"]))}" y1="{_f(cy)}" y2="{_f(cy)}" stroke="{colour}" stroke-width="2"/>')
            parts.append(f'<rect x="{_f(x(se["p"]) - 4)}" y="{_f(cy - 4)}" width="8" height="8" fill="{colour}"/>')
    parts.append(f'<text x="{label_w + pw / 2}" y="{height - 6}" text-anchor="middle" font-size="12">sensitivity (95% interval; grey: too few positives to judge)</text>')
    parts.append("</svg>")
    return "\n".join(parts)
