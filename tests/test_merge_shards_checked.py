"""merge: an --out folder that merely holds a manifest.json, shards missing files, shards with a
failed job, and shards built from other inputs than the checkout merging them.

merge took any folder holding a file named manifest.json for a build, then replaced its
manifest.json and index.html and deleted every `<a>/<b>/<c>/` folder holding a meta.json (a
blog's posts); it merged a shard whose job had lost its email.html as a complete build; and it
merged shards built from another translation without a word."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.test_shard import files_under, shard_runs, small_project


def everything_under(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder, dotfiles included (a .lock made counts as a change)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def test_merge_refuses_an_out_folder_whose_manifest_is_not_a_builds(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    shards = [str(s) for s in shard_runs(tmp_path, cli, base, 2)]
    site = tmp_path / "site"
    (site / "posts/2024/hello").mkdir(parents=True)
    (site / "manifest.json").write_text('{"name": "My PWA"}')
    (site / "index.html").write_text("<h1>my site</h1>")
    (site / "posts/2024/hello/meta.json").write_text('{"title": "Hello"}')
    (site / "posts/2024/hello/post.md").write_text("# my post")
    before = everything_under(site)
    message = (
        f"mailglot: --out {site}: holds files that are not a mailglot build (its manifest.json "
        "is not one mailglot wrote); nothing was written or removed there: give a new or empty "
        "folder, or an earlier build's\n"
    )
    for manifest in (
        '{"name": "My PWA"}',
        '{"jobs": [], "diagnostics": []}',  # shaped like one, but no mailglot wrote it
        '{"mailglot": "0.1.0", "jobs": [{"id": 1}], "diagnostics": []}',
        '{\n  "mailglot": "0.1.0",\n  "jobs": [',  # a build's, cut short
        "not json at all",
    ):
        (site / "manifest.json").write_text(manifest)
        before["manifest.json"] = manifest.encode()
        result = cli(base, "merge", *shards, "--out", str(site))
        assert (result.exit_code, result.output) == (2, message), manifest
        assert everything_under(site) == before

    result = cli(base, "merge", *shards, "--out", str(site), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"] == {
        "error": message.removeprefix("mailglot: ")[:-1]
    }

    # an earlier merge's output is a build: merged into again, its own files replaced
    fresh = tmp_path / "fresh"
    assert cli(base, "merge", *shards, "--out", str(fresh)).exit_code == 0
    (fresh / "notes.txt").write_text("mine")
    result = cli(base, "merge", *shards, "--out", str(fresh))
    assert result.exit_code == 0, result.output
    assert (fresh / "notes.txt").read_text() == "mine"


def test_merge_refuses_a_shard_missing_a_jobs_files_and_writes_nothing(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    assert cli(base, "build", "--no-screenshots").exit_code == 0
    before, built = everything_under(base / "build"), files_under(base / "build")
    first, second = shard_runs(tmp_path, cli, base, 2)
    job = second / "promo/fr_FR/b"
    assert "promo/fr_FR/b" in json.loads((second / "shard.json").read_text())["jobs"]
    kept = {p.name: p.read_bytes() for p in job.iterdir()}

    def refused(*gone: str) -> str:
        for name in gone:
            (job / name).unlink()
        result = cli(base, "merge", str(first), str(second))
        for name, data in kept.items():
            (job / name).write_bytes(data)
        assert result.exit_code == 2
        assert everything_under(base / "build") == before  # not even the first shard's files
        return result.output

    assert refused("email.html") == (
        f"mailglot: {job}: email.html is missing from shard 2/2, which lists promo/fr_FR/b as "
        "built (an artifact upload cut short?); nothing was written: build that shard again, "
        "then merge\n"
    )
    assert refused("email.txt", "email.eml") == (
        f"mailglot: {job}: email.txt and email.eml are missing from shard 2/2, which lists "
        "promo/fr_FR/b as built (an artifact upload cut short?); nothing was written: build "
        "that shard again, then merge\n"
    )
    assert "meta.json is missing from shard 2/2" in refused("meta.json")

    (job / "meta.json").write_text('{"campaign": "welcome"')
    result = cli(base, "merge", str(first), str(second))
    assert (result.exit_code, result.output) == (
        2,
        f"mailglot: {job / 'meta.json'}: damaged or not this job's (shard 2/2); nothing was "
        "written: build that shard again, then merge\n",
    )
    (job / "meta.json").write_bytes(kept["meta.json"])
    assert everything_under(base / "build") == before

    result = cli(base, "merge", str(first), str(second))
    assert result.exit_code == 0, result.output
    assert files_under(base / "build") == built


def test_a_shard_with_a_failed_job_merges_into_the_build_a_single_run_makes(
    tmp_path: Path, cli
) -> None:
    """A runner with a content error hands in its build (the README's workflow uploads it):
    merge refused it, 'listed in its manifest but not a folder in the shard'."""
    base = small_project(tmp_path, cli, "base")
    template = base / "templates/welcome.mjml.j2"
    intro = "<mj-text>{{ data.strings.intro }}</mj-text>"
    broken = (
        '<mj-text>{{ data.strings.intro }}{% if locale.code == "fr_FR" %}{{ broken }}'
        "{% endif %}</mj-text>"
    )
    template.write_text(template.read_text().replace(intro, broken))
    single = tmp_path / "single"
    shutil.copytree(base, single)
    assert cli(single, "build", "--no-screenshots").exit_code == 1
    shards = []
    for k in (1, 2):
        runner = tmp_path / f"runner{k}"
        shutil.copytree(base, runner)
        assert cli(runner, "build", "--no-screenshots", "--shard", f"{k}/2").exit_code in (0, 1)
        shards.append(str(runner / "build"))
    result = cli(base, "merge", *shards)
    assert result.exit_code == 1, result.output
    assert "merged 2 shard(s): 9 jobs" in result.output and "3 error(s)" in result.output
    assert not (base / "build/welcome/fr_FR").exists() and (base / "build/welcome/en_US").is_dir()
    assert files_under(base / "build") == files_under(single / "build")


def test_merge_says_when_the_shards_were_built_from_other_inputs(tmp_path: Path, cli) -> None:
    """Shards built from a commit whose French catalog differs: merged, and said, with what
    to do (before: exit 0 and nothing said, the other text in build/)."""
    base = small_project(tmp_path, cli, "base")
    edited = tmp_path / "edited"
    shutil.copytree(base, edited)
    catalog = edited / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Commencer"' in text
    catalog.write_text(text.replace('msgstr "Commencer"', 'msgstr "Démarrer"'), encoding="utf-8")
    shards = [str(s) for s in shard_runs(tmp_path, cli, edited, 2)]

    result = cli(base, "merge", *shards)
    assert result.exit_code == 0, result.output
    warning = (
        "the shards were built from other inputs than this checkout "
        "(locales/fr_FR/LC_MESSAGES/messages.po differs): 3 of 9 job(s) in build/ are not what "
        "this checkout builds (e.g. promo/fr_FR/a); run `mailglot build` here to bring them up "
        "to date, or merge in a checkout of the commit the shards were built from"
    )
    assert result.output.splitlines()[0] == f"mailglot: warning: {warning}"
    assert "merged 2 shard(s): 9 jobs" in result.output.splitlines()[1]
    assert "Démarrer" in (base / "build/welcome/fr_FR/a/email.txt").read_text(encoding="utf-8")

    document = json.loads(cli(base, "merge", *shards, "--json").stdout)
    assert document["ok"] is True
    assert document["findings"][0] == {
        "path": "locales/fr_FR/LC_MESSAGES/messages.po",
        "line": None,
        "code": "build-state.inputs",
        "severity": "warning",
        "message": warning,
        "job": None,
    }
    assert cli(base, "merge", *shards, "--quiet").output == ""

    rebuilt = cli(base, "build", "--no-screenshots")
    assert "3 built, 6 unchanged" in rebuilt.output
    assert "Commencer" in (base / "build/welcome/fr_FR/a/email.txt").read_text(encoding="utf-8")

    # shards of this very checkout: nothing said
    same = [str(s) for s in shard_runs(tmp_path / "same", cli, base, 2)]
    result = cli(base, "merge", *same)
    assert result.exit_code == 0 and "warning" not in result.output, result.output
