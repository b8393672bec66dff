"""Which files in campaigns/ are campaigns, and the ids they give: an id names a folder in
build/, so it must be one a build can write, that no other campaign takes on macOS or Windows,
and that build/ and serve do not already use."""

from __future__ import annotations

import os
import re
from pathlib import Path

from mailglot.errors import ContentError, Diagnostic
from mailglot.folders import folder_diagnostic

CAMPAIGNS_DIR = "campaigns"
# A campaign id names a folder in build/: `...yaml` or `.hidden.yaml` must not reach outside it.
CAMPAIGN_ID = re.compile(r"\w[\w.-]*")
CAMPAIGN_ID_HINT = (
    "a campaign file name (its id) starts with a letter, digit or _ and holds only letters, "
    "digits, _, - and . (it names a folder in build/); rename the file"
)
# Names build/ and serve already use: a campaign `manifest.json.yaml` made build/manifest.json
# a folder (a traceback), `index.html.yaml` stopped the gallery, `__mailglot` served 404s.
RESERVED_IDS = frozenset(
    {"manifest.json", "index.html", "gallery-data.js", "shard.json", "exports", "__mailglot"}
)


def shown_name(name: str) -> str:
    """A name read from the disk as it can be printed and written to JSON: bytes that are not
    UTF-8 (kept by Python as lone surrogates, which nothing can encode) as `\\xe9`. The same
    for every other name."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def id_problem(root: Path, path: Path) -> Diagnostic | None:
    """Why the file at `path` cannot be the campaign its name says, or None."""
    if not CAMPAIGN_ID.fullmatch(path.stem):  # a name that is not UTF-8 too (no \w there)
        rel = shown_name(path.relative_to(root).as_posix())
        return Diagnostic(rel, None, "schema", "error", CAMPAIGN_ID_HINT)
    if path.stem.lower() in RESERVED_IDS:
        rel = path.relative_to(root).as_posix()
        message = f"{path.stem!r} is a name mailglot uses in build/; rename the campaign file"
        return Diagnostic(rel, None, "schema", "error", message)
    return None


def campaign_files(root: Path) -> list[Path]:
    """Every file in campaigns/, sorted. A folder that is missing, not a folder or cannot be
    read stops the command: listing it as empty made a whole build prune every earlier
    output and report success."""
    folder = root / CAMPAIGNS_DIR
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        problem = (
            f"missing: expected a folder holding one file per campaign ({CAMPAIGNS_DIR}/<id>.yaml)"
        )
    except NotADirectoryError:
        problem = f"expected a folder holding one file per campaign ({CAMPAIGNS_DIR}/<id>.yaml), found a file"
    except OSError as exc:  # tagged as every input that cannot be read is
        why = f"cannot read: {exc.strerror or exc}"
        raise ContentError([folder_diagnostic(f"{CAMPAIGNS_DIR}/", why)]) from None
    else:
        return [folder / name for name in sorted(names)]
    raise ContentError([Diagnostic(f"{CAMPAIGNS_DIR}/", None, "schema", "error", problem)])


def misnamed_campaigns(root: Path, files: list[Path]) -> list[tuple[str, Diagnostic]]:
    """`promo.yml` or `promo.YAML` is a campaign its author expects to see built; read only
    `*.yaml`, it was skipped without a word."""
    found = []
    for path in files:
        if path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
            rel, stem = shown_name(path.relative_to(root).as_posix()), shown_name(path.stem)
            message = f"not read: campaign files end in .yaml; rename it {stem}.yaml"
            found.append((stem, Diagnostic(rel, None, "schema", "error", message)))
    return found


def case_twins(ids: list[str]) -> list[tuple[str, Diagnostic]]:
    """Campaign ids that differ only by case (`Promo`, `promo`) name one folder in build/ on
    macOS and Windows, where one campaign's emails replaced the other's without a word; and a
    checkout there holds only one of the two files. The first in sorted order builds."""
    first: dict[str, str] = {}
    found = []
    for stem in ids:
        other = first.setdefault(stem.lower(), stem)
        if other != stem:
            message = (
                f"campaign id {stem!r} differs from {other!r} (campaigns/{other}.yaml) only by "
                f"case: on macOS and Windows both are build/{other}/, one folder; rename one of "
                "the files"
            )
            found.append(
                (stem, Diagnostic(f"campaigns/{stem}.yaml", None, "schema", "error", message))
            )
    return found
