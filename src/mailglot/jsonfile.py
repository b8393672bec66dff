"""JSON files mailglot writes for itself (meta.json, manifest.json, shots.json, caches): one
way to read them back and one byte format to write them in.

That format is `json.dumps(value, indent=2, ensure_ascii=False)` and a newline, as it always
was. With `indent`, Python's json module takes its pure-Python encoder (its C encoder only
writes compact JSON), which made the 4 MB manifest of a 10,000-job build cost a third of a
second to encode. `dump_json` writes the same bytes with one loop per container and C string
escaping; anything other than plain JSON values (a subclass, a non-string key, a cycle) goes
to `json.dumps` itself, so the result never depends on which path wrote it.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaping when the accelerator is there
from pathlib import Path
from typing import Any

from mailglot.errors import ContentError, Diagnostic

_INFINITY = float("inf")


class _NotPlain(Exception):
    """A value `json.dumps` handles in a way the fast path does not copy."""


def read_json(path: Path, default: Any = None, *, needed: bool = False) -> Any:
    """The file's value, or `default` when it is missing or not JSON (a build interrupted by
    an older mailglot, a hand edit): such a file counts as absent, never as an error. One
    that is there but cannot be read (its permissions) counts as absent too when it is a
    cache; when it is `needed` (a manifest: what was built, approved, exported), the command
    stops and names it, as a build that took it for absent would rewrite what it records."""
    text = read_text(path, needed=needed)
    try:
        return default if text is None else json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # nested too deep to read: damaged too
        return default


def read_text(path: Path, *, needed: bool = False) -> str | None:
    """`read_json`'s reading: the file's text, None when it counts as absent."""
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    except OSError as exc:
        if not needed:
            return None
        rel = f"{path.parent.name}/{path.name}"  # build/manifest.json, shard-2/manifest.json
        why = f"cannot read: {exc.strerror or exc}; nothing was changed"
        raise ContentError([Diagnostic(rel, None, "build-state", "error", why)]) from None


def dump_json(value: Any) -> bytes:
    parts: list[str] = []
    try:
        _encode(value, "\n", parts)
    except (_NotPlain, RecursionError):
        return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()
    parts.append("\n")
    return "".join(parts).encode()


def _encode(value: Any, indent: str, parts: list[str]) -> None:
    """`indent`: a newline and the indentation of the line `value` starts on. Only exact
    types are taken (`type(x) is str`): json.dumps encodes subclasses through their own
    methods (an IntEnum's repr, a float subclass), which the fallback keeps."""
    kind = type(value)
    if kind is str:
        parts.append(encode_basestring(value))
    elif kind is dict:
        _encode_dict(value, indent, parts)
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = indent + "  "
        separator = "[" + inner
        for item in value:
            parts.append(separator)
            _encode(item, inner, parts)
            separator = "," + inner
        parts.append(indent + "]")
    else:
        parts.append(_scalar(value))


def _encode_dict(value: dict[Any, Any], indent: str, parts: list[str]) -> None:
    if not value:
        parts.append("{}")
        return
    inner = indent + "  "
    separator = "{" + inner
    for key, item in value.items():
        if type(key) is not str:  # json.dumps turns 1, 1.5, True, None keys into text
            raise _NotPlain
        kind = type(item)
        if kind is str:  # most values: one piece, no call
            parts.append(f"{separator}{encode_basestring(key)}: {encode_basestring(item)}")
        elif kind is dict or kind is list or kind is tuple:
            parts.append(f"{separator}{encode_basestring(key)}: ")
            _encode(item, inner, parts)
        else:
            parts.append(f"{separator}{encode_basestring(key)}: {_scalar(item)}")
        separator = "," + inner
    parts.append(indent + "}")


def _scalar(value: Any) -> str:
    """What json.dumps writes for None, a bool, an int or a float (`allow_nan` as default)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value:
            return "NaN"
        if value == _INFINITY:
            return "Infinity"
        if value == -_INFINITY:
            return "-Infinity"
        return float.__repr__(value)
    raise _NotPlain
