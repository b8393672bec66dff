"""Approved baselines: a changed template is reported as changed, an unchanged one is not."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.conftest import run_cli


def visual(root: Path, job: str) -> dict:
    meta = json.loads((root / "build" / job / "meta.json").read_text(encoding="utf-8"))
    return meta["visual"]


def test_changed_template_is_reported_against_the_approved_baseline(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build").exit_code == 0
    assert visual(root, "notice/en_US/a")["baseline"] is False

    result = run_cli(root, "approve")
    assert result.exit_code == 0, result.output
    assert "approved the screenshots of 6 job(s)" in result.output
    baseline = root / "approved" / "notice" / "en_US" / "a"
    assert sorted(p.name for p in baseline.iterdir()) == [
        "dark-desktop.png",
        "dark-phone.png",
        "desktop.png",
        "phone.png",
    ]
    v = visual(root, "notice/en_US/a")
    assert v["baseline"] is True and v["changed"] is False and v["changed_share"] == 0

    template = root / "templates" / "notice.mjml.j2"
    heading = '<mj-text font-size="22px" font-weight="700">'
    template.write_text(template.read_text().replace(heading, heading[:-1] + ' color="#b91c1c">'))
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output

    for locale in ("en_US", "fr_FR", "ar_XB"):
        changed = visual(root, f"notice/{locale}/a")
        assert changed["changed"] is True, locale
        assert 0 < changed["changed_share"] < 0.05  # only the heading's pixels
        assert changed["shots"]["phone"] > 0
        diff = root / "build" / "notice" / locale / "a" / "diff-phone.png"
        with Image.open(diff) as image:
            assert image.size[0] == 360
        unchanged = visual(root, f"welcome/{locale}/a")
        assert unchanged["changed"] is False and unchanged["baseline"] is True
        assert not (root / "build" / "welcome" / locale / "a" / "diff-phone.png").exists()

    manifest = json.loads((root / "build" / "manifest.json").read_text())
    flags = {j["id"]: j["visual"]["changed"] for j in manifest["jobs"]}
    assert flags["notice/en_US/a"] is True and flags["welcome/en_US/a"] is False
    data = (root / "build" / "gallery-data.js").read_text()
    jobs = json.loads(data.removeprefix("window.MAILGLOT = ").rstrip().rstrip(";"))["jobs"]
    assert {j["id"] for j in jobs if j["changed"]} == {
        f"notice/{x}/a" for x in ("en_US", "fr_FR", "ar_XB")
    }

    # Approving the new look makes it the baseline: nothing is changed any more.
    result = run_cli(root, "approve", "--campaign", "notice")
    assert result.exit_code == 0, result.output
    assert visual(root, "notice/en_US/a")["changed"] is False
    assert not (root / "build" / "notice" / "en_US" / "a" / "diff-phone.png").exists()


def test_approve_names_an_unknown_campaign(fixture_project: Callable[[str], Path]) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build", "--no-screenshots", "--campaign", "welcome").exit_code == 0
    result = run_cli(root, "approve", "--campaign", "promo")
    assert result.exit_code == 2
    assert "no built jobs for campaign(s) promo; built: welcome" in result.output
    result = run_cli(root, "approve")
    assert result.exit_code == 2
    assert "has no current screenshots: run `mailglot shots`" in result.output


def test_approve_never_writes_through_a_link_out_of_the_project(tmp_path: Path) -> None:
    """approved/ as a link to a folder elsewhere: approve copied the screenshots there and
    removed every folder of it that was not a current job's baseline."""
    root = tmp_path / "p"
    assert run_cli(tmp_path, "init", str(root)).exit_code == 0
    assert run_cli(root, "build", "--no-screenshots").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "welcome/old/a").mkdir(parents=True)
    (elsewhere / "welcome/old/a/keep.png").write_bytes(b"mine")
    (root / "approved").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli(root, "approve")
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: approved/welcome leads to {elsewhere / 'welcome'}, outside the project; "
        "mailglot does not write there (remove the link)\n"
    )
    assert (elsewhere / "welcome/old/a/keep.png").read_bytes() == b"mine"


def test_the_build_never_compares_with_baselines_through_a_link_out_of_the_project(
    fixture_project: Callable[[str], Path], tmp_path: Path
) -> None:
    """approved/notice as a link to a folder elsewhere: the build read the PNGs there as the
    approved look. Now it names the link and compares with nothing; approve refuses a link
    deeper down (approved/welcome/fr_FR) before writing anything."""
    root = fixture_project("review")
    assert run_cli(root, "build").exit_code == 0
    assert run_cli(root, "approve").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "approved/notice").rename(elsewhere / "notice")
    (root / "approved/notice").symlink_to(elsewhere / "notice", target_is_directory=True)
    result = run_cli(root, "build")
    assert result.exit_code == 1
    assert (
        f"approved/notice: approved/notice leads to {elsewhere / 'notice'}, outside the "
        "project; mailglot does not read or write baselines there (remove the link, or copy "
        "the baselines into the project) [error: shots.baseline] (3 jobs: notice/en_US/a, "
        "notice/ar_XB/a, notice/fr_FR/a)"
    ) in result.output
    v = visual(root, "notice/fr_FR/a")
    assert v["baseline"] is False and v["changed"] is False
    assert set(v["shots"].values()) == {None}
    assert visual(root, "welcome/fr_FR/a")["baseline"] is True

    (root / "approved/notice").unlink()
    fr = root / "approved/welcome/fr_FR"
    fr.rename(elsewhere / "fr_FR")
    fr.symlink_to(elsewhere / "fr_FR", target_is_directory=True)
    before = sorted(p.name for p in (elsewhere / "fr_FR/a").iterdir())
    (elsewhere / "fr_FR/old").mkdir()
    result = run_cli(root, "approve", "--campaign", "welcome")
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: approved/welcome/fr_FR leads to {elsewhere / 'fr_FR'}, outside the project; "
        "mailglot does not read or write baselines there (remove the link, or copy the "
        "baselines into the project)\n"
    )
    assert sorted(p.name for p in (elsewhere / "fr_FR/a").iterdir()) == before
    assert (elsewhere / "fr_FR/old").is_dir()


def test_approve_json_counts_jobs_shots_and_stale_baselines(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build").exit_code == 0
    stale = root / "approved" / "notice" / "xx_XX" / "a"
    stale.mkdir(parents=True)
    (stale / "phone.png").write_bytes(b"old")
    result = run_cli(root, "approve", "--campaign", "notice", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["command"], document["ok"], document["findings"]) == ("approve", True, [])
    summary = document["summary"]
    assert summary["approved"] == [j for j in summary["approved"] if j.startswith("notice/")]
    assert "notice/en_US/a" in summary["approved"]
    assert summary["jobs"] == len(summary["approved"]) > 0
    assert summary["shots_copied"] == 4 * summary["jobs"]  # phone, desktop, light and dark
    assert summary["removed"] == ["approved/notice/xx_XX/a"]
    assert not stale.exists()
    assert result.stderr == ""

    quiet = run_cli(root, "approve", "-q")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_approve_json_when_it_cannot_approve(fixture_project: Callable[[str], Path]) -> None:
    root = fixture_project("review")
    assert run_cli(root, "build", "--no-screenshots", "--campaign", "welcome").exit_code == 0
    for args, error in [
        (("--campaign", "promo"), "no built jobs for campaign(s) promo; built: welcome"),
        ((), "has no current screenshots: run `mailglot shots`"),
    ]:
        result = run_cli(root, "approve", *args, "--json")
        assert result.exit_code == 2, result.output
        document = json.loads(result.stdout)
        assert (document["command"], document["ok"], document["findings"]) == (
            "approve",
            False,
            [],
        )
        assert error in document["summary"]["error"]
        assert result.stderr == ""
        quiet = run_cli(root, "approve", *args, "--quiet")
        assert quiet.exit_code == 2 and error in quiet.output
