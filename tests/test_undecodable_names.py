"""File and folder names that are not UTF-8 (a Latin-1 `café.yaml` unpacked from an old
archive; the project itself under such a folder): the build's fingerprints hash them as
their bytes, so a build and the no-op rebuild after it report, never crash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hostile.harness import lines_of, plant

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="names that are not UTF-8: Linux file systems only"
)

BAD_ID = (
    "campaigns/caf\\xe9.yaml: a campaign file name (its id) starts with a letter, digit or _ and "
    "holds only letters, digits, _, - and . (it names a folder in build/); rename the file "
    "[error: schema]"
)


def test_a_project_under_a_folder_not_utf8_with_such_names_builds_and_rebuilds(tmp_path: Path):
    folder = tmp_path / "\udcffclients"
    planted = plant(
        folder,
        {
            "campaigns/caf\udce9.yaml": 'template: welcome.mjml.j2\nmarkets: all\nsubject: "x"\n',
            "templates/partials/caf\udce9.mjml.j2": "<mj-text>unused</mj-text>\n",
            "templates/assets/caf\udce9.png": b"\x89PNG\r\n",
            "locales/f\udce9/LC_MESSAGES/messages.po": 'msgid ""\nmsgstr ""\n',
        },
    )
    for attempt in ("first", "no-op"):
        result = planted.run("build", "--no-screenshots")
        assert result.exit_code == 1, (attempt, result.output)
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit), result.exception  # exit 1, no crash
        assert lines_of(result)[0] == BAD_ID, attempt
        assert planted.built("welcome/en_US/a") and planted.built("welcome/fr_FR/a")
    (planted.root / "campaigns/caf\udce9.yaml").unlink()
    assert planted.run("build", "--no-screenshots").exit_code == 0
    again = planted.run("build", "--no-screenshots")
    assert again.exit_code == 0
    assert "0 built, 2 unchanged" in again.output


def test_calendar_and_build_give_the_same_message(tmp_path: Path):
    planted = plant(
        tmp_path, {"campaigns/caf\udce9.yaml": "template: welcome.mjml.j2\nmarkets: all\n"}
    )
    assert BAD_ID in lines_of(planted.run("calendar"))
    assert BAD_ID in lines_of(planted.run("build", "--no-screenshots"))
