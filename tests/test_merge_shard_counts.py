"""`merge` of shards split into different numbers of parts names both shards' K/N (it said
"another plan", as for shards built from another commit)."""

from __future__ import annotations

import shutil
from pathlib import Path


def test_shards_of_different_n_are_named_with_their_k_of_n(tmp_path: Path, cli) -> None:
    base = tmp_path / "base"
    assert cli(tmp_path, "init", str(base)).exit_code == 0
    builds = {}
    for shard in ("1/2", "2/3"):
        runner = tmp_path / f"runner{shard.replace('/', 'of')}"
        shutil.copytree(base, runner)
        assert cli(runner, "build", "--no-screenshots", "--shard", shard).exit_code == 0
        builds[shard] = runner / "build"
    result = cli(base, "merge", str(builds["1/2"]), str(builds["2/3"]))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {builds['2/3']} is shard 2/3 but {builds['1/2']} is shard 1/2: the shards "
        "of one merge split the jobs into the same number of parts (N in --shard K/N); build "
        "them all with /2 or all with /3\n"
    )
    assert not (base / "build").exists()
