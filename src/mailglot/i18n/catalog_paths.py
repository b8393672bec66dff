"""Where a locale's catalogs are read, and what may stand there instead of a `.po` file.

A locale's catalog is `locales/<locale>/LC_MESSAGES/messages.po`, then those of its fallback
chain (`pt_BR`, then a shared `pt`). What is at that path is not always a catalog: a folder
(`mkdir -p` of the whole path, an archive unpacked into a folder named after the file) or,
next to a missing `.po`, only the compiled `messages.mo`. Both were taken for no catalog at
all; they are named here so the build and l10n-status say what they found.
"""

from __future__ import annotations

from pathlib import Path

from mailglot.errors import Diagnostic
from mailglot.folders import not_a_file
from mailglot.i18n.locales import fallback_chain
from mailglot.i18n.pseudo import PSEUDO_LOCALES

MO_FILE = (
    "a compiled catalog (.mo), which mailglot does not read: it reads the .po file, the "
    "catalog's source"
)
MO_FIX = "(GNU gettext; a .mo keeps no comments, nor fuzzy or untranslated entries)"


def catalog_path(root: Path, locale: str) -> Path:
    return root / "locales" / locale / "LC_MESSAGES" / "messages.po"


def catalog_files(root: Path, locale: str, source_locale: str) -> list[Path]:
    """Catalog files consulted for `locale`, most specific first (pseudo-locales have none).
    A compiled catalog alone where a .po is missing is listed in its place: it is never read,
    and the plan fails the locale's jobs on it as on any input it cannot read (`compiled_why`),
    so one that appears or goes is reported by the next build, not only by the first."""
    if locale in PSEUDO_LOCALES:
        return []
    files = []
    for code in fallback_chain(locale):
        path = catalog_path(root, code)
        if catalog_present(root, path):
            files.append(path)
        elif (compiled := compiled_stand_in(path)) is not None:
            files.append(compiled)
    return files


def compiled_stand_in(path: Path) -> Path | None:
    """The compiled catalog (messages.mo) next to a .po that is not there."""
    compiled = path.with_suffix(".mo")
    try:
        return compiled if compiled.is_file() else None
    except OSError:
        return None


def compiled_only(root: Path, compiled: Path) -> Diagnostic:
    """A .mo without its .po (a deployment copied, a TMS that exports compiled catalogs).
    mailglot reads .po files only (they carry the comments, references and fuzzy marks the
    checks and the translators need), so the locale cannot be read: as for a folder in the
    .po's place, its jobs fail and keep their earlier emails (the plan's input digests,
    `compiled_why`). Taken for a missing catalog, the locale was rebuilt in the source
    language over its translated emails, with only a warning."""
    mo = compiled.relative_to(root).as_posix()
    return Diagnostic(
        mo, None, "unreadable", "error", f"cannot read: {compiled_why(root, compiled)}"
    )


def compiled_why(root: Path, compiled: Path) -> str:
    """Why a lone .mo cannot be used, and how to get its .po back."""
    mo = compiled.relative_to(root).as_posix()
    po = compiled.with_suffix(".po").relative_to(root).as_posix()
    locale = compiled.parent.parent.name
    return (
        f"it is {MO_FILE}, and there is no {po}; export {locale}'s .po from your translation "
        f"platform, or recover one with `msgunfmt {mo} -o {po}` {MO_FIX}"
    )


def catalog_present(root: Path, path: Path) -> bool:
    """A catalog that is there, or may be. A folder in its place, or a file where one of its
    folders should be, is kept, so reading it says so (it was counted as no catalog: the
    locale built in the source language, "0%" in l10n-status); so is one in a folder that
    cannot be looked into, so reading it says why it cannot be used (it was a traceback)."""
    try:
        return path.is_file() or not_a_file(root, path) is not None
    except OSError:
        return True


def not_a_catalog(root: Path, path: Path) -> Diagnostic:
    """What stands where a catalog is read: a folder (`mkdir -p` of the whole path, an archive
    unpacked into a folder named after the file), or a file where its folder should be (`cp
    fr.po locales/fr_FR/LC_MESSAGES` before that folder existed). The build fails the
    locale's jobs (their earlier outputs kept, as for a file that cannot be read) and
    l10n-status calls the locale unreadable."""
    rel = path.relative_to(root).as_posix()
    locale = path.parent.parent.name
    why = not_a_file(root, path) or "it is not a file"
    if not why.startswith("it is a folder"):
        fix = f"if it is {locale}'s catalog, move it to {rel}"
        return Diagnostic(rel, None, "unreadable", "error", f"cannot read: {why}; {fix}")
    inside = _po_inside(path)
    if inside is not None:
        fix = f"it holds {inside.relative_to(root).as_posix()}: put that file here in its place"
    else:
        fix = f"remove the folder, then `mailglot add-locale {locale}` starts one"
    why = f"cannot read: it is a folder, not a file ({locale}'s catalog is the .po file here)"
    return Diagnostic(rel, None, "unreadable", "error", f"{why}; {fix}")


def _po_inside(folder: Path) -> Path | None:
    try:
        return next((p for p in sorted(folder.iterdir()) if p.suffix == ".po"), None)
    except OSError:
        return None
