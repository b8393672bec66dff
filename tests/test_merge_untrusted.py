"""merge reads shards as untrusted (CI artifacts): a manifest entry naming another job's
folder, files a build never writes, files bigger than a build writes, screenshot names that
are not mailglot's, and terminal escapes or line breaks in a shard's findings.

merge let a shard's entry overwrite another shard's job, copied any file of a job folder
(an `x.html` then served next to the email), read each file whole into memory (a 3 GB sparse
file: MemoryError), took any string as a shot name (written unescaped into the gallery), and
printed a shard's finding codes and line breaks raw."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from mailglot.errors import Diagnostic
from mailglot.project.settings import Screenshots
from mailglot.records import SHOT_NAMES, Review
from mailglot.shard_files import JOB_FILES, MAX_BYTES, MAX_JSON_BYTES
from mailglot.shots.state import shot_list
from tests.test_shard import files_under, shard_runs, small_project


@pytest.fixture
def shards(tmp_path: Path, cli) -> tuple[Path, list[Path]]:
    """A built project (its build/ the merge's output) and its two shards."""
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    return base, shard_runs(tmp_path, cli, base, 2)


def jobs_of(shard: Path) -> list[str]:
    return sorted(p.parent.relative_to(shard).as_posix() for p in shard.glob("*/*/*/meta.json"))


def edit_manifest(shard: Path, change) -> None:
    path = shard / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def refused(cli, base: Path, shards: list[Path], message: str) -> None:
    """merge exits 2 with exactly `message` and leaves build/ as it was."""
    before = files_under(base / "build")
    result = cli(base, "merge", *(str(s) for s in shards))
    assert (result.exit_code, result.output) == (2, f"mailglot: {message}\n")
    assert files_under(base / "build") == before


def damaged_meta(meta: Path) -> str:
    """What merge says of shard 1/2's job whose meta.json it cannot take as the job's."""
    return (
        f"{meta}: damaged or not this job's (shard 1/2); nothing was written: build that "
        "shard again, then merge"
    )


def test_an_entry_naming_another_jobs_folder_is_refused(shards, cli) -> None:
    base, (first, second) = shards
    theirs, mine = jobs_of(first)[0], jobs_of(second)[-1]
    shutil.copytree(first / theirs, second / theirs)
    (second / theirs / "email.txt").write_text("shard 2's copy", encoding="utf-8")

    def point_elsewhere(data: dict) -> None:
        entry = next(e for e in data["jobs"] if e["id"] == mine)
        entry["path"] = theirs

    edit_manifest(second, point_elsewhere)
    refused(
        cli,
        base,
        [first, second],
        f"{second / 'manifest.json'}: the entry of job {mine} names the folder {theirs}; a "
        "job's folder is its id (campaign/locale/variant), so this shard could write over "
        "another job's files; nothing was written: build that shard again, then merge",
    )


def test_a_file_a_build_never_writes_is_refused(shards, cli) -> None:
    base, (first, second) = shards
    job = first / jobs_of(first)[0]
    (job / "x.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    refused(
        cli,
        base,
        [first, second],
        f"{job / 'x.html'}: not a file a build writes in a job's folder (shard 1/2); refusing "
        "to merge it, nothing was written: build that shard again, then merge",
    )


def test_a_file_bigger_than_a_build_writes_is_refused_unread(shards, cli) -> None:
    base, (first, second) = shards
    shot = first / jobs_of(first)[0] / "phone.png"
    with shot.open("wb") as fh:  # sparse: no disk used, and never read
        fh.truncate(MAX_BYTES + 1)
    refused(
        cli,
        base,
        [first, second],
        f"{shot}: 268,435,457 bytes, more than a build writes in this file (268,435,456 at "
        "most; shard 1/2); refusing to merge it: build that shard again, then merge",
    )
    shot.unlink()
    # what merge reads whole: a job's meta.json, a shard's manifest
    meta = first / jobs_of(first)[0] / "meta.json"
    with meta.open("ab") as fh:
        fh.truncate(MAX_JSON_BYTES + 1)
    refused(
        cli,
        base,
        [first, second],
        f"{meta}: 16,777,217 bytes, more than a build writes in this file (16,777,216 at "
        "most; shard 1/2); refusing to merge it: build that shard again, then merge",
    )
    manifest = second / "manifest.json"
    with manifest.open("ab") as fh:
        fh.truncate(MAX_BYTES + 1)
    refused(
        cli,
        base,
        [first, second],
        f"{manifest}: 268,435,457 bytes, more than a build writes in this file (268,435,456 "
        "at most; shard 2/2); refusing to merge it: build that shard again, then merge",
    )


def test_files_are_copied_in_pieces_and_rewritten_only_when_they_differ(shards, cli) -> None:
    base, (first, second) = shards
    job = jobs_of(first)[0]
    big = bytes(range(256)) * (10 * 1024 + 3)  # 2.5 MB: three pieces, the last one short
    (first / job / "phone.png").write_bytes(big)
    result = cli(base, "merge", str(first), str(second))
    assert result.exit_code == 0, result.output
    assert (base / "build" / job / "phone.png").read_bytes() == big

    again = cli(base, "merge", str(first), str(second), "--json")
    assert json.loads(again.stdout)["summary"]["files_written"] == 0
    # one byte changed at the very end, past the first pieces: copied again
    changed = big[:-1] + b"\x00"
    (first / job / "phone.png").write_bytes(changed)
    again = cli(base, "merge", str(first), str(second), "--json")
    assert json.loads(again.stdout)["summary"]["files_written"] == 1
    assert (base / "build" / job / "phone.png").read_bytes() == changed
    assert not [p for p in (base / "build" / job).iterdir() if p.name.startswith(".")]


EVIL = 'x" onerror="document.title=\'GALLERY-XSS\'" y="'


def test_a_shot_name_mailglot_does_not_take_is_refused(shards, cli) -> None:
    base, (first, second) = shards
    job = jobs_of(first)[0]
    meta = first / job / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["visual"] = {
        "current": True,
        "sizes": {EVIL: [375, 800]},
        "baseline": True,
        "changed": True,
        "changed_share": 0.5,
        "shots": {EVIL: 0.5},
    }
    meta.write_text(json.dumps(data, indent=2), encoding="utf-8")
    refused(cli, base, [first, second], damaged_meta(meta))

    def shot_named(data: dict) -> None:
        entry = next(e for e in data["jobs"] if e["id"] == job)
        entry["visual"] = json.loads(meta.read_text(encoding="utf-8"))["visual"]

    edit_manifest(first, shot_named)
    refused(
        cli,
        base,
        [first, second],
        f"{first}: no readable manifest.json (did this shard's build finish?)",
    )


@pytest.mark.parametrize(
    "visual",
    [
        {"sizes": {EVIL: [375, 800]}, "shots": {}},
        {"sizes": {}, "shots": {"phone.png": 0.5}},
        {"sizes": {"phone": ["375", 800]}, "shots": {}},
        {"sizes": {"phone": [375, 800, 1]}, "shots": {}},
        {"sizes": {}, "shots": {"phone": "0.5"}},
    ],
)
def test_review_takes_only_mailglots_shot_names_and_numbers(visual: dict) -> None:
    data = {"current": True, "baseline": True, "changed": True, "changed_share": 0.5, **visual}
    with pytest.raises(ValueError, match="unexpected value"):
        Review.from_dict(data)
    every = {
        "current": True,
        "sizes": {name: [375, 800] for name in SHOT_NAMES},
        "baseline": True,
        "changed": True,
        "changed_share": 0.5,
        "shots": {name: None if name == "phone" else 0.25 for name in SHOT_NAMES},
    }
    assert Review.from_dict(every).to_dict() == every


def test_the_names_merge_takes_are_the_ones_a_build_writes() -> None:
    shots = shot_list(Screenshots(dark=True))
    assert tuple(s.name for s in shots) == SHOT_NAMES
    example = Path(__file__).resolve().parent.parent / "build"
    written = {p.name for p in example.glob("*/*/*/*") if p.is_file()}
    assert written <= JOB_FILES


def test_a_shards_codes_and_line_breaks_reach_the_terminal_escaped(shards, cli) -> None:
    base, (first, second) = shards
    job = jobs_of(second)[-1]

    def findings(data: dict) -> None:
        entry = next(e for e in data["jobs"] if e["id"] == job)
        entry["findings"] = [
            {
                "path": "build/x",
                "line": None,
                "code": "links.https\x1b[2J\x1b]0;T\x07",
                "severity": "error",
                "message": "m\nmailglot: all clear",
            }
        ]
        data["diagnostics"].append(
            {
                "path": "calendars/events.yaml",
                "line": None,
                "code": "build-state.inputs",
                "severity": "warning",
                "message": "fine\nmailglot: 0 error(s), 0 warning(s) in 9 jobs",
            }
        )

    edit_manifest(second, findings)
    result = cli(base, "merge", str(first), str(second), "-q")
    assert result.exit_code == 1
    assert result.output == (
        "build/x: m\\nmailglot: all clear [error: links.https\\x1b[2J\\x1b]0;T\\x07] "
        f"(1 job: {job})\n"
    )
    # check says the shard's build-wide finding again: on its own line, with no line of its own
    assert cli(base, "check").output == (
        "calendars/events.yaml: warning: fine\\nmailglot: 0 error(s), 0 warning(s) in 9 jobs "
        "[build-state.inputs]\n"
        "locales/fr_FR/LC_MESSAGES/messages.po: warning: untranslated: 'Hello from Acme'; the "
        "source text is used [l10n.missing] (1 job: promo/fr_FR/b)\n"
        "mailglot: 0 error(s), 2 warning(s) in 9 jobs\n"
    )


def test_a_finding_is_one_line_whatever_its_fields_hold() -> None:
    d = Diagnostic("a\nb\x1b", 3, "c\x1bd\ne", "error", "one\ntwo\tthree\r")
    assert (d.path, d.code, d.message) == ("a\\nb\\x1b", "c\\x1bd\\ne", "one\\ntwo\tthree\\x0d")
    assert Diagnostic(d.path, 3, d.code, "error", d.message) == d  # escaping twice: the same
    plain = Diagnostic("build/x", None, "links", "warning", "plain text, ünïcode")
    assert plain.message == "plain text, ünïcode"
    assert os.linesep not in str(d)
