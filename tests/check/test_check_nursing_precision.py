"""Unit tests of what keeps the rules quiet on nursing shorthand (scores, fractions, exam abbreviations, drugs,
eponyms, states) and of the nursing-note shapes they must still catch (short and double surnames next to a
strong cue, dates after a weekday or a drug, full dates opening a line). Every example here is invented."""

from __future__ import annotations

import pytest

from scaffolder.check import check_text
from scaffolder.check.rules_people import mask_eponyms


def phi(text: str) -> list[str]:
    return [f.category for f in check_text(text, suffix=".txt") if f.category.startswith("phi.")]


# --------------------------------------------------------------------------- scores and fractions are not dates

@pytest.mark.parametrize("text", [
    "pt rates incisional pain as 7/10 when coughing, medicated with good effect.",
    "woke with cp 6/10, ekg obtained, ntg sl given.",
    "c/o headache 4/10 this evening, tylenol given.",
    "lungs with crackles 1/3 up on the right, lasix given.",
    "RALES 2/3 UP BILAT, O2 SAT 95% ON 3L.",
    "HR 10-12-15 overnight, no ectopy.",
    "pt. on PS 10/5/40% all shift, tolerating well.",  # ventilator settings, on their line or the line before
    "RESP: trialed on 5/5, tolerated well w/ good volumes.",
    "IABP off, vent\nchanged over to 5/5 this am.",
    "grips 4/5 bilat, pedal pulses 2/4 and dopplerable.",
    "pt admitted with cp, hr 8/10 of the time in sinus rhythm.",
    "c/o incisional pain 8/10, given dilaudid 0.5mg IV with relief to 3/10.",
])
def test_scores_and_fractions_in_notes_are_not_dates(text: str) -> None:
    assert "phi.date" not in phi(text)


@pytest.mark.parametrize("text", [
    "pt with chest pain since 3/12, admitted for cath.",
    "?cabg THURSDAY 11/6 if labs stable.",
    "pt looks dry after lasix 2/17, ho aware.",
    "09-23-21 micu nursing progress note: pt resting",
    "11/03/94, 1400 seen by team",
    "pt was intubated on11/02/93 for resp distress.",
    "pt admitted on 4/22/98 with chf exacerbation.",
    "pt admitted 5-6-97 from rehab with sob.",
    "*** SEE NSG ADMISSION NOTE 11/23*****",  # asterisks closing a line are no product
])
def test_dates_in_notes_are_found(text: str) -> None:
    assert "phi.date" in phi(text)


# --------------------------------------------------------------------------- clinical words are not names

@pytest.mark.parametrize("text", [
    "Neuro: alert, Mae to command, PERRLA, follows simple commands.",
    "O: NEURO ALERT ORIENTED X3 MAE PEARLA BRISK",
    "LEs warm, BLE 1+ edema, pedal pulses palpable.",
    "pt in clean johnny, linens changed, heels floated.",
    "abd soft, egd showed a mallory weiss tear, no active bleeding.",
    "Swan-Ganz removed, Jackson-Pratt drain with serous output.",
    "hx of Parkinson's disease and Bell's palsy, stable.",
    "Homans sign negative bilat, Trendelenburg for line placement.",
    "Given haldol for agitation, Posey vest on.",
    "Chest PT done by resp. Rhonchi clear after suctioning.",
    "no further options for this pt. Hemodialysis was not possible.",
    "Pt has +2 DP and PT. Pt has L fem sheath intact.",
    "FAMILY: Husband, daughter and sister in to visit today.",
    "CARDIAC: Junctional Rhythm 60s, no ectopy noted.",
    "afebrile on po levaquin, wound culture pending, not in bursa.",
    "Pt's family is moving here from Colorado next month.",
    "Pt spent the winter in Jamaica with her sister.",
    "no purposeful movement noted in upper or lowe extremities.",
    "Spec sent to lab on hold. Alb 2.6 needs a nutrition consult.",
    "SOCIAL: Daughter and Son were in to visit.",  # a family word, though "Son" is also a surname
    "NEURO: conversing a little w/ daughter. MAE.",  # the sentence ended with the family word
    "Soc: We cont to try and reach her sister.",  # a section label, not a speaker
    "gi: good appetite, + boel sounds, no stool.",  # a clinical word mistyped
    "social=daughter present-contin to remain hopeful.",
    "As per A. Fib protocol, heparin started.",
])
def test_clinical_words_drugs_eponyms_and_states_are_quiet(text: str) -> None:
    assert phi(text) == []


# --------------------------------------------------------------------------- names next to strong cues

@pytest.mark.parametrize("text", [
    "bp elevation reported to dr wu, will recheck in 1h.",
    "plan discussed with Dr Xu at bedside.",
    "Vantrell-Okonkwo MD plans to place chest tube this afternoon.",
    "Brindlemarsh NP aware of low u/o.",
    "Note by Quellbright-Amsel, RN",
    "Hauta-aho NP and team aware.",
    "Social: lawyer (Oda Quenbrissel) called re: poa papers.",
    "spoke with wife (Marisolde) at length about plan.",
    "Dr Mallory Weiss saw the patient this morning.",
    "seen by Dr. Foley this am, plan unchanged.",
    "daughter Mallory called for an update.",
    "ILEUS REMAINS AS PER B. QUELLMAR.",  # an initial and a surname handed on by "per"
    "CXR DONE MID AM-AS PER B. QUELLMAR-PT SOMEWHAT WET.",
    "LR CONTINUES PER DR B. GILL.",  # a title and an initial: even a common word is a surname
    "SPOKE WITH HO VANTRELL REGARDING PT'S STATUS.",  # the house officer
    "Sons Smokey and Brindel in to visit.",  # one letter from a word is still a name
])
def test_names_after_strong_cues_are_found(text: str) -> None:
    assert "phi.name" in phi(text)


@pytest.mark.parametrize("text", [
    "reported to dr to see pt in am.",
    "Covering MD aware of plan.",
    "Neurosurgery MD aware, will see pt.",
    "wife (see above) called this evening.",
    "daughter phoned-family will meet with team tomorrow.",
    "Follow-up, RN",
    "Swan-Ganz, MD aware.",
])
def test_roles_and_words_after_cues_are_not_names(text: str) -> None:
    assert "phi.name" not in phi(text)


def test_eponyms_are_blanked_with_offsets_kept_unless_a_title_stands_before() -> None:
    text = "egd: Mallory-Weiss tear; Dr Mallory Weiss aware."
    masked = mask_eponyms(text)
    assert len(masked) == len(text)
    assert "Mallory-Weiss" not in masked and "Dr Mallory Weiss aware" in masked
    assert mask_eponyms("wife Mary's dementia is worse") == "wife Mary's dementia is worse"


# --------------------------------------------------------------------------- ventilator settings, doses, anatomy

@pytest.mark.parametrize("text", [
    "remains on simv 700 12/20 40% this shift, abg pending.",
    "weaning on 5/5-.35 since noon, tolerating well.",
    "CPAP 10/5 OVERNIGHT WITH SATS 96%.",
    "placed back on A/C 550 8/12 after a failed trial.",
    "mask ventilation 5/8, rr in the 20s.",
])
def test_ventilator_settings_are_not_dates(text: str) -> None:
    assert "phi.date" not in phi(text)


@pytest.mark.parametrize("text", [
    "pt reintubated 3/14 for hypercarbia, cxr after.",
    "cabg on 6/11, cath 4/3.",
])
def test_events_near_breathing_words_are_still_dates(text: str) -> None:
    assert "phi.date" in phi(text)


@pytest.mark.parametrize("text", [
    "ID CONTINUES ON CIPRO 250 MG PO BID, AFEBRILE.",
    "GU FOLEY TO GRAVITY 40-60 CC/HR, CIPRO 400 IV.",
    "ett tip 2 cm above the carina. sputum thick and tannish.",
])
def test_body_system_headers_drug_doses_and_anatomy_are_not_places_or_names(text: str) -> None:
    assert phi(text) == []


def test_a_country_before_a_postcode_is_still_a_place() -> None:
    assert "phi.geo" in phi("She moved to Portugal 4470-123 with her son.")


@pytest.mark.parametrize("text", [
    "Records sent to 77 Velmorant Ave. He agreed to it.",
    "Cool, what's the address? It's in 0269 Quorbeth terrasse 38",
    "lives at 18 Zindrava Lane; no stairs at home.",
])
def test_an_address_after_its_label_is_found_within_its_sentence(text: str) -> None:
    assert "phi.geo" in phi(text)


@pytest.mark.parametrize("text", [
    "11/02 CARDIAC CATH: EF 55%, NO FOCAL WALL MOTION CHANGE.",
    "9/28 OR-WASHOUT OF STERNAL WOUND.",
    "DRIP STARTED APPROX 11/03 1415, TOLERATING.",
    "- 8/21 moved to the step-down unit",
    "12/7 TEE without clot",
])
def test_timeline_entries_and_dates_with_a_clock_time_are_dates(text: str) -> None:
    assert "phi.date" in phi(text)


@pytest.mark.parametrize("text", [
    "5/5 strength bilat", "4/5 motor in LUE", "2/3 up bilat", "4/4 extremities warm", "2/2 grips equal",
    "6/8 items recalled at the bedside", "7/10 with movement, 3/10 at rest", "6/6 pulses palpable", "8/8 hours slept",
    "BP 120/80 1200", "peep 5/10 1600", "3/10 then 5/10 after walking",
])
def test_scores_opening_a_line_are_not_timeline_entries(text: str) -> None:
    assert "phi.date" not in phi(text)


@pytest.mark.parametrize("text", ["lytes checked, Dr B Quorbeth in to see pt", "seen by Dr. J. Velmorant today",
                                  "Mr. A Zindrava called the unit"])
def test_a_title_and_an_initial_before_a_surname_is_a_name(text: str) -> None:
    assert "phi.name" in phi(text)


@pytest.mark.parametrize("text, found", [
    ("NS .45 X 2000 over the shift", False),
    ("PT ARRIVED TO FLOOR 1500 S/P CABG", False),
    ("Call 608-263-1190 x 2231 for the desk.", True),
    ("reach the charge nurse at x4417", True),
    ("Apt 1500, Quorbeth Tower", True),
])
def test_counts_and_clock_times_are_no_extensions_or_floors(text: str, found: bool) -> None:
    assert bool({"phi.phone", "phi.geo"} & set(phi(text))) is found
