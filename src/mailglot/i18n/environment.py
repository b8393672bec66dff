"""One Jinja environment per locale and market, built once and handed to the workers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from mailglot.i18n.catalogs import LocaleCatalog, load_locale_catalog
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.locales import LocaleInfo, locale_info


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
    """Autoescaped, strict, with i18n: the same settings extraction parses templates with."""
    return Environment(
        loader=FileSystemLoader(str(templates)),
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
) -> LocaleEnvironment:
    info = locale_info(locale)
    catalog = load_locale_catalog(root, locale, source_locale)
    env = base_environment(root / "templates", bytecode)
    env.install_gettext_translations(catalog.translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(make_filters(info.babel_code, currency, timezone))
    env.globals["gettext"] = env.globals["_"] = env.globals["gettext"]
    return LocaleEnvironment(info, catalog, env)
