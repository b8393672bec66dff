"""What `serve` answers for templates/assets/ when the folder leads out of the project."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mailglot.serve.events import Hub
from mailglot.serve.server import Refused, Site, resolve


def _site(root: Path) -> Site:
    return Site(root / "build", root / "templates" / "assets", Hub(), threading.Event())


@pytest.mark.parametrize("linked", ["templates", "templates/assets"])
def test_assets_of_a_folder_linked_elsewhere_are_refused(tmp_path: Path, linked: str) -> None:
    """templates/assets/ (or templates/) as a link to a folder elsewhere: serve answered any
    file of that folder, to any page that asked 127.0.0.1 for it."""
    elsewhere = tmp_path / "home"
    (elsewhere / "assets").mkdir(parents=True)
    (elsewhere / "assets/tax-return.pdf").write_bytes(b"%PDF private")
    (elsewhere / "tax-return.pdf").write_bytes(b"%PDF private")
    root = tmp_path / "project"
    (root / "build").mkdir(parents=True)
    link = root / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere, target_is_directory=True)
    assert (root / "templates/assets/tax-return.pdf").read_bytes() == b"%PDF private"
    with pytest.raises(Refused) as refused:
        resolve(_site(root), "/templates/assets/tax-return.pdf")
    assert (refused.value.status, str(refused.value)) == (
        403,
        "templates/assets/ leads outside the project",
    )


def test_assets_inside_the_project_are_served(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "templates/assets").mkdir(parents=True)
    (root / "templates/assets/logo.png").write_bytes(b"png")
    assert (
        resolve(_site(root), "/templates/assets/logo.png")
        == (root / "templates/assets/logo.png").resolve()
    )
