"""Fictional personas for a product brief: the people around one clinic messaging workflow.

Eight archetypes (front-desk coordinator, patient access supervisor, medical assistant, triage
nurse, primary-care physician, practice manager, privacy officer, patient and family advisor), all
at one invented clinic group. The seed draws each persona's name, years in role, comfort with
technology and which of two phrasings of their goals and frustrations is used. No persona carries
health details; the advisor speaks only about using the portal.
"""

from __future__ import annotations

from dataclasses import dataclass

from synthetic import pools
from synthetic.rng import make_rng, pick
from synthetic.table import Table

SUMMARY = "Fictional personas around a clinic's patient-portal inbox (role, goals, frustrations, tech comfort, quote)."
VERSION = "1.1"
COLUMNS = (
    "persona_id",
    "name",
    "role",
    "organisation",
    "team",
    "years_in_role",
    "tech_comfort",
    "goals",
    "frustrations",
    "workarounds",
    "needs",
    "quote",
)
TECH_COMFORT = ("low", "medium", "high")


@dataclass(frozen=True)
class Archetype:
    """One kind of person in the workflow, with two phrasings of what they want and what gets in the way."""

    persona_id: str
    role: str
    team: str
    years: tuple[int, int]
    comfort_weights: tuple[float, float, float]  # low, medium, high
    goals: tuple[str, str]
    frustrations: tuple[str, str]
    workarounds: str
    needs: str  # what they need from any change to the workflow (no solution named)


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "P01", "Front-desk coordinator", "Front desk, main site", (1, 9), (0.2, 0.55, 0.25),
        ("Clear the routine portal messages before noon and get each answer right the first time.",
         "Keep the front window moving while the inbox still gets same-day replies."),
        ("Retyping the same refill and appointment answers all day; half-written replies lost to phone calls.",
         "Looking up the same status in three screens for every message; walk-ins interrupt every reply."),
        "A personal folder of copy-and-paste replies; sticky notes to remember half-finished messages.",
        "Answer routine questions correctly without retyping and without losing the thread when interrupted.",
    ),
    Archetype(
        "P02", "Patient access supervisor", "Front desk and call centre, all sites", (4, 15), (0.1, 0.6, 0.3),
        ("Answer portal messages within one business day at every site without overtime.",
         "Give new staff a consistent way to handle routine messages from their first week."),
        ("Monday inbox backlogs; replies vary by who wrote them; mistakes cluster when staff are pulled away.",
         "No shared view of how long messages really take; staffing decisions rest on hunches."),
        "A shared template document and a weekly huddle about tricky messages.",
        "Consistent replies across staff, and a plain view of where the team's time goes each week.",
    ),
    Archetype(
        "P03", "Medical assistant", "Primary-care pod", (2, 12), (0.25, 0.5, 0.25),
        ("Keep refill requests moving to the prescriber and tell the person where things stand.",
         "Spend less time on status look-ups and more time rooming and prepping visits."),
        ("Repeat 'is my refill ready?' messages because the first reply came late.",
         "Reopening the chart after every interruption to find the request again."),
        "A paper list of pending refills checked three times a day.",
        "Fewer repeat status questions, and status facts that are quick to confirm.",
    ),
    Archetype(
        "P04", "Triage nurse (RN)", "Nurse triage pool", (5, 20), (0.2, 0.6, 0.2),
        ("Every message that mentions a symptom reaches a nurse quickly, with nothing answered before a nurse sees it.",
         "Receive clinical messages early in the day, not after they have sat in the front-desk pool."),
        ("Symptom messages that arrive looking like refill questions.",
         "Being copied on routine messages that did not need a nurse, which buries the ones that did."),
        "Asks front-desk staff to forward anything they are unsure about.",
        "Every message that mentions a symptom reaches a nurse, early, with nothing clinical answered by front-desk staff.",
    ),
    Archetype(
        "P05", "Primary-care physician", "Primary-care pod", (3, 25), (0.3, 0.5, 0.2),
        ("Keep clinical conversations with clinicians and take logistics off the team's plate.",
         "Make sure nothing that reads like medical advice goes out under the practice's name."),
        ("Inbox volume that spills into evenings.",
         "Worry that busy staff will approve drafts without reading them."),
        "Signs refills in batches at lunch and at the end of the day.",
        "Nothing that reads like medical advice leaves the practice without a clinician; less inbox work in the evenings.",
    ),
    Archetype(
        "P06", "Practice manager", "Operations, all sites", (5, 20), (0.1, 0.5, 0.4),
        ("Know where staff minutes go before paying for a new tool.",
         "Reduce overtime and temporary staffing spent on the inbox."),
        ("Vendor pitches with time-saving figures that cannot be checked.",
         "A part-time role added last winter only to keep up with messages."),
        "Monthly spreadsheet of message counts exported by hand.",
        "Numbers that can be checked: where the minutes go today, and what any change costs and saves.",
    ),
    Archetype(
        "P07", "Privacy and compliance officer", "Compliance office", (6, 22), (0.1, 0.5, 0.4),
        ("Any tool sees only the minimum necessary information and every draft is auditable.",
         "Sign nothing until data retention, training use and access logs are settled in writing."),
        ("Tools that ask for the whole record when they need two fields.",
         "Vendors who cannot say whether messages are kept or used to train their models."),
        "A standard vendor questionnaire and a business associate agreement template.",
        "Any change keeps to the minimum necessary information, with disclosures and access on record.",
    ),
    Archetype(
        "P08", "Patient and family advisor", "Patient and family advisory council (volunteer)", (1, 6),
        (0.3, 0.45, 0.25),
        ("Get a clear, same-day answer to a simple question about an appointment or a refill.",
         "Know that a person at the clinic read the reply, even if software helped write it."),
        ("Waiting two days for 'your appointment is confirmed', then calling anyway.",
         "Replies full of clinic jargon that lead to a second message."),
        "Calls the front desk when a portal message goes unanswered.",
        "Plain-language, same-day answers from a person who stands behind them, and honesty about how replies are made.",
    ),
)


def organisation(seed: int) -> str:
    """The invented clinic group all personas (and the interviews) belong to for this seed."""
    return str(pick(make_rng(seed, "personas", "organisation"), pools.CLINIC_NAMES))


def _comfort(rng, weights: tuple[float, float, float]) -> str:
    point, running = rng.random() * sum(weights), 0.0
    for level, weight in zip(TECH_COMFORT, weights):
        running += weight
        if point < running:
            return level
    return TECH_COMFORT[-1]


def generate(seed: int, rows: int = len(ARCHETYPES)) -> Table:
    """``rows`` personas (beyond eight, the archetypes repeat with new names and ids)."""
    from synthetic.interviews import quotes_for

    if rows < 0:
        raise ValueError("rows must be 0 or more")
    rng = make_rng(seed, "personas")
    org = organisation(seed)
    used: set[str] = set()
    out: list[tuple] = []
    for i in range(rows):
        arch = ARCHETYPES[i % len(ARCHETYPES)]
        name = pools.person_name(rng)
        for _ in range(30):
            if name not in used:
                break
            name = pools.person_name(rng)
        used.add(name)
        low, high = arch.years
        years = low + int(rng.random() * (high - low + 1))
        variant = int(rng.random() * 2)
        persona_id = arch.persona_id if i < len(ARCHETYPES) else f"P{i + 1:02d}"
        out.append((
            persona_id,
            name,
            arch.role,
            org,
            arch.team,
            years,
            _comfort(rng, arch.comfort_weights),
            arch.goals[variant],
            arch.frustrations[variant],
            arch.workarounds,
            arch.needs,
            str(pick(rng, quotes_for(arch.persona_id))),
        ))
    return Table("personas", COLUMNS, out)


def facts(table: Table) -> dict[str, object]:
    """Headline facts for worked examples: how many personas, of which roles, at which clinic group."""
    records = table.records()
    return {
        "personas": len(records),
        "roles": [r["role"] for r in records],
        "organisation": records[0]["organisation"] if records else "",
        "by_id": {r["persona_id"]: r for r in records},
        "generator_version": VERSION,
    }
