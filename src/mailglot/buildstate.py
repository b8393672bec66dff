"""A no-op rebuild that costs a plan and two stats per job, not a read and a write per job;
a rebuild after one change that reads and writes only what changed.

After a whole build, `build/.state.json` records a fingerprint of everything the build's
outputs came from (every job's key, what was skipped or failed and why, the screenshot
settings, the files under `templates/assets/` and `approved/`) and each job's key with the
size and mtime of its meta.json and the mtime of its folder (which moves when a file in it
is added, removed or replaced). The next whole build with the same options plans,
compares, and when nothing moved returns the manifest as it is: no job record is parsed,
no screenshot key hashed, no file written. Anything that differs (a key, an asset, a
meta.json rewritten or removed, an output removed, a missing or unreadable state file)
falls back to the ordinary incremental build, which then records a new state.

In that incremental build, a job whose key is the recorded one and whose meta.json and
folder are still the ones recorded is `vouched` for: when what its review depends on (`review_fingerprint`)
has not moved either, its manifest entry and gallery data are what the last build wrote,
so its meta.json is neither read nor reviewed nor rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from mailglot.jsonfile import dump_json, read_json
from mailglot.noop import write_cache
from mailglot.output import META
from mailglot.plan import Job, Plan
from mailglot.project.loader import Project

STATE = ".state.json"
FORMAT = 3
# [meta.json's size, its mtime in ns, the job's key, the job folder's mtime in ns]: a file
# added to, removed from or replaced in the folder (every write renames) moves the last.
Stamp = list[Any]
_AS_BYTES = "surrogateescape"  # a name that is not UTF-8 encodes back to its bytes on disk


def fingerprint(plan: Plan, review_print: str) -> str:
    """Everything a whole build's outputs depend on besides the jobs' own inputs (which
    their keys cover); `review_print` is `review_fingerprint`."""
    digest = hashlib.sha256(f"{FORMAT}\n".encode())
    # names come from the disk: one that is not UTF-8 (caf\xe9.yaml) is hashed as its bytes
    for job in sorted(plan.jobs, key=lambda j: j.id):
        digest.update(f"{job.id}\0{job.key}\n".encode())
    for skipped in plan.skipped:
        digest.update(f"skip\0{skipped.campaign}\0{skipped.market}\0{skipped.reason}\n".encode())
    for cid, problems in sorted(plan.failed.items()):
        digest.update(f"failed\0{cid}\0{[str(p) for p in problems]}\n".encode(errors=_AS_BYTES))
    digest.update(review_print.encode())
    return digest.hexdigest()


def review_fingerprint(project: Project, screenshots: bool) -> str:
    """What a job's review and gallery data depend on besides its own folder: the
    screenshot settings, the disabled checks, the assets and the approved baselines."""
    digest = hashlib.sha256(f"{FORMAT}\0{screenshots}\n".encode())
    digest.update(project.settings.screenshots.model_dump_json().encode())
    digest.update(json.dumps(sorted(project.settings.checks.disable)).encode())
    for folder in (project.root / "templates" / "assets", project.root / "approved"):
        digest.update(_listing(folder).encode(errors=_AS_BYTES))  # the project's path too
    return digest.hexdigest()


def _listing(folder: Path) -> str:
    """Names, sizes and mtimes of every file below `folder` (without reading them)."""
    lines = []
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            try:
                st = os.stat(os.path.join(parent, name))
            except OSError:
                continue
            lines.append(f"{os.path.join(parent, name)}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(lines)


def job_stamp(base: str, job: Job) -> Stamp | None:
    """The job's stamp as its files are now (None when its meta.json or folder is gone);
    `base` is the build folder. A worker that has just written a job's files takes it."""
    folder = os.path.join(base, job.campaign, job.locale, job.variant)
    try:
        st = os.stat(os.path.join(folder, META))
        folder_mtime = os.stat(folder).st_mtime_ns
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, job.key, folder_mtime]


def _metas(
    out: Path, jobs: Iterable[Job], known: Mapping[str, Stamp] | None = None
) -> dict[str, Stamp] | None:
    stamps: dict[str, Stamp] = {}
    base = str(out)
    known = known or {}
    for job in jobs:
        stamp = known.get(job.id) or job_stamp(base, job)
        if stamp is None:
            return None
        stamps[job.id] = stamp
    return stamps


def read_state(out: Path) -> dict[str, Any]:
    """The recorded state, or an empty one when there is none that this mailglot wrote."""
    state = read_json(out / STATE)
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        return {}
    return state


def unchanged(out: Path, print_: str, plan: Plan, state: dict[str, Any]) -> bool:
    """True when the last whole build recorded this fingerprint, every job's meta.json is
    still the one it left, and build/ holds no job folder the plan does not have (a whole
    build would prune it)."""
    if state.get("fingerprint") != print_:
        return False
    return _metas(out, plan.jobs) == state.get("metas") and _only_planned(out, plan)


def vouched(out: Path, plan: Plan, state: dict[str, Any], review_print: str) -> dict[str, Stamp]:
    """The jobs whose key and meta.json are the recorded ones, when what reviews depend on
    is as recorded too (otherwise none): the last build's manifest entry and gallery data
    for them still hold. With the stamp each was vouched for, which `record` may take
    instead of asking again (see there)."""
    recorded = state.get("metas")
    if state.get("review") != review_print or not isinstance(recorded, dict):
        return {}
    base = str(out)
    found: dict[str, Stamp] = {}
    for job in plan.jobs:
        stamp = job_stamp(base, job)
        if stamp is not None and recorded.get(job.id) == stamp:
            found[job.id] = stamp
    return found


def _only_planned(out: Path, plan: Plan) -> bool:
    tree: dict[str, dict[str, set[str]]] = {}
    for job in plan.jobs:
        tree.setdefault(job.campaign, {}).setdefault(job.locale, set()).add(job.variant)
    kept = set(plan.failed)  # campaigns that do not load keep their outputs
    try:
        for campaign in _folders(str(out)):
            if campaign in kept:
                continue
            if campaign not in tree:
                return False
            path = os.path.join(out, campaign)
            if _beyond(path, tree[campaign].keys()):
                return False
            for locale, variants in tree[campaign].items():
                if _beyond(os.path.join(path, locale), variants):
                    return False
    except OSError:
        return False
    return True


def _beyond(path: str, wanted: Collection[str]) -> bool:
    """Whether `path` holds a folder or link that is not `wanted`. Its names are listed
    first (one call, no entry objects: 5,500 folders for 10,000 jobs); the kind of each
    entry is looked at only when a name is not wanted."""
    try:
        names = os.listdir(path)
    except FileNotFoundError:
        return False  # a planned folder that is gone: its jobs' meta.json are checked anyway
    if all(name in wanted or name.startswith(".") for name in names):
        return False
    return bool(set(_folders(path)) - set(wanted))


def _folders(path: str) -> list[str]:
    """Entries that are folders or links (what pruning looks at), dotfiles aside."""
    with os.scandir(path) as entries:
        return [
            e.name
            for e in entries
            if not e.name.startswith(".") and (e.is_symlink() or e.is_dir(follow_symlinks=False))
        ]


def record(
    out: Path,
    print_: str | None,
    review_print: str | None,
    jobs: list[Job],
    untouched: Mapping[str, Stamp] | None = None,
) -> None:
    """After a build: remember what a whole build left (`print_`), or forget it (None).
    `untouched`: jobs this build vouched for and did not write, with the stamps they were
    vouched for (two stats a job fewer in a rebuild after one change), and jobs whose
    worker wrote every file and then took the stamp (two stats a job fewer for the build
    process in a cold build). Were one of them changed by someone else meanwhile, its
    recorded stamp no longer matches and the next build looks at it again, which asking
    again now would have hidden."""
    path = out / STATE
    metas = _metas(out, jobs, untouched) if print_ is not None else None
    if metas is None:
        path.unlink(missing_ok=True)
        return
    state = {"format": FORMAT, "fingerprint": print_, "review": review_print, "metas": metas}
    write_cache(path, dump_json(state), out)
