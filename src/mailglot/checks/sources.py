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
def _catalog_lines(path: Path, digest: str) -> dict[str, int]:
    try:
        with path.open("rb") as fh:
            catalog = read_po(fh)
    except (OSError, ValueError):
        return {}
    return {str(m.id): m.lineno for m in catalog if m.id and not isinstance(m.id, tuple)}


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
        po = f"locales/{meta.locale}/LC_MESSAGES/messages.po"
        line = _catalog_lines(root / po, digests.get(po, "")).get(msgid)
        if line is not None:
            return po, line
    return rel, _key_line(lines, key)


def relocate(found: Diagnostic, where: tuple[str, int | None]) -> Diagnostic:
    return Diagnostic(where[0], where[1], found.code, found.severity, found.message)
