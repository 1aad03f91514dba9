"""Fictional interview snippets about a clinic's patient-portal inbox, tagged by theme and persona.

Forty short quotes, written for this project, from the eight persona archetypes in
:mod:`synthetic.personas`. Each is tagged with a theme and a stance (pain point, need, concern,
idea). The seed shuffles the order, numbers the snippets and draws the minute of the interview at
which each was said; beyond forty rows the quotes repeat in a new order. The quotes hold no health
details about anyone, no identifiers and no claims about what a tool achieves.
"""

from __future__ import annotations

from synthetic.rng import make_rng
from synthetic.table import Table

SUMMARY = "Fictional interview quotes about a clinic's portal inbox, tagged by theme, stance and persona."
VERSION = "1.0"
COLUMNS = ("snippet_id", "persona_id", "persona_role", "theme", "stance", "quote", "interview_minute")

THEMES: dict[str, str] = {
    "message_volume": "Routine message volume",
    "interruptions": "Interruptions and rework",
    "symptom_safety": "Symptom messages must reach a nurse",
    "review_burden": "Reviewing drafts: trust and effort",
    "privacy": "Privacy and minimum necessary",
    "patient_experience": "Patient experience and plain language",
}
STANCES = ("pain_point", "need", "concern", "idea")

# (persona_id, theme, stance, quote)
QUOTES: tuple[tuple[str, str, str, str], ...] = (
    ("P01", "message_volume", "pain_point",
     "Half my morning is 'is my refill ready?' and 'can I move my appointment?'. Each one is quick, but there are dozens."),
    ("P01", "message_volume", "pain_point", "I answer the same five questions all day, just worded differently."),
    ("P01", "message_volume", "pain_point",
     "Most replies are copy and paste from my template folder, then fixing the details by hand."),
    ("P02", "message_volume", "pain_point",
     "On Monday mornings the portal inbox holds the whole weekend, and we start the week behind."),
    ("P02", "message_volume", "need", "If the easy messages took less time, my team could pick up the phones faster."),
    ("P03", "message_volume", "pain_point",
     "I look up the same refill status several times a day because people ask again when they hear nothing."),
    ("P06", "message_volume", "pain_point",
     "We added a part-time person last winter just to keep up with the inbox. That is not sustainable."),
    ("P06", "message_volume", "need", "I need to know where the minutes actually go before I pay for anything."),
    ("P08", "message_volume", "need",
     "When I send a simple question I'd like a simple answer the same day, even if it's 'we're still waiting on the pharmacy'."),
    ("P01", "interruptions", "pain_point",
     "I start a reply, the phone rings, someone is at the window, and twenty minutes later I find the half-written message."),
    ("P01", "interruptions", "idea",
     "If the draft already had the appointment details in it, I'd stop retyping them while someone waits at the desk."),
    ("P02", "interruptions", "pain_point",
     "The mistakes we do make, a wrong time or a wrong site, mostly happen when someone got pulled away mid-reply."),
    ("P03", "interruptions", "pain_point", "Every interruption means reopening the chart and finding my place again."),
    ("P03", "interruptions", "pain_point",
     "Redoing a reply because I sent the wrong clinic hours costs more than writing it carefully once."),
    ("P06", "interruptions", "need",
     "Interruptions are part of the job. I want a tool that copes with them, not one that needs quiet time."),
    ("P01", "symptom_safety", "concern",
     "I'm not a nurse. When a message mentions pain or a reaction, I forward it, and I want that to stay the rule."),
    ("P02", "symptom_safety", "idea",
     "Staff sometimes hesitate over whether a message counts as clinical. A consistent flag would help, but a person still decides."),
    ("P04", "symptom_safety", "concern",
     "A refill question that also says 'and I've been dizzy' is not a refill question any more. That has to come to us."),
    ("P04", "symptom_safety", "need", "I would rather get ten messages that turn out to be routine than miss one that wasn't."),
    ("P04", "symptom_safety", "concern",
     "Tell me how you'll know it never drafted an answer to a symptom message, and how fast you'd find out if it did."),
    ("P05", "symptom_safety", "concern",
     "Help with logistics is fine. Anything that sounds like medical advice going out under our name is not."),
    ("P05", "symptom_safety", "need", "If the tool isn't sure whether something is clinical, it should treat it as clinical."),
    ("P07", "symptom_safety", "concern",
     "Anything that touches clinical content changes the review we have to do, so keep it out of scope."),
    ("P01", "review_burden", "concern", "If I have to check every word of the draft against the chart, it isn't saving me anything."),
    ("P01", "review_burden", "concern", "A draft I can edit is fine. Something that sends on its own is not."),
    ("P02", "review_burden", "concern",
     "New staff will lean on the drafts more than experienced staff. Training has to cover when to throw a draft away."),
    ("P03", "review_burden", "need",
     "Show me where each fact came from, like the refill status line, so I can check it at a glance."),
    ("P04", "review_burden", "need", "Whoever sends the reply owns it. The tool shouldn't blur that."),
    ("P05", "review_burden", "concern", "My worry is people clicking send on autopilot after the first hundred good drafts."),
    ("P06", "review_burden", "need",
     "I want a number for how often staff change the draft. If it's never, that worries me as much as if it's always."),
    ("P06", "privacy", "concern", "Review data should tell us how the tool is doing, not be used to rank people."),
    ("P07", "privacy", "need",
     "It needs the refill status and the appointment time, not the whole chart. Minimum necessary applies to software too."),
    ("P07", "privacy", "need",
     "I need a signed business associate agreement and a clear answer on whether messages are kept or used for training."),
    ("P07", "privacy", "need", "Every draft and every edit should be in an audit log we can export without asking the vendor."),
    ("P08", "privacy", "need", "I'd want to know if software helped write the reply, and that a person at the clinic still read it."),
    ("P02", "patient_experience", "concern",
     "About a fifth of our messages come in Spanish. Drafts have to be just as good for those, or we don't use drafts for them."),
    ("P05", "patient_experience", "concern", "Faster is good, but a warm, correct reply matters more than a fast one."),
    ("P06", "patient_experience", "idea",
     "If people stop sending the same question twice, that tells me the replies got clearer."),
    ("P08", "patient_experience", "pain_point",
     "Waiting two days to hear 'your appointment is confirmed' makes me call, and then everyone's time is wasted."),
    ("P08", "patient_experience", "need", "Plain words, please. A reply full of clinic jargon makes me write back with another question."),
)


def quotes_for(persona_id: str) -> list[str]:
    """Every quote of one persona archetype, in pool order."""
    return [q for pid, _, _, q in QUOTES if pid == persona_id]


def _roles() -> dict[str, str]:
    from synthetic.personas import ARCHETYPES

    return {a.persona_id: a.role for a in ARCHETYPES}


def generate(seed: int, rows: int = len(QUOTES)) -> Table:
    """``rows`` snippets: the pool in a seeded order (repeating, reshuffled, beyond forty)."""
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
            persona_id, theme, stance, quote = QUOTES[index]
            minute = 2 + int(rng.random() * 40)
            out.append((f"S{len(out) + 1:03d}", persona_id, roles[persona_id], theme, stance, quote, minute))
    return Table("interview_snippets", COLUMNS, out)


def facts(table: Table) -> dict[str, object]:
    """Headline facts for worked examples: snippet and persona counts, snippets per theme (largest first)."""
    themes: dict[str, int] = {}
    for theme in table.column("theme"):
        themes[theme] = themes.get(theme, 0) + 1
    ranked = sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "snippets": len(table),
        "personas": len(set(table.column("persona_id"))),
        "themes": [{"theme": t, "label": THEMES[t], "snippets": n} for t, n in ranked],
        "generator_version": VERSION,
    }
