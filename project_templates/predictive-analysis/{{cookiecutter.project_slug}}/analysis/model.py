"""The model: an unpenalised logistic regression, fitted at Site A, with its coefficients and intervals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.data import Cohort

# Predictors known at discharge. area is left out on purpose (it is audited, not used); case_review_flag is
# left out because it is recorded after discharge (tests/test_leakage.py explains and checks this).
PREDICTORS = ("age", "female", "comorbidity_index", "prior_admissions_12m", "length_of_stay_days",
              "num_medications", "albumin_g_dl", "discharge_home_with_services", "discharge_facility")
LEAKY_PREDICTORS = (*PREDICTORS, "case_review_flag")


def design(cohort: Cohort, names: tuple[str, ...] = PREDICTORS) -> np.ndarray:
    """The predictor matrix (no constant) in the order of ``names``."""
    derived = {
        "female": (cohort["sex"] == "F").astype(float),
        "discharge_home_with_services": (cohort["discharge_to"] == "home with services").astype(float),
        "discharge_facility": (cohort["discharge_to"] == "facility").astype(float),
    }
    return np.column_stack([derived[n] if n in derived else cohort[n] for n in names])


@dataclass
class FittedModel:
    """Intercept and coefficients on the log-odds scale, with 95% Wald intervals."""

    names: tuple[str, ...]
    intercept: float
    coefs: np.ndarray
    ci: np.ndarray  # rows: intercept then each coefficient; columns: low, high

    def predict(self, cohort: Cohort) -> np.ndarray:
        """Predicted probability of a recorded 30-day readmission."""
        lp = self.intercept + design(cohort, self.names) @ self.coefs
        return 1.0 / (1.0 + np.exp(-lp))


def fit(cohort: Cohort, outcome: str = "readmit_30d", names: tuple[str, ...] = PREDICTORS) -> FittedModel:
    """Maximum-likelihood logistic regression (statsmodels GLM, binomial family)."""
    import statsmodels.api as sm

    x = sm.add_constant(design(cohort, names), has_constant="add")
    result = sm.GLM(cohort[outcome], x, family=sm.families.Binomial()).fit()
    params = np.asarray(result.params)
    return FittedModel(names, float(params[0]), params[1:], np.asarray(result.conf_int()))
