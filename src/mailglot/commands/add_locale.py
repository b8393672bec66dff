"""`mailglot add-locale L`: start a catalog, and list the locale in mailglot.yaml."""

from __future__ import annotations

import re

import click

from mailglot.commands._context import project_dir
from mailglot.console import err
from mailglot.errors import UsageError
from mailglot.i18n.pseudo import PSEUDO_LOCALES
from mailglot.i18n.update import add_locale
from mailglot.output import atomic_write
from mailglot.project.loader import MARKETS_FILE, SETTINGS_FILE, find_root

_FLOW_LIST = re.compile(r"^(locales:\s*\[)([^\]]*)(\])", re.M)


@click.command("add-locale")
@click.argument("locale")
@click.pass_context
def command(ctx: click.Context, locale: str) -> None:
    """Start LOCALE's catalog (with its plural rule) from locales/messages.pot."""
    root = find_root(project_dir(ctx))
    if locale in PSEUDO_LOCALES:  # Babel knows no such locale: it ended in a traceback
        raise UsageError(
            f"{locale} is a pseudo-locale, generated from the source catalog and never "
            f"translated: list it under pseudo_locales in {SETTINGS_FILE} instead"
        )
    path = add_locale(root, locale)
    err.print(f"mailglot: created {path.relative_to(root)}", markup=False)
    settings = root / SETTINGS_FILE
    text = settings.read_text(encoding="utf-8")
    match = _FLOW_LIST.search(text)
    if match and locale not in [s.strip() for s in match.group(2).split(",")]:
        items = match.group(2).rstrip()
        new = f"{match.group(1)}{items}{', ' if items.strip() else ''}{locale}{match.group(3)}"
        atomic_write(settings, (text[: match.start()] + new + text[match.end() :]).encode(), root)
        err.print(f"mailglot: added {locale} to locales in {SETTINGS_FILE}", markup=False)
    elif not match:
        err.print(f"mailglot: add {locale} to `locales:` in {SETTINGS_FILE}", markup=False)
    err.print(
        f"next: list {locale} under one market in {MARKETS_FILE}, translate "
        f"{path.relative_to(root)}, then `mailglot l10n-status`",
        markup=False,
    )
