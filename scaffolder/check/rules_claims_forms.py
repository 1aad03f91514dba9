"""Claims as README sentences really write them, read one sentence at a time.

``claim.diagnostic``: nominal forms ("detection of brain tumors", "Heart Disease Prediction App",
"provides potential diagnoses"), the tool detecting or identifying disease, "whether the patient is
likely to have ...", treating, curing or preventing disease, telling patients what dose to take,
replacing a clinician or making one unnecessary. ``claim.overclaim``: accuracy figures tied to the
product ("99.9% accuracy"), accuracy boasts, "AI doctor", proof and approval ("proven to",
"clinically shown", "FDA 510(k)", "validation complete"), "saves lives", "revolutionize".

The subject must be the tool: a sentence is read only when it names a tool (AI, model, app, system,
"we", "our" ...: ``data/claims.json``) or is a README fragment (a bullet, heading or bold label).
Negations, disclaimers, questions, mentions ("avoid saying ...") and sentences whose subject is a
clinician ("your doctor will diagnose ...", "radiologists have to find ...") stay quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from scaffolder.check import lexicons
from scaffolder.check.hits import Hit
from scaffolder.check.rules_claims import _MENTION, _in_quotes
from scaffolder.check.textindex import Lines, alternation, find_any, runs_matching


def _alt(words) -> str:
    """The longest-first alternation of ``words``, as a character trie (the same matches, tried faster)."""
    return alternation(words)


@cache
def _vocab() -> dict[str, re.Pattern[str]]:
    v = lexicons.table("claims")
    disease = _alt(v["diseases"])
    clin = _alt(v["clinicians"])
    w = r"(?:[\w'’*()/-]+[ \t,]+)"  # a word between (an acronym in brackets too: "(NRDR)")
    return {
        "nominal": re.compile(rf"\b(?:{_alt(v['nominal'])})\b[ \t]+(?:of|for|about|on)\b[ \t]+{w}{{0,6}}?\**(?:{disease})\b"),
        # what a headline says the tool is for: "for detecting COVID-19 from chest X-rays"
        "purpose": re.compile(rf"\b(?:for|at|in)[ \t]+(?:the[ \t]+)?(?:early[ \t]+)?(?:detecting|diagnosing|predicting|"
                              rf"identifying|classifying|screening[ \t]+for)\b[ \t]+{w}{{0,4}}?\**(?:{disease})\b"),
        "disease_noun": re.compile(rf"\b(?:{disease})\**(?:[ \t]+\([\w-]{{2,10}}\))?[ \t-]+(?:risk[ \t]+)?(?:\**)(?:detection|"
                                   r"prediction|diagnosis|diagnostics|classifier|"
                                   r"classification|screening|detector|identification)\b"),
        "verb": re.compile(rf"\b(?:{_alt(v['verbs'])})\b[ \t]+{w}{{0,6}}?[*(]*(?:{disease})\b"
                           r"|\bdiagnos(?:e|es|ing)[ \t]+(?:patients?|users?|people|you|them)\b"),
        "provides": re.compile(r"\b(?:provides?|providing|delivers?|offers?|gives?|generates?|returns?|outputs?|makes?|"
                               r"performs?|establish(?:es)?|reach(?:es)?|assess(?:es)?)\b[ \t]+(?:[\w*-]+[ \t]+){0,4}?\**"
                               r"(?:diagnos[ie]s|diagnostics|diagnosis)\b"
                               r"|\b(?:accurate|instant|medical|health|preliminary|automated|automatic|ai|ai-powered|ai-based|"
                               r"ai-driven|improved|better|faster|quicker)\**[ \t]+(?:[\w-]+[ \t]+)?\**(?:diagnos[ie]s|diagnostics|diagnosis)\b"
                               # what a symptom checker lists: "returns the five most probable diseases", "possible condition
                               # suggestions" (not "possible conditions in the label set include ...")
                               r"|\b(?:returns?|lists?|shows?|suggests?|gives?|predicts?|assess(?:es)?|displays?|outputs?|generates?|"
                               r"provides?)\b[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:probable|possible|likely|potential)[ \t]+(?:diseases?|"
                               r"conditions?|illness(?:es)?|diagnos[ie]s|disorders?|causes)\b"
                               r"|\b(?:disease|condition|illness|diagnosis|diagnostic)[ \t]+(?:suggestions?|predictions?)\b"),
        "early": re.compile(r"\b(?:early|instant|automatic|automated|real-time|rapid)\**[ \t]+(?:[\w-]+[ \t]+)?\**(?:detection|"
                            r"diagnosis|diagnostics|screening)\b"),
        "likelihood": re.compile(rf"\b(?:determines?|predicts?|estimates?|calculates?|computes?|gives?|returns?|outputs?|"
                                 rf"assess(?:es)?|quantif(?:y|ies)|scores?)\b[ \t]+"
                                 rf"(?:(?:the|your|a|their|each|every|(?:patient|user|person)(?:s|['’]s|s['’])?)[ \t]+){{0,2}}"
                                 rf"(?:likelihood|probability|chance|odds|risk)\b[^.]{{0,60}}\b(?:{disease}|death|dying|mortality)\b"),
        "whether": re.compile(rf"\bwhether\b[ \t]+(?:the[ \t]+|a[ \t]+)?(?:patient|user|person|you|they|someone)\b[^.]{{0,40}}"
                              rf"\b(?:{disease})\b"
                              rf"|\bif[ \t]+(?:the[ \t]+|a[ \t]+)?(?:patient|user|person|you|they|someone|he|she)[ \t]+(?:is|are|has|have)"
                              rf"[ \t]+(?:likely|probably|at[ \t]+(?:high[ \t]+)?risk)\b[^.]{{0,30}}\b(?:{disease})\b"
                              rf"|\bhow[ \t]+likely\b[^.]{{0,40}}\b(?:{disease})\b"
                              r"|\bwhether[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?:cell|image|scan|lesion|mole|sample|x-ray|tissue|"
                              r"tumou?r|spot)[ \t]+(?:is|has|contains|shows)[ \t]+(?:infected|malignant|cancerous|positive|diseased|"
                              r"abnormal)\b"),
        "treat": re.compile(rf"\b(?:{_alt(v['treat_verbs'])})\b[ \t]+{w}{{0,3}}?(?:{disease})\b|\bcures?\b(?![ \t-]+rates?\b)"),
        "dose": re.compile(rf"\b(?:{_alt(v['dose_verbs'])})\b[ \t]+(?:(?:the[ \t]+)?(?:patients?|users?|you|people|them)[ \t]+)?"
                           rf"(?:which|what|the right|the correct|the best|how much|their)[ \t]+(?:[\w-]+[ \t]+)?"
                           rf"(?:{_alt(v['dose_objects'])})\b"),
        # doses and medicines as nouns: "personalised insulin dosage recommendations", "recommendations for insulin
        # dosages", "outputs the bolus units", "suggested medicines based on symptoms"
        "dose_noun": re.compile(r"\b(?:personali[sz]ed|tailored|individuali[sz]ed|intelligent|smart|automated)[ \t]+(?:[\w-]+[ \t]+)?"
                                r"(?:dos(?:e|es|age|ages)|insulin|bolus|medicines?|medications?)\b"
                                r"|\brecommendations?[ \t]+(?:for|of|on)[ \t]+(?:[\w-]+[ \t]+)?dos(?:e|es|age|ages)\b"
                                r"|\b(?:adjusts?|outputs?|calculates?|computes?)[ \t]+(?:the[ \t]+)?(?:[\w-]+[ \t]+)?"
                                r"(?:bolus|dos(?:e|es|age|ages)|insulin[ \t]+(?:units|doses?))\b"
                                r"|\b(?:suggested|recommended|potential)[ \t]+(?:over-the-counter[ \t]+)?(?:medicines|medications|drugs|"
                                r"remedies)\b"
                                r"|\b(?:medicine|medication|drug)[ \t]+(?:prescriptions?|recommendations?)\b"
                                r"|\b(?:recommends?|suggests?)[ \t]+(?:the[ \t]+)?(?:top[ \t]+\d+[ \t]+|best[ \t]+)?(?:basic[ \t]+|home[ \t]+|"
                                r"herbal[ \t]+)?(?:treatments|remedies|medicines|medications)\b"),
        # a person handed a diagnosis, or told to skip the clinician: "get an instant diagnosis", "skip the doctor's visit"
        "self_serve": re.compile(rf"\b(?:get|gets|getting|receive|receives|obtain|obtains)\b[ \t]+(?:an?[ \t]+|your[ \t]+|their[ \t]+)?"
                                 r"(?:instant|immediate|accurate|automated|automatic|ai|ai-powered|quick|fast|online|(?:the[ \t]+)?best(?:[ \t]+possible)?)[ \t-]+"
                                 r"(?:medical[ \t]+)?(?:diagnos[ie]s|diagnosis)\b"
                                 rf"|\bskip(?:s|ping)?[ \t]+(?:the[ \t]+|a[ \t]+|your[ \t]+)?(?:{clin})(?:['’]s)?\b"
                                 # "Know if you have COVID-19 in 60 seconds", "find out whether your child has strep"
                                 rf"|\b(?:know|find[ \t]+out|check|see|learn|discover|tells?[ \t]+you)[ \t]+(?:if|whether)[ \t]+"
                                 rf"(?:you|your[ \t]+[\w-]+|the[ \t]+patient|a[ \t]+patient|patients|someone|they)[ \t]+"
                                 rf"(?:has|have|had|is|are|might[ \t]+have|may[ \t]+have)\b[^.]{{0,40}}?\b(?:{disease})\b"),
        # a headline or bullet opening with the verb: "Predict diabetes from 8 features", "Detects pneumonia"
        # after an optional label ("**Description**:"): "Assesses your risk of diabetes", "Reduces readmissions by 40%"
        "verb_first": re.compile(r"^[\W_]*(?:\w+(?:[ \t]\w+)?[ \t]*\**[ \t]*:[ \t*]*)?(?:detect|detects|detecting|diagnose|diagnosing|predicting|classifying|"
                                 r"predict|predicts|classify|classifies|identify|identifies|screen for|screens for|assess|assesses|"
                                 r"estimates?|calculates?|computes?|determines?|quantif(?:y|ies)|reduces|cuts|lowers|slashes|halves|"
                                 r"decreases)\b"),
        "replace": re.compile(rf"\b(?:replac(?:e|es|ed|ing)|substitut(?:e|es|ing) for)\b[ \t]+(?:the need for[ \t]+)?"
                              rf"(?:a[ \t]+|an[ \t]+|your[ \t]+|the[ \t]+|human[ \t]+)?(?:{clin})\b"
                              rf"|\bno (?:longer )?(?:need|needs|needed) (?:for |to see |to visit )?(?:a |an |your |the )?(?:{clin})\b"
                              rf"|\bwithout (?:the need for|seeing|visiting|needing) (?:a |an |your )?(?:{clin})\b"
                              rf"|\b(?:eliminat(?:e|es|ing)|remov(?:e|es|ing)|no) (?:the )?need (?:for|of) (?:a |an |your |the |human )?(?:{clin})\b"),
        # a treatment plan or a care decision made by the tool: "provides treatment plans for depression",
        # "decides who needs emergency care"
        "plan": re.compile(rf"\b(?:provides?|creates?|generates?|builds?|designs?|offers?|recommends?|suggests?|prescribes?)\b[ \t]+"
                           rf"(?:[\w-]+[ \t]+){{0,2}}?(?:treatment|therapy|medication|care)[ \t]+(?:plans?|regimens?)[ \t]+for\b"
                           rf"[ \t]+{w}{{0,3}}?(?:{disease}|patients?|you|users?)\b"
                           r"|\b(?:decides?|determines?|chooses?)\b[ \t]+(?:who|which[ \t]+patients?)[ \t]+(?:needs?|should[ \t]+"
                           r"(?:get|receive|see|go))\b"),
        "beats": re.compile(rf"\b(?:exceed(?:s|ing)?|outperform(?:s|ing)?|better than|beats?|surpass(?:es|ing)?|"
                            rf"as (?:accurate|accurately|well|reliably|good) as)\b[^.]{{0,30}}\b(?:{clin})\b"),
        # an outcome promised for the tool: "reduces mortality rates", "cuts readmissions by 30%"
        "outcome": re.compile(r"\b(?:reduces|reduced|cuts|lowers|lowered|slash(?:es|ed)|decreas(?:es|ed)|halve[sd]|"
                              r"will[ \t]+(?:reduce|cut|lower|halve))\b[ \t]+(?:[\w-]+[ \t]+){0,3}?"
                              r"(?:mortality|deaths|readmissions?|complications|hospitali[sz]ations?|icu[ \t]+stays?)\b"
                              r"|\b(?:reduces|reduced|cuts|lowers|decreases|will[ \t]+(?:reduce|cut|lower))\b[ \t]+(?:[\w-]+[ \t]+){0,3}?"
                              r"(?:falls|errors|costs)[ \t]+by[ \t]+"
                              r"(?:up[ \t]+to[ \t]+)?\d+(?:\.\d+)?[ \t]?(?:%|percent|per[ \t]cent)"),
        # A percentage that names an interval's level ("a DeLong 95% interval", "95% CI") is no accuracy figure.
        "figure": re.compile(rf"\d+(?:\.\d+)?[ \t]?(?:%|percent|per[ \t]cent)(?![ \t]*(?i:confidence|credible|ci\b|interval|"
                             rf"Wilson|Clopper|bootstrap|DeLong|exact))\+?[^.\n|]{{0,40}}\b(?:{_alt(v['accuracy_words'])})\b"
                             rf"|\b(?:{_alt(v['accuracy_words'])})\b[^.\n|]{{0,30}}?\d+(?:\.\d+)?[ \t]?(?:%|percent|per[ \t]cent)"
                             rf"(?![ \t]*(?i:confidence|credible|ci\b|interval|Wilson|Clopper|bootstrap|DeLong|exact))"),
        "boast": re.compile(rf"\b(?:{_alt(v['accuracy_boasts'])})\b"
                            # "achieves an AUC of 0.96", "AUROC = 0.93", "F1-score of .91"
                            r"|\b(?:auc|auroc|roc[ -]auc|auc-roc|f1(?:[ -]score)?|c-statistic)\b[*_ \t]*(?:of|=|:|is|was|reaches|"
                            r"reached)?[*_ \t]*~?[ \t]*0?\.(?:[89]\d)\d*(?![\d.])"  # (a high one: "an AUC of 0.71 is modest" reports)
                            r"(?![ \t]*[(\[,;]?[ \t]*(?:95[ \t]?%|ci\b|±|\+/-|confidence))"  # (a result with its interval reports)
                            r"|(?<![\d.])0?\.(?:8\d|9\d)\d*[ \t]+(?:precision|recall|f1|auc|auroc|sensitivity|specificity|"
                            r"accuracy)\b"),
        "ai_role": re.compile(rf"\b(?:ai|a\.i\.|robot|virtual|digital|artificial)[ \t-]+(?:{_alt(v['ai_roles'])})\b|\bdr[.,]?[ \t]*ai\b|\b(?:{_alt(v['ai_roles'])})[ \t-]+ai\b"
                              rf"|\b(?:be|is|becomes?)[ \t]+your[ \t]+(?:next[ \t]+|new[ \t]+|own[ \t]+|personal[ \t]+)?"
                              rf"(?:{_alt(v['ai_roles'])})\b"),
        "proof": re.compile(rf"(?<![\w-])(?:{_alt(v['proof'])})(?![\w-])"),
        "tool": re.compile(rf"(?<![\w-])(?:{_alt(v['tool_words'])})(?![\w-])|\w+(?:ai|bot|gpt)\b|\bai\w*"
                           r"|\b(?:resnet|vgg|densenet|efficientnet|mobilenet|inception|yolo)(?:[-_]?v?\d+\w*)?\b"),
        "negation": re.compile(rf"(?<![\w-])(?:{_alt(v['negations'])})(?![\w-])|n['’]t\b"),
        "disclaimer": re.compile(rf"{_alt(v['disclaimers'])}"),
        "human_start": re.compile(rf"^[\W\d_]*(?:[^,.;:]{{1,60}},[ \t]+)?(?:\w+:[ \t*]*)?(?:(?:the|your|a|an|many|most|some|our|trained|qualified|"
                                  rf"practicing|licensed|human)[ \t]+)*(?:(?P<clinician>{clin})(?![ \t*-]*(?:ai|a\.i\.|bot|gpt|app|assistant|accuracy|level|grade)\b)|you|people|patients)\b"),
        # a medical test as the sentence's subject: "A mammogram can find cancer early"
        "test_start": re.compile(r"^[\W\d_]*(?:(?:a|an|the|your|this|regular|routine|annual|yearly)[ \t]+)*(?:mammograms?|"
                                 r"(?:blood[ \t]+|pap[ \t]+|eye[ \t]+|skin[ \t]+|screening[ \t]+)?(?:tests?|exams?|examinations?)|"
                                 r"screenings?|colonoscop(?:y|ies)|x-rays?|ultrasounds?|biops(?:y|ies)|pap[ \t]+smears?|"
                                 r"(?:ct[ \t]+|mri[ \t]+)?scans?|mri|ecgs?|ekgs?|electrocardiograms?|echocardiograms?|"
                                 r"endoscop(?:y|ies)|dermoscopy|spirometry)\b"),
        # a nominal claim that is the subject of a general statement: "Early diagnosis ... helps reduce the risk"
        "statement_verb": re.compile(r"[^,;:]{0,80}?\b(?:is|are|was|were|helps?|can|could|may|might|improves?|increases?|reduces?|"
                                     r"saves?|leads?|matters|remains?|plays?|allows?|makes?)\b"),
        "human_inf": re.compile(rf"(?<!need )(?<!needs )(?<!needed )\b(?:for|helps?|helping|assists?|allows?|lets|enables?|supports?)[ \t]+(?:the[ \t]+|your[ \t]+|a[ \t]+)?"
                                rf"(?:{clin})\b"
                                rf"|\b(?:{clin})(?:['’]s?|s['’])?[ \t]+(?:ability|abilities|accuracy|performance)[ \t]+(?:to|in|at)\b"),
    }


_DIAG = ("nominal", "purpose", "disease_noun", "early", "verb", "provides", "self_serve", "likelihood", "whether", "treat", "dose",
         "dose_noun", "plan", "replace")
# What a sentence about a patient or user ("You no longer need a doctor", "Patients get an instant diagnosis")
# can still claim for the tool; a clinician as the subject excuses every form.
_PERSON_SUBJECT_FORMS = ("self_serve", "replace")
_OVER = ("beats", "outcome", "figure", "boast", "ai_role", "proof")
_MESSAGES = {
    "claim.diagnostic": ("A diagnostic claim: the sentence says the tool diagnoses, detects or treats disease, "
                         "or replaces a clinician.",
                         "Say what it does to support people, e.g. 'flags images for a clinician to review', and that a "
                         "qualified person decides."),
    "claim.overclaim": ("An overclaim: an accuracy figure, approval, proof or “AI doctor” tied to the tool.",
                        "Report measured results with their data set and limits, and only approvals you can cite."),
}
_LETTER_RE = re.compile(r"[^\W\d_]")
_STEMS = ["diagnos", "detect", "predict", "screen", "identif", "classif", "recogni", "accura", "%", "percent", "proven", "clinically", "fda", "510", "validat", "zero", "save", "revolution", "guarantee", "doctor", "physician", "nurse", "radiolog", "clinician", "dose", "dosage", "medication", "cure", "treat", "prevent", "replac", "no longer", "decide", "choose", "therap", "the need", "no need", "skip", "mortality", "readmission", "death", "complication", "hospitali", "icu", "bolus", "insulin", "medicine", "remed", "per cent", "medics", "personnel", "exceed", "outperform", "better than", "beat", "whether", "find", "spot", "recogn", "tell", "catch", "flag", "determin", "sensitiv", "specific", "precision", "auc", "auroc", "f1", "risk", "know if", "find out", "if you have", "whether your", "how likely", "probable", "possible", "expert", "human-level", "cancer", "tumor", "tumour", "disease", "disorder", "condition", "lesion", "infection", "illness", "patholog", "abnormal"]
_STEM_RE = re.compile(alternation(_STEMS))  # one of them must be in a line for any claim rule to fire
_STEM_WORD_RE = re.compile(alternation(s for s in _STEMS if re.fullmatch(r"[^\W\d_][\w'’-]*", s)))  # inside a word
_STEM_OTHER = tuple(s for s in _STEMS if not re.fullmatch(r"[^\W\d_][\w'’-]*", s))  # "%", "510", "no longer" ...
# a sentence of a line; a point inside a number or a word ("98.7%", "v2.1") does not end it
_SENTENCE_RE = re.compile(r"[^.!?]*(?:[.!?](?=[\w%])[^.!?]*)*(?:[.!?]+|$)")
_ABBREVIATION_RE = re.compile(r"\b(?:e\.g|i\.e|vs|etc|approx|incl|cf|fig)\.(?=[ \t]*[,(\w])")
_FRAGMENT_RE = re.compile(r"^\s*(?:[-*+>•#]|\d+[.)]|\*\*|✅|🎯|🧠|📷)")


def scan(text: str) -> Iterator[Hit]:
    """Every claim hit of the sentence rules in ``text`` (already masked); each distinct line is read once."""
    cache: dict[str, list[tuple[int, int, str]]] = {}
    offset = 0
    lower = text.lower()
    stem_lines = None
    if len(lower) == len(text):  # the lines holding a stem, from one pass over the whole text
        number = Lines(text).number
        stem_lines = {number(pos) for pos in runs_matching(lower, _STEM_WORD_RE) + find_any(lower, _STEM_OTHER)}
    for i, line in enumerate(text.split("\n")):
        start = offset
        offset += len(line) + 1
        if len(line) < 8 or (stem_lines is not None and i not in stem_lines):
            continue
        found = cache.get(line)
        if found is None:
            found = cache[line] = _line_claims(line)
        for s0, s1, category in found:
            yield Hit(start + s0, start + s1, category, "error", *_MESSAGES[category])


def _line_claims(line: str) -> list[tuple[int, int, str]]:
    p = _vocab()
    low = line.lower()
    if _LETTER_RE.search(line) is None or _STEM_RE.search(low) is None:
        return []
    fragment = bool(_FRAGMENT_RE.match(line))
    if not fragment and len(line) >= 90 and p["tool"].search(low) is None and p["verb_first"].match(low) is None:
        return []  # every sentence of a long line needs the tool as its subject (or a verb opening the line)
    if _mention(low) or p["disclaimer"].search(low) or _STUDIED.search(low):
        return []
    out: list[tuple[int, int, str]] = []
    # (the points of "e.g." and "i.e." end no sentence: the splitting reads a copy with them masked)
    for m in _SENTENCE_RE.finditer(_ABBREVIATION_RE.sub(lambda a: a.group(0).replace(".", "_"), low) if "." in low else low):
        sentence = m.group(0)
        if sentence.rstrip().endswith("?") or len(sentence.strip()) < 8:
            continue
        found = _claim(sentence, p, fragment or (m.start() == 0 and len(line) < 90), opens_line=m.start() == 0)
        if found is None:
            continue
        category, span = found
        col, end_col = m.start() + span[0], m.start() + span[1]
        if _in_quotes(line, col, end_col) and not line.lstrip().startswith(('"', "“")):
            continue  # a quoted claim is a mention ("replace 'our AI diagnoses cancer' with ...")
        out.append((col, end_col, category))
    return out


_ASK_WHETHER = re.compile(r"\b(?:ask|asks|asked|check|checks|verify|verifies|confirm|wonder|decide)\b[^.]{0,20}\bwhether\b")


def _mention(low: str) -> bool:
    """A line that talks about claims rather than making one ("avoid saying ...", "ask whether ...")."""
    return any(m.group(0) != "whether" or _ASK_WHETHER.search(low) for m in _MENTION.finditer(low))


_HYPOTHETICAL = re.compile(r"\b(?:can|could|may|might|would)\b(?:[ \t]+[\w-]+){0,3}[ \t]*$")
# an outcome set as a goal: "aims to reduce readmissions", "target: cut falls by 20%"
_GOAL = re.compile(r"(?:\baims?[ \t]*:|\b(?:aims?[ \t]+to|aiming[ \t]+to|designed[ \t]+to|intended[ \t]+to|expected[ \t]+to|hopes?[ \t]+to|"
                   r"seeks?[ \t]+to|goals?|targets?|objectives?|hypothes[ie]s)\b)[^.]{0,40}$")
# a figure given as a weakness: "a sensitivity of just 20%", "only 61% accurate"
_LOW_FIGURE = re.compile(r"\b(?:just|only|merely|as low as|poor|poorly)\b(?![ \t]+(?:over|above|under[ \t]+100))[^.]{0,30}\d+(?:\.\d+)?[ \t]?(?:%|percent|per[ \t]cent)")
_NOMINAL_ONLY = ("nominal", "purpose", "disease_noun", "provides", "self_serve", "dose_noun", "early", "figure", "boast", "ai_role",
                 "proof")
# words one of which a form's every match holds (lower case)
_GATES: dict[str, tuple[str, ...]] = {
    "purpose": ("detecting", "diagnosing", "predicting", "identifying", "classifying", "screening"),
    "self_serve": ("diagnos", "skip", "if", "whether"),
    "dose_noun": ("dos", "insulin", "bolus", "medicine", "medication", "remed", "treatment", "drug"),
    "plan": ("plan", "regimen", "who", "which"),
    "outcome": ("mortality", "death", "readmission", "complication", "hospitali", "icu", "falls", "errors", "costs"),
    "whether": ("whether", "if", "how likely"),
    "likelihood": ("likelihood", "probability", "chance", "odds", "risk"),
    "beats": ("exceed", "outperform", "better than", "beat", "surpass", " as "),
    "ai_role": ("ai", "a.i.", "robot", "virtual", "digital", "artificial", "your"),
}
_PRONOUN_TOOLS = frozenset(["i", "it", "my", "our", "this", "we"])
_COPULA = re.compile(r"\b(?:is|are|was|were|remains?)\b")
_GERUND_FIRST = re.compile(r"^[\W_]*(?:\w+(?:[ \t]\w+)?[ \t]*\**[ \t]*:[ \t*]*)?\w+ing\b")
# a line that studies tools rather than selling one: "assessing the accuracy and safety of LLMs for diagnoses",
# "based on the Dermatologist-level classification ... paper"
_STUDIED = re.compile(r"\b(?:assess(?:es|ing)?|evaluat(?:e|es|ed|ing|ion)|benchmark(?:s|ed|ing)?)\b[^.]{0,20}\b(?:accuracy|safety|"
                      r"performance|reliability)\b|\bbased on (?:the|a|an)\b[^.]{0,120}\b(?:paper|study|article|publication)\b")
_TOPIC_OF_APPROVALS = re.compile(r"\b(?:datasets?|databases?|registry|registries|submissions?|summaries|pathways?|lists?\s+of|"
                                 r"\d+\s+(?:[\w/-]+\s+){0,3}devices)\b")
# the forms a headline opening with a verb claims for its unnamed tool ("Predicts whether the person has diabetes")
_VERB_FORMS = ("verb", "likelihood", "whether", "outcome")
# nominal forms that open a sentence whose verb follows make a general statement, not a product's claim
_SUBJECT_FORMS = ("nominal", "disease_noun", "early", "provides")


def _in_subject(sentence: str, m: re.Match[str], p: dict[str, re.Pattern[str]]) -> bool:
    """True when the match lies in a subject that names no tool, before the sentence's first verb:
    "Early detection and accurate diagnosis are crucial ..." (a headline such as "Early detection of
    diabetic retinopathy, powered by deep learning" has no such verb)."""
    head = sentence[:m.start()]
    if p["tool"].search(head) or p["statement_verb"].match(head + "\n"):
        return False
    return p["statement_verb"].match(sentence, m.end()) is not None


def _claim(sentence: str, p: dict[str, re.Pattern[str]], fragment: bool,
           opens_line: bool = False) -> tuple[str, tuple[int, int]] | None:
    """The sentence's claim: the first diagnostic form that holds, else the first overclaim, else None.
    ``opens_line``: the sentence opens its line, so a verb opening it has the tool for its implied subject."""
    tools = list(p["tool"].finditer(sentence))
    tool = bool(tools)
    verb_first = (fragment or opens_line) and p["verb_first"].match(sentence) is not None \
        and not (_GERUND_FIRST.match(sentence) and _COPULA.search(sentence))  # ("Diagnosing X is a task for ...")
    if not (tool or fragment or verb_first):
        return None
    start = p["human_start"].search(sentence)
    if (start is not None and start.group("clinician")) or p["human_inf"].search(sentence) or p["test_start"].search(sentence):
        return None
    for names, category in ((_DIAG, "claim.diagnostic"), (_OVER, "claim.overclaim")):
        for name in names:
            person_form = name in _PERSON_SUBJECT_FORMS
            if (start is not None and not person_form) or not (
                    tool or name in _NOMINAL_ONLY or (start is not None and person_form) or (verb_first and name in _VERB_FORMS)):
                continue
            gate = _GATES.get(name)
            if gate is not None and not any(g in sentence for g in gate):
                continue  # (a form whose words are not in the sentence is not searched)
            m = p[name].search(sentence)
            if m is None:
                continue
            if tools and not _tool_before(tools, m.start()) and not (
                    name in _NOMINAL_ONLY or (verb_first and name in _VERB_FORMS) or (start is not None and person_form)):
                continue
            if name in _SUBJECT_FORMS and not tool and _COPULA.search(sentence, 0, m.start()):
                continue  # "the best defence against PD is early detection": a general statement
            if "risk factor" in sentence[m.start():m.end() + 12]:
                continue  # "determine the key risk factors for strokes" studies causes
            if name == "proof" and about_approvals(sentence):
                continue  # approvals as a subject ("a dataset of 510(k)-cleared devices", "analysis for 510(k) submissions")
            before = sentence[:m.start()] if name == "replace" else sentence[:m.end()]
            if p["negation"].search(before):
                return None
            if name in _SUBJECT_FORMS and _in_subject(sentence, m, p):
                continue  # "Early diagnosis of diabetic retinopathy helps reduce ..." states a fact
            if category == "claim.overclaim" and ((name != "ai_role" and _HYPOTHETICAL.search(sentence[max(0, m.start() - 30):m.start()]))
                                                 or (name in ("outcome", "figure") and _GOAL.search(sentence, 0, m.start()))
                                                 or (name == "figure" and _LOW_FIGURE.search(sentence, 0, m.end()))):
                continue
            return category, m.span()  # one claim per sentence, a diagnostic one first
    return None


def human_subject(sentence: str) -> bool:
    """True when a clinician or person is the sentence's subject, or the tool helps a clinician."""
    p = _vocab()
    return p["human_start"].search(sentence) is not None or p["human_inf"].search(sentence) is not None


def names_tool(sentence: str, claim_at: int | None = None) -> bool:
    """True when the sentence names a tool (AI, model, app, system, we, our ...); with ``claim_at``, a pronoun
    counts only before that offset (see :func:`_tool_before`)."""
    tools = list(_vocab()["tool"].finditer(sentence))
    return bool(tools) and (claim_at is None or _tool_before(tools, claim_at))


def _tool_before(tools: list[re.Match[str]], claim_at: int) -> bool:
    """True when a tool word names the claim's subject: any word but a pronoun, or a pronoun ("it", "this", "we")
    before the claim (in "The only way to diagnose melanoma is to ... check it" the "it" comes after)."""
    return any(t.group(0) not in _PRONOUN_TOOLS or t.start() < claim_at for t in tools)


def about_approvals(sentence: str) -> bool:
    """True when approvals are the sentence's topic ("a dataset of 510(k)-cleared devices", "510(k) submissions")."""
    return _TOPIC_OF_APPROVALS.search(sentence) is not None
