"""commands/build.py: what the build command leaves behind in the process that ran it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import mailglot.build
from tests.test_shard import small_project


def test_the_collector_is_tuned_for_the_build_only(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = small_project(tmp_path, cli, "p")
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []
    real = mailglot.build.build

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        during.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(mailglot.build, "build", watched)
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    assert during == [(10_000, *before[1:])]
    assert gc.get_threshold() == before
    (project / "mailglot.yaml").write_text("brand: [\n", encoding="utf-8")  # the build fails
    assert cli(project, "build", "--no-screenshots").exit_code != 0
    assert len(during) == 2 and gc.get_threshold() == before
