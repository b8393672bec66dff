#!/usr/bin/env python3
"""Measure what a catalog save costs `mailglot serve`: reading and screening one locale's
catalog again, in one process, as serve does after each save of a `.po` file.

    .venv/bin/python scripts/bench_catalog.py [--project .] [--locale fr_FR] [--rounds 50]

Each round first changes one translation in a temporary copy of the locale's catalog (a
translator's save), then loads it as the build does (strict reading, Babel, the translation
checks, the injection screen, compiling). Reports the CPU milliseconds per reload: with the
process's memos warm (what serve pays from the second save on) and cold (memos emptied before
every round: what the first load, or a process without memos, pays). CPU time, not wall time,
so the figure holds on a busy machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from mailglot.i18n import strict_po, untrusted
from mailglot.i18n.catalogs import catalog_files, load_locale_catalog
from mailglot.i18n.checks import screening
from mailglot.i18n.checks.base import Policy
from mailglot.i18n.checks.policy import project_policy
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path("."))
    parser.add_argument("--locale", default="fr_FR")
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
