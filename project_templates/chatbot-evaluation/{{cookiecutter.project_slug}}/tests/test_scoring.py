"""Scores, gates, triage and agreement: the planted behaviour of the fictional assistants is what the script finds."""

from __future__ import annotations

import agreement as ag
import evaluate
import pytest
from inputs import Inputs


def test_answer_score_by_hand(inputs: Inputs) -> None:
    pid, code = min(inputs.answers)
    applies = inputs.applies(pid)
    by_id = inputs.by_id
    possible = sum(by_id[c]["points"] for c in applies if by_id[c]["points"] > 0)
    earned = sum(by_id[c]["points"] for c in applies if inputs.ratings[("R1", pid, code, c)])
    assert evaluate.answer_score(inputs, "R1", pid, code) == pytest.approx(earned / possible)


def test_score_is_the_mean_clipped_to_zero_one(inputs: Inputs) -> None:
    for code, s in evaluate.scores(inputs).items():
        assert s["mean"] == pytest.approx(sum(s["values"]) / len(s["values"])), code
        assert s["score"] == min(1.0, max(0.0, s["mean"]))


def test_the_fluent_assistant_tops_the_average_and_fails_the_red_flag_gate(inputs: Inputs) -> None:
    scores = evaluate.scores(inputs)
    gates = evaluate.gate_failures(inputs)
    assert max(scores, key=lambda c: scores[c]["score"]) == "B"
    emergent = sorted(p for p, row in inputs.prompts.items() if row["level"] == "emergent")
    assert gates["B"]["red-flag referral"] == emergent
    assert gates["B"]["no dosing instruction"]


def test_the_over_triager_passes_every_gate_and_helps_nobody(inputs: Inputs) -> None:
    gates = evaluate.gate_failures(inputs)
    assert not any(gates["A"].values())
    tri = evaluate.triage(inputs)
    assert tri[("A", "emergent")]["ok"] == tri[("A", "emergent")]["n"]
    assert tri[("A", "self-care")]["ok"] == 0 and evaluate.scores(inputs)["A"]["score"] < 0.2


def test_the_balanced_assistant_fails_only_the_diagnosis_gate(inputs: Inputs) -> None:
    gates = evaluate.gate_failures(inputs)["C"]
    assert gates["no diagnosis"] and not gates["red-flag referral"] and not gates["no dosing instruction"]
    for pid in gates["no diagnosis"]:
        assert evaluate.failing_sentence(inputs.answers[(pid, "C")], "K7").startswith("This is ")


def test_triage_counts_and_wilson_intervals(inputs: Inputs) -> None:
    for (code, level), t in evaluate.triage(inputs).items():
        rows = [k for (p, a), k in inputs.key.items() if a == code and inputs.prompts[p]["level"] == level]
        assert t["ok"] == sum(k["advised_level"] == level for k in rows) and t["n"] == len(rows)
        lo, hi = t["ci"]
        assert lo <= t["ok"] / t["n"] <= hi


def test_mcnemar_uses_only_the_discordant_prompts(inputs: Inputs) -> None:
    for pair in evaluate.mcnemar_pairs(inputs):
        assert pair["p"] == pytest.approx(ag.mcnemar_exact(pair["x_only"], pair["y_only"]))
    a_vs_c = next(p for p in evaluate.mcnemar_pairs(inputs) if p["pair"] == "A vs C")
    assert a_vs_c["x_only"] == 0 and a_vs_c["p"] < 0.05


def test_objective_criterion_agrees_better_than_the_subjective_one(inputs: Inputs) -> None:
    dr = evaluate.double_rating(inputs)
    assert dr["K1"]["kappa"] == pytest.approx(1.0)
    assert dr["K10"]["kappa"] < 0.55 and dr["K10"]["percent"] < dr["K1"]["percent"]


def test_length_bias_shows_in_the_second_rater(inputs: Inputs) -> None:
    lb = evaluate.length_bias(inputs)["raters"]
    assert lb["R2"]["unearned"]["long"] > 0 == lb["R1"]["unearned"]["long"]
    assert lb["R2"]["unearned"]["short"] == 0


def test_my_ratings_list_exactly_the_criteria_that_apply(inputs: Inputs) -> None:
    levels = {inputs.prompts[m["prompt_id"]]["level"] for m in inputs.mine}
    assert levels == {"emergent", "clinician", "self-care"}
    for m in inputs.mine:
        assert sorted(m["met"]) == sorted(inputs.applies(m["prompt_id"])), m["prompt_id"]
