"""Text output of ``prooflane posting`` for people."""

from __future__ import annotations

import textwrap

from scaffolder.career.posting import PostingReport


def _quote(sentence: str) -> str:
    return textwrap.shorten(sentence, width=110, placeholder=" ...")


def posting(report: PostingReport) -> str:
    """The posting report as plain text."""
    lines = [f"Job posting: {report.source}", ""]
    if report.lanes:
        lane, _, words = report.lanes[0]
        lines.append(f"Likeliest lane: {lane} (matched: {', '.join(words[:8])})")
        if len(report.lanes) > 1:
            lines.append("Also: " + ", ".join(f"{lane_} ({len(w)} word{'s' if len(w) != 1 else ''})" for lane_, _, w in report.lanes[1:4]))
    else:
        lines.append("Likeliest lane: unclear (none of the lane keywords appear)")
    if report.roles:
        lines += ["", "Closest roles:"]
        for match in report.roles[:3]:
            why = ", ".join(match.matched) or "the title"
            lines.append(f"  {match.title} [{match.role}]  matched: {why}")
    lines += ["", f"Green flags ({len(report.green)}):"]
    lines += [f"  + {h.label}: \u201c{_quote(h.sentence)}\u201d" for h in report.green] or ["  none found"]
    lines += ["", f"Red flags ({len(report.red)}):"]
    lines += [f"  - {h.label}: \u201c{_quote(h.sentence)}\u201d" for h in report.red] or ["  none found"]
    if report.questions:
        lines += ["", "Ask before applying (the posting leaves these unclear):"]
        lines += [f"  {i}. {q}" for i, q in enumerate(report.questions, start=1)]
    if report.background:
        lines += ["", f"Fit for your background: {report.fit}/3 ({report.fit_note})."]
    if report.project:
        lines += ["", f"The proof project that answers this posting best: {report.project['title']} "
                      f"({report.project['command']})."]
    return "\n".join(lines)
