"""Keep every locale's catalog in step with the template, as `msgmerge` and `pybabel update` do.

New strings are added untranslated, removed ones become obsolete (`#~`, kept for reuse), and
a changed msgid becomes fuzzy with the previous translation kept, so the translator sees
what to review instead of starting over. Catalogs are written whole or not at all.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from mailglot.errors import UsageError
from mailglot.i18n.catalogs import catalog_path
from mailglot.i18n.extract import TEMPLATE_FILE, drop_false_python_format
from mailglot.i18n.locales import validate_locale_code
from mailglot.output import atomic_write


@dataclass(frozen=True)
class Merged:
    locale: str
    added: int
    fuzzy: int
    obsolete: int
    written: bool


def read_template(root: Path) -> Catalog:
    path = root / TEMPLATE_FILE
    if not path.is_file():
        raise UsageError(f"no {TEMPLATE_FILE}: run `mailglot extract` first")
    with path.open("rb") as fh:
        return read_po(fh)


def _write(root: Path, path: Path, catalog: Catalog) -> bool:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_previous=True)
    return atomic_write(path, buf.getvalue(), root)


def update_locale(root: Path, locale: str, template: Catalog) -> Merged:
    path = catalog_path(root, locale)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    before = {m.id for m in catalog if m.id}
    was_fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
    catalog.update(template, update_header_comment=False)
    drop_false_python_format(catalog)
    after = {m.id for m in catalog if m.id}
    fuzzy = {m.id for m in catalog if m.id and m.fuzzy} - was_fuzzy
    added = len(after - before) - len(fuzzy)
    written = _write(root, path, catalog)
    return Merged(locale, added, len(fuzzy), len(catalog.obsolete), written)


def update_all(root: Path, locales: list[str]) -> list[Merged]:
    template = read_template(root)
    return [
        update_locale(root, loc, template) for loc in locales if catalog_path(root, loc).is_file()
    ]


def add_locale(root: Path, locale: str, team: str = "") -> Path:
    """A new catalog with the language's plural rule in its header (Babel knows them all)."""
    try:
        validate_locale_code(locale)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = catalog_path(root, locale)
    if path.exists():
        raise UsageError(f"{path.relative_to(root)} exists already; `mailglot update` refreshes it")
    template = read_template(root)
    catalog = Catalog(
        locale=Locale.parse(locale),
        project=template.project,
        language_team=team or None,
        fuzzy=False,
    )
    catalog.update(template)
    drop_false_python_format(catalog)
    _write(root, path, catalog)
    return path
