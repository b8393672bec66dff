"""The fast path of screenshots in a real Chromium: a page's next job is written into the
document it holds instead of navigated to. Every shot must still be the job's own email, at
its own height, with its own images and findings, exactly as a navigation would show it."""

from __future__ import annotations

import io
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from mailglot.shots.capture import Outcome, Target, capture, png_size, writable
from mailglot.shots.state import Shot
from tests.conftest import run_cli

SHOTS = (
    Shot("phone", 360, 667, False),
    Shot("desktop", 800, 800, False),
    Shot("dark-phone", 360, 667, True),
    Shot("dark-desktop", 800, 800, True),
)
HEAD = '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
DARK = "<style>@media (prefers-color-scheme: dark) { body { background: #000000 !important; color: #ffffff } }</style>"


def page(body_style: str, body: str = "", head: str = "") -> str:
    return f'{HEAD}{DARK}{head}</head><body style="margin:0;{body_style}">{body}</body></html>'


def job(out: Path, name: str, html: str) -> Target:
    folder = out / name / "xx" / "a"
    folder.mkdir(parents=True)
    (folder / "preview.html").write_text(html, encoding="utf-8")
    return Target(name, folder)


def shoot(targets: list[Target], out: Path, reuse: bool = True) -> dict[str, Outcome]:
    outcomes = capture(targets, SHOTS, None, out, 1, reuse=reuse)
    return {o.target.job_id: o for o in outcomes}


def pixel(folder: Path, name: str, xy: tuple[int, int] = (5, 5)) -> tuple[int, ...]:
    with Image.open(folder / f"{name}.png") as image:
        return image.convert("RGB").getpixel(xy)


def swatch(path: Path, rgb: tuple[int, int, int]) -> None:
    path.write_bytes(png_bytes(rgb))


def png_bytes(rgb: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), rgb).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def slow_image() -> Iterator[str]:
    """A local server that answers half a second late: a written document's load does not
    wait for its images, so a shot taken without waiting for them would miss this one."""
    body = png_bytes((255, 128, 0))

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(0.5)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow.png"
    server.shutdown()


@pytest.fixture(scope="module")
def sequence(
    tmp_path_factory: pytest.TempPathFactory, slow_image: str
) -> tuple[Path, dict[str, Outcome]]:
    """Jobs shot one after the other on one page (one browser for all these tests): every job
    after the first is written into the page's document unless it must be navigated to."""
    out = tmp_path_factory.mktemp("sequence") / "build"
    img = '<img src="pic.png" width="40" height="40" style="display:block">'
    paint = "<script>setInterval(() => { document.body.style.background = 'red'; }, 1);</script>"
    jobs = {
        "tall": page("background:#ff0000", '<div style="height:2500px"></div>'),
        "short": page("background:#0000ff", '<p style="margin:0">short</p>'),
        "again": page("background:#00ff00", '<div style="height:1200px"></div>'),
        "first-pic": page("", img),
        "second-pic": page("", img),
        "slow": page("", img.replace("pic.png", slow_image)),
        "wide": page("", '<div style="width:700px;height:10px">wide</div>'),
        "fine": page("", "<p>fits</p>"),
        "scripted": page("background:#ffffff", "", paint),
        "after-script": page("background:#0000ff", "<p>plain</p>"),
        "missing": "",
        "after-failure": page("background:#00ff00"),
    }
    targets = [job(out, name, html) for name, html in jobs.items()]
    swatch(out / "first-pic/xx/a/pic.png", (255, 0, 0))
    swatch(out / "second-pic/xx/a/pic.png", (0, 128, 0))
    (out / "missing/xx/a/preview.html").unlink()
    return out, shoot(targets, out)


def folder(out: Path, name: str) -> Path:
    return out / name / "xx" / "a"


def test_each_written_job_shows_its_own_email_at_its_own_height(
    sequence: tuple[Path, dict[str, Outcome]],
) -> None:
    out, outcomes = sequence
    assert outcomes["tall"].sizes["phone"] == [360, 2500]
    assert outcomes["short"].sizes == {
        "phone": [360, 667],
        "desktop": [800, 800],
        "dark-phone": [360, 667],
        "dark-desktop": [800, 800],
    }
    assert outcomes["again"].sizes["desktop"] == [800, 1200]
    for name, rgb in (("tall", (255, 0, 0)), ("short", (0, 0, 255)), ("again", (0, 255, 0))):
        assert outcomes[name].error is None
        for shot in ("phone", "desktop"):
            assert pixel(folder(out, name), shot) == rgb, (name, shot)
            assert pixel(folder(out, name), f"dark-{shot}") == (0, 0, 0), (name, shot)
            with Image.open(folder(out, name) / f"{shot}.png") as image:
                assert list(image.size) == outcomes[name].sizes[shot]


def test_relative_images_resolve_from_each_jobs_own_folder(
    sequence: tuple[Path, dict[str, Outcome]],
) -> None:
    out, outcomes = sequence
    assert pixel(folder(out, "first-pic"), "phone", (20, 20)) == (255, 0, 0)
    assert pixel(folder(out, "second-pic"), "phone", (20, 20)) == (0, 128, 0)
    assert pixel(folder(out, "second-pic"), "dark-desktop", (20, 20)) == (0, 128, 0)
    assert not [f for f in outcomes["second-pic"].layout if f["code"] == "layout.image-missing"]


def test_a_written_job_is_shot_once_its_images_have_arrived(
    sequence: tuple[Path, dict[str, Outcome]],
) -> None:
    out, outcomes = sequence
    for shot in SHOTS:
        assert pixel(folder(out, "slow"), shot.name, (20, 20)) == (255, 128, 0), shot.name
    assert not [f for f in outcomes["slow"].layout if f["code"] == "layout.image-missing"]


def test_findings_are_the_written_jobs_own(sequence: tuple[Path, dict[str, Outcome]]) -> None:
    _, outcomes = sequence
    assert [f["code"] for f in outcomes["wide"].layout] == ["layout.overflow"]
    assert outcomes["fine"].layout == []


def test_a_scripted_preview_leaves_nothing_running_for_the_next_job(
    sequence: tuple[Path, dict[str, Outcome]],
) -> None:
    """Timers outlive document.open(): a preview with a script is navigated to, and so is
    the job after it."""
    out, outcomes = sequence
    assert outcomes["after-script"].error is None
    assert pixel(folder(out, "after-script"), "phone") == (0, 0, 255)
    assert pixel(folder(out, "after-script"), "desktop") == (0, 0, 255)


def test_a_failed_job_does_not_stop_the_next_on_its_page(
    sequence: tuple[Path, dict[str, Outcome]],
) -> None:
    out, outcomes = sequence
    error = outcomes["missing"].error
    assert error and error.startswith("FileNotFoundError") and "preview.html" in error
    assert outcomes["after-failure"].error is None
    assert pixel(folder(out, "after-failure"), "phone") == (0, 255, 0)


def test_written_jobs_are_pixel_identical_to_navigated_ones(
    fixture_project: Callable[[str], Path], tmp_path: Path
) -> None:
    """The review fixture (images, right to left, dark styles) shot on one page, every job
    after the first written, against every job navigated to."""
    root = fixture_project("review")
    assert run_cli(root, "build", "--no-screenshots").exit_code == 0
    navigated_root = tmp_path / "navigated"
    shutil.copytree(root, navigated_root)
    results = {}
    for project, reuse in ((root, True), (navigated_root, False)):
        out = project / "build"
        targets = [
            Target(p.parent.relative_to(out).as_posix(), p.parent)
            for p in sorted(out.glob("*/*/*/preview.html"))
        ]
        results[reuse] = shoot(targets, out, reuse)
    assert len(results[True]) == 6
    for job_id, written in results[True].items():
        navigated = results[False][job_id]
        assert written.error is None and navigated.error is None
        assert written.sizes == navigated.sizes, job_id
        assert written.layout == navigated.layout, job_id
        for shot in SHOTS:
            with (
                Image.open(root / "build" / job_id / f"{shot.name}.png") as a,
                Image.open(navigated_root / "build" / job_id / f"{shot.name}.png") as b,
            ):
                assert a.size == b.size
                assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


def test_a_changed_email_gets_a_new_screenshot(review_shots: Path, tmp_path: Path) -> None:
    root = tmp_path / "review"
    shutil.copytree(review_shots, root)
    folder = root / "build" / "notice" / "en_US" / "a"
    before = (folder / "phone.png").read_bytes()
    campaign = root / "campaigns" / "notice.yaml"
    campaign.write_text(campaign.read_text().replace('"See my plan"', '"Open the new plan now"'))
    result = run_cli(root, "build", "--campaign", "notice", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    assert "4 screenshot(s)" in result.output
    after = (folder / "phone.png").read_bytes()
    assert after != before
    with Image.open(io.BytesIO(after)) as now, Image.open(io.BytesIO(before)) as then:
        assert ImageChops.difference(now.convert("RGB"), then.convert("RGB")).getbbox()
    # and it is the picture a fresh shot of the changed email takes
    result = run_cli(root, "shots", "--force", "--campaign", "notice", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    assert (folder / "phone.png").read_bytes() == after


@pytest.mark.parametrize(
    "html",
    [
        page("", "<script>1</script>"),
        page("", "<p onclick='x()'>a</p>"),
        page("", "", '<base href="https://elsewhere.example/">'),
        page("", "", '<meta http-equiv="refresh" content="1">'),
        page("", '<iframe src="x.html"></iframe>'),
        page("", "", '<link rel="stylesheet" href="style.css">'),
        page("", "", "<style>td { background-image: url(bg.png) }</style>"),
        page("", '<table background="bg.png"><tr><td>a</td></tr></table>'),
        page("", '<img src="a.png" srcset="a.png 1x, b.png 2x">'),
        page("", '<img src="a.png" loading="lazy">'),
        page("", "é").replace('charset="utf-8"', 'charset="iso-8859-1"'),
        page("", "é").replace('<meta charset="utf-8">', ""),
        "\ufeff" + page("", "a"),
        "<p>no head</p>",
    ],
)
def test_previews_a_written_document_could_show_otherwise_are_navigated_to(html: str) -> None:
    assert writable(html.encode("utf-8"), Path("/p/build/c/xx/a")) is None
    assert writable("é".encode("latin-1"), Path("/p")) is None


def test_a_written_preview_gets_a_base_for_its_folder() -> None:
    html = page("", "é")
    written = writable(html.encode("utf-8"), Path("/p q/build/c&d/xx/a"))
    assert written == html.replace(
        "<head>", '<head><base href="file:///p%20q/build/c%26d/xx/a/">', 1
    )
    assert writable(b"<html><head></head><body>ascii only</body></html>", Path("/p")) is not None


def test_png_size_reads_the_header() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (360, 1234)).save(buffer, "PNG")
    assert png_size(buffer.getvalue()) == (360, 1234)
    assert png_size(png_bytes((0, 0, 0))) == (40, 40)
