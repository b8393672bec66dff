"""Where a job's subject and preheader come from: the campaign file's line for the source
locale, the catalog entry's line for a translation. A too-long German preheader is fixed in
the German catalog, not in the campaign."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from mailglot.errors import Diagnostic
from mailglot.i18n.locales import fallback_chain
from mailglot.records import JobMeta


@lru_cache(maxsize=64)
def _campaign(path: Path, digest: str) -> tuple[dict[str, object], tuple[str, ...]]:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}, ()
    return (data if isinstance(data, dict) else {}), tuple(text.splitlines())


@lru_cache(maxsize=64)
def _catalog_lines(path: Path, digest: str) -> dict[str, tuple[int, bool]]:
    """Each msgid's line, and whether the entry has a translation gettext would use."""
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh)
    except (OSError, ValueError):
        return {}
    return {
        str(m.id): (m.lineno, bool(m.string) and not m.fuzzy)
        for m in catalog
        if m.id and not isinstance(m.id, tuple)
    }


def _key_line(lines: tuple[str, ...], key: str) -> int | None:
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i for i, line in enumerate(lines, 1) if pattern.match(line)), None)


def text_source(root: Path, meta: JobMeta, key: str, source_locale: str) -> tuple[str, int | None]:
    """(path, line) to change for the job's `subject` or `preheader`."""
    digests = dict(meta.inputs)
    rel = f"campaigns/{meta.campaign}.yaml"
    data, lines = _campaign(root / rel, digests.get(rel, ""))
    value = data.get(key)
    msgid = value.get(meta.variant) if isinstance(value, dict) else value
    if isinstance(msgid, str) and meta.locale != source_locale:
        # the catalog whose translation the email shows (`locales/pt/` for pt_BR when
        # pt_BR's own lacks one), else the locale's own entry
        found = []
        for code in fallback_chain(meta.locale):
            po = f"locales/{code}/LC_MESSAGES/messages.po"
            entry = _catalog_lines(root / po, digests.get(po, "")).get(msgid)
            if entry is not None:
                found.append((po, *entry))
        where = next((f for f in found if f[2]), found[0] if found else None)
        if where is not None:
            return where[0], where[1]
    return rel, _key_line(lines, key)


def relocate(found: Diagnostic, where: tuple[str, int | None]) -> Diagnostic:
    return Diagnostic(where[0], where[1], found.code, found.severity, found.message)
