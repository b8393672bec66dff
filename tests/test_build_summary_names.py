"""The build's summary line names build/ as it can be printed: a project folder whose name is
not UTF-8 showed a lone surrogate (`\\udcffproj`), which a terminal shows as garbage and a log
cannot encode; it is `\\xff`, as campaign names are shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_example


def test_a_project_path_that_is_not_utf8_is_shown_with_escapes(tmp_path: Path) -> None:
    project = copy_example(Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xffproj")))
    shown = f"{tmp_path}/\\xffproj/build"
    for done in ("70 built, 0 unchanged", "0 built, 70 unchanged"):  # then the no-op answer
        result = subprocess.run(
            [sys.executable, "-m", "mailglot", "--project", project, "build", "--no-screenshots"],
            capture_output=True,
            check=False,
            timeout=600,
            env={**os.environ, "COLUMNS": "400", "NO_COLOR": "1"},
        )
        assert result.returncode == 0, result.stderr
        last = result.stderr.decode("utf-8").splitlines()[-1]
        assert last == (f"mailglot: {done}, 1 skipped, 0 error(s), 0 warning(s) -> {shown}"), last
