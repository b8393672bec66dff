#!/usr/bin/env python3
"""mailglot's per-email pipeline against the Node toolchain, serial against serial, one run.

    .venv/bin/python scripts/bench_peer.py                 # example emails + fidelity corpus
    .venv/bin/python scripts/bench_peer.py --rounds 5
    .venv/bin/python scripts/bench_peer.py --stages        # each step on its own

Per email, each side does the whole job of turning one email into its files:
- mailglot, example emails: `Renderer.render(job)` (Jinja -> MJML -> inline -> text -> .eml,
  merge tags and previews) then writing email.mjml/.html/.txt/.eml and preview.html;
- mailglot, corpus files (plain MJML, no Jinja): compile_mjml -> inline_css -> html_to_text ->
  build_eml -> the same writes;
- Node, both sets: the MJML mailglot's templates produced (so Node does no templating at
  all) -> `mjml` 5 -> `juice` -> `html-to-text` -> a hand-built multipart .eml -> writes, in
  one warm `node` process (scripts/peers/peer.js) timed from inside, so pipe and JSON costs
  are not counted against Node.
Both sides get one untimed warm-up pass; then `--rounds` timed passes. Reported: median ms
per email over all emails and rounds, and the speed-up (Node / mailglot).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts" / "peers"))
sys.path.insert(0, str(REPO))

from node_peer import NodePeer, versions  # noqa: E402

from mailglot.plan import Selection, plan_jobs  # noqa: E402
from mailglot.project.loader import load_project  # noqa: E402
from mailglot.render.eml import Envelope, build_eml  # noqa: E402
from mailglot.render.inline import inline_css  # noqa: E402
from mailglot.render.mjml import compile_mjml  # noqa: E402
from mailglot.render.pipeline import Renderer  # noqa: E402
from mailglot.render.text import html_to_text  # noqa: E402
from tests.conftest import copy_example  # noqa: E402

ENVELOPE = Envelope(
    sender="Brand <hello@brand.example>", to="alex@example.com", subject="Hello", lang="en",
    job_id="corpus",
)  # fmt: skip


def write(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def mailglot_corpus(mjml: str, out: Path) -> None:
    compiled = compile_mjml(mjml)
    text = html_to_text(compiled)
    html = inline_css(compiled)
    eml = build_eml(ENVELOPE, text=text, html=html)
    write(out, {"email.mjml": mjml.encode(), "email.html": html.encode()}
          | {"email.txt": text.encode(), "email.eml": eml})  # fmt: skip


def timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def bench_example(rounds: int, tmp: Path, peer: NodePeer) -> tuple[list[float], list[float]]:
    project = load_project(copy_example(tmp / "example"))
    jobs = plan_jobs(project, Selection(), date(2027, 11, 1)).jobs
    renderer = Renderer(project)
    mjml_of: dict[str, str] = {}
    ours: list[float] = []

    def job_once(job, out: Path) -> None:  # type: ignore[no-untyped-def]
        rendered = renderer.render(job)
        write(out, rendered.files)
        mjml_of[job.id] = rendered.files["email.mjml"].decode()

    for r in range(rounds + 1):
        times = [timed(job_once, job, tmp / f"mg{r}" / job.id) for job in jobs]
        if r:
            ours += times
    theirs: list[float] = []
    for r in range(rounds + 1):
        for job in jobs:
            out = str(tmp / f"node{r}" / job.id)
            result = peer.run(mjml_of[job.id], keep_html=False, out=out, subject=job.id)
            if r:
                theirs.append(result.ms["total"])
    return ours, theirs


def bench_corpus(rounds: int, tmp: Path, peer: NodePeer) -> tuple[list[float], list[float]]:
    files = sorted((REPO / "tests" / "fidelity").glob("*.mjml"))
    sources = [(f.stem, f.read_text(encoding="utf-8")) for f in files]
    ours: list[float] = []
    theirs: list[float] = []
    for r in range(rounds + 1):
        times = [timed(mailglot_corpus, src, tmp / f"cmg{r}" / name) for name, src in sources]
        if r:
            ours += times
    for r in range(rounds + 1):
        for name, src in sources:
            result = peer.run(src, keep_html=False, out=str(tmp / f"cnode{r}" / name))
            if r:
                theirs.append(result.ms["total"])
    return ours, theirs


def bench_stages(rounds: int) -> None:
    """Median ms per email of each of mailglot's steps, and of premailer for comparison, on
    the example's MJML and the corpus (the Node side reports its own steps alongside)."""
    with tempfile.TemporaryDirectory(prefix="mailglot-bench-stages-") as tmp:
        project = load_project(copy_example(Path(tmp) / "example"))
        jobs = plan_jobs(project, Selection(), date(2027, 11, 1)).jobs
        renderer = Renderer(project)
        sources = [renderer.render(job).files["email.mjml"].decode() for job in jobs]
    sources += [f.read_text(encoding="utf-8") for f in (REPO / "tests/fidelity").glob("*.mjml")]
    compiled = [compile_mjml(s) for s in sources]
    inlined = [inline_css(c) for c in compiled]
    texts = [html_to_text(c) for c in compiled]
    steps = {
        "mjml (mrml + fixes)": lambda i: compile_mjml(sources[i]),
        "inline (css-inline)": lambda i: inline_css(compiled[i]),
        "inline (premailer)": lambda i: inline_css(compiled[i], "premailer"),
        "text": lambda i: html_to_text(compiled[i]),
        "eml": lambda i: build_eml(ENVELOPE, text=texts[i], html=inlined[i]),
    }
    print("| step | median ms per email |")
    print("|---|---|")
    for name, step in steps.items():
        times = [timed(step, i) for _ in range(rounds) for i in range(len(sources))]
        print(f"| {name} | {statistics.median(times):.2f} |")
    with NodePeer() as peer:
        for s in sources:
            peer.run(s, keep_html=False)  # warm-up
        node = [peer.run(s, keep_html=False).ms for _ in range(rounds) for s in sources]
    for key in ("mjml", "inline", "text"):
        print(f"| Node {key} | {statistics.median(m[key] for m in node):.2f} |")


def row(name: str, count: int, ours: list[float], theirs: list[float]) -> str:
    a, b = statistics.median(ours), statistics.median(theirs)
    ta, tb = sum(ours), sum(theirs)
    return (
        f"| {name} | {count} | {a:.2f} | {b:.2f} | {b / a:.1f}x | {ta:.0f} | {tb:.0f} "
        f"| {tb / ta:.1f}x |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over each set")
    parser.add_argument("--stages", action="store_true", help="time each step on its own")
    args = parser.parse_args()
    if args.stages:
        bench_stages(args.rounds)
        return 0
    with tempfile.TemporaryDirectory(prefix="mailglot-bench-peer-") as tmp, NodePeer() as peer:
        example = bench_example(args.rounds, Path(tmp), peer)
        corpus = bench_corpus(args.rounds, Path(tmp), peer)
    print(f"Node toolchain: {versions()}; {args.rounds} timed rounds after one warm-up")
    print(
        "| emails | count | mailglot median ms | Node median ms | speed-up | mailglot total ms "
        "| Node total ms | speed-up (totals) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print(row("example project", len(example[0]) // args.rounds, *example))
    print(row("fidelity corpus", len(corpus[0]) // args.rounds, *corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
