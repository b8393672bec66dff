"""How far each locale's translation is, and every string that fails a translation check."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from babel.messages.catalog import Message

from mailglot.errors import Diagnostic
from mailglot.i18n.catalogs import catalog_path, read_catalog
from mailglot.i18n.checks import display_columns, message_label, problems
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.locales import locale_info
from mailglot.project.loader import Project
from mailglot.render.placeholders import fill


@dataclass
class LocaleStatus:
    locale: str
    path: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
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


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


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
    root: Path, locale: str, subjects: dict[str, dict[str, str]], budget: int
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
    status.obsolete = len(catalog.obsolete)
    for message in catalog:
        if not message.id:
            continue
        status.total += 1
        if message.fuzzy:
            status.fuzzy += 1
            status.problems.append(
                Diagnostic(
                    rel,
                    message.lineno,
                    "catalog.fuzzy",
                    "warning",
                    f"{message_label(message)}: fuzzy, so not used "
                    "until reviewed (clear the fuzzy flag when done)",
                )
            )
            continue
        if not _translated(message):
            status.untranslated += 1
            status.untranslated_ids.append(
                Diagnostic(
                    rel,
                    message.lineno,
                    "l10n.missing",
                    "warning",
                    f"{message_label(message)}: untranslated",
                )
            )
            continue
        status.translated += 1
        for code, severity, text in problems(message, catalog):
            status.problems.append(
                Diagnostic(rel, message.lineno, code, severity, f"{message_label(message)}: {text}")
            )
        if message.id in subjects:
            problem = _subject_problem(message, subjects[message.id], budget)
            if problem:
                status.problems.append(
                    Diagnostic(rel, message.lineno, "subject.length", "warning", problem)
                )
    return status


def project_status(project: Project) -> list[LocaleStatus]:
    settings = project.settings
    locales = [loc for loc in settings.locales if loc != settings.source_locale]
    return [
        locale_status(
            project.root, loc, subject_values(project, loc), settings.checks.subject_columns
        )
        for loc in locales
    ]


def subject_values(project: Project, locale: str) -> dict[str, dict[str, str]]:
    """Each subject msgid with the values its placeholders take in `locale` (sample data for
    recipient fields, campaign data formatted the locale's way)."""
    from mailglot.render.context import per_market, placeholder_values

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
