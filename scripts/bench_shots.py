"""Measure screenshots on the example project: cold, incremental, and their share of a build.

    .venv/bin/python scripts/bench_shots.py [--pages N]

Works on a temporary copy, so the repository's build/ is left alone.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
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


def shoot(project_dir: Path, pages: int | None, force: bool) -> tuple[int, int, float]:
    project = load_project(project_dir)
    out = project.root / BUILD_DIR
    folders = {p.parent.relative_to(out).as_posix(): p.parent for p in out.glob("*/*/*/meta.json")}
    if force:
        for folder in folders.values():
            (folder / "shots.json").unlink(missing_ok=True)
    report = take_screenshots(project, out, folders, pages)
    return report.images, len(folders), report.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None, help="pages at once (default: by cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_example(Path(tmp) / "example")
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=False, today=date.today()))
        render = time.perf_counter() - started

        images, jobs, cold = shoot(project, args.pages, force=False)
        print(
            f"cold:        {images} shots of {jobs} jobs in {cold:.2f} s = {images / cold:.1f} shots/s"
        )
        images, jobs, warm = shoot(project, args.pages, force=False)
        print(f"incremental: {images} shots, {jobs} jobs checked in {warm:.2f} s")
        images, _, again = shoot(project, args.pages, force=True)
        print(f"forced:      {images} shots in {again:.2f} s = {images / again:.1f} shots/s")

        shutil.rmtree(project / BUILD_DIR)
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=True, today=date.today()))
        full = time.perf_counter() - started
        started = time.perf_counter()
        build(project, BuildOptions(screenshots=True, today=date.today()))
        noop = time.perf_counter() - started
        print(
            f"full cold build {full:.2f} s (render {render:.2f} s without shots): screenshots "
            f"{(full - render) / full:.0%} of it; no-op rebuild with shots on {noop:.2f} s"
        )


if __name__ == "__main__":
    main()
