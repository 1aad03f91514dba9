"""The simulated truth behind the fictional imaging studies (the answer key): see :mod:`synthetic.imaging_studies`."""

from __future__ import annotations

from typing import Any

from synthetic import imaging_studies as im
from synthetic.table import Table

SUMMARY = "The simulated condition and finding size of every fictional imaging study, and whether it got a reference read."


def generate(seed: int, rows: int) -> Table:
    return im.key_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    recs = table.records()
    present = [r for r in recs if r["simulated_truth"] == "present"]
    return {"studies": len(recs), "present": len(present),
            "small": sum(float(r["true_size_mm"]) < 5 for r in present),
            "not_read": sum(r["reference_read_done"] == "no" for r in recs)}
