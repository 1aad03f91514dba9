"""The evaluation itself: 2x2 tables, accuracy with intervals, PPV across prevalence, breakdowns,
reader agreement, verification bias and the local-validation acceptance check. Returns plain data."""

from __future__ import annotations

from typing import Any

import stats
from inputs import Inputs, Study, size_band_order


def _r(value: float) -> float:
    return round(value, 4)


def _prop(k: int, n: int, method: str) -> dict[str, Any]:
    p = stats.proportion(k, n, method)
    return {"k": k, "n": n, "p": _r(p.p) if n else None, "lo": _r(p.lo) if n else None, "hi": _r(p.hi) if n else None}


def confusion(studies: list[Study], threshold: float, method: str, reference: str = "reference") -> dict[str, Any]:
    """The 2x2 table of the model's flag against a reference (adjudicated by default), on studies that were read."""
    cells = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for s in studies:
        ref = getattr(s, reference)
        if ref is None:
            continue
        flag = s.score >= threshold
        cells[("t" if flag == ref else "f") + ("p" if flag else "n")] += 1
    tp, fn, fp, tn = cells["tp"], cells["fn"], cells["fp"], cells["tn"]
    n = tp + fn + fp + tn
    return {**cells, "n": n, "positives": tp + fn, "prevalence": _r((tp + fn) / n) if n else None,
            "se": _prop(tp, tp + fn, method), "sp": _prop(tn, tn + fp, method),
            "ppv": _prop(tp, tp + fp, method), "npv": _prop(tn, tn + fn, method)}


def _groups(studies: list[Study], column: str) -> list[str]:
    found = {s.group(column) for s in studies}
    if column == "finding_size_band":
        return [g for g in size_band_order() if g in found]
    return sorted(found)


def breakdown(studies: list[Study], column: str, threshold: float, method: str, min_positives: int) -> list[dict[str, Any]]:
    rows = []
    for group in _groups(studies, column):
        members = [s for s in studies if s.group(column) == group]
        table = confusion(members, threshold, method)
        rows.append({"column": column, "group": group, "studies": len(members), **table,
                     "judged": table["positives"] >= min_positives,
                     "sp_applies": column != "finding_size_band"})
    return rows


def verification(studies: list[Study], threshold: float) -> list[dict[str, Any]]:
    """Per site: how many unflagged studies got a reference read, and sensitivity before and after correction."""
    out = []
    for site in sorted({s.site for s in studies}):
        members = [s for s in studies if s.site == site]
        flagged = [s for s in members if s.score >= threshold]
        unflagged = [s for s in members if s.score < threshold]
        unflagged_read = [s for s in unflagged if s.reference is not None]
        flagged_read = [s for s in flagged if s.reference is not None]
        if len(unflagged_read) == len(unflagged) and len(flagged_read) == len(flagged):
            continue
        tp = sum(bool(s.reference) for s in flagged_read)
        fn = sum(bool(s.reference) for s in unflagged_read)
        corrected = stats.begg_greenes_sensitivity(len(flagged), len(flagged_read), tp, len(unflagged), len(unflagged_read), fn)
        out.append({"site": site, "studies": len(members), "flagged": len(flagged), "flagged_read": len(flagged_read),
                    "unflagged": len(unflagged), "unflagged_read": len(unflagged_read),
                    "complete_case_se": _r(tp / (tp + fn)) if tp + fn else None, "corrected_se": _r(corrected)})
    return out


def readers(studies: list[Study], threshold: float, method: str) -> dict[str, Any]:
    both = [s for s in studies if s.reader_1 is not None and s.reader_2 is not None]
    a = [bool(s.reader_1) for s in both]
    b = [bool(s.reader_2) for s in both]
    kappa = stats.cohen_kappa(a, b)
    agree = sum(x == y for x, y in zip(a, b))
    by_reference = {name: confusion(studies, threshold, method, name) for name in ("reader_1", "reader_2", "reference")}
    return {"studies": len(both), "agree": agree, "disagree": len(both) - agree,
            "percent": _r(agree / len(both)) if both else None, "kappa": _r(kappa), "label": stats.landis_koch(kappa),
            "se_by_reference": {k: v["se"]["p"] for k, v in by_reference.items()},
            "sp_by_reference": {k: v["sp"]["p"] for k, v in by_reference.items()}}


def prevalence_curve(se: float, sp: float, points: list[float]) -> list[dict[str, float]]:
    return [{"prevalence": p, "ppv": _r(stats.ppv(se, sp, p)), "npv": _r(stats.npv(se, sp, p))} for p in points]


def acceptance(site_table: dict[str, Any], subgroups: list[dict[str, Any]], kappa: float, rules: dict[str, Any],
               prevalence: float, pooled: dict[str, Any]) -> list[dict[str, Any]]:
    """Each acceptance rule of the local-validation plan, met or not, on one site's studies."""
    se, sp = site_table["se"], site_table["sp"]
    ppv_here = stats.ppv(pooled["tp"] / pooled["positives"], pooled["tn"] / (pooled["tn"] + pooled["fp"]), prevalence)
    judged = [g for g in subgroups if g["judged"]]
    worst = min(judged, key=lambda g: (g["se"]["lo"], g["group"])) if judged else None
    rows = [
        ("reference-positive studies", site_table["positives"], rules["minimum_positives"], site_table["positives"] >= rules["minimum_positives"]),
        ("sensitivity, lower interval bound", se["lo"], rules["sensitivity_lower_bound"], se["lo"] is not None and se["lo"] >= rules["sensitivity_lower_bound"]),
        ("specificity, lower interval bound", sp["lo"], rules["specificity_lower_bound"], sp["lo"] is not None and sp["lo"] >= rules["specificity_lower_bound"]),
        (f"PPV at prevalence {prevalence:.3g} (pooled Se and Sp)", _r(ppv_here), rules["ppv_at_local_prevalence"], ppv_here >= rules["ppv_at_local_prevalence"]),
        ("lowest judged subgroup sensitivity, lower bound" + (f" ({worst['group']})" if worst else ""),
         worst["se"]["lo"] if worst else None, rules["subgroup_sensitivity_lower_bound"],
         worst is not None and worst["se"]["lo"] >= rules["subgroup_sensitivity_lower_bound"]),
        ("reference readers' kappa", kappa, rules["reader_kappa"], kappa >= rules["reader_kappa"]),
    ]
    return [{"rule": r, "value": v, "threshold": t, "met": bool(m)} for r, v, t, m in rows]


def evaluate(inputs: Inputs) -> dict[str, Any]:
    """Every number the report shows."""
    cfg = inputs.settings
    t, method, min_pos = cfg["threshold"], cfg["interval"], cfg["min_positives"]
    studies = inputs.studies
    overall = confusion(studies, t, method)
    other = "clopper-pearson" if method == "wilson" else "wilson"
    sites = sorted({s.site for s in studies})
    site_tables = {site: confusion([s for s in studies if s.site == site], t, method) for site in sites}
    settings_of = {site: next(s.values["setting"] for s in studies if s.site == site) for site in sites}
    subgroup_rows = {col: breakdown(studies, col, t, method, min_pos) for col in cfg["subgroups"]}
    reader = readers(studies, t, method)
    se_p, sp_p = overall["tp"] / overall["positives"], overall["tn"] / (overall["tn"] + overall["fp"])
    prevalences = sorted(set(cfg["prevalence_range"]) | {cfg["local_prevalence"]})
    local = cfg["local_site"]
    local_rows = [s for s in studies if s.site == local]
    local_subgroups = [r for col in ("vendor", "scanner", "finding_size_band") for r in breakdown(local_rows, col, t, method, min_pos)]
    pooled_subgroups = [r for col in ("vendor", "scanner", "finding_size_band") for r in breakdown(studies, col, t, method, min_pos)]
    rules = inputs.plan["acceptance"]
    accept = {site: acceptance(site_tables[site],
                               [r for col in ("vendor", "scanner", "finding_size_band")
                                for r in breakdown([s for s in studies if s.site == site], col, t, method, min_pos)],
                               reader["kappa"], rules,
                               cfg["local_prevalence"] if site == local else site_tables[site]["prevalence"], overall)
              for site in sites}
    return {
        "threshold": t, "interval": method, "interval_name": stats.METHOD_NAMES[method],
        "other_interval": other, "other_interval_name": stats.METHOD_NAMES[other],
        "flow": {"studies": len(studies), "read": sum(s.reference is not None for s in studies),
                 "not_read": sum(s.reference is None for s in studies),
                 "per_site": {site: {"studies": sum(s.site == site for s in studies),
                                     "read": sum(s.site == site and s.reference is not None for s in studies)} for site in sites}},
        "overall": overall,
        "overall_other": {"se": _prop(overall["tp"], overall["positives"], other), "sp": _prop(overall["tn"], overall["tn"] + overall["fp"], other)},
        "sites": site_tables, "settings": settings_of,
        "subgroups": subgroup_rows, "pooled_device_size": pooled_subgroups,
        "readers": reader,
        "verification": verification(studies, t),
        "curve": prevalence_curve(se_p, sp_p, prevalences),
        "curve_low": prevalence_curve(overall["se"]["lo"], overall["sp"]["lo"], prevalences),
        "curve_high": prevalence_curve(overall["se"]["hi"], overall["sp"]["hi"], prevalences),
        "local": {"site": local, "prevalence": cfg["local_prevalence"], "ppv": _r(stats.ppv(se_p, sp_p, cfg["local_prevalence"])),
                  "npv": _r(stats.npv(se_p, sp_p, cfg["local_prevalence"])), "subgroups": local_subgroups},
        "acceptance": accept,
        "decision": inputs.plan["decision"],
    }
