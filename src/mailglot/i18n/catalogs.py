"""Load a locale's gettext catalogs into translations a Jinja environment can use.

Catalogs are read from `.po` and compiled in memory at each build, so nobody runs a compile
step by hand. Every translation is screened by the checks in `mailglot.i18n.checks` first:
one that fails is dropped (the source text is used) and reported, so a bad translation
never ships. Fuzzy entries are never used, as gettext intends.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, PoFileParser

from mailglot.containment import link_out, outside_project
from mailglot.errors import Diagnostic
from mailglot.folders import blocking_folder, folder_diagnostic
from mailglot.i18n.attribution import ChargedFindings, EntryLines, Key, charge
from mailglot.i18n.catalog_compile import header_mo, table
from mailglot.i18n.catalog_paths import catalog_files as catalog_files
from mailglot.i18n.catalog_paths import catalog_path as catalog_path
from mailglot.i18n.catalog_paths import catalog_present as catalog_present
from mailglot.i18n.catalog_paths import compiled_only, not_a_catalog
from mailglot.i18n.checks import Policy, message_label, screen_catalog
from mailglot.i18n.pseudo import PSEUDO_LOCALES, PseudoLocale
from mailglot.i18n.strict_po import inspect_po, new_catalog
from mailglot.i18n.untrusted import screen_untrusted

T = TypeVar("T")


class _Parser(PoFileParser):
    """Babel's parser, collecting problems with their lines instead of printing them, so one
    bad entry costs that entry, not the whole catalog."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=False)
        self.invalid: list[tuple[int, str]] = []
        self.keys: dict[int, Key] = {}  # msgid line -> key, a second entry of a msgid too
        self._cut = False

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        self.invalid.append((lineno + 1, msg))

    def _finish_current_message(self) -> None:
        self._cut = bool(self.messages) and not self.translations
        super()._finish_current_message()

    def _add_message(self) -> None:
        """Notes each entry's key at its msgid line, for the findings made there; a repeated
        msgid is merged into the first entry by the catalog, so only the parser sees it. An
        entry with no msgstr gets none: it is where a file was cut short, which its finding
        asks about and which concerns every email of the locale."""
        if not self.obsolete and self.messages and not self._cut:
            msgid = self.messages[0].denormalize()
            if msgid:
                context = self.context.denormalize() if self.context else None
                self.keys[self.offset + 1] = (context, msgid)
        super()._add_message()


def read_catalog(path: Path, root: Path, locale: str) -> tuple[Catalog | None, list[Diagnostic]]:
    """Read strictly (`strict_po`), then with Babel; entries that cannot be trusted are left
    out, so the build uses their source text."""
    catalog, problems, _ = read_catalog_entries(path, root, locale)
    return catalog, problems


def read_catalog_entries(
    path: Path, root: Path, locale: str
) -> tuple[Catalog | None, list[Diagnostic], EntryLines | None]:
    """`read_catalog`, with where each entry is (None when no entry is used: every finding
    then concerns the whole file)."""
    rel = path.relative_to(root).as_posix()
    target = link_out(root, path)
    if target is not None:
        return None, [_unusable(rel, outside_project(target))], None
    try:
        data = path.read_bytes()
    except (IsADirectoryError, NotADirectoryError):
        return None, [not_a_catalog(root, path)], None
    except OSError as exc:
        blocked = blocking_folder(root, path)  # `locales/`, named once for all its catalogs
        if blocked is not None:
            return None, [folder_diagnostic(*blocked)], None
        why = f"cannot read: {exc.strerror or exc}"  # the path is in the finding, not twice
        return None, [Diagnostic(rel, None, "catalog.syntax", "error", why)], None
    seen = inspect_po(data, rel)
    if seen.text is None:
        return None, seen.problems, None
    if _header_line(seen.text) in seen.untrusted:
        return None, [*seen.problems, _unusable(rel, "its header entry is broken")], None
    catalog = new_catalog(seen, locale)  # a file without a header: gettext's rule
    parser = _Parser(catalog)
    try:
        parser.parse(io.StringIO(seen.text))
    except (PoFileError, ValueError) as exc:
        line = getattr(exc, "lineno", None)
        return None, [*seen.problems, _unusable(rel, f"cannot read catalog: {exc}", line)], None
    problems = list(seen.problems)
    reported = {d.line for d in problems}
    _leave_out(catalog, seen.untrusted, seen.plurals_ok)
    problems += _babel_problems(catalog, parser, rel, locale, reported)
    return catalog, problems, EntryLines(rel, seen.text, parser.keys)


def _header_line(text: str) -> int | None:
    for n, line in enumerate(text.split("\n"), 1):  # LF only: as strict_po splits
        if line.startswith("msgid"):
            return n if line.replace(" ", "") == 'msgid""' else None
    return None


def _unusable(rel: str, why: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(
        rel, line, "catalog.syntax", "error", f"{why}; no translation from this file is used"
    )


def _leave_out(catalog: Catalog, untrusted: set[int], plurals_ok: bool) -> None:
    """Entries the strict reading found broken, and plural entries under a broken rule."""
    for message in catalog:
        if not message.id:
            continue
        if message.lineno in untrusted or (message.pluralizable and not plurals_ok):
            message.string = ("",) * len(message.string) if message.pluralizable else ""


def _babel_problems(
    catalog: Catalog, parser: _Parser, rel: str, locale: str, reported: set[int | None]
) -> list[Diagnostic]:
    problems = []
    by_line = {m.lineno: m for m in catalog if m.id}
    for line, msg in parser.invalid:
        message = by_line.get(line)
        if message is not None and "num_plurals" in msg:
            message.string = ("",) * catalog.num_plurals  # its forms cannot be trusted
            problems.append(
                Diagnostic(
                    rel,
                    line,
                    "catalog.plural-forms",
                    "error",
                    f"{_label(message)}: more plural forms than "
                    f"{locale} has (Plural-Forms: {catalog.plural_forms}); "
                    "the source text is used",
                )
            )
        elif line not in reported:
            problems.append(Diagnostic(rel, line, "catalog.syntax", "error", msg))
    return problems


def _label(message: Message) -> str:
    return message_label(message)


class MissRecorder(gettext.NullTranslations):
    """Last link of every fallback chain: returns the source text and remembers what was missing."""

    def __init__(self, record: bool) -> None:
        super().__init__()
        self.record = record
        self.missing: set[tuple[str | None, str]] = set()
        # entries passed over because their msgid_plural is not the template's: the catalog's
        self.plural_sources: dict[tuple[str | None, str], str] = {}

    def _miss(self, context: str | None, msgid: str) -> None:
        if self.record and msgid:
            self.missing.add((context, msgid))

    def gettext(self, message: str) -> str:
        self._miss(None, message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self._miss(None, msgid1)
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        self._miss(context, message)
        return message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        self._miss(context, msgid1)
        return msgid1 if n == 1 else msgid2

    def take_missing(self) -> list[tuple[str | None, str]]:
        out = sorted(self.missing, key=lambda m: (m[0] or "", m[1]))
        self.missing = set()
        return out


class PseudoTranslations(gettext.NullTranslations):
    def __init__(self, pseudo: PseudoLocale) -> None:
        super().__init__()
        self.t = pseudo.transform

    def gettext(self, message: str) -> str:
        return self.t(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.t(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.t(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.t(msgid1 if n == 1 else msgid2)


@dataclass
class LocaleCatalog:
    """The translations of one locale, ready for Jinja, plus what was wrong with them.

    `diagnostics` is every finding of the locale's catalogs; a job is given its share
    (`job_findings`): the file-wide ones and those of the entries its render looked up,
    which the environment's gettext functions note in `looked_up`."""

    locale: str
    translations: gettext.NullTranslations
    recorder: MissRecorder
    diagnostics: list[Diagnostic] = field(default_factory=list)
    catalogs: list[tuple[Path, Catalog]] = field(default_factory=list)
    charged: ChargedFindings = field(default_factory=ChargedFindings)
    looked_up: set[Key] = field(default_factory=set)

    def start_job(self) -> None:
        """Forget the previous job's lookups, even those of a render that failed midway."""
        self.recorder.missing.clear()
        self.looked_up.clear()

    def job_findings(self) -> list[Diagnostic]:
        """The catalog findings of the job rendered since `start_job`."""
        return self.charged.for_job(self.looked_up)

    def apart(self, make: Callable[[], T]) -> tuple[T, Callable[[], None]]:
        """Run `make` (the top-level code of an imported template, which Jinja runs once per
        environment and keeps: `render.imported`) with a record of its own, add that record to
        the job's as if it had run in the job, and return with it a replay of that record for
        each later job that reuses what `make` made. Nested imports nest: the outer record
        takes in the inner one."""
        missing, looked_up = self.recorder.missing, set(self.looked_up)
        self.recorder.missing = set()
        self.looked_up.clear()  # emptied in place: the gettext functions hold its `add`
        try:
            made = make()
            keys, misses = frozenset(self.looked_up), frozenset(self.recorder.missing)
        finally:
            missing |= self.recorder.missing
            self.recorder.missing = missing
            self.looked_up.update(looked_up)
        note, recorder = self.looked_up.update, self.recorder

        def replay() -> None:  # runs for every job reusing the module: kept to two updates
            note(keys)
            if misses:
                recorder.missing.update(misses)  # take_missing swaps the set: found anew

        return made, replay


class CheckedTranslations(gettext.GNUTranslations):
    """A catalog whose plural entries are used only for the plural source they were checked
    against. gettext finds a plural entry by its msgid alone, but the translation checks
    compare its forms with the `.po` file's own `msgid_plural`, which the translator can edit:
    markup or merge tags written into both `msgid_plural` and `msgstr[1]` passed every check.
    An entry whose `msgid_plural` is not the template's is passed over like a missing one (the
    source text is used), and noted on the last link, which reports it (`MissRecorder`)."""

    def __init__(self, fp: io.BytesIO, plurals: dict[Key, str], recorder: MissRecorder) -> None:
        super().__init__(fp=fp)
        self.plurals = plurals
        self.recorder = recorder

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.npgettext(None, msgid1, msgid2, n)  # type: ignore[arg-type]

    def npgettext(self, context: str | None, msgid1: str, msgid2: str, n: int) -> str:
        written = self.plurals.get((context, msgid1), msgid2)
        if written != msgid2:
            self.recorder.plural_sources[(context, msgid1)] = written
            if self._fallback:  # type: ignore[attr-defined]
                return self._fallback.npgettext(context, msgid1, msgid2, n)  # type: ignore[attr-defined]
            return msgid1 if n == 1 else msgid2
        if context is None:
            return super().ngettext(msgid1, msgid2, n)
        return super().npgettext(context, msgid1, msgid2, n)


def _compile(catalog: Catalog, recorder: MissRecorder) -> gettext.GNUTranslations:
    """gettext's translations of the catalog: its table filled from the entries when
    `catalog_compile` can vouch for it, else from the MO Babel writes, read back."""
    plurals = {
        (message.context, message.id[0]): message.id[1]
        for message in catalog
        if message.pluralizable and any(message.string)
    }
    header = header_mo(catalog)
    if header is not None:
        translations = CheckedTranslations(io.BytesIO(header), plurals, recorder)
        entries = table(catalog, translations._charset)  # type: ignore[attr-defined]
        if entries is not None:
            translations._catalog.update(entries)  # type: ignore[attr-defined]
            return translations
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return CheckedTranslations(buf, plurals, recorder)


def load_locale_catalog(
    root: Path, locale: str, source_locale: str, policy: Policy | None = None
) -> LocaleCatalog:
    is_source = locale == source_locale or locale in PSEUDO_LOCALES
    recorder = MissRecorder(record=not is_source)
    if locale in PSEUDO_LOCALES:
        chain: gettext.NullTranslations = PseudoTranslations(PSEUDO_LOCALES[locale])
        return LocaleCatalog(locale, chain, recorder)

    keyed: list[tuple[Diagnostic, Key | None]] = []
    compiled: list[gettext.GNUTranslations] = []
    loaded: list[tuple[Path, Catalog]] = []
    for path in catalog_files(root, locale, source_locale):
        if path.suffix == ".mo":
            keyed.append((compiled_only(root, path), None))
            continue
        catalog, problems, entries = read_catalog_entries(path, root, locale)
        if catalog is None or entries is None:
            keyed += [(found, None) for found in problems]
            continue
        rel = path.relative_to(root).as_posix()
        problems += screen_catalog(catalog, rel, policy)
        problems += screen_untrusted(catalog, rel)
        keyed += [(found, entries.key_of(found)) for found in problems]
        loaded.append((path, catalog))
        compiled.append(_compile(catalog, recorder))

    head: gettext.NullTranslations = recorder
    for translations in reversed(compiled):
        translations.add_fallback(head)
        head = translations
    diagnostics = [found for found, _ in keyed]
    return LocaleCatalog(locale, head, recorder, diagnostics, loaded, charge(keyed))
