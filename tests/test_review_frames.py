"""Review pages and what a merged shard may have put in a build: an email's script never
runs in the gallery or in serve's single-email page, and a shot name is never markup.

A shard's preview.html ran its script inside serve's page (it retitled the page and rewrote
the job's heading), and a shot name from a shard's meta.json was written unescaped into the
gallery's `<img src>` (its onerror ran, from file:// too). Real Chromium, real serve."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import FrameLocator, Page, expect

from tests.conftest import gallery_page
from tests.test_serve import JOB, Serve, chromium, project, running, wait_in_email

__all__ = ["chromium", "project"]  # fixtures shared with test_serve

# What a tampered preview.html carries: a script that marks its own document and reaches for
# the review page around it, and a link that opens a new tab, as the build's buttons do.
SCRIPT = (
    '<a id="out" href="https://outside.example/offer" target="_blank">outside</a>'
    '<script>document.documentElement.dataset.ran = "yes";'
    'parent.document.title = "PWNED"; var h = parent.document.getElementById("job");'
    'if (h) h.textContent = "PWNED-FROM-SHARD";</script>'
)


def tamper(preview: Path) -> None:
    html = preview.read_text(encoding="utf-8")
    assert html.count("</body>") == 1
    preview.write_text(html.replace("</body>", f"{SCRIPT}</body>"), encoding="utf-8")


def email_frame(page: Page, name: str) -> FrameLocator:
    """The frame showing `name` (preview.html, images-off.html, dark=1)."""
    return page.frame_locator(f'iframe[src*="{name}"]')


def never_ran(frame: FrameLocator) -> None:
    expect(frame.locator("#out")).to_have_count(1)  # the tampered email is the one shown
    assert frame.locator("html").get_attribute("data-ran") is None


def open_job(page: Page, build: Path, job: str) -> None:
    """The gallery opened at a job, as a link to `index.html#<job>` opens it."""
    page.goto(f"{(build / 'index.html').as_uri()}#{quote(job, safe='')}")
    page.reload()  # the hash is read when the page loads


def copy_build(example_build: Path, dest: Path) -> Path:
    shutil.copytree(example_build / "build", dest)
    return dest


def gallery_data(build: Path) -> tuple[str, dict]:
    text = (build / "gallery-data.js").read_text(encoding="utf-8")
    head, _, body = text.partition("= ")
    return head + "= ", json.loads(body.rstrip().removesuffix(";"))


EVIL = 'x" onerror="document.title=\'GALLERY-XSS\'" y="'


def test_a_shot_name_is_never_markup_in_the_gallery(example_build: Path, tmp_path: Path) -> None:
    """The page data is written by hand here: mailglot itself refuses such a name (merge,
    meta.json), so this holds the gallery to escaping whatever its data says."""
    build = copy_build(example_build, tmp_path / "build")
    head, data = gallery_data(build)
    job = data["jobs"][0]
    job.update(
        shots={EVIL: [375, 800]},
        review={EVIL: 0.5},
        baseline=True,
        changed=True,
        changed_share=0.5,
    )
    (build / "gallery-data.js").write_text(f"{head}{json.dumps(data)};\n", "utf-8")
    with gallery_page(build / "index.html") as page:
        title = page.title()
        open_job(page, build, job["id"])
        expect(page.locator("#detail-title")).to_have_text(job["id"])  # a changed job: Review
        images = page.locator(".pane img")
        expect(images).to_have_count(3)  # baseline, current and diff
        encoded = quote(EVIL, safe="!'()*~")  # as encodeURIComponent writes it
        path = "/".join(quote(p, safe="") for p in job["path"].split("/"))
        assert [images.nth(i).get_attribute("src") for i in range(3)] == [
            f"../approved/{path}/{encoded}.png",
            f"{path}/{encoded}.png",
            f"{path}/diff-{encoded}.png",
        ]
        page.keyboard.press("1")  # the screenshots tab
        expect(page.locator(".pane img")).to_have_count(0)  # no phone or desktop shot
        page.wait_for_timeout(500)  # the images have failed to load by now
        assert page.locator("[onerror]").count() == 0
        assert page.title() == title


def test_an_emails_script_never_runs_in_the_gallery(example_build: Path, tmp_path: Path) -> None:
    build = copy_build(example_build, tmp_path / "build")
    _, data = gallery_data(build)
    job = data["jobs"][0]["id"]
    tamper(build / job / "preview.html")
    tamper(build / job / "images-off.html")
    with gallery_page(build / "index.html") as page:
        title = page.title()
        open_job(page, build, job)
        expect(page.locator("#detail-title")).to_have_text(job)
        page.keyboard.press("3")
        never_ran(email_frame(page, "preview.html"))
        # its links still open, in a new tab
        page.context.route("https://outside.example/**", lambda r: r.fulfill(body="outside"))
        with page.expect_popup() as opened:
            email_frame(page, "preview.html").locator("#out").click()
        expect(opened.value.locator("body")).to_have_text("outside")
        opened.value.close()
        page.locator('[data-tab="images"]').click()  # the keyboard's focus is in the frame
        never_ran(email_frame(page, "images-off.html"))
        assert page.title() == title


def test_an_emails_script_never_runs_in_serves_pages(project: Path, chromium) -> None:
    with running(Serve(project)) as server:
        tamper(project / "build" / JOB / "preview.html")
        context = chromium.new_context()
        context.route("https://outside.example/**", lambda r: r.fulfill(body="outside"))
        page = context.new_page()
        page.goto(f"{server.base}/{JOB}/")
        expect(page).to_have_title(f"{JOB} · mailglot")
        frame = email_frame(page, "preview.html")
        never_ran(frame)
        page.wait_for_timeout(1500)  # a script late enough to outlast the page's own writes
        expect(page).to_have_title(f"{JOB} · mailglot")
        expect(page.locator("#job")).to_have_text(JOB)

        # links open in a new tab; dark mode still shows the email
        with page.expect_popup() as opened:
            frame.locator("#out").click()
        expect(opened.value.locator("body")).to_have_text("outside")
        opened.value.close()
        page.locator("#dark").click()
        expect(page.locator("iframe#mail")).to_have_attribute(
            "src", "preview.html?embed=1&dark=1&v=0"
        )
        never_ran(email_frame(page, "dark=1"))
        page.locator("#dark").click()

        # an email pushed with the news is written into the frame: its script does not run
        pushed = (
            '<!doctype html><html><body><p>pushed email</p><a id="out" href="#">x</a>'
            '<script>document.documentElement.dataset.ran = "yes";'
            'parent.document.title = "PWNED";</script></body></html>'
        )
        page.evaluate(
            "html => window.MAILGLOT_VIEW.refresh(7, {html, text: 'text part', subject: 's',"
            " preheader: '', preview_body: ''})",
            pushed,
        )
        wait_in_email(page, "pushed email")
        assert (
            page.evaluate(
                "() => document.querySelector('iframe#mail').contentDocument.documentElement"
                ".dataset.ran ?? null"
            )
            is None
        )
        expect(page).to_have_title(f"{JOB} · mailglot")

        # the email opened on its own (the gallery's "open preview.html" link): serve's live
        # script runs, the email's does not
        answer = page.goto(f"{server.base}/{JOB}/preview.html")
        assert answer is not None
        policy = answer.headers["content-security-policy"]
        nonce = re.fullmatch(r"script-src 'nonce-([\w-]{24})'", policy)
        assert nonce, policy
        assert f'<script nonce="{nonce[1]}" src="/__mailglot/live.js"></script></body>' in (
            answer.text()
        )
        expect(page.locator("#out")).to_have_count(1)
        page.wait_for_function("() => window.__mailglotLive === true")
        assert page.locator("html").get_attribute("data-ran") is None
        assert page.title() != "PWNED"
        embedded = page.request.get(f"{server.base}/{JOB}/preview.html?embed=1")
        assert embedded.headers["content-security-policy"] == "script-src 'none'"
        assert "/__mailglot/live.js" not in embedded.text()

        # the gallery serve shows: the HTML tab's email runs no script either
        gallery = page.goto(f"{server.base}/#{quote(JOB, safe='')}")
        assert gallery is not None and "content-security-policy" not in gallery.headers
        expect(page.locator("#detail-title")).to_have_text(JOB)
        page.keyboard.press("3")
        never_ran(email_frame(page, "preview.html"))
        assert "PWNED" not in page.title()
        context.close()
