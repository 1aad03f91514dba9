"""Load data/cohort.csv into columns and check it is usable before any model is fitted."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from analysis.errors import AnalysisError

OUTCOME = "readmit_30d"
NUMERIC = ("admit_year", "age", "comorbidity_index", "prior_admissions_12m", "length_of_stay_days",
           "num_medications", "albumin_g_dl", "case_review_flag", OUTCOME)
TEXT = ("patient_id", "site", "sex", "area", "discharge_to")
DEVELOPMENT_SITE, VALIDATION_SITE = "Site A", "Site B"
# When each column is known, relative to the discharge the score would be used at (see data/datasheet.md).
TIMING = {
    "age": "at admission", "sex": "at admission", "area": "at admission", "comorbidity_index": "at admission",
    "prior_admissions_12m": "at admission", "length_of_stay_days": "at discharge", "num_medications": "at discharge",
    "albumin_g_dl": "during the stay", "discharge_to": "at discharge", "case_review_flag": "after discharge",
}

Cohort = dict[str, np.ndarray]


def load(path: Path) -> Cohort:
    """The cohort as named numpy columns; a clear AnalysisError for anything missing or malformed."""
    if not path.is_file():
        raise AnalysisError(f"{path} is missing: bake the project again or restore the file from git.")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        raise AnalysisError(f"{path} has no rows: restore it from git (git checkout -- {path.name}).")
    missing = [c for c in (*NUMERIC, *TEXT) if c not in rows[0]]
    if missing:
        raise AnalysisError(f"{path} lacks the column(s) {', '.join(missing)}: restore the file from git.")
    cohort: Cohort = {c: np.array([r[c] for r in rows]) for c in TEXT}
    for column in NUMERIC:
        try:
            cohort[column] = np.array([float(r[column]) for r in rows])
        except ValueError:
            bad = next(i for i, r in enumerate(rows, start=2) if not _is_number(r[column]))
            raise AnalysisError(f"{path} line {bad}: {column} must be a number; fix or restore that row.") from None
    if not set(np.unique(cohort[OUTCOME])) <= {0.0, 1.0}:
        raise AnalysisError(f"{path}: {OUTCOME} must be 0 or 1 in every row; restore the file from git.")
    for site in (DEVELOPMENT_SITE, VALIDATION_SITE):
        y = cohort[OUTCOME][cohort["site"] == site]
        if len(y) == 0:
            raise AnalysisError(f"{path} has no rows for {site}: the analysis develops at Site A and validates at Site B.")
        prevalence = y.mean()
        if prevalence in (0.0, 1.0):
            raise AnalysisError(
                f"{path}: the readmission rate at {site} is {prevalence:.0%}, and a prevalence of 0 or 1 leaves nothing "
                "to discriminate or calibrate, so restore the file from git."
            )
    return cohort


def header(path: Path) -> set[str]:
    """The column names of the cohort file (empty when it is missing or empty)."""
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        first = next(csv.reader(handle), [])
    return set(first) - {OUTCOME, "patient_id"}


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def subset(cohort: Cohort, mask: np.ndarray) -> Cohort:
    """The rows where ``mask`` is true."""
    return {k: v[mask] for k, v in cohort.items()}
