"""Time each output check on every job of a built project (run `mailglot build` first).

    .venv/bin/python scripts/bench_checks.py [PROJECT]      # default: the repository root

Prints milliseconds per job for each entry of OUTPUT_CHECKS (the median of 3 passes over all
jobs, caches warmed by a first pass), so the cost a check adds to every build is visible.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from mailglot.checks.registry import OUTPUT_CHECKS, job_output
from mailglot.manifest import require_manifest
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project
from mailglot.publish import job_metas


def main(root: Path) -> None:
    project = load_project(root)
    build = project.root / BUILD_DIR
    manifest = require_manifest(build)
    metas = job_metas(build, manifest)
    outputs = []
    for entry in manifest.jobs:
        meta = metas.get(entry.id)
        if entry.place is None or meta is None:
            continue
        folder = entry.place.folder(build)
        html = (folder / "email.html").read_text(encoding="utf-8")
        text = (folder / "email.txt").read_text(encoding="utf-8")
        outputs.append(job_output(project, entry.place, BUILD_DIR, html, text, meta))
    print(f"{len(outputs)} jobs")
    total = 0.0
    for code, check in OUTPUT_CHECKS.items():
        passes = []
        for _ in range(4):
            started = time.perf_counter()
            for out in outputs:
                list(check(out))
            passes.append((time.perf_counter() - started) / len(outputs) * 1000)
        ms = statistics.median(passes[1:])
        total += ms
        print(f"{code:20} {ms:7.2f} ms/job")
    print(f"{'all':20} {total:7.2f} ms/job")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve())
