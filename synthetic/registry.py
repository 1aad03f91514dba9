"""Every dataset prooflane can generate, by id: one line per dataset module.

A dataset module defines ``generate(seed: int, rows: int, **options) -> Table``, and optionally
``OPTIONS: dict[str, tuple[str, ...]]`` (allowed values of each option, first is the default) and
``SUMMARY: str``. The registry imports a module only when that dataset is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from synthetic.table import Table

if TYPE_CHECKING:
    from synthetic.columnar import Chunk, ChunkTask


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

    @property
    def streams(self) -> bool:
        """The module can generate in bounded-memory chunks (``iter_chunks``), so any size up to MAX_ROWS."""
        return hasattr(self.load(), "iter_chunks")

    @property
    def max_rows(self) -> int:
        """The largest table this dataset generates: MAX_ROWS when it streams, else MAX_TABLE_ROWS (held in memory)."""
        return MAX_ROWS if self.streams else MAX_TABLE_ROWS

    def _check(self, options: dict[str, str]) -> None:
        allowed = self.options
        for key, value in options.items():
            if key not in allowed:
                raise ValueError(f"the {self.id} dataset has no option '{key}'")
            if value not in allowed[key]:
                raise ValueError(f"option {key} of {self.id} must be one of {', '.join(allowed[key])}")

    def generate(self, seed: int, rows: int | None = None, **options: str) -> Table:
        """Generate the table (``rows`` defaults to the dataset's default size)."""
        self._check(options)
        return self.load().generate(seed=seed, rows=self.default_rows if rows is None else rows, **options)

    def chunks(self, seed: int, rows: int | None = None, **options: str) -> Iterator[Chunk]:
        """The same rows as :meth:`generate`, as column chunks (only for datasets that stream)."""
        self._check(options)
        module = self.load()
        if not hasattr(module, "iter_chunks"):
            raise ValueError(f"the {self.id} dataset does not stream")
        return iter(module.iter_chunks(seed=seed, rows=self.default_rows if rows is None else rows, **options))


    def tasks(self, seed: int, rows: int | None = None, chunk_rows: int | None = None, **options: str,
              ) -> Iterator[Chunk | ChunkTask]:
        """As :meth:`chunks`, as tasks a writer's threads make (when the module offers ``chunk_tasks``).

        ``chunk_rows`` sets the rows per task (the module's default when None); the rows are the same.
        """
        module = self.load()
        if not hasattr(module, "chunk_tasks"):
            return self.chunks(seed, rows, **options)
        self._check(options)
        size = {} if chunk_rows is None else {"chunk_rows": chunk_rows}
        return iter(module.chunk_tasks(seed=seed, rows=self.default_rows if rows is None else rows, **size, **options))


MAX_ROWS = 5_000_000  # largest table `prooflane data` writes (streamed, bounded memory)
MAX_TABLE_ROWS = 200_000  # largest table of a dataset generated whole in memory


# id -> spec. Keep in alphabetical order.
DATASETS: dict[str, DatasetSpec] = {
    spec.id: spec
    for spec in (
        DatasetSpec("adoption-daily", "synthetic.adoption_daily", 30, "rollout-plan"),
        DatasetSpec("appointments", "synthetic.appointments", 5000, "dashboard"),
        DatasetSpec("chatbot-answer-key", "synthetic.chatbot_key", 30, "chatbot-evaluation"),
        DatasetSpec("chatbot-answers", "synthetic.chatbot_replies", 30, "chatbot-evaluation"),
        DatasetSpec("chatbot-prompts", "synthetic.chatbot_prompts", 30, "chatbot-evaluation"),
        DatasetSpec("chatbot-ratings", "synthetic.chatbot_ratings", 30, "chatbot-evaluation"),
        DatasetSpec("expression-counts", "synthetic.expression_counts", 2000, "biomedical-analysis"),
        DatasetSpec("expression-gene-key", "synthetic.expression_gene_key", 2000, "biomedical-analysis"),
        DatasetSpec("expression-sample-key", "synthetic.expression_sample_key", 96, "biomedical-analysis"),
        DatasetSpec("expression-samples", "synthetic.expression_samples", 96, "biomedical-analysis"),
        DatasetSpec("imaging-answer-key", "synthetic.imaging_key", 2000, "imaging-evaluation"),
        DatasetSpec("imaging-studies", "synthetic.imaging_studies", 2000, "imaging-evaluation"),
        DatasetSpec("imaging-vendor-evidence", "synthetic.imaging_vendor", 9, "imaging-evaluation"),
        DatasetSpec("interview-snippets", "synthetic.interviews", 60, "product-brief"),
        DatasetSpec("patient-drafts", "synthetic.patient_drafts", 4, "patient-education-rewrite"),
        DatasetSpec("patient-drafts-key", "synthetic.patient_drafts_key", 24, "patient-education-rewrite"),
        DatasetSpec("patient-sources", "synthetic.patient_sources", 6, "patient-education-rewrite"),
        DatasetSpec("personas", "synthetic.personas", 8, "product-brief"),
        DatasetSpec("pilot-survey", "synthetic.pilot_survey", 88, "rollout-plan"),
        DatasetSpec("readmission-cohort", "synthetic.readmission", 20000, "predictive-analysis"),
        DatasetSpec("readmission-key", "synthetic.readmission_key", 20000, "predictive-analysis"),
        DatasetSpec("safety-reports", "synthetic.safety_reports", 30, "rollout-plan"),
        DatasetSpec("safety-setting", "synthetic.safety_setting", 1, "safety-checklist"),
        DatasetSpec("safety-workflow", "synthetic.safety_workflow", 1, "safety-checklist"),
        DatasetSpec("safety-workflow-key", "synthetic.safety_workflow_key", 1, "safety-checklist"),
        DatasetSpec("staff-roster", "synthetic.staff_roster", 60, "rollout-plan"),
        DatasetSpec("summary-critical-flags", "synthetic.summary_flags", 20, "review-rubric"),
        DatasetSpec("summary-defects-key", "synthetic.summary_key", 20, "review-rubric"),
        DatasetSpec("summary-ratings", "synthetic.summary_ratings", 20, "review-rubric"),
        DatasetSpec("summary-reviewers", "synthetic.summary_reviewers", 20, "review-rubric"),
        DatasetSpec("summary-source-notes", "synthetic.summary_notes", 20, "review-rubric"),
        DatasetSpec("summary-texts", "synthetic.summary_drafts", 20, "review-rubric"),
        DatasetSpec("time-study", "synthetic.time_study", 480, "product-brief"),
        DatasetSpec("training-audit", "synthetic.training_audit", 40, "training-module"),
        DatasetSpec("training-audit-key", "synthetic.training_audit_key", 40, "training-module"),
        DatasetSpec("training-learners", "synthetic.training_learners", 40, "training-module"),
        DatasetSpec("training-planted", "synthetic.training_planted", 4, "training-module"),
        DatasetSpec("training-responses", "synthetic.training_responses", 40, "training-module"),
        DatasetSpec("training-tracker", "synthetic.training_tracker", 60, "rollout-plan"),
        DatasetSpec("vendor-claims", "synthetic.vendor_claims", 3, "vendor-checklist"),
        DatasetSpec("vendor-claims-key", "synthetic.vendor_claims_key", 3, "vendor-checklist"),
        DatasetSpec("vendor-documents", "synthetic.vendor_documents", 3, "vendor-checklist"),
        DatasetSpec("vendor-items-key", "synthetic.vendor_items_key", 3, "vendor-checklist"),
        DatasetSpec("vendor-profiles", "synthetic.vendors", 3, "vendor-checklist"),
        DatasetSpec("workflow-events", "synthetic.workflow_events", 600, "workflow-map"),
    )
}
