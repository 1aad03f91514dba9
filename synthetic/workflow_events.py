"""An event log of one fictional clinic workflow (current state), for cycle-time and bottleneck analysis.

One row per step a case went through: who did it, through which channel, when the case joined the
step's queue, when work started and ended (minutes since the case opened: no calendar dates), the
outcome (``done``, ``rework`` when the step had to be done again, ``escalated`` when the case went to a
person for clinical review) and the staff minutes spent. ``rows`` is the number of cases; each case
has several events. The workflows and their planted effects are described in
:mod:`synthetic.workflows`.
"""

from __future__ import annotations

import math
import random
from statistics import NormalDist
from typing import Any

from synthetic.identifiers import fake_id
from synthetic.rng import make_rng
from synthetic.table import Table
from synthetic.workflows import WORKFLOWS, Workflow

GENERATOR_VERSION = "1.0.0"
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
_Z90 = NormalDist().inv_cdf(0.9)


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


def generate(seed: int, rows: int, workflow: str = "appointment-reminders") -> Table:
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
        pools[(step, variant, "work")] = stratified_pool(rng, n, *timing.work, minimum=1 if st.staff else 0)

    durations: list[list[list[int]]] = []  # per case, per event: [wait, work]
    for route in routes:
        durations.append([[pools[(s, v, "wait")].pop(), pools[(s, v, "work")].pop()] for s, _, v in route])

    if spec.milestone is not None:
        _apply_milestone(seed, spec, routes, durations)

    out: list[tuple] = []
    for index, (case_type, route, times) in enumerate(zip(types, routes, durations)):
        case_id = fake_id("CASE", index + 1)
        clock = 0
        for seq, ((step, outcome, _), (wait, work)) in enumerate(zip(route, times), start=1):
            st = spec.steps[step]
            started = clock + wait
            ended = started + work
            channel = st.channel_by_type.get(case_type, st.channel)
            out.append((case_id, case_type, seq, step, st.actor, channel, clock, started, ended, outcome,
                        work if st.staff else 0))
            clock = ended
    return Table("workflow_events", COLUMNS, out)


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
        "milestone": None if spec.milestone is None else {
            "step": spec.milestone.step,
            "median_h": hours(spec.milestone.timing[0]),
            "p90_h": hours(spec.milestone.timing[1]),
        },
    }


def facts(table: Table) -> dict[str, Any]:
    """Facts for templates: the generator's version and every workflow's settings (they do not depend on the seed)."""
    return {
        "generator": "synthetic.workflow_events",
        "generator_version": GENERATOR_VERSION,
        "events": len(table),
        "workflows": {wid: describe(wid) for wid in WORKFLOWS},
        # the number of events for 600 cases: it depends only on the workflow, since flag counts are exact
        "events_for_600_cases": {wid: len(generate(0, 600, workflow=wid)) for wid in WORKFLOWS},
    }
