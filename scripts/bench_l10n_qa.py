"""Translation QA against its peers: which planted translator fault each tool catches.

    .venv/bin/python scripts/bench_l10n_qa.py            # planted corpus (69 faults, 5 locales)
    .venv/bin/python scripts/bench_l10n_qa.py --django   # plus Django's own catalogs

Copies the example project to a temporary folder, adds the strings of the corpus' EXTRA lists
to five catalogs (fr_FR, de_DE, es_MX, ja_JP, ar_SA) and makes the copy's emails use them, and
runs `mailglot l10n-status --json`, Translate Toolkit's `pofilter` and GNU `msgfmt -c` twice: on
the clean catalogs (every finding there is noise) and with the faults planted, one per catalog
entry, so a finding on that entry counts as catching it. The faults: bench_l10n_qa_corpus.py
(syntax and markup: numbers, URLs, placeholders, plural forms, tags...) and
bench_l10n_qa_corpus_reading.py (what a reader sees: lookalike letters, double spaces, numbers
read as another value, brand names). pofilter is installed into its own virtual environment in
the temporary folder (never a mailglot dependency); msgfmt comes from the gettext package.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import bench_l10n_qa_corpus as syntax
import bench_l10n_qa_corpus_reading as reading
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bench_l10n_qa_corpus import LOCALES, Fault
from bench_l10n_qa_django import run_django

from mailglot.i18n.extract import drop_false_python_format

REPO = Path(__file__).resolve().parent.parent
EXTRA = syntax.EXTRA + reading.EXTRA
# The faults by the part of the corpus they come from, in the order the table shows them.
CORPUS = {"syntax and markup": syntax.FAULTS, "what a reader sees": reading.FAULTS}
FAULTS = [fault for faults in CORPUS.values() for fault in faults]
PARTS = ("mailglot.yaml", "templates", "campaigns", "locales", "calendars")
Key = tuple[str, object, str]  # (locale, msgid, what the tool said: code or check name)


@dataclass
class Run:
    """Entries each tool flagged, and how many findings it printed in all."""

    flagged: dict[str, set[Key]]
    counts: Counter[str]


def peers_venv(base: Path) -> Path:
    """A virtual environment with Translate Toolkit, created once next to the work folders."""
    venv = base / "peers-venv"
    pofilter = venv / "bin" / "pofilter"
    if not pofilter.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "-q", "translate-toolkit"]
        subprocess.run(pip, check=True)
    return venv


def po_path(root: Path, locale: str) -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "messages.po"


def read(path: Path, locale: str) -> Catalog:
    """Quietly: Babel prints a warning for the planted extra plural form."""
    with path.open("rb") as fh, contextlib.redirect_stdout(io.StringIO()):
        return read_po(fh, locale=locale)


def write(path: Path, catalog: Catalog) -> None:
    """As `mailglot update` writes: YAML strings like '40% off' are not python-format."""
    drop_false_python_format(catalog)
    buf = io.BytesIO()
    write_po(buf, catalog, width=100)
    path.write_bytes(buf.getvalue())


def make_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PARTS:
        src = REPO / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    settings = dest / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("keep_as_is: [", "keep_as_is: [Streamly Inc., Main Street, Springfield, "),
        encoding="utf-8",
    )
    _use_extra(dest)
    for locale in LOCALES:
        catalog = read(po_path(dest, locale), locale)
        for msgid, where, translations in EXTRA:
            flags = ["python-format"] if where.startswith("templates/") and "%" in msgid else []
            catalog.add(msgid, translations[locale], [(where, 1)], flags=flags)
        write(po_path(dest, locale), catalog)
    return dest


def _use_extra(dest: Path) -> None:
    """Make the emails use the strings of EXTRA, as the location each names says (a template
    or a campaign), so they are live entries and not `l10n.stale` ones: a template the copy
    gains, and `data.strings` values of the Black Friday campaign."""
    in_templates = [m for m, where, _ in EXTRA if where.startswith("templates/")]
    in_yaml = [m for m, where, _ in EXTRA if not where.startswith("templates/")]
    template = dest / "templates" / "partials" / "bench_extra.mjml.j2"
    template.write_text(
        "".join(f"{{{{ _({json.dumps(m, ensure_ascii=False)}) }}}}\n" for m in in_templates),
        encoding="utf-8",
    )
    campaign = dest / "campaigns" / "black_friday.yaml"
    text = campaign.read_text(encoding="utf-8")
    added = "".join(
        f"    bench_extra_{i}: {json.dumps(m, ensure_ascii=False)}\n" for i, m in enumerate(in_yaml)
    )
    if text.count("\n  strings:\n") != 1:
        raise SystemExit(f"{campaign.name}: expected one `data.strings` block to add to")
    campaign.write_text(text.replace("\n  strings:\n", "\n  strings:\n" + added), encoding="utf-8")


def plant(root: Path, faults: list[Fault]) -> None:
    """Each fault applied to its entry. Every fault is tried before any file is written, and
    a fault that no longer fits the catalogs (its msgid changed, or the words it alters are no
    longer in the translation) is named with all the others that fail, then the run stops."""
    planted: list[tuple[Path, Catalog, list[tuple[str, int, list[str]]]]] = []
    errors: list[str] = []
    for locale in LOCALES:
        path = po_path(root, locale)
        catalog = read(path, locale)
        extra: list[tuple[str, int, list[str]]] = []  # forms beyond nplurals: Babel drops them
        for fault in (f for f in faults if f.locale == locale):
            try:
                extra += _apply(catalog, fault)
            except FaultError as error:
                errors.append(f"{path.relative_to(root)}: {error}")
        planted.append((path, catalog, extra))
    if errors:
        raise SystemExit(
            f"{len(errors)} planted fault(s) no longer fit the example's catalogs "
            "(update them in scripts/bench_l10n_qa_corpus*.py):\n" + "\n".join(errors)
        )
    for path, catalog, extra in planted:
        write(path, catalog)
        for plural_id, first, forms in extra:
            _append_forms(path, plural_id, first, forms)


class FaultError(Exception):
    """A planted fault that cannot be applied to the catalog as it now is."""


def _apply(catalog: Catalog, fault: Fault) -> list[tuple[str, int, list[str]]]:
    """Plant `fault` in `catalog`; returns the plural forms to append beyond nplurals."""
    message = catalog.get(fault.msgid)
    if message is None or not message.id:
        raise FaultError(f"fault {fault.what!r} ({fault.locale}): {_gone(catalog, fault.msgid)}")
    name = f"fault {fault.what!r} ({fault.locale}) on {fault.msgid!r}"
    if isinstance(fault.change, tuple) != isinstance(message.string, tuple):
        plural = "has" if isinstance(message.string, tuple) else "has no"
        raise FaultError(f"{name}: the entry {plural} plural forms (one change per form)")
    try:
        if not isinstance(fault.change, tuple):
            message.string = fault.change(message.string)
            return []
        forms = list(message.string) + [""] * (len(fault.change) - len(message.string))
        new = [c(s) for c, s in zip(fault.change, forms, strict=True)]
    except ValueError as error:
        raise FaultError(f"{name}: {error}") from None
    message.string = tuple(new[: catalog.num_plurals])
    if len(new) <= catalog.num_plurals:
        return []
    return [(message.id[1], catalog.num_plurals, new[catalog.num_plurals :])]


def _gone(catalog: Catalog, msgid: str | tuple[str, str]) -> str:
    """The message for a msgid the catalog lacks, with the closest one it has."""
    wanted = msgid if isinstance(msgid, str) else msgid[0]
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id]
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    hint = f"; closest msgid there: {close[0]!r}" if close else ""
    return f"msgid {wanted!r} is not in the catalog{hint}"


def _append_forms(path: Path, msgid_plural: str, first: int, forms: list[str]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index(f'msgid_plural "{msgid_plural}"\n') + 1
    while at < len(lines) and lines[at].startswith(("msgstr", '"')):
        at += 1
    new = [f'msgstr[{first + i}] "{form}"\n' for i, form in enumerate(forms)]
    path.write_text("".join(lines[:at] + new + lines[at:]), encoding="utf-8")


def entry_at(catalog: Catalog, line: int) -> object:
    """The msgid of the entry a line belongs to (the last msgid at or before it)."""
    best, best_line = None, 0
    for message in catalog:
        if message.id and best_line < message.lineno <= line:
            best, best_line = message.id, message.lineno
    return best


def run_mailglot(root: Path) -> tuple[set[Key], int]:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "mailglot"), "--project", str(root), "l10n-status",
         "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    data = json.loads(result.stdout)
    flagged, count = set(), 0
    for status in data["locales"]:
        if status["locale"] not in LOCALES:
            continue
        catalog = read(po_path(root, status["locale"]), status["locale"])
        for problem in status["problems"]:
            count += 1
            if problem["line"]:
                flagged.add((status["locale"], entry_at(catalog, problem["line"]), problem["code"]))
    return flagged, count


def run_pofilter(root: Path, venv: Path) -> tuple[set[Key], int]:
    flagged, count = set(), 0
    for locale in LOCALES:
        out = root / f"pofilter-{locale}.po"
        language = locale.split("_")[0]
        subprocess.run(
            [str(venv / "bin" / "pofilter"), "--progress=none", f"--language={language}",
             "-i", str(po_path(root, locale)), "-o", str(out)],
            check=False, capture_output=True,
        )  # fmt: skip
        text = out.read_text(encoding="utf-8") if out.exists() else ""
        count += text.count("# (pofilter) ")
        with contextlib.redirect_stdout(io.StringIO()):  # Babel warns on the planted forms
            messages = list(read_po(io.StringIO(text)))
        for message in messages:
            for comment in message.user_comments if message.id else []:
                if comment.startswith("(pofilter) "):
                    check = comment.removeprefix("(pofilter) ").split(":")[0]
                    flagged.add((locale, message.id, check))
    return flagged, count


MSGFMT_LINE = re.compile(r"^[^:]+\.po:(\d+): ")


def run_msgfmt(root: Path) -> tuple[set[Key], int]:
    flagged, count = set(), 0
    for locale in LOCALES:
        path = po_path(root, locale)
        result = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        catalog = read(path, locale)
        for line in result.stderr.splitlines():
            m = MSGFMT_LINE.match(line)
            if m and "fatal error" not in line:
                count += 1
                what = re.sub(r"\d+", "N", line[m.end() :])
                flagged.add((locale, entry_at(catalog, int(m.group(1))), what))
    return flagged, count


def run_all(root: Path, venv: Path) -> Run:
    flagged, counts = {}, Counter()
    for name, (found, n) in (
        ("mailglot", run_mailglot(root)),
        ("pofilter", run_pofilter(root, venv)),
        ("msgfmt -c", run_msgfmt(root)),
    ):
        flagged[name], counts[name] = found, n
    return Run(flagged, counts)


def _caught(fault: Fault, tool: str, clean: Run, faulty: Run) -> bool:
    """A finding on the fault's entry that the clean catalog did not already have (the same
    entry may carry another, unrelated finding before the fault is planted)."""

    def said(run: Run) -> set[str]:
        return {
            w for loc, msgid, w in run.flagged[tool] if (loc, msgid) == (fault.locale, fault.msgid)
        }

    return bool(said(faulty) - said(clean))


def report(clean: Run, faulty: Run) -> None:
    tools = list(faulty.flagged)
    print("| # | locale | fault | " + " | ".join(tools) + " |")
    print("|---|---|---|" + "---|" * len(tools))
    caught: dict[str, Counter[str]] = {part: Counter() for part in CORPUS}
    number = 0
    for part, faults in CORPUS.items():
        for fault in faults:
            number += 1
            hits = [_caught(fault, tool, clean, faulty) for tool in tools]
            caught[part].update(t for t, hit in zip(tools, hits, strict=True) if hit)
            marks = " | ".join("yes" if hit else "-" for hit in hits)
            print(f"| {number} | {fault.locale} | {fault.what} | {marks} |")
    for part, faults in CORPUS.items():
        counts = " | ".join(str(caught[part][t]) for t in tools)
        print(f"| | | caught of {len(faults)} ({part}) | {counts} |")
    total = " | ".join(f"**{sum(caught[p][t] for p in CORPUS)}**" for t in tools)
    print(f"| | | **caught of {len(FAULTS)}** | {total} |")
    noise = " | ".join(str(clean.counts[t]) for t in tools)
    print(f"| | | findings on the clean catalogs (noise) | {noise} |")
    missed = [
        (i, tool)
        for i, fault in enumerate(FAULTS, 1)
        for tool in tools[1:]
        if _caught(fault, tool, clean, faulty) and not _caught(fault, "mailglot", clean, faulty)
    ]
    print(f"\nfaults a peer catches and mailglot misses: {missed or 'none'}")


def check_corpus() -> None:
    keys = Counter((f.locale, f.msgid) for f in FAULTS)
    doubled = [k for k, n in keys.items() if n > 1]
    if doubled:
        raise SystemExit(f"one fault per entry, please: {doubled}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--django", action="store_true", help="also run on Django's catalogs")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    check_corpus()
    work = Path(tempfile.mkdtemp(prefix="mailglot-l10n-qa-"))
    try:
        venv = peers_venv(Path(tempfile.gettempdir()) / "mailglot-l10n-qa")
        clean = run_all(make_project(work / "clean"), venv)
        faulty_root = make_project(work / "faulty")
        plant(faulty_root, FAULTS)
        faulty = run_all(faulty_root, venv)
        report(clean, faulty)
        if args.django:
            run_django(work / "django", venv)
    finally:
        if args.keep:
            print(f"\nwork folder: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
