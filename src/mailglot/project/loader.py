"""Load a whole project; every mistake becomes a located diagnostic.

Settings and markets are needed by every job, so their errors stop the build. A broken
campaign only stops itself: it is recorded in `campaign_errors` and the rest still build. An
events.yaml mistake only stops the campaigns and markets that use that event: it is kept in
`event_errors`. Checks that need the calendars or the renderer live in those layers
(calendars.rule_checks, calendars.public_holidays, render.placeholders) and are called here.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from mailglot.calendars.holiday_moves import avoid_holidays_warning
from mailglot.calendars.public_holidays import check_calendar
from mailglot.calendars.rule_checks import check_event_rules
from mailglot.containment import inside_templates
from mailglot.errors import ContentError, Diagnostic, ProjectNotFound, silence
from mailglot.folders import stop_on_unreadable
from mailglot.i18n.catalog_places import require_locales_folder
from mailglot.project.campaign_data import campaign_data_problems
from mailglot.project.campaign_files import (
    campaign_files,
    case_twins,
    id_problem,
    misnamed_campaigns,
    shown_name,
)
from mailglot.project.campaign_markup import MarkupPolicy, strings_markup_problems
from mailglot.project.campaign_placeholders import placeholder_problems
from mailglot.project.campaign_references import reference_problems
from mailglot.project.campaign_text import (
    calendar_text_problems,
    campaign_text_problems,
    filled_text_problems,
)
from mailglot.project.campaigns import Campaign
from mailglot.project.events import (
    EVENTS_FILE,
    Event,
    EventErrors,
    EventsFile,
    load_events,
    validate_campaign_schedule,
)
from mailglot.project.markets import MARKET_CODE_HINT, Market, valid_market_code
from mailglot.project.settings import Settings
from mailglot.project.settings_warnings import settings_warnings
from mailglot.project.validation import validate
from mailglot.project.yamlfile import YamlDoc, load_yaml

SETTINGS_FILE = "mailglot.yaml"
CALENDARS_DIR = "calendars"
TEMPLATES_DIR = "templates"
MARKETS_FILE = "calendars/markets.yaml"


@dataclass(frozen=True)
class Project:
    root: Path
    settings: Settings
    markets: dict[str, Market]
    events: dict[str, Event]
    campaigns: dict[str, Campaign]
    campaign_errors: dict[str, list[Diagnostic]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    # events.yaml mistakes, each stopping only the campaigns and markets that use it
    event_errors: EventErrors = field(default_factory=EventErrors)

    def campaign_markets(self, campaign: Campaign) -> list[str]:
        """The markets a campaign mails: `markets: all` is every market of markets.yaml."""
        return list(self.markets) if campaign.markets == "all" else list(campaign.markets)

    @property
    def source_market(self) -> str | None:
        """The market pseudo-locales are built with (None when the source locale mails none:
        then the project has no pseudo-locales, see `_unmarketed`)."""
        try:
            return self.market_of(self.settings.source_locale)
        except KeyError:
            return None

    def market_of(self, locale: str) -> str:
        for code, market in self.markets.items():
            if locale in market.locales:
                return code
        raise KeyError(locale)

    def campaign_path(self, campaign_id: str) -> Path:
        return self.root / "campaigns" / f"{campaign_id}.yaml"


def find_root(start: Path) -> Path:
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    for folder in (start, *start.parents):
        if os.path.lexists(folder / SETTINGS_FILE):  # there, but no file: say what it is
            raise ProjectNotFound(_not_settings(folder / SETTINGS_FILE))
    raise ProjectNotFound(
        f"no {SETTINGS_FILE} in {start} or any folder above it; "
        "run `mailglot init DIR` to start a project"
    )


def _not_settings(path: Path) -> str:
    """A mailglot.yaml that is no file was told 'no mailglot.yaml in ...', which is there."""
    if path.is_dir():
        what = "a folder"
    elif path.is_symlink() and not path.exists():
        what = f"a link to {os.readlink(path)}, which does not exist"
    else:
        what = "not a plain file (a pipe, socket or device)"
    return (
        f"{path} is {what}; a project's settings are a YAML file of that name (run "
        "`mailglot init DIR` to start a project)"
    )


def _load_settings(root: Path) -> tuple[Settings | None, list[Diagnostic], YamlDoc]:
    doc = load_yaml(root / SETTINGS_FILE, root)
    if doc.problems:
        return None, doc.problems, doc
    if not isinstance(doc.data, dict):
        return None, [doc.error((), "expected a mapping of settings (brand:, locales:, ...)")], doc
    return (*validate(Settings, doc), doc)


def _claim_locales(
    doc: YamlDoc, code: str, market: Market, owner: dict[str, tuple[str, int | None]]
) -> list[Diagnostic]:
    """Record which market mails each locale; a locale already claimed is an error."""
    errors = []
    for i, locale in enumerate(market.locales):
        line = doc.line_of((code, "locales", i))
        if locale in owner:
            other, other_line = owner[locale]
            errors.append(
                Diagnostic(
                    doc.rel,
                    line,
                    "schema",
                    "error",
                    f"locale {locale} is already in market {other} (line "
                    f"{other_line}); a locale mails exactly one market",
                )
            )
        owner[locale] = (code, line)
    return errors


def _load_markets(
    root: Path, settings: Settings, settings_doc: YamlDoc
) -> tuple[dict[str, Market], list[Diagnostic]]:
    path = root / MARKETS_FILE
    if not os.path.lexists(path):  # a folder there is read, and refused as one
        return {}, [
            Diagnostic(
                MARKETS_FILE,
                None,
                "schema",
                "error",
                "missing: every locale must belong to a market defined here",
            )
        ]
    doc = load_yaml(path, root)
    if doc.problems:
        return {}, doc.problems
    if not isinstance(doc.data, dict) or not doc.data:
        return {}, [doc.error((), "expected a mapping of market codes (US, FR, ...) to markets")]
    markets: dict[str, Market] = {}
    errors: list[Diagnostic] = []
    owner: dict[str, tuple[str, int | None]] = {}
    for code in doc.data:
        if not valid_market_code(code):
            errors.append(doc.error((code,), f"market code {code!r}: expected {MARKET_CODE_HINT}"))
            continue
        market, problems = validate(Market, doc, (code,))
        errors += problems
        if market is None:
            continue
        markets[code] = market
        for key in ("name", "address"):  # shown in emails: screened as campaign text is
            text = getattr(market, key)
            if text:
                errors += calendar_text_problems(doc, (code, key), text, market.locales)
        if market.holidays is not None:
            h = market.holidays
            problem = check_calendar(h.country, h.subdiv, tuple(h.categories))
            if problem:
                errors.append(doc.error((code, "holidays"), f"{code}.holidays: {problem}"))
        errors += _claim_locales(doc, code, market, owner)
    if not errors:
        errors = _unmarketed(settings, settings_doc, owner)
    return markets, errors


def _unmarketed(
    settings: Settings, doc: YamlDoc, owner: dict[str, tuple[str, int | None]]
) -> list[Diagnostic]:
    """The locales of mailglot.yaml that no market mails, located where they are listed. The
    source locale needs one when it is built (no `locales:`) or when pseudo-locales are, which
    are built with its market."""
    listed = [(locale, ("locales", i), "") for i, locale in enumerate(settings.locales)]
    if settings.source_locale not in settings.locales:
        if not settings.locales:
            listed.append((settings.source_locale, ("source_locale",), ""))
        elif settings.pseudo_locales:
            why = (
                f" (pseudo-locales {', '.join(settings.pseudo_locales)} are built with its market)"
            )
            listed.append((settings.source_locale, ("source_locale",), why))
    return [
        doc.error(
            loc,
            f"{'locale' if loc[0] == 'locales' else 'source_locale'} {locale} belongs to no "
            f"market in {MARKETS_FILE}{why}; add it to one market's locales",
        )
        for locale, loc, why in listed
        if locale not in owner
    ]


def _check_campaign(
    cid: str,
    doc: YamlDoc,
    campaign: Campaign,
    root: Path,
    markets: dict[str, Market],
    events: EventsFile,
    settings: Settings,
) -> list[Diagnostic]:
    errors = []
    problem = inside_templates(str(root / "templates"), campaign.template, root)
    if problem:  # a link out of templates/ is refused like a missing file
        if problem.endswith(" not found under templates/"):
            problem += _closest_template(root / "templates", campaign.template)
        errors.append(doc.error(("template",), problem))
    if campaign.markets != "all":
        for i, code in enumerate(campaign.markets):
            if code not in markets:
                known = ", ".join(markets) or "none"
                errors.append(
                    doc.error(
                        ("markets", i),
                        f"unknown market {code!r}; markets defined in {MARKETS_FILE}: {known}",
                    )
                )
    errors += validate_campaign_schedule(doc, campaign, events)
    by_market = {code: market.locales for code, market in markets.items()}
    # no merge tags or code typed in; a market's own values judged in its locales
    errors += campaign_text_problems(doc, settings.source_locale, by_market)
    mailed = list(markets) if campaign.markets == "all" else campaign.markets
    errors += campaign_data_problems(doc, campaign.data, mailed, markets)
    errors += strings_markup_problems(doc, campaign.data, MarkupPolicy.of(settings))
    errors += filled_text_problems(doc, campaign.data, mailed, settings.recipient)  # nor made
    errors += placeholder_problems(doc, campaign, settings.recipient, mailed)
    errors += reference_problems(doc, campaign)  # subjects and preheaders are plain text
    return errors


def _closest_template(folder: Path, name: str) -> str:
    """'; did you mean ...?' for a template name with another case (which macOS and Windows
    find and Linux CI does not), a backslash or a missing `.j2`; empty when nothing is close.
    Only asked when a template is missing: it lists templates/ (links not followed)."""
    found = sorted(
        os.path.relpath(os.path.join(top, f), folder).replace(os.sep, "/")
        for top, _, files in os.walk(folder)
        for f in files
        if f.endswith(".j2")
    )
    typed = name.replace("\\", "/")
    close = [f for f in found if f.lower() in (typed.lower(), f"{typed.lower()}.j2")]
    close = close or difflib.get_close_matches(typed, found, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def load_campaign(
    root: Path,
    path: Path,
    settings: Settings,
    markets: dict[str, Market],
    events: EventsFile,
    warnings: list[Diagnostic] | None = None,
) -> tuple[Campaign | None, list[Diagnostic]]:
    """`warnings`: where a loaded campaign's warnings go (avoid_holidays with no calendar)."""
    problem = id_problem(root, path)
    if problem is not None:
        return None, [problem]
    doc = load_yaml(path, root)
    if doc.problems:
        return None, doc.problems
    if not isinstance(doc.data, dict):
        return None, [doc.error((), "expected a mapping with template:, markets:, subject:, ...")]
    campaign, errors = validate(Campaign, doc)
    if campaign is None:
        return None, errors
    errors = _check_campaign(path.stem, doc, campaign, root, markets, events, settings)
    mailed = list(markets) if campaign.markets == "all" else campaign.markets
    unmoved = (
        None if errors else avoid_holidays_warning(doc, campaign, mailed, markets, events.events)
    )
    if unmoved is not None and warnings is not None:
        warnings.append(unmoved)
    return (None if errors else campaign), errors


def load_project(start: Path) -> Project:
    root = find_root(start)
    settings, errors, settings_doc = _load_settings(root)
    if settings is None:
        raise ContentError(errors)
    # Every job needs its markets and its templates: either folder unreadable stops them all
    # (templates/ listed too: the plan follows includes through it; each campaign's template
    # was said to be 'not found under templates/').
    stop_on_unreadable(root, ((CALENDARS_DIR, False), (TEMPLATES_DIR, True)))
    require_locales_folder(root)  # a file there built every email in the source language
    markets, errors = _load_markets(root, settings, settings_doc)
    if errors:  # events name markets: checking them now would only echo these errors
        raise ContentError(errors)
    loaded = load_events(root, EVENTS_FILE, settings.source_locale)
    events, event_errors = loaded.events, loaded.errors
    if loaded.doc is not None and not event_errors.file:
        events, event_errors = check_event_rules(loaded.doc, events, markets, event_errors)

    campaigns: dict[str, Campaign] = {}
    campaign_errors: dict[str, list[Diagnostic]] = {}
    warnings: list[Diagnostic] = []
    files = campaign_files(root)
    for path in (p for p in files if p.suffix == ".yaml"):
        campaign, problems = load_campaign(root, path, settings, markets, loaded, warnings)
        if campaign is not None:  # a valid id: its name is UTF-8
            campaigns[path.stem] = campaign
        if problems:
            campaign_errors[shown_name(path.stem)] = problems
    for stem, problem in misnamed_campaigns(root, files):
        campaign_errors.setdefault(stem, []).append(problem)
    for stem, problem in case_twins(sorted({*campaigns, *campaign_errors})):
        campaign_errors.setdefault(stem, []).append(problem)
        campaigns.pop(stem, None)
    # mailglot.yaml's and those of campaigns that load (not a case twin), as checks.disable
    # leaves them
    warnings = [
        w
        for w in silence(
            settings_warnings(settings_doc, settings) + warnings, settings.checks.disable
        )
        if w.path == SETTINGS_FILE or Path(w.path).stem in campaigns
    ]
    return Project(
        root,
        settings,
        markets,
        events,
        campaigns,
        campaign_errors,
        warnings,
        event_errors=event_errors,
    )
