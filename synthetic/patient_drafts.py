"""Fictional AI-written patient handouts with planted problems, for the patient-education-rewrite kind.

Every project gets the same worked draft (DRAFT-01, starting a new blood-pressure medicine) with
seed-varied details (medicine name, the wrong dosing interval, the risk numbers, the clinic), two
more drafts chosen and ordered by the seed from a pool of three topics, and an over-simplified
second rewrite of DRAFT-01 that reads at a low grade but drops the warning and keeps the errors.
All medicines, clinics and sources are invented. ``facts(table)`` gives the worked example's
numbers, change log and scores; readability is computed with the project's own
``scripts/readability.py`` so the quoted figures are the ones the project's report finds.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from synthetic.rng import make_rng, pick
from synthetic.table import Table

SUMMARY = "Fictional AI-drafted patient handouts with planted problems, and an over-simplified rewrite"
COLUMNS = ("draft_id", "topic", "version", "title", "text")
KIND = "patient-education-rewrite"

BP_MEDS = ("Fictazide", "Exemplopril", "Mockasartan")
BP_WRONG = ("every 8 hours", "every 6 hours", "three times a day")
CLINICS = ("Harbor Row Family Clinic", "Maple Bend Health Centre", "Cedar Hollow Clinic")
RR_CHOICES = (25, 50)
BASE_PER_1000 = (40, 80, 120)
OTHER_TOPICS = ("ankle", "flu", "allergy")


@dataclass
class DraftTable(Table):
    """The drafts table, plus the seed's parameters that the worked example is built from."""

    params: dict[str, Any] = field(default_factory=dict)


def _params(seed: int) -> dict[str, Any]:
    rng = make_rng(seed, "patient-drafts", "worked")
    rr = int(pick(rng, RR_CHOICES))  # type: ignore[call-overload]
    base = int(pick(rng, BASE_PER_1000))  # type: ignore[call-overload]
    treated = base * (100 - rr) // 100
    order = make_rng(seed, "patient-drafts", "topics")
    pool = list(OTHER_TOPICS)
    order.shuffle(pool)
    others = []
    for topic in pool[:2]:
        sub = make_rng(seed, "patient-drafts", topic)
        others.append(
            {
                "topic": topic,
                "product": str(pick(sub, OTHER[topic]["products"])),
                "wrong": str(pick(sub, OTHER[topic]["wrong"])),
                "rr": int(pick(sub, (20, 30, 40, 60))),  # type: ignore[call-overload]
            }
        )
    return {
        "seed": seed,
        "med": str(pick(rng, BP_MEDS)),
        "wrong_interval": str(pick(rng, BP_WRONG)),
        "correct_interval": "once a day, in the morning",
        "rr": rr,
        "base": base,
        "treated": treated,
        "fewer": base - treated,
        "clinic": str(pick(rng, CLINICS)),
        "phone": f"555-01{10 + int(rng.random() * 89):02d}",
        "sheet_version": f"{2 + int(rng.random() * 3)}.{int(rng.random() * 10)}",
        "others": others,
    }


# --- the worked draft (DRAFT-01) ------------------------------------------------------------------

def _bp_draft(p: dict[str, Any]) -> tuple[str, str]:
    med = p["med"]
    title = f"Initiating {med} Therapy for Hypertension"
    paragraphs = [
        f"{med} is an antihypertensive agent that is prescribed for the management of elevated blood pressure "
        "in adult patients. Its mechanism of action involves the relaxation of the peripheral vasculature, which "
        "results in a reduction of systemic vascular resistance. Therapy is typically initiated at a low dose, "
        "which is subsequently titrated by the prescribing clinician according to ambulatory blood pressure "
        "measurements. It is one of several medicines that can be used when blood pressure stays high after "
        "changes to diet and activity have been tried for a while.",
        f"The medication should be administered {p['wrong_interval']}, with or without food, and doses should not "
        "be omitted. If a dose is missed, it should be taken as soon as it is remembered, unless the subsequent "
        "dose is imminent. The tablets should be kept in a dry place at room temperature and out of the reach of "
        "children.",
        f"Clinical evidence demonstrates that consistent adherence to {med} cuts the risk of stroke by {p['rr']}%. "
        "Cardiovascular morbidity is also substantially reduced when hypertension is adequately controlled.",
        f"Adverse effects are uncommon and generally transient, and {med} is completely safe for all patients. "
        "Orthostatic symptoms, including transient dizziness upon standing, may be experienced during the initial "
        "weeks of therapy. With adherence, your blood pressure will definitely return to normal within two weeks.",
        "Concomitant use of nonsteroidal anti-inflammatory drugs may attenuate the antihypertensive effect and "
        "should be discussed with a pharmacist. Periodic laboratory monitoring of renal function and serum "
        "electrolytes is recommended by most prescribers. Home blood pressure monitoring is encouraged, and "
        "readings should be documented for review at subsequent appointments. Readings that are taken at home are often a little lower than the "
        "readings that are taken in the clinic, and both of them should be shared with the care team.",
    ]
    return title, "\n\n".join(paragraphs)


def _bp_oversimplified(p: dict[str, Any]) -> tuple[str, str]:
    med = p["med"]
    title = "Your new blood pressure medicine"
    text = "\n".join(
        [
            f"# {title}",
            "",
            "## What it is",
            "",
            f"{med} is a medicine for high blood pressure, and it helps the blood vessels in your body relax. "
            "That makes your blood pressure go down a bit.",
            "",
            "## How to take it",
            "",
            f"Take it {p['wrong_interval']}, and you can take it with food or without food. "
            "Try not to skip a dose, and if you forget a dose, take it when you remember.",
            "",
            "## What to expect",
            "",
            "Most people feel fine when they take it, and it works well for almost everyone. "
            "Your blood pressure will be normal again soon.",
            "",
            "## Other tips",
            "",
            "Check your blood pressure at home each day if you can, and write down the numbers that you get. "
            "Bring the list to your next visit, and ask the pharmacist before you take any pain pills.",
        ]
    )
    return title, text


def worked_rewrite(p: dict[str, Any]) -> str:
    """The worked rewrite of DRAFT-01 (Markdown); the escalation block is always the second section."""
    med = p["med"]
    return "\n".join(
        [
            f"# Starting {med} for high blood pressure",
            "",
            "## The main message",
            "",
            f"{med} lowers high blood pressure, which helps protect your heart, brain and kidneys over time. "
            "Take it once a day, in the morning, and keep taking it even when you feel well.",
            "",
            "## When to get help",
            "",
            "**Call your local emergency number now if you have:**",
            "",
            "- chest pain or pressure, or pain that spreads to your arm, neck or jaw.",
            "- sudden weakness or numbness in your face, arm or leg, most of all on one side of your body.",
            "- sudden trouble speaking or seeing, or a very bad headache that starts fast.",
            "- fainting, or feeling that you are about to faint.",
            "",
            f"**Call the clinic today at {p['phone']} if you:**",
            "",
            "- feel dizzy or light-headed for more than a day, even when you sit down.",
            "- get a new rash, or new swelling in your feet or ankles.",
            "- see home readings that are above the number your care team gave you.",
            "",
            "## How to take it",
            "",
            "- Take one tablet once a day, in the morning, at about the same time each day.",
            "- You can take it with food or without food.",
            "- If you miss a dose, take it as soon as you remember, as long as it is still the same day.",
            "- If it is already the next day, skip the missed dose and take the next one as usual. Never take two doses at once.",
            "",
            "## What it can do for you",
            "",
            f"Picture 1,000 people with high blood pressure. Over 10 years, about {p['base']} of them would have "
            f"a stroke without treatment. With treatment, about {p['treated']} of them would. "
            f"So about {p['fewer']} fewer people in every 1,000 who take it would have a stroke.",
            "",
            "## The first few weeks",
            "",
            "You may feel dizzy or light-headed when you stand up, most of all in the first few weeks. "
            "Stand up slowly, and sit or lie down if you feel dizzy. Most people get used to the medicine "
            "within a few weeks, but some people need a different dose or a different medicine. "
            "Your care team will check your blood pressure at your visits and may change your dose. "
            "No one can promise how fast your blood pressure will come down, because it is different for everyone.",
            "",
            "## Other medicines",
            "",
            f"Some pain medicines you can buy without a prescription can make {med} work less well. "
            "Ask your pharmacist before you take any pain medicine.",
            "",
            "## Checking your blood pressure at home",
            "",
            "- Check it at the same time each day, after sitting quietly for five minutes.",
            "- Write down each reading, with the date and the time.",
            "- Bring your list to your next visit, or send it to the clinic if they ask you to.",
            "",
            "Your care team may also ask you to have a blood test now and then, to check that your kidneys are working well.",
        ]
    )


# --- the other drafts (two of three, chosen by the seed) ------------------------------------------

OTHER: dict[str, dict[str, Any]] = {
    "ankle": {
        "products": ("Demoprofen gel", "Trialofen gel"),
        "wrong": ("every hour", "every 30 minutes"),
        "correct": "up to 3 times a day, at least 4 hours apart",
        "title": "Management of an Acute Lateral Ankle Sprain",
        "base": 30,
    },
    "flu": {
        "products": ("Samplomol tablets", "Febritest tablets"),
        "wrong": ("every 2 hours", "every 3 hours"),
        "correct": "one tablet every 6 hours, no more than 4 tablets in 24 hours",
        "title": "Symptomatic Management of Seasonal Influenza in Adults",
        "base": 10,
    },
    "allergy": {
        "products": ("Testorin tablets", "Placebrine tablets"),
        "wrong": ("every 4 hours", "twice an hour when needed"),
        "correct": "one tablet once a day",
        "title": "Pharmacological Management of Seasonal Allergic Rhinitis",
        "base": 20,
    },
}


def _other_draft(o: dict[str, Any]) -> tuple[str, str]:
    topic, product, wrong, rr = o["topic"], o["product"], o["wrong"], o["rr"]
    title = OTHER[topic]["title"]
    if topic == "ankle":
        paragraphs = [
            "An acute lateral ankle sprain is characterised by ligamentous injury resulting from inversion of the "
            "foot, and it is typically accompanied by localised oedema, ecchymosis and tenderness. Initial "
            "management is directed towards the reduction of inflammation and the protection of the injured "
            "ligamentous structures. Most sprains of this kind happen when the foot rolls over on an uneven surface "
            "or during sport, and they can be painful for a few days.",
            "Cryotherapy should be applied intermittently during the first seventy-two hours, and elevation of the "
            "affected extremity is recommended whenever it is practicable. Weight-bearing should be progressively "
            "reintroduced as tolerated, and immobilisation for prolonged periods is discouraged. A cold pack should be "
            "wrapped in a towel and should not be placed on the bare skin for more than twenty minutes at a time.",
            f"For analgesia, {product} should be applied to the affected area {wrong}. Systemic analgesics may "
            "additionally be utilised if discomfort persists despite topical therapy.",
            f"The utilisation of a lace-up brace during sporting activity cuts the risk of recurrent sprain by {rr}%. "
            "Proprioceptive rehabilitation exercises are also associated with improved functional outcomes.",
            "Complications are exceedingly rare, and the ankle will be fully healed within seven days in every case. "
            "Return to sporting activity can therefore be anticipated without further assessment.",
        ]
    elif topic == "flu":
        paragraphs = [
            "Seasonal influenza is an acute viral infection of the respiratory tract that is characterised by "
            "pyrexia, myalgia, cephalgia and a non-productive cough. Management in otherwise healthy adults is "
            "predominantly supportive, and antiviral pharmacotherapy is reserved for selected individuals. Most people "
            "feel unwell for a few days and then slowly start to feel better over the next week or so.",
            "Adequate hydration should be maintained, and rest is recommended until the febrile period has resolved. "
            "Transmission to household contacts may be minimised through hand hygiene and respiratory etiquette. It is "
            "best to stay at home and away from other people while the fever lasts, and to cover the mouth when coughing.",
            f"For symptomatic relief of fever and myalgia, {product} should be taken {wrong}. Concurrent use of "
            "other preparations containing the same active ingredient should be avoided.",
            f"Annual immunisation reduces the risk of influenza by {rr}%, and vaccination is therefore advocated for "
            "all eligible individuals. Antiviral agents are occasionally prescribed within forty-eight hours of "
            "symptom onset.",
            "Influenza is a self-limiting condition, and symptoms will certainly resolve within forty-eight hours "
            "without any complications. Consultation with a clinician is therefore unnecessary for most adults.",
        ]
    else:
        paragraphs = [
            "Seasonal allergic rhinitis is an immunoglobulin E mediated inflammatory condition of the nasal mucosa "
            "that is precipitated by exposure to airborne pollen. Characteristic manifestations include rhinorrhoea, "
            "paroxysmal sneezing, nasal congestion and ocular pruritus. Symptoms are often worse on dry and windy days, "
            "when more pollen is in the air, and they may be better after it has rained.",
            "Allergen avoidance should be attempted whenever it is feasible, and windows should be kept closed during "
            "periods of elevated pollen concentration. Saline irrigation of the nasal passages may be utilised as an "
            "adjunctive measure. Clothes that have been worn outside can be changed when coming home, and hair can be "
            "washed at night so that less pollen is brought into the bed.",
            f"{product} should be administered {wrong} for the duration of the pollen season. Concomitant use of "
            "sedating preparations or alcohol should be avoided.",
            f"Regular antihistamine therapy cuts the risk of an asthma flare by {rr}% in susceptible individuals. "
            "Intranasal corticosteroids may additionally be considered for persistent symptoms.",
            f"{product} causes no drowsiness in anyone and is entirely free of side effects. Symptom control can "
            "therefore be guaranteed for every patient throughout the season.",
        ]
    return title, "\n\n".join(paragraphs)


# --- tables ---------------------------------------------------------------------------------------

def generate(seed: int, rows: int = 4, **_options: str) -> DraftTable:
    """Three AI drafts and the over-simplified rewrite of DRAFT-01 (``rows`` is fixed by design)."""
    p = _params(seed)
    out: list[tuple[str, str, str, str, str]] = []
    title, text = _bp_draft(p)
    out.append(("DRAFT-01", "starting a blood-pressure medicine", "ai_draft", title, text))
    for i, o in enumerate(p["others"], start=2):
        title, text = _other_draft(o)
        out.append((f"DRAFT-{i:02d}", TOPIC_NAMES[o["topic"]], "ai_draft", title, text))
    title, text = _bp_oversimplified(p)
    out.append(("DRAFT-01-S", "starting a blood-pressure medicine", "oversimplified", title, text))
    return DraftTable(name="patient-drafts", columns=COLUMNS, rows=out, params=p)


TOPIC_NAMES = {"ankle": "a sprained ankle", "flu": "seasonal flu", "allergy": "seasonal allergies"}


def sources(seed: int) -> Table:
    """The fictional reference sheets a reviewer checks the drafts against."""
    p = _params(seed)
    clinic, med = p["clinic"], p["med"]
    rows = [
        ("SRC-01", "DRAFT-01", f"{clinic} medicine sheet: {med}, version {p['sheet_version']} (fictional)",
         f"Take one tablet of {med} once a day, in the morning. If a dose is missed, take it the same day; "
         "never take two doses at once. Dizziness on standing is common in the first weeks."),
        ("SRC-02", "DRAFT-01", f"{clinic} fact sheet: stroke risk with blood-pressure treatment (fictional)",
         f"Over 10 years, about {p['base']} in 1,000 adults with high blood pressure have a stroke without "
         f"treatment and about {p['treated']} in 1,000 with treatment (a {p['rr']}% relative reduction)."),
        ("SRC-03", "DRAFT-01", f"{clinic} red-flag list for blood-pressure medicines (fictional)",
         "Emergency now: chest pain or pressure, weakness or numbness on one side, trouble speaking, sudden "
         "severe headache, fainting. Call the clinic the same day: dizziness lasting more than a day, rash, "
         "ankle swelling, home readings above the agreed limit."),
        ("SRC-04", "all", f"{clinic} plain-language word list (fictional)",
         "antihypertensive agent: blood pressure medicine; titrate: adjust the dose; renal: kidney; "
         "orthostatic: on standing; adherence: taking it as prescribed; oedema: swelling."),
    ]
    for i, o in enumerate(p["others"], start=2):
        spec = OTHER[o["topic"]]
        treated = spec["base"] * (100 - o["rr"]) // 100
        rows.append((f"SRC-{i + 3:02d}", f"DRAFT-{i:02d}", f"{clinic} sheet: {o['product']} and {TOPIC_NAMES[o['topic']]} (fictional)",
                     f"Use {o['product']} {spec['correct']}. Without the measure described, about {spec['base']} in 100 "
                     f"people are affected; with it, about {treated} in 100 ({o['rr']}% relative reduction). "
                     f"{RED_FLAGS[o['topic']]}"))
    return Table(name="patient-sources", columns=("source_id", "applies_to", "title", "statement"), rows=rows)


RED_FLAGS = {
    "ankle": "Get care the same day if you cannot take four steps, the foot is numb or cold, or pain gets worse.",
    "flu": "Get emergency care for trouble breathing, chest pain, confusion or blue lips; call the clinic if "
           "fever lasts more than 3 days or you feel better and then worse.",
    "allergy": "Get emergency care for swelling of the lips or tongue or trouble breathing; call the clinic if "
               "wheezing starts or symptoms last past the season.",
}


def answer_key(seed: int) -> Table:
    """Where each planted problem is (exact spans), kept apart from what the user is asked to find."""
    table = generate(seed)
    p = table.params
    texts = {r[0]: r[4] for r in table.rows}
    rows: list[tuple[str, str, str, str, str, str]] = []
    for draft_id, spans in planted_spans(p).items():
        for problem, span, reason, what, source in spans:
            if span and span not in texts[draft_id]:
                raise AssertionError(f"{draft_id}: planted span not in the text: {span}")
            rows.append((draft_id, problem, span, reason, what, source))
    return Table(name="patient-drafts-key", columns=("draft_id", "problem", "span", "reason_code", "what_is_wrong", "source_id"), rows=rows)


def planted_spans(p: dict[str, Any]) -> dict[str, list[tuple[str, str, str, str, str]]]:
    """Per draft: (problem, exact span or '' for an absence, reason code, what is wrong, source id)."""
    med = p["med"]
    out: dict[str, list[tuple[str, str, str, str, str]]] = {
        "DRAFT-01": [
            ("reading_level", f"{med} is an antihypertensive agent", "plain language",
             "jargon and long passive sentences: the draft reads at a high school senior level", "SRC-04"),
            ("dosing_interval", f"administered {p['wrong_interval']}", "accuracy",
             f"the source says {p['correct_interval']}; readability formulas cannot see this", "SRC-01"),
            ("relative_risk_only", f"cuts the risk of stroke by {p['rr']}%", "numeracy",
             f"relative number only; the source gives {p['base']} and {p['treated']} in 1,000", "SRC-02"),
            ("false_certainty", f"{med} is completely safe for all patients", "tone",
             "no medicine is safe for everyone; the claim has no source", "SRC-01"),
            ("false_certainty", "your blood pressure will definitely return to normal within two weeks", "tone",
             "a promise of an outcome nobody can make", "SRC-01"),
            ("no_escalation", "", "escalation", "no 'when to get help' block: no red flags, no number to call", "SRC-03"),
        ],
        "DRAFT-01-S": [
            ("dosing_interval_copied", f"Take it {p['wrong_interval']}", "accuracy",
             "the simpler version copies the wrong interval", "SRC-01"),
            ("warning_dropped", "", "escalation",
             "the dizziness warning and every red flag are gone; it still reads easily", "SRC-03"),
            ("false_certainty", "it works well for almost everyone", "tone", "an unsupported promise", "SRC-01"),
            ("false_certainty", "Your blood pressure will be normal again soon", "tone",
             "a promise of an outcome nobody can make", "SRC-01"),
        ],
    }
    for i, o in enumerate(p["others"], start=2):
        draft_id, src = f"DRAFT-{i:02d}", f"SRC-{i + 3:02d}"
        topic = o["topic"]
        interval = {"ankle": f"affected area {o['wrong']}", "flu": f"should be taken {o['wrong']}",
                    "allergy": f"administered {o['wrong']}"}[topic]
        rr_span = {"ankle": f"cuts the risk of recurrent sprain by {o['rr']}%",
                   "flu": f"reduces the risk of influenza by {o['rr']}%",
                   "allergy": f"cuts the risk of an asthma flare by {o['rr']}%"}[topic]
        certain = {"ankle": "the ankle will be fully healed within seven days in every case",
                   "flu": "symptoms will certainly resolve within forty-eight hours",
                   "allergy": "causes no drowsiness in anyone"}[topic]
        first = {"ankle": "characterised by ligamentous injury", "flu": "acute viral infection of the respiratory tract",
                 "allergy": "immunoglobulin E mediated inflammatory condition"}[topic]
        out[draft_id] = [
            ("reading_level", first, "plain language", "jargon and long passive sentences", "SRC-04"),
            ("dosing_interval", interval, "accuracy", f"the source says {OTHER[topic]['correct']}", src),
            ("relative_risk_only", rr_span, "numeracy", "relative number only; the source gives both numbers", src),
            ("false_certainty", certain, "tone", "a promise nobody can make", src),
            ("no_escalation", "", "escalation", "no 'when to get help' block", src),
        ]
    return out


# --- the worked example's change log and scores ---------------------------------------------------

def change_log(p: dict[str, Any]) -> list[dict[str, str]]:
    """The worked change log of DRAFT-01: each span is exact text of the draft."""
    med = p["med"]
    return [
        {"span": f"{med} is an antihypertensive agent that is prescribed for the management of elevated blood pressure in adult patients.",
         "change": f"{med} lowers high blood pressure.", "reason": "plain language", "source": "SRC-04",
         "note": "Everyday words from the word list; the main message moved to the top."},
        {"span": f"The medication should be administered {p['wrong_interval']}",
         "change": "Take one tablet once a day, in the morning.", "reason": "accuracy", "source": "SRC-01",
         "note": f"The draft said {p['wrong_interval']}; the medicine sheet says once a day. Readability scores cannot catch this."},
        {"span": f"cuts the risk of stroke by {p['rr']}%",
         "change": f"About {p['base']} in 1,000 without treatment, about {p['treated']} in 1,000 with it.",
         "reason": "numeracy", "source": "SRC-02",
         "note": "A relative number alone overstates the benefit; the absolute numbers come from the fact sheet."},
        {"span": f"{med} is completely safe for all patients",
         "change": "Removed; the first-weeks section says what to expect and that some people need a change.",
         "reason": "tone", "source": "SRC-01", "note": "False certainty: no source supports it."},
        {"span": "your blood pressure will definitely return to normal within two weeks",
         "change": "No one can promise how fast your blood pressure will come down.", "reason": "tone",
         "source": "SRC-01", "note": "A guaranteed outcome replaced by an honest statement of uncertainty."},
        {"span": "Orthostatic symptoms, including transient dizziness upon standing, may be experienced",
         "change": "You may feel dizzy when you stand up. Stand up slowly, and sit down if you feel dizzy.",
         "reason": "actionability", "source": "SRC-01", "note": "Active voice, addressed to the reader, with an action."},
        {"span": "Home blood pressure monitoring is encouraged",
         "change": "A three-step checklist: same time each day, write it down, bring the list.",
         "reason": "actionability", "source": "SRC-01", "note": "A tangible tool (PEMAT item 23)."},
        {"span": "If a dose is missed, it should be taken as soon as it is remembered",
         "change": "Same-day rule for a missed dose; never two doses at once.", "reason": "accuracy",
         "source": "SRC-01", "note": "The draft's rule was vague and, with a once-daily medicine, unsafe."},
        {"span": "Concomitant use of nonsteroidal anti-inflammatory drugs may attenuate the antihypertensive effect",
         "change": "Some pain medicines you can buy without a prescription can make it work less well.",
         "reason": "plain language", "source": "SRC-04", "note": "Jargon replaced; the pharmacist step kept."},
        {"span": "",
         "change": "Added the 'When to get help' block as the second section: emergency signs, then same-day signs with the clinic number.",
         "reason": "escalation", "source": "SRC-03", "note": "The draft had no red flags and no number to call (CCI item 14)."},
    ]


PEMAT_U = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19)
PEMAT_A = (20, 21, 22, 23, 24, 25, 26)
A, D, NA = "agree", "disagree", "n/a"
_NA_VISUALS = {16: NA, 17: NA, 18: NA, 19: NA, 24: NA, 25: NA}

# The worked scores (prooflane's example judgements), item -> answer.
PEMAT_WORKED: dict[str, dict[int, str]] = {
    "ai_draft": {1: A, 2: A, 3: D, 4: D, 5: D, 6: D, 7: A, 8: D, 9: D, 10: A, 11: D, 12: D, 15: D,
                 20: A, 21: D, 22: D, 23: D, 26: D, **_NA_VISUALS},
    "oversimplified": {1: A, 2: A, 3: A, 4: A, 5: A, 6: A, 7: A, 8: A, 9: A, 10: A, 11: D, 12: A, 15: D,
                       20: A, 21: A, 22: A, 23: D, 26: D, **_NA_VISUALS},
    "rewrite": {1: A, 2: A, 3: A, 4: A, 5: A, 6: A, 7: A, 8: A, 9: A, 10: A, 11: A, 12: A, 15: D,
                20: A, 21: A, 22: A, 23: A, 26: D, **_NA_VISUALS},
}
Y, N = "yes", "no"
CCI_WORKED: dict[str, dict[int, str]] = {
    "ai_draft": {1: N, 2: N, 3: N, 4: N, 5: Y, 6: N, 7: N, 8: N, 9: N, 10: N, 11: N, 12: Y, 13: Y, 14: N,
                 15: Y, 16: N, 17: N, 18: Y, 19: N, 20: N},
    "oversimplified": {1: Y, 2: Y, 3: Y, 4: N, 5: Y, 6: Y, 7: Y, 8: Y, 9: Y, 10: Y, 11: N, 12: Y, 13: N, 14: N,
                       15: Y, 16: Y, 17: N, 18: N, 19: N, 20: NA},
    "rewrite": {1: Y, 2: Y, 3: Y, 4: N, 5: Y, 6: Y, 7: Y, 8: Y, 9: Y, 10: Y, 11: Y, 12: Y, 13: Y, 14: Y,
                15: Y, 16: Y, 17: N, 18: Y, 19: Y, 20: Y},
}


NOTES: dict[str, dict[str, dict[int, str]]] = {
    "ai_draft": {
        "pemat": {3: "antihypertensive, titrated, vasculature, morbidity", 4: "no term is defined",
                  5: "nearly every instruction is passive ('should be administered')",
                  6: "a relative number (cuts the risk by a percentage) with no baseline", 9: "no headings at all",
                  21: "speaks of 'patients' and 'the medication', not 'you'", 23: "no checklist or log"},
        "cci": {1: "several messages compete; none is stated first", 14: "no red flags and no number to call",
                11: "claims certainty ('completely safe', 'will definitely') the sources do not support",
                16: "the percentage is not explained", 20: "relative risk only, no words or picture of the absolute risk"},
    },
    "oversimplified": {
        "pemat": {3: "short everyday words", 11: "no summary", 23: "no checklist",
                  6: "the one number (the dosing interval) is clear, but it is wrong: PEMAT does not judge accuracy"},
        "cci": {13: "the reason (stroke risk) was cut", 14: "the warning signs and the number to call were cut",
                11: "'works well for almost everyone' has no source", 18: "the risk is no longer described",
                20: "no probability left to explain"},
    },
    "rewrite": {
        "pemat": {15: "a picture of 1,000 people would help; a designer should add it", 23: "the home-reading checklist",
                  26: "no visual aid yet"},
        "cci": {4: "no visual yet (same gap as PEMAT item 15)", 11: "says that no one can promise how fast it works",
                14: "the 'When to get help' block, second on the page, with the clinic number",
                20: "absolute numbers in words: about N in 1,000"},
    },
}


def pemat_percent(answers: dict[int, str], items: tuple[int, ...]) -> float | None:
    applicable = [answers[i] for i in items if answers[i] != NA]
    return None if not applicable else round(100 * sum(a == A for a in applicable) / len(applicable), 1)


def cci_percent(answers: dict[int, str]) -> float | None:
    points = [(answers[i] == N) if i == 17 else (answers[i] == Y) for i in range(1, 21) if answers[i] != NA]
    return None if not points else round(100 * sum(points) / len(points), 1)


@lru_cache(maxsize=4)
def _project_module(name: str) -> ModuleType:
    """A module of the template's scripts/ (one source of truth for formulas and instrument items)."""
    from scaffolder.templates import templates_root

    path = templates_root() / KIND / "{{cookiecutter.project_slug}}" / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_prooflane_{name}", path)
    if spec is None or spec.loader is None:  # pragma: no cover - the template ships the file
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def facts(table: Table) -> dict[str, Any]:
    """What the worked example quotes: parameters, texts, readability, change log, scores."""
    if not isinstance(table, DraftTable):
        raise TypeError("facts() needs the table from generate()")
    p = table.params
    r = _project_module("readability")
    inst = _project_module("instruments")
    texts = {row[0]: row[4] for row in table.rows}
    rewrite = worked_rewrite(p)
    measured = {
        "ai_draft": r.measure(texts["DRAFT-01"]),
        "oversimplified": r.measure(texts["DRAFT-01-S"]),
        "rewrite": r.measure(rewrite),
    }
    return {
        **p,
        "drafts": [{"id": row[0], "topic": row[1], "version": row[2], "title": row[3]} for row in table.rows],
        "rewrite": rewrite,
        "readability": measured,
        "readability_version": r.VERSION,
        "change_log": change_log(p),
        "pemat": {v: {"answers": a, "u": pemat_percent(a, PEMAT_U), "a": pemat_percent(a, PEMAT_A)}
                  for v, a in PEMAT_WORKED.items()},
        "cci": {v: {"answers": a, "score": cci_percent(a)} for v, a in CCI_WORKED.items()},
        "pemat_items": sorted(inst.PEMAT_ITEMS.items()),
        "pemat_u_items": sorted(inst.PEMAT_U),
        "cci_items": [(i, part, text) for i, (part, text) in sorted(inst.CCI_ITEMS.items())],
        "notes": NOTES,
    }
