"""containment.resolves_inside: its quick answer (no link on the way) must agree with
following every link, wherever a link sits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mailglot.containment import resolves_inside


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "campaigns").mkdir(parents=True)
    (root / "campaigns/a.yaml").write_text("x")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/secret.yaml").write_text("x")
    (root / "campaigns/out.yaml").symlink_to(tmp_path / "elsewhere/secret.yaml")
    (root / "campaigns/in.yaml").symlink_to(root / "campaigns/a.yaml")
    (root / "linked").symlink_to(tmp_path / "elsewhere")
    (root / "inner").symlink_to(root / "campaigns")
    (tmp_path / "alias").symlink_to(root)  # the project reached through a link
    return root


@pytest.mark.parametrize(
    ("rel", "inside"),
    [
        ("campaigns/a.yaml", True),
        ("campaigns/missing.yaml", True),  # not there yet: nothing to follow
        ("campaigns/in.yaml", True),  # a link that stays inside
        ("inner/a.yaml", True),
        ("campaigns/out.yaml", False),  # a file link out
        ("linked/secret.yaml", False),  # a folder link out
        ("campaigns/../../elsewhere/secret.yaml", False),
        ("campaigns/../campaigns/a.yaml", True),
        ("", True),
    ],
)
def test_links_anywhere_on_the_way_are_followed(tree: Path, rel: str, inside: bool) -> None:
    for root in (tree, tree.parent / "alias"):
        path = os.path.join(root, rel) if rel else str(root)
        assert resolves_inside(root, path) is inside, (root, rel)
        assert resolves_inside(str(root) + "/", path) is inside, (root, rel)
    assert resolves_inside(tree, tree.parent / "elsewhere/secret.yaml") is False
