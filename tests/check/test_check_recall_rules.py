"""Unit tests of the rules that catch what notes and everyday sentences hold without a label: personal web
addresses, names in conversational shapes, dates tied to a clinical event, card numbers after the word
"card", pager numbers, addresses in other locales' street order. Every example here is invented."""

from __future__ import annotations

import pytest

from scaffolder.check import check_text


def cats(text: str, suffix: str = ".md") -> list[str]:
    return [f.category for f in check_text(text, suffix=suffix) if f.category != "fill.unfilled"]


def fam(text: str, family: str = "phi", suffix: str = ".md") -> list[str]:
    return [c for c in cats(text, suffix) if c.startswith(family + ".")]


@pytest.mark.parametrize("text", [
    "My website is https://www.quorbeth-pottery.ca/",
    "Just posted a photo https://zindrava-photos.fr/",
    "I've shared files with you http://www.velmorant-archive.de/",
    "https://plinkerwood.nl/",
])
def test_personal_web_addresses_are_found(text: str) -> None:
    assert "phi.url" in cats(text)


@pytest.mark.parametrize("url", [
    "https://www.quorbeth-clinic.org/patient/48213", "https://records.zindrava.net/view?patient=velmorant",
    "https://app.plinkerwood.com/patientId/7731", "https://chart.quorbeth.org/mrn/5521",
])
def test_web_addresses_of_a_record_are_found_once(url: str) -> None:
    assert cats(f"Open {url} to see it.") == ["phi.url"]


@pytest.mark.parametrize("text", [
    "Install it from https://github.com/orgname/project and read https://project.readthedocs.io/en/latest/.",
    "See https://pypi.org/project/prooflane/ or https://doi.org/10.1000/182 for the paper.",
    "My website is https://portal.example.org/",
    "https://www.example.com/",
    "http://localhost:8000/",
    "Codes come from http://loinc.org/ and https://hl7.org/fhir/R4/patient.html.",
    "Read the guideline at https://www.cdc.gov/",
    "The tool is backed by [Zentrix](https://zentrix.sh), the makers of the linter.",
    "    https://toolname.io/",
    "    https://plugin-host.org",
    "git remote add origin https://github.com/YOUR-ACCOUNT/portfolio-project-08-patient-education-rewrite.git",
    "Handouts live at https://www.northwind-health.org/patient-education/asthma and https://www.adobe.com/acrobat.",
    "Patients read https://www.quorbeth-clinic.org/visitors before they come.",
])
def test_public_and_reserved_web_addresses_are_quiet(text: str) -> None:
    assert "phi.url" not in cats(text)


@pytest.mark.parametrize("text", [
    'Quorbeth: "Where did you park?"',
    "zindrava:\"i'm Velmorant's niece\".",
    "Here is Plinkerwood's address:",
    "It was a done thing between him and Marisolde's kid.",
    '"The plan works," says Trevanquist.',
    "Most people call me Oskevarra",
    "What's your last name? Brumvellic",
    "Please change it to Ardo T. Quenmarsh",
    "A quiet tune (not by Yelvan Drostmark).",
    "Unlike the Fennimoret novel, it ends well.",
    "harriet q blandiver",
    "SOCIAL: A BROTHER ZORVANE CALLED TODAY.",
    "Phone call from son Tom-who will visit tomorrow.",
    "His friend Wil Quenbrasse came in and signed the forms.",
    "Maybe it's under Yandrupo Feznarok",
    "> Omrivel Drimsalla",
    "Is this the best song? Vashkerten and Ulquorbe were precise.",
    'Tzeshka shouted at Brindelmoor: "Stop!"',
    "sometimes friends call me yandrupo",
    "Feznarok: You found my keys!",
    "Drimsalla, can I please talk to your manager?",
    "Directed By:    Omrivel Tzeshkan",
    "social: son quorvax consented for the procedure.",
    "COPING-- SISTER, ZORVANE HAS PHONED.",
    "yandrupo q feznarok",
    "My name is Quorvella",
    "> my name is zindrava",
    '"We are done here," said Izumi.',
    "Brumvellic and Morales were the two engineers.",
    "Velmorant is very reliable. You can always depend on him.",
    "Oskevarra was a kind person. They helped everyone.",
    "name:    quorvax t. brindel",
    "Patient name: yandrupo feznarok",
    "my name is brindel quorvacić but friends call me brin",
    "Quorvana works at Areavibes Inc",
    "Velmorant is from Civic Quorum LLC",
    "My name is Grace",  # a first name that is also a word, after "my name is"
    "Quorvic and Bowers were the engineers.",  # a listed surname that is also a word, beside a name
])
def test_names_in_conversational_shapes_are_found(text: str) -> None:
    assert "phi.name" in cats(text)


@pytest.mark.parametrize("text", [
    "Note: this module reads CSV files.",
    "Usage: prooflane check PATH",
    "The model's address space is large.",
    "Results, says the report.",
    "Built by the team at the clinic.",
    "the blue novel was long",
    "neuro unchanged",
    "Daughter is health care proxy. Family is very involved.",
    "Portions copyright (c) 1990 by Quillpress, Inc.",
    "Fonts obtained by Bitcraftery from the vendor.",
    "Linked against OpenBLAS and NumWIDGET builds.",
    "Press Ctrl-C to stop.",
    "Pt continued Zosyn. Vanco added.",
    "The scheduler, also known as Kubernetes, runs the jobs.",
    "Pt's family at bedside.",
    "### Python Runtime Programmatic Introspection",
    "| Feature | Charset Normalizer |",
    "CV: Diastolic Dysfunction verses worsening effusion.",
    "Models: Logit and Probit are supported.",
    "Classifier: Programming Language :: Python",
    "Lytes: Repleted per protocol.",
    "Netscape Cert Type:",
    "social: son updated at bedside, wife at home, daughter visited.",
    "DTR CALLED TWICE; HUSBAND UPDATED BY RN.",
    "bp q 4h",
    "My name is not important here.",
    '"It works," says Microsoft.',
    "Sodium and Potassium were normal.",
    "Heparin is running at 800 units. He tolerated it.",
    "Vanco was started. She is afebrile.",
    "  - name: Upload coverage report",
    "name: prooflane",
    "Python is from the Netherlands.",
    "Zorvex is from the vendor.",
])
def test_ordinary_text_in_those_shapes_is_quiet(text: str) -> None:
    assert "phi.name" not in cats(text)


@pytest.mark.parametrize("text", [
    "PMH: HTN, s/p wrist fx 6/94, appendectomy.",
    "PMH: CAD, CABG 2/81, COPD.",
    "Please see initial evaluation 8/19 for the history.",
    "8/3 cath: patent grafts.",
    "FS were fine; at 4p 9/21 she was 188.",
    "96 s/p fall with hip fx, admitted from home.",
    "93 yo woman with CHF.",
    "Family meeting set for Thursday the 12th.",
    "Care conference moved to Fri Oct 3.",
])
def test_dates_tied_to_clinical_events_and_old_ages_are_found(text: str) -> None:
    assert "phi.date" in cats(text)


@pytest.mark.parametrize("text", [
    "BP 120/80, HR 72.",
    "Remains on CPAP 5/5 with 40% FiO2.",
    "PS 10/5 overnight, ABG 7.38/41/96.",
    "Take 1/2 tab at night.",
    "Strength 5/5 in all extremities.",
    "90 mg given at noon.",
    "Admitted last week; 9/10 items done on time on the checklist.",
    "Pt met 4/6 goals on the discharge plan.",
])
def test_vitals_settings_and_fractions_are_not_dates(text: str) -> None:
    assert "phi.date" not in cats(text)


def test_card_numbers_after_the_word_card_pass_luhn_with_any_prefix() -> None:
    assert "phi.account" in cats("Please block my card 180012345670001 today.")
    assert "phi.account" in cats("card # 213100000000001")  # a 15-digit JCB number
    assert "phi.account" not in cats("Please block my card 180012345670002 today.")  # Luhn fails


def test_pager_and_phone_numbers_with_a_cue() -> None:
    assert "phi.phone" in cats("Will follow up as needed. Pager 47213.")
    assert "phi.phone" in cats("They can be reached at 303 4417729 after six.")
    assert "phi.phone" in cats("612 4478 office")
    assert "phi.phone" not in cats("Gave 250 1000 units over the shift.")


def test_reference_numbers_are_ids() -> None:
    assert "phi.other_id" in cats("New mattress ordered (ref # 5529174).")


@pytest.mark.parametrize("text", [
    "Deliver it to 4410 ul. Wierzbowa 17 please.",
    "The bus stops at 28 Rue quelmont.",
    "enter on kertvaros út 41. from the side",
    "6620 Velmo tee 12",
    "Send it to 551 2040 Brackwater St",
    "Meet me at 7120 3304 Harrowgate St, Quellby",
    "fpo ae 09876",
    "the letter went to uscgc brenhollow",
    ">Uruguay 64677",
    "Send it to 12 Harrowgate Road\nBrackwater, qz 77120",
])
def test_addresses_in_other_street_orders_are_found(text: str) -> None:
    assert "phi.geo" in cats(text)


@pytest.mark.parametrize("text", [
    "Routed via IV 20 minutes later.",
    "Bring a golf tee 3 times a week.",
    "ST elevation in leads 2 and 3.",
    "France 2024 was a good year for the team.",
])
def test_street_words_in_ordinary_text_are_quiet(text: str) -> None:
    assert "phi.geo" not in cats(text)


def test_an_address_block_continues_over_town_and_code_lines_but_not_into_a_heading() -> None:
    lines = lambda text: sorted({f.line for f in check_text(text, suffix=".md") if f.category == "phi.geo"})  # noqa: E731
    assert lines("write to: 4410 Velmo tee 12\nMOSS\n, qcx\n 55120\n\nThanks") == [1, 2, 3, 4]
    assert lines("Lives at 12 Oak Street\nSOCIAL WORK\nDaughter visited") == [1]


def claims(text: str) -> list[str]:
    return [c for c in cats(text) if c.startswith("claim.")]


@pytest.mark.parametrize("text", [
    "Detects early signs of Parkinson's disease.",
    "Predicts the onset of sepsis hours earlier.",
    "Quorbot can replace your GP for everyday illnesses.",
    "Zindravision detects melanoma from one photo.",
    "Eliminates prescribing errors.",
    "Ensures that no fracture is ever missed.",
    "State-of-the-art accuracy (AUC 0.97) for detecting COVID-19 from chest X-rays.",
    "Quorbot answers your health questions and recommends the right medication for your symptoms.",
    "Patients can skip the doctor's visit: upload a photo and get an instant diagnosis.",
    "You no longer need to see a dermatologist for a mole check.",
    "Achieves 98.7% accuracy on the test set, better than board-certified radiologists.",
    "This chatbot provides personalised treatment plans for depression.",
    "The system automatically triages patients and decides who needs emergency care.",
    "Predict diabetes from 8 clinical features using XGBoost.",
    "Our solution eliminates the need for a pathologist in routine screening.",
    "The model correctly classified 94% of malignant tumours in our experiments.",
    "Quorbot gives personalised insulin dosage recommendations after each meal.",
    "After you log a meal, it outputs the bolus units for your next injection.",
    "The chatbot returns the three most probable diseases for the symptoms entered.",
    "- Possible condition suggestions",
    "A small web app that tells you if someone is likely to have diabetes from a short form.",
    "Our platform reduces sepsis mortality and shortens ICU stays.",
    "The app has 93 per cent sensitivity for melanoma.",
    "The Zindra app triages rashes as accurately as GPs.",
    "Assesses your risk of type 2 diabetes in under a minute.",
    "Our AI estimates each patient's risk of heart failure.",
    "Know if you have strep throat in 30 seconds.",
    "Identify melanoma with your phone camera.",
    "- Predicts whether the person has a high or low risk of stroke",
    "**Summary**: Detecting pneumonia on chest films automatically.",
    "Reduces hospital readmissions by 35%.",
    "Our model reaches an AUROC of 0.97 on the test set.",
    "Quorvision computes a cancer-prediction score from each scan.",
    "The app gives a score showing how likely the mole could be melanoma.",
    "- Recommended over-the-counter medications for your symptoms",
    "Zindrabot is your personal doctor, day and night.",
    "A framework to classify referable (RDR) diabetic retinopathy with deep learning.",
    "Predict the probability of developing coronary heart disease from your medical history and answers.",
    "- At present, the Doctor AI can diagnose the five commonest causes of a cough.",
    "Quorbot could be your next doctor.",
    "It takes your symptoms and suggests possible causes and the next step.",
    "It reads uploaded images (e.g., X-rays) for improved diagnosis.",
    "- Real-time TB risk prediction",
    "Zindra is a tool to classify mole photos (malignant or benign).",
    "AUC: 0.94",  # a bare metric line of a README
    "- **AUC-ROC:** ~0.91",
    "QRS: 0.97 precision / 0.93 recall",
    "Our models have an accuracy of just over 99%.",
    "Simple wrapper over ResNet-18 that detects pneumonia in chest films.",
    "The model classifies whether a cell is infected or not.",
    "Recommends the top 5 medicines for a symptom.",
    "Quorvia, an AI-powered virtual doctor app with symptom checker and consultations.",
    "# Diagnosing Alzheimer's disease from speech",
    "It also predicts the patient's risk of death within two years.",
])
def test_claims_whose_subject_is_implied_or_a_product_name_are_found(text: str) -> None:
    assert claims(text)


@pytest.mark.parametrize("text", [
    "Diagnoses were confirmed by pathology in every case.",
    "Identifies patients due for a follow-up call.",
    "Detects missing fields in the intake form.",
    "Ensures that no field is left blank.",
    "Eliminates duplicate rows.",
    "PubMed lists studies that detect early signs of stroke.",
    "Doctors detect early signs of Alzheimer's disease with memory tests.",
    "The nurse identifies early signs of sepsis at the bedside.",
    "Patients benefit from early detection of cancer through regular screening.",
    "You decide which medication to take together with your doctor.",
    "Patients should seek a medical diagnosis from a qualified clinician.",
    "Doctors get an instant diagnosis suggestion to review, and they decide.",
    "This project is a student exercise and has not been validated for clinical use.",
    "The model outputs a risk score that a nurse reviews before any call is made.",
    "Results on the held-out set: AUROC 0.81 (95% CI 0.77-0.85), calibration slope 0.94.",
    "We trained a ResNet-50 on 5,856 chest X-ray images labelled as normal or pneumonia.",
    "The dataset contains 70,000 records with 12 features such as age, cholesterol and blood pressure.",
    "It summarises discharge notes so clinicians can review them faster.",
    "Radiologists then confirm or reject each flagged finding.",
    "Early diagnosis and treatment of glaucoma helps prevent vision loss.",
    "A mammogram can find cancer at an early stage, when it is easier to treat.",
    "| Replaces doctors? | No, it supports them |",
    "The regulator fined a developer for bogus melanoma detection claims.",
    "The app was poor at ruling melanoma out, with a sensitivity of just 20%.",
    "The pilot aims to reduce readmissions by 10% over a year, measured against last year.",
    "Possible conditions in the label set include atelectasis, effusion and pneumonia.",
    "| DenseNet-121 model | AUROC | 95% CI |",
    "Lower readmission rates are a goal of many hospitals; this project does not measure them.",
    "The only way to confirm melanoma is a biopsy, and a pathologist reads it.",
    "The only way to diagnose melanoma is to remove tissue and check it for cancer cells.",
    "With the aid of the software, clinicians can make quicker diagnoses.",
    "In the study, the readers' ability to detect fractures improved with the overlay.",
    "An ECG is the main test in the diagnosis of heart rhythm problems.",
    "Skin apps lack clinical validation and most have not been FDA cleared.",
    "A dataset of 800 devices cleared through the FDA 510(k) pathway.",
    "Early melanoma has a 95 percent cure rate after surgery.",
    "The AUC of 0.71 is modest; see the limits below.",
    "Check if you have the latest version of Python installed.",
    "At the moment, the doctor reviews every draft before it is sent.",
    "For a flagged case (e.g. a long wait), a nurse calls the patient.",
    "Diagnosing heart disease is a task for health professionals.",
    "The aim is to determine the key risk factors for strokes from age and blood pressure.",
    "Currently, the best defence against the disease is early detection.",
    "- Aim: 70% accuracy on the held-out test set.",
    "This project assesses the accuracy and safety of chat models for preliminary medical diagnoses.",
    "Based on the dermatologist-level classification of skin cancer paper.",
    "Results on the held-out set: AUC 0.88 (95% CI 0.84-0.91).",
])
def test_verbs_opening_a_sentence_without_a_claim_and_other_subjects_stay_quiet(text: str) -> None:
    assert claims(text) == []


_APPOINTMENT = """{
  "resourceType": "Appointment",
  "status": "booked",
  "start": "2031-05-14T09:00:00Z",
  "end": "2031-05-14T09:30:00Z",
  "meta": {"lastUpdated": "2031-05-01T10:00:00Z"},
  "participant": [
    {"actor": {"reference": "Patient/p7", "display": "Q. Zindravel"}, "status": "accepted"},
    {"actor": {"reference": "Location/l2", "display": "East Wing, floor two"}, "status": "accepted"}
  ]
}
"""
_OBSERVATION_XML = """<Observation xmlns="http://hl7.org/fhir">
  <status value="final"/>
  <subject><reference value="Patient/p9"/><display value="V. Quorbeth-Amsel"/></subject>
  <effectiveDateTime value="2031-03-02T08:15:00Z"/>
  <issued value="2031-03-02T11:00:00Z"/>
  <code><coding><system value="http://loinc.org"/><code value="15074-8"/><display value="Glucose"/></coding></code>
</Observation>
"""


_PATIENT_JSON = """{
  "resourceType": "Patient",
  "identifier": [{"system": "http://www.quorbeth-health.org/identifiers/mrn", "value": "FAKE-MRN-0001"}],
  "name": [
    {
      "family": [
        "Zindravel"
      ],
      "given": [
        "Quorva"
      ]
    }
  ],
  "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName",
    "valueString": "Brumvellic"}]
}
"""
_PATIENT_XML = """<Patient xmlns="http://hl7.org/fhir">
  <extension url="http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName">
    <valueString value="Brumvellic"/>
  </extension>
  <identifier><system value="http://www.quorbeth-health.org/identifiers/mrn"/><value value="FAKE-MRN-0002"/></identifier>
</Patient>
"""


@pytest.mark.parametrize("text, suffix, expected", [
    (_APPOINTMENT, ".json", [(4, "phi.date"), (5, "phi.date"), (8, "phi.name")]),
    (_OBSERVATION_XML, ".xml", [(3, "phi.name"), (4, "phi.date"), (5, "phi.date")]),
    # array values are found on their own lines; an identifier system is a numbering scheme, not a person's page
    (_PATIENT_JSON, ".json", [(7, "phi.name"), (10, "phi.name"), (15, "phi.name")]),
    (_PATIENT_XML, ".xml", [(3, "phi.name")]),
])
def test_fhir_event_dates_and_the_names_shown_for_person_references_are_found(text: str, suffix: str,
                                                                              expected: list) -> None:
    found = sorted({(f.line, f.category) for f in check_text(text, suffix=suffix) if f.category.startswith("phi.")})
    assert found == expected  # the record's own lastUpdated, a location's display and a code's display stay quiet


@pytest.mark.parametrize("text, category", [
    ("GI: appetite good, LBM 11/4.", "phi.date"),  # month/days nothing else explains
    ("WT 10/8 59.2kg.", "phi.date"),
    ("Arrived to CCU at 2300 10/15.", "phi.date"),
    ("PRESENT HX:8/30 lethargic, febrile.", "phi.date"),
    ("LITHIUM TOXICITY-9/2/92.", "phi.date"),
    ("Positive culture from the A-line drawn on the 11th.", "phi.date"),
    ("<td>MRN: 48392 (Quorbeth Health)</td>", "phi.mrn"),  # a label wrapped in markup
    ("**MRN**: 4839201", "phi.mrn"),
    ("| MRN | 4839201 |", "phi.mrn"),
    ("Her NHS no. is 9434765919.", "phi.other_id"),  # national health numbers after their label
    ("Health card # 4820193847", "phi.other_id"),
    ("Medicare card: 21234567", "phi.health_plan"),
    ("Desk: 2125557788", "phi.phone"),
])
def test_dates_and_numbers_after_a_label_are_found(text: str, category: str) -> None:
    assert category in cats(text, ".txt")


@pytest.mark.parametrize("text", [
    "SETTINGS CPAP, FIO2 50%, PEEP/PS 5/8.",
    "Net benefit = 1/5 - 1/5 * 0.5/0.5 at this threshold.",
    "4/4 extremities warm, 2/2 grips equal.",
])
def test_settings_sums_and_small_scores_are_not_dates(text: str) -> None:
    assert "phi.date" not in cats(text, ".txt")


def _values(text: str) -> list[str]:
    from scaffolder.check.scan import scan_text

    return [text[h.start:h.end] for h in scan_text(text, suffix=".txt")[0] if h.category == "phi.name"]


@pytest.mark.parametrize("text, name", [
    ("Mr. O'Quorbeth-Amsel states he takes metoprolol at home.", "Mr. O'Quorbeth-Amsel"),
    ("Seen by Dr. Renée Côté-Velmorant today.", "Dr. Renée Côté-Velmorant"),
    ("ALL INFO ON THIS NOTE IS FOR A DIFFERENT PATIENT Q. ZINDRAVEL RRT", "Q. ZINDRAVEL"),
    ("Reported by: J. Plinkerwood, RN", "J. Plinkerwood"),
    ("Sari J. Velmorant will attend the meeting.", "Sari J. Velmorant"),
])
def test_names_are_found_whole_with_initials_accents_and_apostrophes(text: str, name: str) -> None:
    assert name in _values(text)


@pytest.mark.parametrize("text", [
    "P: Start ditropan. Support pt. Keep careful I & O. Continue PT.",
    "Echo shows cor pulmonale.",
    "Pt seen in PT. Gait training, RN aware.",
])
def test_initials_and_clinical_words_before_a_credential_are_not_names(text: str) -> None:
    assert _values(text) == []


@pytest.mark.parametrize("text, lines", [
    ("Address:\nKvorbeth Allee 31 Zindra Streets\n Suite 245\n ZINDRAVAL\n Austria 25173.\n", 4),
    ("20789 Plinkerwood 46\n Suite 501\n", 2),
    ("Send it to 03751 Quorbeth Achterhove 137\nVelmorant Springs\n, CO\n", 3),
])
def test_address_blocks_are_found_line_by_line(text: str, lines: int) -> None:
    from scaffolder.check.scan import scan_text

    hits = [h for h in scan_text(text, suffix=".txt")[0] if h.category.startswith("phi.")]
    assert len({text.count("\n", 0, h.start) for h in hits}) == lines


@pytest.mark.parametrize("text", [
    "Gave 2 Tylenol 650 mg at 1400.\nPLAN\nNEURO: AOx3\n",
    "Mobile: 723 813 266\nDesk: ext 4508\n",
])
def test_short_lines_after_numbers_are_no_address(text: str) -> None:
    assert "phi.geo" not in cats(text, ".txt")


def test_an_iban_in_groups_is_an_account_not_a_phone() -> None:
    assert cats("Please wire the refund to GB29 NWBK 6016 1331 9268 19 by Friday.", ".txt") == ["phi.account"]


def test_the_pools_first_names_are_fictional_only_beside_an_invented_surname_or_in_a_project() -> None:
    from scaffolder.check.scan import scan_text
    from synthetic.pools import FIRST_NAMES, SURNAMES

    first, surname = FIRST_NAMES[0], SURNAMES[0]
    real = f"Spoke with daughter {first} Quenbrasse about the plan."
    assert "phi.name" in fam(real)  # a common first name is no proof of fiction in someone's note
    assert "phi.name" not in fam(f"Spoke with daughter {first} {surname}. Later {first} called back.")
    names = lambda text, **kw: [h for h in scan_text(text, suffix=".md", **kw)[0] if h.category == "phi.name"]  # noqa: E731
    persona = f"Spoke with daughter {first} about the reminders."
    assert names(persona) and not names(persona, in_project=True)  # in a project the personas go by first name
