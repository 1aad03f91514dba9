"""Baseline metrics from the event log: cycle time per step, the largest delay, escalation and rework rates.

Run ``python -m workflow_map.measure`` (or ``make metrics``) to write reports/metrics.json and
reports/baseline.md. Definitions (also printed in the report):

- wait = started - queued (the case sits in the step's queue); work = ended - started; cycle = wait + work.
- median is the middle value (the mean of the two middle values for an even count); p90 is the
  nearest-rank 90th percentile (the smallest value at or above 90% of the values).
- A case is escalated if any of its events has outcome ``escalated``; reworked if any has ``rework``.
- The largest source of delay is the step run by the organisation itself (staff, clinician or system)
  that holds the most case-hours (the sum of its cycle times). It is not called a bottleneck: the log
  has no staff capacity, so it cannot show that a step is short of people rather than batched or
  queued. Time with the patient or an outside organisation is reported separately.
- Escalation hand-off: for each escalated event, the time from the case reaching that step (for a
  text reply: when the reply arrived) to a person starting the next step.
- When the log has ``appointment_min`` (the booked visit), ``visit`` counts what happened before it.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from workflow_map.model import INTERNAL, MapError, WorkflowMap, load, lookup, tolerance

Event = dict[str, Any]
INT_COLUMNS = ("seq", "queued_min", "started_min", "ended_min", "staff_min")
OPTIONAL_INT_COLUMNS = ("appointment_min",)
PEOPLE_KINDS = ("staff", "clinician")


def read_events(path: Path | str) -> list[Event]:
    """The event log as a list of rows, with the minute columns as integers."""
    path = Path(path)
    if not path.is_file():
        raise MapError(f"{path} is missing; regenerate it with the `prooflane data` command in data/datasheet.md.")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = reader.fieldnames or []
    missing = [c for c in ("case_id", "case_type", "step_id", "outcome", *INT_COLUMNS) if c not in header]
    if missing or not rows:
        what = f"lacks the column(s) {', '.join(missing)}" if missing else "has no rows"
        raise MapError(f"{path} {what}; regenerate it with the `prooflane data` command in data/datasheet.md.")
    for line, row in enumerate(rows, start=2):
        for column in (*INT_COLUMNS, *(c for c in OPTIONAL_INT_COLUMNS if c in header)):
            try:
                row[column] = int(row[column])
            except (TypeError, ValueError):
                raise MapError(f"{path}, line {line}: {column} is {row[column]!r}, which is not a whole number of "
                               "minutes; fix the row or regenerate the file.") from None
    return rows


def p90(values: list[float]) -> float:
    """Nearest-rank 90th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _h(minutes: float) -> float:
    return round(minutes / 60, 2)


def compute(events: list[Event], wmap: WorkflowMap) -> dict[str, Any]:
    """Every baseline metric of the log, as plain JSON-ready data."""
    unknown = sorted({e["step_id"] for e in events} - set(wmap.state_steps("current")))
    if unknown:
        raise MapError(f"The event log has step ids that are not current-state steps of workflow.yaml: "
                       f"{', '.join(unknown)}; add them to the map or fix the log.")
    cases: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        cases[e["case_id"]].append(e)
    n_cases = len(cases)
    case_type = {cid: evs[0]["case_type"] for cid, evs in cases.items()}
    by_step: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_step[e["step_id"]].append(e)

    total_minutes = sum(e["ended_min"] - e["queued_min"] for e in events)
    steps: dict[str, Any] = {}
    for sid in wmap.state_steps("current"):
        evs = by_step.get(sid, [])
        if not evs:
            continue
        waits = [e["started_min"] - e["queued_min"] for e in evs]
        works = [e["ended_min"] - e["started_min"] for e in evs]
        cycles = [w + k for w, k in zip(waits, works, strict=True)]
        reached = {e["case_id"] for e in evs}
        reworked = {e["case_id"] for e in evs if e["outcome"] == "rework"}
        escalated = {e["case_id"] for e in evs if e["outcome"] == "escalated"}
        steps[sid] = {
            "name": wmap.steps[sid]["name"],
            "actor": wmap.steps[sid]["actor"],
            "internal": wmap.actor_kind(sid) in INTERNAL,
            "events": len(evs),
            "cases": len(reached),
            "case_share": round(len(reached) / n_cases, 4),
            "median_wait_h": _h(statistics.median(waits)),
            "p90_wait_h": _h(p90(waits)),
            "median_work_min": round(statistics.median(works), 1),
            "median_cycle_h": _h(statistics.median(cycles)),
            "p90_cycle_h": _h(p90(cycles)),
            "hours": round(sum(cycles) / 60, 1),
            "hours_share": round(sum(cycles) / total_minutes, 4) if total_minutes else 0.0,
            "rework_rate": round(len(reworked) / len(reached), 4),
            "escalation_rate": round(len(escalated) / len(reached), 4),
            "staff_min": sum(e["staff_min"] for e in evs),
        }
    internal = {sid: s for sid, s in steps.items() if s["internal"]}
    internal_minutes = sum(e["ended_min"] - e["queued_min"] for e in events if steps[e["step_id"]]["internal"])
    internal_wait = sum(e["started_min"] - e["queued_min"] for e in events if steps[e["step_id"]]["internal"])
    largest = max(internal, key=lambda sid: (internal[sid]["hours"], sid))
    for s in steps.values():
        s["internal_share"] = round(s["hours"] * 60 / internal_minutes, 4) if s["internal"] else None

    durations = {cid: max(e["ended_min"] for e in evs) for cid, evs in cases.items()}
    reworked_cases = {cid for cid, evs in cases.items() if any(e["outcome"] == "rework" for e in evs)}
    escalated_cases = {cid for cid, evs in cases.items() if any(e["outcome"] == "escalated" for e in evs)}

    to_step: dict[str, Any] = {}
    for sid in steps:
        firsts = []
        for evs in cases.values():
            ends = [e["ended_min"] for e in evs if e["step_id"] == sid]
            if ends:
                firsts.append(min(ends))
        to_step[sid] = {
            "median_h": _h(statistics.median(firsts)),
            "p90_h": _h(p90(firsts)),
            "within_48h": round(sum(1 for t in firsts if t <= 48 * 60) / len(firsts), 4),
        }

    by_type: dict[str, Any] = {}
    for name in sorted(set(case_type.values())):
        ids = [cid for cid, t in case_type.items() if t == name]
        step_rates: dict[str, Any] = {}
        for sid in steps:
            there = [cid for cid in ids if any(e["step_id"] == sid for e in cases[cid])]
            if there:
                step_rates[sid] = {
                    "cases": len(there),
                    "rework_rate": round(sum(any(e["step_id"] == sid and e["outcome"] == "rework"
                                                 for e in cases[cid]) for cid in there) / len(there), 4),
                    "escalation_rate": round(sum(any(e["step_id"] == sid and e["outcome"] == "escalated"
                                                     for e in cases[cid]) for cid in there) / len(there), 4),
                }
        by_type[name] = {
            "steps": step_rates,
            "cases": len(ids),
            "share": round(len(ids) / n_cases, 4),
            "median_end_to_end_h": _h(statistics.median(durations[cid] for cid in ids)),
            "rework_rate": round(sum(cid in reworked_cases for cid in ids) / len(ids), 4),
            "escalation_rate": round(sum(cid in escalated_cases for cid in ids) / len(ids), 4),
            "reached": {
                sid: round(sum(1 for cid in ids if any(e["step_id"] == sid for e in cases[cid])) / len(ids), 4)
                for sid in steps
            },
        }

    outside_minutes = total_minutes - internal_minutes
    metrics: dict[str, Any] = {
        "workflow": wmap.raw.get("workflow", ""),
        "title": wmap.title,
        "cases": n_cases,
        "events": len(events),
        "end_to_end": {
            "median_h": _h(statistics.median(durations.values())),
            "p90_h": _h(p90(list(durations.values()))),
        },
        "escalation_rate": round(len(escalated_cases) / n_cases, 4),
        "rework_rate": round(len(reworked_cases) / n_cases, 4),
        "first_pass_rate": round(1 - len(reworked_cases) / n_cases, 4),
        "staff_min_per_case": round(sum(e["staff_min"] for e in events) / n_cases, 2),
        "outside_share": round(outside_minutes / total_minutes, 4) if total_minutes else 0.0,
        "internal_wait_share": round(internal_wait / internal_minutes, 4) if internal_minutes else 0.0,
        "largest_delay": {
            "step": largest,
            "name": steps[largest]["name"],
            "hours_share": steps[largest]["hours_share"],
            "internal_share": steps[largest]["internal_share"],
            "median_wait_h": steps[largest]["median_wait_h"],
            "case_share": steps[largest]["case_share"],
        },
        "escalations": _escalations(cases),
        "steps": steps,
        "to_step": to_step,
        "by_case_type": by_type,
    }
    if all("appointment_min" in e for e in events):
        metrics["visit"] = _visit(cases, steps, wmap)
    metric = wmap.raw["success_metric"]
    metrics["success_metric"] = {
        "name": metric["name"],
        "metric": metric["metric"],
        "baseline": lookup(metrics, str(metric["metric"])),
        "target": metric["target"],
        "direction": metric["direction"],
    }
    return metrics


def _share_summary(waits: list[int]) -> dict[str, Any]:
    return {
        "cases": len(waits),
        "within_1h": round(sum(1 for w in waits if w <= 60) / len(waits), 4) if waits else None,
        "within_1h_count": sum(1 for w in waits if w <= 60),
        "median_h": _h(statistics.median(waits)) if waits else None,
        "fastest_h": _h(min(waits)) if waits else None,
    }


def _escalations(cases: dict[str, list[Event]]) -> dict[str, Any]:
    """How long an escalated case waits for a person: overall hand-off, and from arrival per step."""
    handoff: list[int] = []
    arrival: dict[str, list[int]] = defaultdict(list)
    for evs in cases.values():
        ordered = sorted(evs, key=lambda e: e["seq"])
        for here, after in itertools.pairwise(ordered):
            if here["outcome"] == "escalated":
                handoff.append(after["started_min"] - here["ended_min"])
                arrival[here["step_id"]].append(after["started_min"] - here["queued_min"])
    return {**_share_summary(handoff), "by_step": {sid: _share_summary(v) for sid, v in sorted(arrival.items())}}


def _visit(cases: dict[str, list[Event]], steps: dict[str, Any], wmap: WorkflowMap) -> dict[str, Any]:
    """What happened before each case's booked visit (``appointment_min``)."""
    people = {sid for sid in steps if wmap.actor_kind(sid) in PEOPLE_KINDS}

    def reached(evs: list[Event]) -> bool:
        return any(e["step_id"] in people and e["outcome"] != "rework" and e["ended_min"] < e["appointment_min"]
                   for e in evs[:-1] or evs)

    closed_after = sum(max(e["ended_min"] for e in evs) >= evs[0]["appointment_min"] for evs in cases.values())
    after = sum(1 for evs in cases.values() for e in sorted(evs, key=lambda e: e["seq"])[:-1]
                if e["step_id"] in people and e["started_min"] >= e["appointment_min"])
    without: dict[str, Any] = {}
    for sid in steps:
        ids = [cid for cid, evs in cases.items() if not any(e["step_id"] == sid for e in evs)]
        if ids:
            hit = sum(reached(sorted(cases[cid], key=lambda e: e["seq"])) for cid in ids)
            without[sid] = {"cases": len(ids), "reached_before_visit": round(hit / len(ids), 4),
                            "not_reached": len(ids) - hit}
    n = len(cases)
    not_reached = sum(not reached(sorted(evs, key=lambda e: e["seq"])) for evs in cases.values())
    return {
        "closed_after_visit": round(closed_after / n, 4),
        "closed_before_visit": round(1 - closed_after / n, 4),
        "not_reached_before_visit": not_reached,
        "person_steps_after_visit": after,
        "without_step": without,
    }


def mismatches(metrics: dict[str, Any], wmap: WorkflowMap) -> list[str]:
    """Numbers the map quotes that the log does not support (empty when they all match)."""
    found = []
    for where, key, quoted in wmap.quoted_numbers():
        try:
            actual = lookup(metrics, key)
        except KeyError:
            found.append(f"{where} quotes '{key}', which is not a metric this script computes.")
            continue
        if actual is None or abs(float(actual) - quoted) > tolerance(key) + 1e-9:
            found.append(f"{where} quotes {key} = {quoted:g}, but the event log gives {actual}.")
    return found


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _fmt(key: str, value: float) -> str:
    return _pct(value) if tolerance(key) < 0.01 else f"{value:g}"


def baseline_markdown(metrics: dict[str, Any], wmap: WorkflowMap, disclaimer: str) -> str:
    """The plain-language baseline report."""
    s = metrics["steps"]
    b = metrics["largest_delay"]
    e2e = metrics["end_to_end"]
    sm = wmap.raw["success_metric"]
    lines = [
        f"# Baseline: {wmap.title}",
        "",
        disclaimer,
        "",
        ("Written by `python -m workflow_map.measure` from `data/events.csv` and `workflow.yaml`; "
        "edit those and run `make metrics` again rather than editing this file."),
        "",
        "## In plain words",
        "",
        (f"Across {metrics['cases']:,} fictional cases ({metrics['events']:,} events), the median case took "
        f"{e2e['median_h']:.1f} hours from start to finish, and one case in ten took more than "
        f"{e2e['p90_h']:.1f} hours. "
        f"{_pct(metrics['outside_share'])} of all case-hours were spent with the patient or an outside organisation. "
        f"Of the time cases spent in the clinic's own hands, {_pct(metrics['internal_wait_share'])} was waiting "
        "in a queue rather than being worked on."),
        "",
        (f"The largest source of delay is **{b['name']}** (`{b['step']}`): {_pct(b['case_share'])} of cases pass "
        f"through it, the median wait there is {b['median_wait_h']:.1f} hours, and it holds "
        f"{_pct(b['internal_share'])} of the clinic's own case-hours. (The log has no staffing data, so it "
        "cannot say whether this is a capacity bottleneck or a queue created by batching.)"),
        "",
        (f"{_pct(metrics['escalation_rate'])} of cases were escalated to a person for clinical review, and "
        f"{_pct(metrics['rework_rate'])} needed at least one step done again (rework). Staff spent "
        f"{metrics['staff_min_per_case']:.1f} minutes of hands-on work per case on average."),
        "",
        *_visit_lines(metrics),
        *_escalation_lines(metrics, wmap),
        "## Success metric",
        "",
        "| Metric | Baseline (this log) | Target | Better when |",
        "|---|---:|---:|---|",
        (f"| {sm['name']} (`{sm['metric']}`) | {_fmt(sm['metric'], metrics['success_metric']['baseline'])} | "
        f"{_fmt(sm['metric'], float(sm['target']))} | {sm['direction']} |"),
        "",
        *_guardrail_lines(metrics, sm),
        "## Cycle time per step",
        "",
        ("| Step | Who | Cases | Median wait (h) | p90 wait (h) | Median work (min) | Median cycle (h) "
        "| p90 cycle (h) | Share of case-hours | Rework | Escalated |"),
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for sid, st in s.items():
        who = wmap.actors[st["actor"]]["name"] + ("" if st["internal"] else " (outside)")
        marker = " **(largest delay)**" if sid == b["step"] else ""
        lines.append(
            f"| {st['name']}{marker} | {who} | {st['cases']:,} | {st['median_wait_h']:.1f} | {st['p90_wait_h']:.1f} | "
            f"{st['median_work_min']:.0f} | {st['median_cycle_h']:.1f} | {st['p90_cycle_h']:.1f} | "
            f"{_pct(st['hours_share'])} | {_pct(st['rework_rate'])} | {_pct(st['escalation_rate'])} |"
        )
    lines += [
        "",
        "## By case type",
        "",
        "| Case type | Cases | Median end-to-end (h) | Rework | Escalated |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, t in metrics["by_case_type"].items():
        lines.append(f"| {name.replace('_', ' ')} | {t['cases']:,} | {t['median_end_to_end_h']:.1f} | "
                     f"{_pct(t['rework_rate'])} | {_pct(t['escalation_rate'])} |")
    problems = mismatches(metrics, wmap)
    lines += ["", "## Numbers quoted in workflow.yaml", ""]
    if problems:
        lines += ["These quoted numbers do not match the log; update workflow.yaml:", ""]
        lines += [f"- {p}" for p in problems]
    else:
        lines.append("Every number that workflow.yaml quotes (friction-point evidence and the success-metric "
                     "baseline) matches this log.")
    lines += [
        "",
        "## How these numbers are defined",
        "",
        ("- **Wait**: time from joining a step's queue to the start of work on it. **Work**: start to end. "
        "**Cycle**: wait plus work."),
        "- **Median**: the middle value. **p90**: the nearest-rank 90th percentile, so one case in ten is slower.",
        ("- **Escalated**: the case had at least one event with outcome `escalated` (sent to a person for "
        "clinical review). **Rework**: at least one event with outcome `rework` (a step had to be done again)."),
        ("- **Largest source of delay**: the step run by the clinic itself that holds the most case-hours. Time "
        "with the patient or an outside organisation is counted separately. It is not a capacity bottleneck "
        "unless staffing data shows the step is short of people."),
        ("- **Escalation hand-off**: for each escalated event, the time from the case reaching that step (for a "
        "text reply, when it arrived) to a person starting the next step."),
        ("- Times are minutes since the case opened; the log holds no calendar dates and no business-hours "
        "calendar, so hours here are elapsed hours."),
        "",
        "## Limits",
        "",
        ("- The log is synthetic: it was generated to contain the friction points the map describes, so it "
        "shows how to measure a workflow, not how any real clinic performs."),
        ("- A baseline from a log counts what was recorded. Work nobody logs (a quick hallway question, a "
        "sticky note) is invisible here and would need direct observation."),
        "",
    ]
    return "\n".join(lines)


def _guardrail_lines(metrics: dict[str, Any], sm: dict[str, Any]) -> list[str]:
    rows = []
    for guard in sm.get("guardrails") or []:
        says = guard.get("says", "") if isinstance(guard, dict) else str(guard)
        if isinstance(guard, dict) and "metric" in guard:
            try:
                value = _fmt(str(guard["metric"]), float(lookup(metrics, str(guard["metric"]))))
            except (KeyError, TypeError, ValueError):
                value = "not computed by this script"
            rows.append(f"| {says} | {value} (`{guard['metric']}`) |")
        else:
            rows.append(f"| {says} | not measurable from this log (audit it) |")
    if not rows:
        return []
    return ["Guardrails (the change only counts if these hold):", "", "| Guardrail | Baseline in this log |",
            "|---|---|", *rows, ""]


def _visit_lines(metrics: dict[str, Any]) -> list[str]:
    v = metrics.get("visit")
    if not v:
        return []
    return [
        "## Before the visit",
        "",
        (f"{v['not_reached_before_visit']:,} cases ({_pct(v['not_reached_before_visit'] / metrics['cases'])}) "
        f"had no completed contact with a person before the booked visit, and {_pct(v['closed_after_visit'])} "
        f"were closed only after it. Steps done by a person after the visit (other than closing the case): "
        f"{v['person_steps_after_visit']:,}."),
        "",
        "| Cases that never reached this step | Cases | Reached by a person before the visit | Not reached |",
        "|---|---:|---:|---:|",
        *(f"| {sid} | {w['cases']:,} | {_pct(w['reached_before_visit'])} | {w['not_reached']:,} |"
          for sid, w in v["without_step"].items()),
        "",
    ]


def _escalation_lines(metrics: dict[str, Any], wmap: WorkflowMap) -> list[str]:
    esc = metrics["escalations"]
    if not esc["cases"]:
        return []
    lines = [
        "## Escalations: how long until a person acts",
        "",
        (f"{esc['within_1h_count']} of {esc['cases']} escalated cases had a person start on them within 1 hour of "
        f"being flagged (median hand-off {esc['median_h']:.1f} h)."),
        "",
        "| Escalated at | Cases | Reached a person within 1 h of arriving | Median (h) | Fastest (h) |",
        "|---|---:|---:|---:|---:|",
    ]
    for sid, row in esc["by_step"].items():
        lines.append(f"| {wmap.steps[sid]['name']} | {row['cases']} | {row['within_1h_count']} "
                     f"({_pct(row['within_1h'])}) | {row['median_h']:.1f} | {row['fastest_h']:.1f} |")
    return [*lines, ""]


def write_reports(root: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Compute the metrics for the project at ``root`` and write metrics.json and baseline.md."""
    from workflow_map.project import DISCLAIMER_MD

    wmap = load(root / "workflow.yaml")
    metrics = compute(read_events(root / "data" / "events.csv"), wmap)
    report = baseline_markdown(metrics, wmap, DISCLAIMER_MD)
    out = out_dir or root / "reports"
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    (out / "baseline.md").write_text(report, encoding="utf-8")
    return metrics


def main(argv: list[str] | None = None) -> int:
    """Command line: write the baseline report and say where it went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: here)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    try:
        metrics = write_reports(args.root, args.out)
    except MapError as exc:
        print(exc, file=sys.stderr)  # nothing was written: the report is built before it is saved
        return 1
    out = args.out or args.root / "reports"
    b = metrics["largest_delay"]
    print(f"Wrote {out / 'baseline.md'} and {out / 'metrics.json'}: {metrics['cases']:,} cases, "
          f"largest delay {b['step']} ({100 * b['internal_share']:.0f}% of the clinic's case-hours), "
          f"escalation {100 * metrics['escalation_rate']:.1f}%, rework {100 * metrics['rework_rate']:.1f}%.")
    wmap = load(args.root / "workflow.yaml")
    for problem in mismatches(metrics, wmap):
        print(f"Note: {problem}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
