"""`mailglot add-locale L`: start a catalog, and list the locale in mailglot.yaml once a market
mails it.

A locale listed in `locales:` that no market in calendars/markets.yaml mails stops every
build ("belongs to no market"): `add-locale sr_Latn_RS` then `build` built nothing. The
locale is listed only when a market already has it; otherwise the catalog is started and the
command says what is left to do (the market, then the list), even with --quiet.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
from babel.messages.pofile import read_po

from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.containment import link_out, outside_project
from mailglot.errors import ContentError, Diagnostic, UsageError, escape_control
from mailglot.i18n.catalog_paths import catalog_path, compiled_stand_in
from mailglot.i18n.catalog_places import misplaced_catalogs, require_locales_folder
from mailglot.i18n.locales import SCRIPT_MODIFIERS
from mailglot.i18n.pseudo import PSEUDO_LOCALES
from mailglot.i18n.update import TEMPLATE_FILE, add_locale
from mailglot.output import atomic_write
from mailglot.project.loader import MARKETS_FILE, SETTINGS_FILE, find_root
from mailglot.project.settings import locale_code
from mailglot.project.yamlfile import load_yaml
from mailglot.reporting import errors_as_json, json_document, print_json, report_options

_FLOW_LIST = re.compile(r"^(locales:\s*\[)([^\]]*)(\])", re.M)


@click.command("add-locale")
@click.argument("locale")
@report_options
@click.pass_context
def command(ctx: click.Context, locale: str, as_json: bool, quiet: bool) -> None:
    """Start LOCALE's catalog (with its plural rule) from locales/messages.pot."""
    with errors_as_json("add-locale", as_json):  # a bad code, an existing catalog: still JSON
        root = find_root(project_dir(ctx))
        if locale in PSEUDO_LOCALES:  # Babel knows no such locale: it ended in a traceback
            raise UsageError(
                f"{locale} is a pseudo-locale, generated from the source catalog and never "
                f"translated: list it under pseudo_locales in {SETTINGS_FILE} instead"
            )
        _refuse_no_language(locale)  # before the spelling: C.UTF-8 was told to be C.UTF_8
        _refuse_not_a_code(locale)
        _refuse_encoding(locale)
        try:  # `fr_fr` made locales/fr_fr/, then mailglot.yaml refused the code it listed
            locale_code(locale)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        require_locales_folder(root)  # a file named locales: said, as by every command
        _inside_project(root)  # before anything is read or written
        _refuse_misplaced(root, locale)
        path = add_locale(root, locale)
        listed = _list_locale(root, locale) if _mailed(root, locale) else "no market"
    if as_json:
        with path.open("rb") as fh:
            catalog = read_po(fh)
        summary = {
            "locale": locale,
            "file": path.relative_to(root).as_posix(),
            "plurals": catalog.num_plurals,
            "plural_rule": catalog.plural_forms,
            "listed": listed,
        }
        print_json(json_document("add-locale", True, summary, []))
        return
    if not quiet:
        err.print(f"mailglot: created {path.relative_to(root)}", markup=False)
    if listed == "added" and not quiet:
        err.print(f"mailglot: added {locale} to locales in {SETTINGS_FILE}", markup=False)
    elif listed == "by hand":  # something left to do: shown with --quiet too
        err.print(f"mailglot: add {locale} to `locales:` in {SETTINGS_FILE}", markup=False)
    elif listed == "no market":  # the same
        err.print(
            f"mailglot: {locale} is not listed in `locales:` of {SETTINGS_FILE} yet: no market "
            f"in {MARKETS_FILE} mails it (a build stops on such a locale); add it to one "
            f"market's locales there, then to `locales:` in {SETTINGS_FILE}",
            markup=False,
        )
    if not quiet:
        err.print(
            f"next: translate {path.relative_to(root)}, then `mailglot l10n-status`",
            markup=False,
        )


def _refuse_no_language(locale: str) -> None:
    """`C` and `POSIX` pass as locale codes and Babel reads them as en_US_POSIX: the catalog
    said `Language: en_US_POSIX`, for the locale that means 'no locale'."""
    if locale.split(".")[0].split("@")[0].upper() in ("C", "POSIX"):
        raise UsageError(
            f"{_shown(locale)} names no language (it is the POSIX 'no locale', which Babel reads "
            "as en_US_POSIX): give a language and its territory, such as en_US or sr_Latn_RS"
        )


_CODE_CHARACTERS = re.compile(r"[A-Za-z0-9_.@-]+")
# What $LANG and `locale -a` write: ll[_TT].encoding[@modifier]
_WITH_ENCODING = re.compile(
    r"(?P<code>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)\.[A-Za-z0-9][A-Za-z0-9_-]*"
    r"(?:@(?P<modifier>[A-Za-z0-9]+))?"
)
_NOT_A_CODE = "expected one like fr_FR, pt_BR or sr_RS@latin (as gettext names catalog folders)"


def _refuse_not_a_code(locale: str) -> None:
    """A path or anything but letters, digits and `_ . @ -` (`../x`) is no locale code: it
    was told to name an encoding after the locale."""
    if not _CODE_CHARACTERS.fullmatch(locale) or (
        "." in locale and not _WITH_ENCODING.fullmatch(locale)
    ):
        raise UsageError(f"{_shown(locale) or repr(locale)} is not a locale code: {_NOT_A_CODE}")


def _shown(locale: str) -> str:
    """The argument as typed, but no terminal control: an escape sequence coloured or
    cleared the terminal, and a line break started a line of its own."""
    return escape_control(locale).replace("\n", "\\x0a").replace("\t", "\\x09")


def _refuse_encoding(locale: str) -> None:
    """`en_US.UTF-8`, as `locale -a` and $LANG write it, names the encoding too: it was told to
    be written en_US.UTF_8, and following that made locales/en_US.UTF_8/. A catalog is UTF-8
    whatever the locale: the code is the part before the dot, with a script modifier after
    the encoding (sr_RS.UTF-8@latin is sr_RS@latin)."""
    found = _WITH_ENCODING.fullmatch(locale)
    if found:
        code, modifier = found.group("code"), found.group("modifier")
        if modifier in SCRIPT_MODIFIERS:
            code += f"@{modifier}"
        encoding = locale[locale.index(".") : found.start("modifier") - 1 if modifier else None]
        raise UsageError(
            f"{locale} names an encoding ({encoding}) after the locale; catalogs are always "
            f"UTF-8: write {code}"
        )


def _mailed(root: Path, locale: str) -> bool:
    """Whether a market of markets.yaml lists the locale (False when the file cannot be read:
    the build names why)."""
    doc = load_yaml(root / MARKETS_FILE, root)
    if doc.problems or not isinstance(doc.data, dict):
        return False
    return any(
        isinstance(market, dict)
        and isinstance(market.get("locales"), list)
        and locale in market["locales"]
        for market in doc.data.values()
    )


def _inside_project(root: Path) -> None:
    """mailglot.yaml and the template catalog, as every other command reads them: a link to
    a file outside the project is an error naming it, and is never opened. add-locale read
    such a mailglot.yaml (which `build` refuses) and replaced the link with an edited copy."""
    problems = [
        Diagnostic(rel, None, code, "error", outside_project(target))
        for rel, code in ((SETTINGS_FILE, "yaml"), (TEMPLATE_FILE, "catalog.syntax"))
        if (target := link_out(root, root / rel)) is not None
    ]
    if problems:
        raise ContentError(problems)


def _refuse_misplaced(root: Path, locale: str) -> None:
    """A catalog of the locale elsewhere (a TMS export's `es-MX` folder): moved, not started
    again empty next to it."""
    found = misplaced_catalogs(root, locale)
    if found and not catalog_path(root, locale).exists():  # else: 'exists already'
        expected = catalog_path(root, locale).relative_to(root).as_posix()
        raise UsageError(
            f"{found[0].relative_to(root).as_posix()} looks like {locale}'s catalog: move it to "
            f"{expected}, the only place mailglot reads it, instead of starting an empty one"
        )
    path = catalog_path(root, locale)
    compiled = compiled_stand_in(path)  # an empty .po would hide its translations for good
    if compiled is not None and not path.exists():
        mo, po = compiled.relative_to(root).as_posix(), path.relative_to(root).as_posix()
        raise UsageError(
            f"{mo} is {locale}'s compiled catalog: recover its .po with `msgunfmt {mo} -o "
            f"{po}` (GNU gettext), or export it from your translation platform, instead of "
            "starting an empty one"
        )


def _list_locale(root: Path, locale: str) -> str:
    """The locale into mailglot.yaml's `locales: [...]`: "added", "already" (listed before)
    or "by hand" (no one-line list to add it to)."""
    settings = root / SETTINGS_FILE
    if settings.is_symlink():  # to a file in the project (links out are refused first)
        real = Path(os.path.realpath(settings)).relative_to(os.path.realpath(root))
        settings = root / real  # edited there: the link stays a link
    text = settings.read_text(encoding="utf-8")
    match = _FLOW_LIST.search(text)
    if not match:
        return "by hand"
    if locale in [s.strip() for s in match.group(2).split(",")]:
        return "already"
    items = match.group(2).rstrip()
    new = f"{match.group(1)}{items}{', ' if items.strip() else ''}{locale}{match.group(3)}"
    atomic_write(settings, (text[: match.start()] + new + text[match.end() :]).encode(), root)
    return "added"
