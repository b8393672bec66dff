"""merge's warning about shards built from other inputs is kept in the merged manifest, so
`check` says it again until a build brings the jobs up to date.

merge printed it once; `check` right after said '0 error(s), 0 warning(s) in 9 jobs', exit 0,
while build/ held emails this checkout does not build. Through the CLI, with real shard
builds of a copy of the scaffold whose French catalog differs from the checkout's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.test_shard import shard_runs, small_project

WARNING = (
    "the shards were built from other inputs than this checkout "
    "(locales/fr_FR/LC_MESSAGES/messages.po differs): 3 of 9 job(s) in build/ are not what "
    "this checkout builds (e.g. promo/fr_FR/a); run `mailglot build` here to bring them up to "
    "date, or merge in a checkout of the commit the shards were built from"
)
UNTRANSLATED = (  # the scaffold's promo campaign: as a single build of this checkout says it
    "locales/fr_FR/LC_MESSAGES/messages.po: warning: untranslated: 'Hello from Acme'; the "
    "source text is used [l10n.missing] (1 job: promo/fr_FR/b)\n"
)


def shards_of_other_inputs(tmp_path: Path, cli) -> tuple[Path, list[str]]:
    """The 9-job project and two shards built from a copy of it whose French catalog says
    "Démarrer" for "Commencer", not yet merged."""
    base = small_project(tmp_path, cli, "base")
    edited = tmp_path / "edited"
    shutil.copytree(base, edited)
    catalog = edited / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgstr "Commencer"', 'msgstr "Démarrer"'), encoding="utf-8")
    shards = [str(s) for s in shard_runs(tmp_path, cli, edited, 2)]
    return base, shards


def test_check_after_merge_repeats_the_other_inputs_warning(tmp_path: Path, cli) -> None:
    base, shards = shards_of_other_inputs(tmp_path, cli)
    merged = cli(base, "merge", *shards)
    assert merged.exit_code == 0, merged.output
    assert merged.output.splitlines()[0] == f"mailglot: warning: {WARNING}"  # said once there

    result = cli(base, "check")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"locales/fr_FR/LC_MESSAGES/messages.po: warning: {WARNING} [build-state.inputs]\n"
        f"{UNTRANSLATED}mailglot: 0 error(s), 2 warning(s) in 9 jobs\n"
    )
    document = json.loads(cli(base, "check", "--json").stdout)
    assert document["ok"] is True
    assert document["summary"]["warning"] == 2
    assert document["findings"][0] == {
        "path": "locales/fr_FR/LC_MESSAGES/messages.po",
        "line": None,
        "code": "build-state.inputs",
        "severity": "warning",
        "message": WARNING,
        "job": None,
    }
    assert [f["code"] for f in document["findings"]] == ["build-state.inputs", "l10n.missing"]
    assert cli(base, "check", "--quiet").output == ""  # a warning: --quiet shows errors only

    # a build here brings the French jobs up to date: the warning goes with them
    rebuilt = cli(base, "build", "--no-screenshots")
    assert "3 built, 6 unchanged" in rebuilt.output, rebuilt.output
    result = cli(base, "check")
    assert (result.exit_code, result.output) == (
        0,
        f"{UNTRANSLATED}mailglot: 0 error(s), 1 warning(s) in 9 jobs\n",
    )


def test_shards_of_this_checkout_leave_check_clean(tmp_path: Path, cli) -> None:
    base = small_project(tmp_path, cli, "base")
    shards = [str(s) for s in shard_runs(tmp_path, cli, base, 2)]
    assert cli(base, "merge", *shards).exit_code == 0
    result = cli(base, "check")
    assert (result.exit_code, result.output) == (
        0,
        f"{UNTRANSLATED}mailglot: 0 error(s), 1 warning(s) in 9 jobs\n",
    )


def _said(project: Path, cli) -> list[str]:
    document = json.loads(cli(project, "check", "--json").stdout)
    return [f["message"] for f in document["findings"] if f["code"] == "build-state.inputs"]


def test_a_partial_build_keeps_the_warning_for_the_merged_jobs_it_left(
    tmp_path: Path, cli
) -> None:
    """A `build --campaign`/`--locale` after a merge dropped the warning from the manifest
    while build/ still held the shards' French emails. It stays, counted afresh, until every
    merged job it concerns has been built here."""
    base, shards = shards_of_other_inputs(tmp_path, cli)
    assert cli(base, "merge", *shards).exit_code == 0

    # jobs the warning is not about: said as merge said it
    built = cli(base, "build", "--no-screenshots", "--locale", "en_US")
    assert "0 built, 3 unchanged, 0 error(s), 1 warning(s)" in built.output, built.output
    assert _said(base, cli) == [WARNING]

    # one of the three French jobs built here: two are left
    built = cli(base, "build", "--no-screenshots", "--campaign", "welcome")
    assert "1 built, 2 unchanged" in built.output, built.output
    assert _said(base, cli) == [WARNING.replace("3 of 9", "2 of 9")]
    assert f"warning: {WARNING.replace('3 of 9', '2 of 9')} [build-state.inputs]" in built.output

    # the last two built here (a partial build too): the warning goes
    built = cli(base, "build", "--no-screenshots", "--locale", "fr_FR")
    assert "2 built, 1 unchanged, 0 error(s), 1 warning(s)" in built.output, built.output
    assert _said(base, cli) == []
    assert not (base / "build/.merged-inputs.json").exists()
