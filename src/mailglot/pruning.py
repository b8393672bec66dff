"""Removing from build/ what a whole build no longer plans: job folders of a dropped locale
or market, and the temporary folders a killed build left where job folders go (jobfolder.py).
Links are removed, never what they point to (output.py's "never outside")."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mailglot.output import META, TEMPORARY, inside
from mailglot.records import JobPlace


def prune(out: Path, keep: set[JobPlace], keep_campaigns: set[str]) -> list[str]:
    """After a full build, remove the job folders the plan no longer has (a dropped locale, a
    market that stopped observing an event), so the gallery and `send` never offer stale
    emails. Campaigns that failed to load keep theirs. The temporary folders a killed build
    left where job folders go (jobfolder.py) are removed too, in every campaign, and never
    reported: they were never jobs."""
    return Pruning.find(out, keep, keep_campaigns).remove()


@dataclass(frozen=True)
class Pruning:
    """What `prune` removes, found before the build's workers write anything and removed
    after they are done. Looking first costs nothing in a cold build (build/ is empty then;
    after the jobs are written, it was a listing of 5,500 folders at 10,000 jobs, with both
    workers done and waiting), and finds the same folders: the workers write only planned
    job folders, and the temporaries there are then are a killed build's, never one a
    worker of this build is still filling (a temporary a worker fails to remove is left
    for the next build's look)."""

    out: Path
    jobs: tuple[str, ...]  # `<campaign>/<locale>/<variant>` of job folders not planned
    temporaries: tuple[str, ...]

    @classmethod
    def find(cls, out: Path, keep: set[JobPlace], keep_campaigns: set[str]) -> Pruning:
        wanted = {p.rel for p in keep}
        temporaries: list[str] = []
        jobs = _unplanned(out, wanted, keep_campaigns, temporaries)
        return cls(out, tuple(sorted(jobs, key=lambda r: f"{r}/{META}")), tuple(temporaries))

    def remove(self) -> list[str]:
        """Remove them (the build lock still held): the job folders removed, in order."""
        removed = [rel for rel in self.jobs if _remove(self.out, self.out / rel)]
        for rel in self.temporaries:
            _remove(self.out, self.out / rel)
        return removed


def _remove(out: Path, folder: Path) -> bool:
    """Remove a folder three levels below `out`, and the parents it leaves empty."""
    inside(out, folder)
    if folder.parent.is_symlink() or folder.parent.parent.is_symlink():
        return False  # reached through a link: what it points to is not ours to delete
    if folder.is_symlink():
        folder.unlink()  # the link goes, its target stays
    else:
        shutil.rmtree(folder)
    for parent in (folder.parent, folder.parent.parent):
        if parent != out and not any(parent.iterdir()):
            parent.rmdir()
    return True


def _unplanned(
    out: Path, wanted: set[str], keep_campaigns: set[str], temporaries: list[str]
) -> Iterator[str]:
    """`<campaign>/<locale>/<variant>` folders holding a meta.json that are not `wanted`: a
    listing of each folder (links followed, as a glob would), with a stat only for the
    folders not planned, instead of one per job. Temporary folders (not links) found on the
    way are added to `temporaries`."""
    for campaign in _subfolders(str(out)):
        for locale in _subfolders(os.path.join(out, campaign)):
            for variant in _subfolders(os.path.join(out, campaign, locale)):
                rel = f"{campaign}/{locale}/{variant}"
                if TEMPORARY.fullmatch(variant):
                    temporaries.append(rel)
                elif (
                    campaign not in keep_campaigns
                    and rel not in wanted
                    and os.path.isfile(os.path.join(out, rel, META))
                ):
                    yield rel


def _subfolders(path: str) -> list[str]:
    """Names of the folders in `path` (links to folders included), but for temporary names,
    which count only when they are folders themselves."""
    try:
        with os.scandir(path) as entries:
            return [
                e.name for e in entries if e.is_dir(follow_symlinks=not TEMPORARY.fullmatch(e.name))
            ]
    except OSError:
        return []
