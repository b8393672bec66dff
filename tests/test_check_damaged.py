"""`mailglot check` on a build whose files were deleted or damaged since it was made."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_shard import small_project


def test_a_deleted_or_damaged_email_is_a_finding_not_a_traceback(tmp_path: Path, cli) -> None:
    """check read every job's email.html and email.txt and ended in FileNotFoundError (or
    UnicodeDecodeError) when one was gone: the other jobs went unchecked."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    (project / "build/welcome/fr_FR/a/email.txt").unlink()
    (project / "build/promo/en_US/b/email.html").write_bytes(b"\xff\xfe<html>")
    result = cli(project, "check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "build/promo/en_US/b/email.html: cannot be checked: not UTF-8 text; run `mailglot "
        "build` again [error: build-state]" in lines
    )
    assert (
        "build/welcome/fr_FR/a/email.txt: missing since the job was built; run `mailglot "
        "build` to write it again [error: build-state]" in lines
    )
    assert lines[-1].startswith("mailglot: 2 error(s), ")
    document = json.loads(cli(project, "check", "--json").stdout)
    assert document["summary"]["error"] == 2 and document["summary"]["jobs"] == 9


def test_a_deleted_email_html_or_txt_is_told_as_the_job_s_other_files_are(
    tmp_path: Path, cli
) -> None:
    """A deleted email.html or email.txt was told in the OS's words ('cannot be checked: No
    such file or directory; run `mailglot build` again'), a deleted .eml or preview as
    'missing since the job was built'; both gone named only email.html."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    (project / "build/welcome/en_US/a/email.html").unlink()
    (project / "build/promo/en_US/b/email.html").unlink()
    (project / "build/promo/en_US/b/email.txt").unlink()
    result = cli(project, "check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line for line in lines if "build-state" in line] == [
        "build/promo/en_US/b/email.html: missing since the job was built; run `mailglot build` "
        "to write it again [error: build-state] (2 jobs: promo/en_US/b, welcome/en_US/a)",
        "build/promo/en_US/b/email.txt: missing since the job was built; run `mailglot build` "
        "to write it again [error: build-state]",
    ]
    assert lines[-1].startswith("mailglot: 3 error(s), ")
    assert cli(project, "build", "--no-screenshots").exit_code == 0  # doing what it says
    assert cli(project, "check").exit_code == 0
