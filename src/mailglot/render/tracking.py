"""Campaign parameters on tracked links (UTM or the project's own), added at build time.

Configured in mailglot.yaml:

    tracking:
      params: {utm_source: streamly, utm_medium: email,
               utm_campaign: "{campaign}", utm_content: "{locale}-{variant}"}
      domains: [streamly.example]      # default: brand.website's host; subdomains included
      skip: ["*/privacy*"]             # default: unsubscribe, privacy, terms, legal pages

A link is tracked when it is http(s) to one of `domains` and matches no `skip` pattern; the
unsubscribe link never is (it is a merge tag until the platform fills it). Parameters the link
already has are left alone: the output check reports them as collisions, since the analytics
would then count the click under someone else's campaign. Runs on the compiled HTML, before
inlining and the text part, so both parts carry the same URLs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from mailglot.plan import Job
from mailglot.project.settings import Settings, Tracking

FIELDS = ("campaign", "locale", "lang", "market", "variant")
_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2""", re.I | re.S)


class TrackingConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Link:
    url: str
    start: int  # offset of the href value in the HTML


def expected_params(tracking: Tracking, values: Mapping[str, str]) -> dict[str, str]:
    out = {}
    for key, template in tracking.params.items():
        try:
            out[key] = template.format_map(values)
        except (KeyError, ValueError, IndexError) as exc:
            raise TrackingConfigError(
                f"tracking.params.{key}: {template!r} can use only "
                f"{', '.join('{' + f + '}' for f in FIELDS)} ({exc})"
            ) from exc
    return out


def job_values(job: Job, lang: str) -> dict[str, str]:
    return {
        "campaign": job.campaign,
        "locale": job.locale,
        "lang": lang,
        "market": job.market,
        "variant": job.variant,
    }


def tracked_hosts(tracking: Tracking, website: str) -> tuple[str, ...]:
    hosts = tracking.domains or [urlsplit(website).hostname or ""]
    return tuple(h.lower().lstrip(".") for h in hosts if h)


def is_tracked(url: str, tracking: Tracking, hosts: tuple[str, ...]) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower()
    if not any(host == h or host.endswith("." + h) for h in hosts):
        return False
    return not any(fnmatchcase(url.lower(), pattern.lower()) for pattern in tracking.skip)


def links(source: str) -> Iterator[Link]:
    for m in _HREF.finditer(source):
        yield Link(html.unescape(m.group(3)).strip(), m.start(3))


def with_params(url: str, params: Mapping[str, str]) -> str:
    """The link as the designer wrote it, with the absent parameters appended. The query is
    not decoded and encoded again: that turned `?ref` into `?ref=`, `%20` into `+` and
    `?a=1;b=2` into `?a=1%3Bb%3D2`, a different link for the server that receives it."""
    parts = urlsplit(url)
    present = {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
    added = [(k, v) for k, v in params.items() if k not in present]
    if not added:
        return url
    query = parts.query
    joint = "&" if query and not query.endswith("&") else ""
    return urlunsplit(parts._replace(query=query + joint + urlencode(added)))


def add_tracking(source: str, settings: Settings, values: Mapping[str, str]) -> str:
    """Every tracked link of `source` with the job's parameters (absent ones only)."""
    tracking = settings.tracking
    if tracking is None:
        return source
    try:
        params = expected_params(tracking, values)
    except TrackingConfigError:
        return source  # the output check reports the configuration error, located
    hosts = tracked_hosts(tracking, settings.brand.website)

    def tag(m: re.Match[str]) -> str:
        url = html.unescape(m.group(3)).strip()
        if not is_tracked(url, tracking, hosts):
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{html.escape(with_params(url, params))}{m.group(2)}"

    return _HREF.sub(tag, source)


def track_links(source: str, settings: Settings, job: Job, lang: str) -> str:
    """The pipeline's step: one call, after MJML and before inlining and the text part."""
    return add_tracking(source, settings, job_values(job, lang))
