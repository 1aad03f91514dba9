"""`prooflane data` speed and memory, against Faker writing the same schema row by row, in the same run.

- speed: `prooflane data appointments --rows N` (CSV, whole process, start-up included) in rows/s,
  and the same 13 columns with the same value sets and weights drawn by Faker one row at a time and
  written with :mod:`csv` (the usual way such data is made). The ratio is ours / Faker's.
- memory: peak resident memory of `prooflane data appointments --rows 5000000` in each format.

prooflane's files go to /dev/shm when there is one (Faker's rows go to a StringIO: neither side
waits for a disk); --dir picks another folder. The command is timed by itself, not with the small
wrapper that measures it.

Run: python benchmarks/bench_data.py [--rows N] [--memory-rows N] [--faker-rows N] [--dir DIR]
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

# Runs the command and reports its own wall time, peak memory and CPU time (the timer and the
# rusage cover the command's process only, not this small wrapper's start-up).
PEAK = (
    "import resource, subprocess, sys, time;"
    "start = time.perf_counter();"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
    "seconds = time.perf_counter() - start;"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(seconds, r.ru_maxrss, r.ru_utime + r.ru_stime)"
)


def prooflane(rows: int, out: Path, fmt: str = "csv") -> tuple[float, float, float]:
    """(wall seconds, peak MB, CPU seconds) of one whole `prooflane data appointments` process."""
    cmd = [sys.executable, "-c", "import sys; from scaffolder.cli import main; sys.exit(main())",
           "data", "appointments", "--rows", str(rows), "--format", fmt, "-o", str(out), "--force"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from bytecode, not recompiled each run
    done = subprocess.run([sys.executable, "-c", PEAK, *cmd], env=env, check=True, capture_output=True, text=True)
    seconds, peak, cpu = done.stdout.split()
    return float(seconds), int(peak) / 1024, float(cpu)


def output_dir() -> str | None:
    """A memory-backed folder when there is one: Faker's rows go to a StringIO, so disk speed is left out of both."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


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
    parser.add_argument("--dir", default=output_dir(), help="folder for prooflane's files (default: /dev/shm if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        out = Path(tmp)
        print(f"prooflane writes to {out} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        prooflane(1000, out / "warm.csv")  # warm the file cache and the modules' bytecode
        seconds, _, cpu = min(prooflane(args.rows, out / "a.csv") for _ in range(3))
        ours, ours_cpu = args.rows / seconds, args.rows / cpu
        theirs, theirs_cpu = faker_rows_per_second(args.faker_rows)
        print(f"appointments CSV, {args.rows:,} rows (whole process, start-up included): {seconds:.2f} s wall, "
              f"{cpu:.2f} s CPU -> {ours:,.0f} rows/s wall, {ours_cpu:,.0f} rows per CPU second")
        print(f"Faker, same schema row by row ({args.faker_rows:,} rows): {theirs:,.0f} rows/s wall, "
              f"{theirs_cpu:,.0f} rows per CPU second")
        print(f"ratio: {ours / theirs:,.0f}x Faker by wall time, {ours_cpu / theirs_cpu:,.0f}x by CPU time")
        print()
        print(f"| format | {args.memory_rows:,} rows: seconds | rows/s | x Faker (wall) | peak memory (MB) |")
        print("|---|---|---|---|---|")
        for fmt in ("csv", "json", "parquet"):
            seconds, peak, _ = prooflane(args.memory_rows, out / f"m.{fmt}", fmt)
            rate = args.memory_rows / seconds
            print(f"| {fmt} | {seconds:.2f} | {rate:,.0f} | {rate / theirs:,.0f}x | {peak:.0f} |")
            (out / f"m.{fmt}").unlink()


if __name__ == "__main__":
    main()
