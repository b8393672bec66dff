"""One Jinja environment per locale and market, built once and handed to the workers.

Every environment is sandboxed (`mailglot.render.sandbox`), and its gettext functions hand
translations to templates as HTML that cannot leave the element or attribute it is put in.
"""

from __future__ import annotations

import gettext as gettext_module
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache, Environment, StrictUndefined
from jinja2.bccache import Bucket

from mailglot.i18n.catalogs import LocaleCatalog, load_locale_catalog
from mailglot.i18n.checks import Policy
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.locales import LocaleInfo, locale_info
from mailglot.i18n.untrusted import as_html
from mailglot.render.sandbox import ContainedLoader, TemplateSandbox


@dataclass
class LocaleEnvironment:
    info: LocaleInfo
    catalog: LocaleCatalog
    env: Environment

    def gettext(self, msgid: str) -> str:
        return self.catalog.translations.gettext(msgid)


class SharedBytecode(BytecodeCache):
    """Compiled templates shared by every locale's environment: their settings are the same,
    so each template is compiled once per process instead of once per locale."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


def base_environment(templates: Path, bytecode: BytecodeCache | None = None) -> Environment:
    """Sandboxed, autoescaped, strict, with i18n: the same settings extraction parses with."""
    return TemplateSandbox(
        loader=ContainedLoader(str(templates)),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        auto_reload=False,
    )


def locale_environment(
    root: Path,
    locale: str,
    source_locale: str,
    currency: str,
    timezone: str,
    bytecode: BytecodeCache | None = None,
    policy: Policy | None = None,
    digits: str = "latn",
) -> LocaleEnvironment:
    """`digits`: the market's numbering system (markets.yaml `digits:`)."""
    info = locale_info(locale)
    catalog = load_locale_catalog(root, locale, source_locale, policy)
    env = base_environment(root / "templates", bytecode)
    _install_gettext(env, catalog.translations)
    env.filters.update(make_filters(info.babel_code, currency, timezone, digits))
    env.globals["gettext"] = env.globals["_"] = env.globals["gettext"]
    return LocaleEnvironment(info, catalog, env)


def _install_gettext(env: Environment, t: gettext_module.NullTranslations) -> None:
    """Jinja marks whatever gettext returns as safe HTML; these return it made safe first."""

    def gettext(message: str) -> str:
        return as_html(t.gettext(message))

    def ngettext(singular: str, plural: str, n: int) -> str:
        return as_html(t.ngettext(singular, plural, n))

    def pgettext(context: str, message: str) -> str:
        return as_html(t.pgettext(context, message))

    def npgettext(context: str, singular: str, plural: str, n: int) -> str:
        return as_html(t.npgettext(context, singular, plural, n))

    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
