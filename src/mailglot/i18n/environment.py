"""One Jinja environment per locale and market, built once and handed to the workers.

Every environment is sandboxed (`mailglot.render.sandbox`), and its gettext functions hand
translations to templates as HTML that cannot leave the element or attribute it is put in.
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import BytecodeCache, Environment, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Context

from mailglot.i18n.attribution import Key
from mailglot.i18n.catalogs import LocaleCatalog, load_locale_catalog
from mailglot.i18n.checks import Policy
from mailglot.i18n.filter_arguments import worded
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.gettext_calls import not_text
from mailglot.i18n.locales import LocaleInfo, locale_info
from mailglot.i18n.newstyle import install_newstyle
from mailglot.i18n.untrusted import as_html
from mailglot.render.sandbox import ContainedLoader, ReportedUndefined, TemplateSandbox


@dataclass
class LocaleEnvironment:
    info: LocaleInfo
    catalog: LocaleCatalog
    env: Environment

    def gettext(self, msgid: str) -> str:
        """An empty msgid stays empty (gettext would give the catalog's header). The lookup is
        noted, as the template's are, so the job is given that entry's catalog findings."""
        if not msgid:
            return ""
        self.catalog.looked_up.add((None, msgid))
        return self.catalog.translations.gettext(msgid)


class SharedBytecode(BytecodeCache):
    """Compiled templates shared by every locale's environment, so each template is compiled
    once per process instead of once per locale. Their settings are the same; their locale
    filters are not, and Jinja would write a filter applied to a literal (`{{ 9.99|currency
    }}`) into the code as the compiling locale formats it: `remembered` keeps them out of
    that folding, so every locale runs its own filter."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key; a path that is not UTF-8 (a project under a folder named in Latin-1)
        is keyed by its bytes, where Jinja's encoding failed every job."""
        if filename is not None:
            filename = filename.encode(errors="surrogateescape").decode(errors="backslashreplace")
        return super().get_cache_key(name, filename)


def base_environment(templates: Path, bytecode: BytecodeCache | None = None) -> TemplateSandbox:
    """Sandboxed, autoescaped, strict, with i18n: the same settings extraction parses with."""
    return TemplateSandbox(
        loader=ContainedLoader(str(templates)),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=ReportedUndefined,  # strict, its errors told as the setting to add
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
    env.lookup_record = catalog  # an imported template's lookups count for every job using it
    _install_gettext(env, catalog.translations, catalog.looked_up.add)
    filters = make_filters(info.babel_code, currency, timezone, digits)
    env.filters.update({name: remembered(worded(name, f)) for name, f in filters.items()})
    return LocaleEnvironment(info, catalog, env)


# A translation made safe for HTML depends on its text alone, and every job of a locale asks
# for the same few; the lookup itself (`t.gettext`) still runs each time, since it records
# the job's missing strings, and `note` each time, since it records the entries the job uses.
_as_html = lru_cache(maxsize=8192)(as_html)


def _install_gettext(
    env: Environment, t: gettext_module.NullTranslations, note: Callable[[Key], None]
) -> None:
    """Jinja marks whatever gettext returns as safe HTML; these return it made safe first.

    Each lookup is noted by `note` (context, msgid), translated or not, so a catalog finding
    is reported on the jobs whose emails use that entry (`LocaleCatalog.job_findings`).

    An empty msgid is never looked up: gettext keeps the catalog's header under "", so
    `_("")` or an empty `{% trans %}` block showed 'Project-Id-Version: ...
    Last-Translator: ...' in the email. It stays empty, as an untranslated string would."""

    def gettext(message: str) -> str:
        if not isinstance(message, str):
            raise not_text("_", message)
        if not message:
            return ""
        note((None, message))
        return _as_html(t.gettext(message))

    def ngettext(singular: str, plural: str, n: int) -> str:
        if not isinstance(singular, str) or not isinstance(plural, str):
            raise not_text("ngettext", plural if isinstance(singular, str) else singular)
        if not singular:
            return _as_html(plural) if n != 1 else ""
        note((None, singular))
        return _as_html(t.ngettext(singular, plural, n))

    def pgettext(context: str, message: str) -> str:
        if not isinstance(context, str) or not isinstance(message, str):
            raise not_text("pgettext", message if isinstance(context, str) else context)
        if not message:
            return ""
        note((context, message))
        return _as_html(t.pgettext(context, message))

    def npgettext(context: str, singular: str, plural: str, n: int) -> str:
        for text in (context, singular, plural):
            if not isinstance(text, str):
                raise not_text("npgettext", text)
        if not singular:
            return _as_html(plural) if n != 1 else ""
        note((context, singular))
        return _as_html(t.npgettext(context, singular, plural, n))

    install_newstyle(env, gettext, ngettext, pgettext, npgettext)


_KEYED = frozenset({str, int, bool, Decimal, date, type(None)})
_ZONES = (ZoneInfo, timezone)
_MEMO_SIZE = 4096


def _key(value: Any) -> tuple[type, str] | None:
    """A value's exact identity for a formatter, or None when it has none we can vouch for:
    `1`, `1.0`, `Decimal("1.0")` and `True` are told apart by type, -0.0 by float.hex, a
    datetime by its zone's name (NaN, other tzinfo classes and every other type, Markup
    included, are not remembered)."""
    kind = type(value)
    if kind in _KEYED:
        return kind, repr(value)
    if kind is float:
        return (kind, value.hex()) if value == value else None  # NaN: its sign is not in hex
    if kind is datetime and (value.tzinfo is None or isinstance(value.tzinfo, _ZONES)):
        return kind, repr(value)
    return None


def remembered(formatter: Callable[..., Any]) -> Callable[..., Any]:
    """A locale filter (`date`, `currency`, `number`...) that answers each distinct call
    once per environment: Babel takes ~0.1 ms a call and every job of a locale formats the
    same prices and dates. The filters depend only on their arguments and the locale and
    market the environment was made for; a call that raises is not remembered.

    Marked `pass_context`, the one kind of filter Jinja never runs while compiling: it folded
    `{{ 40|percent }}` into the template's code in the locale that compiled it first, and
    that code is shared by every locale (`SharedBytecode`), so fr_FR mailed '40%' or
    '$9.99' and a build of one locale wrote other bytes than a full build. Jinja then
    hands the template's context first; a call from Python (subjects' placeholders) does not,
    and no template value is a Context."""
    memo: dict[tuple[Any, ...], Any] = {}

    @pass_context
    def filter_(*args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], Context):
            args = args[1:]
        keys = [_key(a) for a in args]
        keys.extend((name, _key(v)) for name, v in sorted(kwargs.items()))
        if None in keys or any(k[1] is None for k in keys[len(args) :]):
            return formatter(*args, **kwargs)
        key = tuple(keys)
        found = memo.get(key, memo)
        if found is memo:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            found = memo[key] = formatter(*args, **kwargs)
        return found

    return filter_
