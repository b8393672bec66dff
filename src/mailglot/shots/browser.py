"""Which Chromium takes the screenshots, and how it is started.

Playwright drives the browser, but its own download is often impossible (offline CI, a
distribution without its libraries), so mailglot looks in order: an explicit path
(`screenshots.browser` in mailglot.yaml, then `MAILGLOT_CHROMIUM`), Playwright's download,
then a system Chromium or Chrome on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from mailglot.errors import MailglotError

ENV_VAR = "MAILGLOT_CHROMIUM"
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

# Headless, offline and repeatable: no sandbox (CI runs as root), no GPU (software rendering
# gives the same pixels everywhere), nothing that phones home or changes between runs.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
    "--force-color-profile=srgb",
    "--font-render-hinting=none",
)

INSTALL_HINT = (
    "install one (Debian/Ubuntu: `sudo apt-get install chromium fonts-noto-core "
    "fonts-noto-cjk`, or `playwright install chromium`), point `screenshots.browser` in "
    f"mailglot.yaml or {ENV_VAR} at its executable, or build with --no-screenshots"
)

# in Playwright's launch log
_EXIT_CODE = re.compile(r"process did exit: exitCode=(\d+)")
_STDERR = re.compile(r"^\[pid=\d+\]\[err\] (.*\S.*)$", re.MULTILINE)


class BrowserNotFound(MailglotError):
    """No Chromium to take screenshots with; says how to get one."""


def find_browser(
    configured: str | None,
    playwright_download: str | None,
    env: Mapping[str, str] = os.environ,
    which: object = shutil.which,
    root: Path | None = None,
) -> Path:
    """The first usable browser; an explicit choice that does not exist is an error, not a
    reason to quietly use another browser."""
    return locate_browser(configured, playwright_download, env, which, root)[0]


def locate_browser(
    configured: str | None,
    playwright_download: str | None,
    env: Mapping[str, str] = os.environ,
    which: object = shutil.which,
    root: Path | None = None,
) -> tuple[Path, str]:
    """`find_browser`, with how the browser was chosen, in the words an error about it uses
    ("screenshots.browser in mailglot.yaml names /usr/bin/chromium"). `root` is the project
    folder, which a relative `screenshots.browser` is read from (MAILGLOT_CHROMIUM, set in
    the user's shell, is read from the current folder, as the shell would)."""
    for source, value, base in (
        ("screenshots.browser in mailglot.yaml", configured, root),
        (ENV_VAR, env.get(ENV_VAR), None),
    ):
        if value:
            return _explicit(source, value, base, which)
    if playwright_download and _executable(Path(playwright_download)):
        return Path(playwright_download), f"Playwright's Chromium {playwright_download}"
    for name in SYSTEM_NAMES:
        found = which(name)  # type: ignore[operator]
        if found:
            return Path(found), f"{name} on PATH ({found})"
    raise BrowserNotFound(f"no Chromium or Chrome found for screenshots: {INSTALL_HINT}")


def not_a_browser(chosen: str, detail: str, waited: float | None = None) -> BrowserNotFound:
    """The error for an executable that does not start as Chromium (`/bin/false`, a wrapper
    script that fails, another program): `chosen` as `locate_browser` says it, `detail` what
    Playwright saw (its launch log names the exit code), `waited` the seconds it waited when
    the program never answered."""
    code = _EXIT_CODE.search(detail)
    if waited is not None:
        how = f"it did not answer within {waited:g} s"
    elif code:
        how = f"it exited with code {code.group(1)}"
    else:
        how = detail.splitlines()[0].strip() if detail.strip() else "it did not answer"
    said = _STDERR.search(detail)
    if said:  # what the program said first: a missing library, a usage message
        how += f": {said.group(1).strip()[:200]}"
    return BrowserNotFound(
        f"{chosen}, which did not start as a browser ({how}); expected the executable of "
        f"Chromium or Chrome: {INSTALL_HINT}"
    )


def _explicit(source: str, value: str, base: Path | None, which: object) -> tuple[Path, str]:
    """A browser named by the user. A bare name (`chromium`) is a command on PATH, as in a
    shell, or else a file of that name in `base`; a relative path is read from `base` (the
    project), not from wherever mailglot happens to be started, so `--project` finds the
    same browser from any folder."""
    typed = Path(value).expanduser()
    bare = os.sep not in value and not (os.altsep and os.altsep in value) and value[0] != "~"
    if bare:
        found = which(value)  # type: ignore[operator]
        if found:
            return Path(found), f"{source} names {value} ({found} on PATH)"
    path = typed if base is None or typed.is_absolute() else base / typed
    shown = value if path == typed else f"{value} ({path})"
    if _executable(path):
        return path, f"{source} names {shown}"
    if bare:
        folder = "the current folder" if base is None else f"the project folder {base}"
        raise BrowserNotFound(
            f"{source} names {value}, which is neither a command on PATH nor an executable "
            f"file in {folder}"
        )
    raise BrowserNotFound(f"{source} names {shown}, which is not an executable file")


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)
