"""Fictional documents from the vendors a user assesses: a model card excerpt, a security summary and contract clauses.

Every vendor after the worked example (``V02`` onwards, see :mod:`synthetic.vendors`) sends three short
documents. What they say about each checklist item is drawn per seed: the evidence is good (``met``),
has a gap (``partial``), says no (``not-met``) or is silent (the item is then ``unknown`` until the
vendor answers). A vendor that makes red-flag claims draws weaker evidence. The item-level answer key
(:mod:`synthetic.vendor_items_key`) records which it was, so a reviewer can compare their calls.

Every number in the documents (sites, cases, error counts and their 95% Wilson intervals, notice
periods) is drawn or computed here; the texts name only invented people on ``.example`` domains.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from synthetic.pools import person_name
from synthetic.rng import make_rng, weighted_index
from synthetic.table import Table
from synthetic.vendors import build

SUMMARY = "Three short fictional documents per assessed vendor (model card excerpt, security summary, contract)."
COLUMNS: tuple[str, ...] = ("vendor_id", "document", "section", "paragraph", "text")
DOCUMENTS: tuple[tuple[str, str], ...] = (
    ("model-card", "Model card excerpt"),
    ("security", "Security summary"),
    ("contract", "Contract clauses (master agreement and business associate agreement excerpt)"),
)
VARIANTS: tuple[str, ...] = ("met", "partial", "not-met", "silent")  # plus "n/a", only ever forced
# Draw weights for met, partial, not-met, silent: a careful vendor and one that makes red-flag claims.
WEIGHTS = {"careful": (0.62, 0.28, 0.02, 0.08), "flagged": (0.12, 0.33, 0.33, 0.22)}


@dataclass(frozen=True)
class Fact:
    """What the documents can say about one checklist item (None: the variant is not used for it)."""

    item: str
    document: str
    section: str
    met: str
    partial: str
    not_met: str | None
    not_applicable: str | None = None


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for k events in n, as percentages rounded to one decimal."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return round(100 * max(0.0, centre - half), 1), round(100 * min(1.0, centre + half), 1)


FACTS: tuple[Fact, ...] = (
    # ------------------------------------------------------------------ Govern
    Fact("GOV-01", "model-card", "Basic info",
         "Clinical safety questions go to {safety_lead}, Clinical Safety Officer (safety@{domain}), who answers "
         "urgent safety reports within one working day.",
         "Questions go to the customer success team (success@{domain}); no clinical safety contact is named.",
         None),
    Fact("GOV-02", "model-card", "Release info",
         "Regulatory position: {vendor} states in writing that {product} supports {task} and is not intended to "
         "make clinical decisions; it relies on no device clearance and lists no exemption by number.",
         "Regulatory position: described as 'workflow software'; no written statement of intended use is attached.",
         None),
    Fact("GOV-03", "contract", "Business associate agreement",
         "{vendor} signs the customer's business associate agreement. Breaches of unsecured patient information "
         "are reported within {breach_days} calendar days of discovery.",
         "{vendor} signs only its own business associate agreement, which reports breaches 'without unreasonable "
         "delay and within {breach_days_long} days'.",
         "{vendor} signs a business associate agreement only after a paid pilot, during which the pilot data "
         "would already be shared."),
    Fact("GOV-04", "security", "Attestations",
         "SOC 2 Type II report covering the 12 months to {soc_end}, by an independent audit firm; summary letter "
         "attached, full report under a non-disclosure agreement.",
         "SOC 2 Type I report dated {soc_end} (controls designed, not tested over a period); a Type II audit is "
         "planned.",
         "No SOC 2 or equivalent report yet; the vendor sent a self-completed security questionnaire."),
    Fact("GOV-05", "security", "Subprocessors",
         "Named subprocessors: {third_party}. Each subprocessor agreement forbids keeping or training on customer "
         "data, and customers get {notice_days} days' notice of a new subprocessor.",
         "Third-party services: {third_party}. The list of subprocessors is 'available on request'.",
         None),
    Fact("GOV-06", "contract", "Use of customer data",
         "Customer data is used only to provide the service to that customer; it does not train models used for "
         "other customers.",
         "De-identified customer data may be used to improve the service unless the customer opts out in writing.",
         "Customer data, pooled across customers, is used to train and improve the vendor's shared models."),
    Fact("GOV-07", "contract", "Notification duties",
         "The vendor tells the customer within {incident_hours} hours of finding a defect that could affect "
         "patient safety, and within {breach_days} days of a security incident.",
         "The vendor tells customers of security incidents as required by law; other defects are listed in "
         "release notes.",
         None),
    Fact("GOV-08", "model-card", "Uses and directions",
         "A {training_minutes}-minute training module for {users_short} comes with the product, with a one-page "
         "guide on when not to rely on the output.",
         "Online help pages are provided; there is no training module.",
         None),
    Fact("GOV-09", "model-card", "Trust ingredients",
         "Inputs that are protected characteristics under Section 1557 (45 CFR 92.210): {protected}. The card "
         "says why each is used and points to the subgroup results below.",
         "The card lists the inputs ({protected}) but does not say which are protected characteristics or how "
         "discrimination risk was checked.",
         None),
    # ------------------------------------------------------------------ Map
    Fact("MAP-01", "model-card", "Uses and directions",
         "Intended use: {intended_use} The output informs {decision}.",
         "Intended use: {intended_use}",
         None),
    Fact("MAP-02", "model-card", "Uses and directions",
         "Intended users: {users}. Tested with adults 18 and over, in {languages}.",
         "Intended users: {users}. The patient population it was tested on is not described.",
         None),
    Fact("MAP-03", "model-card", "Warnings",
         "Not for use: {out_of_scope}.",
         "Warnings: 'use professional judgement'; no out-of-scope uses are listed.",
         None),
    Fact("MAP-04", "model-card", "Model summary",
         "Output: {output_desc}, shown in the {screen} with a label saying it was drafted by software.",
         "Output: {output_desc}.",
         None),
    Fact("MAP-05", "security", "Data handled",
         "Data handled: {data_touched}. Fields can be switched off per clinic.",
         "Data handled: {data_touched}, plus 'other record fields as needed'.",
         None),
    Fact("MAP-06", "model-card", "Uses and directions",
         "Human review: {review_good}",
         "Human review: {review_weak}",
         "Human review: {review_none}"),
    Fact("MAP-07", "model-card", "Warnings",
         "Groups at higher risk of errors, named from testing: {risk_groups}.",
         "The card says results 'may vary for some groups' without naming them.",
         None),
    Fact("MAP-08", "model-card", "Resources",
         "Telling patients: {disclosure_good}",
         "Telling patients: {disclosure_weak}",
         "Telling patients: the vendor leaves any notice to patients to the customer and supplies no wording."),
    # ------------------------------------------------------------------ Measure
    Fact("MEA-01", "model-card", "Trust ingredients",
         "Development data: {dev_cases} {unit_plural} from {dev_sites} outpatient organisations, {dev_years}, "
         "described by age group, sex and language.",
         "Development data: 'a large proprietary dataset'; no counts or sources.",
         None),
    Fact("MEA-02", "model-card", "Key metrics",
         "{metric_name}: {errors} in {cases} {unit_plural} ({rate}%; 95% interval {lo}% to {hi}%).",
         "Key metric, in the vendor's words: \"overall accuracy {accuracy}% on our own test set\"; no error type is "
         "reported.",
         None),
    Fact("MEA-03", "model-card", "Key metrics",
         "External validation: tested at {ext_sites} organisations that took no part in development, by reviewers "
         "who were not employed by the vendor.",
         "Validation: tested at the vendor's own pilot sites only.",
         None),
    Fact("MEA-04", "model-card", "Key metrics",
         "Results by subgroup: {subgroup_table}.",
         "Subgroup results: 'no meaningful differences were found'; no figures.",
         None),
    Fact("MEA-05", "model-card", "Warnings",
         "Known failure modes, from testing: {failures}.",
         "Known limitations: 'the output may occasionally contain errors'.",
         None),
    Fact("MEA-06", "contract", "Pilot terms",
         "The customer may run a silent pilot of up to {pilot_weeks} weeks on its own data, with the vendor's "
         "help to compare output with staff decisions, before go-live.",
         "A pilot is offered, but only with the product live for staff.",
         None),
    Fact("MEA-07", "model-card", "Resources",
         "Evidence for the published figures: an evaluation report ({report_pages} pages) with methods and data "
         "is available under a non-disclosure agreement.",
         "Evidence: the brochure figures come from 'customer feedback'; no report is attached.",
         None),
    Fact("MEA-08", "model-card", "Key metrics",
         "Usefulness: a before-and-after time study at {ext_sites} sites, {time_cases} {unit_plural}, with the "
         "measurement method described.",
         "Usefulness: customer testimonials only.",
         None),
    Fact("MEA-09", "model-card", "Warnings",
         "Generative-AI risks (NIST AI 600-1): invented content in {confab} of {cases} drafts, omissions reported "
         "separately; tested against instructions hidden in patient-written text (prompt injection); the model "
         "provider keeps no prompts.",
         "Generative-AI risks: 'content filters are applied'; no test results for invented content or prompt "
         "injection.",
         None,
         "Generated text: none; the product sends only message templates that staff approved word for word."),
    # ------------------------------------------------------------------ Manage
    Fact("MAN-01", "model-card", "Ongoing maintenance",
         "Monitoring: customers get a monthly report of {monitor_measure}, with a threshold that triggers a review.",
         "Monitoring: usage statistics are available; no safety or quality measure is tracked.",
         None),
    Fact("MAN-02", "contract", "Changes to the service",
         "Changes to the model: {updates}. Each release also comes with {change_days} days' notice and a "
         "revalidation summary.",
         "Changes to the model: {updates}. Release notes appear when a change goes live; there is no "
         "revalidation summary.",
         "Changes to the model: {updates}. The vendor may update models at any time."),
    Fact("MAN-03", "security", "Incident response",
         "Staff report a wrong or unsafe output with one click; reports reach the vendor's safety team, which "
         "answers within {report_days} working days.",
         "Errors are reported through the general support portal.",
         None),
    Fact("MAN-04", "security", "Operations",
         "A clinic administrator can switch the product off at once for one clinic or all; the downtime procedure "
         "is documented.",
         "The product can be switched off by contacting support.",
         "The product cannot be switched off per clinic; stopping it means ending the service."),
    Fact("MAN-05", "security", "Audit logging",
         "Every {output} is logged with the model version, the user who reviewed it and what they changed; logs "
         "are kept {log_years} years and can be exported.",
         "Access is logged; edits to {output_plural} are not.",
         None),
    Fact("MAN-06", "contract", "Retention and exit",
         "Retention: {retention}. On exit the vendor returns the data within {exit_days} days and certifies "
         "deletion, including backups.",
         "Retention: {retention}. Return of data on exit is 'by arrangement'.",
         "Retention: {retention}. Data may be kept after the contract ends to improve the vendor's models."),
)

_PRODUCT_WORDS = {
    "ambient-scribe": {
        "task": "clinicians documenting visits", "users_short": "clinicians", "unit_plural": "visit notes",
        "output": "draft note", "output_plural": "draft notes", "screen": "record's note editor",
        "output_desc": "a draft visit note in the clinic's note template",
        "decision": "what the clinician writes in the record; the clinician edits and signs the note",
        "languages": "English and Spanish",
        "out_of_scope": "suggesting diagnoses or orders; visits with interpreters on a separate line; "
                        "behavioural health visits",
        "review_good": "the clinician must open and sign every draft; signing without opening is blocked and logged.",
        "review_weak": "the clinician signs each note, but signing without opening the draft is possible.",
        "review_none": "drafts can be filed to the record automatically when the clinician has not acted within "
                       "48 hours.",
        "disclosure_good": "patients hear a consent script before recording starts (English and Spanish, reading "
                           "age about 12), may decline, and each note says software helped draft it.",
        "disclosure_weak": "a consent script is supplied but its use is optional; notes do not say software "
                           "helped.",
        "protected": "patient age and sex (from the problem list)",
        "risk_groups": "patients speaking with an accent the speech model saw little of, and visits with three or "
                       "more speakers",
        "metric_name": "Drafts with a clinically important error (omission, addition or wrong speaker)",
        "failures": "crosstalk between speakers, medication names said quickly, negated findings "
                    "('no chest pain') dropped",
        "monitor_measure": "edit rate and reported errors per clinician",
    },
    "patient-messaging": {
        "task": "clinics confirming and rescheduling appointments by text", "users_short": "scheduling staff",
        "unit_plural": "text conversations", "output": "outgoing message", "output_plural": "outgoing messages",
        "screen": "staff inbox",
        "output_desc": "text replies to patients about appointments, from approved templates",
        "decision": "whether an appointment is kept, moved or cancelled; anything else goes to staff",
        "languages": "English, Spanish and Vietnamese",
        "out_of_scope": "symptom advice; medication questions; any message from a patient under 18",
        "review_good": "replies come only from templates staff approved; any free-text question from a patient "
                       "goes to a staff member before a reply is sent.",
        "review_weak": "generated replies go out at once; staff read the conversation afterwards.",
        "review_none": "generated replies go out with no staff review, day and night.",
        "disclosure_good": "every automated text says it is automated and that replying STAFF or calling "
                           "{phone} reaches a person; after-hours messages give the emergency number.",
        "disclosure_weak": "the first text says the service is automated; later texts do not, and no route to "
                           "a person is given after hours.",
        "protected": "preferred language and age",
        "risk_groups": "patients writing in languages other than English, and patients who text in a mix of "
                       "two languages",
        "metric_name": "Messages about symptoms that were not passed to staff",
        "failures": "slang and misspellings of symptom words, messages mixing two languages, replies to old "
                    "reminders",
        "monitor_measure": "escalations, opt-outs and messages not passed to staff",
    },
}


def _words(product_type: str) -> dict[str, str]:
    return dict(_PRODUCT_WORDS.get(product_type, _PRODUCT_WORDS["ambient-scribe"]))


def _values(rng: random.Random, profile: dict[str, object]) -> dict[str, object]:
    """The numbers and names a vendor's documents quote (drawn once per vendor)."""
    cases = 300 + int(rng.random() * 700)
    errors = 3 + int(rng.random() * 0.06 * cases)
    lo, hi = wilson(errors, cases)
    groups = ("age 18-44", "age 45-64", "age 65 and over")
    counts = [max(40, int(cases * share)) for share in (0.34, 0.38, 0.28)]
    group_errors = [max(0, round(errors * c / cases * (0.6 + 0.8 * rng.random()))) for c in counts]
    table = "; ".join(
        f"{g}: {e} in {c} ({round(100 * e / c, 1)}%)" for g, e, c in zip(groups, group_errors, counts)
    )
    words = _words(str(profile["product_type"]))
    values: dict[str, object] = {
        **words,
        "vendor": profile["name"], "product": profile["product_name"],
        "domain": str(profile["website"]).removeprefix("https://"),
        "safety_lead": person_name(rng), "breach_days": 5 + int(rng.random() * 10),
        "breach_days_long": 45 + 15 * int(rng.random() * 2), "soc_end": f"{('March', 'June', 'September')[int(rng.random() * 3)]} 2025",
        "third_party": profile["third_party_models"], "notice_days": 30 + 15 * int(rng.random() * 3),
        "incident_hours": (24, 48, 72)[int(rng.random() * 3)], "training_minutes": 20 + 10 * int(rng.random() * 3),
        "intended_use": profile["intended_use"], "users": profile["intended_users"],
        "data_touched": profile["data_touched"], "retention": profile["data_retention"],
        "updates": str(profile["model_updates"]).rstrip("."),
        "dev_cases": 4000 + 500 * int(rng.random() * 20), "dev_sites": 5 + int(rng.random() * 8),
        "dev_years": f"{2019 + int(rng.random() * 3)}-2024",
        "errors": errors, "cases": cases, "rate": round(100 * errors / cases, 1), "lo": lo, "hi": hi,
        "accuracy": 90 + int(rng.random() * 9), "ext_sites": 2 + int(rng.random() * 4), "subgroup_table": table,
        "pilot_weeks": 4 + 2 * int(rng.random() * 3), "report_pages": 12 + int(rng.random() * 30),
        "time_cases": 150 + int(rng.random() * 300), "confab": 1 + int(rng.random() * 0.02 * cases),
        "change_days": 30 + 30 * int(rng.random() * 2), "pin_days": 60 + 30 * int(rng.random() * 2),
        "report_days": 2 + int(rng.random() * 3), "log_years": 6 + int(rng.random() * 2),
        "exit_days": 30 + 30 * int(rng.random() * 2),
        "phone": profile.get("contact_phone", "555-0100"),
    }
    values["disclosure_good"] = str(values["disclosure_good"]).format(**values)
    if profile["product_type"] == "patient-messaging" and "approved templates" not in str(profile["decision_role"]):
        values["output_desc"] = "text replies to patients about appointments, written by the software"
    return values


def _forced(item: str, profile: dict[str, object], flagged: bool, rng: random.Random, drawn: str) -> str | None:
    """The variant an item must take so the documents agree with the vendor's profile (None: draw it)."""
    docs, retention = str(profile["documents_provided"]), str(profile["data_retention"])
    updates, third = str(profile["model_updates"]), str(profile["third_party_models"])
    if item == "MEA-09" and "approved templates" in str(profile["decision_role"]):
        return "n/a"
    for needed, doc_item in (("Subgroup performance table", "MEA-04"), ("External validation summary", "MEA-03"),
                             ("Incident response policy", "MAN-03"), ("Implementation and training guide", "GOV-08")):
        if item == doc_item and needed in docs:
            return "met"
    if item == "GOV-03" and "business associate agreement" in docs and drawn == "not-met":
        return "partial"
    if item == "GOV-04":
        return "met" if "SOC 2 Type II" in docs else "partial" if "SOC 2 Type I" in docs else "not-met"
    if item == "MAP-06":
        return "not-met" if flagged and rng.random() < 0.4 else "partial" if flagged else "met"
    if item == "MAN-06":
        if retention.startswith("Not stated"):
            return "silent"
        return "not-met" if "improve" in retention else "partial" if drawn == "not-met" else None
    if item == "MAN-02":
        if updates.startswith("Not stated"):
            return "silent"
        return "not-met" if "no customer notice" in updates else "met" if "revalidation" in updates else None
    if item == "GOV-05" and third.startswith("Not stated"):
        return "silent"
    return None


def draw(seed: int, rows: int) -> list[tuple[dict[str, object], list[tuple[Fact, str, str]]]]:
    """For every vendor after the worked example: its profile and (fact, variant, text) for each item."""
    out = []
    for profile, claims in build(seed, rows)[1:]:
        flagged = any(claim.planted == "red-flag" for claim, _ in claims)
        rng = make_rng(seed, "vendor-documents", str(profile["vendor_id"]))
        values = _values(rng, profile)
        weights = list(WEIGHTS["flagged" if flagged else "careful"])
        drawn = []
        for fact in FACTS:
            options = list(weights)
            if fact.not_met is None:
                options[2] = 0.0
            variant = VARIANTS[weighted_index(rng, options)]  # drawn always, so each stream stays aligned
            variant = _forced(fact.item, profile, flagged, rng, variant) or variant
            template = {"met": fact.met, "partial": fact.partial, "not-met": fact.not_met, "silent": "",
                        "n/a": fact.not_applicable}[variant]
            drawn.append((fact, variant, (template or "").format(**values)))
        out.append((profile, drawn))
    return out


def generate(seed: int, rows: int) -> Table:
    """The documents, one row per paragraph, in document and section order (``rows`` = vendors)."""
    out = []
    order = [d for d, _ in DOCUMENTS]
    titles = dict(DOCUMENTS)
    for profile, drawn in draw(seed, rows):
        by_section: dict[tuple[str, str], list[str]] = {}
        for fact, _variant, text in sorted(drawn, key=lambda d: order.index(d[0].document)):
            if text:
                by_section.setdefault((fact.document, fact.section), []).append(text)
        for (document, section), paragraphs in by_section.items():
            for n, text in enumerate(paragraphs, start=1):
                out.append((profile["vendor_id"], titles[document], section, n, text))
    return Table("vendor_documents", COLUMNS, out)


def facts(table: Table) -> dict[str, object]:
    """The documents grouped for templates: ``{vendor_id: [{"title", "sections": [{"name", "paragraphs"}]}]}``."""
    grouped: dict[str, dict[str, dict[str, list[str]]]] = {}
    for row in table.records():
        doc = grouped.setdefault(row["vendor_id"], {}).setdefault(row["document"], {})
        doc.setdefault(row["section"], []).append(row["text"])
    return {
        vendor_id: [
            {"title": title, "sections": [{"name": name, "paragraphs": paras} for name, paras in sections.items()]}
            for title, sections in docs.items()
        ]
        for vendor_id, docs in grouped.items()
    }
