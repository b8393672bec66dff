"""How a msgid is formatted, decided from where the project's own sources use it.

A template's gettext call or `{% trans %}` block %-formats its translation (`%(name)s`, and
`%%` is a literal percent); a campaign's subject, preheader and `data.strings` are filled with
`{name}` fields (`{{`/`}}` are literal braces, `%` is a percent as typed); an event name is
shown as written. The `#:` reference lines of a `.po` are not read for this: catalogs saved
with `--no-location` and most TMS exports have none, and they go stale. A msgid used in both
ways is checked for both. One the project does not use (yet) is judged by its own placeholders.

The template strings are extracted as `mailglot extract` extracts them (Jinja's extractor,
same keywords and options), once per process for each distinct template text.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.ext import extract_from_ast

from mailglot.containment import link_out
from mailglot.i18n.checks.base import BRACE_FIELD, PERCENT_FIELD, Policy

MAX_TEMPLATE_BYTES = 2_000_000  # a template larger than this is not a template
_MEMO: dict[bytes, frozenset[str]] = {}
_MEMO_LIMIT = 4096
_LOCK = threading.Lock()


def formats(msgid: str, policy: Policy) -> tuple[bool, bool]:
    """(%-formatted, `{name}`-filled) for the msgid (the singular one of a plural)."""
    if policy.sources_known:
        in_templates, in_campaigns = msgid in policy.template_ids, msgid in policy.campaign_ids
        if in_templates or in_campaigns or msgid in policy.plain_ids:
            return in_templates, in_campaigns
    percent = "%" in msgid and (bool(PERCENT_FIELD.search(msgid)) or "%%" in msgid)
    return percent, not percent and "{" in msgid and bool(BRACE_FIELD.search(msgid))


def campaign_ids(campaigns: Iterable[Any]) -> frozenset[str]:
    """Subjects, preheaders and every string under `data.strings` (by_market values too)."""
    out: set[str] = set()
    for campaign in campaigns:
        out |= set(campaign.subject.values())
        if campaign.preheader:
            out.add(campaign.preheader)
        strings = campaign.data.get("strings") if isinstance(campaign.data, dict) else None
        out |= set(_leaves(strings))
    out.discard("")
    return frozenset(out)


def _leaves(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)


def template_ids(root: Path, sources: list[bytes] | None = None) -> frozenset[str]:
    """Every msgid a template under `templates/` passes to gettext; `sources`: the templates'
    bytes as `template_sources` reads them, when the caller has them already."""
    out: set[str] = set()
    for data in template_sources(root) if sources is None else sources:
        out |= _msgids(data)
    return frozenset(out)


def template_sources(root: Path) -> list[bytes]:
    """The bytes of each template under `templates/` (assets and files that link out of the
    project are not read; a template Jinja cannot parse uses no msgid)."""
    templates = root / "templates"
    out: list[bytes] = []
    if not templates.is_dir() or link_out(root, templates) is not None:
        return out
    for folder, dirs, files in os.walk(templates):
        if Path(folder) == templates and "assets" in dirs:
            dirs.remove("assets")
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if link_out(root, path) is not None:
                continue
            try:
                if path.stat().st_size > MAX_TEMPLATE_BYTES:
                    continue
                out.append(path.read_bytes())
            except OSError:
                continue
    return out


def _msgids(data: bytes) -> frozenset[str]:
    if b"_(" not in data and b"gettext" not in data and b"trans" not in data:
        return frozenset()
    key = hashlib.blake2b(data, digest_size=16).digest()
    with _LOCK:
        found = _MEMO.get(key)
    if found is None:
        found = _extract(data)
        with _LOCK:
            if len(_MEMO) >= _MEMO_LIMIT:
                _MEMO.clear()
            _MEMO[key] = found
    return found


def _extract(data: bytes) -> frozenset[str]:
    """The msgids Jinja's Babel extractor finds (`jinja2.ext.babel_extract` with the options
    `mailglot extract` gives it), from one environment kept for the process instead of one
    made per file."""
    try:
        source = data.decode("utf-8")
        with _LOCK:
            node = _environment().parse(source)
        found = list(extract_from_ast(node, babel_style=True))
    except Exception:  # not a template Jinja reads: it uses no msgid
        return frozenset()
    out = set()
    for _, function, message in found:
        strings = message if isinstance(message, tuple) else (message,)
        index = 1 if function in ("pgettext", "npgettext") else 0  # after the context
        if index < len(strings) and isinstance(strings[index], str) and strings[index]:
            out.add(strings[index])
    return frozenset(out)


_ENV: list[Environment] = []


def _environment() -> Environment:
    """As `babel_extract` makes it for `OPTIONS_MAP`'s options: i18n, newstyle gettext as the
    build renders (which decides how a `{% trans %}` block's `%` is written in its msgid:
    `%%` kept, the build's lookup)."""
    if not _ENV:
        env = Environment(extensions=["jinja2.ext.i18n"])
        env.newstyle_gettext = True  # type: ignore[attr-defined]
        _ENV.append(env)
    return _ENV[0]
