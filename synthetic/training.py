"""Shared model of the training-module kind's synthetic pilot: learners, quiz answers and a prompt audit.

Forty fictional staff take a 15-item quiz on safe AI use before and after a short module; a month
later an audit reads the prompts they typed into AI tools. Planted, and documented in the datasheet:
item Q09 is mis-keyed (the key says B, the defensible answer is C), option D of Q06 is never chosen,
Q01 is answered correctly by nearly everyone at both times, and the audit finds identifiers in about
12% of prompts although nearly everyone answers the PHI item correctly after training.
"""

from __future__ import annotations

import math
import random

from synthetic.identifiers import fake_id, phone
from synthetic.pools import FIRST_NAMES, SURNAMES
from synthetic.rng import make_rng, weighted_index

ITEMS: tuple[str, ...] = tuple(f"Q{i:02d}" for i in range(1, 16))
OPTIONS: tuple[str, ...] = ("A", "B", "C", "D")
# The defensible answer of each item, and the key as the quiz ships it (Q09 is mis-keyed on purpose).
CORRECT: dict[str, str] = dict(zip(ITEMS, "BCADBCADCBDACBD"))
KEYED: dict[str, str] = {**CORRECT, "Q09": "B"}
MISKEYED_ITEM, MISKEYED_AS = "Q09", "B"
DEAD_DISTRACTOR = ("Q06", "D")
EASY_ITEM, EASY_P = "Q01", 0.98
PHI_ITEM = "Q02"
# Item difficulty on the ability scale (higher = harder).
DIFFICULTY: dict[str, float] = {
    "Q01": 0.0, "Q02": -0.4, "Q03": 0.2, "Q04": 0.6, "Q05": -0.2, "Q06": 0.1, "Q07": 0.5, "Q08": 0.9,
    "Q09": 0.8, "Q10": 0.0, "Q11": 1.2, "Q12": 0.8, "Q13": 0.4, "Q14": 1.0, "Q15": 0.7,
}
# The module drills the PHI rule, so that item gets easier after it beyond the general gain.
POST_SHIFT: dict[str, float] = {"Q02": -1.6}
ROLE_MIX: tuple[tuple[str, int], ...] = (("front desk", 12), ("nurse", 14), ("coder", 8), ("manager", 6))
AUDIT_PROMPTS_PER_LEARNER = 3
AUDIT_IDENTIFIER_SHARE = 0.12
TOOLS = ("approved assistant", "public chatbot")

SAFE_PROMPTS: tuple[str, ...] = (
    "Rewrite our clinic's flu-shot reminder script in plain language at about a sixth-grade reading level.",
    "Summarise the attached de-identified policy on after-hours phone messages in five bullet points.",
    "List the questions a new coder should ask before querying a physician about unclear documentation.",
    "Draft a staff huddle agenda about the new check-in kiosk; no patient details are included.",
    "Explain the difference between a copay and coinsurance for a patient handout, without any patient details.",
    "Suggest headings for a one-page guide on how to request medical records, for the front desk.",
    "Turn these anonymised meeting notes into a task list with owners' roles, not names.",
    "Check this generic discharge checklist template for steps that are missing or out of order.",
)
UNSAFE_PROMPTS: dict[str, str] = {
    "name": "Write a friendly reminder to patient {name} about tomorrow's follow-up and the fasting rules.",
    "mrn": "Summarise the last three visits for chart {mrn} and list the open referrals.",
    "phone": "Draft a voicemail script for the patient at {phone} who missed an infusion appointment.",
    "name+mrn": "Code this visit for {name}, {mrn}: the note says follow-up of knee pain after a fall.",
}


def _normal(rng: random.Random) -> float:
    """A standard normal draw from ``random()`` only (Box-Muller), stable across Python versions."""
    u = max(rng.random(), 1e-12)
    return math.sqrt(-2.0 * math.log(u)) * math.cos(2.0 * math.pi * rng.random())


def roles(n: int) -> list[str]:
    """Roles of ``n`` learners in the fixed 12:14:8:6 mix (front desk, nurse, coder, manager)."""
    pattern = [role for role, count in ROLE_MIX for _ in range(count)]
    return [pattern[(i * 40 // max(n, 1)) % len(pattern)] if n != 40 else pattern[i] for i in range(n)]


def learner_ids(n: int) -> list[str]:
    return [fake_id("LRN", i + 1, 4) for i in range(n)]


def abilities(seed: int, n: int) -> list[tuple[float, float]]:
    """(before, after) ability of each learner: after = before + a gain around 1.2."""
    rng = make_rng(seed, "training", "ability")
    out = []
    for _ in range(n):
        before = _normal(rng)
        gain = 1.2 + 0.4 * _normal(rng)
        out.append((before, before + gain))
    return out


def _p_correct(item: str, ability: float, phase: str = "pre") -> float:
    if item == EASY_ITEM:
        return EASY_P
    difficulty = DIFFICULTY[item] + (POST_SHIFT.get(item, 0.0) if phase == "post" else 0.0)
    return 1.0 / (1.0 + math.exp(-1.7 * (ability - difficulty)))


def _wrong_choice(rng: random.Random, item: str) -> str:
    distractors = [o for o in OPTIONS if o != CORRECT[item]]
    if item == MISKEYED_ITEM:
        weights = [0.85 if o == MISKEYED_AS else 0.075 for o in distractors]
    elif item == DEAD_DISTRACTOR[0]:
        weights = [0.0 if o == DEAD_DISTRACTOR[1] else 1.0 for o in distractors]
    else:
        weights = [1.0 for _ in distractors]
    return distractors[weighted_index(rng, weights)]


def responses(seed: int, n: int) -> list[tuple[str, str, str, str]]:
    """(learner_id, phase, item, choice) for every learner, phase (pre, post) and item."""
    rng = make_rng(seed, "training", "responses")
    out = []
    for learner, (before, after) in zip(learner_ids(n), abilities(seed, n)):
        for phase, ability in (("pre", before), ("post", after)):
            for item in ITEMS:
                right = rng.random() < _p_correct(item, ability, phase)
                choice = CORRECT[item] if right else _wrong_choice(rng, item)
                out.append((learner, phase, item, choice))
    return out


def reactions(seed: int, n: int) -> list[tuple[int, int]]:
    """Level 1 reaction ratings (relevance, confidence), each 1-5."""
    rng = make_rng(seed, "training", "reaction")
    return [(1 + weighted_index(rng, [1, 2, 5, 12, 10]), 1 + weighted_index(rng, [1, 3, 8, 12, 6])) for _ in range(n)]


def audit(seed: int, n: int) -> list[dict[str, str]]:
    """The simulated prompt audit: three prompts per learner, about 12% of them with an identifier."""
    rng = make_rng(seed, "training", "audit")
    ids = learner_ids(n)
    total = AUDIT_PROMPTS_PER_LEARNER * n
    unsafe = set(rng.sample(range(total), round(AUDIT_IDENTIFIER_SHARE * total)))
    kinds = tuple(UNSAFE_PROMPTS)
    rows = []
    for i in range(total):
        learner = ids[i // AUDIT_PROMPTS_PER_LEARNER]
        week = 1 + int(rng.random() * 4)
        if i in unsafe:
            kind = kinds[int(rng.random() * len(kinds))]
            name = f"{FIRST_NAMES[int(rng.random() * len(FIRST_NAMES))]} {SURNAMES[int(rng.random() * len(SURNAMES))]}"
            text = UNSAFE_PROMPTS[kind].format(name=name, mrn=fake_id("MRN", 100000 + int(rng.random() * 900000)),
                                               phone=phone(rng))
            tool = TOOLS[1] if rng.random() < 0.5 else TOOLS[0]
        else:
            kind = "none"
            text = SAFE_PROMPTS[int(rng.random() * len(SAFE_PROMPTS))]
            tool = TOOLS[1] if rng.random() < 0.15 else TOOLS[0]
        rows.append({"audit_id": fake_id("AUD", i + 1, 4), "learner_id": learner, "week": str(week), "tool": tool,
                     "prompt": text, "contains": kind})
    return rows


# ----------------------------------------------------------------------------- item analysis

def scores(rows: list[tuple[str, str, str, str]], key: dict[str, str], phase: str) -> dict[str, dict[str, int]]:
    """learner -> item -> 1/0 under ``key`` for one phase."""
    out: dict[str, dict[str, int]] = {}
    for learner, ph, item, choice in rows:
        if ph == phase:
            out.setdefault(learner, {})[item] = int(choice == key[item])
    return out


def _pearson(x: list[float], y: list[float]) -> float | None:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def kr20(matrix: dict[str, dict[str, int]]) -> float | None:
    """KR-20 = k/(k-1) * (1 - sum(p*q) / variance of total scores), population variance."""
    learners = list(matrix)
    items = list(matrix[learners[0]])
    k, n = len(items), len(learners)
    totals = [sum(matrix[lr].values()) for lr in learners]
    mean = sum(totals) / n
    var = sum((t - mean) ** 2 for t in totals) / n
    pq = 0.0
    for item in items:
        p = sum(matrix[lr][item] for lr in learners) / n
        pq += p * (1 - p)
    return None if var == 0 or k < 2 else k / (k - 1) * (1 - pq / var)


def item_stats(matrix: dict[str, dict[str, int]]) -> dict[str, dict[str, float | None]]:
    """Per item: difficulty p, corrected point-biserial (item vs rest) and upper-lower 27% index D."""
    learners = sorted(matrix, key=lambda lr: (sum(matrix[lr].values()), lr))
    n = len(learners)
    g = max(1, round(0.27 * n))
    lower, upper = learners[:g], learners[-g:]
    out: dict[str, dict[str, float | None]] = {}
    for item in matrix[learners[0]]:
        x = [float(matrix[lr][item]) for lr in learners]
        rest = [float(sum(matrix[lr].values()) - matrix[lr][item]) for lr in learners]
        out[item] = {
            "p": sum(x) / n,
            "rpb": _pearson(x, rest),
            "d": sum(matrix[lr][item] for lr in upper) / g - sum(matrix[lr][item] for lr in lower) / g,
        }
    return out
