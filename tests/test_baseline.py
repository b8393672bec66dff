"""baseline.py: pixel comparison with the approved screenshots, and the review record it
produces, on small literal images (no browser needed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from mailglot.baseline import APPROVED_DIR, compare_images, review_job
from mailglot.errors import Diagnostic
from mailglot.output import BUILD_DIR
from mailglot.project.loader import load_project
from mailglot.records import JobPlace, Review
from mailglot.shots.layout import SEVERITY
from mailglot.shots.state import ShotState, shot_key, write_state

WHITE, RED = (255, 255, 255), (230, 0, 60)
PLACE = JobPlace("welcome", "fr_FR", "a")


def png(path: Path, size: tuple[int, int], dots: dict[tuple[int, int], tuple[int, int, int]]):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, WHITE)
    for xy, colour in dots.items():
        image.putpixel(xy, colour)
    image.save(path)
    return path


def test_identical_images_have_no_change_and_no_diff_image(tmp_path: Path) -> None:
    a = png(tmp_path / "a.png", (10, 10), {(3, 3): (0, 0, 0)})
    b = png(tmp_path / "b.png", (10, 10), {(3, 3): (0, 0, 0)})
    assert compare_images(a, b) == (0.0, None)


def test_one_changed_pixel_is_its_share_and_shows_red_in_the_diff(tmp_path: Path) -> None:
    a = png(tmp_path / "a.png", (10, 10), {(3, 4): (0, 0, 0)})
    b = png(tmp_path / "b.png", (10, 10), {})
    share, diff = compare_images(a, b)
    assert share == 0.01
    assert diff is not None and diff.size == (10, 10)
    assert diff.getpixel((3, 4)) == RED
    assert diff.getpixel((0, 0)) != RED  # unchanged pixels are faded, not marked


def test_a_taller_shot_counts_the_area_only_one_image_has(tmp_path: Path) -> None:
    a = png(tmp_path / "a.png", (10, 12), {})
    b = png(tmp_path / "b.png", (10, 10), {})
    share, diff = compare_images(a, b)
    assert share == 20 / 120
    assert diff is not None and diff.getpixel((5, 11)) == RED and diff.getpixel((5, 9)) != RED


def shot_job(root: Path, layout: list[dict[str, str]]) -> Path:
    """A job folder as `mailglot shots` leaves it: a preview, its phone shot, shots.json."""
    folder = PLACE.folder(root / BUILD_DIR)
    folder.mkdir(parents=True)
    (folder / "preview.html").write_text("<p>Bonjour</p>", encoding="utf-8")
    png(folder / "phone.png", (4, 4), {(0, 0): (0, 0, 0)})
    project = load_project(root)
    key = shot_key(folder, root, project.settings.screenshots)
    write_state(folder, ShotState(key, {"phone": [4, 4]}, layout), root / BUILD_DIR)
    return folder


def test_review_against_an_approved_baseline(fixture_project: Callable[[str], Path]) -> None:
    root = fixture_project("review")
    folder = shot_job(root, [{"code": "layout.overflow", "message": "the page scrolls sideways"}])
    png(root / APPROVED_DIR / PLACE.rel / "phone.png", (4, 4), {})
    earlier = Diagnostic("locales/fr_FR/LC_MESSAGES/messages.po", 7, "l10n.missing", "warning", "x")
    stale = Diagnostic("build/welcome/fr_FR/a/preview.html", None, "layout.tap-target", "info", "y")
    findings, review = review_job(load_project(root), root / BUILD_DIR, PLACE, [earlier, stale])
    assert findings == (
        earlier,  # kept; the previous layout finding is replaced by this build's
        Diagnostic(
            "build/welcome/fr_FR/a/preview.html",
            None,
            "layout.overflow",
            SEVERITY["layout.overflow"],
            "at 360 px, the page scrolls sideways",
        ),
    )
    assert review == Review(
        current=True,
        sizes=(("phone", 4, 4),),
        baseline=True,
        changed=True,
        changed_share=1 / 16,
        shots=(("phone", 1 / 16),),
    )
    assert (folder / "diff-phone.png").is_file()


def test_layout_findings_follow_checks_disable(fixture_project: Callable[[str], Path]) -> None:
    root = fixture_project("review")
    settings = root / "mailglot.yaml"
    settings.write_text(settings.read_text() + "checks: {disable: [layout]}\n")
    shot_job(root, [{"code": "layout.overflow", "message": "the page scrolls sideways"}])
    findings, review = review_job(load_project(root), root / BUILD_DIR, PLACE, [])
    assert findings == ()
    assert review.current and not review.baseline and not review.changed
    assert review.shots == (("phone", None),)  # no baseline for this shot yet


def test_a_job_without_current_shots_has_an_empty_review(
    fixture_project: Callable[[str], Path],
) -> None:
    root = fixture_project("review")
    folder = PLACE.folder(root / BUILD_DIR)
    folder.mkdir(parents=True)
    (folder / "preview.html").write_text("<p>Bonjour</p>", encoding="utf-8")
    write_state(folder, ShotState(None, {}, [], "TimeoutError: page load"), root / BUILD_DIR)
    findings, review = review_job(load_project(root), root / BUILD_DIR, PLACE, [])
    assert findings == (
        Diagnostic(
            "build/welcome/fr_FR/a/preview.html",
            None,
            "shots.failed",
            "warning",
            "TimeoutError: page load",
        ),
    )
    assert review == Review()
