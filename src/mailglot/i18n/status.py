"""How far each locale's translation is, and every string that fails a translation check.

Progress is counted against the strings the emails use: the templates', campaigns' and
events' messages as `mailglot extract` finds them (`extract.extract_catalog`), looked up
along the locale's fallback chain (`pt_BR`, then a shared `pt`) as the build looks them up.
A string the catalogs lack is missing (the email shows the source text); a translated entry
no email uses is stale (often a msgid edited by hand). A locale whose catalogs cannot be
read is 0% done, never 100%.

The findings come from the same function the build screens catalogs with
(`mailglot.i18n.checks.check_message`), under the same policy, so `l10n-status` and `build`
report the same codes at the same lines and agree on what is refused.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from mailglot.errors import Diagnostic, silence
from mailglot.i18n.catalog_paths import (
    catalog_path,
    catalog_present,
    compiled_only,
    compiled_stand_in,
)
from mailglot.i18n.catalog_places import misplaced_catalogs, unlisted_catalogs
from mailglot.i18n.catalogs import read_catalog
from mailglot.i18n.checks import (
    Policy,
    check_message,
    fuzzy_finding,
    is_refused,
    message_label,
)
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.extract import extract_catalog
from mailglot.i18n.header_widths import text_values, width_findings
from mailglot.i18n.locales import fallback_chain
from mailglot.i18n.pseudo import PSEUDO_LOCALES
from mailglot.project.loader import Project

Key = tuple[str | None, str]  # (msgctxt, msgid), a plural by its singular


@dataclass
class LocaleStatus:
    locale: str
    path: str  # the locale's own catalog, where it is read (whether or not it exists)
    total: int = 0  # the strings the emails use
    translated: int = 0  # translated, passing every error-level check: what the email shows
    fuzzy: int = 0
    untranslated: int = 0  # the email shows the source text: no translation, or no entry
    refused: int = 0  # translated, but refused by a check: the source text is shown
    obsolete: int = 0
    missing: int = 0  # of the untranslated, those no catalog of the locale has an entry for
    stale: int = 0  # translated entries no email uses
    readable: bool = True  # False: no catalog, or none of the locale's catalogs can be read
    catalogs: list[str] = field(default_factory=list)  # the files read, most specific first
    problems: list[Diagnostic] = field(default_factory=list)
    untranslated_ids: list[Diagnostic] = field(default_factory=list)

    @property
    def percent(self) -> float:
        if not self.readable:
            return 0.0
        return round(100 * self.translated / self.total, 1) if self.total else 100.0

    @property
    def done(self) -> str:
        """The table's last word on the locale: its percentage, or why it has none."""
        if self.catalogs and not self.readable:
            return "unreadable"
        return f"{self.percent:.0f}%"

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["percent"] = self.percent
        out["problems"] = [d.to_dict() for d in self.problems]
        out["untranslated_ids"] = [d.to_dict() for d in self.untranslated_ids]
        return out


@dataclass
class Used:
    """The strings the emails use, each with where it is used (`templates/x.mjml.j2:19`),
    and the placeholder values of the subjects and preheaders, to measure them as the inbox
    shows them."""

    messages: dict[Key, Message]
    subjects: dict[str, dict[str, str]] = field(default_factory=dict)
    preheaders: dict[str, dict[str, str]] = field(default_factory=dict)

    def where(self, key: Key) -> str:
        locations = self.messages[key].locations
        return ", ".join(f"{path}:{line}" for path, line in locations[:2]) + (
            f" and {len(locations) - 2} more" if len(locations) > 2 else ""
        )


def key_of(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return (message.context, msgid)


def used_strings(root: Path, refused: list[Diagnostic] | None = None) -> dict[Key, Message]:
    """Every message the templates, campaigns and events use, as `mailglot extract` finds
    them (what `locales/messages.pot` holds once extracted)."""
    catalog = extract_catalog(root, refused=refused)
    return {key_of(m): m for m in catalog if m.id}


@dataclass
class _Read:
    """One catalog of the chain, read, with each entry's verdict."""

    rel: str
    catalog: Catalog
    entries: dict[Key, tuple[Message, str]]  # key -> (entry, state)

    def obsolete_line(self, key: Key) -> int | None:
        """The line of `key`'s `#~` entry, when the catalog has one."""
        for message in self.catalog.obsolete.values():
            if key_of(message) == key:
                return message.lineno
        return None


# An entry's state: what the email shows for it (only "translated" shows the translation).
TRANSLATED, FUZZY, EMPTY, REFUSED = "translated", "fuzzy", "untranslated", "refused"
OTHER_PLURAL = "other plural"  # translated, for a msgid_plural the template does not use


def _any_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return any(strings)


def _no_catalog(root: Path, locale: str, rel: str, shared: bool) -> Diagnostic | None:
    """Where the catalog must be, and the file that looks like it when there is one; none
    when a shared catalog (`locales/pt/`) serves the locale and nothing looks misplaced."""
    found = [p.relative_to(root).as_posix() for p in misplaced_catalogs(root, locale)]
    if shared and not found:
        return None
    if found:
        also = f" (also {', '.join(found[1:])})" if len(found) > 1 else ""
        message = (
            f"no catalog here, but {found[0]}{also} looks like {locale}'s: move it here, the "
            f"only place mailglot reads {locale}'s catalog (its translations are not used "
            "until then)"
        )
    else:
        message = f"no catalog: `mailglot add-locale {locale}` starts one"
    return Diagnostic(rel, None, "catalog.missing", "warning", message)


def _read_chain(root: Path, locale: str, status: LocaleStatus, policy: Policy) -> list[_Read]:
    """Read the locale's catalog and those it falls back to, judging every entry."""
    chain = [catalog_path(root, code) for code in fallback_chain(locale)]
    read: list[_Read] = []
    for path in chain:
        if not catalog_present(root, path):
            compiled = compiled_stand_in(path)  # a catalog that cannot be read: "unreadable"
            if compiled is not None:
                status.catalogs.append(compiled.relative_to(root).as_posix())
                status.problems.append(compiled_only(root, compiled))
            continue
        rel = path.relative_to(root).as_posix()
        status.catalogs.append(rel)
        catalog, errors = read_catalog(path, root, locale)
        status.problems += errors
        if catalog is None:
            continue
        if path == chain[0]:
            status.obsolete = len(catalog.obsolete)
        unreadable = {d.line for d in errors if d.severity == "error" and d.line}  # left out
        entries = {}
        for message in catalog:
            if message.id:
                state = _judge(message, catalog, rel, policy, unreadable, status.problems)
                entries.setdefault(key_of(message), (message, state))
        read.append(_Read(rel, catalog, entries))
    if not catalog_present(root, root / status.path) and not compiled_stand_in(root / status.path):
        absent = _no_catalog(root, locale, status.path, shared=bool(status.catalogs))
        status.problems += [absent] if absent else []
    return read


def _judge(
    message: Message,
    catalog: Catalog,
    rel: str,
    policy: Policy,
    unreadable: set[int],
    problems: list[Diagnostic],
) -> str:
    """One entry's state, its findings added to `problems`."""
    if message.fuzzy:
        problems += fuzzy_finding(message, rel, policy)
        return FUZZY
    if message.lineno in unreadable:
        return REFUSED
    if not _any_translated(message):
        return EMPTY
    found = check_message(message, catalog, rel, policy)
    problems += found
    return REFUSED if is_refused(found) else TRANSLATED


def locale_status(
    root: Path,
    locale: str,
    used: Used,
    budget: int,
    policy: Policy | None = None,
) -> LocaleStatus:
    """The locale's progress over the strings in `used`; subject and preheader widths are
    measured with the placeholder values `used` has for this locale."""
    status = LocaleStatus(locale, catalog_path(root, locale).relative_to(root).as_posix())
    policy = replace(policy or Policy(), locale=locale)
    read = _read_chain(root, locale, status, policy)
    status.readable = bool(read)
    status.total = len(used.messages)
    missing: list[Key] = []
    for key in used.messages:
        state, message, where = _lookup(read, key, _plural_of(used.messages[key]))
        if state == TRANSLATED and message is not None and where is not None:
            status.translated += 1
            status.problems += width_findings(
                message, used.subjects, used.preheaders, budget, where.rel
            )
        elif state == FUZZY:
            status.fuzzy += 1
        elif state == REFUSED:
            status.refused += 1
        else:
            status.untranslated += 1
            if message is None:
                status.missing += status.readable or not status.catalogs  # unread: unknown
                missing.append(key)
            elif status.readable and where is not None:
                label = f"{message_label(message)}: untranslated"
                if state == OTHER_PLURAL:  # as the build says it
                    label = (
                        f"{message_label(message)}: the catalog translates the plural "
                        f"{_plural_of(message)!r}, not the template's "
                        f"{_plural_of(used.messages[key])!r}; the source text is used "
                        "(`mailglot update` brings the catalog up to date)"
                    )
                status.untranslated_ids.append(
                    Diagnostic(where.rel, message.lineno, "l10n.missing", "warning", label)
                )
    stale = [(r, m) for r in read for k, (m, s) in r.entries.items() if k not in used.messages]
    stale = [(r, m) for r, m in stale if _any_translated(m)]
    status.stale = len(stale)
    if status.readable:
        # added to the locale's own catalog, or to the shared one that serves it alone
        at = status.path if (root / status.path).is_file() else status.catalogs[0]
        status.untranslated_ids += _missing_findings(at, missing, stale, used, read)
    status.problems += [_stale_finding(r.rel, m, missing, used) for r, m in stale]
    status.problems = silence(status.problems, policy.disabled)
    status.untranslated_ids = silence(status.untranslated_ids, policy.disabled)
    return status


def _plural_of(message: Message) -> str | None:
    return message.id[1] if isinstance(message.id, (list, tuple)) else None


def _lookup(
    read: list[_Read], key: Key, plural: str | None
) -> tuple[str, Message | None, _Read | None]:
    """What the email shows for `key`: the first catalog of the chain with a usable
    translation gives it (gettext passes over fuzzy, empty and refused entries, and the build
    a plural entry for another `msgid_plural` than the template's); failing that, the state
    of the most specific catalog's entry, or "missing" (no entry)."""
    first: tuple[str, Message | None, _Read | None] = ("missing", None, None)
    for r in read:
        found = r.entries.get(key)
        if found is None:
            continue
        message, state = found
        written = _plural_of(message)
        if state == TRANSLATED and plural is not None and written not in (None, plural):
            state = OTHER_PLURAL
        if state == TRANSLATED:
            return state, message, r
        if first[1] is None:
            first = (state, message, r)
    return first


def _close(msgid: str, candidates: list[str]) -> str | None:
    """The one candidate `msgid` was likely edited from (or into)."""
    found = difflib.get_close_matches(msgid, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def _missing_findings(
    rel: str,
    missing: list[Key],
    stale: list[tuple[_Read, Message]],
    used: Used,
    read: list[_Read],
) -> list[Diagnostic]:
    stale_ids = {key_of(m)[1]: (r, m) for r, m in stale}
    out = []
    for key in missing:
        label = message_label(used.messages[key])
        shown = f"so the source text is shown (used at {used.where(key)})"
        obsolete = next(((r, n) for r in read if (n := r.obsolete_line(key))), None)
        if obsolete is not None:  # the translation is there, behind `#~`
            message = (
                f"{label}: marked obsolete (`#~`), {shown}; remove the `#~ ` marks to use "
                "this translation again"
            )
            out.append(Diagnostic(obsolete[0].rel, obsolete[1], "l10n.missing", "warning", message))
            continue
        near = _close(key[1], list(stale_ids))
        hint = "`mailglot extract` then `mailglot update` add it"
        if near is not None:
            r, m = stale_ids[near]
            hint = f"{r.rel}:{m.lineno} has {message_label(m)}: was its msgid edited?"
        message = f"{label}: not in the catalog, {shown}; {hint}"
        out.append(Diagnostic(rel, None, "l10n.missing", "warning", message))
    return out


def _stale_finding(rel: str, message: Message, missing: list[Key], used: Used) -> Diagnostic:
    label = message_label(message)
    near = _close(key_of(message)[1], [k[1] for k in missing])
    if near is not None:
        key = next(k for k in missing if k[1] == near)
        why = (
            f"the emails use {message_label(used.messages[key])} ({used.where(key)}) "
            "instead: restore that msgid if this entry is its translation"
        )
    else:
        why = "`mailglot extract` then `mailglot update` mark it obsolete"
    return Diagnostic(
        rel,
        message.lineno,
        "l10n.stale",
        "warning",
        f"{label}: no template, campaign or event uses this msgid, so its translation is "
        f"never shown; {why}",
    )


def project_status(project: Project) -> tuple[list[LocaleStatus], list[Diagnostic]]:
    """Each translated locale's status, and the project's own warnings: the policy's
    (mailglot.yaml), files extraction refused, catalog folders no locale reads."""
    settings = project.settings
    policy = project_policy(project)
    refused: list[Diagnostic] = []
    messages = used_strings(project.root, refused)
    locales = [loc for loc in settings.locales if loc != settings.source_locale]
    statuses = []
    for loc in locales:
        subjects, preheaders = text_values(project, loc)
        used = Used(messages, subjects, preheaders)
        statuses.append(
            locale_status(project.root, loc, used, settings.checks.subject_columns, policy)
        )
    warnings = list(policy.warnings) + refused + unlisted_findings(project)
    return statuses, silence(warnings, policy.disabled)


def unlisted_findings(project: Project) -> list[Diagnostic]:
    settings = project.settings
    root = project.root
    listed = [*settings.locales, settings.source_locale, *PSEUDO_LOCALES]
    misplaced = {p for loc in settings.locales for p in misplaced_catalogs(root, loc)}
    out = []
    for path in unlisted_catalogs(root, listed, misplaced):
        rel = path.relative_to(root).as_posix()
        folder = path.relative_to(root / "locales").parts[0]
        out.append(
            Diagnostic(
                rel,
                None,
                "catalog.unlisted",
                "warning",
                f"{folder} is not a locale of this project, so no email uses this catalog; "
                f"list it under `locales:` in mailglot.yaml and under one market in "
                "calendars/markets.yaml, or delete the folder",
            )
        )
    return out
