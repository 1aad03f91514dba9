"""Fictional healthcare AI vendors for the vendor-checklist project: profiles, claims and an answer key.

``rows`` is the number of vendors. The first three are the project's vendors:

- ``V01`` Lumen Triage Systems, the worked example. Its product facts, documents and five claims are
  fixed (three red flags), so the worked assessment shipped with the project stays true for every
  seed; only its founding year, customer count and contact vary.
- ``V02`` Clarinote Health AI (ambient note drafting) and ``V03`` Quietloop Messaging (patient
  reminders and scheduling questions), left for the user. The seed decides which of the two makes
  two red-flag claims (the other makes none), which claims each makes, which documents each sent,
  and their hosting, retention and update terms.

Vendors after the third are extra practice profiles with composed names. Every vendor makes five
claims, ``<vendor_id>-C1`` .. ``-C5``; the answer key labels each claim ``red-flag``, ``unsupported``
or ``plausible``. Claim text only ever appears in the ``claim`` column (it is the vendor's marketing,
quoted, not something the project asserts). Web and mail addresses use the reserved ``.example``
top-level name and phones the fictional 555-01xx block.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from synthetic.identifiers import email, phone
from synthetic.pools import person_name
from synthetic.rng import bernoulli, make_rng, pick
from synthetic.table import Table

SUMMARY = "Fictional AI vendor profiles on .example domains (rows = vendors; the first is the worked example)."
GENERATOR_VERSION = 1
CLAIMS_PER_VENDOR = 5
PLANTED = ("red-flag", "unsupported", "plausible")

PROFILE_COLUMNS: tuple[str, ...] = (
    "vendor_id", "slug", "name", "website", "product_name", "product_type", "description",
    "intended_use", "intended_users", "decision_role", "data_touched", "third_party_models",
    "hosting", "data_retention", "model_updates", "documents_provided", "founded_year",
    "customer_count", "contact_name", "contact_role", "contact_email", "contact_phone",
)
CLAIM_COLUMNS: tuple[str, ...] = ("vendor_id", "claim_id", "source", "claim")
KEY_COLUMNS: tuple[str, ...] = ("vendor_id", "claim_id", "planted", "why_it_matters", "what_to_ask")

SOURCES: tuple[str, ...] = ("brochure", "website", "sales call", "demo", "proposal", "security questionnaire")
CONTACT_ROLES: tuple[str, ...] = (
    "Head of Clinical Partnerships", "Customer Success Lead", "Director of Sales, Health Systems",
    "Chief Product Officer", "Implementation Manager",
)


@dataclass(frozen=True)
class Claim:
    """A marketing claim with what the answer key says about it."""

    text: str
    planted: str  # red-flag | unsupported | plausible
    why: str
    ask: str


@dataclass(frozen=True)
class ProductType:
    """What a kind of product does, and the claims such a vendor tends to make."""

    id: str
    product_suffix: str
    description: str
    intended_use: str
    intended_users: str
    decision_roles: tuple[str, ...]
    data_touched: tuple[str, ...]
    claims: tuple[Claim, ...]

    def pool(self, planted: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.planted == planted)


_NO_CERT_WHY = "There is no government HIPAA certification; the phrase stands in for evidence the vendor has not sent."
_NO_CERT_ASK = "Ask for a signed business associate agreement, a SOC 2 Type II report and their latest HIPAA risk analysis summary."

TRIAGE = ProductType(
    id="inbox-triage",
    product_suffix="Inbox Assist",
    description="Sorts incoming patient portal messages by urgency and drafts replies for clinic staff.",
    intended_use="Helps clinic staff prioritise portal messages and start replies faster.",
    intended_users="Front-desk staff, medical assistants and nurses in outpatient clinics",
    decision_roles=(
        "Assigns an urgency level (routine, soon, urgent) and drafts a reply; the vendor describes "
        "auto-send for routine messages as a default setting.",
        "Assigns an urgency level and drafts a reply; a staff member reads and sends every reply.",
    ),
    data_touched=(
        "portal message text", "patient age and sex", "problem list", "medication list",
        "last three visit summaries", "call-back phone number",
    ),
    claims=(
        Claim("Diagnoses the reason behind every patient message with 99% accuracy.", "red-flag",
              "No study, metric or dataset stands behind the figure, and naming the medical cause of a message "
              "goes far beyond sorting messages by urgency.",
              "Ask for the evaluation report behind the number: data, sites, metric definition and confidence interval."),
        Claim("No human review needed for routine messages: replies go out automatically.", "red-flag",
              "It removes the human check at the exact point where the model can be wrong: deciding what is routine.",
              "Ask how to turn auto-send off, and for the error rate on messages labelled routine that were in fact urgent."),
        Claim("HIPAA certified.", "red-flag", _NO_CERT_WHY, _NO_CERT_ASK),
        Claim("Learns continuously from your clinic's messages, so it keeps getting smarter.", "unsupported",
              "It implies the model changes after go-live and is trained on your patients' messages.",
              "Ask how versions are numbered, how you are told about updates, and whether your data trains shared models."),
        Claim("Cuts inbox time by 40% at pilot clinics.", "unsupported",
              "A time saving without a study design cannot be checked or compared.",
              "Ask which clinics, what baseline, how time was measured and over how many weeks."),
        Claim("Flags messages mentioning chest pain or breathing trouble for a nurse within one minute.", "plausible",
              "A narrow, testable safety behaviour.",
              "Ask for the list of escalation terms and the test results for messages that should have escalated."),
        Claim("Every suggested reply can be edited before it is sent.", "plausible",
              "Consistent with a human review step, if that step is switched on.",
              "Ask for a demo of the edit-and-approve screen with auto-send turned off."),
        Claim("Urgency labels were tested on messages from four clinics outside our development sites.", "plausible",
              "External testing is what HTI-1's external validation attribute asked for.",
              "Ask for the external validation summary with results by site and by patient age group."),
    ),
)

SCRIBE = ProductType(
    id="ambient-scribe",
    product_suffix="Visit Notes",
    description="Records the clinic visit conversation (with consent) and drafts a visit note for the clinician.",
    intended_use="Helps clinicians document outpatient visits by drafting a note they edit and sign.",
    intended_users="Physicians, nurse practitioners and physician assistants in outpatient care",
    decision_roles=(
        "Drafts the note; the clinician edits and signs it in the record.",
        "Drafts the note and fills suggested problem-list entries that the clinician accepts or rejects.",
        "Drafts the note; signing without opening the draft is possible and not logged.",
    ),
    data_touched=(
        "visit audio", "visit transcript", "problem list", "medication list", "clinician name",
        "patient age and sex", "prior visit note",
    ),
    claims=(
        Claim("Notes are accurate enough to sign without reading them.", "red-flag",
              "It invites clinicians to skip the review that catches added or dropped facts in a generated note.",
              "Ask for measured error rates by type (omissions, additions, wrong speaker) and for their user guidance on review."),
        Claim("Catches missed diagnoses during the visit and adds them to the note.", "red-flag",
              "Adding conditions nobody stated is outside a note-drafting tool's intended use and puts unverified "
              "problems into the record.",
              "Ask whether this feature exists, how it is labelled in the note, and what regulatory status they claim for it."),
        Claim("Zero hallucinations, guaranteed.", "red-flag",
              "No generative system can promise this; a promise stands where a measured error rate should be.",
              "Ask for their rates of invented and omitted content on an external test set, and how they define each."),
        Claim("HIPAA certified by an independent auditor.", "red-flag", _NO_CERT_WHY, _NO_CERT_ASK),
        Claim("Gives clinicians back two hours a day.", "unsupported",
              "A time saving without a study design cannot be checked.",
              "Ask for the time study: specialties, baseline, measurement method and sample size."),
        Claim("Validated at more than 40 health systems.", "unsupported",
              "Customers are not validations; a validation has a protocol, data and results.",
              "Ask for the validation report: sites, note types, reviewers and error rates."),
        Claim("Works equally well for every accent and language.", "unsupported",
              "Speech recognition often varies by accent and language; 'equally' needs subgroup results.",
              "Ask for word error and note error rates by language and accent group."),
        Claim("97% of clinicians prefer our notes.", "unsupported",
              "Preference surveys depend on who was asked and how.",
              "Ask for the survey: who was asked, the response rate and the exact question."),
        Claim("Clinicians review, edit and sign every note before it enters the record.", "plausible",
              "Describes a human review point; check that the product enforces it.",
              "Ask whether signing is blocked until the draft has been opened."),
        Claim("Audio is deleted within 24 hours of the note being drafted; the period is configurable.", "plausible",
              "A specific, checkable retention promise.",
              "Ask for the retention setting in the contract and proof of deletion on request."),
        Claim("Patients are asked for consent before recording starts, using a script we provide.", "plausible",
              "A concrete consent step.",
              "Ask for the script, its reading level and the languages it comes in."),
        Claim("Each note shows the model version that drafted it.", "plausible",
              "Supports audit and revalidation after updates.",
              "Ask to see where the version appears and how long version history is kept."),
    ),
)

MESSAGING = ProductType(
    id="patient-messaging",
    product_suffix="Reminders",
    description="Sends appointment reminders and answers patients' scheduling questions by text message.",
    intended_use="Helps clinics confirm, cancel and reschedule appointments by text, in several languages.",
    intended_users="Patients (through text messages) and scheduling staff who supervise the inbox",
    decision_roles=(
        "Answers scheduling questions from approved templates; anything else is routed to staff.",
        "Answers scheduling questions with generated text; staff see the conversation afterwards.",
        "Answers scheduling questions and offers general health information from a content library.",
    ),
    data_touched=(
        "patient name", "mobile number", "appointment date and time", "clinic location",
        "preferred language", "visit type", "free-text replies from patients",
    ),
    claims=(
        Claim("Our assistant answers any medical question patients send, so your staff never have to.", "red-flag",
              "It turns a scheduling tool into unsupervised clinical advice with no route to a person.",
              "Ask what happens when a patient texts a symptom, and for the escalation rules and their test results."),
        Claim("Triages symptoms and tells patients whether they need to come in, with no staff involvement.", "red-flag",
              "Symptom advice to patients without clinical oversight is outside a reminder tool's intended use.",
              "Ask whether this feature can be switched off and what regulatory status they claim for it."),
        Claim("Bias-free by design: the model cannot treat any patient group differently.", "red-flag",
              "Design alone cannot make a model fair to every group; only testing by group can show how it behaves.",
              "Ask for response quality and escalation results by language and age group."),
        Claim("HIPAA certified.", "red-flag", _NO_CERT_WHY, _NO_CERT_ASK),
        Claim("Reduces no-shows by 30%.", "unsupported",
              "No-show rates move with season, clinic and reminder timing; the figure needs a comparison group.",
              "Ask which clinics, which period, what comparison and how no-shows were counted."),
        Claim("Translations are as good as a professional interpreter.", "unsupported",
              "Translation quality needs evaluation by qualified interpreters, language by language.",
              "Ask for the translation evaluation: languages, raters, error types found."),
        Claim("Patients love it: 4.9 stars.", "unsupported",
              "A rating without its source and sample says little about safety or usefulness.",
              "Ask where the rating comes from and how many patients gave it."),
        Claim("Validated across 12 languages.", "unsupported",
              "Availability in a language is not validation in that language.",
              "Ask for results per language, including how often messages were misunderstood."),
        Claim("Messages mentioning chest pain, breathing trouble or self-harm go straight to staff with the "
              "patient's call-back number.", "plausible",
              "A narrow, testable escalation rule, but 'straight to staff' helps nobody at night or at weekends "
              "unless the patient is told at once where to get urgent help.",
              "Ask for the escalation term list per language, how often it is tested, and what the patient is told "
              "at once after hours (for example to call 911, or 988 for a mental health crisis)."),
        Claim("Patients can reply STOP to opt out, and staff can see every message sent.", "plausible",
              "Opt-out and visibility are basic controls.",
              "Ask for a demo of the staff view and the opt-out log."),
        Claim("Message text is stored in the US and deleted after 90 days unless the clinic chooses longer.", "plausible",
              "A specific, checkable retention promise.",
              "Ask for the retention clause in the contract."),
        Claim("Staff approve every message template before it is used.", "plausible",
              "A human review point before patients see anything.",
              "Ask how template changes are versioned and who can approve them."),
    ),
)

PRODUCT_TYPES: tuple[ProductType, ...] = (TRIAGE, SCRIBE, MESSAGING)

HOSTING: tuple[str, ...] = (
    "Public cloud, US regions; backups in the same regions",
    "Public cloud, US region; the vendor could not say where backups are stored",
    "Vendor-run data centre in the US; disaster recovery site in a second US state",
    "Public cloud, US and EU regions; the customer chooses the region",
)
RETENTION: tuple[str, ...] = (
    "Kept for the length of the contract, then deleted within 30 days",
    "Kept 7 years 'to improve the model'",
    "Kept 90 days, configurable by the customer",
    "Not stated in the documents provided",
)
UPDATES: tuple[str, ...] = (
    "Quarterly releases with release notes; customers can stay on the previous version for 60 days",
    "Updated whenever the vendor sees fit; no customer notice",
    "Versioned releases twice a year, each with a revalidation summary",
    "Not stated in the documents provided",
)
THIRD_PARTY_BY_TYPE: dict[str, tuple[str, ...]] = {
    "ambient-scribe": (
        "Uses a third-party speech recognition service and a general-purpose large language model from a "
        "third-party provider, under the vendor's own agreements",
        "Uses the vendor's own speech and note-drafting models only",
        "Uses a third-party cloud speech service for transcripts and the vendor's own note-drafting model",
        "Not stated in the documents provided",
    ),
    "patient-messaging": (
        "Uses a general-purpose large language model from a third-party provider for free-text replies, under "
        "the vendor's own agreement",
        "Uses the vendor's own message-matching rules and models only",
        "Uses a third-party text-message gateway and a cloud translation service; the vendor's own model matches "
        "replies to templates",
        "Not stated in the documents provided",
    ),
}
THIRD_PARTY: tuple[str, ...] = (
    "Uses a general-purpose large language model from a third-party provider, under the vendor's own agreement",
    "Uses the vendor's own models only",
    "Uses a third-party cloud language service for text processing and the vendor's own ranking model",
    "Not stated in the documents provided",
)
DOCUMENTS: tuple[str, ...] = (
    "SOC 2 Type II report",
    "Model card (CHAI applied model card draft format)",
    "External validation summary",
    "Subgroup performance table (age, sex, language)",
    "Change-notification policy",
    "Sample business associate agreement",
    "Implementation and training guide",
    "Penetration test summary letter",
    "Incident response policy",
)

# Invented name parts for vendors after the third (practice profiles).
STEMS: tuple[str, ...] = (
    "Brindlewick", "Cobaltmere", "Dovecrest", "Emberlith", "Fennmarch", "Glimmerholt", "Harrowlume",
    "Inkwhistle", "Jasperwade", "Kindlecove", "Larkspell", "Mistralby", "Nimbleford", "Orchidvane",
    "Plumtide", "Quenmoor", "Rookhallow", "Sablecrest", "Tinderquay", "Umbrelane",
)
SUFFIXES: tuple[str, ...] = ("Health AI", "Clinical Labs", "Care Systems", "Analytics", "Digital Health", "Assist")

# The worked example: fixed facts so the shipped assessment stays true for every seed.
WORKED = {
    "vendor_id": "V01",
    "slug": "lumen-triage-systems",
    "name": "Lumen Triage Systems",
    "website": "https://lumentriage.example",
    "product_name": "Lumen Inbox Assist",
    "product_type": TRIAGE.id,
    "description": TRIAGE.description,
    "intended_use": TRIAGE.intended_use,
    "intended_users": TRIAGE.intended_users,
    "decision_role": TRIAGE.decision_roles[0],
    "data_touched": "; ".join(TRIAGE.data_touched),
    "third_party_models": THIRD_PARTY[0],
    "hosting": HOSTING[1],
    "data_retention": RETENTION[1],
    "model_updates": "Retrained monthly on pooled customer messages; customers are not told about each update",
    "documents_provided": "; ".join((
        "Product brochure (4 pages)",
        "Security overview with a SOC 2 Type I report",
        "One-page model fact sheet (overall accuracy only)",
        "Sample business associate agreement",
    )),
}
WORKED_CLAIMS: tuple[tuple[int, str], ...] = ((0, "brochure"), (1, "brochure"), (2, "sales call"), (3, "website"),
                                               (4, "brochure"))
USER_VENDORS: tuple[tuple[str, str, str, ProductType], ...] = (
    ("V02", "clarinote-health-ai", "Clarinote Health AI", SCRIBE),
    ("V03", "quietloop-messaging", "Quietloop Messaging", MESSAGING),
)


def _sample(rng: random.Random, items: list | tuple, n: int) -> list:
    """``n`` items in seeded random order (a partial Fisher-Yates shuffle using only ``rng.random()``)."""
    pool = list(items)
    for i in range(min(n, len(pool))):
        j = i + int(rng.random() * (len(pool) - i))
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:n]


def _contact(rng: random.Random, domain: str) -> tuple[str, str, str, str]:
    name = person_name(rng)
    return name, str(pick(rng, CONTACT_ROLES)), email(name, domain), phone(rng)


def _documents(rng: random.Random, keep_probability: float) -> str:
    docs = ["Product brochure"]
    docs += [d for d in DOCUMENTS if bernoulli(rng, keep_probability)]
    if "SOC 2 Type II report" not in docs and bernoulli(rng, 0.5):
        docs.insert(1, "SOC 2 Type I report")
    return "; ".join(docs)


def _vendor(
    rng: random.Random, vendor_id: str, slug: str, name: str, product: ProductType, red_flags: int
) -> tuple[dict[str, Any], list[tuple[Claim, str]]]:
    """A seeded profile and its five (claim, source) pairs."""
    domain = slug.split("-")[0] + ".example"
    cautious = red_flags == 0
    profile: dict[str, Any] = {
        "vendor_id": vendor_id,
        "slug": slug,
        "name": name,
        "website": f"https://{domain}",
        "product_name": f"{name.split()[0]} {product.product_suffix}",
        "product_type": product.id,
        "description": product.description,
        "intended_use": product.intended_use,
        "intended_users": product.intended_users,
        "decision_role": str(pick(rng, product.decision_roles[:1] if cautious else product.decision_roles[1:])),
        "data_touched": "; ".join(
            d for i, d in enumerate(product.data_touched)
            if not cautious or i < 3 or bernoulli(rng, 0.6) or d.startswith("free-text")
        ),
        "third_party_models": str(pick(rng, THIRD_PARTY_BY_TYPE.get(product.id, THIRD_PARTY))),
        "hosting": str(pick(rng, HOSTING[::2] if cautious else HOSTING)),
        "data_retention": str(pick(rng, RETENTION[::2] if cautious else RETENTION[1:])),
        "model_updates": str(pick(rng, UPDATES[::2] if cautious else UPDATES[1:])),
        "documents_provided": _documents(rng, 0.7 if cautious else 0.3),
    }
    n_unsupported = 2 if cautious else max(0, 3 - red_flags)
    chosen = (
        _sample(rng, product.pool("red-flag"), red_flags)
        + _sample(rng, product.pool("unsupported"), n_unsupported)
        + _sample(rng, product.pool("plausible"), CLAIMS_PER_VENDOR - red_flags - n_unsupported)
    )
    claims = [(c, str(pick(rng, SOURCES))) for c in _sample(rng, chosen, len(chosen))]
    return profile, claims


def _extra_identity(index: int) -> tuple[str, str]:
    """Name and slug of the ``index``-th practice vendor (index 0 is the fourth vendor)."""
    stem = STEMS[index % len(STEMS)]
    suffix = SUFFIXES[(index // len(STEMS)) % len(SUFFIXES)]
    round_ = index // (len(STEMS) * len(SUFFIXES))
    name = f"{stem} {suffix}" + (f" {round_ + 1}" if round_ else "")
    slug = "-".join(name.lower().split())
    return name, slug


def _details(rng: random.Random, profile: dict[str, Any], first_year: int, max_customers: int) -> None:
    """Founding year, customer count and contact, drawn from ``rng``."""
    domain = str(profile["website"]).removeprefix("https://")
    profile["founded_year"] = first_year + int(rng.random() * 8)
    profile["customer_count"] = 3 + int(rng.random() * max_customers)
    profile.update(zip(("contact_name", "contact_role", "contact_email", "contact_phone"), _contact(rng, domain)))


def build(seed: int, rows: int) -> list[tuple[dict[str, Any], list[tuple[Claim, str]]]]:
    """Every vendor's profile and claims for ``seed`` (shared by the three dataset functions)."""
    if rows < 1:
        raise ValueError("rows must be at least 1")
    rng = make_rng(seed, "vendors")
    flagged = 0 if rng.random() < 0.5 else 1  # which user vendor makes the red-flag claims
    profile: dict[str, Any] = dict(WORKED)
    _details(rng, profile, 2015, 70)
    vendors = [(profile, [(TRIAGE.claims[i], source) for i, source in WORKED_CLAIMS])]

    for n, (vendor_id, slug, name, product) in enumerate(USER_VENDORS[: rows - 1]):
        vrng = make_rng(seed, "vendors", vendor_id)
        profile, claims = _vendor(vrng, vendor_id, slug, name, product, 2 if n == flagged else 0)
        _details(vrng, profile, 2014, 240)
        vendors.append((profile, claims))

    xrng = make_rng(seed, "vendors", "practice")
    for index in range(max(0, rows - 3)):
        name, slug = _extra_identity(index)
        product = PRODUCT_TYPES[int(xrng.random() * len(PRODUCT_TYPES))]
        profile, claims = _vendor(xrng, f"V{index + 4:02d}", slug, name, product, int(xrng.random() * 3))
        _details(xrng, profile, 2012, 240)
        vendors.append((profile, claims))
    return vendors


def generate(seed: int, rows: int) -> Table:
    """Vendor profiles, one row per vendor."""
    records = [profile for profile, _ in build(seed, rows)]
    return Table("vendors", PROFILE_COLUMNS, [tuple(r[c] for c in PROFILE_COLUMNS) for r in records])


def generate_claims(seed: int, rows: int) -> Table:
    """The vendors' marketing claims as they state them, five per vendor (``rows`` = vendors)."""
    out = []
    for profile, claims in build(seed, rows):
        for k, (claim, source) in enumerate(claims, start=1):
            out.append((profile["vendor_id"], f"{profile['vendor_id']}-C{k}", source, claim.text))
    return Table("vendor_claims", CLAIM_COLUMNS, out)


def generate_key(seed: int, rows: int) -> Table:
    """The answer key: what each claim was planted as, why it matters and what to ask (``rows`` = vendors)."""
    out = []
    for profile, claims in build(seed, rows):
        for k, (claim, _) in enumerate(claims, start=1):
            out.append((profile["vendor_id"], f"{profile['vendor_id']}-C{k}", claim.planted, claim.why, claim.ask))
    return Table("vendor_claims_key", KEY_COLUMNS, out)
