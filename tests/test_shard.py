"""`build --shard K/N` and `mailglot merge`: every job in exactly one shard, and shards merged
into the build a single run makes (same manifest, same gallery, same files)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from mailglot.errors import UsageError
from mailglot.shard import Shard, parse_shard, shard_of

OUTPUTS = ("manifest.json", "gallery-data.js", "index.html")


@dataclass(frozen=True)
class FakeJob:
    id: str
    key: str = "k"


@pytest.mark.parametrize("total", [1, 2, 3, 4, 7])
@pytest.mark.parametrize("count", [0, 1, 5, 70, 101])
def test_shards_cover_every_job_exactly_once_and_are_balanced(count: int, total: int) -> None:
    jobs = [FakeJob(f"c{i % 4}/l{i % 9}/{i}") for i in range(count)]
    shares = [shard_of(list(reversed(jobs)), Shard(k, total)) for k in range(1, total + 1)]
    ids = [job.id for share in shares for job in share]
    assert sorted(ids) == sorted(job.id for job in jobs)  # all of them, none twice
    sizes = [len(share) for share in shares]
    assert max(sizes) - min(sizes) <= 1
    # deterministic: the order the plan comes in does not matter
    assert shares == [shard_of(jobs, Shard(k, total)) for k in range(1, total + 1)]


@pytest.mark.parametrize(
    "text, message",
    [
        ("0/3", "--shard 0/3: K must be between 1 and N (N at least 1)"),
        ("4/3", "--shard 4/3: K must be between 1 and N (N at least 1)"),
        ("1/0", "--shard 1/0: K must be between 1 and N (N at least 1)"),
        ("two/3", "--shard expects K/N (e.g. 2/4), got 'two/3'"),
        ("3", "--shard expects K/N (e.g. 2/4), got '3'"),
    ],
)
def test_a_bad_shard_is_a_usage_error(text: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        parse_shard(text)
    assert str(exc.value) == message
    assert parse_shard(" 2 / 5 ") == Shard(2, 5)


def test_the_cli_refuses_a_bad_shard_with_exit_2(tmp_path: Path, cli) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    result = cli(project, "build", "--no-screenshots", "--shard", "4/3")
    assert result.exit_code == 2
    assert "--shard 4/3: K must be between 1 and N" in result.output


def small_project(tmp_path: Path, cli, name: str) -> Path:
    """The scaffold with a second, two-variant campaign: 9 jobs in 3 locales."""
    project = tmp_path / name
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    welcome = (project / "campaigns/welcome.yaml").read_text(encoding="utf-8")
    (project / "campaigns/promo.yaml").write_text(
        welcome.replace(
            'subject: "Welcome to Acme, {first_name}"',
            'subject:\n  a: "Welcome to Acme, {first_name}"\n  b: "Hello from Acme"',
        ),
        encoding="utf-8",
    )
    return project


def files_under(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_shards_merge_into_the_build_a_single_run_makes(tmp_path: Path, cli) -> None:
    single = small_project(tmp_path, cli, "single")
    assert cli(single, "build", "--no-screenshots").exit_code == 0
    shards = []
    for k in (1, 2, 3):
        runner = tmp_path / f"runner{k}"
        shutil.copytree(single, runner, ignore=shutil.ignore_patterns("build"))
        result = cli(runner, "build", "--no-screenshots", "--shard", f"{k}/3")
        assert result.exit_code == 0, result.output
        assert (runner / "build/shard.json").is_file()
        shards.append(runner / "build")
    built = [len(list(s.glob("*/*/*/meta.json"))) for s in shards]
    assert sorted(built) == [3, 3, 3] and sum(built) == 9

    target = tmp_path / "merged"
    shutil.copytree(single, target, ignore=shutil.ignore_patterns("build"))
    result = cli(target, "merge", *(str(s) for s in reversed(shards)))
    assert result.exit_code == 0, result.output
    assert "merged 3 shard(s): 9 jobs" in result.output

    merged, alone = files_under(target / "build"), files_under(single / "build")
    assert "shard.json" not in merged
    for name in OUTPUTS:
        assert merged[name] == alone[name], name
    assert merged == alone

    # merging again changes nothing; a later full build finds everything current
    assert cli(target, "merge", *(str(s) for s in shards)).exit_code == 0
    assert files_under(target / "build") == alone
    again = cli(target, "build", "--no-screenshots")
    assert "0 built, 9 unchanged" in again.output


def test_merge_refuses_incomplete_doubled_or_foreign_shards(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    shards = {}
    for k in (1, 2):
        runner = tmp_path / f"runner{k}"
        shutil.copytree(base, runner)
        assert cli(runner, "build", "--no-screenshots", "--shard", f"{k}/2").exit_code == 0
        shards[k] = runner / "build"

    result = cli(base, "merge", str(shards[1]))
    assert result.exit_code == 2
    assert "shard(s) 2/2 missing: merge needs all of them" in result.output

    result = cli(base, "merge", str(shards[1]), str(shards[1]), str(shards[2]))
    assert result.exit_code == 2
    assert "are both shard 1/2" in result.output

    other = tmp_path / "other"
    shutil.copytree(base, other)
    campaign = other / "campaigns/welcome.yaml"
    campaign.write_text(campaign.read_text().replace("Welcome to", "Hi from"))
    assert cli(other, "build", "--no-screenshots", "--shard", "2/2").exit_code == 0
    result = cli(base, "merge", str(shards[1]), str(other / "build"))
    assert result.exit_code == 2
    assert "of another plan than" in result.output

    result = cli(base, "merge", str(base / "campaigns"))
    assert result.exit_code == 2
    assert "no shard.json: not the build/ folder of a `mailglot build --shard K/N`" in (
        result.output
    )

    secret = tmp_path / "secret.txt"
    secret.write_text("outside")
    job = next(shards[1].glob("*/*/*/meta.json")).parent
    (job / "leak.png").symlink_to(secret)
    result = cli(base, "merge", str(shards[1]), str(shards[2]))
    assert result.exit_code == 2
    assert "a symlink in a shard's build/; refusing to copy it" in result.output
    assert not any(p.read_bytes() == b"outside" for p in (base / "build").rglob("*.png"))


def shard_runs(tmp_path: Path, cli, base: Path, total: int) -> list[Path]:
    """`build --shard K/TOTAL` of copies of `base`, each in its own runner folder."""
    shards = []
    for k in range(1, total + 1):
        runner = tmp_path / f"runner{k}"
        shutil.copytree(base, runner, ignore=shutil.ignore_patterns("build"))
        result = cli(runner, "build", "--no-screenshots", "--shard", f"{k}/{total}")
        assert result.exit_code == 0, result.output
        shards.append(runner / "build")
    return shards


def test_merge_never_reads_through_a_link_out_of_a_shard_and_writes_nothing(
    tmp_path: Path, cli
) -> None:
    """A shard artifact whose campaign folder is a link elsewhere: merge used to copy the
    first shard, then copy whatever the link led to into build/ (and delete the job's own
    files there), before failing on a later check."""
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    before = files_under(base / "build")
    edited = tmp_path / "edited"
    shutil.copytree(base, edited, ignore=shutil.ignore_patterns("build"))
    campaign = edited / "campaigns/welcome.yaml"
    campaign.write_text(campaign.read_text().replace("Welcome to", "Hi from"))
    first, second = shard_runs(tmp_path, cli, edited, 2)

    job = next(second.glob("welcome/*/*/meta.json")).parent
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(second / "welcome", elsewhere)
    (elsewhere / job.parent.name / job.name / "secret.txt").write_text("not the shard's")
    shutil.rmtree(second / "welcome")
    (second / "welcome").symlink_to(elsewhere, target_is_directory=True)

    result = cli(base, "merge", str(first), str(second))
    assert result.exit_code == 2
    source = second / "welcome" / job.parent.name / job.name
    assert result.output == (
        f"mailglot: {source}: leads outside the shard (a link to "
        f"{elsewhere / job.parent.name / job.name}); refusing to copy from it\n"
    )
    assert files_under(base / "build") == before  # the first shard was not copied either


def test_merge_of_a_shard_of_a_huge_n_names_a_few_missing_shards(tmp_path: Path, cli) -> None:
    """N comes from shard.json: merge listed every missing shard and never finished."""
    base = small_project(tmp_path, cli, "base")
    total = 10**12
    runner = tmp_path / "runner"
    shutil.copytree(base, runner)
    result = cli(runner, "build", "--no-screenshots", "--shard", f"1/{total}")
    assert result.exit_code == 0, result.output
    result = cli(base, "merge", str(runner / "build"))
    assert result.exit_code == 2
    named = ", ".join(f"{k}/{total}" for k in range(2, 7))
    assert result.output == (
        f"mailglot: shard(s) {named} and 999,999,999,994 more missing: merge needs all of them\n"
    )


def test_merge_writes_only_into_a_build_folder(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = small_project(tmp_path, cli, "base")
    shards = [str(s) for s in shard_runs(tmp_path, cli, base, 2)]
    result = cli(base, "merge", *shards, "--out", str(base))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: --out {base}: the project is in it; give a folder for the build\n"
    )
    assert not (base / "manifest.json").exists() and not (base / "welcome").exists()

    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "index.html").write_text("mine")
    result = cli(base, "merge", *shards, "--out", str(documents))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: --out {documents}: holds files that are not a mailglot build (no "
        "manifest.json); give a new or empty folder, or an earlier build's\n"
    )
    assert [p.name for p in documents.iterdir()] == ["index.html"]
    assert (documents / "index.html").read_text() == "mine"

    missing = tmp_path / "ci" / "merged"
    result = cli(base, "merge", *shards, "--out", str(missing))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: --out {missing}: the folder {missing.parent} does not exist; create it "
        "first, or give a path in an existing folder\n"
    )
    assert not (tmp_path / "ci").exists()

    fresh = tmp_path / "fresh"
    assert cli(base, "merge", *shards, "--out", str(fresh)).exit_code == 0
    fresh.joinpath("here").mkdir()
    monkeypatch.chdir(fresh / "here")  # `--out .` and `..` name a folder that is there
    assert cli(base, "merge", *shards, "--out", ".").exit_code == 0
    assert (fresh / "here/manifest.json").is_file()
    assert cli(base, "merge", *shards, "--out", "..").exit_code == 0  # a build's: reused
    monkeypatch.chdir(base)
    result = cli(base, "merge", *shards, "--out", ".")
    assert (
        result.output
        == f"mailglot: --out {base}: the project is in it; give a folder for the build\n"
    )
    assert cli(base, "merge", *shards, "--out", str(fresh)).exit_code == 0  # a build's: reused


def test_a_damaged_shard_record_is_named_as_such(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    first, second = shard_runs(tmp_path, cli, base, 2)
    (first / "shard.json").write_bytes(b'{"shard": "1/2", "planned": 1e400, "jobs": []}')
    result = cli(base, "merge", str(first), str(second))
    assert result.exit_code == 2
    assert result.output == f"mailglot: {first / 'shard.json'}: not a shard record mailglot wrote\n"


def test_merge_refuses_shards_of_another_project_or_of_a_selection(tmp_path: Path, cli) -> None:
    """Shards of another project were merged without a word (a gallery of its emails, checked
    against this project's settings); shards built with --campaign made a build/ of that
    campaign alone, pruning every other campaign's emails."""
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    before = files_under(base / "build")

    other = tmp_path / "other"
    shutil.copytree(base, other, ignore=shutil.ignore_patterns("build"))
    (other / "campaigns/promo.yaml").rename(other / "campaigns/sale.yaml")
    foreign = [str(s) for s in shard_runs(tmp_path / "o", cli, other, 2)]
    result = cli(base, "merge", *foreign)
    assert result.exit_code == 2
    assert result.output == (
        "mailglot: the shards hold 6 job(s) this project does not plan (e.g. sale/en_US/a): "
        "they are builds of another project or commit; merge them in a checkout of the commit "
        "they were built from\n"
    )

    # shards of a selection: `build` refuses --shard with --campaign now (below), but shards
    # an older mailglot built, or of a project with a campaign fewer, still reach merge
    fewer = tmp_path / "fewer"
    shutil.copytree(base, fewer, ignore=shutil.ignore_patterns("build"))
    (fewer / "campaigns/promo.yaml").unlink()
    partial = [str(s) for s in shard_runs(tmp_path / "f", cli, fewer, 2)]
    result = cli(base, "merge", *partial)
    assert result.exit_code == 2
    assert result.output == (
        "mailglot: the shards hold 3 of this project's 9 jobs (promo/en_US/a is in none): were "
        "they built with --campaign, --locale or --market? merge makes a whole build/; build "
        "every shard without them\n"
    )
    assert files_under(base / "build") == before


def test_merge_never_cleans_a_job_folder_that_leads_out_of_build(tmp_path: Path, cli) -> None:
    """An output build/<campaign> linked elsewhere, and a shard whose job folder is empty (a
    job that failed there; a built one missing its files is refused): no file was written
    (the write is what refused the link), then every file of the folder it led to was
    deleted as a shot the shard no longer has."""
    base = small_project(tmp_path, cli, "base")
    first, second = shard_runs(tmp_path, cli, base, 2)
    job = next(first.glob("welcome/*/*/meta.json")).parent
    for item in job.iterdir():
        item.unlink()
    manifest = json.loads((first / "manifest.json").read_text())
    job_id = f"welcome/{job.parent.name}/{job.name}"
    for entry in manifest["jobs"]:
        if entry["id"] == job_id:
            entry["status"], entry["stale"] = "failed", True
    (first / "manifest.json").write_text(json.dumps(manifest, indent=2))
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / job.parent.name / job.name).mkdir(parents=True)
    (elsewhere / job.parent.name / job.name / "mine.txt").write_text("keep")
    (base / "build").mkdir()
    (base / "build/welcome").symlink_to(elsewhere, target_is_directory=True)
    result = cli(base, "merge", str(first), str(second))
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: {base / 'build/welcome'} is a link to {elsewhere}, outside build/; "
        "mailglot does not write through it (remove the link)\n"
    )
    assert (elsewhere / job.parent.name / job.name / "mine.txt").read_text() == "keep"


def test_merge_json_and_quiet(tmp_path: Path, cli) -> None:
    """merge took neither --json nor --quiet (SPEC 5: every command that reports does)."""
    base = small_project(tmp_path, cli, "base")
    shards = []
    for k in (1, 2):
        runner = tmp_path / f"runner{k}"
        shutil.copytree(base, runner)
        assert cli(runner, "build", "--no-screenshots", "--shard", f"{k}/2").exit_code == 0
        shards.append(str(runner / "build"))
    result = cli(base, "merge", *shards, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc == {
        "command": "merge",
        "ok": True,
        "summary": {
            "shards": 2,
            "jobs": 9,
            "files_written": 63,
            "removed": [],
            "errors": 0,
            "warnings": 1,
            "out": str((base / "build").resolve()),
        },
        "findings": [
            {
                "path": "locales/fr_FR/LC_MESSAGES/messages.po",
                "line": None,
                "code": "l10n.missing",
                "severity": "warning",
                "message": "untranslated: 'Hello from Acme'; the source text is used",
                "job": "promo/fr_FR/b",
            }
        ],
    }
    result = cli(base, "merge", *shards, "--quiet")
    assert (result.exit_code, result.output) == (0, "")

    gone = tmp_path / "runner3" / "build"
    result = cli(base, "merge", shards[0], str(gone), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "command": "merge",
        "ok": False,
        "summary": {"error": f"{gone} does not exist; give the build/ folder of each shard"},
        "findings": [],
    }
    result = cli(base, "merge", shards[0], "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"] == {
        "error": "shard(s) 2/2 missing: merge needs all of them"
    }
    result = cli(base, "merge", shards[0], str(gone))
    assert result.exit_code == 2
    assert (
        result.output == f"mailglot: {gone} does not exist; give the build/ folder of each shard\n"
    )


@pytest.mark.parametrize(
    "selection, named",
    [
        (("--campaign", "welcome"), "--campaign"),
        (("--locale", "fr_FR", "--market", "FR"), "--locale or --market"),
    ],
)
def test_build_refuses_a_shard_of_a_selection_before_building_anything(
    tmp_path: Path, cli, selection: tuple[str, ...], named: str
) -> None:
    """Shards of `--campaign welcome` built fine on every runner, then merge refused them all
    (it makes a whole build/). The build says so up front, as wrong usage, and writes nothing."""
    base = small_project(tmp_path, cli, "base")
    for as_json in ((), ("--json",)):
        result = cli(base, "build", "--no-screenshots", *selection, "--shard", "1/2", *as_json)
        assert result.exit_code == 2
        message = (
            f"--shard cannot be combined with {named}: shards are shares of the whole build, "
            "which `mailglot merge` puts back together; build the selection without --shard, "
            "or every shard without the selection"
        )
        if as_json:
            assert json.loads(result.stdout)["summary"] == {"error": message}
        else:
            assert result.output == f"mailglot: {message}\n"
    assert not (base / "build").exists()
