"""What making a project's locale environments costs, step by step, in a fresh process.

Used by `bench_catalog.py --environments`. A build process makes the environment of every
locale whose jobs span more than one batch before its pool starts (`runner.shared_locales`;
on a large build, every locale), one after another: that CPU adds to the build's wall time
whole. Each step below is timed exclusively (a step's figure leaves out the steps timed inside
it), with `time.process_time` and no profiler, whose cost per call skews a split of many small
calls:

- `CLDR locale data`: Babel loading a locale's data (`babel.localedata.load`), wherever it is
  first asked for: the catalog's plural check (`plural_rules.plural_counts`), the language's
  display name (`locale_info`), the formatting filters;
- `strict reading`: `strict_po.inspect_po` (decoding, line shapes, escapes, header checks);
- `Babel parse`: Babel's `PoFileParser` on the inspected text;
- `translation checks`: `checks.screen_catalog` (every check of every translated entry);
- `injection screen`: `untrusted.screen_untrusted`;
- `compile`: the catalog written as MO and read back by gettext (`catalogs._compile`);
- `the rest`: everything else `locale_environment` does (Jinja environment, filters...).
"""

from __future__ import annotations

import functools
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

STEPS = (
    ("CLDR locale data", "babel.localedata", "load"),
    ("strict reading", "mailglot.i18n.catalogs", "inspect_po"),
    ("Babel parse", "mailglot.i18n.catalogs", "_Parser.parse"),
    ("translation checks", "mailglot.i18n.catalogs", "screen_catalog"),
    ("injection screen", "mailglot.i18n.catalogs", "screen_untrusted"),
    ("compile", "mailglot.i18n.catalogs", "_compile"),
)


class Exclusive:
    """CPU per label, each call's time less the time of the timed calls made inside it."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []  # per open call: CPU of the timed calls inside it

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                whole = time.process_time() - started
                inner = self._inner.pop()
                self.spent[label] += whole - inner
                if self._inner:
                    self._inner[-1] += whole

        return timed


def install(timer: Exclusive) -> None:
    import importlib

    for label, module_name, name in STEPS:
        owner: Any = importlib.import_module(module_name)
        *path, attr = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, attr, timer.wrap(label, getattr(owner, attr)))


def measure(project_dir: Path) -> dict[str, Any]:
    """Make each locale's environment as the build process does before its pool starts
    (sorted by locale and market, the order of `runner.shared_locales`); its CPU by step."""
    from mailglot.project.loader import load_project
    from mailglot.render.pipeline import Renderer

    project = load_project(project_dir)
    renderer = Renderer(project)
    pairs = sorted(
        (locale, code) for code, market in project.markets.items() for locale in market.locales
    )
    timer = Exclusive()
    install(timer)
    started = time.process_time()
    for locale, market in pairs:
        renderer.environment(locale, market)
    whole = time.process_time() - started
    steps = {label: timer.spent.get(label, 0.0) for label, _, _ in STEPS}
    steps["the rest"] = whole - sum(steps.values())
    return {"locales": len(pairs), "cpu": whole, "steps": steps}


def main(project_dir: str) -> None:
    print(json.dumps(measure(Path(project_dir))))
