"""An attribute value from outside the team that its MJML type refuses fails its job.

Node's validator only warns about a value its type refuses (`mjml.attribute-value`), and so
does `mjml_validator` for what a designer writes in a template. A value that came from
campaign data, a translation or calendar text is another matter: MRML writes it into a style
attribute as it is, so a data colour of `#1e3a5f;background-image:url(https://...);
position:fixed` put a tracking pixel over the whole email. Such a finding becomes an error
that fails the job (its previous outputs are kept, the other jobs build), at the template
line the validator found, naming where the value came from.

Where a value came from is decided from the job's own texts: a refused value holding one of
them (the whole value, or one of at least `MIN_PART` characters, after character references
are decoded) came from it. Only jobs the validator already found a refused value in pay
for this (the validator's findings are scanned once per job).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from mailglot.errors import Diagnostic, escape_control
from mailglot.i18n.untrusted import decoded
from mailglot.render.mjml_attributes import INVALID, parse_attributes
from mailglot.render.mjml_validator import problems

MIN_PART = 3  # shorter texts ("px", "a") are found in values by chance


def refused_from_outside(
    findings: Iterable[Diagnostic],
    mjml: str,
    texts: Callable[[], Iterable[tuple[str, str]]],
    shown: Callable[[str], str] = str,
) -> Diagnostic | None:
    """The first refused attribute value of `mjml` that came from one of `texts` ((where it
    comes from, text) pairs, asked for only when needed), as an error at the place the
    validator gave its warning; None when there is none. `shown` turns merge-field tokens
    into what the user wrote, as the validator's messages do."""
    warned = {d.message: d for d in findings if d.code == INVALID}
    if not warned:
        return None
    outside = [(where, decoded(t).strip()) for where, t in texts()]
    outside = [(where, t) for where, t in outside if t]
    tokens, found = problems(mjml)
    for item in found:
        if item.code != INVALID or not item.attributes:
            continue
        warning = warned.get(escape_control(shown(item.message).replace("\n", "\\n")))
        value = parse_attributes(tokens[item.index][2]).get(item.attributes[0])
        if warning is None or value is None:
            continue
        origin = _origin(decoded(value).strip(), outside)
        if origin is None:
            continue
        return Diagnostic(
            warning.path,
            warning.line,
            INVALID,
            "error",
            f"{warning.message.rstrip()} (from {origin}: a value from campaign data, a "
            "translation or a calendar must be one the attribute accepts; this email is not "
            "built)",
        )
    return None


def _origin(value: str, outside: list[tuple[str, str]]) -> str | None:
    for where, text in outside:
        if text == value or (len(text) >= MIN_PART and text in value):
            return where
    return None


def job_texts(
    campaign: str,
    context: Mapping[str, Any],
    translations: Iterable[tuple[str, str]],
) -> Iterator[tuple[str, str]]:
    """A job's texts from outside the team, each with where it comes from: the campaign's
    data (as the job sees it: its market's values, strings translated and filled), subject
    and preheader, the event's name, the market's name and address, and `translations`
    ((msgid, translation) pairs the job looked up)."""
    yield from _leaves(context.get("data"), f"campaigns/{campaign}.yaml", "data")
    for key in ("subject", "preheader"):
        if isinstance(context.get(key), str):
            yield f"campaigns/{campaign}.yaml {key}", context[key]
    event = context.get("event")
    if isinstance(event, Mapping) and isinstance(event.get("name"), str):
        yield f"calendars/events.yaml {event.get('id')}.name", event["name"]
    market = context.get("market")
    if isinstance(market, Mapping):
        for key in ("name", "address"):
            if isinstance(market.get(key), str):
                yield f"calendars/markets.yaml {market.get('code')}.{key}", market[key]
    for msgid, text in translations:
        if text and text != msgid:
            label = msgid if len(msgid) <= 40 else msgid[:37] + "..."
            yield f"the translation of {label!r}", text


def _leaves(value: Any, file: str, loc: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield f"{file} {loc}", str(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, file, f"{loc}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _leaves(item, file, f"{loc}.{i}")
