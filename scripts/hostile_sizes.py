#!/usr/bin/env python3
"""Render emails whose campaign data, translation or template is large and odd, at two sizes,
and say which grow faster than their input (or crash).

    .venv/bin/python scripts/hostile_sizes.py                 # every case, 50 KB and 100 KB
    .venv/bin/python scripts/hostile_sizes.py --kb 100 -k lt  # cases whose name holds "lt"
    .venv/bin/python scripts/hostile_sizes.py --profile NAME  # cProfile's top of one case

Each case is planted in a copy of the example project (a campaign value, a translation of
one string, or a template of its own) and one of its jobs is rendered in full
(`Renderer.render`: Jinja, direction, MRML, fixes, inlining, text, checks of the MJML...)
for a left-to-right and a right-to-left locale, first at the given size and then at twice
it. CPU seconds are printed with their ratio: a linear stage doubles, a quadratic one
quadruples (ratios above 3 are flagged). A traceback or a refused render is printed as it is
(a render that says what is wrong is fine; a traceback is not).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from mailglot.plan import Selection, plan_jobs  # noqa: E402
from mailglot.project.loader import load_project  # noqa: E402
from mailglot.render.pipeline import Renderer  # noqa: E402

TODAY = date(2026, 11, 1)
PARTS = ("mailglot.yaml", "templates", "campaigns", "locales", "calendars")
LOCALES = ("de_DE", "ar_SA")  # left to right, right to left


def text_values(n: int) -> dict[str, str]:
    """Values of about n characters a user or translator could type."""
    return {
        "lt": "<" * n,
        "amp": "&" * n,
        "braces": "{{" * (n // 2),
        "percent": "%" * n,
        "rlo": "\u202e" * n,
        "combining": "e" + "\u0301" * (n - 1),
        "word": "x" * n,
        "lines": "ab\n" * (n // 3),
        "comments": "<!--" * (n // 4),
        "important": "!important " * (n // 11),
        "semicolons": ";" * n,
        "spaces": "a" + " " * (n - 2) + "b",
        "quotes": "\"'" * (n // 2),
        "mixed": "<a href='x'>&amp;{{ x }}%s\u202e</a>" * (n // 30),
    }


def template_bodies(n: int) -> dict[str, str]:
    """Template bodies (inside <mj-column>) of about n characters a designer could write."""
    return {
        "tpl-deep-div": "<mj-raw>" + "<div>" * (n // 5) + "</div>" * (n // 6) + "</mj-raw>",
        "tpl-deep-wrapper": "<mj-wrapper>" * (n // 12),
        "tpl-attrs": "<mj-text " + " ".join(f"a{i}=1" for i in range(n // 7)) + ">x</mj-text>",
        "tpl-start-attrs": "<mj-text " + "align='start' " * (n // 14) + ">x</mj-text>",
        "tpl-unclosed-tag": "<mj-text " * (n // 9),
        "tpl-unclosed-quote": "<mj-text title='" * (n // 16),
        "tpl-unclosed-comment": "<!--" * (n // 4),
        "tpl-unclosed-cdata": "<![CDATA[" * (n // 9),
        "tpl-many-texts": "<mj-text>x</mj-text>" * (n // 20),
        "tpl-style-attr": f'<mj-text css-class="a" container-background-color="red">'
        f'<p style="{"a:b;" * (n // 4)}">x</p></mj-text>',
        "tpl-raw-comments": "<mj-raw>"
        + "<!--[if mso]><b>x</b><![endif]-->" * (n // 33)
        + "</mj-raw>",
    }


def copy_example(dest: Path) -> Path:
    for part in PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        else:
            shutil.copy2(src, dest / part)
    return dest


def po_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


def plant_campaign(root: Path, value: str) -> str:
    """The promo campaign's tagline (a data string) and preheader: `value`."""
    path = root / "campaigns" / "black_friday.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["data"]["strings"]["tagline"] = value
    data["preheader"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return "black_friday"


def plant_translation(root: Path, value: str) -> str:
    """The translation of "Our best offer of the year" in each locale: `value`."""
    for locale in LOCALES:
        path = root / "locales" / locale / "LC_MESSAGES" / "messages.po"
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r'(msgid "Our best offer of the year"\n)msgstr "[^\n]*"',
            lambda m: m.group(1) + "msgstr " + po_string(value),
            text,
        )
        path.write_text(text, encoding="utf-8")
    return "black_friday"


def plant_template(root: Path, body: str) -> str:
    """A campaign of its own whose template writes `body` inside a column."""
    template = (
        '{% extends "layouts/base.mjml.j2" %}{% block content %}<mj-section><mj-column>'
        + body.replace("{", "{{ '{' }}")
        + "</mj-column></mj-section>{% endblock %}"
    )
    (root / "templates" / "hostile.mjml.j2").write_text(template, encoding="utf-8")
    campaign = {
        "template": "hostile.mjml.j2",
        "markets": "all",
        "subject": "Hostile",
        "preheader": "Hostile",
        "data": {"strings": {"tagline": "x"}},
    }
    (root / "campaigns" / "hostile.yaml").write_text(yaml.safe_dump(campaign), encoding="utf-8")
    return "hostile"


class _Late(Exception):
    pass


def _late(signum: int, frame: object) -> None:
    raise _Late


def render_case(
    plant: Callable[[Path, str], str], value: str, limit: int = 0
) -> dict[str, str | float]:
    """CPU seconds of rendering the planted campaign's first job in each locale (loading the
    project and its catalogs included in the first), each given `limit` seconds at most."""
    if limit:
        signal.signal(signal.SIGALRM, _late)
    out: dict[str, str | float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_example(Path(tmp))
        campaign = plant(root, value)
        start = time.process_time()
        signal.alarm(limit)
        try:
            project = load_project(root)
            plan = plan_jobs(project, Selection(), TODAY)
        except _Late:
            return {"load": f"still running after {limit} s"}
        except Exception as exc:  # a refusal that names the problem is fine
            return {"load": f"{type(exc).__name__}: {str(exc)[:160]}"}
        finally:
            signal.alarm(0)
        jobs = [j for j in plan.jobs if j.campaign == campaign]
        refused = [f"{d.path}:{d.line}: {d.message}" for d in plan.failed.get(campaign, [])]
        renderer = Renderer(project)
        for locale in LOCALES:
            job = next((j for j in jobs if j.locale == locale), None)
            if job is None:
                out[locale] = f"no job ({refused[0][:120] if refused else 'not planned'})"
                continue
            signal.alarm(limit)
            try:
                renderer.render(job)
                out[locale] = time.process_time() - start
            except _Late:
                out[locale] = f"still running after {limit} s"
            except Exception as exc:
                kind = "traceback" if not str(exc) else type(exc).__name__
                out[locale] = f"{kind}: {str(exc)[:160]}"
                if not str(exc):
                    traceback.print_exc()
            finally:
                signal.alarm(0)
            start = time.process_time()
    return out


def cases(n: int) -> dict[str, tuple[Callable[[Path, str], str], str]]:
    found: dict[str, tuple[Callable[[Path, str], str], str]] = {}
    for name, value in text_values(n).items():
        found[f"data-{name}"] = (plant_campaign, value)
        found[f"po-{name}"] = (plant_translation, value)
    for name, body in template_bodies(n).items():
        found[name] = (plant_template, body)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=int, default=50, help="the smaller size (50)")
    parser.add_argument("-k", default="", help="only cases whose name holds this")
    parser.add_argument("--profile", metavar="NAME", help="profile this case at --kb")
    parser.add_argument("--limit", type=int, default=120, help="seconds a render may take")
    args = parser.parse_args()
    n = args.kb * 1000
    small, large = cases(n), cases(2 * n)
    if args.profile:
        plant, value = small[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        print(render_case(plant, value))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return 0
    flagged = 0
    for name in small:
        if args.k not in name:
            continue
        a = render_case(*small[name], limit=args.limit)
        b = render_case(*large[name], limit=args.limit)
        cells = []
        for key in a:
            x, y = a[key], b.get(key)
            if isinstance(x, float) and isinstance(y, float):
                ratio = y / x if x > 0.02 else 0.0
                mark = "  <-- super-linear?" if ratio > 3 else ""
                flagged += bool(mark)
                cells.append(f"{key} {x:6.2f} s -> {y:6.2f} s{mark}")
            else:
                cells.append(f"{key} {x} | {y}")
        print(f"{name:24s} " + "; ".join(cells), flush=True)
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
