"""An event log of one fictional clinic workflow (current state), for cycle-time and bottleneck analysis.

One row per step a case went through: who did it, through which channel, when the case joined the
step's queue, when work started and ended (minutes since the case opened: no calendar dates), the
outcome (``done``, ``rework`` when the step had to be done again, ``escalated`` when the case went to a
person for clinical review) and the staff minutes spent. ``rows`` is the number of cases; each case
has several events. The workflows and their planted effects are described in
:mod:`synthetic.workflows`.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from collections import defaultdict
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

from synthetic.identifiers import fake_id
from synthetic.rng import make_rng
from synthetic.table import Table
from synthetic.workflows import WORKFLOWS, Workflow

GENERATOR_VERSION = "1.1.0"
SUMMARY = (
    "Event log of one fictional clinic workflow (rows = cases, several events each): steps, actors, "
    "queue and work minutes, rework and escalations, with a planted bottleneck."
)
OPTIONS: dict[str, tuple[str, ...]] = {"workflow": tuple(WORKFLOWS)}
COLUMNS = (
    "case_id", "case_type", "seq", "step_id", "actor", "channel",
    "queued_min", "started_min", "ended_min", "outcome", "staff_min",
)
OUTCOMES = ("done", "rework", "escalated")
APPOINTMENT_COLUMN = "appointment_min"
_Z90 = NormalDist().inv_cdf(0.9)


@dataclass
class EventLog(Table):
    """The event table, remembering the seed and workflow it was made with (for :func:`facts`)."""

    seed: int = 0
    workflow: str = ""


def columns(workflow: str) -> tuple[str, ...]:
    """The log's columns for ``workflow``: workflows with a booked visit add ``appointment_min``."""
    return (*COLUMNS, APPOINTMENT_COLUMN) if WORKFLOWS[workflow].appointment is not None else COLUMNS


def shuffle(rng: random.Random, items: list) -> None:
    """Fisher-Yates shuffle in place, using only ``rng.random()`` (stable across Python versions)."""
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        items[i], items[j] = items[j], items[i]


def stratified_pool(rng: random.Random, n: int, median: float, p90: float, minimum: int = 0) -> list[int]:
    """``n`` whole-minute values at evenly spaced quantiles of a log-normal, in shuffled order.

    The set of values depends only on ``n``, ``median`` and ``p90``, so the pool's median and
    percentiles are the same for every seed; the seed only decides the order.
    """
    if n <= 0:
        return []
    if median <= 0:
        values = [minimum] * n
    else:
        sigma = math.log(p90 / median) / _Z90 if p90 > median else 0.0
        dist = NormalDist()
        values = [max(minimum, round(median * math.exp(sigma * dist.inv_cdf((i + 0.5) / n)))) for i in range(n)]
    shuffle(rng, values)
    return values


def _case_types(rng: random.Random, workflow: Workflow, n: int) -> list[str]:
    """Case types in exact proportions (largest remainder), shuffled."""
    raw = [(name, share * n) for name, share in workflow.case_types]
    counts = {name: int(value) for name, value in raw}
    order = sorted(raw, key=lambda t: (-(t[1] - int(t[1])), t[0]))
    for name, _ in order[: n - sum(counts.values())]:
        counts[name] += 1
    types = [name for name, _ in workflow.case_types for _ in range(counts[name])]
    shuffle(rng, types)
    return types


def _flags(seed: int, workflow: Workflow, types: list[str]) -> list[dict[str, bool]]:
    """Every case's route flags, each given to an exact share of the eligible cases per type."""
    flags: list[dict[str, bool]] = [{f.name: False for f in workflow.flags} for _ in types]
    for flag in workflow.flags:
        rng = make_rng(seed, "workflow-events", workflow.id, "flag", flag.name)
        for case_type in dict.fromkeys(types if "*" in flag.share else flag.share):
            share = flag.share.get(case_type, flag.share.get("*", 0.0))
            eligible = [
                i for i, t in enumerate(types)
                if t == case_type
                and all(flags[i][r] for r in flag.requires)
                and not any(flags[i][x] for x in flag.excludes)
            ]
            shuffle(rng, eligible)
            for i in eligible[: int(share * len(eligible) + 0.5)]:
                flags[i][flag.name] = True
    return flags


def generate(seed: int, rows: int, workflow: str = "appointment-reminders") -> EventLog:
    """The event log of ``rows`` fictional cases of ``workflow``."""
    if workflow not in WORKFLOWS:
        raise ValueError(f"workflow must be one of {', '.join(WORKFLOWS)}")
    if rows < 1:
        raise ValueError("rows (the number of cases) must be at least 1")
    spec = WORKFLOWS[workflow]
    types = _case_types(make_rng(seed, "workflow-events", workflow, "types"), spec, rows)
    flags = _flags(seed, spec, types)
    routes = [[(e[0], e[1], e[2] if len(e) > 2 else "default") for e in spec.route(t, f)]
              for t, f in zip(types, flags)]

    # Draw wait and work times from one stratified pool per (step, timing variant).
    counts: dict[tuple[str, str], int] = {}
    for route in routes:
        for step, _, variant in route:
            counts[(step, variant)] = counts.get((step, variant), 0) + 1
    pools: dict[tuple[str, str, str], list[int]] = {}
    for (step, variant), n in sorted(counts.items()):
        st = spec.steps[step]
        timing = st.timing.get(variant, st.timing["default"])
        rng = make_rng(seed, "workflow-events", workflow, "pool", step, variant)
        pools[(step, variant, "wait")] = stratified_pool(rng, n, *timing.wait)
        works = stratified_pool(rng, n, *timing.work, minimum=1 if st.staff else 0)
        if timing.longest_work is not None:
            works = [min(w, int(timing.longest_work)) for w in works]
        pools[(step, variant, "work")] = works

    durations: list[list[list[int]]] = []  # per case, per event: [wait, work]
    for route in routes:
        durations.append([[pools[(s, v, "wait")].pop(), pools[(s, v, "work")].pop()] for s, _, v in route])

    if spec.milestone is not None:
        _apply_milestone(seed, spec, routes, durations)

    visit = spec.appointment
    visits = (stratified_pool(make_rng(seed, "workflow-events", workflow, "appointment"), rows, *visit.timing)
              if visit is not None else [])
    out: list[tuple] = []
    for index, (case_type, route, times) in enumerate(zip(types, routes, durations)):
        case_id = fake_id("CASE", index + 1)
        clock, seq, too_late = 0, 0, False
        for (step, outcome, _), (wait, work) in zip(route, times):
            st = spec.steps[step]
            if visit is not None:
                at = visits[index]
                if too_late and step != visit.closing_step:
                    continue
                if step in visit.before_visit and clock + wait >= at:
                    too_late = True  # the visit has passed: this step and the follow-up it leads to are not done
                    continue
                if too_late and clock < at:
                    clock = at  # the case waits for the visit to pass, then is closed (queued at the visit time)
            seq += 1
            started = clock + wait
            ended = started + work
            channel = st.channel_by_type.get(case_type, st.channel)
            row = (case_id, case_type, seq, step, st.actor, channel, clock, started, ended, outcome,
                   work if st.staff else 0)
            out.append((*row, visits[index]) if visit is not None else row)
            clock = ended
    return EventLog("workflow_events", columns(workflow), out, seed=seed, workflow=workflow)


def _apply_milestone(seed: int, spec: Workflow, routes: list, durations: list) -> None:
    """Rescale each case's times before the milestone step so that the case reaches it at a pooled time."""
    assert spec.milestone is not None
    target_step = spec.milestone.step
    reaching = [i for i, route in enumerate(routes) if any(s == target_step for s, _, _ in route)]
    rng = make_rng(seed, "workflow-events", spec.id, "milestone")
    totals = stratified_pool(rng, len(reaching), *spec.milestone.timing)
    for case, total in zip(reaching, totals):
        route, times = routes[case], durations[case]
        end = next(k for k, (s, _, _) in enumerate(route) if s == target_step)
        fixed = 0
        scalable: list[tuple[int, int]] = []  # (event, 0 = wait / 1 = work)
        for k in range(end + 1):
            scalable.append((k, 0))
            if spec.steps[route[k][0]].staff:
                fixed += times[k][1]
            else:
                scalable.append((k, 1))
        budget = max(0, total - fixed)
        current = sum(times[k][j] for k, j in scalable)
        assigned = 0
        for k, j in scalable:
            value = budget * times[k][j] // current if current else 0
            times[k][j] = value
            assigned += value
        times[end][0] += budget - assigned  # the remainder waits at the milestone step itself


def describe(workflow: str) -> dict[str, Any]:
    """The generator's settings for one workflow, for its datasheet: case types, route flags, step timings."""
    spec = WORKFLOWS[workflow]

    def hours(minutes: float) -> float:
        return round(minutes / 60, 1)

    return {
        "id": spec.id,
        "title": spec.title,
        "case_types": [{"name": n, "share": share, "note": spec.case_type_notes.get(n, "")} for n, share in spec.case_types],
        "flags": [
            {
                "name": f.name,
                "meaning": f.meaning,
                "shares": ", ".join(f"{t.replace('_', ' ') if t != '*' else 'every type'} {round(100 * v)}%"
                                    for t, v in f.share.items()),
                "among": " and ".join([*(f"with '{r}'" for r in f.requires), *(f"without '{x}'" for x in f.excludes)]),
            }
            for f in spec.flags
        ],
        "steps": [
            {
                "id": sid,
                "actor": st.actor,
                "channel": st.channel,
                "staff": st.staff,
                "timings": [
                    {"variant": name, "wait_median_h": hours(t.wait[0]), "wait_p90_h": hours(t.wait[1]),
                     "work_median_min": t.work[0], "work_p90_min": t.work[1]}
                    for name, t in st.timing.items()
                ],
            }
            for sid, st in spec.steps.items()
        ],
        "appointment": None if spec.appointment is None else {
            "median_h": hours(spec.appointment.timing[0]),
            "p90_h": hours(spec.appointment.timing[1]),
            "before_visit": list(spec.appointment.before_visit),
        },
        "milestone": None if spec.milestone is None else {
            "step": spec.milestone.step,
            "median_h": hours(spec.milestone.timing[0]),
            "p90_h": hours(spec.milestone.timing[1]),
        },
    }


def _median_h(values: list[int]) -> float:
    return round(statistics.median(values) / 60, 2)


def _p90(values: list[int]) -> int:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _within(waits: list[int]) -> dict[str, Any]:
    return {
        "cases": len(waits),
        "within_1h": round(sum(1 for w in waits if w <= 60) / len(waits), 4) if waits else None,
        "within_1h_count": sum(1 for w in waits if w <= 60),
        "median_h": _median_h(waits) if waits else None,
        "fastest_h": round(min(waits) / 60, 2) if waits else None,
    }


def baseline(records: list[dict[str, Any]], workflow: str) -> dict[str, Any]:
    """The figures a worked example quotes, computed from the log the way the project's measure.py does.

    Keys mirror ``workflow_map.measure.compute`` (for example ``steps.<id>.median_wait_h``); the kind's
    tests check that the two agree for several seeds.
    """
    spec = WORKFLOWS[workflow]
    cases: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in records:
        cases[e["case_id"]].append(e)
    n = len(cases)
    internal = {sid for sid, st in spec.steps.items() if st.actor not in spec.outside_actors}
    people = {sid for sid, st in spec.steps.items() if st.staff}
    total = sum(e["ended_min"] - e["queued_min"] for e in records)
    inside = sum(e["ended_min"] - e["queued_min"] for e in records if e["step_id"] in internal)
    inside_wait = sum(e["started_min"] - e["queued_min"] for e in records if e["step_id"] in internal)
    steps: dict[str, Any] = {}
    for sid in spec.steps:
        evs = [e for e in records if e["step_id"] == sid]
        if not evs:
            continue
        waits = [e["started_min"] - e["queued_min"] for e in evs]
        works = [e["ended_min"] - e["started_min"] for e in evs]
        cycles = [w + k for w, k in zip(waits, works)]
        reached = {e["case_id"] for e in evs}
        steps[sid] = {
            "cases": len(reached),
            "case_share": round(len(reached) / n, 4),
            "median_wait_h": _median_h(waits),
            "p90_wait_h": round(_p90(waits) / 60, 2),
            "median_work_min": round(statistics.median(works), 1),
            "median_cycle_h": _median_h(cycles),
            "hours": round(sum(cycles) / 60, 1),
            "hours_share": round(sum(cycles) / total, 4) if total else 0.0,
            "internal_share": round(sum(cycles) / inside, 4) if sid in internal and inside else None,
            "rework_rate": round(len({e["case_id"] for e in evs if e["outcome"] == "rework"}) / len(reached), 4),
            "escalation_rate": round(len({e["case_id"] for e in evs if e["outcome"] == "escalated"}) / len(reached), 4),
        }
    largest = max((sid for sid in steps if sid in internal), key=lambda sid: (steps[sid]["hours"], sid))
    durations = {cid: max(e["ended_min"] for e in evs) for cid, evs in cases.items()}
    reworked = {cid for cid, evs in cases.items() if any(e["outcome"] == "rework" for e in evs)}
    escalated = {cid for cid, evs in cases.items() if any(e["outcome"] == "escalated" for e in evs)}
    to_step: dict[str, Any] = {}
    for sid in steps:
        firsts = [min(e["ended_min"] for e in evs if e["step_id"] == sid)
                  for evs in cases.values() if any(e["step_id"] == sid for e in evs)]
        to_step[sid] = {"median_h": _median_h(firsts), "p90_h": round(_p90(firsts) / 60, 2),
                        "within_48h": round(sum(1 for t in firsts if t <= 48 * 60) / len(firsts), 4)}
    by_type: dict[str, Any] = {}
    for name, _ in spec.case_types:
        ids = [cid for cid, evs in cases.items() if evs[0]["case_type"] == name]
        if not ids:
            continue
        step_rates = {}
        for sid in steps:
            there = [cid for cid in ids if any(e["step_id"] == sid for e in cases[cid])]
            if there:
                step_rates[sid] = {"cases": len(there), **{
                    key: round(sum(any(e["step_id"] == sid and e["outcome"] == outcome for e in cases[cid])
                                   for cid in there) / len(there), 4)
                    for key, outcome in (("rework_rate", "rework"), ("escalation_rate", "escalated"))}}
        by_type[name] = {
            "cases": len(ids),
            "share": round(len(ids) / n, 4),
            "median_end_to_end_h": _median_h([durations[cid] for cid in ids]),
            "rework_rate": round(sum(cid in reworked for cid in ids) / len(ids), 4),
            "escalation_rate": round(sum(cid in escalated for cid in ids) / len(ids), 4),
            "reached": {sid: round(sum(any(e["step_id"] == sid for e in cases[cid]) for cid in ids) / len(ids), 4)
                        for sid in steps},
            "steps": step_rates,
        }
    handoff: list[int] = []
    arrival: dict[str, list[int]] = defaultdict(list)
    for evs in cases.values():
        for here, after in itertools.pairwise(evs):
            if here["outcome"] == "escalated":
                handoff.append(after["started_min"] - here["ended_min"])
                arrival[here["step_id"]].append(after["started_min"] - here["queued_min"])
    out: dict[str, Any] = {
        "cases": n,
        "events": len(records),
        "end_to_end": {"median_h": _median_h(list(durations.values())),
                       "p90_h": round(_p90(list(durations.values())) / 60, 2)},
        "escalation_rate": round(len(escalated) / n, 4),
        "rework_rate": round(len(reworked) / n, 4),
        "first_pass_rate": round(1 - len(reworked) / n, 4),
        "staff_min_per_case": round(sum(e["staff_min"] for e in records) / n, 2),
        "outside_share": round((total - inside) / total, 4) if total else 0.0,
        "internal_wait_share": round(inside_wait / inside, 4) if inside else 0.0,
        "largest_delay": {"step": largest, **{k: steps[largest][k] for k in
                                              ("hours_share", "internal_share", "case_share", "median_wait_h")}},
        "escalations": {**_within(handoff), "by_step": {sid: _within(v) for sid, v in sorted(arrival.items())}},
        "steps": steps,
        "to_step": to_step,
        "by_case_type": by_type,
    }
    if spec.appointment is not None:
        def reached_before(evs: list[dict[str, Any]]) -> bool:
            return any(e["step_id"] in people and e["outcome"] != "rework" and e["ended_min"] < e[APPOINTMENT_COLUMN]
                       for e in evs[:-1] or evs)

        closed_after = sum(evs[-1]["ended_min"] >= evs[0][APPOINTMENT_COLUMN] for evs in cases.values())
        without = {}
        for sid in steps:
            ids = [cid for cid, evs in cases.items() if not any(e["step_id"] == sid for e in evs)]
            if ids:
                hit = sum(reached_before(cases[cid]) for cid in ids)
                without[sid] = {"cases": len(ids), "reached_before_visit": round(hit / len(ids), 4),
                                "not_reached": len(ids) - hit}
        out["visit"] = {
            "closed_after_visit": round(closed_after / n, 4),
            "closed_before_visit": round(1 - closed_after / n, 4),
            "not_reached_before_visit": sum(not reached_before(evs) for evs in cases.values()),
            "person_steps_after_visit": sum(1 for evs in cases.values() for e in evs[:-1]
                                            if e["step_id"] in people and e["started_min"] >= e[APPOINTMENT_COLUMN]),
            "without_step": without,
        }
    return out


def facts(table: Table) -> dict[str, Any]:
    """Facts for templates: the generator's settings per workflow and, for the table's seed, every
    workflow's baseline figures (600 cases, as a project ships them) under ``metrics``."""
    seed = table.seed if isinstance(table, EventLog) else 0
    logs = {wid: generate(seed, 600, workflow=wid) for wid in WORKFLOWS}
    return {
        "generator": "synthetic.workflow_events",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "events": len(table),
        "workflows": {wid: describe(wid) for wid in WORKFLOWS},
        "columns": {wid: list(columns(wid)) for wid in WORKFLOWS},
        "events_for_600_cases": {wid: len(log) for wid, log in logs.items()},
        "metrics": {wid: baseline(log.records(), wid) for wid, log in logs.items()},
    }
