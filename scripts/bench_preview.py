#!/usr/bin/env python3
"""CPU the inbox preview text costs a build worker per job (checks/preview_text.py).

    .venv/bin/python scripts/bench_preview.py [PROJECT]

Renders every job of PROJECT once (default: the example at the repository root), then times
`inbox_preview` over each job's preview HTML, the call the renderer makes per job: a cold
pass (fresh process caches) and a warm one. Figures are CPU time (`time.process_time`), so a
busy machine changes them little. A project whose layout pads its preheader stops the walk
at the preheader's end; one that does not reads the body until the preview is full. Make a
project of small emails with `scripts/bench.py --jobs 1000 --keep DIR`.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from mailglot.checks.preview_text import inbox_preview  # noqa: E402
from mailglot.plan import Selection, plan_jobs  # noqa: E402
from mailglot.project.loader import load_project  # noqa: E402
from mailglot.render.pipeline import Renderer  # noqa: E402

TODAY = date(2026, 11, 1)  # fixed, so two runs plan the same jobs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("project", nargs="?", type=Path, default=REPO)
    args = ap.parse_args()
    project = load_project(args.project.resolve())
    renderer = Renderer(project)
    jobs = plan_jobs(project, Selection(), TODAY).jobs
    pages = [renderer.render(job).files["preview.html"].decode() for job in jobs]
    previews = []
    for label in ("cold", "warm"):
        started = time.process_time()
        previews = [inbox_preview(page) for page in pages]
        spent = time.process_time() - started
        print(
            f"{label} pass: {len(pages)} jobs, inbox_preview {spent / len(pages) * 1e6:6.1f} us CPU per job"
        )
    leaking = sum(1 for preview in previews if preview.body)
    print(f"{leaking} of {len(pages)} jobs show body text after the preheader")


if __name__ == "__main__":
    main()
