"""The five fictional clinic workflows behind the ``workflow-events`` log: steps, timings and routes.

Each workflow is the *current state* of one process, as the event log records it. Step and actor
ids are the ones the workflow-map template's ``workflow.yaml`` uses, so the log and the map agree.
Times are minutes; a timing is (median, 90th percentile) of a log-normal distribution.

A case's route is decided by flags set with exact counts (for example exactly 20% of sent
referrals are returned), and its times come from stratified pools, so the headline figures a map
quotes hold for every seed; the seed decides which case gets which time and flag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

H = 60  # minutes per hour

#: One route entry: (step id, outcome) or (step id, outcome, timing variant).
Route = list[tuple[str, ...]]


@dataclass(frozen=True)
class Timing:
    """Queue wait and hands-on work, each as (median, p90) in minutes."""

    wait: tuple[float, float]
    work: tuple[float, float]
    longest_work: float | None = None  # cap on the work time (for example a reply window)


@dataclass(frozen=True)
class Step:
    """One step of the current state: who does it, through which channel, how long it takes."""

    actor: str
    channel: str
    timing: dict[str, Timing]  # "default" plus optional variants (for example "retry")
    staff: bool = True  # work time counts as staff minutes
    channel_by_type: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Flag:
    """A route flag given to an exact share of the eligible cases of each case type ("*" = any)."""

    name: str
    share: dict[str, float]
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    meaning: str = ""


@dataclass(frozen=True)
class Milestone:
    """Time from case start to the first end of ``step``, drawn as one stratified pool."""

    step: str
    timing: tuple[float, float]


@dataclass(frozen=True)
class Appointment:
    """A booked visit the workflow must finish before: its time per case, and which steps it cuts short.

    ``timing`` is (median, p90) minutes from the start of the case to the visit. A step in ``before_visit``
    that would start at or after the visit is not done (nobody is called about a visit that has passed):
    the case goes straight to ``closing_step``, which happens after the visit.
    """

    timing: tuple[float, float]
    before_visit: tuple[str, ...]
    closing_step: str


@dataclass(frozen=True)
class Workflow:
    """The simulation of one workflow's current state."""

    id: str
    title: str
    case_types: tuple[tuple[str, float], ...]
    flags: tuple[Flag, ...]
    steps: dict[str, Step]
    route: Callable[[str, dict[str, bool]], Route]
    milestone: Milestone | None = None
    case_type_notes: dict[str, str] = field(default_factory=dict)
    appointment: Appointment | None = None
    outside_actors: tuple[str, ...] = ()  # the patient and outside organisations (not the clinic's own queues)


def T(wait: tuple[float, float], work: tuple[float, float]) -> dict[str, Timing]:
    """A default-only timing table."""
    return {"default": Timing(wait, work)}


# ---------------------------------------------------------------- appointment reminders
def _reminders(case_type: str, f: dict[str, bool]) -> Route:
    route: Route = [("send_reminder", "done")]
    escalated = False
    if f["replied"]:
        route.append(("await_reply", "done"))
        if f["symptom"]:
            route += [("triage_inbox", "escalated"), ("nurse_callback", "done")]
            escalated = True
        else:
            route.append(("triage_inbox", "done"))
    else:
        route.append(("await_reply", "done", "no_reply"))
        call = "interpreter_call" if case_type == "language_support" else "phone_follow_up"
        if f["second_call"]:
            route.append((call, "rework"))
        if f["phone_symptom"]:
            route += [(call, "escalated"), ("nurse_callback", "done")]
            escalated = True
        else:
            route.append((call, "done"))
    if f["reschedule"] and not escalated:
        route.append(("reschedule_visit", "done"))
    if case_type == "prep_instructions":
        if f["prep_resend"]:
            route.append(("send_prep_instructions", "rework"))
        route.append(("send_prep_instructions", "done"))
    route.append(("close_case", "done"))
    return route


APPOINTMENT_REMINDERS = Workflow(
    id="appointment-reminders",
    title="Appointment reminders",
    case_types=(("routine", 0.70), ("prep_instructions", 0.15), ("language_support", 0.15)),
    flags=(
        Flag("replied", {"routine": 0.66, "prep_instructions": 0.66, "language_support": 0.40},
             meaning="the patient answers the text within 48 hours"),
        Flag("symptom", {"*": 0.10}, requires=("replied",),
             meaning="the reply mentions a symptom (escalated to the nurse)"),
        Flag("second_call", {"*": 0.35}, excludes=("replied",),
             meaning="the first call is not answered and is made again (rework)"),
        Flag("phone_symptom", {"*": 0.05}, excludes=("replied",),
             meaning="the patient mentions a symptom on the phone (escalated to the nurse)"),
        Flag("reschedule", {"*": 0.20}, excludes=("symptom", "phone_symptom"),
             meaning="the patient asks to move the appointment"),
        Flag("prep_resend", {"prep_instructions": 0.22},
             meaning="the prep email used an outdated sheet and is sent again (rework)"),
    ),
    steps={
        "send_reminder": Step("reminder_system", "sms", T((0, 0), (1, 1)), staff=False),
        "await_reply": Step(
            "patient", "sms",
            {"default": Timing((0, 0), (4.5 * H, 28 * H), longest_work=48 * H - 1),
             "no_reply": Timing((0, 0), (48 * H, 48 * H))},
            staff=False,
        ),
        "triage_inbox": Step("scheduler", "shared-inbox", T((4.5 * H, 17 * H), (3, 6))),
        "phone_follow_up": Step("scheduler", "phone", T((19 * H, 44 * H), (6, 11))),
        "interpreter_call": Step("scheduler", "phone-interpreter", T((30 * H, 66 * H), (14, 24))),
        "nurse_callback": Step("nurse", "phone", T((3 * H, 9 * H), (9, 16))),
        "reschedule_visit": Step("scheduler", "phone", T((1.5 * H, 6 * H), (7, 12))),
        "send_prep_instructions": Step("scheduler", "email", T((5 * H, 20 * H), (9, 15))),
        "close_case": Step("scheduler", "scheduling-system", T((0.5 * H, 3 * H), (2, 3))),
    },
    route=_reminders,
    case_type_notes={
        "routine": "a standard visit",
        "prep_instructions": "a procedure visit that needs preparation instructions",
        "language_support": "the patient prefers a language other than English",
    },
    # The reminder goes out about three days before the visit (a nightly batch, so roughly 66 to 79 hours).
    appointment=Appointment(
        (72 * H, 75 * H),
        before_visit=("phone_follow_up", "interpreter_call", "reschedule_visit", "send_prep_instructions"),
        closing_step="close_case",
    ),
    outside_actors=("patient",),
)


# ---------------------------------------------------------------- patient intake
def _intake(case_type: str, f: dict[str, bool]) -> Route:
    paper = case_type in ("paper", "language_support")
    route: Route = [("send_intake_forms", "done")]
    variant = "paper" if paper else "default"
    route.append(("complete_forms", "rework" if f["incomplete"] else "done", variant))
    if f["incomplete"]:
        if f["second_chase"]:
            route.append(("chase_missing_answers", "rework"))
        route.append(("chase_missing_answers", "done"))
    if case_type == "language_support":
        route.append(("interpreter_review", "done"))
    if paper:
        if f["rekey_error"]:
            route.append(("rekey_paper_forms", "rework"))
        route.append(("rekey_paper_forms", "done"))
    route.append(("verify_meds_allergies", "done"))
    if f["safety_answer"]:
        route += [("clinician_pre_visit_review", "escalated"), ("same_day_clinical_review", "done")]
    else:
        route.append(("clinician_pre_visit_review", "done"))
    route.append(("packet_ready", "done"))
    return route


PATIENT_INTAKE = Workflow(
    id="patient-intake",
    title="New-patient intake",
    case_types=(("portal", 0.60), ("paper", 0.30), ("language_support", 0.10)),
    flags=(
        Flag("incomplete", {"portal": 0.38, "paper": 0.46, "language_support": 0.50},
             meaning="the forms come back with required answers missing (rework)"),
        Flag("second_chase", {"*": 0.30}, requires=("incomplete",),
             meaning="the first chasing call does not reach the patient (rework)"),
        Flag("rekey_error", {"paper": 0.16, "language_support": 0.16},
             meaning="a re-keying error is found and the form is keyed again (rework)"),
        Flag("safety_answer", {"*": 0.04},
             meaning="an answer needs same-day clinical review (escalated)"),
    ),
    steps={
        "send_intake_forms": Step("patient_portal", "portal", T((0, 0), (1, 1)), staff=False,
                                  channel_by_type={"paper": "paper", "language_support": "paper"}),
        "complete_forms": Step(
            "patient", "portal",
            {"default": Timing((0, 0), (30 * H, 110 * H)), "paper": Timing((0, 0), (60 * H, 150 * H))},
            staff=False, channel_by_type={"paper": "paper", "language_support": "paper"},
        ),
        "chase_missing_answers": Step("intake_coordinator", "phone", T((22 * H, 50 * H), (8, 14))),
        "interpreter_review": Step("interpreter", "phone-interpreter", T((30 * H, 70 * H), (25, 40))),
        "rekey_paper_forms": Step("intake_coordinator", "ehr", T((16 * H, 40 * H), (15, 24))),
        "verify_meds_allergies": Step("medical_assistant", "phone", T((6 * H, 22 * H), (9, 15))),
        "clinician_pre_visit_review": Step("clinician", "ehr", T((4 * H, 14 * H), (5, 9))),
        "same_day_clinical_review": Step("clinician", "phone", T((2 * H, 6 * H), (14, 22))),
        "packet_ready": Step("intake_coordinator", "ehr", T((0.5 * H, 2 * H), (2, 3))),
    },
    route=_intake,
    case_type_notes={
        "portal": "forms completed in the patient portal",
        "paper": "paper forms",
        "language_support": "paper forms completed with an interpreter",
    },
    outside_actors=("patient",),
)


# ---------------------------------------------------------------- referral routing
def _referrals(case_type: str, f: dict[str, bool]) -> Route:
    route: Route = [("place_referral_order", "done"), ("assemble_packet", "done"), ("send_referral", "done")]
    variant = "fax" if case_type == "fax" else "urgent" if case_type == "urgent" else "default"
    if f["returned"]:
        route += [("specialist_triage", "rework", variant), ("request_missing_info", "done"),
                  ("send_referral", "done")]
        if f["second_return"]:
            route += [("specialist_triage", "rework", variant), ("request_missing_info", "done"),
                      ("send_referral", "done")]
    if f["urgent_delay"]:
        route += [("specialist_triage", "escalated", variant), ("clinician_to_clinician_call", "done")]
    else:
        route.append(("specialist_triage", "done", variant))
    route += [("schedule_specialist_visit", "done"), ("notify_patient", "done"), ("close_loop", "done")]
    return route


REFERRAL_ROUTING = Workflow(
    id="referral-routing",
    title="Specialist referral routing",
    case_types=(("e_referral", 0.55), ("fax", 0.35), ("urgent", 0.10)),
    flags=(
        Flag("returned", {"e_referral": 0.20, "fax": 0.34, "urgent": 0.20},
             meaning="the specialist office returns the referral for missing information (rework)"),
        Flag("second_return", {"*": 0.15}, requires=("returned",),
             meaning="the referral is returned a second time (rework)"),
        Flag("urgent_delay", {"urgent": 0.45},
             meaning="an urgent referral is not accepted in time and the referring clinician calls (escalated)"),
    ),
    steps={
        "place_referral_order": Step("referring_clinician", "ehr", T((0, 0), (4, 8))),
        "assemble_packet": Step("referral_coordinator", "ehr", T((20 * H, 52 * H), (14, 25))),
        "send_referral": Step(
            "referral_coordinator", "e-referral",
            {"default": Timing((1 * H, 5 * H), (3, 5))}, channel_by_type={"fax": "fax"},
        ),
        "specialist_triage": Step(
            "specialist_office", "e-referral",
            {"default": Timing((0, 0), (50 * H, 130 * H)), "fax": Timing((0, 0), (75 * H, 170 * H)),
             "urgent": Timing((0, 0), (20 * H, 50 * H))},
            staff=False, channel_by_type={"fax": "fax"},
        ),
        "request_missing_info": Step("referral_coordinator", "phone", T((18 * H, 46 * H), (12, 20))),
        "clinician_to_clinician_call": Step("referring_clinician", "phone", T((4 * H, 12 * H), (10, 15))),
        "schedule_specialist_visit": Step("specialist_office", "phone", T((0, 0), (24 * H, 80 * H)), staff=False),
        "notify_patient": Step("referral_coordinator", "portal", T((6 * H, 20 * H), (5, 8))),
        "close_loop": Step("referral_coordinator", "ehr", T((2 * H, 8 * H), (4, 7))),
    },
    route=_referrals,
    case_type_notes={
        "e_referral": "sent through the electronic referral system",
        "fax": "sent by fax",
        "urgent": "marked urgent by the referring clinician",
    },
    outside_actors=("specialist_office",),
)


# ---------------------------------------------------------------- prior authorisation
def _prior_auth(case_type: str, f: dict[str, bool]) -> Route:
    route: Route = [("place_order", "done"), ("check_pa_required", "done")]
    if f["not_required"]:
        return [*route, ("notify_patient", "done")]
    route += [("gather_clinical_docs", "done"), ("submit_request", "done")]
    if f["pended"]:
        route += [("payer_review", "rework"), ("respond_to_pend", "done")]
        if f["second_pend"]:
            route += [("payer_review", "rework"), ("respond_to_pend", "done")]
    if f["denied"]:
        route += [("payer_review", "escalated"), ("peer_to_peer_review", "done"),
                  ("payer_review", "done", "after_peer_review")]
    else:
        route.append(("payer_review", "done"))
    route.append(("notify_patient", "done"))
    return route


PRIOR_AUTHORISATION = Workflow(
    id="prior-authorisation",
    title="Prior authorisation",
    case_types=(("imaging", 0.50), ("medication", 0.35), ("procedure", 0.15)),
    flags=(
        Flag("not_required", {"imaging": 0.18, "medication": 0.10, "procedure": 0.12},
             meaning="the payer does not require authorisation for this order"),
        Flag("pended", {"imaging": 0.26, "medication": 0.34, "procedure": 0.30}, excludes=("not_required",),
             meaning="the payer pends the request for more documentation (rework)"),
        Flag("second_pend", {"*": 0.15}, requires=("pended",),
             meaning="the payer pends the request a second time (rework)"),
        Flag("denied", {"*": 0.09}, excludes=("not_required",),
             meaning="the payer denies the request and the ordering clinician asks for a peer-to-peer review (escalated)"),
    ),
    steps={
        "place_order": Step("ordering_clinician", "ehr", T((0, 0), (4, 7))),
        "check_pa_required": Step("pa_specialist", "payer-website", T((8 * H, 26 * H), (9, 16))),
        "gather_clinical_docs": Step("pa_specialist", "ehr", T((14 * H, 40 * H), (24, 40))),
        "submit_request": Step("pa_specialist", "payer-portal", T((3 * H, 12 * H), (12, 20)),
                               channel_by_type={"medication": "fax"}),
        "payer_review": Step(
            "health_plan", "payer-portal",
            {"default": Timing((0, 0), (70 * H, 160 * H)), "after_peer_review": Timing((0, 0), (30 * H, 72 * H))},
            staff=False,
        ),
        "respond_to_pend": Step("pa_specialist", "payer-portal", T((16 * H, 40 * H), (20, 32))),
        "peer_to_peer_review": Step("ordering_clinician", "phone", T((20 * H, 48 * H), (20, 30))),
        "notify_patient": Step("pa_specialist", "phone", T((4 * H, 14 * H), (5, 9))),
    },
    route=_prior_auth,
    case_type_notes={
        "imaging": "an imaging order",
        "medication": "a specialty medicine",
        "procedure": "a planned procedure",
    },
    milestone=Milestone("submit_request", (30 * H, 76 * H)),
    outside_actors=("health_plan",),
)


# ---------------------------------------------------------------- discharge follow-up
def _discharge(case_type: str, f: dict[str, bool]) -> Route:
    route: Route = [("receive_discharge_summary", "done"), ("add_to_call_list", "done")]
    if f["no_answer_1"]:
        route.append(("follow_up_call", "rework", "no_answer"))
        if f["no_answer_2"]:
            route.append(("follow_up_call", "rework", "retry_no_answer"))
            if f["unreachable"]:
                route += [("follow_up_call", "rework", "retry_no_answer"), ("send_letter", "done")]
                return route
    final = "retry" if f["no_answer_1"] else "default"
    if f["worse_symptoms"]:
        route += [("follow_up_call", "escalated", final), ("same_day_clinician_review", "done")]
    else:
        route.append(("follow_up_call", "done", final))
    if f["med_question"]:
        route.append(("pharmacist_review", "done"))
    route.append(("book_follow_up_visit", "done"))
    return route


DISCHARGE_FOLLOW_UP = Workflow(
    id="discharge-follow-up",
    title="Discharge follow-up calls",
    case_types=(("standard", 0.62), ("high_risk", 0.28), ("language_support", 0.10)),
    flags=(
        Flag("no_answer_1", {"*": 0.38},
             meaning="the first follow-up call is not answered (rework)"),
        Flag("no_answer_2", {"*": 0.40}, requires=("no_answer_1",),
             meaning="the second call is not answered either (rework)"),
        Flag("unreachable", {"*": 0.30}, requires=("no_answer_2",),
             meaning="the third call fails too and a letter is sent instead"),
        Flag("worse_symptoms", {"standard": 0.05, "high_risk": 0.11, "language_support": 0.07},
             excludes=("unreachable",),
             meaning="the patient reports new or worse symptoms (escalated to a clinician the same day)"),
        Flag("med_question", {"standard": 0.18, "high_risk": 0.35, "language_support": 0.25},
             excludes=("unreachable",),
             meaning="the patient has a question about medicines (pharmacist review)"),
    ),
    steps={
        "receive_discharge_summary": Step("hospital", "fax", T((0, 0), (5 * H, 30 * H)), staff=False),
        "add_to_call_list": Step("care_coordinator", "spreadsheet", T((14 * H, 40 * H), (3, 5))),
        "follow_up_call": Step(
            "follow_up_nurse", "phone",
            {"default": Timing((3 * H, 10 * H), (11, 20)), "no_answer": Timing((3 * H, 10 * H), (2, 3)),
             "retry_no_answer": Timing((20 * H, 30 * H), (2, 3)), "retry": Timing((20 * H, 30 * H), (11, 20))},
            channel_by_type={"language_support": "phone-interpreter"},
        ),
        "same_day_clinician_review": Step("primary_care_clinician", "phone", T((3 * H, 8 * H), (15, 25))),
        "pharmacist_review": Step("pharmacist", "phone", T((10 * H, 30 * H), (15, 25))),
        "send_letter": Step("care_coordinator", "mail", T((4 * H, 16 * H), (6, 9))),
        "book_follow_up_visit": Step("care_coordinator", "scheduling-system", T((3 * H, 12 * H), (6, 10))),
    },
    route=_discharge,
    case_type_notes={
        "standard": "a standard discharge",
        "high_risk": "flagged high-risk by the discharge team",
        "language_support": "the patient prefers a language other than English",
    },
    milestone=Milestone("follow_up_call", (34 * H, 84 * H)),
    outside_actors=("hospital",),
)


WORKFLOWS: dict[str, Workflow] = {
    w.id: w
    for w in (APPOINTMENT_REMINDERS, PATIENT_INTAKE, REFERRAL_ROUTING, PRIOR_AUTHORISATION, DISCHARGE_FOLLOW_UP)
}
