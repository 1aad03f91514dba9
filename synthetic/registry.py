"""Every dataset prooflane can generate, by id: one line per dataset module.

A dataset module defines ``generate(seed: int, rows: int, **options) -> Table``, and optionally
``OPTIONS: dict[str, tuple[str, ...]]`` (allowed values of each option, first is the default) and
``SUMMARY: str``. The registry imports a module only when that dataset is asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from synthetic.table import Table


@dataclass(frozen=True)
class DatasetSpec:
    """Where a dataset lives and how big it is by default."""

    id: str
    module: str
    default_rows: int
    kind: str  # the project kind that ships it

    def load(self) -> ModuleType:
        """Import the dataset module."""
        return importlib.import_module(self.module)

    @property
    def summary(self) -> str:
        return str(getattr(self.load(), "SUMMARY", ""))

    @property
    def options(self) -> dict[str, tuple[str, ...]]:
        return dict(getattr(self.load(), "OPTIONS", {}))

    def generate(self, seed: int, rows: int | None = None, **options: str) -> Table:
        """Generate the table (``rows`` defaults to the dataset's default size)."""
        allowed = self.options
        for key, value in options.items():
            if key not in allowed:
                raise ValueError(f"the {self.id} dataset has no option '{key}'")
            if value not in allowed[key]:
                raise ValueError(f"option {key} of {self.id} must be one of {', '.join(allowed[key])}")
        return self.load().generate(seed=seed, rows=self.default_rows if rows is None else rows, **options)


# id -> spec. Keep in alphabetical order.
DATASETS: dict[str, DatasetSpec] = {
    spec.id: spec
    for spec in (
        DatasetSpec("adoption-daily", "synthetic.adoption_daily", 30, "rollout-plan"),
        DatasetSpec("appointments", "synthetic.appointments", 5000, "dashboard"),
        DatasetSpec("interview-snippets", "synthetic.interviews", 40, "product-brief"),
        DatasetSpec("patient-drafts", "synthetic.patient_drafts", 4, "patient-education-rewrite"),
        DatasetSpec("patient-drafts-key", "synthetic.patient_drafts_key", 24, "patient-education-rewrite"),
        DatasetSpec("patient-sources", "synthetic.patient_sources", 6, "patient-education-rewrite"),
        DatasetSpec("personas", "synthetic.personas", 8, "product-brief"),
        DatasetSpec("pilot-survey", "synthetic.pilot_survey", 88, "rollout-plan"),
        DatasetSpec("staff-roster", "synthetic.staff_roster", 60, "rollout-plan"),
        DatasetSpec("time-study", "synthetic.time_study", 480, "product-brief"),
        DatasetSpec("training-tracker", "synthetic.training_tracker", 60, "rollout-plan"),
        DatasetSpec("vendor-claims", "synthetic.vendor_claims", 3, "vendor-checklist"),
        DatasetSpec("vendor-claims-key", "synthetic.vendor_claims_key", 3, "vendor-checklist"),
        DatasetSpec("vendor-profiles", "synthetic.vendors", 3, "vendor-checklist"),
        DatasetSpec("workflow-events", "synthetic.workflow_events", 600, "workflow-map"),
    )
}
