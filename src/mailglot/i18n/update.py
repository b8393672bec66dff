"""Keep every locale's catalog in step with the template, as `msgmerge` and `pybabel update` do.

New strings are added untranslated, removed ones become obsolete (`#~`, kept for reuse), and
a changed msgid becomes fuzzy with the previous translation kept, so the translator sees
what to review instead of starting over. Catalogs are written whole or not at all.

A catalog is only rewritten when it reads cleanly (`strict_po`): rewriting one with a broken
line would drop or shorten that entry for good. And what Babel reads as comments (`#|`
previous msgids) is put back as previous msgids, so a second update changes nothing.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, unescape, write_po

from mailglot.containment import link_out, outside_project
from mailglot.errors import ContentError, Diagnostic, UsageError
from mailglot.folders import blocking_folder, folder_diagnostic, not_a_file
from mailglot.i18n.catalog_paths import catalog_path, catalog_present, not_a_catalog
from mailglot.i18n.extract import TEMPLATE_FILE, drop_false_python_format
from mailglot.i18n.locales import locale_info, validate_locale_code
from mailglot.i18n.strict_po import inspect_po, read_inspected
from mailglot.output import atomic_write


@dataclass(frozen=True)
class Merged:
    locale: str
    added: int
    fuzzy: int
    obsolete: int
    written: bool


def read_template(root: Path) -> Catalog:
    """The template as `extract` wrote it. `extract` writes none while a source cannot be
    read, so its messages are all the project's and an update obsoletes only strings that
    are really gone: no second extraction here to check it."""
    path = root / TEMPLATE_FILE
    try:
        if not path.is_file():
            raise UsageError(f"no {TEMPLATE_FILE}: run `mailglot extract` first")
        with path.open("rb") as fh:
            return read_po(fh)
    except OSError as exc:
        raise ContentError([_unreadable(root, path, exc)]) from None


def _unreadable(root: Path, path: Path, exc: OSError) -> Diagnostic:
    """A file that cannot be read, or the folder on its way that cannot be looked into
    (`chmod 000 locales` blamed locales/messages.pot, which a chmod of it would not fix)."""
    blocked = blocking_folder(root, path)
    if blocked is not None:
        return folder_diagnostic(*blocked)
    rel = path.relative_to(root).as_posix()
    return Diagnostic(rel, None, "catalog.syntax", "error", f"cannot read: {exc.strerror or exc}")


def _write(root: Path, path: Path, catalog: Catalog) -> bool:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_previous=True)
    return atomic_write(path, buf.getvalue(), root)


_PREVIOUS = re.compile(r'^\|\s*(msgctxt|msgid_plural|msgid)?\s*(".*")\s*$')


def _restore_previous(catalog: Catalog) -> None:
    """Babel reads `#| msgid "..."` as a translator comment and would write it back as
    `# | msgid`; turn such comments back into the previous msgid Babel writes as `#|`."""
    for message in catalog:
        kept, previous, field = [], {"msgid": "", "msgid_plural": ""}, None
        for comment in message.user_comments:
            m = _PREVIOUS.match(comment)
            if m is None or (m.group(1) is None and field is None):
                kept.append(comment)
                continue
            field = m.group(1) or field
            if field in previous:
                previous[field] += unescape(m.group(2))
        if len(kept) == len(message.user_comments):
            continue
        message.user_comments = kept
        if previous["msgid"] and not message.previous_id:
            message.previous_id = [v for v in previous.values() if v]


def read_for_update(root: Path, locale: str) -> tuple[Catalog | None, list[Diagnostic]]:
    """The catalog as Babel reads it, or the problems that forbid rewriting it."""
    path = catalog_path(root, locale)
    rel = path.relative_to(root).as_posix()
    target = link_out(root, path)
    if target is not None:  # never read, never written through
        return None, [Diagnostic(rel, None, "catalog.syntax", "error", outside_project(target))]
    try:
        data = path.read_bytes()
    except (IsADirectoryError, NotADirectoryError):  # it was passed over without a word
        return None, [not_a_catalog(root, path)]
    except OSError as exc:
        return None, [_unreadable(root, path, exc)]
    seen = inspect_po(data, rel)
    # a warning does not stop an update, but a file read in another charset than it declares
    # would be written back in the declared one
    if any(p.severity == "error" or p.code == "catalog.charset" for p in seen.problems):
        return None, seen.problems
    catalog = read_inspected(seen, locale)  # a file without a header: gettext's rule
    _restore_previous(catalog)
    return catalog, []


def update_locale(root: Path, locale: str, template: Catalog, catalog: Catalog) -> Merged:
    path = catalog_path(root, locale)
    before = {m.id for m in catalog if m.id}
    was_fuzzy = {m.id for m in catalog if m.id and m.fuzzy}
    previous = {(m.id, m.context): m.previous_id for m in catalog if m.fuzzy and m.previous_id}
    catalog.update(template, update_header_comment=False)
    for m in catalog:  # Babel forgets them on entries that stay fuzzy; msgmerge keeps them
        if m.fuzzy and not m.previous_id and (m.id, m.context) in previous:
            m.previous_id = previous[(m.id, m.context)]
    drop_false_python_format(catalog)
    after = {m.id for m in catalog if m.id}
    fuzzy = {m.id for m in catalog if m.id and m.fuzzy} - was_fuzzy
    added = len(after - before) - len(fuzzy)
    written = _write(root, path, catalog)
    return Merged(locale, added, len(fuzzy), len(catalog.obsolete), written)


def update_all(root: Path, locales: list[str]) -> list[Merged]:
    """Every catalog is read first: if one cannot be read cleanly, none is rewritten (exit 1,
    each problem at its `.po` line), so an update never half-happens."""
    template = read_template(root)
    catalogs, problems = {}, []
    for loc in locales:
        if catalog_present(root, catalog_path(root, loc)):  # a folder there too: it is named
            catalog, found = read_for_update(root, loc)
            problems += found
            catalogs[loc] = catalog
    if problems:
        problems.append(
            Diagnostic(
                problems[0].path,
                None,
                "catalog.syntax",
                "error",
                "no catalog was updated: fix the lines above first (an update would lose them)",
            )
        )
        raise ContentError(problems)
    return [
        update_locale(root, loc, template, catalog)
        for loc, catalog in catalogs.items()
        if catalog is not None
    ]


def add_locale(root: Path, locale: str, team: str = "") -> Path:
    """A new catalog with the language's plural rule in its header (Babel knows them all)."""
    try:
        validate_locale_code(locale)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = catalog_path(root, locale)
    if path.is_dir():  # it was 'exists already; `mailglot update` refreshes it', which it did not
        raise UsageError(f"{path.relative_to(root)} is a folder, not a catalog: remove it first")
    if (in_the_way := not_a_file(root, path)) is not None:  # it was 'cannot write: File exists'
        rel = path.relative_to(root).as_posix()
        raise UsageError(f"{in_the_way}: if it is {locale}'s catalog, move it to {rel}")
    if path.exists():
        raise UsageError(f"{path.relative_to(root)} exists already; `mailglot update` refreshes it")
    template = read_template(root)
    catalog = Catalog(
        locale=Locale.parse(locale_info(locale).babel_code),  # sr_RS@latin: sr_Latn_RS
        project=template.project,
        language_team=team or None,
        fuzzy=False,
    )
    catalog.update(template)
    drop_false_python_format(catalog)
    _write(root, path, catalog)
    return path
