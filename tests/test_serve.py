"""`mailglot serve`: real HTTP on loopback, real file watching, a reload after each rebuild."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from pathlib import Path

from mailglot.build import BuildOptions, build
from mailglot.serve import RELOAD_PATH, serve_forever


def test_serve_rebuilds_and_tells_the_page_to_reload(tmp_path: Path, cli):
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    options = BuildOptions(screenshots=False)
    build(project, options)
    ready, stopping, rebuilt = threading.Event(), threading.Event(), []
    port: list[int] = []

    def rebuild(changed: set[str]) -> None:
        rebuilt.append(changed)
        build(project, options)

    def ready_on(p: int) -> None:
        port.append(p)
        ready.set()

    server = threading.Thread(
        target=serve_forever, args=(project, 0, rebuild, ready_on, stopping), daemon=True
    )
    server.start()
    try:
        assert ready.wait(10)
        base = f"http://127.0.0.1:{port[0]}"
        page = urllib.request.urlopen(f"{base}/", timeout=10).read().decode()
        assert f"new EventSource('{RELOAD_PATH}')" in page
        assert "gallery" in page.lower()
        # the file on disk is untouched: it still works from file://
        assert RELOAD_PATH not in (project / "build/index.html").read_text()

        events = urllib.request.urlopen(f"{base}{RELOAD_PATH}", timeout=20)
        time.sleep(0.5)  # let the watcher start
        campaign = project / "campaigns/welcome.yaml"
        campaign.write_text(campaign.read_text().replace("Welcome to Acme", "Hello from Acme"))
        line = events.readline().decode()
        assert line.startswith("data: ")
        assert rebuilt and "campaigns/welcome.yaml" in rebuilt[0]
        meta = json.loads((project / "build/welcome/en_US/a/meta.json").read_text())
        assert meta["subject_preview"] == "Hello from Acme, Sam"
        meta_file = urllib.request.urlopen(f"{base}/welcome/en_US/a/meta.json", timeout=10)
        assert json.loads(meta_file.read())["subject_preview"] == "Hello from Acme, Sam"
    finally:
        stopping.set()
        server.join(10)
