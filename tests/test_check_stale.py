"""`mailglot check` after a build in which jobs failed: the outputs an earlier build left for
them (kept by design, SPEC 6) are reported stale, naming the failure, not checked as current.
And a job whose meta.json or another file is gone since its build is an error, not silence."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_shard import small_project

STALE_PROMO = (
    "build/promo/en_US/a/: kept from an earlier build: the latest build of this job failed "
    "(templates/promo.mjml.j2:4: syntax error: unexpected '}'), so these files are not "
    "what the current sources make; fix that and run `mailglot build` [error: "
    "build-state.stale] (6 jobs: promo/en_US/a, promo/en_US/b, promo/en_XA/a and 3 more (all "
    "with --json))"
)


def promo_on_its_own_template(tmp_path: Path, cli) -> Path:
    """The 9-job project, its 6 promo jobs made from templates/promo.mjml.j2, built once."""
    project = small_project(tmp_path, cli, "p")
    templates = project / "templates"
    (templates / "promo.mjml.j2").write_bytes((templates / "welcome.mjml.j2").read_bytes())
    promo = project / "campaigns/promo.yaml"
    text = promo.read_text(encoding="utf-8")
    promo.write_text(text.replace("welcome.mjml.j2", "promo.mjml.j2"), encoding="utf-8")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    return project


def break_promo_template(project: Path) -> None:
    template = project / "templates/promo.mjml.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{{ name }}", "{{ name }", 1), encoding="utf-8")


def test_outputs_kept_from_a_failed_jobs_earlier_build_are_stale_errors(
    tmp_path: Path, cli
) -> None:
    """check said '0 error(s), 0 warning(s) in 9 jobs', exit 0, after a build whose promo jobs
    failed: it checked the emails the build before had made."""
    project = promo_on_its_own_template(tmp_path, cli)
    break_promo_template(project)
    assert cli(project, "build", "--no-screenshots").exit_code == 1
    assert (project / "build/promo/en_US/a/email.html").is_file()  # kept, by design

    result = cli(project, "check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "templates/promo.mjml.j2:4: syntax error: unexpected '}' [error: template] (6 "
        "jobs: promo/en_US/a, promo/en_US/b, promo/en_XA/a and 3 more (all with --json))",
        STALE_PROMO,
        "mailglot: 12 error(s), 0 warning(s) in 9 jobs, 6 stale (kept from an earlier build)",
    ]

    document = json.loads(cli(project, "check", "--json").stdout)
    assert document["ok"] is False
    assert document["summary"]["stale"] == 6 and document["summary"]["error"] == 12
    stale = [f for f in document["findings"] if f["code"] == "build-state.stale"]
    assert [(f["job"], f["path"], f["severity"]) for f in stale] == [
        (job, f"build/{job}/", "error")
        for job in (f"promo/{locale}/{v}" for locale in ("en_US", "en_XA", "fr_FR") for v in "ab")
    ]
    assert "(templates/promo.mjml.j2:4: syntax error: unexpected '}')" in stale[0]["message"]

    quiet = cli(project, "check", "--quiet")
    assert quiet.exit_code == 1 and STALE_PROMO in quiet.output.splitlines()


def test_checks_disable_does_not_hide_stale_outputs(tmp_path: Path, cli) -> None:
    project = promo_on_its_own_template(tmp_path, cli)
    break_promo_template(project)
    assert cli(project, "build", "--no-screenshots").exit_code == 1
    settings = project / "mailglot.yaml"
    with settings.open("a", encoding="utf-8") as f:
        f.write("checks:\n  disable: [build-state, template]\n")
    result = cli(project, "check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        STALE_PROMO,
        "mailglot: 6 error(s), 0 warning(s) in 9 jobs, 6 stale (kept from an earlier build)",
    ]


def test_a_campaign_that_no_longer_loads_leaves_stale_outputs_naming_its_errors(
    tmp_path: Path, cli
) -> None:
    project = promo_on_its_own_template(tmp_path, cli)
    promo = project / "campaigns/promo.yaml"
    text = promo.read_text(encoding="utf-8")
    promo.write_text(text.replace("markets: all", "markets: [XX]"), encoding="utf-8")
    assert cli(project, "build", "--no-screenshots").exit_code == 1

    result = cli(project, "check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("campaigns/promo.yaml:2: unknown market 'XX'; ")
    stale = [line for line in lines if "build-state.stale" in line]
    assert stale == [
        f"build/promo/en_US/a/: kept from an earlier build: the latest build could not load "
        f"campaign promo ({lines[0].removesuffix(' [error: schema]')}), so these files are not "
        "what the current sources make; fix that and run `mailglot build` [error: "
        "build-state.stale] (6 jobs: promo/en_US/a, promo/en_US/b, promo/en_XA/a and 3 more (all "
        "with --json))"
    ]
    assert lines[-1].endswith(" in 9 jobs, 6 stale (kept from an earlier build)")


def test_once_it_builds_again_nothing_is_stale(tmp_path: Path, cli) -> None:
    project = promo_on_its_own_template(tmp_path, cli)
    template = project / "templates/promo.mjml.j2"
    good = template.read_bytes()
    break_promo_template(project)
    assert cli(project, "build", "--no-screenshots").exit_code == 1
    template.write_bytes(good)
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    result = cli(project, "check")
    assert result.exit_code == 0
    assert "stale" not in result.output
    assert json.loads(cli(project, "check", "--json").stdout)["summary"]["stale"] == 0


def test_a_failed_job_with_no_earlier_outputs_is_its_failure_only(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    template = project / "templates/welcome.mjml.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{{ name }}", "{{ name }", 1), encoding="utf-8")
    assert cli(project, "build", "--no-screenshots").exit_code == 1
    result = cli(project, "check")
    assert result.exit_code == 1
    assert "build-state.stale" not in result.output
    assert result.output.splitlines()[-1] == "mailglot: 9 error(s), 0 warning(s) in 9 jobs"


def test_a_built_job_whose_meta_json_or_preview_is_gone_cannot_be_checked(
    tmp_path: Path, cli
) -> None:
    """check said nothing of a job whose meta.json was deleted or damaged (it checked nothing
    of it), nor of a deleted preview.html or .eml."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    (project / "build/welcome/en_US/a/meta.json").unlink()
    (project / "build/welcome/fr_FR/a/meta.json").write_text("{", encoding="utf-8")
    (project / "build/promo/en_US/b/preview.html").unlink()
    (project / "build/promo/en_US/b/email.eml").unlink()
    result = cli(project, "check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line for line in lines if "build-state" in line] == [
        "build/promo/en_US/b/preview.html: missing since the job was built; run `mailglot "
        "build` to write it again [error: build-state]",
        "build/promo/en_US/b/email.eml: missing since the job was built; run `mailglot build` "
        "to write it again [error: build-state]",
        "build/welcome/en_US/a/meta.json: cannot be checked: meta.json is missing; run "
        "`mailglot build` again [error: build-state]",
        "build/welcome/fr_FR/a/meta.json: cannot be checked: meta.json is damaged or not "
        "written by this mailglot; run `mailglot build` again [error: build-state]",
    ]
    assert lines[-1].startswith("mailglot: 4 error(s), ")
