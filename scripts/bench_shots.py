"""Measure screenshots on the example project: cold, incremental, and their share of a build.

    .venv/bin/python scripts/bench_shots.py [--pages N] [--rounds N]

Works on a temporary copy, so the repository's build/ is left alone. Rates count the PNGs
written per second of wall time. The CPU column is the CPU time of this process and of every
process under it (Playwright's driver, Chromium's browser, GPU and renderer processes), which
is what a shared or busy machine cannot distort much: wall time over CPU time says how much of
the two cores the screenshots used.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import copy_example  # noqa: E402

from mailglot.build import BuildOptions, build  # noqa: E402
from mailglot.output import BUILD_DIR  # noqa: E402
from mailglot.project.loader import load_project  # noqa: E402
from mailglot.shots import take_screenshots  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


class TreeCPU:
    """CPU seconds used by this process and its descendants. Chromium's processes are not
    children of Python, so RUSAGE_CHILDREN never counts them: /proc is read every 0.25 s and
    the last figure of each process kept, so one that has exited still counts (all but its
    last moments). The sampling thread's own CPU is left out."""

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.sampler_cpu = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(0.25):
            self._sample()
            self.sampler_cpu = time.thread_time()

    def _sample(self) -> None:
        parents: dict[int, list[int]] = {}
        cpu: dict[int, float] = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            parents.setdefault(int(fields[1]), []).append(int(name))
            cpu[int(name)] = (int(fields[11]) + int(fields[12])) / TICK
        stack = list(parents.get(os.getpid(), []))
        while stack:
            pid = stack.pop()
            self.seen[pid] = cpu[pid]
            stack += parents.get(pid, [])

    def total(self) -> float:
        self._sample()
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime - self.sampler_cpu + sum(self.seen.values())


def shoot(project_dir: Path, pages: int | None, force: bool) -> tuple[int, int, float]:
    project = load_project(project_dir)
    out = project.root / BUILD_DIR
    folders = {p.parent.relative_to(out).as_posix(): p.parent for p in out.glob("*/*/*/meta.json")}
    if force:
        for folder in folders.values():
            (folder / "shots.json").unlink(missing_ok=True)
    report = take_screenshots(project, out, folders, pages)
    return report.images, len(folders), report.seconds


def line(label: str, images: int, seconds: float, cpu: float) -> str:
    rate = f" = {images / seconds:5.1f} shots/s" if images else ""
    per = f", {cpu / images * 1000:.0f} ms CPU per shot" if images else ""
    return f"{label:<13}{images:4d} shots in {seconds:6.2f} s{rate}; CPU {cpu:6.2f} s{per}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None, help="pages at once (default: by cores)")
    parser.add_argument("--rounds", type=int, default=1, help="forced re-shoots to run (best kept)")
    args = parser.parse_args()
    meter = TreeCPU()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_example(Path(tmp) / "example")
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=False, today=date.today()))
        render = time.perf_counter() - started

        cpu = meter.total()
        images, jobs, cold = shoot(project, args.pages, force=False)
        print(line("cold:", images, cold, meter.total() - cpu) + f" ({jobs} jobs)")
        cpu = meter.total()
        images, jobs, warm = shoot(project, args.pages, force=False)
        print(line("incremental:", images, warm, meter.total() - cpu) + f" ({jobs} jobs checked)")
        for _ in range(args.rounds):
            cpu = meter.total()
            images, _, again = shoot(project, args.pages, force=True)
            print(line("forced:", images, again, meter.total() - cpu))

        shutil.rmtree(project / BUILD_DIR)
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=True, today=date.today()))
        full = time.perf_counter() - started
        campaign = project / "campaigns" / "renewal.yaml"
        text = campaign.read_text(encoding="utf-8")
        assert "renewal_date: 2026-12-15" in text, "the example changed: edit another line"
        campaign.write_text(text.replace("renewal_date: 2026-12-15", "renewal_date: 2026-12-16"))
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=True, today=date.today()))
        edited = time.perf_counter() - started
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=True, today=date.today()))
        noop = time.perf_counter() - started
        print(
            f"full cold build {full:.2f} s (render {render:.2f} s without shots): screenshots "
            f"{(full - render) / full:.0%} of it; renewal's date edited {edited:.2f} s; "
            f"no-op rebuild with shots on {noop:.2f} s"
        )
    meter.stop.set()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
