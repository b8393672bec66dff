"""What every command reads from the `mailglot` group: the project folder (`--project`), and
the day it plans for.

Here rather than in cli.py so that commands never import the CLI that loads them.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import click

from mailglot.errors import UsageError

# The last year a schedule may name (project/campaigns.py; not imported: a no-op build never
# loads pydantic, and this is read by every command)
LAST_YEAR = 2100


def project_dir(ctx: click.Context) -> Path:
    return ctx.find_root().obj or Path(".")


def build_date() -> date:
    """The day a command plans for: today, or the day `SOURCE_DATE_EPOCH` names (the
    reproducible-builds convention), so CI and tests can build as of a fixed date. The clock is
    read here, in the CLI, and passed to the library."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return date.today()
    try:
        day = datetime.fromtimestamp(int(epoch), UTC).date()
    except (ValueError, OverflowError, OSError) as exc:
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r}: expected whole seconds since 1970-01-01 UTC"
        ) from exc
    if day.year > LAST_YEAR:  # schedules look a year ahead; calendars stop long before 9999
        raise UsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is {day.isoformat()}: expected a day up to "
            f"{LAST_YEAR}-12-31"
        )
    return day


def in_existing_folder(option: str, path: Path) -> None:
    """A file or folder named on the command line goes into a folder that is already there,
    as `cp` would put it: missing folders were made without a word wherever a typo in the path
    pointed, outside the project too. Checked before anything is read or written.

    A folder that is already there is taken as it is (`--out .`, `..`, `/`): whether an option
    accepts a folder is its click type's to say, and `--ics` (`dir_okay=False`) refuses one
    before this runs. A path not there yet must end in a name: `missing/..` names no file and
    no folder that could be made."""
    if os.path.isdir(path):
        return
    if not path.name or path.name in (".", ".."):
        raise UsageError(f"{option} {str(path)!r}: expected a name at the end of the path")
    folder = Path(os.path.abspath(path)).parent
    if not folder.exists():
        raise UsageError(
            f"{option} {path}: the folder {folder} does not exist; create it first, or give a "
            "path in an existing folder"
        )
    if not folder.is_dir():
        raise UsageError(f"{option} {path}: {folder} is a file, not a folder")
