"""Read and check the count matrix and the sample sheet: every problem is one sentence, never a traceback."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BATCHES = ("B1", "B2", "B3")
CONDITIONS = ("control", "treated")
SEXES = ("F", "M")


class InputError(Exception):
    """A problem with an input file, described in one sentence that says how to fix it."""


@dataclass
class Data:
    genes: list[str]
    samples: list[str]
    counts: np.ndarray  # genes x samples, integers
    batch: list[str]
    condition: list[str]
    recorded_sex: list[str]
    notes: list[str]  # things the loader changed, one sentence each (for the report)


RESTORE = "restore it with `git checkout -- {path}` or bake the project again"


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise InputError(f"{path} is missing: {RESTORE.format(path=path)}.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text: {RESTORE.format(path=path)}.") from None
    rows = [row for row in csv.reader(text.splitlines()) if row and any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(f"{path} is empty: {RESTORE.format(path=path)}.")
    return rows


def read_counts(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    rows = _rows(path)
    header = [cell.strip() for cell in rows[0]]
    if header[0] != "gene_id" or len(header) < 2:
        raise InputError(f"{path} line 1 must start with gene_id followed by one column per sample.")
    samples = header[1:]
    dup = sorted({s for s in samples if samples.count(s) > 1})
    if dup:
        raise InputError(f"{path} line 1 names sample {dup[0]} more than once: give every sample column its own id.")
    genes: list[str] = []
    values: list[list[int]] = []
    seen: set[str] = set()
    for lineno, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InputError(f"{path} line {lineno} has {len(row)} values for {len(header)} columns: "
                             "each line needs a gene id and one count per sample.")
        gene = row[0].strip()
        if not gene or gene in seen:
            raise InputError(f"{path} line {lineno}: gene id {gene!r} is empty or repeated; each gene needs one line.")
        seen.add(gene)
        numbers = []
        for sample, cell in zip(samples, row[1:]):
            cell = cell.strip()
            if not cell.isdigit():
                raise InputError(f"{path} line {lineno}, sample {sample}: {cell[:20]!r} is not a count "
                                 "(a whole number of 0 or more).")
            numbers.append(int(cell))
        genes.append(gene)
        values.append(numbers)
    if len(genes) < 50:
        raise InputError(f"{path} has {len(genes)} genes; the analysis needs at least 50.")
    if len(samples) < 10:
        raise InputError(f"{path} has {len(samples)} samples; the analysis needs at least 10.")
    return genes, samples, np.asarray(values, dtype=np.int64)


def read_samples(path: Path) -> dict[str, tuple[str, str, str]]:
    rows = _rows(path)
    header = [cell.strip() for cell in rows[0]]
    need = ["sample_id", "batch", "condition", "recorded_sex"]
    if header != need:
        raise InputError(f"{path} line 1 must be {','.join(need)}.")
    sheet: dict[str, tuple[str, str, str]] = {}
    allowed = {"batch": BATCHES, "condition": CONDITIONS, "recorded_sex": SEXES}
    for lineno, row in enumerate(rows[1:], start=2):
        if len(row) != 4:
            raise InputError(f"{path} line {lineno} has {len(row)} values for 4 columns.")
        sample, *rest = (cell.strip() for cell in row)
        for name, value in zip(need[1:], rest):
            if value not in allowed[name]:
                raise InputError(f"{path} line {lineno}: {name} {value[:20]!r} must be one of {', '.join(allowed[name])}.")
        if sample in sheet:
            raise InputError(f"{path} line {lineno}: sample {sample} is listed twice.")
        sheet[sample] = (rest[0], rest[1], rest[2])
    return sheet


def load(counts_path: Path, samples_path: Path) -> Data:
    """The matrix and its sample sheet, checked; genes with no counts at all are dropped (noted)."""
    genes, samples, counts = read_counts(counts_path)
    sheet = read_samples(samples_path)
    missing = [s for s in samples if s not in sheet]
    if missing:
        raise InputError(f"sample {missing[0]} is in {counts_path} but not in {samples_path}: add its line to the sample sheet.")
    extra = [s for s in sheet if s not in samples]
    if extra:
        raise InputError(f"sample {extra[0]} is in {samples_path} but has no column in {counts_path}: remove its line or restore its counts.")
    empty = [s for s, total in zip(samples, counts.sum(axis=0)) if total == 0]
    if empty:
        raise InputError(f"sample {empty[0]} in {counts_path} has no counts at all: remove its column "
                         "(and its line in the sample sheet) or restore the file.")
    notes = []
    zero = counts.sum(axis=1) == 0
    if zero.any():
        dropped = [g for g, z in zip(genes, zero) if z]
        notes.append(f"{len(dropped)} gene(s) with no counts in any sample were left out ({', '.join(dropped[:5])}"
                     f"{' ...' if len(dropped) > 5 else ''}).")
        genes = [g for g, z in zip(genes, zero) if not z]
        counts = counts[~zero]
    return Data(genes=genes, samples=samples, counts=counts, batch=[sheet[s][0] for s in samples],
                condition=[sheet[s][1] for s in samples], recorded_sex=[sheet[s][2] for s in samples], notes=notes)
