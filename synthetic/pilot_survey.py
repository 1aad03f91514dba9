"""Anonymous pilot survey of the fictional pilot: Likert items (1-5) and short free-text comments.

Two waves: a week-2 pulse (day 14, before the version 2.1 update) and a week-4 close survey
(day 28). ``rows`` is the total number of responses, split evenly (the pulse gets the odd one).
Responses carry no staff id, only role and clinic.

Each item's answers follow a fixed distribution per wave, allocated exactly (largest remainder),
then handed to respondents in the order of a latent attitude so that one person's answers hang
together. Planted: physicians rate time saved lower than other roles; where the scenario has a bad
update (``synthetic.rollout.scenario_for(seed).survey_after_update``), agreement with the
safety-concern item rises from about 16% (pulse) to about 36% (close) and trust falls, and some
wave-2 comments mention the update's missing medication changes; otherwise both stay steady.
Comments are invented, short and free of personal details.
"""

from __future__ import annotations

import random

from synthetic.identifiers import fake_id
from synthetic.rng import make_rng
from synthetic.rollout import CLINIC_SHARES, PILOT_CLINICS, ROLE_SHARES, ROLES, allocate, scenario_for, spread
from synthetic.table import Table

SUMMARY = "Two-wave anonymous pilot survey: six Likert items (1-5) and short comments."

# (column, statement, direction): direction +1 means agreeing is good news, -1 means it is a warning.
ITEMS: tuple[tuple[str, str, int], ...] = (
    ("q_useful", "The draft summaries are a useful starting point for my notes.", 1),
    ("q_trust", "I trust the drafts enough to start from them, knowing I check every line.", 1),
    ("q_time_saved", "Using the drafts saves me documentation time.", 1),
    ("q_workload", "Checking the drafts adds to my workload.", -1),
    ("q_safety_concern", "In the last two weeks I saw a draft that could have caused harm if signed unchanged.", -1),
    ("q_training", "The training prepared me to check drafts.", 1),
)
WAVES: tuple[tuple[str, int], ...] = (("week-2 pulse", 14), ("week-4 close", 28))
COLUMNS = ("response_id", "wave", "survey_day", "role", "clinic", *(c for c, _, _ in ITEMS), "comment")

# Share of answers 1..5 for each item in each wave.
DISTRIBUTIONS: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "q_useful": ((0.04, 0.10, 0.20, 0.44, 0.22), (0.05, 0.11, 0.18, 0.42, 0.24)),
    "q_trust": ((0.04, 0.12, 0.26, 0.40, 0.18), (0.09, 0.20, 0.25, 0.34, 0.12)),
    "q_time_saved": ((0.06, 0.14, 0.22, 0.40, 0.18), (0.04, 0.12, 0.20, 0.42, 0.22)),
    "q_workload": ((0.14, 0.34, 0.26, 0.20, 0.06), (0.12, 0.32, 0.26, 0.22, 0.08)),
    "q_safety_concern": ((0.30, 0.36, 0.18, 0.12, 0.04), (0.16, 0.26, 0.20, 0.26, 0.12)),
    "q_training": ((0.04, 0.10, 0.18, 0.46, 0.22), (0.04, 0.08, 0.20, 0.46, 0.22)),
}
# Close-survey distributions where nothing went wrong after the update (trust and concern steady).
STEADY_CLOSE: dict[str, tuple[float, ...]] = {
    "q_trust": (0.04, 0.12, 0.24, 0.42, 0.18),
    "q_safety_concern": (0.30, 0.36, 0.18, 0.12, 0.04),
}
COMMENT_SHARE = 0.55

POSITIVE = (
    "Drafts for routine follow-ups are close to what I would write; I mostly tidy the plan section.",
    "Saves me time at the end of the day, mostly on the history part.",
    "The module on spotting invented details was the most useful part of the training.",
    "Good starting point once I learned where it tends to go wrong.",
    "Our super-user showed me a quick way to check the medication list against the draft.",
)
MIXED = (
    "Useful for short visits; for visits with several problems I still write my own assessment.",
    "I would like a one-click way to flag a bad draft instead of the long form.",
    "Evening clinic had no super-user on site during the first week.",
    "Unclear whether referral letters may be pasted in. The privacy module said no, but colleagues do it.",
    "Helpful, but the drafts are wordier than my usual notes and I trim a lot.",
)
NEGATIVE = (
    "For complex visits fixing the draft takes longer than writing the note myself.",
    "Checking every line is tiring at the end of a long clinic.",
    "I do not have time to finish the last training module during clinic hours.",
)
AFTER_UPDATE = (
    "After the update some drafts left out medication changes. I caught them, but it shook my trust.",
    "Twice in one afternoon the draft missed a dose change. Glad we were told quickly about the fix.",
    "Since the update I read the medication section twice; it slows me down.",
)


def _comment(rng: random.Random, wave_index: int, attitude_rank: float, after_update: bool) -> str:
    if rng.random() >= COMMENT_SHARE:
        return ""
    pool: tuple[str, ...]
    if wave_index == 1 and attitude_rank < 0.45 and rng.random() < 0.6 and after_update:
        pool = AFTER_UPDATE
    elif attitude_rank > 0.6:
        pool = POSITIVE
    elif attitude_rank > 0.25:
        pool = MIXED
    else:
        pool = NEGATIVE
    return pool[int(rng.random() * len(pool))]


def generate(seed: int, rows: int) -> Table:
    """``rows`` survey responses over both waves for ``seed``."""
    if rows < 1:
        raise ValueError("rows must be 1 or more")
    sizes = [rows - rows // 2, rows // 2]
    after_update = scenario_for(seed).survey_after_update
    role_rng = make_rng(seed, "pilot-survey", "role")
    clinic_rng = make_rng(seed, "pilot-survey", "clinic")
    latent_rng = make_rng(seed, "pilot-survey", "attitude")
    order_rng = make_rng(seed, "pilot-survey", "order")
    comment_rng = make_rng(seed, "pilot-survey", "comment")
    out: list[tuple] = []
    number = 0
    for wave_index, ((wave, day), size) in enumerate(zip(WAVES, sizes)):
        if size == 0:
            continue
        roles = spread(role_rng, size, ROLES, ROLE_SHARES)
        clinics = spread(clinic_rng, size, PILOT_CLINICS, CLINIC_SHARES)
        attitude = [latent_rng.gauss(0.0, 1.0) for _ in range(size)]
        answers: dict[str, list[int]] = {}
        for column, _, direction in ITEMS:
            scores: list[int] = []
            shares = DISTRIBUTIONS[column][wave_index]
            if wave_index == 1 and not after_update and column in STEADY_CLOSE:
                shares = STEADY_CLOSE[column]
            for value, count in enumerate(allocate(size, shares), start=1):
                scores += [value] * count
            key = []
            for i in range(size):
                shift = -0.9 if column == "q_time_saved" and roles[i] == "physician" else 0.0
                key.append(direction * attitude[i] + shift + order_rng.gauss(0.0, 0.8))
            ranked = sorted(range(size), key=lambda i, k=key: (k[i], i))  # type: ignore[misc]
            column_scores = [0] * size
            for position, i in enumerate(ranked):
                column_scores[i] = scores[position]
            answers[column] = column_scores
        rank = [0.0] * size
        for position, i in enumerate(sorted(range(size), key=lambda i: (attitude[i], i))):
            rank[i] = position / max(1, size - 1)
        for i in range(size):
            number += 1
            out.append((fake_id("RESP", number), wave, day, roles[i], clinics[i],
                        *(answers[c][i] for c, _, _ in ITEMS), _comment(comment_rng, wave_index, rank[i], after_update)))
    return Table("pilot-survey", COLUMNS, out)
