"""Fictional interview snippets about a clinic's patient-portal inbox, tagged by theme and persona.

Sixty short quotes, written for this project, from the eight persona archetypes in
:mod:`synthetic.personas`. Each is tagged with a theme and a stance (pain point, need, concern,
idea) and with the workflows (time-study task types) it is about. The seed shuffles the order, numbers the snippets and draws the minute of the interview at
which each was said; beyond sixty rows the quotes repeat in a new order. The quotes hold no health
details about anyone, no identifiers and no claims about what a tool achieves.
"""

from __future__ import annotations

from synthetic.rng import make_rng
from synthetic.table import Table

SUMMARY = "Fictional interview quotes about a clinic's front-desk work, tagged by workflow, theme, stance and persona."
VERSION = "2.0"
COLUMNS = ("snippet_id", "persona_id", "persona_role", "workflows", "theme", "stance", "quote", "interview_minute")

THEMES: dict[str, str] = {
    "message_volume": "Workload and message volume",
    "interruptions": "Interruptions and rework",
    "symptom_safety": "Symptom messages must reach a nurse",
    "review_burden": "Reviewing drafts: trust and effort",
    "privacy": "Privacy and minimum necessary",
    "patient_experience": "Patient experience and plain language",
}
STANCES = ("pain_point", "need", "concern", "idea")

# (persona_id, workflows, theme, stance, quote); workflows: the task types (time study codes) the snippet is
# about, ";"-separated, or "general" for a point about the inbox or any tool as a whole
QUOTES: tuple[tuple[str, str, str, str, str], ...] = (
    ("P01", "refill_status;appointment_logistics", "message_volume", "pain_point",
     "Half my morning is 'is my refill ready?' and 'can I move my appointment?'. Each one is quick, but there are dozens."),
    ("P01", "refill_status;appointment_logistics", "message_volume", "pain_point", "I answer the same five questions all day, just worded differently."),
    ("P01", "refill_status;appointment_logistics", "message_volume", "pain_point",
     "Most replies are copy and paste from my template folder, then fixing the details by hand."),
    ("P02", "refill_status;appointment_logistics", "message_volume", "pain_point",
     "On Monday mornings the portal inbox holds the whole weekend, and we start the week behind."),
    ("P02", "refill_status;appointment_logistics", "message_volume", "need", "If the easy messages took less time, my team could pick up the phones faster."),
    ("P03", "refill_status", "message_volume", "pain_point",
     "I look up the same refill status several times a day because people ask again when they hear nothing."),
    ("P06", "refill_status;appointment_logistics", "message_volume", "pain_point",
     "We added a part-time person last winter just to keep up with the inbox. That is not sustainable."),
    ("P06", "general", "message_volume", "need", "I need to know where the minutes actually go before I pay for anything."),
    ("P08", "refill_status;appointment_logistics", "message_volume", "need",
     "When I send a simple question I'd like a simple answer the same day, even if it's 'we're still waiting on the pharmacy'."),
    ("P01", "refill_status;appointment_logistics", "interruptions", "pain_point",
     "I start a reply, the phone rings, someone is at the window, and twenty minutes later I find the half-written message."),
    ("P01", "appointment_logistics", "interruptions", "idea",
     "If the draft already had the appointment details in it, I'd stop retyping them while someone waits at the desk."),
    ("P02", "appointment_logistics", "interruptions", "pain_point",
     "The mistakes we do make, a wrong time or a wrong site, mostly happen when someone got pulled away mid-reply."),
    ("P03", "refill_status", "interruptions", "pain_point", "Every interruption means reopening the chart and finding my place again."),
    ("P03", "appointment_logistics", "interruptions", "pain_point",
     "Redoing a reply because I sent the wrong clinic hours costs more than writing it carefully once."),
    ("P06", "general", "interruptions", "need",
     "Interruptions are part of the job. I want a tool that copes with them, not one that needs quiet time."),
    ("P01", "symptom_message_handoff", "symptom_safety", "concern",
     "I'm not a nurse. When a message mentions pain or a reaction, I forward it, and I want that to stay the rule."),
    ("P02", "symptom_message_handoff", "symptom_safety", "idea",
     "Staff sometimes hesitate over whether a message counts as clinical. A consistent flag would help, but a person still decides."),
    ("P04", "refill_status;symptom_message_handoff", "symptom_safety", "concern",
     "A refill question that also says 'and I've been dizzy' is not a refill question any more. That has to come to us."),
    ("P04", "symptom_message_handoff", "symptom_safety", "need", "I would rather get ten messages that turn out to be routine than miss one that wasn't."),
    ("P04", "symptom_message_handoff", "symptom_safety", "concern",
     "Tell me how you'll know it never drafted an answer to a symptom message, and how fast you'd find out if it did."),
    ("P05", "symptom_message_handoff", "symptom_safety", "concern",
     "Help with logistics is fine. Anything that sounds like medical advice going out under our name is not."),
    ("P05", "symptom_message_handoff", "symptom_safety", "need", "If the tool isn't sure whether something is clinical, it should treat it as clinical."),
    ("P07", "symptom_message_handoff", "symptom_safety", "concern",
     "Anything that touches clinical content changes the review we have to do, so keep it out of scope."),
    ("P01", "refill_status;appointment_logistics", "review_burden", "concern", "If I have to check every word of the draft against the chart, it isn't saving me anything."),
    ("P01", "refill_status;appointment_logistics", "review_burden", "concern", "A draft I can edit is fine. Something that sends on its own is not."),
    ("P02", "refill_status;appointment_logistics", "review_burden", "concern",
     "New staff will lean on the drafts more than experienced staff. Training has to cover when to throw a draft away."),
    ("P03", "refill_status", "review_burden", "need",
     "Show me where each fact came from, like the refill status line, so I can check it at a glance."),
    ("P04", "general", "review_burden", "need", "Whoever sends the reply owns it. The tool shouldn't blur that."),
    ("P05", "general", "review_burden", "concern", "My worry is people clicking send on autopilot after the first hundred good drafts."),
    ("P06", "general", "review_burden", "need",
     "I want a number for how often staff change the draft. If it's never, that worries me as much as if it's always."),
    ("P06", "general", "privacy", "concern", "Review data should tell us how the tool is doing, not be used to rank people."),
    ("P07", "refill_status;appointment_logistics", "privacy", "need",
     "It needs the refill status and the appointment time, not the whole chart. Minimum necessary applies to software too."),
    ("P07", "general", "privacy", "need",
     "I need a signed business associate agreement and a clear answer on whether messages are kept or used for training."),
    ("P07", "general", "privacy", "need", "Every draft and every edit should be in an audit log we can export without asking the vendor."),
    ("P08", "general", "privacy", "need", "I'd want to know if software helped write the reply, and that a person at the clinic still read it."),
    ("P02", "general", "patient_experience", "concern",
     "About a fifth of our messages come in Spanish. Drafts have to be just as good for those, or we don't use drafts for them."),
    ("P05", "general", "patient_experience", "concern", "Faster is good, but a warm, correct reply matters more than a fast one."),
    ("P06", "refill_status;appointment_logistics", "patient_experience", "idea",
     "If people stop sending the same question twice, that tells me the replies got clearer."),
    ("P08", "appointment_logistics", "patient_experience", "pain_point",
     "Waiting two days to hear 'your appointment is confirmed' makes me call, and then everyone's time is wasted."),
    ("P08", "general", "patient_experience", "need", "Plain words, please. A reply full of clinic jargon makes me write back with another question."),
    # forms and records requests
    ("P01", "forms_and_records", "message_volume", "pain_point",
     "Records requests come in by portal, by fax and at the window, and each one needs a signed release before I send anything."),
    ("P07", "forms_and_records", "privacy", "concern",
     "A records request is a disclosure. Who asked, what was sent and when has to be logged every time."),
    ("P03", "forms_and_records", "interruptions", "pain_point",
     "School and work forms sit half-done in a tray because they need a clinician's signature and I keep getting pulled away."),
    ("P08", "forms_and_records", "patient_experience", "pain_point",
     "I asked for a copy of my records and heard nothing for a week, so I asked again."),
    ("P06", "forms_and_records", "message_volume", "need",
     "I want to know how many forms requests we get and how long they wait before anyone promises a turnaround time."),
    # referral coordination
    ("P03", "referral_coordination", "interruptions", "pain_point",
     "A referral means calling the specialist's office, waiting on hold, then calling the person back. One interruption and I lose the thread."),
    ("P02", "referral_coordination", "message_volume", "pain_point",
     "Half the referral calls we get are people asking whether the referral went through."),
    ("P05", "referral_coordination", "review_burden", "need",
     "The referral letter has to say why I am referring. That part is mine; the scheduling back-and-forth does not need to be."),
    ("P08", "referral_coordination", "patient_experience", "pain_point",
     "Nobody told me the specialist's office would call me, so I kept calling the clinic to ask about my referral."),
    ("P06", "referral_coordination", "interruptions", "need",
     "Referrals fall through the cracks between our staff and the specialist's office. I need to see which ones are stuck."),
    # prior authorisation follow-up
    ("P03", "prior_auth_follow_up", "message_volume", "pain_point",
     "Prior authorisation is the payer portal, then a fax, then checking back every two days until someone decides."),
    ("P03", "prior_auth_follow_up", "interruptions", "pain_point",
     "Each payer portal has its own login and its own form, and I lose twenty minutes whenever I'm interrupted halfway through one."),
    ("P05", "prior_auth_follow_up", "review_burden", "concern",
     "What goes to the payer is clinical justification. I want to see it before it is sent, every time."),
    ("P06", "prior_auth_follow_up", "message_volume", "need",
     "Prior auth follow-up takes the longest per task. I need to know how much of it is waiting and how much is actual work."),
    ("P07", "prior_auth_follow_up", "privacy", "concern", "Only what the payer asks for should go to the payer, not the whole chart."),
    ("P08", "prior_auth_follow_up", "patient_experience", "pain_point",
     "I didn't know my prescription was waiting on insurance approval until the pharmacy told me."),
    # billing questions and phone scheduling
    ("P02", "billing_question", "message_volume", "pain_point",
     "Billing questions take long because the person has the statement in front of them and we don't."),
    ("P08", "billing_question", "patient_experience", "need", "I just want to know what I owe and why, in words I understand."),
    ("P01", "phone_scheduling", "interruptions", "pain_point",
     "The phone rings while I'm booking someone at the window, and one of them has to wait."),
    ("P02", "phone_scheduling", "message_volume", "idea",
     "If people could see open slots and book themselves, the phones would be quieter on Monday mornings."),
)


def quotes_for(persona_id: str) -> list[str]:
    """Every quote of one persona archetype, in pool order."""
    return [q for pid, _, _, _, q in QUOTES if pid == persona_id]


def _roles() -> dict[str, str]:
    from synthetic.personas import ARCHETYPES

    return {a.persona_id: a.role for a in ARCHETYPES}


def generate(seed: int, rows: int = len(QUOTES)) -> Table:
    """``rows`` snippets: the pool in a seeded order (repeating, reshuffled, beyond sixty)."""
    if rows < 0:
        raise ValueError("rows must be 0 or more")
    rng = make_rng(seed, "interviews")
    roles = _roles()
    out: list[tuple] = []
    while len(out) < rows:
        order = list(range(len(QUOTES)))
        for i in range(len(order) - 1, 0, -1):  # Fisher-Yates with random() only
            j = int(rng.random() * (i + 1))
            order[i], order[j] = order[j], order[i]
        for index in order[: rows - len(out)]:
            persona_id, workflows, theme, stance, quote = QUOTES[index]
            minute = 2 + int(rng.random() * 40)
            out.append((f"S{len(out) + 1:03d}", persona_id, roles[persona_id], workflows, theme, stance, quote, minute))
    return Table("interview_snippets", COLUMNS, out)


def about(record: dict, in_scope: tuple[str, ...] | list[str]) -> bool:
    """Whether a snippet is about any of the task types in ``in_scope``."""
    return bool(set(str(record["workflows"]).split(";")) & set(in_scope))


def ranked_themes(records: list[dict]) -> list[dict[str, object]]:
    """Snippets per theme, largest first (ties by theme id)."""
    counts: dict[str, int] = {}
    for r in records:
        counts[r["theme"]] = counts.get(r["theme"], 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{"theme": t, "label": THEMES.get(t, t), "snippets": n} for t, n in ranked]


def evidence(records: list[dict], in_scope: tuple[str, ...] | list[str]) -> dict[str, object]:
    """The snippets about the in-scope task types: how many, from how many personas, their ids and themes."""
    scoped = [r for r in records if about(r, in_scope)]
    return {
        "snippets": len(scoped),
        "personas": len({r["persona_id"] for r in scoped}),
        "ids": [r["snippet_id"] for r in scoped],
        "themes": ranked_themes(scoped),
    }


def facts(table: Table, in_scope: tuple[str, ...] = ("refill_status", "appointment_logistics")) -> dict[str, object]:
    """Headline facts for worked examples: counts, snippets per theme and per workflow, the in-scope evidence."""
    records = table.records()
    per_workflow: dict[str, int] = {}
    for r in records:
        for code in str(r["workflows"]).split(";"):
            per_workflow[code] = per_workflow.get(code, 0) + 1
    return {
        "snippets": len(records),
        "personas": len({r["persona_id"] for r in records}),
        "themes": ranked_themes(records),
        "per_workflow": per_workflow,
        "in_scope": evidence(records, in_scope),
        "by_quote": {r["quote"]: r["snippet_id"] for r in records},
        "generator_version": VERSION,
    }
