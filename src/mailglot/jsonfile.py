"""JSON files mailglot writes for itself (meta.json, manifest.json, shots.json, caches): one
way to read them back and one byte format to write them in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json(path: Path, default: Any = None) -> Any:
    """The file's value, or `default` when it is missing or not JSON (a build interrupted by
    an older mailglot, a hand edit): such a file counts as absent, never as an error."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError, json.JSONDecodeError):
        return default


def dump_json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode()
