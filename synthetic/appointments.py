"""Fictional clinic appointments with documented, planted no-show effects (the ``dashboard`` kind).

Each row is one booked appointment at one of eight invented clinics in calendar year 2025. Whether
the patient missed it (``no_show``) is drawn from a logistic model whose coefficients are the
constants below, so a datasheet can state the planted effects exactly and a test can check that an
analysis recovers them:

    logit P(no_show) = INTERCEPT
                     + LEAD_PER_DAY * lead_time_days
                     + REMINDER[channel] * (1 if English else NON_ENGLISH_REMINDER_FACTOR)
                     + WEEKDAY[weekday]
                     + DISTANCE[distance_band] * (0 if telehealth else 1)
                     + (NON_ENGLISH if preferred_language != "English" else 0)
                     + AGE[age_band] + VISIT[visit_type]

Clinic and specialty have no planted effect on no-shows: any clinic difference comes from the mix
of lead times, languages and distances each clinic sees. Waiting time (attended visits only) is
``round(wait_median * exp(N(0, WAIT_SIGMA)))`` with ``wait_median`` from :data:`WAIT_BASE` and the
adjustments in :data:`WAIT_CLINIC`, :data:`WAIT_PER_HOUR` and :data:`WAIT_VISIT`.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from synthetic.columnar import Cat, Chunk, ChunkTask, Ident, Num, rows_of
from synthetic.parallel import ordered_map
from synthetic.pools import CLINIC_NAMES
from synthetic.table import Table
from synthetic.vrng import (
    Stream,
    below_limit,
    count_reached,
    count_reached_rows,
    exponential,
    normal,
    scaled_floor,
    thresholds,
    weighted_limits,
    weighted_rows_limits,
)

if TYPE_CHECKING:
    import numpy as np

SUMMARY = "Fictional clinic appointments (2025) with planted no-show effects: lead time, reminders, weekday, distance, language."
GENERATOR = "synthetic.appointments"
GENERATOR_VERSION = "2.0.0"
YEAR = 2025

COLUMNS: tuple[str, ...] = (
    "appointment_id", "patient_id", "clinic", "specialty", "visit_type", "scheduled_at", "lead_time_days",
    "reminder_channel", "age_band", "distance_band", "preferred_language", "no_show", "wait_minutes",
)

# --- the no-show model (log-odds) ------------------------------------------------------------
INTERCEPT = -2.0
LEAD_PER_DAY = 0.025  # +0.75 log-odds per 30 days of lead time (odds ratio about 2.1)
REMINDER: dict[str, float] = {"none": 0.0, "email": -0.3, "sms": -0.7, "phone": -0.9}
NON_ENGLISH_REMINDER_FACTOR = 0.3  # reminders are written in English only, so they help far less
WEEKDAY: dict[str, float] = {"Monday": 0.5, "Tuesday": 0.0, "Wednesday": 0.0, "Thursday": 0.0, "Friday": 0.1}
DISTANCE: dict[str, float] = {"0-5 km": 0.0, "5-15 km": 0.15, "15-30 km": 0.4, "30+ km": 0.65}  # in person only
NON_ENGLISH = 0.2
AGE: dict[str, float] = {
    "0-17": -0.1, "18-29": 0.35, "30-44": 0.15, "45-64": 0.0, "65-79": -0.25, "80-89": -0.15, "90+": 0.0,
}
VISIT: dict[str, float] = {"new": 0.2, "follow-up": 0.0, "telehealth": -0.2}

# --- the waiting-time model (minutes, attended visits) ---------------------------------------
WAIT_BASE = 12.0
WAIT_CLINIC: dict[str, float] = {"Harbourlight Community Clinic": 9.0, "Stonebridge Care Centre": 4.0}
WAIT_PER_HOUR = 1.0  # per hour after 08:00
WAIT_VISIT: dict[str, float] = {"new": 4.0, "follow-up": 0.0, "telehealth": -4.0}
WAIT_SIGMA = 0.5

# --- composition (who books where, and how far ahead) ----------------------------------------
AGE_BANDS = tuple(AGE)
AGE_WEIGHTS = (0.14, 0.16, 0.21, 0.27, 0.16, 0.05, 0.01)
LANGUAGES: tuple[str, ...] = ("English", "Spanish", "Vietnamese", "Arabic", "Haitian Creole")
LANGUAGE_WEIGHTS = (0.76, 0.13, 0.05, 0.03, 0.03)
DISTANCE_BANDS = tuple(DISTANCE)
DISTANCE_WEIGHTS = (0.35, 0.35, 0.2, 0.1)
REMINDER_CHANNELS = tuple(REMINDER)
REMINDER_WEIGHTS = (0.22, 0.15, 0.43, 0.20)
VISIT_TYPES = tuple(VISIT)
VISIT_WEIGHTS = (0.2, 0.6, 0.2)
WEEKDAYS = tuple(WEEKDAY)

CLINIC_WEIGHTS = (0.16, 0.15, 0.10, 0.12, 0.14, 0.13, 0.10, 0.10)
CLINIC_SPECIALTIES: dict[str, tuple[tuple[str, float], ...]] = {
    "Maple Grove Family Practice": (("Family medicine", 0.85), ("Paediatrics", 0.15)),
    "Harbourlight Community Clinic": (("Family medicine", 0.6), ("Paediatrics", 0.2), ("Behavioural health", 0.2)),
    "Cedar Hollow Health Centre": (("Family medicine", 0.7), ("Physiotherapy", 0.3)),
    "Bluefern Specialty Clinic": (("Cardiology", 0.35), ("Dermatology", 0.35), ("Endocrinology", 0.3)),
    "Riverbend Outpatient Centre": (("Orthopaedics", 0.4), ("Physiotherapy", 0.3), ("Cardiology", 0.3)),
    "Lanternfield Medical Group": (("Family medicine", 0.5), ("Women's health", 0.3), ("Dermatology", 0.2)),
    "Willowmere Wellness Clinic": (("Behavioural health", 0.6), ("Family medicine", 0.4)),
    "Stonebridge Care Centre": (("Family medicine", 0.5), ("Physiotherapy", 0.5)),
}
SPECIALTIES: tuple[str, ...] = tuple(sorted({s for pairs in CLINIC_SPECIALTIES.values() for s, _ in pairs}))
# Harbourlight serves more patients who prefer a language other than English; Cedar Hollow is rural.
CLINIC_LANGUAGE_WEIGHTS: dict[str, tuple[float, ...]] = {"Harbourlight Community Clinic": (0.5, 0.3, 0.1, 0.06, 0.04)}
CLINIC_DISTANCE_WEIGHTS: dict[str, tuple[float, ...]] = {"Cedar Hollow Health Centre": (0.15, 0.3, 0.3, 0.25)}
# Booking backlogs: share booked the same day, share booked 1-6 days ahead, mean extra days beyond a week.
LEAD_SAME_DAY = 0.08
LEAD_WITHIN_WEEK = 0.22
LEAD_MEAN_BEYOND_WEEK = 18.0
CLINIC_LEAD_MEAN: dict[str, float] = {"Riverbend Outpatient Centre": 38.0, "Bluefern Specialty Clinic": 28.0}
LEAD_MAX_DAYS = 120
HOME_CLINIC_SHARE = 0.85
PATIENTS_PER_APPOINTMENT = 0.55
SLOTS_PER_DAY = 36  # 08:00 to 16:45 in 15-minute slots

# Bands used by the project's SQL (sql/00_load.sql) and by :func:`facts`; keep the two in step.
LEAD_BANDS: tuple[tuple[str, int, int], ...] = (
    ("same day", 0, 0), ("1-7 days", 1, 7), ("8-14 days", 8, 14), ("15-30 days", 15, 30), ("31-60 days", 31, 60),
    ("61+ days", 61, LEAD_MAX_DAYS),
)


CHUNK_ROWS = 65_536  # rows per streamed chunk
_PATIENT_BITS = 23  # patients per table: up to 8.3 million (rows * PATIENTS_PER_APPOINTMENT)


def _weekdays(year: int) -> list[dt.date]:
    day, end, days = dt.date(year, 1, 1), dt.date(year, 12, 31), []
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def no_show_logit(
    *, lead_time_days: int, reminder_channel: str, weekday: str, distance_band: str, visit_type: str,
    preferred_language: str, age_band: str,
) -> float:
    """The planted log-odds of a no-show for one appointment (the model in the module docstring)."""
    english = preferred_language == "English"
    return (
        INTERCEPT
        + LEAD_PER_DAY * lead_time_days
        + REMINDER[reminder_channel] * (1.0 if english else NON_ENGLISH_REMINDER_FACTOR)
        + WEEKDAY[weekday]
        + (0.0 if visit_type == "telehealth" else DISTANCE[distance_band])
        + (0.0 if english else NON_ENGLISH)
        + AGE[age_band]
        + VISIT[visit_type]
    )


def _per_clinic(default: tuple[float, ...], special: dict[str, tuple[float, ...]]) -> np.ndarray:
    import numpy as np

    return np.array([special.get(c, default) for c in CLINIC_NAMES], dtype="float64")


def _patients(seed: int, count: int) -> np.ndarray:
    """Each fictional patient packed in a uint16: home clinic, age band << 3, distance band << 6, language << 8."""
    import numpy as np

    stream = Stream(seed, "appointments", "patients")
    out = np.empty(count, dtype=np.uint16)
    clinic_at = weighted_limits(CLINIC_WEIGHTS)
    age_at = weighted_limits(AGE_WEIGHTS)
    distance_at = weighted_rows_limits(_per_clinic(DISTANCE_WEIGHTS, CLINIC_DISTANCE_WEIGHTS))
    language_at = weighted_rows_limits(_per_clinic(LANGUAGE_WEIGHTS, CLINIC_LANGUAGE_WEIGHTS))

    def fill(lo: int) -> None:
        raw = stream.raw_at(lo, min(CHUNK_ROWS, count - lo), 4)
        clinic = count_reached(raw[0], clinic_at)
        packed = clinic | count_reached(raw[1], age_at) << 3
        packed |= count_reached_rows(raw[2], clinic, distance_at) << 6
        packed |= count_reached_rows(raw[3], clinic, language_at) << 8
        out[lo:lo + raw.shape[1]] = packed

    for _ in ordered_map(fill, range(0, count, CHUNK_ROWS)):
        pass
    return out


def _specialty_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per clinic: adult specialty weights and their codes, and the code a child is seen under."""
    import numpy as np

    width = max(len(p) for p in CLINIC_SPECIALTIES.values())
    weights = np.zeros((len(CLINIC_NAMES), width))
    codes = np.zeros((len(CLINIC_NAMES), width), dtype=np.int64)
    child = np.zeros(len(CLINIC_NAMES), dtype=np.int64)
    for c, clinic in enumerate(CLINIC_NAMES):
        pairs = CLINIC_SPECIALTIES[clinic]
        adult = [(s, w) for s, w in pairs if s != "Paediatrics"]
        for j, (name, w) in enumerate(adult):
            weights[c, j], codes[c, j] = w, SPECIALTIES.index(name)
        names = [s for s, _ in pairs]
        child[c] = SPECIALTIES.index("Paediatrics" if "Paediatrics" in names else "Family medicine")
    return weights, codes, child


def _schedule(seed: int, rows: int, patients: np.ndarray) -> np.ndarray:
    """Every booking as one sortable uint64 (slot, clinic, patient, specialty, visit type), in schedule order."""
    import numpy as np

    stream = Stream(seed, "appointments", "visits")
    n_days = len(_weekdays(YEAR))
    spec_w, spec_codes, child = _specialty_tables()
    width = spec_w.shape[1]
    # specialty code by (clinic, child?, adult pick): children are seen under `child`
    spec_table = np.concatenate([spec_codes, np.repeat(child[:, None], width, axis=1)], axis=1).ravel()
    spec_at = weighted_rows_limits(spec_w)
    home_below = below_limit(HOME_CLINIC_SHARE)
    other_at = thresholds(lambda u, g: np.minimum((u * len(CLINIC_NAMES)).astype(np.int64), len(CLINIC_NAMES) - 1),
                          len(CLINIC_NAMES) - 1)[0]
    visit_at = weighted_limits(VISIT_WEIGHTS)
    keys = np.empty(rows, dtype=np.uint64)

    def fill(lo: int) -> None:
        raw = stream.raw_at(lo, min(CHUNK_ROWS, rows - lo), 7)
        patient = scaled_floor(raw[0], len(patients))
        person = np.take(patients, patient)
        clinic = np.where(raw[1] < home_below, person & 7, count_reached(raw[2], other_at))
        pick = count_reached_rows(raw[3], clinic, spec_at)
        pick += clinic * (2 * width)
        pick += ((person >> 3) & 7 == 0) * width  # age band 0-17
        specialty = np.take(spec_table, pick)
        day = scaled_floor(raw[5], n_days)
        day *= SLOTS_PER_DAY
        day += scaled_floor(raw[6], SLOTS_PER_DAY)
        day <<= 3
        day |= clinic
        day <<= _PATIENT_BITS
        day |= patient
        day <<= 4
        day |= specialty
        day <<= 2
        day |= count_reached(raw[4], visit_at)
        keys[lo:lo + raw.shape[1]] = day.view(np.uint64)

    for _ in ordered_map(fill, range(0, rows, CHUNK_ROWS)):
        pass
    half = rows // 2
    for _ in ordered_map(lambda part: part.sort(), [keys[:half], keys[half:]]):  # two threads, then one merge
        pass
    keys.sort(kind="stable")  # two sorted runs: a single merge
    return keys


@functools.lru_cache(maxsize=1)
def _stamps() -> tuple[str, ...]:
    """Every bookable slot of the year as ``YYYY-MM-DD HH:MM:SS``, in order."""
    times = [f" {8 + slot // 4:02d}:{15 * (slot % 4):02d}:00" for slot in range(SLOTS_PER_DAY)]
    return tuple([d + t for d in map(dt.date.isoformat, _weekdays(YEAR)) for t in times])


def iter_chunks(seed: int, rows: int, chunk_rows: int = CHUNK_ROWS) -> Iterator[Chunk]:
    """The table in chunks of columns (memory bounded by ``rows`` small integers plus one chunk)."""
    yield from ordered_map(lambda task: task.make(), chunk_tasks(seed, rows, chunk_rows))


def chunk_tasks(seed: int, rows: int, chunk_rows: int = CHUNK_ROWS) -> Iterator[ChunkTask]:
    """As :func:`iter_chunks`, each chunk to be made by whichever thread calls its task (the schedule is drawn first)."""
    import numpy as np

    if rows < 1:
        raise ValueError("rows must be 1 or more")
    patients = _patients(seed, max(1, round(rows * PATIENTS_PER_APPOINTMENT)))
    keys = _schedule(seed, rows, patients)
    leads = Stream(seed, "appointments", "lead-time")
    reminders = Stream(seed, "appointments", "reminders")
    outcomes = Stream(seed, "appointments", "outcomes")
    waits = Stream(seed, "appointments", "waits")
    days = _weekdays(YEAR)
    weekday_of_stamp = np.repeat(np.array([d.weekday() for d in days], dtype=np.int64), SLOTS_PER_DAY)
    hour_of_stamp = np.tile(np.arange(SLOTS_PER_DAY, dtype=np.int64) // 4, len(days))
    lead_mean = np.array([CLINIC_LEAD_MEAN.get(c, LEAD_MEAN_BEYOND_WEEK) for c in CLINIC_NAMES])
    reminder_effect = np.array([REMINDER[c] for c in REMINDER_CHANNELS])
    weekday_effect = np.array([WEEKDAY[d] for d in WEEKDAYS])
    distance_effect = np.array([DISTANCE[b] for b in DISTANCE_BANDS])
    age_effect = np.array([AGE[b] for b in AGE_BANDS])
    visit_effect = np.array([VISIT[v] for v in VISIT_TYPES])
    telehealth = VISIT_TYPES.index("telehealth")
    # the median wait of each (clinic, hour after 08:00, visit type), summed in the model's order
    clinic_i, hour_i, visit_i = np.meshgrid(np.arange(len(CLINIC_NAMES)), np.arange(SLOTS_PER_DAY // 4),
                                            np.arange(len(VISIT_TYPES)), indexing="ij")
    wait_median = (WAIT_BASE + np.array([WAIT_CLINIC.get(c, 0.0) for c in CLINIC_NAMES])[clinic_i]
                   + WAIT_PER_HOUR * hour_i + np.array([WAIT_VISIT[v] for v in VISIT_TYPES])[visit_i]).ravel()
    same_day_below = below_limit(LEAD_SAME_DAY)
    within_week_below = below_limit(LEAD_SAME_DAY + LEAD_WITHIN_WEEK)
    week_day_at = thresholds(lambda u, g: np.floor(u * 6).astype(np.int64), 5)[0]
    reminder_at = weighted_limits(REMINDER_WEIGHTS)
    stamps = _stamps()

    def chunk(lo: int) -> Chunk:
        key = keys[lo:lo + chunk_rows].view(np.int64)  # keys are below 2**46
        n = len(key)
        visit = key & 3
        specialty = (key >> 2) & 15
        patient = (key >> 6) & ((1 << _PATIENT_BITS) - 1)
        clinic = (key >> (6 + _PATIENT_BITS)) & 7
        stamp = key >> (9 + _PATIENT_BITS)
        weekday = np.take(weekday_of_stamp, stamp)
        person = np.take(patients, patient).astype(np.int64)
        age, distance, language = (person >> 3) & 7, (person >> 6) & 3, person >> 8
        english = language == 0

        raw = leads.raw_at(lo, n, 3)
        beyond = 7 + np.floor(exponential(Stream.to_uniform(raw[2]), np.take(lead_mean, clinic))).astype(np.int64)
        lead = np.where(raw[0] < same_day_below, 0,
                        np.where(raw[0] < within_week_below,
                                 1 + count_reached(raw[1], week_day_at), np.minimum(LEAD_MAX_DAYS, beyond)))
        channel = count_reached(reminders.raw_at(lo, n), reminder_at)
        channel[lead == 0] = 0  # same day: no reminder
        logit = (INTERCEPT + LEAD_PER_DAY * lead
                 + np.take(reminder_effect, channel) * np.where(english, 1.0, NON_ENGLISH_REMINDER_FACTOR)
                 + np.take(weekday_effect, weekday)
                 + np.where(visit == telehealth, 0.0, np.take(distance_effect, distance))
                 + np.where(english, 0.0, NON_ENGLISH) + np.take(age_effect, age) + np.take(visit_effect, visit))
        no_show = outcomes.uniform_at(lo, n) < 1.0 / (1.0 + np.exp(-logit))
        w = waits.uniform_at(lo, n, 2)
        median = np.take(wait_median, (clinic * (SLOTS_PER_DAY // 4) + np.take(hour_of_stamp, stamp)) * len(VISIT_TYPES) + visit)
        wait = np.maximum(0, np.round(median * np.exp(WAIT_SIGMA * normal(w[:, 0], w[:, 1])))).astype(np.int64)
        return {
            "appointment_id": Ident("FAKE-APT-", np.arange(lo + 1, lo + n + 1, dtype=np.int64), 6),
            "patient_id": Ident("FAKE-PT-", 100000 + patient, 6),
            "clinic": Cat(clinic, CLINIC_NAMES),
            "specialty": Cat(specialty, SPECIALTIES),
            "visit_type": Cat(visit, VISIT_TYPES),
            "scheduled_at": Cat(stamp, stamps),
            "lead_time_days": Num(lead),
            "reminder_channel": Cat(channel, REMINDER_CHANNELS),
            "age_band": Cat(age, AGE_BANDS),
            "distance_band": Cat(distance, DISTANCE_BANDS),
            "preferred_language": Cat(language, LANGUAGES),
            "no_show": Num(no_show.view(np.uint8)),
            "wait_minutes": Num(wait, null=no_show),
        }

    for lo in range(0, rows, chunk_rows):
        yield ChunkTask(lo, min(chunk_rows, rows - lo), functools.partial(chunk, lo))


def generate(seed: int, rows: int) -> Table:
    """``rows`` fictional appointments for ``seed`` (same seed, same rows, in any process)."""
    out: list[tuple[Any, ...]] = []
    for chunk in iter_chunks(seed, rows):
        out += rows_of(chunk)
    return Table("appointments", COLUMNS, out)


# --- headline numbers (the same definitions as the project's SQL) -----------------------------


def lead_band(days: int) -> str:
    """The lead-time band of a number of days (as in sql/00_load.sql)."""
    for name, low, high in LEAD_BANDS:
        if low <= days <= high:
            return name
    return LEAD_BANDS[-1][0]


def _rate(rows: list[dict[str, Any]]) -> float:
    return 100.0 * sum(r["no_show"] for r in rows) / len(rows) if rows else float("nan")


def wilson_interval(events: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a rate, in percent (as in sql/05_equity_distance_language.sql)."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = events / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (100 * (centre - spread) / (1 + z * z / n), 100 * (centre + spread) / (1 + z * z / n))


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    events = sum(r["no_show"] for r in rows)
    low, high = wilson_interval(events, len(rows))
    return {"n": len(rows), "no_shows": events, "rate": _rate(rows), "ci_low": low, "ci_high": high}


def _group(rows: list[dict[str, Any]], key: Any) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def _language_group(row: dict[str, Any]) -> str:
    return "English" if row["preferred_language"] == "English" else "Other than English"


SHORT_LEAD_MAX = 14  # "booked within two weeks" in the within-clinic check (sql/08_lead_time_within_clinic.sql)
LONG_LEAD_MIN = 31  # "booked more than 30 days ahead"


def _within_clinic(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Short against long lead time inside each clinic, with the crude and Mantel-Haenszel odds ratios."""
    clinics: dict[str, Any] = {}
    numerator = denominator = 0.0
    cells = [0, 0, 0, 0]  # long missed, long attended, short missed, short attended (all clinics)
    for clinic, group in sorted(_group(rows, lambda r: r["clinic"]).items()):
        short = [r for r in group if r["lead_time_days"] <= SHORT_LEAD_MAX]
        long = [r for r in group if r["lead_time_days"] >= LONG_LEAD_MIN]
        a, c = sum(r["no_show"] for r in long), sum(r["no_show"] for r in short)
        b, d = len(long) - a, len(short) - c
        n = a + b + c + d
        if n:
            numerator += a * d / n
            denominator += b * c / n
        for i, value in enumerate((a, b, c, d)):
            cells[i] += value
        clinics[clinic] = {"short": _summary(short), "long": _summary(long)}
    a, b, c, d = cells
    return {
        "clinics": clinics,
        "crude_or": a * d / (b * c) if b * c else float("nan"),
        "mh_or": numerator / denominator if denominator else float("nan"),
    }


def facts(table: Table) -> dict[str, Any]:
    """Headline numbers for worked examples: no-show rates in percent, counts and median waits."""
    import statistics

    rows = table.records()
    booked_ahead = [r for r in rows if r["lead_time_days"] >= 1]
    in_person = [r for r in rows if r["visit_type"] != "telehealth"]
    by_lead = _group(rows, lambda r: lead_band(r["lead_time_days"]))
    by_reminder = _group(booked_ahead, lambda r: r["reminder_channel"])
    by_day = _group(rows, lambda r: WEEKDAYS[dt.datetime.strptime(r["scheduled_at"], "%Y-%m-%d %H:%M:%S").weekday()])
    by_distance = _group(in_person, lambda r: r["distance_band"])
    by_language = _group(rows, _language_group)
    attended = [r for r in rows if not r["no_show"]]
    waits = {c: float(statistics.median(r["wait_minutes"] for r in g)) for c, g in _group(attended, lambda r: r["clinic"]).items()}
    reminded = {
        lang: {
            "none": _summary([r for r in g if r["reminder_channel"] == "none"]),
            "any": _summary([r for r in g if r["reminder_channel"] != "none"]),
        }
        for lang, g in sorted(_group(booked_ahead, _language_group).items())
    }
    day_rates = {d: _rate(by_day.get(d, [])) for d in WEEKDAYS}
    band_rate = {name: _rate(group) / 100.0 for name, group in by_lead.items()}
    clinics = {
        clinic: {
            "n": len(group),
            "observed": _rate(group),
            "expected": 100.0 * sum(band_rate[lead_band(r["lead_time_days"])] for r in group) / len(group),
            "median_lead_days": float(statistics.median(r["lead_time_days"] for r in group)),
        }
        for clinic, group in _group(rows, lambda r: r["clinic"]).items()
    }
    return {
        "generator": GENERATOR,
        "generator_version": GENERATOR_VERSION,
        "rows": len(rows),
        "patients": len({r["patient_id"] for r in rows}),
        "no_shows": sum(r["no_show"] for r in rows),
        "no_show_rate": _rate(rows),
        "median_wait_all": float(statistics.median(r["wait_minutes"] for r in attended)) if attended else float("nan"),
        "lead": {name: _summary(by_lead.get(name, [])) for name, _, _ in LEAD_BANDS},
        "reminder": {c: _summary(by_reminder.get(c, [])) for c in REMINDER_CHANNELS},
        "reminder_mean_lead_days": {
            c: statistics.fmean(r["lead_time_days"] for r in by_reminder[c]) for c in REMINDER_CHANNELS if c in by_reminder
        },
        "weekday": day_rates,
        "highest_weekday": max(day_rates, key=lambda d: day_rates[d]),
        "distance": {b: _summary(by_distance.get(b, [])) for b in DISTANCE_BANDS},
        "language": {g: _summary(v) for g, v in sorted(by_language.items())},
        "reminder_by_language": reminded,
        "clinics": dict(sorted(clinics.items(), key=lambda kv: (-kv[1]["observed"], kv[0]))),
        "median_wait": dict(sorted(waits.items(), key=lambda kv: (-kv[1], kv[0]))),
        "within_clinic": _within_clinic(rows),
    }
