#!/usr/bin/env python3
"""Measure the designer's loop: save a file, see the change in the browser.

    .venv/bin/python scripts/bench_serve.py [--rounds 5] [--no-screenshots] [--page view|preview]
                                            [--busy SECONDS]

Starts `mailglot serve` on a temporary copy of the example project, opens one email in real
Chromium through Playwright (the single-email page, or its preview.html directly with
`--page preview`), then saves, in turn, a template, a catalog and a campaign file with a
new word in them and times each save until the word is on screen. Reports the median and
the worst per kind of file, and how long the background rebuild (other emails, screenshots)
took to finish. By default each save waits for the background rebuild of the previous one
to finish; `--busy 1.5` saves 1.5 s after the previous word showed instead, while that
rebuild still runs (serve must stop it first), as a designer saving again soon does.

Where the time went comes from serve's own log line for each save ("re-rendered N ms after
the save (seen ..., load ..., plan ..., render ...)"): `seen` is the file watcher's delay,
`written` the time until the email's files were written; the rest of `visible` is the event
to the page and Chromium showing it. `cpu` is serve's own CPU time from the save until the
word showed (all its threads, from /proc): on a shared machine, the figure that does not
depend on what else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from mailglot.shots.browser import LAUNCH_ARGS, find_browser  # noqa: E402
from tests.conftest import copy_example  # noqa: E402

JOB = "black_friday/fr_FR/a"
TEMPLATE = "templates/promo.mjml.j2"
CATALOG = "locales/fr_FR/LC_MESSAGES/messages.po"
CAMPAIGN = "campaigns/black_friday.yaml"


def edits(project: Path) -> dict[str, Callable[[str], None]]:
    """Each edit puts `word` where the fr_FR email shows it."""

    def template(word: str) -> None:
        path = project / TEMPLATE
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'(_\("Our best offer of the year"\) \}\})[^<]*', rf"\g<1> {word}", text)
        path.write_text(text, encoding="utf-8")

    def catalog(word: str) -> None:
        path = project / CATALOG
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'(msgid "Get the deal"\nmsgstr ")[^"]*(")', rf"\g<1>{word}\g<2>", text)
        path.write_text(text, encoding="utf-8")

    def campaign(word: str) -> None:
        path = project / CAMPAIGN
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"tagline: .*", f'tagline: "{word}"', text), encoding="utf-8")

    return {"template": template, "catalog": catalog, "campaign": campaign}


def start_serve(project: Path, shots: bool) -> tuple[subprocess.Popen[str], str, list[str]]:
    """serve on a free port; its log lines are collected (by a thread) into the list."""
    argv = [sys.executable, "-m", "mailglot", "--project", str(project), "serve", "--port", "0"]
    if not shots:
        argv.append("--no-screenshots")
    proc = subprocess.Popen(
        argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            log: list[str] = []
            threading.Thread(target=_collect, args=(proc.stderr, log), daemon=True).start()
            return proc, f"http://127.0.0.1:{found.group(1)}", log
    raise SystemExit("bench: mailglot serve did not start")


def _collect(stream: IO[str], log: list[str]) -> None:
    for line in stream:
        log.append(line)


def serve_laps(log: list[str]) -> dict[str, float]:
    """The step timings of the newest "re-rendered" line serve has logged so far."""
    found: dict[str, float] = {}
    for line in list(log):
        got = re.search(r"re-rendered (\d+) ms after the save \((.*)\)", line)
        if got:
            found = {"written": float(got.group(1))}
            for step in got.group(2).split(", "):
                name, _, ms = step.rpartition(" ")
                found[name] = float(ms)
    return found


def wait_idle(base: str, timeout: float = 600) -> float:
    """Seconds until the background build is done (status not busy), when serve says so."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            status = json.loads(urllib.request.urlopen(f"{base}/__mailglot/status").read())
        except (OSError, ValueError):
            return -1.0  # an older serve without status: nothing to wait for
        if not status.get("busy"):
            return time.perf_counter() - started
        time.sleep(0.05)
    return timeout


def visible(page: Page, word: str, frame: bool) -> None:
    script = (
        "w => { const f = document.querySelector('iframe#mail');"
        " const d = f && f.contentDocument; return !!(d && d.body && d.body.innerText.includes(w)); }"
        if frame
        else "w => document.body && document.body.innerText.includes(w)"
    )
    page.wait_for_function(script, arg=word, polling="raf", timeout=120_000)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-screenshots", action="store_true")
    ap.add_argument("--page", choices=("view", "preview"), default="view")
    ap.add_argument("--busy", type=float, default=None, metavar="SECONDS")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_example(Path(tmp) / "example")
        proc, base, log = start_serve(project, not args.no_screenshots)
        try:
            initial = wait_idle(base)
            print(f"serve ready at {base}; first build done after {initial:.1f} s more")
            measure(project, base, log, proc.pid, args)
        finally:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(20)


def cpu_ms(pid: int) -> float | None:
    """CPU time (user + system, all threads) a process has used so far, in ms (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def measure(project: Path, base: str, log: list[str], pid: int, args: argparse.Namespace) -> None:
    figures: dict[str, list[float]] = {}
    laps: dict[str, dict[str, list[float]]] = {}
    background: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(find_browser(None, pw.chromium.executable_path)),
            args=list(LAUNCH_ARGS),
        )
        page = browser.new_page()
        url = f"{base}/{JOB}/" + ("preview.html" if args.page == "preview" else "")
        page.goto(url)
        page.wait_for_load_state("load")
        time.sleep(1.0)
        counter = 40
        for _ in range(args.rounds):
            for kind, edit in edits(project).items():
                counter += 1
                word = f"Zx{counter}{kind}q"
                started, cpu = time.perf_counter(), cpu_ms(pid)
                edit(word)
                visible(page, word, frame=args.page == "view")
                figures.setdefault(kind, []).append(time.perf_counter() - started)
                cpu_after = cpu_ms(pid)
                if cpu is not None and cpu_after is not None:
                    laps.setdefault(kind, {}).setdefault("cpu", []).append(cpu_after - cpu)
                time.sleep(0.3)  # serve logs its line just after telling the page
                for step, ms in serve_laps(log).items():
                    laps.setdefault(kind, {}).setdefault(step, []).append(ms)
                if args.busy is None:
                    background.append(wait_idle(base) + figures[kind][-1])
                else:
                    time.sleep(args.busy)
        browser.close()
    when = "idle" if args.busy is None else f"{args.busy} s after the previous save showed"
    print(f"save -> visible on the {args.page} page ({args.rounds} saves each, {when}; ms):")
    for kind, values in figures.items():
        ms = [v * 1000 for v in values]
        print(f"  {kind:9s} median {statistics.median(ms):6.0f}   worst {max(ms):6.0f}")
        steps = "  ".join(
            f"{step} {statistics.median(v):.0f}" for step, v in laps.get(kind, {}).items()
        )
        print(f"            serve's medians: {steps}")
    print(
        "  (serve's cpu: its CPU time, all threads, from the save to the word showing; 10 ms ticks)"
    )
    if background and min(background) >= 0:
        print(
            f"background rebuild done (other emails{'' if args.no_screenshots else ', screenshots'})"
            f" after a median {statistics.median(background):.1f} s"
        )


if __name__ == "__main__":
    main()
