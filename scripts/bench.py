#!/usr/bin/env python3
"""Measure build speed: a synthetic project of a given size, and the example project.

    .venv/bin/python scripts/bench.py --campaigns 20 --locales 10 --variants 2

Reports emails per second for a cold build (serial and parallel), the time of a no-op
rebuild, where a serial cold build spends its time (Jinja, MJML, premailer, text, writes),
and the same for the example project as a user runs it (`mailglot build --no-screenshots`,
a fresh process each time, interpreter start-up included).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mailglot.build import BuildOptions, build  # noqa: E402
from tests.conftest import copy_example  # noqa: E402

STAGES = {
    "jinja (render_mjml)": "render_mjml",
    "mjml (compile_mjml)": "compile_mjml",
    "premailer (inline_css)": "inline_css",
    "text (html_to_text)": "html_to_text",
    "writes (write_job)": "write_job",
    "checks (run_checks)": "run_checks",
    "context (job_context)": "job_context",
}


def synthetic_project(dest: Path, campaigns: int, locales: int, variants: int) -> Path:
    """The example's templates, catalogs and markets, with N campaigns, L locales, V variants."""
    copy_example(dest)
    settings = yaml.safe_load((dest / "mailglot.yaml").read_text(encoding="utf-8"))
    pool = settings["locales"] + settings.get("pseudo_locales", [])
    real = [loc for loc in pool if loc in settings["locales"]][:locales]
    pseudo = [loc for loc in settings.get("pseudo_locales", [])][: max(0, locales - len(real))]
    settings["locales"], settings["pseudo_locales"] = real, pseudo
    (dest / "mailglot.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")

    sources = sorted((dest / "campaigns").glob("*.yaml"))
    bodies = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sources]
    for p in sources:
        p.unlink()
    for i in range(campaigns):
        body = dict(bodies[i % len(bodies)])
        subjects = body["subject"] if isinstance(body["subject"], dict) else {"a": body["subject"]}
        first = next(iter(subjects.values()))
        body["subject"] = {
            chr(ord("a") + v): (list(subjects.values()) + [first] * variants)[v]
            for v in range(variants)
        }
        body.pop("schedule", None)  # the bench measures rendering, not calendars
        (dest / "campaigns" / f"c{i:03d}.yaml").write_text(
            yaml.safe_dump(body, allow_unicode=True, sort_keys=False), "utf-8"
        )
    return dest


def timed_build(project: Path, workers: int) -> tuple[float, int]:
    started = time.perf_counter()
    report = build(project, BuildOptions(workers=workers, screenshots=False))
    elapsed = time.perf_counter() - started
    failed = [r for r in report.results if r.status == "failed"]
    if failed:
        raise SystemExit(f"bench: {len(failed)} jobs failed: {failed[0].findings}")
    return elapsed, len(report.results)


def profile_stages(project: Path) -> list[tuple[str, float]]:
    profiler = cProfile.Profile()
    profiler.enable()
    build(project, BuildOptions(workers=1, screenshots=False))
    profiler.disable()
    stats = pstats.Stats(profiler)
    out = []
    for label, func in STAGES.items():
        total = sum(v[3] for k, v in stats.stats.items() if k[2] == func)  # cumulative time
        out.append((label, total))
    total = sum(v[2] for v in stats.stats.values())  # all own time
    out.append(("total (profiled)", total))
    return out


def cli_seconds(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(REPO / ".venv/bin/mailglot"), "--project", str(project), "build", "--no-screenshots"],
        check=False,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--campaigns", type=int, default=20)
    ap.add_argument("--locales", type=int, default=10)
    ap.add_argument("--variants", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        print(
            f"synthetic project: {args.campaigns} campaigns x {args.locales} locales x "
            f"{args.variants} variants"
        )
        for workers in (1, args.workers):
            project = synthetic_project(
                base / f"w{workers}", args.campaigns, args.locales, args.variants
            )
            cold, jobs = timed_build(project, workers)
            noop, _ = timed_build(project, workers)
            print(
                f"  workers={workers}: cold {cold:6.2f} s for {jobs} emails = "
                f"{jobs / cold:6.1f} emails/s; no-op rebuild {noop:5.2f} s"
            )
        project = synthetic_project(base / "profile", args.campaigns, args.locales, args.variants)
        print("  where a serial cold build spends its time (cumulative, cProfile overhead incl.):")
        for label, seconds in profile_stages(project):
            print(f"    {label:26s} {seconds:6.2f} s")

        example = copy_example(base / "example")
        cold = cli_seconds(example)
        noop = cli_seconds(example)
        shutil.rmtree(example / "build")
        cold2 = cli_seconds(example)
        jobs = len(list((example / "build").rglob("meta.json")))
        print(
            f"example project via the CLI ({jobs} emails, default workers, process start "
            f"included): cold {min(cold, cold2):.2f} s, no-op rebuild {noop:.2f} s"
        )


if __name__ == "__main__":
    main()
