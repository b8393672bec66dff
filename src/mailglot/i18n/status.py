"""How far each locale's translation is, and every string that fails a translation check.

The findings come from the same function the build screens catalogs with
(`mailglot.i18n.checks.check_message`), under the same policy, so `l10n-status` and `build`
report the same codes at the same lines and agree on what is refused.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from mailglot.errors import Diagnostic, silence
from mailglot.i18n.catalogs import catalog_path, read_catalog
from mailglot.i18n.checks import (
    Policy,
    check_message,
    display_columns,
    fuzzy_finding,
    is_refused,
    message_label,
)
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.locales import locale_info
from mailglot.project.loader import Project
from mailglot.render.context import per_market, placeholder_values
from mailglot.render.placeholders import fill


@dataclass
class LocaleStatus:
    locale: str
    path: str
    total: int = 0
    translated: int = 0  # translated, passing every error-level check: what the email shows
    fuzzy: int = 0
    untranslated: int = 0
    refused: int = 0  # translated, but refused by a check: the source text is shown
    obsolete: int = 0
    problems: list[Diagnostic] = field(default_factory=list)
    untranslated_ids: list[Diagnostic] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return round(100 * self.translated / self.total, 1) if self.total else 100.0

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["percent"] = self.percent
        out["problems"] = [d.to_dict() for d in self.problems]
        out["untranslated_ids"] = [d.to_dict() for d in self.untranslated_ids]
        return out


def _any_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return any(strings)


def _subject_problem(message: Message, values: dict[str, str], budget: int) -> str | None:
    text = message.string if isinstance(message.string, str) else ""
    try:
        shown = fill(text, values) if text else ""
    except (ValueError, KeyError, IndexError):
        return None  # the braces and placeholder checks report it
    width = display_columns(shown)
    if width > budget:
        return (
            f"{message_label(message)}: subject is {width} columns wide with sample data; "
            f"phone inboxes show about {budget} (CJK characters count twice)"
        )
    return None


def locale_status(
    root: Path,
    locale: str,
    subjects: dict[str, dict[str, str]],
    budget: int,
    policy: Policy | None = None,
) -> LocaleStatus:
    """`subjects` maps each subject msgid to its placeholder values as this locale writes
    them, so widths are measured on what the inbox will show."""
    path = catalog_path(root, locale)
    rel = path.relative_to(root).as_posix()
    status = LocaleStatus(locale, rel)
    if not path.is_file():
        status.problems.append(
            Diagnostic(
                rel,
                None,
                "catalog.missing",
                "warning",
                f"no catalog: `mailglot add-locale {locale}` starts one",
            )
        )
        return status
    catalog, errors = read_catalog(path, root, locale)
    status.problems += errors
    if catalog is None:
        return status
    policy = replace(policy or Policy(), locale=locale)
    status.obsolete = len(catalog.obsolete)
    unreadable = {d.line for d in errors if d.severity == "error" and d.line}  # left out
    for message in catalog:
        shown = bool(message.id) and _count(status, message, catalog, policy, unreadable)
        if shown and message.id in subjects:
            problem = _subject_problem(message, subjects[message.id], budget)
            if problem:
                status.problems.append(
                    Diagnostic(rel, message.lineno, "subject.length", "warning", problem)
                )
    status.problems = silence(status.problems, policy.disabled)
    return status


def _count(
    status: LocaleStatus, message: Message, catalog: Catalog, policy: Policy, unreadable: set[int]
) -> bool:
    """Count one entry as fuzzy, refused, untranslated or translated (True: what the email
    shows), with its findings."""
    rel = status.path
    status.total += 1
    if message.fuzzy:
        status.fuzzy += 1
        status.problems += fuzzy_finding(message, rel, policy)
    elif message.lineno in unreadable:
        status.refused += 1
    elif not _any_translated(message):
        status.untranslated += 1
        label = f"{message_label(message)}: untranslated"
        status.untranslated_ids.append(
            Diagnostic(rel, message.lineno, "l10n.missing", "warning", label)
        )
    else:
        found = check_message(message, catalog, rel, policy)
        status.problems += found
        if not is_refused(found):
            status.translated += 1
            return True
        status.refused += 1
    return False


def project_status(project: Project) -> tuple[list[LocaleStatus], list[Diagnostic]]:
    """Each translated locale's status, and the policy's own warnings (mailglot.yaml)."""
    settings = project.settings
    policy = project_policy(project)
    locales = [loc for loc in settings.locales if loc != settings.source_locale]
    statuses = [
        locale_status(
            project.root,
            loc,
            subject_values(project, loc),
            settings.checks.subject_columns,
            policy,
        )
        for loc in locales
    ]
    return statuses, list(policy.warnings)


def subject_values(project: Project, locale: str) -> dict[str, dict[str, str]]:
    """Each subject msgid with the values its placeholders take in `locale` (sample data for
    recipient fields, campaign data formatted the locale's way)."""
    market_code = project.market_of(locale)
    market = project.markets[market_code]
    filters = make_filters(locale_info(locale).babel_code, market.currency, market.timezone)
    out: dict[str, dict[str, str]] = {}
    for campaign in project.campaigns.values():
        try:
            data = per_market(campaign.data, market_code)
        except ValueError:
            continue
        values = placeholder_values(data, dict(project.settings.recipient), filters)
        for text in campaign.subject.values():
            out.setdefault(text, values)
    return out
