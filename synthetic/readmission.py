"""A fictional hospital-discharge cohort for an educational 30-day readmission model (``predictive-analysis``).

Each row is one discharge from one of two invented hospitals ("Site A", "Site B") in 2023-2025. The
true need for readmission (``need_30d``, kept in the answer key) is drawn from a logistic model of
the patient's characteristics; the recorded outcome ``readmit_30d`` only counts readmissions to the
same network, so it is a utilisation proxy. The planted effects, with their exact sizes below:

1. **Transport.** At Site B the linear predictor is shrunk by :data:`SITE_B_SLOPE` and the baseline
   risk is higher by :data:`SITE_B_SHIFT`, so a model fitted at Site A has a calibration slope near
   0.7 and a positive calibration-in-the-large there.
2. **Proxy label.** Rural patients are readmitted outside the network more often
   (:data:`IN_NETWORK`), so both their recorded outcome and their recorded prior admissions
   under-count need: a model of the proxy ranks them about as well, but under-predicts their need.
3. **Leakage.** ``case_review_flag`` is logged during the 30 days after discharge, mostly *because*
   of a readmission (:data:`LEAK_IF_EVENT`, :data:`LEAK_IF_NONE`); it looks like a superb predictor.
4. **Prevalence drift.** Risk is higher in 2025 by :data:`DRIFT_2025` on the logit scale.
"""

from __future__ import annotations

import math
import random
from typing import Any

from synthetic.identifiers import fake_id
from synthetic.rng import make_rng
from synthetic.table import Table

SUMMARY = "Fictional discharges at two invented hospitals (2023-2025) with a readmission proxy label and planted effects."
GENERATOR = "synthetic.readmission"
GENERATOR_VERSION = "1.0.0"

SITES = ("Site A", "Site B")
SITE_B_SHARE = 0.45
YEARS = (2023, 2024, 2025)
RURAL_SHARE = {"Site A": 0.35, "Site B": 0.45}
DISCHARGE = ("home", "home with services", "facility")

INTERCEPT = -2.75
COEF = {
    "age_per_10y": 0.18,
    "comorbidity": 0.27,
    "prior_admissions": 0.45,
    "length_of_stay_per_day": 0.05,
    "home with services": 0.30,
    "facility": 0.55,
    "albumin_per_g_dl": -0.60,
}
SITE_B_SLOPE = 0.70
SITE_B_SHIFT = 0.45
SITE_B_CENTRE = -2.3  # the Site B shrinkage pivots around this logit, near the typical patient
DRIFT_2025 = 0.45
IN_NETWORK = {"urban": 0.96, "rural": 0.60}
LEAK_IF_EVENT = 0.88
LEAK_IF_NONE = 0.05

COLUMNS = (
    "patient_id", "site", "admit_year", "age", "sex", "area", "comorbidity_index", "prior_admissions_12m",
    "length_of_stay_days", "num_medications", "albumin_g_dl", "discharge_to", "case_review_flag", "readmit_30d",
)
FEATURE_TIMING = {
    "age": "at admission", "sex": "at admission", "area": "at admission", "comorbidity_index": "at admission",
    "prior_admissions_12m": "at admission", "length_of_stay_days": "at discharge", "num_medications": "at discharge",
    "albumin_g_dl": "during the stay", "discharge_to": "at discharge", "case_review_flag": "after discharge",
}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def true_logit(site: str, year: int, age: int, comorb: int, prior: int, los: int, discharge: str, albumin: float) -> float:
    """The planted log-odds of true need (before the proxy thins it)."""
    lp = (INTERCEPT + COEF["age_per_10y"] * (age - 64) / 10 + COEF["comorbidity"] * comorb
          + COEF["prior_admissions"] * prior + COEF["length_of_stay_per_day"] * (los - 4)
          + COEF.get(discharge, 0.0) + COEF["albumin_per_g_dl"] * (albumin - 3.6))
    if site == "Site B":
        lp = SITE_B_CENTRE + SITE_B_SLOPE * (lp - SITE_B_CENTRE) + SITE_B_SHIFT
    return lp + (DRIFT_2025 if year == 2025 else 0.0)


def build(seed: int, rows: int) -> list[dict[str, Any]]:
    """Every discharge with its answer-key columns (``need_30d``, ``true_prior_admissions``)."""
    rng = make_rng(seed, "readmission", "cohort")
    out: list[dict[str, Any]] = []
    for i in range(rows):
        site = SITES[1] if rng.random() < SITE_B_SHARE else SITES[0]
        year = YEARS[min(2, int(rng.random() * 3))]
        area = "rural" if rng.random() < RURAL_SHARE[site] else "urban"
        sex = "F" if rng.random() < 0.52 else "M"
        age = max(18, min(99, round(rng.gauss(64, 15))))
        comorb = min(10, int(rng.expovariate(1 / 2.2)))
        los = min(30, 1 + int(rng.expovariate(1 / 3.5)))
        meds = max(0, min(25, round(rng.gauss(5 + comorb, 3))))
        prior = _poisson(rng, 0.3 + 0.22 * comorb)
        albumin = round(max(1.5, min(5.2, rng.gauss(3.8 - 0.07 * comorb, 0.45))), 1)
        u = rng.random()
        p_facility = 0.04 + 0.0035 * max(0, age - 50)
        discharge = DISCHARGE[2] if u < p_facility else DISCHARGE[1] if u < p_facility + 0.18 else DISCHARGE[0]
        need = rng.random() < _sigmoid(true_logit(site, year, age, comorb, prior, los, discharge, albumin))
        keep = IN_NETWORK[area]
        recorded_prior = sum(1 for _ in range(prior) if rng.random() < keep)
        readmit = need and rng.random() < keep
        leak = rng.random() < (LEAK_IF_EVENT if readmit else LEAK_IF_NONE)
        out.append({
            "patient_id": fake_id("PT", i + 1), "site": site, "admit_year": year, "age": age, "sex": sex, "area": area,
            "comorbidity_index": comorb, "prior_admissions_12m": recorded_prior, "length_of_stay_days": los,
            "num_medications": meds, "albumin_g_dl": albumin, "discharge_to": discharge,
            "case_review_flag": int(leak), "readmit_30d": int(readmit),
            "need_30d": int(need), "true_prior_admissions": prior,
        })
    return out


def generate(seed: int, rows: int) -> Table:
    """The cohort the user analyses (no answer-key columns)."""
    return Table("readmission_cohort", COLUMNS, [tuple(r[c] for c in COLUMNS) for r in build(seed, rows)])


def _rate(rows: list[dict[str, Any]], key: str = "readmit_30d") -> float:
    return 100.0 * sum(r[key] for r in rows) / len(rows) if rows else float("nan")


def facts(table: Table) -> dict[str, Any]:
    """Headline numbers of the cohort: counts and recorded readmission rates (percent) by site, year and area."""
    rows = table.records()
    sites: dict[str, Any] = {}
    for site in SITES:
        group = [r for r in rows if r["site"] == site]
        sites[site] = {
            "n": len(group), "events": sum(r["readmit_30d"] for r in group), "rate": _rate(group),
            "years": {y: _rate([r for r in group if r["admit_year"] == y]) for y in YEARS},
            "rural_pct": 100.0 * sum(r["area"] == "rural" for r in group) / len(group) if group else float("nan"),
        }
    events = [r for r in rows if r["readmit_30d"]]
    others = [r for r in rows if not r["readmit_30d"]]
    flag_in_events = 100.0 * sum(r["case_review_flag"] for r in events) / len(events) if events else float("nan")
    flag_in_others = 100.0 * sum(r["case_review_flag"] for r in others) / len(others) if others else float("nan")
    return {
        "generator": GENERATOR, "generator_version": GENERATOR_VERSION, "rows": len(rows),
        "events": len(events), "rate": _rate(rows), "sites": sites,
        "area_rate": {a: _rate([r for r in rows if r["area"] == a]) for a in ("urban", "rural")},
        "leak_flag_pct_events": flag_in_events, "leak_flag_pct_others": flag_in_others,
        # a binary feature's AUROC is the mean of its sensitivity and specificity
        "leak_auroc": (flag_in_events + 100.0 - flag_in_others) / 200.0,
        "constants": {
            "site_b_slope": SITE_B_SLOPE, "site_b_shift": SITE_B_SHIFT, "drift_2025": DRIFT_2025,
            "in_network_urban": IN_NETWORK["urban"], "in_network_rural": IN_NETWORK["rural"],
            "leak_if_event": LEAK_IF_EVENT, "leak_if_none": LEAK_IF_NONE,
        },
    }
