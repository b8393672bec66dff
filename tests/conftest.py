"""Shared fixtures: a copy of the example project, built once per session for end-to-end tests."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import Page, sync_playwright

from mailglot.cli import main
from mailglot.shots.browser import LAUNCH_ARGS, find_browser

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mailglot.yaml", "templates", "campaigns", "locales", "calendars")
FIXTURES = Path(__file__).resolve().parent / "projects"

# Every build in the suite plans as of one fixed day (the CLI honours SOURCE_DATE_EPOCH, in
# process and in subprocesses), so a test of "the next Black Friday" means the same on any day
# CI runs it. Library calls take the same day as BuildOptions(today=TODAY).
TODAY = date(2026, 11, 1)
os.environ["SOURCE_DATE_EPOCH"] = str(int(datetime(2026, 11, 1, 12, tzinfo=UTC).timestamp()))


def copy_example(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.is_file():
            shutil.copy2(src, dest / part)
    return dest


def add_market(
    project: Path,
    code: str,
    locale: str,
    timezone: str,
    currency: str,
    address: str = "x",
    list_locale: bool = True,
) -> None:
    """A new market mailing one new locale, as a user would add it to the example."""
    markets = project / "calendars/markets.yaml"
    markets.write_text(
        markets.read_text(encoding="utf-8")
        + (
            f"{code}:\n  locales: [{locale}]\n  timezone: {timezone}\n  currency: {currency}\n"
            f'  address: "{address}"\n'
        ),
        encoding="utf-8",
    )
    if list_locale:
        settings = project / "mailglot.yaml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("ar_SA]", f"ar_SA, {locale}]"), encoding="utf-8")


def run_cli(project: Path, *args: str) -> Result:
    """Run `mailglot --project PROJECT ARGS...` in process, as a user would from a shell."""
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the example project, free to modify."""
    return copy_example(tmp_path / "example")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project built once (no screenshots); tests only read it."""
    root = copy_example(tmp_path_factory.mktemp("example_build"))
    result = run_cli(root, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    return root


def copy_fixture(name: str, dest: Path) -> Path:
    shutil.copytree(FIXTURES / name, dest)
    return dest


@pytest.fixture
def fixture_project(tmp_path: Path) -> Callable[[str], Path]:
    """A copy of tests/projects/<name>/ to modify freely."""
    return lambda name: copy_fixture(name, tmp_path / name)


@pytest.fixture(scope="session")
def review_shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/projects/review built once with screenshots (phone 360, desktop 800, dark on),
    shared by the gallery and screenshot tests: they only read it, or shoot a job again to
    the same pixels."""
    root = copy_fixture("review", tmp_path_factory.mktemp("review_shots") / "review")
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    return root


@contextmanager
def gallery_page(index: Path) -> Iterator[Page]:
    """A built gallery open in Chromium at desktop width, as a reviewer opens it from disk;
    any script error on the page fails the test when the page is closed."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(find_browser(None, pw.chromium.executable_path)),
            args=list(LAUNCH_ARGS),
        )
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(index.as_uri())
        yield page
        browser.close()
        assert not errors


@contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fails a test still running after `seconds`: the bound for inputs on which a quadratic
    reading took minutes or hours, generous enough for a loaded machine."""

    def late(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    before = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
