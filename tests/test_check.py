from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _build(project: Path, cli) -> None:
    result = cli(project, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output


def test_missing_legal_address_is_an_error_in_build_and_check(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    layout = project / "templates/layouts/base.mjml.j2"
    layout.write_text(layout.read_text().replace("{{ market.address }}", ""))
    result = cli(project, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        "build/welcome/fr_FR/a/email.html: the market's postal address "
        '"Acme SAS, 1 rue de l\'Exemple, 75001 Paris, France" is not in the email'
    ) in result.output
    result = cli(project, "check")
    assert result.exit_code == 1
    assert "is not in the email" in result.output

    # silencing the check takes effect at once, without a rebuild
    settings = project / "mailglot.yaml"
    settings.write_text(settings.read_text() + "checks: {disable: [legal.address]}\n")
    result = cli(project, "check")
    assert result.exit_code == 0, result.output


def test_unsubscribe_link_is_required(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    layout = project / "templates/layouts/base.mjml.j2"
    layout.write_text(
        layout.read_text().replace(
            'href="{{ unsubscribe_url }}"', 'href="https://acme.example/prefs"'
        )
    )
    result = cli(project, "build", "--no-screenshots", "--locale", "en_US")
    assert result.exit_code == 1
    assert "no link to the unsubscribe URL ({{unsubscribe_url}}) in the email" in result.output


def test_clean_build_checks_clean(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    _build(project, cli)
    result = cli(project, "check")
    assert result.exit_code == 0
    assert "0 error(s), 0 warning(s) in 3 jobs" in result.output


def test_check_before_any_build_is_a_usage_error(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    result = cli(project, "check")
    assert result.exit_code == 2
    assert "nothing built yet: run `mailglot build` first" in result.output


def test_check_judges_by_the_current_settings_not_the_ones_the_build_used(tmp_path: Path, cli):
    """Issue 9: output checks used to register on import, so on its first call `check` did not
    know which stored findings were output findings and repeated the build's stale clipping."""
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    settings = project / "mailglot.yaml"
    original = settings.read_text()
    settings.write_text(original + "checks: {max_html_bytes: 1000}\n")
    result = cli(project, "build", "--no-screenshots", "--locale", "fr_FR")
    assert "Gmail clips messages over 1,000 bytes" in result.output
    settings.write_text(original + "checks: {max_html_bytes: 102000}\n")
    # a fresh process, as from a shell: the bug showed only on a registry's first use
    result = subprocess.run(
        [sys.executable, "-m", "mailglot", "--project", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "clips" not in result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr
