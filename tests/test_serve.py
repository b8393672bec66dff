"""`mailglot serve` as a designer uses it: a real server process, real file saves, real
Chromium through Playwright looking at the single-email page."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from mailglot.shots.browser import LAUNCH_ARGS, BrowserNotFound, find_browser

TEMPLATE = "templates/welcome.mjml.j2"
JOB = "welcome/fr_FR/a"


class Serve:
    def __init__(self, project: Path, *extra: str) -> None:
        argv = [sys.executable, "-m", "mailglot", "--project", str(project), "serve"]
        self.proc = subprocess.Popen(
            [*argv, "--port", "0", *(extra or ("--no-screenshots",))],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
                break
        else:
            raise AssertionError("serve did not start")
        os.set_blocking(self.proc.stderr.fileno(), False)
        self.base = f"http://127.0.0.1:{self.port}"

    def get(self, raw_path: str, host: str | None = None) -> tuple[int, bytes]:
        """A request with the path sent exactly as given (no client-side normalisation)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.putrequest("GET", raw_path, skip_host=host is not None)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        answer = conn.getresponse()
        body = answer.read()
        conn.close()
        return answer.status, body

    def status(self) -> dict:
        return json.loads(self.get("/__mailglot/status")[1])

    def wait_idle(self, timeout: float = 120) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.status()
            if not status["busy"]:
                return status
            time.sleep(0.1)
        raise AssertionError("the background build did not finish")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


@contextlib.contextmanager
def running(server: Serve, timeout: float = 120) -> Iterator[Serve]:
    """`server` once its first build has ended; stopped when the block ends, however."""
    try:
        server.wait_idle(timeout)
        yield server
    finally:
        server.stop()


@pytest.fixture
def project(tmp_path: Path, cli) -> Path:
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    return root


@pytest.fixture
def serve(project: Path) -> Iterator[Serve]:
    with running(Serve(project)) as server:
        yield server


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with sync_playwright() as pw:
        try:
            executable = find_browser(None, pw.chromium.executable_path)
        except BrowserNotFound as exc:
            pytest.skip(str(exc))
        browser = pw.chromium.launch(executable_path=str(executable), args=list(LAUNCH_ARGS))
        yield browser
        browser.close()


def email_text(page: Page) -> str:
    return page.evaluate(
        "() => document.querySelector('iframe#mail').contentDocument.body.innerText"
    )


def wait_in_email(page: Page, text: str) -> None:
    page.wait_for_function(
        "t => { const d = document.querySelector('iframe#mail').contentDocument;"
        " return !!(d && d.body && d.body.innerText.includes(t)); }",
        arg=text,
        timeout=30_000,
    )


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_saving_the_template_shows_on_the_email_page_and_errors_come_and_go(
    serve: Serve, project: Path, chromium
) -> None:
    page = chromium.new_page()
    page.goto(f"{serve.base}/{JOB}/")
    wait_in_email(page, "Bienvenue")
    expect(page.locator("#subject")).to_have_text(re.compile("Acme"))
    expect(page.locator("#locale")).to_have_value("fr_FR")
    assert sorted(page.eval_on_selector_all("#locale option", "os => os.map(o => o.value)")) == [
        "en_US",
        "en_XA",
        "fr_FR",
    ]
    expect(page.locator("#text")).to_contain_text("Bienvenue")
    expect(page.locator("#mailglot-overlay .panel")).to_be_hidden()

    # save a template change: the page shows it without a reload of the page itself
    page.evaluate("() => { window.notReloaded = true; }")
    edit(project, TEMPLATE, '<mj-text>{{ data.strings.intro }}</mj-text>',
         '<mj-text>{{ data.strings.intro }} Quokka</mj-text>')  # fmt: skip
    wait_in_email(page, "Quokka")
    expect(page.locator("#text")).to_contain_text("Quokka")
    assert page.evaluate("() => window.notReloaded") is True

    # break it: the overlay names the file and the line; the email stays the last good one
    lines = (project / TEMPLATE).read_text(encoding="utf-8").splitlines()
    broken_line = next(i for i, line in enumerate(lines, 1) if "Quokka" in line)
    edit(project, TEMPLATE, "Quokka</mj-text>", "Quokka {% if %}</mj-text>")
    overlay = page.locator("#mailglot-overlay .panel")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text(f"{TEMPLATE}:{broken_line}")
    assert "Quokka" in email_text(page)

    # fix it: the overlay goes, the change shows
    edit(project, TEMPLATE, "Quokka {% if %}</mj-text>", "Wombat</mj-text>")
    wait_in_email(page, "Wombat")
    expect(overlay).to_be_hidden(timeout=30_000)
    page.close()


def test_the_inbox_row_shows_the_body_words_an_inbox_shows_after_the_preheader(
    tmp_path: Path, cli, chromium
) -> None:
    root = tmp_path / "p"
    assert cli(tmp_path, "init", str(root)).exit_code == 0
    padding = "{% for _ in range(100) %}&zwnj;&nbsp;{% endfor %}"
    edit(root, "templates/layouts/base.mjml.j2", padding, "")  # a preheader with no filler
    server = Serve(root)
    try:
        server.wait_idle()
        page = chromium.new_page()
        page.goto(f"{server.base}/{JOB}/")
        wait_in_email(page, "Bienvenue")
        leak = page.locator("#leak")
        expect(leak).to_have_text(re.compile(r"^Acme Bienvenue"))
        preheader = page.locator("#preheader").text_content()
        assert preheader and not preheader.startswith("Acme")
        # pad it again: the inbox shows the preheader alone, without a reload of the page
        edit(root, "templates/layouts/base.mjml.j2", "{{ preheader }}", "{{ preheader }}" + padding)
        expect(leak).to_have_text("", timeout=30_000)
        page.close()
    finally:
        server.stop()


def test_a_broken_campaign_shows_where_and_serve_keeps_serving(
    serve: Serve, project: Path, chromium
) -> None:
    page = chromium.new_page()
    page.goto(f"{serve.base}/{JOB}/")
    wait_in_email(page, "Bienvenue")
    edit(
        project, "campaigns/welcome.yaml", "  price: 9.99\n", "  price: 9.99\n  when: 2026-02-30\n"
    )
    overlay = page.locator("#mailglot-overlay .panel")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text("campaigns/welcome.yaml:")
    assert serve.get("/")[0] == 200
    edit(project, "campaigns/welcome.yaml", "  when: 2026-02-30\n", "")
    expect(overlay).to_be_hidden(timeout=30_000)
    assert serve.proc.poll() is None
    page.close()


def test_broken_settings_or_catalog_show_in_the_page_until_fixed(
    serve: Serve, project: Path, chromium
) -> None:
    page = chromium.new_page()
    page.goto(f"{serve.base}/{JOB}/")
    wait_in_email(page, "Bienvenue")
    overlay = page.locator("#mailglot-overlay .panel")
    settings = (project / "mailglot.yaml").read_text(encoding="utf-8")
    (project / "mailglot.yaml").write_text(settings + "\nlocales: [en_US\n", encoding="utf-8")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text("mailglot.yaml:")
    (project / "mailglot.yaml").write_text(settings, encoding="utf-8")
    expect(overlay).to_be_hidden(timeout=30_000)

    catalog = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    good = catalog.read_text(encoding="utf-8")
    catalog.write_text(good.replace('msgstr "Bienvenue', 'msgstr "Bienvenue\n', 1), "utf-8")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text("locales/fr_FR/LC_MESSAGES/messages.po:")
    catalog.write_text(good, encoding="utf-8")
    expect(overlay).to_be_hidden(timeout=30_000)
    assert serve.proc.poll() is None
    page.close()


def test_the_gallery_marks_stale_jobs_then_reloads(serve: Serve, project: Path, chromium) -> None:
    page = chromium.new_page()
    page.goto(f"{serve.base}/")
    expect(page.locator('[data-id="welcome/fr_FR/a"]')).to_be_visible()
    live = page.locator('[data-id="welcome/fr_FR/a"] a.mg-live-link')
    expect(live).to_have_attribute("href", "/welcome/fr_FR/a/")
    edit(project, "campaigns/welcome.yaml", "Welcome to Acme", "Hello from Acme")
    expect(page.locator(".inbox .subject").first).to_contain_text("Hello from Acme", timeout=30_000)
    meta = json.loads((project / "build" / JOB / "meta.json").read_text(encoding="utf-8"))
    assert (
        meta["subject_preview"].startswith("Hello from Acme") or "Acme" in meta["subject_preview"]
    )
    page.close()


BAD_PATHS = [
    ("/%00", 400),
    ("/welcome/fr_FR/a/preview.html%00.png", 400),
    ("/../mailglot.yaml", 400),
    ("/%2e%2e/mailglot.yaml", 400),
    ("/welcome/..%2f..%2fmailglot.yaml", 400),
    ("/templates/assets/..%2f..%2fmailglot.yaml", 400),
    ("/.lock", 404),
    ("/outside/secret.txt", 403),
    ("/welcome/fr_FR/a/leak.txt", 403),
    ("/__mailglot/job?id=../../x", 400),
    ("/__mailglot/job?id=outside/x/y", 403),
    ("/nothing-here", 404),
]


def test_bad_paths_get_4xx_and_nothing_outside_build(
    serve: Serve, project: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "secret.txt").write_text("do not serve")
    (project / "build/outside").symlink_to(secret, target_is_directory=True)
    (project / "build" / JOB / "leak.txt").symlink_to(secret / "secret.txt")
    for path, status in BAD_PATHS:
        got, body = serve.get(path)
        assert (path, got) == (path, status)
        assert b"do not serve" not in body
        assert b"brand:" not in body
    assert serve.get("/")[0] == 200  # still serving
    assert serve.proc.poll() is None


def test_only_loopback_host_names_are_answered(serve: Serve) -> None:
    assert serve.get("/", host="attacker.example")[0] == 421
    assert serve.get("/", host=f"localhost:{serve.port}")[0] == 200
    status, body = serve.get(f"/{JOB}/preview.html")
    assert status == 200 and b"/__mailglot/live.js" in body
    assert b"/__mailglot/live.js" not in (serve_build(serve) / JOB / "preview.html").read_bytes()


def serve_build(serve: Serve) -> Path:
    return Path(serve.proc.args[4]) / "build"  # type: ignore[index]


def builds_of(project: Path) -> list[int]:
    """Processes running `mailglot --project PROJECT build` (serve's background builds)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if str(project).encode() in argv and b"build" in argv:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_serve_takes_its_background_build_with_it(example: Path, how) -> None:
    project = example  # 70 emails and their screenshots: a first build that takes a while
    server = Serve(project, "--port", "0")
    try:
        deadline = time.monotonic() + 30
        while not builds_of(project) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert builds_of(project), "no background build seen"
        os.kill(server.proc.pid, how)
        server.proc.wait(20)
        deadline = time.monotonic() + 10
        while builds_of(project) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert builds_of(project) == []
    finally:
        server.stop()
