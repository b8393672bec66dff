"""What a template sees (SPEC 4), assembled for one job."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from mailglot.calendars import EventOccurrence
from mailglot.i18n.formatting import make_filters
from mailglot.i18n.locales import LocaleInfo
from mailglot.i18n.untrusted import as_html
from mailglot.plan import Job
from mailglot.project.loader import Project
from mailglot.render.assets import asset_function
from mailglot.render.merge import MergeFields
from mailglot.render.placeholders import fill

BY_MARKET = "by_market"


def per_market(value: Any, market: str) -> Any:
    """`{by_market: {US: 9.99, JP: 1490, default: 9.99}}` picks the job's market's value."""
    if isinstance(value, dict):
        if set(value) == {BY_MARKET}:
            choices = value[BY_MARKET]
            if market in choices:
                return choices[market]
            if "default" in choices:
                return choices["default"]
            raise ValueError(f"no value for market {market} (and no default) in a by_market value")
        return {k: per_market(v, market) for k, v in value.items()}
    if isinstance(value, list):
        return [per_market(v, market) for v in value]
    return value


# (campaign data, market) -> that data for the market: the same for every locale and variant
# of a campaign's market. Keyed by the data's identity, kept with it (so no other data can take
# its id while the entry lives); bounded, since `serve` loads the campaigns again and again.
# Shared between jobs: templates cannot change it (the sandbox is immutable).
_FOR_MARKET: dict[tuple[int, str], tuple[Any, Any]] = {}


def market_data(data: Any, market: str) -> Any:
    """`per_market(data, market)`, worked out once per campaign and market."""
    key = (id(data), market)
    found = _FOR_MARKET.get(key)
    if found is None or found[0] is not data:
        if len(_FOR_MARKET) >= 1024:
            _FOR_MARKET.clear()
        found = _FOR_MARKET[key] = (data, per_market(data, market))
    return found[1]


def translate_and_fill(msgid: str, gettext: Callable[[str], str], values: dict[str, str]) -> str:
    """A translation whose braces do not parse falls back to the source text: a translator's
    typo must never stop a build (the catalog checks report it)."""
    try:
        return fill(gettext(msgid), values)
    except (ValueError, KeyError, IndexError):
        return fill(msgid, values)


def translate_strings(
    value: Any, gettext: Callable[[str], str], fill_values: dict[str, str]
) -> Any:
    """msgids under data.strings, translated; they are HTML like `{% trans %}` text."""
    return _translated(value, gettext, {k: html.escape(v) for k, v in fill_values.items()})


def _translated(value: Any, gettext: Callable[[str], str], escaped: dict[str, str]) -> Any:
    """`translate_strings` with the values escaped once for all the strings of a job."""
    if isinstance(value, dict):
        return {k: _translated(v, gettext, escaped) for k, v in value.items()}
    if isinstance(value, list):
        return [_translated(v, gettext, escaped) for v in value]
    if isinstance(value, str):
        return as_html(translate_and_fill(value, gettext, escaped))
    return value


def placeholder_values(
    data: dict[str, Any], tokens: dict[str, str], filters: Mapping[str, Callable[..., Any]]
) -> dict[str, str]:
    """`{name}` values for subjects and strings: numbers and dates written the locale's way."""

    def show(value: Any) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _shown(filters["number"], value)
        if isinstance(value, date):
            return _shown(filters["date"], value, "medium")  # subjects need the short form
        return str(value)

    values = {
        k: show(v) for k, v in data.items() if k != "strings" and not isinstance(v, (dict, list))
    }
    values.update(tokens)
    return values


_SHOWN: WeakKeyDictionary[Callable[..., Any], dict[tuple[Any, ...], str]] = WeakKeyDictionary()


def _shown(formatter: Callable[..., Any], value: Any, *args: Any) -> str:
    """A number or date as the locale's filter writes it, remembered per filter (each locale
    environment has its own; an environment made again has new ones) and per value and
    type: every job of a campaign formats the same `percent: 40` (Babel, ~0.1 ms)."""
    memo = _SHOWN.get(formatter)
    if memo is None:
        memo = _SHOWN[formatter] = {}
    key = (type(value), repr(value), *args)  # repr: -0.0 == 0.0 but may be written "-0"
    found = memo.get(key)
    if found is None:
        if len(memo) >= 1024:
            memo.clear()
        found = memo[key] = formatter(value, *args)
    return found


def event_name(
    occurrence: EventOccurrence, locale: str, source_locale: str, gettext: Callable[[str], str]
) -> str:
    """The catalog's translation of the event's name; when the catalog lacks one, the
    holiday's own name in python-holidays for this locale (Noël for a French catalog without
    "Christmas"), before the source text. A locale in the source's language keeps the source:
    "Thanksgiving" is already its name. The missing string is still reported."""
    translated = gettext(occurrence.name)
    if translated != occurrence.name or _language(locale) == _language(source_locale):
        return translated
    return dict(occurrence.local_names).get(locale, translated)


def _language(locale: str) -> str:
    return locale.split("_")[0]


def _event(job: Job, source_locale: str, gettext: Callable[[str], str]) -> dict[str, Any] | None:
    occurrence = job.timing.event
    if occurrence is None:
        return None
    return {
        "id": occurrence.id,
        "name": event_name(occurrence, job.locale, source_locale, gettext),
        "date": occurrence.date,
        "days_left": job.timing.days_left,
    }


@dataclass(frozen=True)
class _CampaignPart:
    """What a job's context holds that its variants share: worked out for the first variant
    and given, with a replay of the lookups it made, to the next."""

    same: tuple[Any, ...]  # compared by identity
    names: tuple[str, str, str]
    gettext: Callable[[str], str]
    values: dict[str, str]  # placeholder values: read, never handed to a template
    data: dict[str, Any]
    preheader: str
    event: dict[str, Any] | None
    replay: Callable[[], None]


class _LookupRecord(Protocol):
    def apart(self, make: Callable[[], Any]) -> tuple[Any, Callable[[], None]]: ...


_LAST: list[_CampaignPart] = []  # the last job's part, for its next variant


def _campaign_part(
    job: Job,
    project: Project,
    gettext: Callable[[str], str],
    merge: MergeFields,
    filters: Mapping[str, Callable[..., Any]],
    record: _LookupRecord | None,
) -> tuple[dict[str, str], dict[str, Any], str, dict[str, Any] | None]:
    """(placeholder values, data, preheader, event) of the job. The next variant of a job
    gets its own copies of the first one's, and its lookups (the catalog entries the job used,
    the strings it found missing) as if it had made them. The key holds everything they are
    made of but the variant: the project, campaign, merge fields, the locale's filters and
    catalog, the timing (one object for a job's variants), the names and the gettext."""
    campaign = project.campaigns[job.campaign]
    same = (project, campaign, merge, filters, record, job.timing)
    names = (job.campaign, job.locale, job.market)
    kept = _LAST[0] if _LAST else None
    if (
        kept is not None
        and record is not None
        and all(a is b for a, b in zip(kept.same, same, strict=True))
        and kept.names == names
        and kept.gettext == gettext  # a bound method: its object and function
    ):
        kept.replay()
        return kept.values, _own(kept.data), kept.preheader, _own_event(kept.event)
    _LAST.clear()

    def make() -> tuple[dict[str, str], dict[str, Any], str, dict[str, Any] | None]:
        data = market_data(campaign.data, job.market)
        values = placeholder_values(data, merge.tokens(), filters)
        data = {**data, "strings": translate_strings(data.get("strings", {}), gettext, values)}
        preheader = (
            translate_and_fill(campaign.preheader, gettext, values) if campaign.preheader else ""
        )
        event = _event(job, project.settings.source_locale, gettext)
        return values, data, preheader, event

    if record is None:
        return make()
    (values, data, preheader, event), replay = record.apart(make)
    _LAST.append(_CampaignPart(same, names, gettext, values, data, preheader, event, replay))
    return values, _own(data), preheader, _own_event(event)


def _own(data: dict[str, Any]) -> dict[str, Any]:
    """A job's own copy of its data as the plain path makes it for each job: its own mapping
    and translated strings; the campaign's values under them are `market_data`'s, shared by
    every job as before."""
    return {**data, "strings": _fresh(data["strings"])}


def _own_event(event: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if event is None else dict(event)  # id, name, date, days left: no container


_NESTED = frozenset({dict, list})


def _fresh(value: Any) -> Any:
    """A copy of the dicts and lists in `value`, so no two jobs hold the same one (their
    other values cannot be changed)."""
    if type(value) is dict:
        return {k: _fresh(v) if type(v) in _NESTED else v for k, v in value.items()}
    if type(value) is list:
        return [_fresh(v) if type(v) in _NESTED else v for v in value]
    return value


def job_context(
    job: Job,
    project: Project,
    info: LocaleInfo,
    gettext: Callable[[str], str],
    merge: MergeFields,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    record: _LookupRecord | None = None,
) -> dict[str, Any]:
    """`filters`: the locale environment's own (`date`, `number`...), made once per locale;
    made here for callers without an environment at hand. `record`: where the lookups of
    `gettext` are noted (the locale's catalog), so a job's variants share what only the
    subject does not tell apart."""
    settings = project.settings
    campaign = project.campaigns[job.campaign]
    market = project.markets[job.market]
    tokens = merge.tokens()
    if filters is None:
        filters = make_filters(info.babel_code, market.currency, market.timezone, market.digits)
    values, data, preheader, event = _campaign_part(job, project, gettext, merge, filters, record)
    subject = translate_and_fill(campaign.subject[job.variant], gettext, values)
    base = settings.assets_base_url

    return {
        "brand": _brand(settings),
        "campaign": {"id": job.campaign, "variant": job.variant},
        "data": data,
        "subject": subject,
        "preheader": preheader,
        "locale": {
            "code": info.code,
            "lang": info.lang,
            "dir": info.dir,
            "language": info.language,
        },
        "market": {
            "code": job.market,
            "currency": market.currency,
            "timezone": market.timezone,
            "address": market.address,
            "name": market.name or job.market,
        },
        "event": event,
        "send_at": job.timing.send_at,
        "recipient": tokens,
        "unsubscribe_url": tokens.get("unsubscribe_url", ""),
        "assets_base_url": base,
        "asset": asset_function(project),  # checked: render/assets.py
    }


# id(settings) -> (settings, its brand as templates read it), kept with the settings object
# (so no other can take its id while the entry lives); bounded, since `serve` loads again
_BRANDS: dict[int, tuple[Any, dict[str, Any], bool]] = {}  # bool: no dict or list inside


def _brand(settings: Any) -> dict[str, Any]:
    """`settings.brand.model_dump(by_alias=True)`, dumped once per settings object (they
    are frozen): ~10 us a job; each job gets a copy of its own. A dump holding anything but
    dicts, lists and values that cannot change is dumped for each job."""
    found = _BRANDS.get(id(settings))
    if found is None or found[0] is not settings:
        dumped = settings.brand.model_dump(by_alias=True)
        if not _plain(dumped):
            return dumped
        if len(_BRANDS) >= 16:
            _BRANDS.clear()
        found = _BRANDS[id(settings)] = (
            settings,
            dumped,
            not any(type(v) in _NESTED for v in dumped.values()),
        )
    return dict(found[1]) if found[2] else _fresh(found[1])


_UNCHANGING = frozenset({str, int, float, bool, type(None), date, datetime})


def _plain(value: Any) -> bool:
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if type(value) is list:
        return all(_plain(v) for v in value)
    return type(value) in _UNCHANGING
