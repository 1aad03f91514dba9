"""Rules for risky claims: ``claim.diagnostic`` (the tool diagnoses, detects disease, treats,
replaces clinicians) and ``claim.overclaim`` (guaranteed, 100% accurate, FDA-approved, "AI expert").

A claim is not a finding when the clause negates it ("does not diagnose", "never replaces"), when it
is hedged as support ("helps clinicians detect ..."), or when the line only mentions it as an example
to avoid (inside quotes, "avoid", "red flag", "the vendor claims", "ask whether").

Each rule is anchored on a few literal word stems, all found where a word starts in one pass shared
with the phi rules (see cues.py), then matched at that spot; the text is lowered once by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from scaffolder.check.cues import Cues
from scaffolder.check.hits import Hit, clause_before, line_bounds, lower_same_length

_DISEASE = (
    r"(?:cancers?|tumou?rs?|malignan\w*|melanomas?|carcinomas?|diseases?|diabetes|diabetic \w+|retinopathy|sepsis|"
    r"strokes?|pneumonia|covid(?:-19)?|infections?|fractures?|heart attacks?|heart disease|arrhythmias?|"
    r"atrial fibrillation|afib|dementia|alzheimer'?s|parkinson'?s|depression|autism|adhd|tuberculosis|lesions?|"
    r"nodules?|illness(?:es)?|disorders?|skin conditions?|medical conditions?|glaucoma|cataracts?|hypertension|"
    r"anemia|asthma|copd|kidney disease|appendicitis|meningitis|concussions?|bleeds?|hemorrhages?|polyps?|anxiety|insomnia|ptsd|migraines?|obesity|addiction|"
    r"eating disorders?|schizophrenia|bipolar disorder|epilepsy|seizures?|heart failure|kidney failure)"
)
_CLINICIANS = (
    r"(?:doctors?|physicians?|clinicians?|(?:\w+ )?nurses?|radiologists?|pathologists?|pharmacists?|dermatologists?|"
    r"therapists?|specialists?|surgeons?|gps?|clinical (?:judge?ment|review|staff|teams?)|medical (?:staff|professionals?|"
    r"advice|teams?)|human (?:review(?:ers)?|experts?)|care teams?|(?:health ?care )?providers?|triage staff|"
    r"the need for (?:a )?(?:doctor|clinician|nurse)s?)"
)
_TOOL_WORDS = frozenset(["it", "this", "that", "which", "model", "models", "tool", "tools", "system", "app", "application", "algorithm", "prototype", "chatbot", "bot", "ai", "assistant", "software", "classifier", "product", "platform", "solution", "network", "engine", "pipeline", "dashboard", "script", "program", "project", "service", "device", "llm", "gpt", "i", "we", "my", "our", "can", "will", "could", "would", "to", "also", "automatically", "accurately", "reliably", "instantly"])
_TOOL_RE = re.compile(r"\b(?:" + "|".join(sorted(_TOOL_WORDS - {"can", "will", "could", "would", "to", "also",
                                                                "automatically", "accurately", "reliably",
                                                                "instantly"})) + r")\b")

_NEGATION = re.compile(
    r"\b(?:not|never|no|cannot|can't|can’t|without|nor|neither|rather than|instead of|avoid(?:s|ing)?|"
    r"refuses?|unable|stop(?:s|ped)? short of|won't|won’t)\b|n't\b|n’t\b"
)
_SUPPORT = re.compile(r"\b(?:help(?:s|ed|ing)?|assist(?:s|ed|ing)?|support(?:s|ed|ing)?|aids?|lets?|allows?|enables?)\b")
_MENTION = re.compile(
    r"\b(?:avoid|unsafe|red[- ]flags?|overclaim\w*|do not (?:say|write|claim|use)|don't (?:say|write|claim|use)|"
    r"never (?:say|write|claim)|instead of (?:writing|saying)|claims?|claimed|claiming|says|said|states|stated|markets?|"
    r"marketed|advertis\w*|promis(?:es|ed)|whether|verify|asks? (?:if|whether)|example of|"
    r"banned|risky|planted|misleading|bogus|fined|deceptive|unsubstantiated|false claims?)\b|\b(?:bad|unsafe|before|wrong|don't|avoid):|❌|✗|✘"
)
_HUMAN_SUBJECT = re.compile(
    r"\b(?:clinicians?|doctors?|physicians?|nurses?|radiologists?|reviewers?|staff|humans?|people|experts?|"
    r"specialists?|teams?|pathologists?|pharmacists?|you|users?)\s+(?:can\s+|to\s+|will\s+|could\s+|then\s+)?$"
)
_VERB_FIRST = re.compile(r"\s*(?:detects|diagnoses|predicts|identifies|screens for|recogni[sz]es|spots|eliminates|ensures|"
                         r"replaces|cures|treats|prevents|prescribes|outperforms|guarantees)\b")
# a name such as MedBot, DermAssist or CareAI opening the sentence (a capital inside the word), or one ending
# like a product's (Quorbot, Zindravision)
_PRODUCT_FIRST = re.compile(r"\s*(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z][a-z]+(?:bot|ai|gpt|assist|vision|scan|dx))\b(?!['’])")
_NOUN_BEFORE = frozenset(["of", "the", "a", "an", "and", "with", "uses", "use", "their", "his", "her", "primary", "secondary", "coded", "discharge", "icd", "multiple", "prior", "previous", "past", "common", "top", "by", "for", "on", "in", "from", "final", "differential", "working", "new", "missed", "correct", "wrong", "its", "your", "our", "my", "any", "no"])


@dataclass(frozen=True)
class _Rule:
    category: str
    stems: tuple[str, ...]
    pattern: re.Pattern[str]
    what: str
    suggestion: str
    severity: str = "error"
    needs_tool: bool = False
    verb_check: bool = False


_DIAGNOSTIC = "claim.diagnostic"
_OVERCLAIM = "claim.overclaim"
RULES: tuple[_Rule, ...] = (
    _Rule(_DIAGNOSTIC, ("diagnos",), re.compile(r"diagnos(?:e|es|ing)\b"), "that it diagnoses",
          "Say what it does to support people, e.g. 'flags images for a clinician to review'.", needs_tool=True,
          verb_check=True),
    _Rule(_DIAGNOSTIC, ("detect", "identif", "screen", "predict", "recogni", "finds", "spots", "rules out", "diagnos"),
          re.compile(rf"(?:detect(?:s|ing)?|identif(?:y|ies|ying)|screens? for|predicts?|recogni[sz]es?|finds|spots|"
                     rf"rules out|diagnos(?:e|es|ing))\s+(?:[\w-]+\s+){{0,3}}?{_DISEASE}\b"
                     r"(?!\s+(?:risk|codes?|labels?|rates?|trends?|categories|prevalence|data|screening))"),
          "that it detects disease", "Say it flags or prioritises cases for a qualified person to review."),
    _Rule(_DIAGNOSTIC, ("treat", "cure", "prescrib", "choose", "decide", "recommend"),
          re.compile(rf"(?:treats?|cures?)\s+(?:[\w-]+\s+){{0,2}}?(?:{_DISEASE}|patients?|people)\b|prescrib(?:es|ing)\b|"
                     r"(?:chooses?|decides?|recommends?)\s+(?:the\s+)?(?:right\s+|best\s+|correct\s+)?"
                     r"(?:treatment|medications?|drugs?|doses?|dosage|antibiotics?|therapy)\b"),
          "that it treats or prescribes", "Say it summarises options for a clinician, who decides the treatment.",
          needs_tool=True),
    _Rule(_DIAGNOSTIC, ("replac", "instead of", "no need", "no longer need", "diagnostic tool", "medical device"),
          re.compile(rf"replac(?:e|es|ing)\s+(?:the\s+|your\s+|our\s+)?{_CLINICIANS}|"
                     rf"(?:instead of|no (?:longer )?needs? (?:for|to see))\s+(?:a |an |the |your )?{_CLINICIANS}|"
                     r"(?:diagnostic tool|medical device)\b"),
          "that it replaces clinicians or is a medical device",
          "Say it supports the care team, and that a qualified person reviews every output."),
    _Rule(_OVERCLAIM, ("guarantee",), re.compile(r"guarantee[sd]?\b"), "a guarantee",
          "Report measured results with their limits instead of a guarantee."),
    _Rule(_OVERCLAIM, ("100",),
          re.compile(r"100\s?(?:%|percent)\s+(?:accurate|accuracy|sensitive|sensitivity|specific|specificity|reliable|"
                     r"safe|correct|precise|precision|recall|certain|of (?:the )?(?:time|cases|patients))\b"),
          "100% performance",
          "Give the measured figure with its data set and limits, e.g. 'sensitivity 0.91 on 400 synthetic cases'."),
    _Rule(_OVERCLAIM, ("never", "always", "perfect", "flawless", "error-free", "zero", "eliminat", "ensur"),
          re.compile(r"never\s+(?:\w+\s+)?(?:miss(?:es)?|fails?|makes? (?:a )?mistakes?|gets? (?:it|anything) wrong|errs?)\b|"
                     r"always (?:right|correct|accurate)\b|(?:perfect|flawless|error-free)\s+(?:accuracy|results|"
                     r"performance|predictions?|detection)\b|zero (?:errors|mistakes|false negatives|misses)\b|"
                     r"eliminates? (?:all |every )?(?:[\w-]+ )?(?:errors?|mistakes|risk)\b|"
                     r"ensures? (?:that )?(?:no|nothing|none)\b[^.\n]{0,40}?\b(?:is|are|gets?|goes)\s+(?:ever\s+)?"
                     r"(?:missed|overlooked|undetected)\b"),
          "that it never fails", "Say how often it fails on the test data and who checks its output.", needs_tool=True),
    _Rule(_OVERCLAIM, ("fda", "clinically proven", "clinically validated", "hipaa"),
          re.compile(r"fda[- ](?:approved|cleared|certified)|clinically (?:proven|validated)\b|"
                     r"hipaa[- ](?:certified|compliant)"),
          "regulatory approval or clinical proof",
          "Only state a clearance or validation you can cite; a portfolio project has none."),
    _Rule(_OVERCLAIM, ("outperform", "beats", "better than", "more accurate than"),
          re.compile(rf"(?:outperforms?|beats|better than|more accurate than)\s+(?:\w+\s+)?{_CLINICIANS}"),
          "that it beats clinicians", "Compare with a stated baseline on stated data, and say what was not tested."),
    _Rule(_OVERCLAIM, ("ai expert", "expert in", "world-class", "world class", "game-chang", "game chang", "revolutioni",
                       "solve", "solving", "transform"),
          re.compile(r"ai expert\b|expert in (?:medical |healthcare |clinical )?ai\b|world[- ]class\b|game[- ]chang\w*|"
                     r"revolutioni[sz](?:e|es|ed|ing)\s+(?:\w+\s+)?(?:healthcare|medicine|health care|care)\b|"
                     r"solv(?:e|es|ed|ing)\s+(?:\w+\s+)?(?:healthcare|medicine|health care)\b|transform(?:s|ed|ing)? healthcare\b"),
          "an inflated description",
          "Describe the concrete skill shown, e.g. 'built an evaluation of a fictional triage model'.", severity="warning"),
)
# Every stem starts a word, so all are found in one pass (see cues.py).
WORD_CUES: tuple[str, ...] = tuple(sorted({stem for rule in RULES for stem in rule.stems}))
_HIPAA_CONTEXT = re.compile(r"(?:is|are|fully|100%|completely)\s+$")
_IS_A_BEFORE = re.compile(r"\b(?:is|as|it's|it’s|becomes|serves as) (?:a |an )?(?:\w+ )?$")
_FDA_BEFORE = re.compile(r"(?:approved|cleared|certified) by (?:the )?$")


def _in_quotes(line: str, col: int, end_col: int) -> bool:
    before, after = line[:col], line[end_col:]
    for open_q, close_q in (('"', '"'), ("“", "”"), ("`", "`"), ("'", "'"), ("‘", "’")):
        if open_q == close_q:
            if open_q == "'" and not re.search(r"(?:^|[\s(])'", before):
                continue
            if before.count(open_q) % 2 == 1 and open_q in after:
                return True
        elif before.rfind(open_q) > before.rfind(close_q) and close_q in after:
            return True
    return False


def _sentence(low: str, start: int, end: int) -> tuple[str, bool]:
    """The sentence around a match, and whether its line is a README fragment (bullet, heading, label)."""
    line_start, line_end = line_bounds(low, start)
    line = low[line_start:line_end]
    cut = max(line.rfind(". ", 0, start - line_start), line.rfind("? ", 0, start - line_start),
              line.rfind("! ", 0, start - line_start))
    stop = min((i for i in (line.find(". ", end - line_start), line.find("? ", end - line_start)) if i != -1),
               default=len(line))
    fragment = bool(re.match(r"^\s*(?:[-*+>•#|]|\d+[.)]|\*\*)", line))
    return line[cut + 1 if cut >= 0 else 0:stop], fragment


_SENTENCE_STOP_RE = re.compile(r"[.!?\n]")


def _asked(low: str, end: int) -> bool:
    """True when the sentence holding ``end`` ends with a question mark."""
    stop = _SENTENCE_STOP_RE.search(low, end)
    return stop is not None and stop.group(0) == "?"


def _excused(low: str, text: str, start: int, end: int, rule: _Rule) -> bool:
    from scaffolder.check.rules_claims_forms import about_approvals, human_subject, names_tool

    sentence, fragment = _sentence(low, start, end)
    if rule.stems[0] == "fda" and about_approvals(sentence):
        return True  # "a dataset of devices approved by the FDA" speaks of approvals, claims none
    if _asked(low, end):
        return True  # a question ("| Replaces doctors? | No ...") claims nothing
    # a sentence opening with the claim's verb ("Detects early signs of ...") or with a product's name just
    # before it ("MedBot can replace ...") has the tool for its subject, as a README fragment does
    implied = _VERB_FIRST.match(sentence) is not None or (
        _PRODUCT_FIRST.match(_sentence(text, start, end)[0]) is not None and len(clause_before(low, start).split()) <= 3)
    claim_at = sentence.find(low[start:end])
    if human_subject(sentence) or not (names_tool(sentence, claim_at if claim_at >= 0 else None) or fragment or implied):
        return True
    clause = clause_before(low, start)
    if _NEGATION.search(clause):
        return True
    line_start, line_end = line_bounds(text, start)
    if _MENTION.search(low, line_start, line_end) or _in_quotes(text[line_start:line_end], start - line_start, end - line_start):
        return True
    if _HUMAN_SUBJECT.search(clause) or _SUPPORT.search(clause):
        return True
    if rule.verb_check:
        words = clause.split()
        previous = words[-1].strip(",;()") if words else ""
        if previous in _NOUN_BEFORE or not (previous in _TOOL_WORDS or previous.endswith("ly")):
            return True
    return rule.needs_tool and not implied and not _TOOL_RE.search(clause)


def scan(text: str, low: str | None = None, cues: Cues | None = None) -> Iterator[Hit]:
    """Every ``claim.*`` hit in ``text`` (already masked: disclaimer blocks and FILL hints)."""
    low = low if low is not None else lower_same_length(text)
    cues = cues if cues is not None else Cues(low, WORD_CUES)
    starts = cues.word_starts() if cues.covers(WORD_CUES) else {stem: cues.starts(stem) for stem in WORD_CUES}
    for rule in RULES:
        seen: set[int] = set()
        for stem in rule.stems:
            for pos in starts.get(stem, ()):
                if pos in seen or (pos and low[pos - 1] == "_"):
                    continue
                m = rule.pattern.match(low, pos)
                if not m:
                    continue
                seen.add(pos)
                if stem == "fda" and not m.group(0).startswith("fda"):
                    continue
                if stem == "hipaa" and not _HIPAA_CONTEXT.search(low, max(0, pos - 12), pos):
                    continue
                if stem in ("diagnostic tool", "medical device") and not _IS_A_BEFORE.search(low, max(0, pos - 24), pos):
                    continue
                if _excused(low, text, m.start(), m.end(), rule):
                    continue
                yield Hit(m.start(), m.end(), rule.category, rule.severity,
                          f"{'A diagnostic claim' if rule.category == _DIAGNOSTIC else 'An overclaim'}: "
                          f"'{text[m.start():m.end()].strip()}' says {rule.what}.", rule.suggestion)
        if rule.stems[0] == "fda":
            for pos in cues.find("fda"):
                if _FDA_BEFORE.search(low, max(0, pos - 22), pos):
                    begin = _FDA_BEFORE.search(low, max(0, pos - 22), pos).start()
                    if not _excused(low, text, begin, pos + 3, rule):
                        yield Hit(begin, pos + 3, rule.category, rule.severity,
                                  f"An overclaim: '{text[begin:pos + 3]}' says {rule.what}.", rule.suggestion)
