"""Study-level outputs of a fictional imaging model with two reference readers and adjudication (no images).

About 2,000 fictional studies across three sites and two fictional scanner vendors. Planted effects:
the Halvex scanners give clearly lower sensitivity, small findings (under 5 mm) are mostly missed, at
Site B only a quarter of the studies the model did not flag received a reference read (verification
bias), and Site C is a screening population with about 2% prevalence, where PPV collapses although
sensitivity and specificity are the same as elsewhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from synthetic.rng import bernoulli, make_rng, pick, weighted_index
from synthetic.table import Table

SUMMARY = "Fictional imaging studies: model score, two readers, adjudication, site, scanner vendor, finding size (no images)."

KIND = "imaging-evaluation"
THRESHOLD = 0.5  # the vendor's default operating point on the model score
SITES = (
    # site, setting, share of studies, prevalence, share of studies on Corvane scanners
    ("A", "emergency department", 0.45, 0.17, 0.5),
    ("B", "inpatient wards", 0.30, 0.13, 0.5),
    ("C", "outpatient screening", 0.25, 0.02, 0.5),
)
VENDORS = ("Corvane", "Halvex")  # fictional vendor names
SCANNERS = {"Corvane": ("Corvane CX-40", "Corvane CX-60"), "Halvex": ("Halvex H2", "Halvex H3")}
UNVERIFIED_READ_RATE = 0.25  # Site B: share of unflagged studies that got a reference read
SMALL_SHARE = 0.22  # share of true findings under 5 mm
# Mean of the latent score (probit scale) for true findings, by vendor and size; negatives sit at NEG_MU.
POS_MU = {("Corvane", "large"): 1.90, ("Corvane", "small"): 0.35, ("Halvex", "large"): 0.70, ("Halvex", "small"): -0.40}
NEG_MU = -1.40  # specificity about 0.92 at the default threshold, the same at every site and vendor
AGE_BANDS = ("18-39", "40-59", "60-74", "75+")
AGE_WEIGHTS = (0.22, 0.34, 0.28, 0.16)
COLUMNS = (
    "study_id", "site", "setting", "vendor", "scanner", "age_band", "sex", "model_score", "model_flag",
    "reader_1", "reader_2", "adjudicator", "reference", "finding_size_mm",
)


@dataclass(frozen=True)
class Study:
    study_id: str
    site: str
    setting: str
    vendor: str
    scanner: str
    age_band: str
    sex: str
    score: float
    truth: bool
    true_size: float | None
    verified: bool
    reader_1: bool | None
    reader_2: bool | None
    adjudicator: bool | None

    @property
    def reference(self) -> bool | None:
        if not self.verified:
            return None
        if self.reader_1 == self.reader_2:
            return self.reader_1
        return self.adjudicator

    @property
    def flag(self) -> bool:
        return self.score >= THRESHOLD


def _normal(rng: Any) -> float:
    return rng.gauss(0.0, 1.0)


def _sigmoid_probit(z: float) -> float:
    """Score in (0, 1) that crosses 0.5 where the latent value crosses 0 (a logistic of 1.7 z)."""
    return 1.0 / (1.0 + math.exp(-1.7 * z))


def build(seed: int, rows: int) -> list[Study]:
    """The studies, in a fixed order, with the truth kept alongside (the answer key)."""
    if rows < 1:
        raise ValueError("the imaging dataset needs at least 1 study")
    studies: list[Study] = []
    counts = [round(rows * share) for _, _, share, _, _ in SITES]
    counts[-1] = rows - sum(counts[:-1])
    number = 0
    for (site, setting, _, prevalence, corvane_share), n in zip(SITES, counts):
        rng = make_rng(seed, KIND, "site", site)
        for _ in range(n):
            number += 1
            vendor = VENDORS[0] if bernoulli(rng, corvane_share) else VENDORS[1]
            scanner = str(pick(rng, SCANNERS[vendor]))
            age = AGE_BANDS[weighted_index(rng, list(AGE_WEIGHTS))]
            sex = "F" if bernoulli(rng, 0.5) else "M"
            truth = bernoulli(rng, prevalence)
            size: float | None = None
            if truth:
                small = bernoulli(rng, SMALL_SHARE)
                size = round(2.0 + 2.9 * rng.random(), 1) if small else round(5.0 + 20.0 * rng.random() ** 1.6, 1)
                mu = POS_MU[(vendor, "small" if small else "large")]
            else:
                mu = NEG_MU
            score = round(_sigmoid_probit(mu + _normal(rng)), 3)
            flag = score >= THRESHOLD
            verified = flag or site != "B" or bernoulli(rng, UNVERIFIED_READ_RATE)
            r1 = r2 = adj = None
            if verified:
                hit = 0.80 if (size is not None and size < 5) else 0.93
                p_pos = hit if truth else 0.025
                r1 = bernoulli(rng, p_pos)
                r2 = bernoulli(rng, p_pos)
                if r1 != r2:
                    adj = bernoulli(rng, 0.97 if truth else 0.03)
            studies.append(Study(f"FAKE-IMG-{number:05d}", site, setting, vendor, scanner, age, sex, score,
                                 truth, size, verified, r1, r2, adj))
    return studies


def _yn(value: bool | None) -> str:
    return "" if value is None else ("positive" if value else "negative")


def studies_table(seed: int, rows: int) -> Table:
    out = []
    for s in build(seed, rows):
        ref = s.reference
        size = ""
        if ref:
            # The reference read measures the finding; a false-positive reference read records a small size.
            size = f"{s.true_size:.1f}" if s.true_size is not None else f"{2.5 + (int(s.study_id[-3:]) % 20) / 10:.1f}"
        out.append((s.study_id, s.site, s.setting, s.vendor, s.scanner, s.age_band, s.sex, f"{s.score:.3f}",
                    "flagged" if s.flag else "not flagged", _yn(s.reader_1), _yn(s.reader_2), _yn(s.adjudicator),
                    _yn(ref) if s.verified else "not read", size))
    return Table("studies", COLUMNS, out)


def key_table(seed: int, rows: int) -> Table:
    out = [(s.study_id, "present" if s.truth else "absent", "" if s.true_size is None else f"{s.true_size:.1f}",
            "yes" if s.verified else "no") for s in build(seed, rows)]
    return Table("truth", ("study_id", "simulated_truth", "true_size_mm", "reference_read_done"), out)


# --- statistics (the same definitions as the project's scripts/stats.py) -------------------------

Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float, float]:
    if n == 0:
        return (math.nan, math.nan)
    p = k / n
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z / denom * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def _kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def _rate(k: int, n: int) -> dict[str, Any]:
    lo, hi = wilson(k, n)
    return {"k": k, "n": n, "p": round(k / n, 2) if n else None, "lo": round(lo, 2), "hi": round(hi, 2)}


def _accuracy(rows: list[dict[str, Any]]) -> dict[str, Any]:
    tp = sum(r["flag"] and r["ref"] for r in rows)
    fn = sum((not r["flag"]) and r["ref"] for r in rows)
    fp = sum(r["flag"] and not r["ref"] for r in rows)
    tn = sum((not r["flag"]) and not r["ref"] for r in rows)
    return {"tp": tp, "fn": fn, "fp": fp, "tn": tn, "n": tp + fn + fp + tn, "se": _rate(tp, tp + fn),
            "sp": _rate(tn, tn + fp), "ppv": _rate(tp, tp + fp), "prevalence": round((tp + fn) / max(1, tp + fn + fp + tn), 3)}


def ppv_at(se: float, sp: float, prevalence: float) -> float:
    return se * prevalence / (se * prevalence + (1 - sp) * (1 - prevalence))


def study_facts(table: Table) -> dict[str, Any]:
    """The numbers the README and worked example quote, computed from the studies table as shipped."""
    recs = table.records()
    read = [r for r in recs if r["reference"] in ("positive", "negative")]
    rows = [{"flag": r["model_flag"] == "flagged", "ref": r["reference"] == "positive", **r} for r in read]
    overall = _accuracy(rows)
    out: dict[str, Any] = {"studies": len(recs), "read": len(read), "not_read": len(recs) - len(read), "overall": overall}
    out["vendor"] = {v: _accuracy([r for r in rows if r["vendor"] == v]) for v in VENDORS}
    out["site"] = {s: _accuracy([r for r in rows if r["site"] == s]) for s, *_ in SITES}
    out["site_studies"] = {s: sum(r["site"] == s for r in recs) for s, *_ in SITES}
    out["site_vendor"] = {s: {v: _accuracy([r for r in rows if r["site"] == s and r["vendor"] == v]) for v in VENDORS}
                          for s, *_ in SITES}
    pos = [r for r in rows if r["ref"]]
    out["site_small"] = {s: _rate(sum(r["flag"] for r in pos if r["site"] == s and float(r["finding_size_mm"]) < 5),
                                  sum(r["site"] == s and float(r["finding_size_mm"]) < 5 for r in pos)) for s, *_ in SITES}
    small = [r for r in pos if float(r["finding_size_mm"]) < 5]
    large = [r for r in pos if float(r["finding_size_mm"]) >= 5]
    out["small"] = _rate(sum(r["flag"] for r in small), len(small))
    out["large"] = _rate(sum(r["flag"] for r in large), len(large))
    # Verification bias at Site B: complete-case sensitivity against a Begg-Greenes correction.
    site_b = [r for r in recs if r["site"] == "B"]
    flagged = [r for r in site_b if r["model_flag"] == "flagged"]
    unflagged = [r for r in site_b if r["model_flag"] != "flagged"]
    unflagged_read = [r for r in unflagged if r["reference"] != "not read"]
    p_d_pos = sum(r["reference"] == "positive" for r in flagged) / max(1, len(flagged))
    p_d_neg = sum(r["reference"] == "positive" for r in unflagged_read) / max(1, len(unflagged_read))
    est_tp = len(flagged) * p_d_pos
    est_fn = len(unflagged) * p_d_neg
    out["verification"] = {
        "unflagged": len(unflagged), "unflagged_read": len(unflagged_read),
        "read_percent": round(100 * len(unflagged_read) / max(1, len(unflagged))),
        "complete_case_se": out["site"]["B"]["se"]["p"],
        "corrected_se": round(est_tp / (est_tp + est_fn), 2) if est_tp + est_fn else None,
    }
    # Reader agreement on the studies both readers read.
    r1 = [r["reader_1"] == "positive" for r in read]
    r2 = [r["reader_2"] == "positive" for r in read]
    out["kappa"] = round(_kappa(r1, r2), 2)
    out["disagree"] = sum(a != b for a, b in zip(r1, r2))
    se, sp = overall["tp"] / max(1, overall["tp"] + overall["fn"]), overall["tn"] / max(1, overall["tn"] + overall["fp"])
    out["ppv_at"] = {str(p): round(ppv_at(se, sp, p), 2) for p in (0.02, 0.05, 0.10, 0.15)}
    out["ppv_site"] = {site: round(ppv_at(se, sp, out["site"][site]["prevalence"]), 2) for site, *_ in SITES}
    out["worst"] = {site: _worst([r for r in rows if r["site"] == site]) for site, *_ in SITES}
    return out


def _band(size: float) -> str:
    return "under 5 mm" if size < 5 else ("5-10 mm" if size < 10 else "10 mm or more")


def _worst(rows: list[dict[str, Any]], min_positives: int = 20) -> dict[str, Any] | None:
    """The judged subgroup (vendor, scanner, finding size; at least ``min_positives`` positives) with the lowest lower bound."""
    pos = [r for r in rows if r["ref"]]
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in pos:
        for key in (r["vendor"], r["scanner"], _band(float(r["finding_size_mm"]))):
            groups.setdefault(key, []).append(r)
    judged = [(name, _rate(sum(r["flag"] for r in members), len(members)))
              for name, members in groups.items() if len(members) >= min_positives]
    if not judged:
        return None
    name, rate = min(judged, key=lambda item: (wilson(item[1]["k"], item[1]["n"])[0], item[0]))
    return {"group": name, **rate}


def generate(seed: int, rows: int) -> Table:
    return studies_table(seed, rows)


def facts(table: Table) -> dict[str, Any]:
    return study_facts(table)
