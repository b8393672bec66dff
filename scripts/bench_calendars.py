"""Measure what calendars cost on the example project: loading events.yaml (every rule checked
against python-holidays), planning every campaign's schedule, and `mailglot calendar`'s year.

    .venv/bin/python scripts/bench_calendars.py [--repeat N]

"cold" starts with an empty python-holidays cache (a fresh machine or a new holidays
version), "warm" reads the on-disk cache, as every build after the first does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import time
from datetime import date
from pathlib import Path
t0 = time.perf_counter()
from mailglot.project.loader import load_project
from mailglot.plan import Selection, plan_jobs
from mailglot.calendars.listing import year_entries
t1 = time.perf_counter()
project = load_project(Path({root!r}))
t2 = time.perf_counter()
plan = plan_jobs(project, Selection(), date(2026, 11, 23))
t3 = time.perf_counter()
year = year_entries(project, 2027)
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, len(plan.jobs), len(year.entries))
"""


def run(cache: str) -> list[float]:
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(root=str(ROOT))],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return [float(x) for x in out[:4]] + [int(out[4]), int(out[5])]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    labels = ("import", "load project", "plan jobs", "calendar year")
    for kind in ("cold", "warm"):
        samples = []
        with tempfile.TemporaryDirectory() as cache:
            if kind == "warm":
                run(cache)
            for _ in range(args.repeat):
                if kind == "cold":
                    with tempfile.TemporaryDirectory() as fresh:
                        samples.append(run(fresh))
                else:
                    samples.append(run(cache))
        medians = [statistics.median(s[i] for s in samples) * 1000 for i in range(4)]
        jobs, entries = samples[0][4], samples[0][5]
        print(
            f"{kind}: "
            + ", ".join(f"{label} {ms:.0f} ms" for label, ms in zip(labels, medians, strict=True))
            + f" ({jobs} jobs, {entries} calendar rows; median of {args.repeat})"
        )


if __name__ == "__main__":
    main()
