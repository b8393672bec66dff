"""Screenshots in a real Chromium: widths, repeatable pixels, incremental shots, layout findings."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.conftest import run_cli

JOBS = [f"{c}/{loc}/a" for c in ("notice", "welcome") for loc in ("en_US", "fr_FR", "ar_XB")]


def meta(project: Path, job: str) -> dict:
    return json.loads((project / "build" / job / "meta.json").read_text(encoding="utf-8"))


def codes(project: Path, job: str) -> list[str]:
    return [f["code"] for f in meta(project, job)["findings"]]


@pytest.fixture
def shot(review_shots: Path) -> Path:
    return review_shots


def test_every_job_has_phone_desktop_and_dark_shots_at_the_configured_widths(shot: Path) -> None:
    for job in JOBS:
        folder = shot / "build" / job
        for name, width in (
            ("phone", 360),
            ("desktop", 800),
            ("dark-phone", 360),
            ("dark-desktop", 800),
        ):
            with Image.open(folder / f"{name}.png") as image:
                assert image.width == width, (job, name)
                assert image.height >= (667 if "phone" in name else 800)
        assert meta(shot, job)["visual"]["sizes"]["phone"][0] == 360


def test_dark_shots_use_the_templates_dark_styles(shot: Path) -> None:
    folder = shot / "build" / "welcome/en_US/a"
    with Image.open(folder / "phone.png") as light, Image.open(folder / "dark-phone.png") as dark:
        assert light.convert("RGB").getpixel((2, 2)) == (0xF4, 0xF4, 0xF5)
        assert dark.convert("RGB").getpixel((2, 2)) == (0x18, 0x18, 0x1B)


def test_shots_are_pixel_identical_when_taken_again(shot: Path) -> None:
    folder = shot / "build" / "welcome/ar_XB/a"
    before = {n: Image.open(folder / f"{n}.png").convert("RGB") for n in ("phone", "desktop")}
    result = run_cli(shot, "shots", "--force", "--campaign", "welcome", "--locale", "ar_XB")
    assert result.exit_code == 0, result.output
    assert "4 screenshot(s) of 1 job(s)" in result.output
    for name, image in before.items():
        with Image.open(folder / f"{name}.png") as again:
            assert ImageChops.difference(image, again.convert("RGB")).getbbox() is None, name


def test_unchanged_previews_are_not_shot_again(shot: Path) -> None:
    result = run_cli(shot, "shots")
    assert "0 screenshot(s) of 0 job(s)" in result.output
    assert "6 unchanged" in result.output
    result = run_cli(shot, "build")
    assert "screenshot(s)" not in result.output  # nothing to shoot


def test_previews_load_assets_locally_and_delivered_html_keeps_the_cdn(shot: Path) -> None:
    folder = shot / "build" / "notice/en_US/a"
    assert 'src="../../../../templates/assets/badge.png"' in (folder / "preview.html").read_text()
    assert 'src="https://cdn.acme.example/email/badge.png"' in (folder / "email.html").read_text()
    assert "layout.image-missing" not in codes(shot, "notice/en_US/a")


def test_no_screenshots_takes_none(fixture_project: Callable[[str], Path]) -> None:
    root = fixture_project("review")
    result = run_cli(root, "build", "--no-screenshots", "--campaign", "welcome")
    assert result.exit_code == 0, result.output
    assert not list((root / "build").rglob("*.png"))
    assert meta(root, "welcome/en_US/a")["visual"]["current"] is False


def test_layout_problems_planted_in_a_template_are_reported_at_phone_width(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    campaign = root / "campaigns" / "notice.yaml"
    original = campaign.read_text()
    campaign.write_text(
        original.replace("wide_banner: false", "wide_banner: true").replace(
            '"See my plan"', '"Donaudampfschifffahrtsgesellschaftskapitänsmütze"'
        )
    )
    result = run_cli(root, "build", "--campaign", "notice", "--locale", "en_US")
    assert result.exit_code == 0, result.output  # layout findings are warnings
    findings = {f["code"]: f for f in meta(root, "notice/en_US/a")["findings"]}
    overflow = findings["layout.overflow"]
    assert overflow["severity"] == "warning"
    assert overflow["path"] == "build/notice/en_US/a/preview.html"
    assert "at 360 px, the page is 544 px wide on a 360 px phone" in overflow["message"]
    assert 'div.planted-banner "Wide banner"' in overflow["message"]
    text = findings["layout.text-overflow"]["message"]
    assert '"Donaudampfschifffahrtsgesellschaftskapitänsmütze"' in text
    manifest = json.loads((root / "build" / "manifest.json").read_text())
    entry = next(j for j in manifest["jobs"] if j["id"] == "notice/en_US/a")
    assert {"layout.overflow", "layout.text-overflow"} <= {f["code"] for f in entry["findings"]}
    assert (
        "build/notice/en_US/a/preview.html: warning: at 360 px, the page is 544 px" in result.output
    )

    # Fixed: the findings go away instead of piling up.
    campaign.write_text(original)
    result = run_cli(root, "build", "--campaign", "notice", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    now = codes(root, "notice/en_US/a")
    assert "layout.overflow" not in now and "layout.text-overflow" not in now
    assert now.count("layout.tap-target") == 1


def test_small_tap_targets_and_unsized_images_are_noted(shot: Path) -> None:
    tap = next(
        f for f in meta(shot, "welcome/en_US/a")["findings"] if f["code"] == "layout.tap-target"
    )
    assert tap["severity"] == "info"
    match = re.search(r'a "Unsubscribe" is (\d+) px x (\d+) px', tap["message"])
    assert match and int(match[2]) < 44, tap["message"]


def test_layout_findings_can_be_silenced(fixture_project: Callable[[str], Path]) -> None:
    root = fixture_project("review")
    settings = root / "mailglot.yaml"
    settings.write_text(settings.read_text() + "checks: {disable: [layout.tap-target]}\n")
    result = run_cli(root, "build", "--campaign", "welcome", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    assert "layout.tap-target" not in codes(root, "welcome/en_US/a")


def test_a_built_job_whose_preview_was_deleted_is_reported_not_skipped(
    fixture_project: Callable[[str], Path],
) -> None:
    """`shots --force` used to leave such a job out silently: '0 failed', exit 0."""
    root = fixture_project("review")
    assert run_cli(root, "build", "--no-screenshots", "--campaign", "welcome").exit_code == 0
    (root / "build" / "welcome/fr_FR/a/preview.html").unlink()
    result = run_cli(root, "shots", "--force", "--campaign", "welcome", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "build/welcome/fr_FR/a/preview.html: warning: preview.html is missing: run `mailglot "
        "build` to write it again, then shoot [shots.failed]"
    )
    assert ", 0 unchanged, 1 failed -> " in result.output
    assert "shots.failed" in codes(root, "welcome/fr_FR/a")
    assert run_cli(root, "build", "--campaign", "welcome", "--locale", "fr_FR").exit_code == 0
    assert "shots.failed" not in codes(root, "welcome/fr_FR/a")
    assert (root / "build" / "welcome/fr_FR/a/phone.png").is_file()


def test_a_killed_shots_temporary_pngs_are_removed_when_the_job_is_shot_again(
    fixture_project: Callable[[str], Path],
) -> None:
    """`.phone.png.<pid>-<n>.tmp`, left by shots killed mid-write, stayed for good."""
    root = fixture_project("review")
    assert run_cli(root, "build", "--campaign", "welcome", "--no-screenshots").exit_code == 0
    job = root / "build/welcome/fr_FR/a"
    (job / ".phone.png.99999-1.tmp").write_bytes(b"\x89PNG half")
    (job / "phone.png.tmp").write_bytes(b"mine")
    result = run_cli(root, "shots")
    assert result.exit_code == 0, result.output
    assert not (job / ".phone.png.99999-1.tmp").exists()
    assert (job / "phone.png.tmp").read_bytes() == b"mine"
    assert (job / "phone.png").is_file()
