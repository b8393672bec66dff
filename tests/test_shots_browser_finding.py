"""The browser finding a build records (`shots.browser`, build-wide in build/manifest.json) is
the screenshot step's to replace: `mailglot shots` kept it after it had taken every
screenshot, so the manifest (and `serve`, which shows its errors) still said the browser was
missing. A `shots` run that starts a browser drops it; one with nothing to shoot never looked
for the browser and keeps it as it was, once however often it runs. Real Chromium."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mailglot.serve.session import manifest_errors
from tests.conftest import run_cli

MISSING = {
    "path": "mailglot.yaml",
    "line": None,
    "code": "shots.browser",
    "severity": "error",
    "message": "MAILGLOT_CHROMIUM names /opt/no/chrome, which is not an executable file",
}


def _said(root: Path) -> list[dict[str, object]]:
    manifest = json.loads((root / "build/manifest.json").read_text(encoding="utf-8"))
    return manifest["diagnostics"]


def test_a_shots_run_that_starts_the_browser_replaces_its_finding(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build").exit_code == 0
    campaign = root / "campaigns/notice.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("See my plan", "See your plan"), encoding="utf-8")
    monkeypatch.setenv("MAILGLOT_CHROMIUM", "/opt/no/chrome")
    built = run_cli(root, "build")
    assert built.exit_code == 1
    assert "3 built, 3 unchanged" in built.output, built.output
    assert _said(root) == [MISSING]

    # welcome's shots are current: no browser looked for, the finding stays, once
    for _ in range(2):
        shot = run_cli(root, "shots", "--campaign", "welcome")
        assert shot.exit_code == 0, shot.output
        assert "0 screenshot(s) of 0 job(s)" in shot.output, shot.output
        assert _said(root) == [MISSING]

    monkeypatch.delenv("MAILGLOT_CHROMIUM")
    shot = run_cli(root, "shots")
    assert shot.exit_code == 0, shot.output
    assert "12 screenshot(s) of 3 job(s)" in shot.output, shot.output
    assert _said(root) == []
    assert not [e for e in manifest_errors(root / "build") if "shots.browser" in json.dumps(e)]


def test_shots_force_without_a_browser_leaves_every_file_as_it_was(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`shots --force` deleted each job's shots.json before looking for the browser: with none,
    the run stopped on its error having thrown away what the last shots measured."""
    root = fixture_project("review")
    assert run_cli(root, "build", "--campaign", "welcome").exit_code == 0
    build = root / "build"
    before = {p: p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()}
    monkeypatch.setenv("MAILGLOT_CHROMIUM", "/opt/no/chrome")
    shot = run_cli(root, "shots", "--force")
    assert shot.exit_code == 1
    assert shot.output == f"mailglot: {MISSING['message']}\n"
    assert {p: p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()} == before

    monkeypatch.delenv("MAILGLOT_CHROMIUM")
    shot = run_cli(root, "shots", "--force")
    assert shot.exit_code == 0, shot.output
    assert "12 screenshot(s) of 3 job(s)" in shot.output, shot.output


def test_a_shots_run_of_one_campaign_says_which_jobs_are_still_unshot(
    fixture_project: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`shots --campaign notice` with a working browser dropped the finding while welcome's
    jobs still had no screenshots: nothing in the manifest said so any more. It is said of
    them, counted, until a run shoots them."""
    root = fixture_project("review")
    assert run_cli(root, "build").exit_code == 0
    for name, old, new in (
        ("notice", "See my plan", "See your plan"),
        ("welcome", "Thanks for joining us.", "Thank you for joining us."),
    ):
        campaign = root / f"campaigns/{name}.yaml"
        text = campaign.read_text(encoding="utf-8")
        assert old in text
        campaign.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setenv("MAILGLOT_CHROMIUM", "/opt/no/chrome")
    built = run_cli(root, "build")
    assert built.exit_code == 1
    assert "6 built, 0 unchanged" in built.output, built.output
    assert _said(root) == [MISSING]

    monkeypatch.delenv("MAILGLOT_CHROMIUM")
    shot = run_cli(root, "shots", "--campaign", "notice")
    assert shot.exit_code == 0, shot.output
    assert "12 screenshot(s) of 3 job(s)" in shot.output, shot.output
    welcome = sorted(
        e["id"]
        for e in json.loads((root / "build/manifest.json").read_text(encoding="utf-8"))["jobs"]
        if e["campaign"] == "welcome"
    )
    assert len(welcome) == 3
    assert _said(root) == [
        {
            **MISSING,
            "message": f"3 job(s) have no current screenshots (e.g. {welcome[0]}), left by a "
            "build that could not start the browser: run `mailglot shots` to take them",
        }
    ]
    assert [e for e in manifest_errors(root / "build") if "shots.browser" in json.dumps(e)]

    shot = run_cli(root, "shots", "--campaign", "welcome")
    assert shot.exit_code == 0, shot.output
    assert "12 screenshot(s) of 3 job(s)" in shot.output, shot.output
    assert _said(root) == []
