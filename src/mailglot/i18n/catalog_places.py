"""Catalog files that are not where mailglot reads them.

A locale's catalog is read at `locales/<locale>/LC_MESSAGES/messages.po` only. A TMS export
often names the folder `es-MX`, or drops the file straight into `locales/ja_JP/`: those files
are found here so `l10n-status` can name them and say where they must go (nothing is moved),
instead of suggesting `add-locale`, which would start an empty catalog next to the real one.
A catalog folder of a locale the project does not list is found here too: no email reads it.
And `locales` itself must be a folder: a file of that name is one error for every command.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path

from mailglot.errors import ContentError, Diagnostic
from mailglot.i18n.catalog_paths import catalog_path
from mailglot.i18n.locales import fallback_chain

LIMIT = 20  # .po files looked at under one folder: a catalog folder holds one or two
LOCALES_DIR = "locales"


def require_locales_folder(root: Path) -> None:
    """Stop the command when `locales` is there but is no folder. A file of that name was
    read as 'no catalogs': a build made every email in the source language with a warning per
    locale, replacing the translated ones, and `update` asked for an `extract` that could not
    write. A missing `locales` stays what it was (no catalogs yet)."""
    path = root / LOCALES_DIR
    if not os.path.lexists(path) or path.is_dir():
        return
    if path.is_symlink() and not path.exists():
        found = f"a link to {os.readlink(path)}, which does not exist"
    else:
        found = "a file" if path.is_file() else "something that is not a folder"
    problem = (
        f"expected a folder holding each locale's catalog ({LOCALES_DIR}/<locale>/LC_MESSAGES/"
        f"messages.po) and the template ({LOCALES_DIR}/messages.pot), found {found}"
    )
    raise ContentError([Diagnostic(f"{LOCALES_DIR}/", None, "schema", "error", problem)])


def _norm(name: str) -> str:
    """`es-MX`, `es_mx` and `ES_MX` name the same locale; so does `es_MX.UTF-8`."""
    return name.split(".", 1)[0].split("@", 1)[0].replace("-", "_").casefold()


def _po_files(folder: Path) -> list[Path]:
    """The .po files of a catalog folder, its own and its LC_MESSAGES' (a few, sorted)."""
    found: list[Path] = []
    for where in (folder, folder / "LC_MESSAGES"):
        try:
            found += sorted(p for p in where.iterdir() if p.suffix == ".po" and p.is_file())
        except OSError:
            continue
    return found[:LIMIT]


def _entries(locales_dir: Path) -> list[Path]:
    try:
        return sorted(locales_dir.iterdir())
    except OSError:
        return []


def misplaced_catalogs(root: Path, locale: str) -> list[Path]:
    """The .po files that look like `locale`'s catalog but are not at `catalog_path`:
    `locales/es-MX/LC_MESSAGES/messages.po`, `locales/ja_JP/messages.po`,
    `locales/fr_FR/LC_MESSAGES/fr_FR.po`, `locales/de_DE.po`."""
    expected = catalog_path(root, locale)
    want = _norm(locale)
    found: list[Path] = []
    for entry in _entries(root / "locales"):
        if entry.is_dir() and _norm(entry.name) == want:
            found += [p for p in _po_files(entry) if p != expected]
        elif entry.is_file() and entry.suffix == ".po" and _norm(entry.stem) == want:
            found.append(entry)
    return found


def unlisted_catalogs(root: Path, locales: Iterable[str], ignore: Collection[Path]) -> list[Path]:
    """One .po file of each folder under locales/ that is no listed locale's: neither a
    locale of the project nor a catalog its locales fall back to (`locales/pt/` for pt_BR),
    and not a misplaced catalog of one (`ignore`)."""
    read = {code for locale in locales for code in fallback_chain(locale)}
    known = {_norm(code) for code in read}
    out = []
    for entry in _entries(root / "locales"):
        if not entry.is_dir() or _norm(entry.name) in known:
            continue
        files = [p for p in _po_files(entry) if p not in ignore]
        if files:
            expected = catalog_path(root, entry.name)
            out.append(expected if expected in files else files[0])
    return out
