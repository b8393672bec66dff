#!/usr/bin/env python3
"""Measure build speed and memory on a synthetic project of N jobs, as a user runs it.

    .venv/bin/python scripts/bench.py --jobs 10000            # small emails (the scale target)
    .venv/bin/python scripts/bench.py --jobs 2000 --kind example
    .venv/bin/python scripts/bench.py --jobs 400 --profile    # where a serial cold build goes

Each build runs in a fresh `mailglot build --no-screenshots` process (interpreter start-up
and imports included, as a user sees it) and reports its wall time and its peak resident
memory: the build process itself and its largest worker process (`resource.getrusage`,
RUSAGE_SELF and RUSAGE_CHILDREN). CPU is given for the whole build, its system (kernel)
share, and for the build process alone: what the build process does serially (planning,
publishing) caps what more workers can gain. Steps: a cold build, a no-op rebuild, then the
same project after one campaign changed (one campaign's jobs redone).

`--stages` also prints, for the cold build and the one after one campaign changed, the build
process's CPU (`time.process_time`, its threads included) in each of its steps, timed whole
in the measured process (no profiler; the modules timed are imported before the build):

    .venv/bin/python scripts/bench.py --jobs 10000 --stages

Kinds of email:
- `small`: a one-screen email (the example's layout, a headline, a paragraph, a button and
  the legal footer), N / 20 campaigns x 10 locales x 2 subject variants;
- `example`: the example's four campaigns, cycled.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SMALL_TEMPLATE = """{% extends "layouts/base.mjml.j2" %}
{% block content %}
<mj-section padding="0">
  <mj-column>
    <mj-text mj-class="headline" css-class="mg-headline">{{ _("Our best offer of the year") }}</mj-text>
    <mj-text>{{ data.strings.tagline }}</mj-text>
  </mj-column>
</mj-section>
{% set cta_label = _("Get the deal") %}
{% set cta_url = brand.website ~ "/offer/" ~ campaign.id %}
{% include "partials/cta.mjml.j2" %}
{% endblock %}
"""
SMALL_CAMPAIGN = {
    "template": "small.mjml.j2",
    "markets": "all",
    "subject": {
        "a": "Black Friday: {percent}% off a whole year",
        "b": "{first_name}, our best price of the year is here",
    },
    "preheader": "12 months of Premium for less. Offer ends at midnight on Black Friday.",
    "data": {
        "percent": 40,
        "strings": {"tagline": "Every series, every film, in 4K, for a whole year."},
    },
}
PER_CAMPAIGN = 20  # 10 markets, one locale each, x 2 variants (pseudo-locales off)

STAGES = {
    "plan (plan_jobs)": "plan_jobs",
    "up-to-date check (Previous.look)": "look",
    "jinja (render_mjml)": "render_mjml",
    "mjml (compile_mjml)": "compile_mjml",
    "inline (inline_css)": "inline_css",
    "text (html_to_text)": "html_to_text",
    "eml (build_eml)": "build_eml",
    "checks (check_output)": "check_output",
    "writes (write_files)": "write_files",
    "after-render step (publish)": "publish",
    "review (review_job)": "review_job",
    "meta.json (write_meta)": "write_meta",
    "manifest (write_manifest)": "write_manifest",
    "gallery (write_gallery)": "write_gallery",
}


# The build process's steps timed by --stages: (label, module, function), timed where the
# build calls them (module attributes, looked up at each call). Nested steps are shown under
# the step that calls them.
STEPS = (
    ("load the project", "mailglot.build", "load_project"),
    ("plan", "mailglot.build", "plan_jobs"),
    ("read manifest.json", "mailglot.build", "read_manifest"),
    ("jobs vouched for (build state)", "mailglot.build", "_vouched"),
    ("run the jobs (runner.run_jobs)", "mailglot.runner", "run_jobs"),
    ("  environments it made itself", "mailglot.render.pipeline", "Renderer.environment"),
    ("find what to prune", "mailglot.pruning", "Pruning.find"),
    ("prune build/", "mailglot.pruning", "Pruning.remove"),
    ("after-render step (publish)", "mailglot.publish", "publish_results"),
    ("  manifest entries", "mailglot.publish", "build_manifest"),
    ("  write manifest.json", "mailglot.publish", "write_manifest"),
    ("  write gallery data", "mailglot.publish", "write_gallery"),
    ("record the build state", "mailglot.buildstate", "record"),
)


def time_steps() -> dict[str, float]:
    """Wrap each of STEPS to add its CPU to the returned mapping (in the measured process)."""
    import functools
    import importlib

    spent: dict[str, float] = {}

    def timed(label: str, func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            started = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started

        return run

    for label, module_name, name in STEPS:
        owner = importlib.import_module(module_name)
        *outer, attr = name.split(".")
        for part in outer:
            owner = getattr(owner, part)
        setattr(owner, attr, timed(label, getattr(owner, attr)))
    return spent


def time_pool() -> dict[str, float]:
    """When (time.time) the pool's workers were started, and its first and last results came
    back to the build process (in the measured process; see `timeline`)."""
    from concurrent import futures

    from mailglot import runner

    times: dict[str, float] = {}

    class Pool(futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            times.setdefault("pool started", time.time())
            super().__init__(*args, **kwargs)

    execute = runner._execute

    def timed(*args, **kwargs):
        for n, result in enumerate(execute(*args, **kwargs)):
            times["first result" if n == 0 else "last result"] = time.time()
            yield result

    runner.ProcessPoolExecutor = Pool  # type: ignore[misc]
    runner._execute = timed  # type: ignore[assignment]
    return times


def timeline(figures: dict) -> list[str]:
    """When the build process started its workers, got their first and last results, and
    ended (seconds since it was started): what it does alone before and after the pool
    adds to the wall time whole."""
    marks = [f"{label} {at:5.2f}" for label, at in figures.get("times", {}).items()]
    end = figures["seconds"]
    return [
        f"      timeline (s): {', '.join(marks)}, "
        f"process ended {end:5.2f} (after the build returned: {figures['exit_wall']:4.2f} s, "
        f"CPU {figures['exit_cpu']:4.2f} s)"
    ]


def synthetic_project(dest: Path, jobs: int, kind: str) -> Path:
    """The example's layout, catalogs and markets; campaigns enough for about `jobs` jobs."""
    # Imported here, not at the top: the measured build runs this script too (--child), and
    # the test helpers' imports (pytest, Playwright) are no part of a build's cost.
    import yaml

    from tests.conftest import copy_example

    copy_example(dest)
    settings_path = dest / "mailglot.yaml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    settings["pseudo_locales"] = []
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    sources = sorted((dest / "campaigns").glob("*.yaml"))
    bodies = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sources]
    for p in sources:
        p.unlink()
    if kind == "small":
        (dest / "templates/small.mjml.j2").write_text(SMALL_TEMPLATE, "utf-8")
        bodies = [SMALL_CAMPAIGN]
    for i in range(max(1, round(jobs / PER_CAMPAIGN))):
        body = dict(bodies[i % len(bodies)])
        body["markets"] = "all"
        body.pop("schedule", None)  # the bench measures rendering, not calendars
        subjects = body["subject"] if isinstance(body["subject"], dict) else {"a": body["subject"]}
        first = next(iter(subjects.values()))
        body["subject"] = {"a": first, "b": list(subjects.values())[-1]}
        (dest / "campaigns" / f"c{i:04d}.yaml").write_text(
            yaml.safe_dump(body, allow_unicode=True, sort_keys=False), "utf-8"
        )
    return dest


def run_build(
    project: Path, workers: int | None, extra: tuple[str, ...] = (), stages: bool = False
) -> dict:
    """One `mailglot build` in a fresh process; its wall time and peak memory."""
    args = [sys.executable, __file__, "--child", str(project), "--no-screenshots", *extra]
    if workers:
        args += ["--jobs", str(workers)]
    started = time.perf_counter()
    started_at = time.time()
    # As installed for a user, mailglot's modules come from their bytecode cache: a machine
    # that sets PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if stages:
        env["BENCH_STAGES"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
    seconds = time.perf_counter() - started
    ended = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        raise SystemExit(f"bench: build failed:\n{done.stdout}\n{done.stderr}") from None
    if figures["exit"] not in (0, 1):
        raise SystemExit(f"bench: build exited {figures['exit']}:\n{done.stderr}")
    # what the process did after the build returned: the report, then the interpreter's exit
    whole = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
    figures["exit_cpu"] = whole - figures["cpu"]
    figures["exit_wall"] = ended - figures["returned"]
    figures["times"] = {k: v - started_at for k, v in figures["times"].items()}
    if figures["times"]:
        figures["times"]["build returned"] = figures["returned"] - started_at
    return {**figures, "seconds": seconds, "summary": done.stderr.strip().splitlines()[-1:]}


def child(project: str, build_args: list[str]) -> None:
    """Runs in the measured process: the CLI in-process, then this process's figures."""
    from mailglot.cli import main as cli

    spent = time_steps() if os.environ.get("BENCH_STAGES") else {}
    times = time_pool() if os.environ.get("BENCH_STAGES") else {}
    try:
        cli.main(["--project", project, "build", *build_args], standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    figures = {
        "exit": code,
        "returned": time.time(),
        "times": times,
        "cpu": cpu,
        # kernel time, mostly creating files: it varies with the file system's state (on ext4,
        # files deleted shortly before make new inodes dearer), so it is shown apart
        "sys": own.ru_stime + workers.ru_stime,
        "parent_cpu": own.ru_utime + own.ru_stime,
        "rss_mib": own.ru_maxrss / 1024,
        "stages": spent,
    }
    print(json.dumps({**figures, "worker_rss_mib": workers.ru_maxrss / 1024}), flush=True)
    # The `mailglot` command ends its process with os._exit once its output is out (cli.py):
    # end this one the same way, so the wall time is what a user waits for.
    os._exit(0)


def profile(project: Path) -> None:
    from mailglot.build import BuildOptions, build

    profiler = cProfile.Profile()
    profiler.enable()
    build(project, BuildOptions(workers=1, screenshots=False, today=date.today()))
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(v[2] for v in stats.stats.values())
    print("  where a serial cold build spends its time (cumulative, cProfile overhead incl.):")
    for label, func in STAGES.items():
        seconds = sum(v[3] for k, v in stats.stats.items() if k[2] == func)
        print(f"    {label:32s} {seconds:6.2f} s  {seconds / total:4.0%}")
    print(f"    {'total (profiled)':32s} {total:6.2f} s")


def line(label: str, figures: dict, jobs: int | None = None) -> str:
    rate = f" = {jobs / figures['seconds']:6.0f} emails/s" if jobs else ""
    head = (
        f"  {label:22s} {figures['seconds']:6.2f} s{rate} (CPU {figures['cpu']:6.2f} s, "
        f"of it system {figures['sys']:5.2f} s, build process {figures['parent_cpu']:5.2f} s); "
        f"peak RSS {figures['rss_mib']:4.0f} MiB, largest worker {figures['worker_rss_mib']:4.0f} MiB"
    )
    spent = figures.get("stages", {})
    steps = [f"      {step:34s} {spent[step]:6.3f} s" for step, _, _ in STEPS if step in spent]
    return "\n".join([head, *steps, *(timeline(figures) if spent else [])])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--jobs", type=int, default=10_000, help="about this many emails")
    ap.add_argument("--kind", choices=("small", "example"), default="small")
    ap.add_argument("--workers", type=int, default=None, help="default: mailglot's own choice")
    ap.add_argument("--profile", action="store_true", help="also profile a serial cold build")
    ap.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    ap.add_argument("--stages", action="store_true", help="the build process's CPU per step")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        project = synthetic_project(args.keep or Path(tmp) / "p", args.jobs, args.kind)
        jobs = PER_CAMPAIGN * max(1, round(args.jobs / PER_CAMPAIGN))
        print(
            f"synthetic project: {jobs} {args.kind} emails, {os.cpu_count()} cores, "
            f"workers {args.workers or 'default'}"
        )
        cold = run_build(project, args.workers, stages=args.stages)
        print(line("cold build", cold, jobs))
        noop = run_build(project, args.workers)  # its modules are not even imported
        print(line("no-op rebuild", noop))
        campaign = project / "campaigns/c0000.yaml"
        campaign.write_text(
            campaign.read_text("utf-8").replace("a whole year", "one year"), "utf-8"
        )
        one = run_build(project, args.workers, stages=args.stages)
        print(line("one campaign changed", one))
        print(f"  last summary line: {one['summary'][0] if one['summary'] else '-'}")
        if args.profile:
            profile(synthetic_project(Path(tmp) / "prof", args.jobs, args.kind))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3:])
    else:
        main()
