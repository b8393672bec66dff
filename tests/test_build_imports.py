"""A build without screenshots imports none of the packages only other commands need.

Every build, a no-op rebuild included, pays its imports before any work: the browser driver,
the image library, iCalendar and the SMTP server are imported by the commands that use them
(`mailglot.commands` loads a command's module when it runs), and must stay out of `build`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_example

# the top-level packages a `build --no-screenshots` must not import, and who needs them
NOT_FOR_A_BUILD = {
    "playwright": "screenshots",
    "PIL": "screenshots, posters",
    "icalendar": "mailglot calendar",
    "aiosmtpd": "mailglot send --test-server",
    "smtplib": "mailglot send",
    "asyncio": "screenshots (shots.capture), serve",
}

PROBE = """
import json, sys
from mailglot.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
    code = 0
except SystemExit as exc:
    code = exc.code
print(json.dumps({"exit": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_a_build_without_screenshots_imports_no_package_of_other_commands(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    args = ["--project", str(project), "build", "--no-screenshots"]
    args += ["--campaign", "black_friday", "--locale", "fr_FR"]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["exit"] in (0, 1), done.stderr
    assert (project / "build").is_dir()  # the build ran: its imports are the ones measured
    imported = {name: who for name, who in NOT_FOR_A_BUILD.items() if name in seen["modules"]}
    assert imported == {}
