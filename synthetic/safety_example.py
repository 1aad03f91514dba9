"""The worked example's workflow for the safety-checklist kind: FaxSort Assist at Harbour Lane Clinic (fictional).

The same for every seed: it is a different workflow from the one a person assesses
(:mod:`synthetic.safety_workflow`), so the worked example shows the method without answering the exercise.
"""

from __future__ import annotations

from synthetic.table import Table

SUMMARY = "The worked example's fictional workflow (referral-letter summaries), one line per row; fixed."
COLUMNS: tuple[str, ...] = ("line_id", "part", "who", "text")
ROWS: tuple[tuple[str, str, str, str], ...] = (
    ('E01', 'workflow', 'scheduler', "Referral letters from other doctors arrive by fax into the clinic's approved document system."),
    ('E02', 'workflow', 'FaxSort Assist', "FaxSort Assist runs inside that document system, under the clinic's signed business associate agreement, and writes a three-line summary of each letter."),
    ('E03', 'workflow', 'scheduler', 'A scheduler reads the summary next to the original letter and books the appointment type the letter asks for.'),
    ('E04', 'workflow', 'scheduler', 'When the summary and the letter disagree, the scheduler follows the letter and ticks "summary wrong" in the system.'),
    ('E05', 'workflow', 'triage nurse', "Letters the referring doctor marks urgent go straight to the triage nurse's queue without waiting for a summary."),
    ('E06', 'workflow', 'clinic manager', 'The clinic manager reads the "summary wrong" ticks every Friday and sends a monthly count to the vendor.'),
    ('E07', 'workflow', 'clinic manager', "The clinic's AI policy says the summaries are for booking only and never for clinical decisions."),
    ('E08', 'workflow', 'scheduler', 'Schedulers had a 30-minute session before first use; there is no refresher and no record of who attended.'),
    ('E09', 'tool', 'vendor brochure', '"FaxSort Assist cuts booking time in half." The brochure gives no study, sample or date for this.'),
    ('E10', 'tool', 'vendor brochure', 'The tool treats all text in a letter, including handwritten notes in the margin, as input to the summary.'),
    ('E11', 'tool', 'vendor brochure', 'Letters in a language other than English are not summarised; they are flagged for a person to read.'),
)


def generate(seed: int, rows: int = 1) -> Table:
    """The example's lines (seed and rows are unused: the example is fixed)."""
    return Table("example_workflow", COLUMNS, list(ROWS))


def facts(table: Table) -> dict[str, object]:
    """How many lines the example has."""
    return {"lines": len(table)}
