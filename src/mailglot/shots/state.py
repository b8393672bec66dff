"""What the screenshots of a job were taken from, kept in `shots.json` next to them.

A job is shot again only when its key changes: the preview's bytes, the local assets it
references, the screenshot settings and the code that shoots. The layout findings made
while shooting live here too, so a rebuild that does not reshoot keeps them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mailglot.containment import link_out
from mailglot.jsonfile import dump_json, read_json
from mailglot.output import atomic_write
from mailglot.project.settings import Screenshots
from mailglot.records import JobPlace

STATE = "shots.json"
PHONE_HEIGHT = 667  # an iPhone SE / 8 screen: what a reader sees before scrolling
DESKTOP_HEIGHT = 800
_ASSET = re.compile(re.escape(JobPlace.to_project_root()) + r"""templates/assets/([^"'()\s?#]+)""")


@dataclass(frozen=True)
class Shot:
    """One screenshot: its file stem (`phone`, `dark-desktop`), width and colour scheme."""

    name: str
    width: int
    height: int
    dark: bool


def shot_list(config: Screenshots) -> tuple[Shot, ...]:
    shots = [
        Shot("phone", config.phone, PHONE_HEIGHT, False),
        Shot("desktop", config.desktop, DESKTOP_HEIGHT, False),
    ]
    if config.dark:
        shots += [Shot(f"dark-{s.name}", s.width, s.height, True) for s in shots]
    return tuple(shots)


@cache
def _code_hash() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("capture.py", "layout.js", "layout.py", "state.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def shot_key(folder: Path, project_root: Path, config: Screenshots) -> str | None:
    """None when there is no preview to shoot."""
    try:
        preview = (folder / "preview.html").read_bytes()
    except FileNotFoundError:
        return None
    digest = hashlib.sha256(preview)
    assets = project_root / "templates" / "assets"
    for rel in sorted(set(_ASSET.findall(preview.decode("utf-8", "replace")))):
        digest.update(rel.encode())
        if link_out(project_root, assets / rel) is not None:  # never read; the render reports it
            digest.update(b"outside")
            continue
        try:
            digest.update(hashlib.sha256((assets / rel).read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    settings = config.model_dump(exclude={"browser"})
    digest.update(json.dumps(settings, sort_keys=True).encode())
    digest.update(_code_hash().encode())
    return digest.hexdigest()


@dataclass
class ShotState:
    key: str | None = None
    sizes: dict[str, list[int]] = field(default_factory=dict)  # name -> [width, height]
    layout: list[dict[str, Any]] = field(default_factory=list)  # raw layout.js findings
    error: str | None = None
    review: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> comparison

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "sizes": self.sizes,
            "layout": self.layout,
            "error": self.error,
            "review": self.review,
        }


def read_state(folder: Path) -> ShotState:
    data = read_json(folder / STATE)
    if not isinstance(data, dict):
        return ShotState()
    return ShotState(
        data.get("key"),
        data.get("sizes", {}),
        data.get("layout", []),
        data.get("error"),
        data.get("review", {}),
    )


def write_state(folder: Path, state: ShotState, out: Path) -> None:
    atomic_write(folder / STATE, dump_json(state.to_dict()), out)


def is_shot(folder: Path, key: str | None, state: ShotState) -> bool:
    return (
        key is not None
        and state.key == key
        and state.error is None
        and all((folder / f"{name}.png").is_file() for name in state.sizes)
    )
