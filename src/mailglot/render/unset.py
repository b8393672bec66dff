"""A template's reach for something that is not there, told as the setting to add.

Jinja says "'dict object' has no attribute 'twitter'" and "access to attribute '__class__'
of 'str' object is unsafe."; a template author needs "brand.twitter is not set in
mailglot.yaml". The error carries what was asked of what (`sandbox.Asked`); the path that
led there is read from the failing template line (`brand.twitter`, `data.items[0].x`) and
checked against the job's values by identity, so a name is only given when it is the one
the template used. Only the failure path runs here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from jinja2.environment import TemplateModule
from jinja2.runtime import LoopContext
from jinja2.sandbox import modifies_known_mutable
from jinja2.utils import Namespace, missing

from mailglot.render.sandbox import Asked

SANDBOX = "is not allowed in a template (sandbox)"
# Values a template is given whose keys mailglot sets, not the project.
FIXED = ("campaign", "locale", "market", "event")
# A name followed by `.name`, `[0]` or `['key']` links, as a template writes a value's path.
_CHAIN = re.compile(
    r"(?<![\w.'\")\]])([A-Za-z_]\w*)((?:\s*\.\s*[A-Za-z_]\w*|\s*\[\s*(?:\d+|'[^'\n]*'|\"[^\"\n]*\")\s*\])*)"
)
_LINK = re.compile(r"\.\s*([A-Za-z_]\w*)|\[\s*(\d+|'[^'\n]*'|\"[^\"\n]*\")\s*\]")
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_SEARCHED = 5000  # values looked at when the line does not say which one was asked of

Path = list[str | int]


def asked_message(
    asked: Asked, unsafe: bool, values: Mapping[str, Any], line: str, campaign_file: str
) -> str:
    """`values`: the job's context and the environment's globals; `line`: the template line
    that failed; `campaign_file`: where the job's `data:` is written."""
    path = _path_to(asked.obj, asked.name, values, line)
    if unsafe:
        return _unsafe(asked, path)
    if asked.hint:  # Jinja's own words: "No first item, sequence was empty."
        return asked.hint[:1].lower() + asked.hint[1:].removesuffix(".")
    if asked.obj is missing:
        return _unknown_name(str(asked.name), values)
    return _not_there(asked.obj, asked.name, path, campaign_file)


def sandbox_message(message: str) -> str:
    """A sandbox refusal raised in mailglot's words (a size bound) or Jinja's (a call)."""
    if message.startswith("Range too big."):
        message = "range() may count at most 100,000 numbers"
    return f"not allowed in a template (sandbox): {message}"


def _unsafe(asked: Asked, path: Path | None) -> str:
    where = _shown([*path, asked.name]) if path else f"{asked.name!r} of {_kind(asked.obj)}"
    if not str(asked.name).startswith("_") and modifies_known_mutable(asked.obj, asked.name):
        why = "templates cannot change a list or mapping they are given or have made"
    else:
        why = "templates cannot reach Python internals"
    return f"{where} {SANDBOX}: {why}"


def _unknown_name(name: str, values: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(name, [n for n in values if not n.startswith("_")], 1, 0.75)
    if close:
        return f"{name!r} is not defined; did you mean {close[0]!r}?"
    return f"{name!r} is not defined: not a value templates are given, nor set before this line"


def _not_there(obj: Any, name: Any, path: Path | None, campaign_file: str) -> str:
    here = _shown(path) if path else None
    if isinstance(obj, Mapping):
        keys = [k for k in obj if isinstance(k, str)]
        full = _shown([*(path or []), name]) if here else repr(name)
        close = difflib.get_close_matches(str(name), keys, 1, 0.75) if isinstance(name, str) else []
        guess = f"; did you mean {_shown([*(path or []), close[0]])}?" if close and here else ""
        root = path[0] if path else None
        if root in ("brand", "recipient", "data"):
            file = "mailglot.yaml" if root != "data" else campaign_file
            if guess:
                return f"{full} is not set in {file}{guess}"
            under = path[-1] if isinstance(path[-1], str) else None  # type: ignore[index]
            add = f"add {name}: under {under}:" if under and isinstance(name, str) else "add it"
            return f"{full} is not set in {file}: {add}, or test `{full} is defined` first"
        if root in FIXED and len(path) == 1:  # type: ignore[arg-type]
            has = ", ".join(f"{root}.{k}" for k in keys)
            return f"{full} is not given to templates{guess or f'; they are given {has}'}"
        if here:
            return f"{full} is not there{guess or f' ({here} has {_listed(keys)})'}"
        return f"no {name!r} in this mapping (it has {_listed(keys)})"
    if isinstance(obj, (list, tuple)) and isinstance(name, int):
        return f"{here or 'this list'} has no item {name}: it holds {len(obj)}, numbered from 0"
    if obj is None and path == ["event"]:
        return (
            "event is not set: this campaign's schedule names no event; test `{% if event %}` first"
        )
    attribute = f"attribute {name!r}" if isinstance(name, str) else f"item {name!r}"
    if here:
        return f"{here} is {_kind(obj)}, which has no {attribute}"
    return f"{_kind(obj)} has no {attribute}"


def _listed(keys: list[str]) -> str:
    if not keys:
        return "no keys"
    shown = ", ".join(keys[:8])
    return shown + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")


def _kind(value: Any) -> str:
    """A value's type in a template author's words."""
    if value is None:
        return "empty (none)"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Namespace):
        return "a namespace"
    if isinstance(value, TemplateModule):
        return "an imported template"
    if isinstance(value, LoopContext):
        return "the loop"
    if isinstance(value, type):
        return "a class"
    if callable(value):
        return "a function"
    return f"a {type(value).__name__} value"


def _shown(path: Path) -> str:
    out = str(path[0])
    for link in path[1:]:
        if isinstance(link, int):
            out += f"[{link}]"
        elif _IDENTIFIER.fullmatch(link):
            out += f".{link}"
        else:
            out += f"[{link!r}]"
    return out


def _path_to(obj: Any, name: Any, values: Mapping[str, Any], line: str) -> Path | None:
    """The path by which the template reached `obj` (to ask it for `name`): read from the
    line, each step checked to be the very value; else, for a mapping or list, the first
    path to it among the values."""
    if obj is missing:
        return None
    for found in _CHAIN.finditer(line):
        links: Path = [found[1]]
        for link in _LINK.finditer(found[2]):
            links.append(link[1] if link[1] else _key(link[2]))
        path = _walk(obj, name, values, links)
        if path is not None:
            return path
    if isinstance(obj, (Mapping, list, tuple)):
        return _search(obj, values)
    return None


def _key(written: str) -> str | int:
    return int(written) if written.isdigit() else written[1:-1]


def _walk(obj: Any, name: Any, values: Mapping[str, Any], links: Path) -> Path | None:
    if links[0] not in values:
        return None
    current = values[links[0]]
    for n, link in enumerate(links[1:], start=1):
        if current is obj and link == name:
            return links[:n]
        current = _step(current, link)
        if current is missing:
            return None
    return None


def _step(value: Any, link: str | int) -> Any:
    if isinstance(value, Mapping):
        return value.get(link, missing)
    if (
        isinstance(value, (list, tuple))
        and isinstance(link, int)
        and -len(value) <= link < len(value)
    ):
        return value[link]
    return missing


def _search(obj: Any, values: Mapping[str, Any]) -> Path | None:
    """Breadth first, so the shortest path wins; bounded, as the values are the project's."""
    todo: list[tuple[Path, Any]] = [([k], v) for k, v in values.items() if isinstance(k, str)]
    for seen, (path, value) in enumerate(todo):
        if value is obj:
            return path
        if seen >= _SEARCHED:
            return None
        if isinstance(value, Mapping):
            todo.extend(([*path, k], v) for k, v in value.items() if isinstance(k, str))
        elif isinstance(value, (list, tuple)):
            todo.extend(([*path, i], v) for i, v in enumerate(value))
    return None
