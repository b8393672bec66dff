#!/usr/bin/env python3
"""What reading a locale's catalogs costs: after a save (`serve`), and for catalogs at scale.

    .venv/bin/python scripts/bench_catalog.py [--project .] [--locale fr_FR] [--rounds 50]
    .venv/bin/python scripts/bench_catalog.py --entries 10000 [--locales fr_FR,ar_SA,ja_JP]
                                              [--huge-mb 6]
    .venv/bin/python scripts/bench_catalog.py --environments [--project DIR] [--rounds 5]

Without `--entries`: each round first changes one translation in a temporary copy of the
locale's catalog (a translator's save), then loads it as the build does (strict reading, Babel,
the translation checks, the injection screen, compiling). Reports the CPU milliseconds per
reload: with the process's memos warm (what serve pays from the second save on) and cold (memos
emptied before every round: what the first load, or a process without memos, pays).

With `--entries N`: each locale's catalog (in a temporary copy of `locales/`) gets N generated
entries (`bench_catalog_corpus.py`: realistic sentences with placeholders, plurals, links, no
markup), then one fresh process per measurement reads it the way the build does
(`load_locale_catalog`) and the way `mailglot l10n-status` does (`locale_status`, every
generated entry counted as used by the emails). Then fr_FR gets one entry whose msgstr is
`--huge-mb` MB of prose instead (0: skipped). Each line gives the CPU seconds of that read, the
process's peak memory above what it held before the read, and the number and a hash of the
findings (the same hash before and after a change: the same findings). CPU time, not wall
time, so the figures hold on a busy machine.

With `--environments`: a fresh process per round makes every locale's environment of the
project the way a build process does before its pool starts, and prints the median CPU of
each step (CLDR locale data, strict reading, Babel's parse, translation checks, injection
screen, compiling, the rest: `bench_catalog_steps.py`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_catalog_steps  # next to this script
from babel.messages.pofile import read_po
from bench_catalog_corpus import generated_catalog, huge_catalog  # next to this script

from mailglot.i18n import strict_po, untrusted
from mailglot.i18n.catalogs import catalog_files, catalog_path, load_locale_catalog
from mailglot.i18n.checks import screening
from mailglot.i18n.checks.base import Policy
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.header_widths import text_values
from mailglot.i18n.status import Used, key_of, locale_status, used_strings
from mailglot.project.loader import load_project


def forget() -> None:
    """Empty the process's memos (the ones this version has: the script also runs on the
    commits before them, for a before/after figure)."""
    for memo in (
        getattr(screening, "VERDICTS", None),
        getattr(untrusted, "form_problems", None),
        getattr(strict_po, "plural_forms_problem", None),
    ):
        clear = getattr(memo, "clear", None) or getattr(memo, "cache_clear", None)
        if clear is not None:
            clear()


def edited(text: str, round_no: int) -> str:
    """The catalog with its last non-empty msgstr changed, as one save of one entry."""
    lines = text.splitlines(keepends=True)
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith('msgstr "') and lines[i].strip() != 'msgstr ""':
            lines[i] = lines[i].rstrip().removesuffix('"') + f' {round_no}"\n'
            break
    return "".join(lines)


def measure(
    root: Path, locale: str, source: str, rounds: int, cold: bool, policy: Policy
) -> list[float]:
    files = catalog_files(root, locale, source)
    originals = {f: f.read_text(encoding="utf-8") for f in files}
    load_locale_catalog(root, locale, source, policy)
    out = []
    for n in range(rounds):
        for f, text in originals.items():
            f.write_text(edited(text, n), encoding="utf-8")
        if cold:
            forget()
        start = time.process_time()
        load_locale_catalog(root, locale, source, policy)
        out.append((time.process_time() - start) * 1000)
    return out


def reloads(args: argparse.Namespace) -> None:
    project = load_project(args.project)
    policy = project_policy(project)
    source = project.settings.source_locale
    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as tmp:
        root = Path(tmp)
        shutil.copytree(args.project / "locales", root / "locales")
        for label, cold in (("warm", False), ("cold", True)):
            ms = measure(root, args.locale, source, args.rounds, cold, policy)
            print(
                f"{args.locale} catalog reload+screen, {label}: median {statistics.median(ms):.1f} "
                f"ms CPU, mean {statistics.fmean(ms):.1f}, worst {max(ms):.1f} ({args.rounds} rounds)"
            )


def _rss_kib() -> int:
    """The process's resident memory now (Linux), in KiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() // 1024


def child(args: argparse.Namespace) -> None:
    """One measurement, in a process of its own (its peak memory is its own): read the
    locale's catalogs under `--root` as the build or as `l10n-status` does."""
    project = load_project(args.project)
    policy = project_policy(project)
    settings = project.settings
    root, locale = Path(args.root), args.locale
    if args.child == "status":
        messages = used_strings(project.root)
        with catalog_path(root, locale).open("rb") as f:
            for message in read_po(f, locale=locale):
                if message.id:
                    messages.setdefault(key_of(message), message)
        used = Used(messages, *text_values(project, locale))
    before = _rss_kib()
    start = time.process_time()
    if args.child == "build":
        found = load_locale_catalog(root, locale, settings.source_locale, policy).diagnostics
    else:
        status = locale_status(root, locale, used, settings.checks.subject_columns, policy)
        found = status.problems + status.untranslated_ids
    cpu = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    digest = hashlib.sha256(
        "\n".join(f"{d.where} {d.code} {d.severity} {d.message}" for d in found).encode()
    ).hexdigest()[:12]
    print(
        json.dumps(
            {
                "cpu": cpu,
                "peak_mib": max(0, peak - before) / 1024,
                "findings": len(found),
                "digest": digest,
            }
        )
    )


def run_child(project: Path, root: Path, locale: str, how: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", how, "--project", str(project)]
    cmd += ["--root", str(root), "--locale", locale]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(label: str, project: Path, root: Path, locale: str) -> None:
    for how in ("build", "status"):
        got = run_child(project, root, locale, how)
        print(
            f"{label:28} {how:7} {got['cpu']:8.2f} s CPU  {got['peak_mib']:7.1f} MiB peak  "
            f"{got['findings']:5} findings ({got['digest']})",
            flush=True,
        )


def at_scale(args: argparse.Namespace) -> None:
    project = args.project.resolve()
    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as tmp:
        root = Path(tmp)
        shutil.copytree(project / "locales", root / "locales")
        originals = {}
        for locale in args.locales.split(","):
            path = catalog_path(root, locale)
            originals[locale] = path.read_text(encoding="utf-8")
            path.write_text(generated_catalog(originals[locale], locale, args.entries), "utf-8")
            report(f"{locale} +{args.entries} entries", project, root, locale)
        if args.huge_mb > 0:
            path = catalog_path(root, "fr_FR")
            original = originals.get("fr_FR") or path.read_text(encoding="utf-8")
            path.write_text(huge_catalog(original, args.huge_mb), "utf-8")
            report(f"fr_FR one {args.huge_mb:g} MB msgstr", project, root, "fr_FR")


def environments(args: argparse.Namespace) -> None:
    rounds = []
    for _ in range(args.rounds):
        cmd = [sys.executable, __file__, "--child", "environments", "--project", str(args.project)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rounds.append(json.loads(done.stdout.strip().splitlines()[-1]))
    count = rounds[0]["locales"]
    whole = statistics.median(r["cpu"] for r in rounds) * 1000
    print(f"{count} locale environments, cold: median {whole:.0f} ms CPU ({len(rounds)} rounds)")
    for step in rounds[0]["steps"]:
        ms = statistics.median(r["steps"][step] for r in rounds) * 1000
        print(f"  {step:22} {ms:6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--locale", default="fr_FR")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--entries", type=int, default=0, help="generated entries per locale")
    parser.add_argument("--locales", default="fr_FR,ar_SA,ja_JP")
    parser.add_argument("--huge-mb", type=float, default=6.0)
    parser.add_argument(
        "--environments", action="store_true", help="every locale's environment, cold, by step"
    )
    parser.add_argument(
        "--child", choices=("build", "status", "environments"), help=argparse.SUPPRESS
    )
    parser.add_argument("--root", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "environments":
        bench_catalog_steps.main(str(args.project))
    elif args.child:
        child(args)
    elif args.environments:
        environments(args)
    elif args.entries:
        at_scale(args)
    else:
        reloads(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
