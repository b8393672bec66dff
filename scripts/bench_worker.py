#!/usr/bin/env python3
"""CPU one build worker spends per job: render + output checks, in one process, no writes.

    .venv/bin/python scripts/bench_worker.py [PROJECT] [--limit N] [--digest FILE] [--profile]
                                             [--stages]

A cold worker is what a build's pool starts with, so the first pass over the jobs (fresh
`Renderer`, empty per-process caches) is the figure that matters; a second pass with the same
renderer shows what is left once every cache is warm. Figures are CPU time
(`time.process_time`), so a busy machine changes them little. `--digest FILE` writes one line
per job (its id and the SHA-256 of every output file and of its findings) so two versions of
the code can be compared byte for byte without writing a build; `--profile` prints cProfile's
top functions of the cold pass; `--stages` prints the cold pass's CPU per job in each step
of the pipeline and each output check, for all jobs and for each variant name (the first
variant of a job pays for what its variants share: the MJML compile, the inlining, the text
part). cProfile's own cost per call skews its split of a render; timing whole steps does
not. Make a project of small emails with `scripts/bench.py --jobs 1000 --keep DIR`.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from mailglot.checks import registry  # noqa: E402
from mailglot.checks.registry import check_output  # noqa: E402
from mailglot.errors import silence  # noqa: E402
from mailglot.output import BUILD_DIR  # noqa: E402
from mailglot.plan import Selection, plan_jobs  # noqa: E402
from mailglot.project.loader import load_project  # noqa: E402
from mailglot.render import pipeline  # noqa: E402
from mailglot.render.mjml_validator import MjmlValidator  # noqa: E402
from mailglot.render.pipeline import Renderer  # noqa: E402
from mailglot.render.untrusted_values import OutsideValues  # noqa: E402

TODAY = date(2026, 11, 1)  # fixed, so two runs plan the same jobs
# The steps `Renderer.render` calls, by the names it calls them (pipeline's module globals)
STEPS = (
    "job_context",
    "render_mjml",
    "orient_job",
    "compile_variant",
    "track_links",
    "html_to_text",
    "inline_css",
    "mark_language",
    "build_eml",
    "inbox_preview",
    "local_assets",
    "job_meta",
)


class Stages:
    """CPU seconds per step and per variant name, taken by wrapping each step where the
    renderer looks it up, and each output check where the registry does."""

    def __init__(self) -> None:
        self.cpu: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.jobs: Counter[str] = Counter()
        self.variant = ""

    def install(self) -> None:
        for name in STEPS:
            setattr(pipeline, name, self._timed(getattr(pipeline, name), name))
        MjmlValidator.findings = self._timed(MjmlValidator.findings, "mjml validator")
        OutsideValues.refused = self._timed(OutsideValues.refused, "values from outside")
        for code, check in registry.OUTPUT_CHECKS.items():
            registry.OUTPUT_CHECKS[code] = self._timed(
                lambda out, check=check: list(check(out)),  # a check is a generator
                f"check {code}",
            )

    def _timed(self, call: Callable, label: str) -> Callable:
        def timed(*args: object, **kwargs: object) -> object:
            started = time.process_time()
            try:
                return call(*args, **kwargs)
            finally:
                self.cpu[self.variant][label] += time.process_time() - started

        return timed

    def add(self, variant: str, label: str, seconds: float) -> None:
        self.cpu[variant][label] += seconds

    def print(self) -> None:
        variants = sorted(self.cpu)
        total: Counter[str] = sum(self.cpu.values(), Counter())
        n = sum(self.jobs.values())
        head = "".join(f"{'variant ' + v:>12s}" for v in variants)
        print(f"cold pass, CPU ms per job: {'all':>8s}{head}")
        for label, seconds in total.most_common():
            each = "".join(f"{self.cpu[v][label] / self.jobs[v] * 1000:12.3f}" for v in variants)
            print(f"  {label:26s}{seconds / n * 1000:8.3f}{each}")


def run(
    renderer: Renderer, jobs: list, digests: list[str] | None, stages: Stages | None = None
) -> tuple[float, float]:
    """(render, checks) CPU seconds over `jobs`."""
    render_s = check_s = 0.0
    for job in jobs:
        if stages is not None:
            stages.variant = job.variant
            stages.jobs[job.variant] += 1
        t0 = time.process_time()
        rendered = renderer.render(job)
        t1 = time.process_time()
        found = check_output(
            renderer.project,
            job.place,
            BUILD_DIR,
            rendered.files["email.html"].decode(),
            rendered.files["email.txt"].decode(),
            rendered.meta,
        )
        t2 = time.process_time()
        render_s += t1 - t0
        check_s += t2 - t1
        if stages is not None:
            stages.add(job.variant, "RENDER (whole)", t1 - t0)
            stages.add(job.variant, "CHECKS (whole)", t2 - t1)
        if digests is not None:
            kept = silence([*rendered.findings, *found], renderer.project.settings.checks.disable)
            parts = [f"{n}={hashlib.sha256(b).hexdigest()[:16]}" for n, b in rendered.files.items()]
            parts.append("findings=" + hashlib.sha256(repr(kept).encode()).hexdigest()[:16])
            digests.append(f"{job.id} {' '.join(parts)}")
    return render_s, check_s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("project", nargs="?", type=Path, default=REPO)
    ap.add_argument("--limit", type=int, default=0, help="only the first N jobs")
    ap.add_argument("--digest", type=Path, help="write per-job output digests here")
    ap.add_argument("--profile", action="store_true", help="profile the cold pass")
    ap.add_argument("--stages", action="store_true", help="CPU of each step in the cold pass")
    args = ap.parse_args()
    project = load_project(args.project.resolve())
    jobs = plan_jobs(project, Selection(), TODAY).jobs
    jobs = jobs[: args.limit] if args.limit else jobs
    renderer = Renderer(project)
    digests: list[str] = []
    stages = Stages() if args.stages else None
    if stages is not None:
        stages.install()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    cold = run(renderer, jobs, digests, stages)
    if profiler:
        profiler.disable()
    if stages is not None:
        stages.print()
    warm = run(renderer, jobs, None)
    n = len(jobs)
    for label, (r, c) in (("cold pass", cold), ("warm pass", warm)):
        print(
            f"{label}: {n} jobs, render {r / n * 1000:6.2f} ms + checks {c / n * 1000:6.2f} ms "
            f"= {(r + c) / n * 1000:6.2f} ms CPU per job"
        )
    if args.digest:
        args.digest.write_text("\n".join(digests) + "\n", encoding="utf-8")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(35)


if __name__ == "__main__":
    main()
