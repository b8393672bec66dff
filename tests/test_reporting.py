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
