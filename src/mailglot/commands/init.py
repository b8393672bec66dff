"""`mailglot init DIR`: scaffold a small project that builds as it is."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import click

from mailglot.console import err
from mailglot.errors import UsageError
from mailglot.reporting import errors_as_json, json_document, print_json, report_options
from mailglot.scaffolding import existing, kept_dotfiles, scaffold


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@report_options
def command(directory: Path, as_json: bool, quiet: bool) -> None:
    """Scaffold a new project in DIRECTORY (absent, empty, or holding only dotfiles such as
    .git)."""
    with errors_as_json("init", as_json):  # a folder in use, no room: still JSON
        made = _first_missing(directory)  # what init creates, and may remove if it fails
        try:
            before = existing(directory)  # a .git, say: never init's to remove
        except OSError as exc:  # nothing written yet
            raise _cannot(directory, exc) from None
        try:
            written = scaffold(directory)
        except OSError as exc:  # a file on the way, no room, no permission, a name too long
            _undo(directory, made, before)
            raise _cannot(directory, exc) from None
    kept = kept_dotfiles(before)
    if as_json:
        summary = {
            "directory": str(directory),
            "files": sorted(p.relative_to(directory).as_posix() for p in written),
            "kept": list(kept),
        }
        print_json(json_document("init", True, summary, []))
        return
    if quiet:
        return
    err.print(f"mailglot: created {len(written)} files in {directory}", markup=False)
    for name in kept:
        err.print(
            f"mailglot: kept the {name} that was there (the scaffold's ignores build/)",
            markup=False,
        )
    # quoted as a shell needs it: `--project my emails build` pasted as printed built nothing
    err.print(f"next: mailglot --project {shlex.quote(str(directory))} build", markup=False)


def _cannot(directory: Path, exc: OSError) -> UsageError:
    return UsageError(
        f"cannot create the project in {directory}: {exc.strerror or exc}; nothing was left behind"
    )


def _first_missing(directory: Path) -> Path | None:
    """The outermost folder of `directory` that does not exist yet (None: it exists)."""
    missing = None
    for folder in (directory, *directory.parents):
        if os.path.lexists(folder):  # False, not an error, for a name too long
            break
        missing = folder
    return missing


def _undo(directory: Path, made: Path | None, before: set[str]) -> None:
    """Remove what a failed init wrote: the folders it made, or the files it put in the
    folder it was given, whose entries `before` (only dotfiles, such as .git) stay."""
    if made is not None:
        shutil.rmtree(made, ignore_errors=True)
        return
    try:
        children = [c for c in directory.iterdir() if c.name not in before]
    except OSError:
        return
    for child in children:
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
