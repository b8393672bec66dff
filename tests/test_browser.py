"""Finding a browser: explicit choices first, then Playwright's download, then the system's."""

from __future__ import annotations

import importlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from mailglot.shots.browser import BrowserNotFound, find_browser
from tests.conftest import run_cli

SYSTEM = shutil.which("chromium") or shutil.which("google-chrome")
needs_system_browser = pytest.mark.skipif(SYSTEM is None, reason="no system Chromium")


def nowhere(name: str) -> None:
    return None


@needs_system_browser
def test_settings_path_wins_over_everything() -> None:
    found = find_browser(SYSTEM, "/opt/elsewhere/chrome", env={"MAILGLOT_CHROMIUM": "/nope"})
    assert found == Path(SYSTEM)


@needs_system_browser
def test_environment_variable_comes_next() -> None:
    assert find_browser(None, None, env={"MAILGLOT_CHROMIUM": SYSTEM}) == Path(SYSTEM)


def test_an_explicit_path_that_does_not_exist_is_an_error_not_a_fallback() -> None:
    with pytest.raises(BrowserNotFound) as exc:
        find_browser("/opt/no/chrome", None, env={})
    assert str(exc.value) == (
        "screenshots.browser in mailglot.yaml names /opt/no/chrome, which is not an executable file"
    )
    with pytest.raises(BrowserNotFound, match="MAILGLOT_CHROMIUM names /nope"):
        find_browser(None, None, env={"MAILGLOT_CHROMIUM": "/nope"})


@needs_system_browser
def test_playwright_download_before_system_browser(tmp_path: Path) -> None:
    download = tmp_path / "chrome"
    download.write_text("#!/bin/sh\n")
    download.chmod(0o755)
    assert find_browser(None, str(download), env={}) == download
    assert find_browser(None, str(tmp_path / "missing"), env={}) == Path(SYSTEM)


def test_no_browser_says_how_to_install_one() -> None:
    with pytest.raises(BrowserNotFound) as exc:
        find_browser(None, "/no/playwright/chrome", env={}, which=nowhere)
    message = str(exc.value)
    assert message.startswith("no Chromium or Chrome found for screenshots: install one")
    assert "sudo apt-get install chromium fonts-noto-core fonts-noto-cjk" in message
    assert "playwright install chromium" in message
    assert "--no-screenshots" in message


def test_build_with_a_wrong_browser_still_writes_outputs_and_manifest(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    settings = root / "mailglot.yaml"
    settings.write_text(
        settings.read_text().replace("dark: true}", "dark: true, browser: /opt/no/chrome}")
    )
    result = run_cli(root, "build", "--campaign", "welcome")
    assert result.exit_code == 1
    assert (
        "mailglot.yaml: screenshots.browser in mailglot.yaml names /opt/no/chrome, which is not "
        "an executable file" in result.output
    )
    assert (root / "build" / "welcome" / "en_US" / "a" / "email.html").is_file()
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    assert [d["code"] for d in manifest["diagnostics"]] == ["shots.browser"]
    assert run_cli(root, "build", "--campaign", "welcome", "--no-screenshots").exit_code == 0


EXPECTED = (
    "expected the executable of Chromium or Chrome: install one (Debian/Ubuntu: `sudo apt-get "
    "install chromium fonts-noto-core fonts-noto-cjk`, or `playwright install chromium`), point "
    "`screenshots.browser` in mailglot.yaml or MAILGLOT_CHROMIUM at its executable, or build "
    "with --no-screenshots"
)


def test_a_program_that_is_not_a_browser_is_one_error_and_the_build_writes_everything_else(
    fixture_project: Callable[[str], Path],
) -> None:
    """/bin/false exists and is executable, so only launching it shows it is no browser: that
    ended the build in Playwright's TargetClosedError, with no manifest and no gallery."""
    root = fixture_project("review")
    settings = root / "mailglot.yaml"
    settings.write_text(
        settings.read_text().replace("dark: true}", "dark: true, browser: /bin/false}")
    )
    result = run_cli(root, "build", "--campaign", "welcome")
    assert result.exit_code == 1
    assert (
        "mailglot.yaml: screenshots.browser in mailglot.yaml names /bin/false, "
        f"which did not start as a browser (it exited with code 1); {EXPECTED} "
        "[error: shots.browser]" in result.output
    )
    assert "Traceback" not in result.output and "TargetClosedError" not in result.output
    build = root / "build"
    assert (build / "welcome" / "fr_FR" / "a" / "email.html").is_file()
    assert (build / "welcome" / "fr_FR" / "a" / "meta.json").is_file()
    assert (build / "index.html").is_file()
    manifest = json.loads((build / "manifest.json").read_text())
    assert [d["code"] for d in manifest["diagnostics"]] == ["shots.browser"]
    assert sum(1 for job in manifest["jobs"] if job["status"] == "built") == 3
    assert not list(build.rglob("*.png"))


def test_shots_with_an_environment_browser_that_is_not_one_says_so(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build", "--campaign", "welcome", "--no-screenshots").exit_code == 0
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'not a browser'\necho 'missing libnss3.so' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("MAILGLOT_CHROMIUM", str(fake))
    result = run_cli(root, "shots")
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: MAILGLOT_CHROMIUM names {fake}, which did not start as a browser (it exited "
        f"with code 1: missing libnss3.so); {EXPECTED}\n"
    )


def test_a_program_that_never_answers_is_named_after_the_launch_timeout(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build", "--campaign", "welcome", "--no-screenshots").exit_code == 0
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("MAILGLOT_CHROMIUM", str(fake))
    capture = importlib.import_module("mailglot.shots.capture")  # the module, not its function
    monkeypatch.setattr(capture, "LAUNCH_TIMEOUT_MS", 1500)
    result = run_cli(root, "shots")
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: MAILGLOT_CHROMIUM names {fake}, which did not start as a browser (it did "
        f"not answer within 1.5 s); {EXPECTED}\n"
    )


def _script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def _use_browser(root: Path, value: str) -> None:
    settings = root / "mailglot.yaml"
    settings.write_text(
        settings.read_text().replace("dark: true}", f"dark: true, browser: {value}}}")
    )


def test_a_relative_browser_is_read_from_the_project_not_the_current_folder(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`mailglot --project X build` run from another folder used that folder's tools/chrome
    (or found none): the same mailglot.yaml named a different browser depending on where the
    command was typed. The project's own file is the one started, by build and shots alike."""
    root = fixture_project("review")
    _use_browser(root, "tools/chrome")
    _script(root / "tools/chrome", "exit 7")  # the project's: fails in a way we can recognize
    elsewhere = tmp_path / "elsewhere"
    _script(elsewhere / "tools/chrome", "exit 3")
    monkeypatch.chdir(elsewhere)
    chosen = f"screenshots.browser in mailglot.yaml names tools/chrome ({root / 'tools/chrome'})"
    result = run_cli(root, "build", "--campaign", "welcome")
    assert result.exit_code == 1
    assert f"{chosen}, which did not start as a browser (it exited with code 7)" in result.output
    result = run_cli(root, "shots")
    assert result.exit_code == 1
    assert f"{chosen}, which did not start as a browser (it exited with code 7)" in result.output

    (root / "tools/chrome").unlink()
    result = run_cli(root, "shots")
    assert result.exit_code == 1
    assert f"{chosen}, which is not an executable file" in result.output


@needs_system_browser
def test_a_relative_browser_in_the_project_takes_the_screenshots(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = fixture_project("review")
    _use_browser(root, "tools/chrome")
    _script(root / "tools/chrome", f'exec {SYSTEM} "$@"')
    monkeypatch.chdir(tmp_path)
    result = run_cli(root, "build", "--campaign", "welcome")
    assert result.exit_code == 0, result.output
    assert (root / "build/welcome/fr_FR/a/phone.png").is_file()


def test_a_bare_name_is_a_command_on_path_then_a_file_in_the_project(tmp_path: Path) -> None:
    on_path = _script(tmp_path / "bin/chromium", "exit 0")

    def which(name: str) -> str | None:
        return str(on_path) if name == "chromium" else None

    found = find_browser("chromium", None, env={}, which=which, root=tmp_path / "project")
    assert found == on_path
    local = _script(tmp_path / "project/my-chrome", "exit 0")
    assert find_browser("my-chrome", None, env={}, which=which, root=tmp_path / "project") == local
    with pytest.raises(BrowserNotFound) as exc:
        find_browser("chromium-beta", None, env={}, which=which, root=tmp_path / "project")
    assert str(exc.value) == (
        "screenshots.browser in mailglot.yaml names chromium-beta, which is neither a command "
        f"on PATH nor an executable file in the project folder {tmp_path / 'project'}"
    )
