"""Output for people and machines: plain progress lines in CI, --json documents, --quiet."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.test_shard import small_project


def test_ci_logs_get_a_few_progress_lines_with_counts_and_rates(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    result = cli(project, "build", "--no-screenshots")  # CliRunner is not a terminal
    assert result.exit_code == 0, result.output
    lines = re.findall(r"mailglot: building (\d+)/9 \((\d+)%\), [\d.,]+ emails/s", result.output)
    assert [int(done) for done, _ in lines] == [3, 5, 7, 9]
    assert "mailglot: 9 built, 0 unchanged" in result.output


def test_build_json_is_one_document_with_summary_and_findings(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    result = cli(project, "build", "--no-screenshots", "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["command"] == "build" and document["ok"] is True
    assert document["summary"]["built"] == 9 and document["summary"]["failed"] == 0
    assert all(set(f) >= {"path", "line", "code", "severity", "message", "job"} for f in
               document["findings"])  # fmt: skip
    again = json.loads(cli(project, "build", "--no-screenshots", "--json").stdout)
    assert again["summary"]["unchanged"] == 9


def test_json_still_comes_when_the_project_does_not_load(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    settings = project / "mailglot.yaml"
    settings.write_text(settings.read_text() + "\nlocales: [en_US\n")
    result = cli(project, "build", "--no-screenshots", "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert document["findings"][0]["path"] == "mailglot.yaml"
    assert document["findings"][0]["line"] is not None


def test_quiet_prints_only_errors(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots", "--quiet").output == ""
    template = project / "templates/welcome.mjml.j2"
    template.write_text(template.read_text().replace("{{ _(", "{{ _(nope("))
    result = cli(project, "build", "--no-screenshots", "-q")
    assert result.exit_code == 1
    assert "templates/welcome.mjml.j2:" in result.output
    assert "built" not in result.output  # no summary line
    assert "warning(s)" not in cli(project, "check", "--quiet").output  # no summary line


def test_screenshot_progress_counts_emails_not_shots(tmp_path: Path, cli) -> None:
    """Each email gets four shots (phone and desktop, light and dark); the line counts the
    emails whose shots are done, so its rate says emails per second, not shots."""
    project = small_project(tmp_path, cli, "p")
    result = cli(project, "build")
    assert result.exit_code == 0, result.output
    lines = re.findall(r"mailglot: screenshots (\d+)/9 \(\d+%\), [\d.,]+ (\w+)/s", result.output)
    assert [int(done) for done, _ in lines] == [3, 5, 7, 9]
    assert {unit for _, unit in lines} == {"emails"}
    assert "36 screenshot(s)" in result.output


def test_every_json_command_answers_in_json_when_it_cannot_run(tmp_path: Path, cli) -> None:
    """check, export and l10n-status printed their error as text with --json, and build
    printed a bad --shard that way: a script reading stdout got nothing to parse."""
    project = small_project(tmp_path, cli, "p")
    nothing_built = {"error": "nothing built yet: run `mailglot build` first"}
    for command, args, summary in [
        ("check", (), nothing_built),
        ("export", ("--format", "ses"), nothing_built),
        ("build", ("--shard", "4/3"), {"error": "--shard 4/3: K must be between 1 and N (N at "
                                                "least 1)"}),
        ("build", ("--shard", ""), {"error": "--shard expects K/N (e.g. 2/4), got ''"}),
    ]:  # fmt: skip
        result = cli(project, command, *args, "--json")
        assert result.exit_code == 2, (command, result.output)
        assert json.loads(result.stdout) == {
            "command": command,
            "ok": False,
            "summary": summary,
            "findings": [],
        }
        assert result.stderr == ""

    settings = project / "mailglot.yaml"
    settings.write_text(settings.read_text() + "\nlocales: [en_US\n")
    for command, args in [("check", ()), ("l10n-status", ()), ("export", ("--format", "ses"))]:
        result = cli(project, command, *args, "--json")
        assert result.exit_code == 1, (command, result.output)
        document = json.loads(result.stdout)
        assert (document["command"], document["ok"], document["summary"]) == (
            command,
            False,
            {"error": "content"},
        )
        assert [(f["path"], f["line"], f["code"]) for f in document["findings"]] == [
            ("mailglot.yaml", 18, "yaml")
        ]
        assert result.stderr == ""


def test_shots_of_a_campaign_or_locale_never_built_is_a_typo(tmp_path: Path, cli) -> None:
    """`shots --campaign welcom` said '0 screenshot(s) of 0 job(s)' and exit 0."""
    project = small_project(tmp_path, cli, "p")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    gallery = (project / "build/index.html").read_bytes()
    result = cli(project, "shots", "--campaign", "welcom")
    assert result.exit_code == 2
    assert result.output == "mailglot: no built jobs for campaign 'welcom'; built: promo, welcome\n"
    result = cli(project, "shots", "--locale", "fr_CA", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"] == {
        "error": "no built jobs for locale 'fr_CA'; built: en_US, en_XA, fr_FR"
    }
    assert (project / "build/index.html").read_bytes() == gallery
