"""The three QA tools on a real catalog set: Django's own translations (about 100 languages),
from the wheel on PyPI. Prints findings per tool and check, and a seeded random sample of each
tool's findings (source, translation, what it said) to judge true or false by hand.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog

from mailglot.errors import Diagnostic
from mailglot.i18n.catalogs import read_catalog
from mailglot.i18n.checks import Policy, check_message

SAMPLE = 12


def fetch_django(work: Path, venv: Path) -> list[Path]:
    work.mkdir(parents=True, exist_ok=True)
    pip = [str(venv / "bin" / "pip"), "download", "-q", "--no-deps", "-d", str(work), "django"]
    subprocess.run(pip, check=True)
    wheel = next(work.glob("Django-*.whl"), None) or next(work.glob("django-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = [
            n
            for n in zf.namelist()
            if re.fullmatch(r"django/conf/locale/[^/]+/LC_MESSAGES/django\.po", n)
        ]
        zf.extractall(work / "src", names)
    print(f"\n## Django ({wheel.name}): {len(names)} catalogs of django/conf/locale")
    return sorted((work / "src").glob("django/conf/locale/*/LC_MESSAGES/django.po"))


def _read(path: Path, root: Path, locale: str) -> tuple[Catalog | None, list[Diagnostic]]:
    """mailglot's reader: what it cannot trust in the file is a finding too."""
    try:
        return read_catalog(path, root, locale)
    except (UnknownLocaleError, ValueError):
        return read_catalog(path, root, "en")


def mailglot_findings(files: list[Path], root: Path) -> list[tuple[str, str, str, str]]:
    out = []
    for path in files:
        locale = path.parent.parent.name
        catalog, problems = _read(path, root, locale)
        out += [(locale, d.code, d.message[:70], "") for d in problems]
        if catalog is None:
            continue
        policy = Policy(locale=locale, source_locale="en_US")
        for message in catalog:
            if (
                not message.id
                or message.fuzzy
                or not any(
                    message.string if isinstance(message.string, tuple) else [message.string]
                )
            ):
                continue
            for d in check_message(message, catalog, path.name, policy):
                out.append((locale, d.code, str(message.id)[:70], str(message.string)[:70]))
    return out


def pofilter_findings(files: list[Path], venv: Path, work: Path) -> list[tuple[str, str, str, str]]:
    from babel.messages.pofile import read_po

    out = []
    for path in files:
        locale = path.parent.parent.name
        dest = work / f"pofilter-{locale}.po"
        subprocess.run(
            [str(venv / "bin" / "pofilter"), "--progress=none", f"--language={locale}",
             "-i", str(path), "-o", str(dest)],
            check=False, capture_output=True,
        )  # fmt: skip
        if not dest.exists():
            continue
        with dest.open("rb") as fh, contextlib.redirect_stdout(io.StringIO()):
            for message in read_po(fh):
                for c in message.user_comments if message.id else []:
                    if c.startswith("(pofilter) "):
                        check = c.removeprefix("(pofilter) ").split(":")[0]
                        out.append((locale, check, str(message.id)[:70], str(message.string)[:70]))
    return out


def msgfmt_findings(files: list[Path]) -> list[tuple[str, str, str, str]]:
    out = []
    for path in files:
        locale = path.parent.parent.name
        result = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        for line in result.stderr.splitlines():
            m = re.match(r"^[^:]+\.po:(\d+): (.*)", line)
            if m:
                out.append((locale, re.sub(r"\d+", "N", m.group(2))[:60], f"line {m.group(1)}", ""))
    return out


def show(tool: str, found: list[tuple[str, str, str, str]], per_code: int = 0) -> None:
    """Counts per check, then a seeded sample: `per_code` of each check, or SAMPLE in all."""
    by_code = Counter(code for _, code, _, _ in found)
    print(f"\n### {tool}: {len(found)} findings in {len({f[0] for f in found})} catalogs")
    for code, n in by_code.most_common(12):
        print(f"- {code}: {n}")
    rng = random.Random(12)
    if per_code:
        sample = [
            f
            for code in by_code
            for f in rng.sample([f for f in found if f[1] == code], min(per_code, by_code[code]))
        ]
    else:
        sample = rng.sample(found, min(SAMPLE, len(found)))
    print(f"\nsample ({len(sample)}, seed 12):")
    for locale, code, msgid, msgstr in sample:
        print(f"- [{locale}] {code}: {msgid!r} -> {msgstr!r}")


def run_django(work: Path, venv: Path) -> None:
    files = fetch_django(work, venv)
    with contextlib.redirect_stdout(io.StringIO()):  # Babel prints on bad plural counts
        found = mailglot_findings(files, work / "src")
    show("mailglot", found, per_code=2)
    show("pofilter", pofilter_findings(files, venv, work))
    show("msgfmt -c", msgfmt_findings(files))
