"""The item-level answer key: what each assessed vendor's documents support, item by item.

Kept apart from the documents (``data/answer_key/``) so a reviewer can judge first and compare after.
``expected`` is the status the documents support; a silent document means ``unknown`` (ask the vendor)
or ``not-met`` if the vendor has been asked and will not say. See :mod:`synthetic.vendor_documents`.
"""

from __future__ import annotations

from synthetic.table import Table
from synthetic.vendor_documents import DOCUMENTS, draw

SUMMARY = "Item-level answer key: the status each vendor's documents support, and where to look (rows = vendors)."
COLUMNS: tuple[str, ...] = ("vendor_id", "item_id", "expected", "where", "why")
EXPECTED = {"met": "met", "partial": "partial", "not-met": "not-met", "silent": "unknown or not-met", "n/a": "n/a"}
WHY = {
    "met": "The document answers the question with something checkable.",
    "partial": "The document says something, with a gap you can name; ask for the missing part.",
    "not-met": "The document says no, or states a term the checklist lists as a red flag.",
    "silent": "No document mentions it: unknown until the vendor answers (not-met if they decline).",
    "n/a": "The document shows the question does not apply to this product; say why in the notes.",
}


def generate(seed: int, rows: int) -> Table:
    """One row per (vendor, checklist item) for every vendor after the worked example (``rows`` = vendors)."""
    titles = dict(DOCUMENTS)
    out = []
    for profile, drawn in draw(seed, rows):
        for fact, variant, _text in drawn:
            where = "not in the documents" if variant == "silent" else f"{titles[fact.document]}, {fact.section}"
            out.append((profile["vendor_id"], fact.item, EXPECTED[variant], where, WHY[variant]))
    return Table("vendor_items_key", COLUMNS, out)
