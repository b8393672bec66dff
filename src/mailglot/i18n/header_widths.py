"""How wide a translated subject or preheader shows in an inbox, for `l10n-status`: each is
filled with the locale's sample values (recipient fields, campaign data formatted the
locale's way) and measured in display columns, CJK characters counting twice, as the build's
subject.length and preheader.length measure the email. Split from `status`, which counts
progress and screens entries."""

from __future__ import annotations

from babel.messages.catalog import Message

from mailglot.errors import Diagnostic
from mailglot.i18n.checks import display_columns, message_label
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.locales import locale_info
from mailglot.project.loader import Project
from mailglot.render.context import per_market, placeholder_values
from mailglot.render.placeholders import fill

# The widest preview an inbox shows: `checks.readers.PREHEADER_COLUMNS`, which the build's
# preheader.length reads; not imported from there, which loads lxml (~60 ms a run).
PREHEADER_COLUMNS = 140


def _too_wide(
    message: Message, values: dict[str, str], budget: int, what: str, where: str
) -> str | None:
    text = message.string if isinstance(message.string, str) else ""
    try:
        shown = fill(text, values) if text else ""
    except (ValueError, KeyError, IndexError):
        return None  # the braces and placeholder checks report it
    shown = " ".join(shown.split()) if what == "preheader" else shown
    width = display_columns(shown)
    if width > budget:
        return (
            f"{message_label(message)}: {what} is {width} columns wide with sample data; "
            f"{where} show about {budget} (CJK characters count twice)"
        )
    return None


def _subject_problem(message: Message, values: dict[str, str], budget: int) -> str | None:
    return _too_wide(message, values, budget, "subject", "phone inboxes")


def _preheader_problem(message: Message, values: dict[str, str]) -> str | None:
    found = _too_wide(message, values, PREHEADER_COLUMNS, "preheader", "inboxes")
    return found and found + ", the rest is cut"


def width_findings(
    message: Message,
    subjects: dict[str, dict[str, str]],
    preheaders: dict[str, dict[str, str]],
    budget: int,
    rel: str,
) -> list[Diagnostic]:
    """subject.length and preheader.length for `message`, when a campaign uses its msgid as a
    subject or preheader (`subjects`, `preheaders`: msgid -> its placeholder values)."""
    out = []
    msgid = message.id if isinstance(message.id, str) else None
    if msgid in subjects:
        problem = _subject_problem(message, subjects[msgid], budget)
        if problem:
            out.append(Diagnostic(rel, message.lineno, "subject.length", "warning", problem))
    if msgid in preheaders:
        problem = _preheader_problem(message, preheaders[msgid])
        if problem:
            out.append(Diagnostic(rel, message.lineno, "preheader.length", "warning", problem))
    return out


def text_values(
    project: Project, locale: str
) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Each subject msgid and each preheader msgid with the values its placeholders take in
    `locale` (sample data for recipient fields, campaign data formatted the locale's way)."""
    market_code = project.market_of(locale)
    market = project.markets[market_code]
    filters = make_filters(locale_info(locale).babel_code, market.currency, market.timezone)
    subjects: dict[str, dict[str, str]] = {}
    preheaders: dict[str, dict[str, str]] = {}
    for campaign in project.campaigns.values():
        try:
            data = per_market(campaign.data, market_code)
        except ValueError:
            continue
        values = placeholder_values(data, dict(project.settings.recipient), filters)
        for text in campaign.subject.values():
            subjects.setdefault(text, values)
        if campaign.preheader:
            preheaders.setdefault(campaign.preheader, values)
    return subjects, preheaders
