"""`mailglot shots` on a build whose job folders are not whole any more (a file deleted since
the build, a meta.json missing or damaged): the job is named with what is missing and what
to do, it counts as failed (exit 1), and the other jobs are shot. In a real Chromium."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli
from tests.test_check_stale import break_promo_template, promo_on_its_own_template


def codes(root: Path, job: str) -> list[str]:
    meta = json.loads((root / "build" / job / "meta.json").read_text(encoding="utf-8"))
    return [f["code"] for f in meta["findings"]]


def summary(output: str) -> str:
    """The summary line without its timing: `... job(s), 5 unchanged, 1 failed -> ...`."""
    last = output.splitlines()[-1]
    return last.split(" in ")[0] + ", " + last.split(", ", 1)[1].split(" -> ")[0]


def test_a_job_whose_email_html_was_deleted_fails_its_shots_and_the_others_are_shot(
    fixture_project: Callable[[str], Path],
) -> None:
    """shots said '4 screenshot(s) of 1 job ... 0 failed' and left such a job out unnamed."""
    root = fixture_project("review")
    assert run_cli(root, "build", "--no-screenshots").exit_code == 0
    (root / "build/welcome/fr_FR/a/email.html").unlink()

    result = run_cli(root, "shots")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "shots.failed" in line] == [
        "build/welcome/fr_FR/a/preview.html: warning: email.html is missing: run `mailglot "
        "build` to write it again, then shoot [shots.failed]"
    ]
    assert summary(result.output) == "mailglot: 20 screenshot(s) of 5 job(s), 0 unchanged, 1 failed"
    assert (root / "build/welcome/en_US/a/phone.png").is_file()
    assert not (root / "build/welcome/fr_FR/a/phone.png").exists()
    assert "shots.failed" in codes(root, "welcome/fr_FR/a")

    again = run_cli(root, "shots")  # still failing, not "unchanged"
    assert again.exit_code == 1
    assert summary(again.output) == "mailglot: 0 screenshot(s) of 0 job(s), 5 unchanged, 1 failed"

    assert run_cli(root, "build").exit_code == 0  # writes email.html again, then shoots it
    assert (root / "build/welcome/fr_FR/a/email.html").is_file()
    assert "shots.failed" not in codes(root, "welcome/fr_FR/a")
    clean = run_cli(root, "shots")
    assert clean.exit_code == 0
    assert summary(clean.output) == "mailglot: 0 screenshot(s) of 0 job(s), 6 unchanged, 0 failed"

    gone = root / "build/notice/en_US/a"
    for name in gone.iterdir():
        name.unlink()
    gone.rmdir()
    assert run_cli(root, "shots", "--quiet").exit_code == 1
    result = run_cli(root, "shots")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "shots.failed" in line] == [
        "build/notice/en_US/a/: warning: the job's folder is missing: run `mailglot build` to "
        "write it again, then shoot [shots.failed]"
    ]
    assert not gone.exists()  # shots makes no job folder


def test_a_job_whose_meta_json_is_missing_or_damaged_is_named_and_counted_failed(
    fixture_project: Callable[[str], Path],
) -> None:
    """Such a job was left out of the shots without a word: '4 screenshot(s) of 1 job(s) ...
    0 failed', exit 0. Several files missing from one job are named together."""
    root = fixture_project("review")
    assert run_cli(root, "build", "--no-screenshots").exit_code == 0
    (root / "build/notice/en_US/a/meta.json").unlink()
    (root / "build/notice/fr_FR/a/meta.json").write_text('{"campaign": ', encoding="utf-8")
    (root / "build/notice/ar_XB/a/email.txt").unlink()
    (root / "build/notice/ar_XB/a/email.eml").unlink()

    result = run_cli(root, "shots", "--campaign", "notice")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "shots.failed" in line] == [
        "build/notice/ar_XB/a/preview.html: warning: email.txt and email.eml are missing: run "
        "`mailglot build` to write them again, then shoot [shots.failed]",
        "build/notice/en_US/a/meta.json: warning: meta.json is missing: run `mailglot build` "
        "to write it again, then shoot [shots.failed]",
        "build/notice/fr_FR/a/meta.json: warning: meta.json is damaged or not written by this "
        "mailglot: run `mailglot build` to write it again, then shoot [shots.failed]",
    ]
    assert summary(result.output) == "mailglot: 0 screenshot(s) of 0 job(s), 0 unchanged, 3 failed"

    document = json.loads(run_cli(root, "shots", "--json", "--campaign", "notice").stdout)
    assert document["ok"] is False
    assert document["summary"]["failed"] == {
        "notice/ar_XB/a": "email.txt and email.eml are missing: run `mailglot build` to write "
        "them again, then shoot",
        "notice/en_US/a": "meta.json is missing: run `mailglot build` to write it again, then "
        "shoot",
        "notice/fr_FR/a": "meta.json is damaged or not written by this mailglot: run `mailglot "
        "build` to write it again, then shoot",
    }
    failed = [f for f in document["findings"] if f["code"] == "shots.failed"]
    assert [(f["job"], f["path"], f["severity"]) for f in failed] == [
        ("notice/ar_XB/a", "build/notice/ar_XB/a/preview.html", "warning"),
        ("notice/en_US/a", "build/notice/en_US/a/meta.json", "warning"),
        ("notice/fr_FR/a", "build/notice/fr_FR/a/meta.json", "warning"),
    ]

    assert run_cli(root, "build", "--no-screenshots", "--campaign", "notice").exit_code == 0
    assert summary(run_cli(root, "shots", "--campaign", "notice").output) == (
        "mailglot: 12 screenshot(s) of 3 job(s), 0 unchanged, 0 failed"
    )


def test_jobs_whose_latest_build_failed_are_counted_not_shot(tmp_path: Path, cli) -> None:
    """shots said '... 0 failed' of a build whose promo jobs failed, as if there were none."""
    project = promo_on_its_own_template(tmp_path, cli)
    break_promo_template(project)
    assert cli(project, "build", "--no-screenshots").exit_code == 1
    result = cli(project, "shots")
    assert result.exit_code == 0  # the build's failures, which build and check report
    assert summary(result.output) == (
        "mailglot: 12 screenshot(s) of 3 job(s), 0 unchanged, 0 failed, 6 not shot (their "
        "latest build failed: see `mailglot check`)"
    )
    document = json.loads(cli(project, "shots", "--json").stdout)
    assert document["summary"]["build_failed"] == 6 and document["summary"]["failed"] == {}
    refused = cli(project, "shots", "--campaign", "promo")
    assert refused.exit_code == 2
    assert refused.output.splitlines() == [
        "mailglot: no built jobs for campaign 'promo': the latest build of its jobs failed "
        "(`mailglot check` says why); built: welcome"
    ]
