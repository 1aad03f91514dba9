"""A fictional expression-like count matrix (samples x genes, negative-binomial) with planted effects.

Educational and synthetic: the genes (GENE0001 ...) and samples (S001 ...) are invented, and nothing in
the matrix describes any real biology. One seed gives one study; every dataset of the
``biomedical-analysis`` kind (counts, sample sheet, answer keys) is a view of the same :func:`build`.

Planted, so the analysis has something to recover:

- three batches; batch B3 was "sequenced later": deeper libraries and gene-specific offsets, so that
  before any correction the first principal component follows batch;
- batch partly confounded with condition: B3 is mostly treated, B1 and B2 mostly control;
- a treated-vs-control signal on ``CONDITION_GENES`` genes;
- a hidden subtype within control (``SUBTYPE_GENES`` genes) that two clusters merge;
- ``LOW_QUALITY`` samples with very small libraries (few detected genes), which MAD-based QC flags;
- one sample whose recorded sex contradicts its two sex-linked-like marker genes (a labelling swap).

Counts are Gamma-Poisson (negative-binomial) draws from :mod:`synthetic.rng` streams only, so the same
seed gives the same bytes on any platform and Python version.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from synthetic.rng import make_rng
from synthetic.table import Table

N_SAMPLES = 96
N_GENES = 2000
BATCHES = ("B1", "B2", "B3")
# treated samples per batch of 32: B3 is mostly treated (partial confounding), B1 and B2 mostly control
TREATED_PER_BATCH = {"B1": 11, "B2": 11, "B3": 26}
SUBTYPE_PER_BATCH = {"B1": 7, "B2": 7, "B3": 2}  # control samples of the hidden subtype
CONDITION_GENES = 80
SUBTYPE_GENES = 40
BATCH_GENES = 500
LOW_QUALITY = 3
F_MARKER = "GENE1999"  # female-linked-like marker (fictional)
M_MARKER = "GENE2000"  # male-linked-like marker (fictional)
DISPERSION = 0.08  # negative-binomial dispersion (variance = mu + DISPERSION * mu^2)


@dataclass(frozen=True)
class Study:
    samples: tuple[str, ...]
    genes: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # genes x samples
    batch: tuple[str, ...]
    condition: tuple[str, ...]
    group: tuple[str, ...]  # control / control-subtype / treated (the truth; the subtype is hidden)
    expressed_sex: tuple[str, ...]
    recorded_sex: tuple[str, ...]
    low_quality: tuple[bool, ...]
    swapped: str
    gene_role: tuple[str, ...]
    gene_lfc: tuple[float, ...]


def gene_id(i: int) -> str:
    return f"GENE{i + 1:04d}"


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw from ``random()`` only: multiplication for small means, PTRS (Hormann 1993) for large ones."""
    if lam <= 0:
        return 0
    if lam < 10:
        limit, k, p = math.exp(-lam), 0, rng.random()
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    slam, loglam = math.sqrt(lam), math.log(lam)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    invalpha = 1.1239 + 1.1328 / (b - 3.4)
    vr = 0.9277 - 3.6224 / (b - 2)
    while True:
        u = rng.random() - 0.5
        v = rng.random()
        us = 0.5 - abs(u)
        k = math.floor((2 * a / us + b) * u + lam + 0.43)
        if us >= 0.07 and v <= vr:
            return k
        if k < 0 or (us < 0.013 and v > us):
            continue
        if math.log(v) + math.log(invalpha) - math.log(a / (us * us) + b) <= -lam + k * loglam - math.lgamma(k + 1):
            return k


def _shuffled(rng: random.Random, items: list[Any]) -> list[Any]:
    out = list(items)
    for i in range(len(out) - 1, 0, -1):  # Fisher-Yates with random() only (stable across versions)
        j = int(rng.random() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


@lru_cache(maxsize=8)
def build(seed: int, n_genes: int = N_GENES) -> Study:
    """The whole fictional study for ``seed`` (96 samples; ``n_genes`` genes, 10 to 20,000)."""
    if not 10 <= n_genes <= 20_000:
        raise ValueError("the expression matrix takes 10 to 20000 genes (rows)")
    design = make_rng(seed, "expression", "design")
    batch: list[str] = []
    condition: list[str] = []
    group: list[str] = []
    for b in BATCHES:
        slots = ["treated"] * TREATED_PER_BATCH[b] + ["control-subtype"] * SUBTYPE_PER_BATCH[b]
        slots += ["control"] * (N_SAMPLES // len(BATCHES) - len(slots))
        for g in _shuffled(design, slots):
            batch.append(b)
            group.append(g)
            condition.append("treated" if g == "treated" else "control")
    # the run order interleaves batches in the sample sheet, so ids do not give the batch away
    order = _shuffled(design, list(range(N_SAMPLES)))
    batch = [batch[i] for i in order]
    condition = [condition[i] for i in order]
    group = [group[i] for i in order]
    samples = tuple(f"S{i + 1:03d}" for i in range(N_SAMPLES))
    sex = [("F" if design.random() < 0.5 else "M") for _ in range(N_SAMPLES)]
    low = set(_shuffled(design, list(range(N_SAMPLES)))[:LOW_QUALITY])
    candidates = [i for i in range(N_SAMPLES) if i not in low and batch[i] != "B3"]
    swapped = candidates[int(design.random() * len(candidates))]
    recorded = list(sex)
    recorded[swapped] = "M" if sex[swapped] == "F" else "F"

    genes = tuple(gene_id(i) for i in range(n_genes))
    grng = make_rng(seed, "expression", "genes")
    base = [math.exp(grng.gauss(0.0, 2.0)) for _ in range(n_genes)]
    role = ["background"] * n_genes
    lfc = [0.0] * n_genes
    pool = _shuffled(grng, list(range(n_genes - 2)))  # the last two genes are the sex-linked-like markers
    for i in pool[:CONDITION_GENES]:
        role[i], lfc[i] = "condition", (1.6 if grng.random() < 0.5 else -1.6)
    for i in pool[CONDITION_GENES:CONDITION_GENES + SUBTYPE_GENES]:
        role[i], lfc[i] = "subtype", (1.8 if grng.random() < 0.5 else -1.8)
    batch_off = {b: [0.0] * n_genes for b in BATCHES}
    for i in pool[CONDITION_GENES + SUBTYPE_GENES:CONDITION_GENES + SUBTYPE_GENES + BATCH_GENES]:
        role[i] = "batch"
        batch_off["B3"][i] = grng.gauss(0.0, 1.1)
        batch_off["B2"][i] = grng.gauss(0.0, 0.25)
    role[n_genes - 2], role[n_genes - 1] = "marker-F", "marker-M"
    base[n_genes - 2] = base[n_genes - 1] = 6.0
    total = sum(base)
    share = [v / total for v in base]

    srng = make_rng(seed, "expression", "depth")
    depth = []
    for s in range(N_SAMPLES):
        d = 250_000 * math.exp(srng.gauss(0.0, 0.12)) * (1.5 if batch[s] == "B3" else 1.0)
        depth.append(d * (0.05 + 0.04 * srng.random()) if s in low else d)

    crng = make_rng(seed, "expression", "counts")
    shape = 1.0 / DISPERSION
    matrix: list[tuple[int, ...]] = []
    for g in range(n_genes):
        row = []
        for s in range(N_SAMPLES):
            log2_effect = batch_off[batch[s]][g]
            if (role[g] == "condition" and condition[s] == "treated") or (role[g] == "subtype" and group[s] == "control-subtype"):
                log2_effect += lfc[g]
            mu = depth[s] * share[g] * 2.0**log2_effect
            if (role[g] == "marker-F" and sex[s] == "M") or (role[g] == "marker-M" and sex[s] == "F"):
                mu = 0.0
            row.append(_poisson(crng, mu * crng.gammavariate(shape, 1.0 / shape)) if mu > 0 else 0)
        matrix.append(tuple(row))
    return Study(
        samples=samples, genes=genes, counts=tuple(matrix), batch=tuple(batch), condition=tuple(condition),
        group=tuple(group), expressed_sex=tuple(sex), recorded_sex=tuple(recorded),
        low_quality=tuple(i in low for i in range(N_SAMPLES)), swapped=samples[swapped],
        gene_role=tuple(role), gene_lfc=tuple(lfc),
    )


# ---- tables (one per dataset) -------------------------------------------------------------------

def counts_table(seed: int, rows: int = N_GENES) -> Table:
    st = build(seed, rows)
    return Table("expression-counts", ("gene_id", *st.samples), [(g, *c) for g, c in zip(st.genes, st.counts)])


def samples_table(seed: int) -> Table:
    st = build(seed)
    return Table("expression-samples", ("sample_id", "batch", "condition", "recorded_sex"),
                 list(zip(st.samples, st.batch, st.condition, st.recorded_sex)))


def sample_key_table(seed: int) -> Table:
    st = build(seed)
    rows = [(s, g, x, "yes" if q else "no", "yes" if s == st.swapped else "no")
            for s, g, x, q in zip(st.samples, st.group, st.expressed_sex, st.low_quality)]
    return Table("expression-sample-key", ("sample_id", "true_group", "expressed_sex", "low_quality", "label_swap"), rows)


def gene_key_table(seed: int, rows: int = N_GENES) -> Table:
    st = build(seed, rows)
    return Table("expression-gene-key", ("gene_id", "planted_role", "log2_fold_change"),
                 [(g, r, f"{v:.1f}") for g, r, v in zip(st.genes, st.gene_role, st.gene_lfc)])


# ---- facts the templates quote (pure Python, from the tables the project ships) ------------------

def _median(values: Sequence[float]) -> float:
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


QC_MADS = 5.0  # sc-best-practices: 5 MADs on log1p of total counts and of detected genes


def low_outliers(values: Sequence[float], n_mads: float = QC_MADS) -> list[int]:
    """Indices more than ``n_mads`` MADs below the median of log1p(values) (the project's QC uses the same rule)."""
    logs = [math.log1p(v) for v in values]
    med = _median(logs)
    mad = _median([abs(x - med) for x in logs])
    return [i for i, x in enumerate(logs) if x < med - n_mads * mad]


def counts_facts(table: Table) -> dict[str, Any]:
    samples = list(table.columns[1:])
    lib = [sum(row[j + 1] for row in table.rows) for j in range(len(samples))]
    detected = [sum(1 for row in table.rows if row[j + 1] > 0) for j in range(len(samples))]
    flagged = sorted(set(low_outliers(lib)) | set(low_outliers(detected)))
    return {
        "genes": len(table.rows), "samples": len(samples),
        "lib_median": round(_median(lib)), "lib_min": min(lib), "lib_max": max(lib),
        "detected_median": round(_median(detected)), "detected_min": min(detected),
        "qc_flagged": [samples[i] for i in flagged],
        "qc_flagged_lib": {samples[i]: lib[i] for i in flagged},
        "qc_flagged_detected": {samples[i]: detected[i] for i in flagged},
    }


def cramers_v(a: list[str], b: list[str]) -> float:
    """Cramer's V of two categorical columns (no continuity correction)."""
    ra, rb = sorted(set(a)), sorted(set(b))
    n = len(a)
    obs = {(x, y): 0 for x in ra for y in rb}
    for x, y in zip(a, b):
        obs[(x, y)] += 1
    chi2 = 0.0
    for x in ra:
        for y in rb:
            expected = sum(1 for v in a if v == x) * sum(1 for v in b if v == y) / n
            chi2 += (obs[(x, y)] - expected) ** 2 / expected
    k = min(len(ra), len(rb)) - 1
    return math.sqrt(chi2 / (n * k)) if k > 0 else 0.0


def samples_facts(table: Table) -> dict[str, Any]:
    recs = table.records()
    batches = sorted({r["batch"] for r in recs})
    design = {b: {c: sum(1 for r in recs if r["batch"] == b and r["condition"] == c) for c in ("control", "treated")}
              for b in batches}
    treated_share = {b: round(100 * d["treated"] / (d["control"] + d["treated"])) for b, d in design.items()}
    return {
        "samples": len(recs), "batches": batches, "design": design, "treated_share": treated_share,
        "cramers_v": round(cramers_v([r["batch"] for r in recs], [r["condition"] for r in recs]), 2),
        "treated": sum(d["treated"] for d in design.values()), "control": sum(d["control"] for d in design.values()),
    }


def sample_key_facts(table: Table) -> dict[str, Any]:
    recs = table.records()
    return {
        "swapped": [r["sample_id"] for r in recs if r["label_swap"] == "yes"],
        "low_quality": [r["sample_id"] for r in recs if r["low_quality"] == "yes"],
        "groups": {g: sum(1 for r in recs if r["true_group"] == g) for g in ("control", "control-subtype", "treated")},
    }


def gene_key_facts(table: Table) -> dict[str, Any]:
    roles = [r[1] for r in table.rows]
    return {role: roles.count(role) for role in ("condition", "subtype", "batch", "background")}
