"""With `tracking:` on, every tracked link must carry the job's campaign parameters: one that
lacks them counts no clicks, one whose own parameters differ counts them for another campaign
(the build never overwrites a parameter a template wrote, so the clash shows here)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from urllib.parse import parse_qsl, urlsplit

from mailglot.checks.locate import TemplateLines, href
from mailglot.errors import Diagnostic
from mailglot.project.settings import Settings
from mailglot.render.tracking import (
    TrackingConfigError,
    expected_params,
    is_tracked,
    links,
    tracked_hosts,
)


def tracking_findings(
    source: str,
    html_path: str,
    settings: Settings,
    values: Mapping[str, str],
    templates: TemplateLines,
) -> Iterator[Diagnostic]:
    tracking = settings.tracking
    if tracking is None:
        return
    try:
        expected = expected_params(tracking, values)
    except TrackingConfigError as exc:
        yield Diagnostic("mailglot.yaml", None, "tracking.config", "error", str(exc))
        return
    hosts = tracked_hosts(tracking, settings.brand.website)
    for link in links(source):
        if not is_tracked(link.url, tracking, hosts):
            continue
        query = parse_qsl(urlsplit(link.url).query, keep_blank_values=True)
        have: dict[str, list[str]] = {}
        for key, value in query:
            have.setdefault(key, []).append(value)
        missing = [k for k in expected if k not in have]
        clashes = [
            f"{k}={'/'.join(have[k])} (tracking wants {expected[k]})"
            for k in expected
            if k in have and have[k] != [expected[k]]
        ]
        if not (missing or clashes):
            continue
        base = link.url.split("?", 1)[0]
        where = templates.find(href(base))
        path, line = where or (html_path, source.count("\n", 0, link.start) + 1)
        if clashes:
            yield Diagnostic(
                path,
                line,
                "tracking.collision",
                "warning",
                f"link {base} sets its own {', '.join(clashes)}: clicks would count "
                "for another campaign",
            )
        if missing:
            yield Diagnostic(
                path,
                line,
                "tracking.missing",
                "warning",
                f"link {base} lacks {', '.join(missing)}: its clicks are not attributed",
            )
