#!/usr/bin/env python3
"""CPU a job pays for an imported template whose module Jinja keeps: the kept module's lookups
are given to each job that reuses it (mailglot.render.imported), so its cost is per import.

    .venv/bin/python scripts/bench_imports.py

Prints, best of 7 (`time.process_time` and `timeit`), the render of a template with no import,
of one with an `{% import %}` of a partial setting three translated strings, and one reuse of
the kept module alone (`Template._get_default_module`). Run it with PYTHONPATH pointing at
another checkout's `src` to compare two versions of the code.
"""

from __future__ import annotations

import tempfile
import time
import timeit
from pathlib import Path

from mailglot.i18n.environment import locale_environment

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Hello"
msgstr "Bonjour"

msgid "Watch now"
msgstr "Regarder"

msgid "Your code"
msgstr "Votre code"
"""
TEMPLATES = {
    "labels.j2": '{% set a = _("Watch now") %}{% set b = _("Hello") %}{% set c = _("Your code") %}',
    "imported.j2": '{% import "labels.j2" as l %}{{ l.a }}{{ l.b }}',
    "plain.j2": '{{ "Regarder" }}{{ "Bonjour" }}',
}
JOBS = 20_000


def main() -> None:
    root = Path(tempfile.mkdtemp())
    po = root / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    (root / "templates").mkdir()
    for name, source in TEMPLATES.items():
        (root / "templates" / name).write_text(source, encoding="utf-8")
    lenv = locale_environment(root, "fr_FR", "en_US", "EUR", "Europe/Paris")
    for name in ("plain.j2", "imported.j2"):
        template = lenv.env.get_template(name)
        best = float("inf")
        for _ in range(7):
            started = time.process_time()
            for _ in range(JOBS):
                lenv.catalog.start_job()
                template.render()
                lenv.catalog.recorder.take_missing()
            best = min(best, (time.process_time() - started) / JOBS)
        print(f"{name:12} {best * 1e6:6.2f} us per job")
    labels = lenv.env.get_template("labels.j2")
    n = 200_000
    reuse = min(timeit.repeat(labels._get_default_module, number=n, repeat=7)) / n
    print(f"kept module reused: {reuse * 1e9:.0f} ns")


if __name__ == "__main__":
    main()
