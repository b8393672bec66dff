"""A build state file nested deeper than the JSON reader goes (`[` 200,000 times) is damaged
like any other unreadable file, never a traceback.

`build/.merged-inputs.json` so damaged made every later build exit 1 with a RecursionError
until the user deleted it; a shard's meta.json or manifest.json so damaged made `merge` print
one, and so did its shard.json. Through the CLI, on real builds and shards of the scaffold."""

from __future__ import annotations

from pathlib import Path

from mailglot import merged_inputs
from mailglot.shard import RECORD
from tests.test_merge_check_inputs import shards_of_other_inputs
from tests.test_merge_untrusted import damaged_meta, jobs_of, refused
from tests.test_shard import shard_runs, small_project

DEEP = "[" * 200_000
DEEP_OBJECT = '{"a":' * 100_000

DAMAGED_RECORD = (
    "build/.merged-inputs.json: warning: unreadable (damaged, or not written by this "
    "mailglot); removed, so merge's warning about shards built from other inputs is not said "
    "again [build-state]"
)


def _merged_from_other_inputs(tmp_path: Path, cli) -> Path:
    base, shards = shards_of_other_inputs(tmp_path, cli)
    assert cli(base, "merge", *shards).exit_code == 0
    assert (base / "build" / merged_inputs.RECORD).is_file()
    return base


def test_a_deeply_nested_merged_inputs_record_is_told_once_and_removed(
    tmp_path: Path, cli
) -> None:
    base = _merged_from_other_inputs(tmp_path, cli)
    record = base / "build" / merged_inputs.RECORD
    record.write_text(DEEP, encoding="utf-8")
    built = cli(base, "build", "--no-screenshots", "--campaign", "welcome")
    assert built.exit_code == 0, built.output
    assert DAMAGED_RECORD in built.output.splitlines()
    assert not record.exists()
    again = cli(base, "build", "--no-screenshots")
    assert again.exit_code == 0, again.output
    assert "merged-inputs" not in again.output


def test_merged_inputs_entries_of_the_wrong_shape_are_dropped(tmp_path: Path) -> None:
    """Before, they came out stringified: "( differ)", "mailglot {'x': 1}", "inf differs"."""
    record = tmp_path / merged_inputs.RECORD
    record.write_text(
        '{"files": {"a/b/c": "x.po", "d/e/f": [], "g/h/i": [1e999], "j/k/l": ["m.po"]},'
        ' "versions": {"a/b/c": {"x": 1}, "d/e/f": "0.1"}}',
        encoding="utf-8",
    )
    assert merged_inputs.read(tmp_path) == merged_inputs.OtherInputs(
        {"j/k/l": ("m.po",)}, {"d/e/f": "0.1"}
    )
    for damaged in (DEEP, "[]", '{"files": [], "versions": {}}', '{"files": {}}'):
        record.write_text(damaged, encoding="utf-8")
        assert merged_inputs.read(tmp_path) is None, damaged


def test_a_shards_deeply_nested_meta_json_is_refused_as_damaged(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    first, second = shard_runs(tmp_path, cli, base, 2)
    meta = first / jobs_of(first)[0] / "meta.json"
    meta.write_text(DEEP, encoding="utf-8")
    refused(cli, base, [first, second], damaged_meta(meta))


def test_a_shards_deeply_nested_manifest_is_refused_as_damaged(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    first, second = shard_runs(tmp_path, cli, base, 2)
    for deep in (DEEP_OBJECT, DEEP):
        (first / "manifest.json").write_text(deep, encoding="utf-8")
        refused(
            cli,
            base,
            [first, second],
            f"{first}: no readable manifest.json (did this shard's build finish?)",
        )


def test_a_deeply_nested_local_manifest_is_rewritten_with_a_warning(
    tmp_path: Path, cli
) -> None:
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    (base / "build/manifest.json").write_text(DEEP_OBJECT, encoding="utf-8")
    built = cli(base, "build", "--no-screenshots")
    assert built.exit_code == 0, built.output
    assert (
        "build/manifest.json: warning: unreadable (damaged, or not written by this mailglot); "
        "treated as absent, a new one is written [build-state]"
    ) in built.output.splitlines()


def test_a_deeply_nested_shard_record_is_refused_as_not_mailglots(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    first, second = shard_runs(tmp_path, cli, base, 2)
    (second / RECORD).write_text(DEEP, encoding="utf-8")
    refused(cli, base, [first, second], f"{second / RECORD}: not a shard record mailglot wrote")


def test_a_jobs_meta_json_nested_too_deep_is_rebuilt_not_a_traceback(
    tmp_path: Path, cli
) -> None:
    """The up-to-date check reads every job's meta.json: one so damaged made `build` exit
    with a RecursionError traceback. It is a job to build again, like any unreadable one."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    meta = next((project / "build").glob("welcome/*/*/meta.json"))
    meta.write_text(DEEP, encoding="utf-8")
    again = cli(project, "build", "--no-screenshots")
    assert again.exit_code == 0, again.output
    assert "1 built" in again.output
    assert meta.read_text(encoding="utf-8").startswith("{")
