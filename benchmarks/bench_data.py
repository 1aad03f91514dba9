"""`prooflane data` speed and memory, against Faker writing the same schema row by row, in the same run.

- speed: `prooflane data appointments --rows N` (CSV, whole process, start-up included) in rows/s,
  and the same 13 columns with the same value sets and weights drawn by Faker one row at a time and
  written with :mod:`csv` (the usual way such data is made). The ratio is ours / Faker's.
- memory: peak resident memory of `prooflane data appointments --rows 5000000` in each format.

Run: python benchmarks/bench_data.py [--rows N] [--memory-rows N] [--faker-rows N]
(needs the 'bench' extra for Faker: pip install -e '.[dev]').
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PEAK = (
    "import resource, subprocess, sys;"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_maxrss, r.ru_utime + r.ru_stime)"
)


def prooflane(rows: int, out: Path) -> tuple[float, float, float]:
    """(wall seconds, peak MB, CPU seconds) of one whole `prooflane data appointments` process."""
    cmd = [sys.executable, "-c", "import sys; from scaffolder.cli import main; sys.exit(main())",
           "data", "appointments", "--rows", str(rows), "-o", str(out), "--force"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *cmd], env=env, check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak, cpu = done.stdout.split()
    return seconds, int(peak) / 1024, float(cpu)


def faker_rows_per_second(rows: int) -> tuple[float, float]:
    """Faker drawing the appointments schema row by row (same columns, value sets and weights), CSV via csv."""
    import datetime as dt

    from faker import Faker

    from synthetic import appointments as apt

    fake = Faker()
    Faker.seed(42)

    def weighted(names: tuple[str, ...], weights: tuple[float, ...]) -> OrderedDict[str, float]:
        return OrderedDict(zip(names, weights))

    clinics = weighted(apt.CLINIC_NAMES, apt.CLINIC_WEIGHTS)
    ages = weighted(apt.AGE_BANDS, apt.AGE_WEIGHTS)
    distances = weighted(apt.DISTANCE_BANDS, apt.DISTANCE_WEIGHTS)
    languages = weighted(apt.LANGUAGES, apt.LANGUAGE_WEIGHTS)
    reminders = weighted(apt.REMINDER_CHANNELS, apt.REMINDER_WEIGHTS)
    visits = weighted(apt.VISIT_TYPES, apt.VISIT_WEIGHTS)
    start, end = dt.datetime(2025, 1, 1, 8), dt.datetime(2025, 12, 31, 16, 45)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(apt.COLUMNS)
    began, cpu = time.perf_counter(), time.process_time()
    for number in range(1, rows + 1):
        clinic = fake.random_element(clinics)
        specialty = fake.random_element(OrderedDict(apt.CLINIC_SPECIALTIES[clinic]))
        no_show = fake.pybool(truth_probability=18)
        writer.writerow([
            f"FAKE-APT-{number:06d}", fake.numerify("FAKE-PT-1#####"), clinic, specialty, fake.random_element(visits),
            fake.date_time_between(start, end).strftime("%Y-%m-%d %H:%M:%S"), fake.random_int(0, apt.LEAD_MAX_DAYS),
            fake.random_element(reminders), fake.random_element(ages), fake.random_element(distances),
            fake.random_element(languages), int(no_show), None if no_show else fake.random_int(0, 60),
        ])
    return rows / (time.perf_counter() - began), rows / (time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the speed run")
    parser.add_argument("--memory-rows", type=int, default=5_000_000, help="rows for the memory runs")
    parser.add_argument("--faker-rows", type=int, default=20_000, help="rows Faker generates")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        prooflane(1000, out / "warm.csv")  # warm the file cache and imports
        seconds, _, cpu = min(prooflane(args.rows, out / "a.csv") for _ in range(3))
        ours, ours_cpu = args.rows / seconds, args.rows / cpu
        theirs, theirs_cpu = faker_rows_per_second(args.faker_rows)
        print(f"appointments CSV, {args.rows:,} rows (whole process, start-up included): {seconds:.2f} s wall, "
              f"{cpu:.2f} s CPU -> {ours:,.0f} rows/s wall, {ours_cpu:,.0f} rows per CPU second")
        print(f"Faker, same schema row by row ({args.faker_rows:,} rows): {theirs:,.0f} rows/s wall, "
              f"{theirs_cpu:,.0f} rows per CPU second")
        print(f"ratio: {ours / theirs:,.0f}x Faker by wall time, {ours_cpu / theirs_cpu:,.0f}x by CPU time")
        print()
        print(f"| format | {args.memory_rows:,} rows: seconds | peak memory (MB) |")
        print("|---|---|---|")
        for fmt in ("csv", "json", "parquet"):
            seconds, peak, _ = prooflane(args.memory_rows, out / f"m.{fmt}")
            print(f"| {fmt} | {seconds:.1f} | {peak:.0f} |")
            (out / f"m.{fmt}").unlink()


if __name__ == "__main__":
    main()
