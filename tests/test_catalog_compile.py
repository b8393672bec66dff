"""gettext's table filled from a catalog's entries (`catalog_compile`) is the table gettext
reads from the MO Babel writes, entry for entry and in the same order, or the build takes the
MO way: every catalog of the repository, and the catalogs only the MO way can read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from mailglot.i18n.catalog_compile import header_mo, table
from mailglot.i18n.catalogs import CheckedTranslations, MissRecorder, _compile, read_catalog

REPO = Path(__file__).resolve().parent.parent
CATALOGS = sorted(
    p for p in REPO.rglob("*.po") if ".venv" not in p.parts and "build" not in p.parts
)
NUMBERS = [*range(0, 1001), 10**6, 2 * 10**6]


def by_mo(catalog: Catalog) -> CheckedTranslations:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return CheckedTranslations(buf, {}, MissRecorder(False))


def filled(catalog: Catalog) -> dict | None:
    header = header_mo(catalog)
    assert header is not None
    translations = CheckedTranslations(io.BytesIO(header), {}, MissRecorder(False))
    return table(catalog, translations._charset)


def assert_same(got: CheckedTranslations, want: CheckedTranslations) -> None:
    assert list(got._catalog.items()) == list(want._catalog.items())
    assert (got._info, got._charset) == (want._info, want._charset)
    assert [got.plural(n) for n in NUMBERS] == [want.plural(n) for n in NUMBERS]


def test_the_repository_has_catalogs_to_compare() -> None:
    assert len(CATALOGS) >= 10  # the example's, the scaffold's, the test projects'


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_catalog_of_the_repository_gets_the_table_its_mo_gives(path: Path) -> None:
    root = path.parents[3]
    catalog, _ = read_catalog(path, root, path.parts[-3])
    assert catalog is not None
    assert filled(catalog) is not None  # the table is filled directly...
    assert_same(_compile(catalog, MissRecorder(False)), by_mo(catalog))  # ...and is the MO's


def catalog_of(*entries: tuple, charset: str = "utf-8") -> Catalog:
    catalog = Catalog(locale="fr_FR", charset=charset)
    for msgid, string, context in entries:
        catalog.add(msgid, string, context=context)
    return catalog


def test_plural_forms_left_empty_are_filled_with_the_source_as_the_mo_has_them() -> None:
    catalog = catalog_of(
        (("%(n)s episode", "%(n)s episodes"), ("", ""), None),
        (("%(n)s film", "%(n)s films"), ("%(n)s film", ""), "menu"),
        ("Watch now", "Regarder", None),
        ("Watch now", "Voir", "button"),
    )
    assert filled(catalog) == {
        ("%(n)s episode", 0): "%(n)s episode",
        ("%(n)s episode", 1): "%(n)s episodes",
        "Watch now": "Regarder",
        "button\x04Watch now": "Voir",
        ("menu\x04%(n)s film", 0): "%(n)s film",
        ("menu\x04%(n)s film", 1): "%(n)s films",
    }
    assert_same(_compile(catalog, MissRecorder(False)), by_mo(catalog))


@pytest.mark.parametrize(
    "entries",
    [
        [("Hello", "Bonjour", None), ("Hello", "Salut", "")],  # one key for gettext
        [("a\x04b", "x", None)],  # the context separator in a msgid
        [("a", "x", "c\x00d")],  # NUL in a context
        [(("one", "many"), ("un\x00deux", "x"), None)],  # NUL in a plural form
        [(("one", "two", "three"), ("a", "b"), None)],  # a plural entry of three ids
    ],
)
def test_what_only_the_mo_can_say_goes_the_mo_way(entries: list) -> None:
    catalog = catalog_of(*entries)
    assert filled(catalog) is None
    try:
        want = by_mo(catalog)
    except (ValueError, OSError) as exc:  # gettext cannot read what Babel wrote
        with pytest.raises(type(exc)):
            _compile(catalog, MissRecorder(False))
        return
    assert_same(_compile(catalog, MissRecorder(False)), want)


def test_a_catalog_in_another_charset_goes_the_mo_way() -> None:
    catalog = catalog_of(("Café", "Café crème", None), charset="iso-8859-1")
    assert filled(catalog) is None
    assert_same(_compile(catalog, MissRecorder(False)), by_mo(catalog))


def test_text_that_does_not_encode_fails_as_the_mo_way_does() -> None:
    catalog = catalog_of(("Hello", "Bon\udc80jour", None))
    assert filled(catalog) is None
    with pytest.raises(UnicodeEncodeError):
        by_mo(catalog)
    with pytest.raises(UnicodeEncodeError):
        _compile(catalog, MissRecorder(False))
