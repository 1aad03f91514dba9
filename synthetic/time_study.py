"""A fictional baseline time study: front-desk and medical-assistant tasks timed over ten clinic days.

Each row is one observed task: which study day, which (fake) staff member and role, the task
type, the channel, the minutes it took, how many times it was interrupted, whether it had to be
reworked and whether the message was routed to a nurse. Planted effects (documented in the
project's datasheet, checked by tests):

- task mix: routine portal messages (refill status, appointment logistics) are about 42% of tasks;
- each interruption adds about 1.5 minutes;
- rework becomes more likely with every interruption (about 6% with none, 13% with one, 20% with two);
- Mondays carry about 35% more tasks than other days, and more interruptions;
- about 6% of refill-status and 3% of appointment messages also mention a symptom and go to a nurse;
- some contacts are repeats (the person asking again about something already asked: a status chase),
  most often for refills, referrals and prior authorisations.

It also holds the sizing and launch-evidence arithmetic the product brief quotes (minutes saved
against oversight minutes, the bound that zero misses in a silent period allows), so the worked
example and the project's build script compute the same figures.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from synthetic.identifiers import fake_id
from synthetic.rng import bernoulli, make_rng, weighted_index
from synthetic.table import Table

SUMMARY = "Fictional baseline time study of clinic front-desk tasks: minutes, interruptions, rework, nurse routing."
VERSION = "1.1"
COLUMNS = (
    "task_id",
    "study_day",
    "weekday",
    "staff_id",
    "staff_role",
    "task_type",
    "channel",
    "minutes",
    "interruptions",
    "rework",
    "routed_to_nurse",
    "repeat_contact",
)
STUDY_DAYS = 10
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
DAY_WEIGHTS = (1.35, 1.0, 0.95, 0.95, 1.05)
INTERRUPTIONS = (0.60, 0.27, 0.10, 0.03)  # P(0), P(1), P(2), P(3)
INTERRUPTIONS_MONDAY = (0.50, 0.30, 0.14, 0.06)
MINUTES_PER_INTERRUPTION = 1.5
REWORK_BASE = 0.06
REWORK_PER_INTERRUPTION = 0.07
STAFF = {"front_desk": (101, 102, 103, 104), "medical_assistant": (201, 202)}
DEFAULT_IN_SCOPE = ("refill_status", "appointment_logistics")


@dataclass(frozen=True)
class TaskType:
    """A kind of task with its share of the work, typical minutes and who usually does it."""

    code: str
    label: str
    weight: float
    median_minutes: float
    channels: tuple[tuple[str, float], ...]
    assistant_share: float  # share done by medical assistants (the rest by front desk)
    symptom_rate: float  # share that also mentions a symptom and is routed to a nurse


TASK_TYPES: tuple[TaskType, ...] = (
    TaskType("refill_status", "Refill status question", 0.22, 4.2, (("portal", 1.0),), 0.30, 0.06),
    TaskType("appointment_logistics", "Appointment logistics", 0.20, 3.6, (("portal", 1.0),), 0.10, 0.03),
    TaskType("symptom_message_handoff", "Message mentioning symptoms (routed to a nurse)", 0.07, 2.2,
             (("portal", 1.0),), 0.20, 1.0),
    TaskType("phone_scheduling", "Phone scheduling", 0.16, 3.0, (("phone", 1.0),), 0.05, 0.0),
    TaskType("billing_question", "Billing question", 0.09, 6.5, (("portal", 0.6), ("phone", 0.4)), 0.0, 0.0),
    TaskType("forms_and_records", "Forms and records request", 0.08, 7.0, (("portal", 0.7), ("in_person", 0.3)),
             0.10, 0.0),
    TaskType("referral_coordination", "Referral coordination", 0.10, 9.5, (("phone", 0.7), ("portal", 0.3)), 0.60, 0.0),
    TaskType("prior_auth_follow_up", "Prior authorisation follow-up", 0.08, 12.0, (("payer_portal", 1.0),), 0.70, 0.0),
)
LABELS = {t.code: t.label for t in TASK_TYPES}
# share of each task type that is a repeat contact (a status chase), drawn from its own stream
REPEAT_RATE = {
    "refill_status": 0.35, "appointment_logistics": 0.20, "symptom_message_handoff": 0.05, "phone_scheduling": 0.08,
    "billing_question": 0.15, "forms_and_records": 0.25, "referral_coordination": 0.35, "prior_auth_follow_up": 0.30,
}

# Sizing and launch assumptions the brief states next to its figures (the project's build script uses the same).
SIZING = {
    "target_reduction": 0.30,  # the north-star target: staff minutes per drafted message, down 30%
    "audit_share_drafted": 0.10,  # the weekly audit reads 10% of drafted replies ...
    "audit_minutes_per_message": 2.0,  # ... and every routed message, at about 2 minutes each
    "weekly_review_minutes": 60.0,  # plus a 30-minute weekly review for two people
    "prevented_share": 0.5,  # the non-AI alternative (status notifications) prevents half the status chases
    "days_per_week": 5,
}
LAUNCH = {"silent_weeks": 4, "confidence": 0.95, "target_miss_rate": 0.02}


def _day(rng) -> int:
    weights = [DAY_WEIGHTS[(d - 1) % 5] for d in range(1, STUDY_DAYS + 1)]
    return 1 + weighted_index(rng, weights)


def generate(seed: int, rows: int = 480) -> Table:
    """``rows`` timed tasks spread over ten study days (two working weeks)."""
    if rows < 0:
        raise ValueError("rows must be 0 or more")
    rng = make_rng(seed, "time-study")
    drawn: list[tuple] = []
    for _ in range(rows):
        day = _day(rng)
        weekday = WEEKDAYS[(day - 1) % 5]
        task = TASK_TYPES[weighted_index(rng, [t.weight for t in TASK_TYPES])]
        channel = task.channels[weighted_index(rng, [w for _, w in task.channels])][0]
        role = "medical_assistant" if bernoulli(rng, task.assistant_share) else "front_desk"
        staff_number = STAFF[role][int(rng.random() * len(STAFF[role]))]
        interruptions = weighted_index(rng, list(INTERRUPTIONS_MONDAY if weekday == "Mon" else INTERRUPTIONS))
        base = task.median_minutes * math.exp(rng.gauss(0.0, 0.4))
        minutes = base + sum(max(0.3, rng.gauss(MINUTES_PER_INTERRUPTION, 0.4)) for _ in range(interruptions))
        rework = bernoulli(rng, REWORK_BASE + REWORK_PER_INTERRUPTION * interruptions)
        if rework:
            minutes += 0.5 * base
        routed = bernoulli(rng, task.symptom_rate)
        if routed and task.symptom_rate < 1.0:
            minutes += max(0.3, rng.gauss(1.0, 0.3))  # reading closely and forwarding to the nurse pool
        drawn.append((day, weekday, fake_id("STAFF", staff_number), role, task.code, channel,
                      max(0.5, round(minutes, 1)), interruptions, int(rework), int(routed)))
    repeat_rng = make_rng(seed, "time-study", "repeat-contact")
    drawn = [(*row, int(bernoulli(repeat_rng, REPEAT_RATE[row[4]]))) for row in drawn]
    drawn.sort(key=lambda row: row[0])  # stable: keeps draw order within a day
    out = [(fake_id("TASK", i + 1, 5), *row) for i, row in enumerate(drawn)]
    return Table("time_study", COLUMNS, out)


def _pct(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def baseline(records: list[dict], in_scope: tuple[str, ...] = DEFAULT_IN_SCOPE) -> dict[str, object]:
    """Baseline figures for the in-scope task types (the project's build script computes the same)."""
    minutes = [float(r["minutes"]) for r in records]
    scoped = [r for r in records if r["task_type"] in in_scope]
    scoped_minutes = [float(r["minutes"]) for r in scoped]
    days = len({int(r["study_day"]) for r in records})
    total = sum(minutes)
    return {
        "tasks": len(records),
        "days": days,
        "staff": len({r["staff_id"] for r in records}),
        "total_hours": round(total / 60, 1),
        "in_scope": list(in_scope),
        "in_scope_tasks": len(scoped),
        "in_scope_task_pct": _pct(len(scoped), len(records)),
        "in_scope_minutes_pct": _pct(sum(scoped_minutes), total),
        "in_scope_median_minutes": round(statistics.median(scoped_minutes), 1) if scoped else 0.0,
        "in_scope_hours_per_day": round(sum(scoped_minutes) / 60 / days, 1) if days else 0.0,
        "in_scope_interrupted_pct": _pct(sum(1 for r in scoped if int(r["interruptions"]) > 0), len(scoped)),
        "in_scope_rework_pct": _pct(sum(int(r["rework"]) for r in scoped), len(scoped)),
        "in_scope_routed": sum(int(r["routed_to_nurse"]) for r in scoped),
        "in_scope_routed_pct": _pct(sum(int(r["routed_to_nurse"]) for r in scoped), len(scoped)),
    }


def sizing(records: list[dict], in_scope: tuple[str, ...] = DEFAULT_IN_SCOPE) -> dict[str, object]:
    """Staff minutes a day an AI drafting aid could save against the oversight it needs, and a non-AI alternative.

    AI: the target reduction applied to the in-scope messages it would draft (those not routed to a
    nurse); oversight: the audit of every routed message and a share of the drafted ones, plus a weekly
    review. Alternative: status notifications that prevent a share of the repeat contacts.
    """
    days = len({int(r["study_day"]) for r in records}) or 1
    scoped = [r for r in records if r["task_type"] in in_scope]
    drafted = [r for r in scoped if int(r["routed_to_nurse"]) == 0]
    routed = len(scoped) - len(drafted)
    repeats = [r for r in scoped if int(r.get("repeat_contact", 0)) == 1]
    s = SIZING
    saved = s["target_reduction"] * sum(float(r["minutes"]) for r in drafted) / days
    audited = (routed + s["audit_share_drafted"] * len(drafted)) / days
    oversight = audited * s["audit_minutes_per_message"] + s["weekly_review_minutes"] / s["days_per_week"]
    prevented = s["prevented_share"] * sum(float(r["minutes"]) for r in repeats) / days
    return {
        "drafted_per_day": round(len(drafted) / days, 1),
        "ai_minutes_saved_per_day": round(saved),
        "oversight_minutes_per_day": round(oversight),
        "ai_net_minutes_per_day": round(saved) - round(oversight),
        "repeat_contacts": len(repeats),
        "repeat_contact_pct": _pct(len(repeats), len(scoped)),
        "alternative_minutes_saved_per_day": round(prevented),
        "alternative_first": round(prevented) >= round(saved) - round(oversight),
        **{f"assume_{k}": v for k, v in s.items()},
    }


def zero_miss_upper_bound(n: int, confidence: float = 0.95) -> float:
    """Exact (Clopper-Pearson) one-sided upper bound on a miss rate when none of ``n`` events was missed."""
    return 1.0 - (1.0 - confidence) ** (1.0 / n) if n > 0 else 1.0


def events_needed(target: float, confidence: float = 0.95) -> int:
    """Events, all caught, needed for the one-sided upper bound on the miss rate to fall below ``target``."""
    return math.ceil(math.log(1.0 - confidence) / math.log(1.0 - target))


def launch_evidence(records: list[dict], in_scope: tuple[str, ...] = DEFAULT_IN_SCOPE) -> dict[str, object]:
    """What a silent period can show about a symptom screen: expected events, the zero-miss bound, the test set needed."""
    days = len({int(r["study_day"]) for r in records}) or 1
    routed = sum(int(r["routed_to_nurse"]) for r in records if r["task_type"] in in_scope)
    p = LAUNCH
    expected = round(routed / days * p["silent_weeks"] * SIZING["days_per_week"])
    return {
        "routed_in_study": routed,
        "study_days": days,
        "silent_weeks": p["silent_weeks"],
        "silent_events": expected,
        "upper_bound_pct": round(100 * zero_miss_upper_bound(expected, p["confidence"]), 1),
        "rule_of_three_pct": round(300 / expected, 1) if expected else 100.0,
        "target_miss_pct": round(100 * p["target_miss_rate"], 1),
        "test_set_needed": events_needed(p["target_miss_rate"], p["confidence"]),
    }


def by_type(records: list[dict]) -> list[dict[str, Any]]:
    """Tasks, share of minutes and median minutes per task type, most minutes first."""
    total = sum(float(r["minutes"]) for r in records)
    rows: list[dict[str, Any]] = []
    for task in TASK_TYPES:
        values = [float(r["minutes"]) for r in records if r["task_type"] == task.code]
        if values:
            rows.append({
                "task_type": task.code,
                "label": task.label,
                "tasks": len(values),
                "minutes": sum(values),
                "minutes_pct": _pct(sum(values), total),
                "median_minutes": round(statistics.median(values), 1),
            })
    rows.sort(key=lambda r: (-r["minutes"], r["task_type"]))
    return rows


def facts(table: Table) -> dict[str, object]:
    """Headline facts for worked examples: the default in-scope baseline and the per-type view."""
    records = table.records()
    return {
        **baseline(records),
        "by_type": by_type(records),
        "sizing": sizing(records),
        "launch": launch_evidence(records),
        "planted": {
            "repeat_rate_pct": {k: round(100 * v) for k, v in REPEAT_RATE.items()},
            "weights_pct": {t.code: round(100 * t.weight) for t in TASK_TYPES},
            "typical_minutes": {t.code: t.median_minutes for t in TASK_TYPES},
            "symptom_rate_pct": {t.code: round(100 * t.symptom_rate) for t in TASK_TYPES},
            "minutes_per_interruption": MINUTES_PER_INTERRUPTION,
            "rework_base_pct": round(100 * REWORK_BASE),
            "rework_per_interruption_pct": round(100 * REWORK_PER_INTERRUPTION),
            "monday_extra_pct": round(100 * (DAY_WEIGHTS[0] - 1)),
        },
        "generator_version": VERSION,
    }
