"""Client support: the CSS and HTML features an email's templates use, judged against
caniemail's data for the client families in `checks.clients`, each by its newest version.

What is judged is what the template author wrote: a feature is reported when it can be traced
to a line of the job's templates (a CSS property in `<mj-style>` or an MJML attribute, an
HTML tag or attribute, an at-rule). What only the MJML compiler adds (its Outlook fallbacks,
`cursor:auto` on buttons, the hidden preheader's styles) is the compiler's concern and is not
reported, since no template line could change it.

Severity: unsupported by a client is a warning (an error with `--strict`); partial support is
a note with caniemail's explanations (notes are listed by `mailglot check --clients`). Features whose absence leaves the email whole are notes
that say what the reader sees instead: a few listed in ENHANCEMENTS (rounded corners, dark-mode
styles, the phone layout of a media query, a spacer's height that becomes a minimum) and
anything used only inside `<style>`, since inlining leaves only enhancements there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mailglot.checks.caniemail import Feature, SupportData, Verdict
from mailglot.checks.features import AT_RULES, MEDIA_FEATURES, VALUE_FEATURES, Usage
from mailglot.checks.locate import TemplateLines, literal
from mailglot.errors import Diagnostic

ENHANCEMENTS = {
    "css-border-radius": "corners are square",
    "css-box-shadow": "no shadow",
    "css-text-shadow": "no shadow",
    "css-letter-spacing": "normal letter spacing",
    "css-at-media": "the desktop layout is shown",
    "css-at-media-prefers-color-scheme": "the light design is shown",
    "css-at-media-prefers-reduced-motion": "motion is not reduced",
    "css-at-media-hover": "no hover styles",
    "css-pseudo-class-hover": "no hover styles",
    "css-transition": "changes happen at once",
    "css-animation": "no animation",
    "css-at-keyframes": "no animation",
    "css-cursor": "the default pointer",
    "css-at-font-face": "the next font in the stack is used",
    "html-target": "links open the client's way",
    "css-height": "the height acts as a minimum",
    "css-min-width": "the element is as wide as its content",
}
STYLE_ONLY = "only in <style>, which holds progressive enhancements once CSS is inlined"
_AT_RULE_OF = {slug: f"@{name}" for name, slug in AT_RULES.items()}
_MEDIA_OF = {slug: name for name, slug in MEDIA_FEATURES.items()}
_VALUE_OF = {slug: pattern for pattern, slug in VALUE_FEATURES}


def source_pattern(usage: Usage) -> re.Pattern[str] | None:
    """How the feature would be written in a template (MJML attribute or CSS, tag, at-rule)."""
    slug, sample = usage.slug, usage.sample
    if slug in _VALUE_OF:
        return _VALUE_OF[slug]
    if slug in _AT_RULE_OF:
        return literal(_AT_RULE_OF[slug])
    if slug in _MEDIA_OF:
        return literal(_MEDIA_OF[slug])
    if slug.startswith(("css-pseudo-", "css-selector-")):
        return literal(sample.strip())
    if slug.startswith("css-unit-") or slug.startswith("image-") or slug == "html-doctype":
        return None
    if sample.startswith("<"):
        return re.compile(rf"<{re.escape(sample.strip('<>'))}\b", re.I)
    name = re.split(r"[\s:=]", sample, maxsplit=1)[0]
    if slug.startswith("css-"):  # `padding-left: 4px` inline, `padding-left="4px"` in MJML
        return re.compile(rf"(?<![\w-]){re.escape(name)}\s*(:|=\s*\")", re.I)
    return re.compile(rf"\s{re.escape(name)}\s*=", re.I)


def _clients(verdicts: Iterable[Verdict], data: SupportData) -> str:
    return ", ".join(v.client(data.names) for v in verdicts)


def _notes(verdicts: Iterable[Verdict]) -> str:
    notes = list(dict.fromkeys(n for v in verdicts for n in v.notes))
    return f" ({' '.join(notes)})" if notes else ""


def judge(
    feature: Feature, usage: Usage, families: list[str], data: SupportData
) -> list[tuple[str, str, str]]:
    """(code, severity, message) for one used feature."""
    verdicts = [v for v in feature.verdicts if v.family in families]
    unsupported = [v for v in verdicts if v.state == "unsupported"]
    partial = [v for v in verdicts if v.state == "partial"]
    what = feature.title
    if feature.slug.startswith(("css-pseudo-", "css-selector-")):
        what = f"{feature.title} (`{usage.sample.strip()}`)"
    out = []
    if unsupported:
        fallback = ENHANCEMENTS.get(feature.slug) or (None if usage.outside_style else STYLE_ONLY)
        if fallback:
            message = (
                f"{what} is not supported by {_clients(unsupported, data)}; it degrades "
                f"gracefully there ({fallback})"
            )
            out.append(("client.fallback", "info", message))
        else:
            message = (
                f"{what} is not supported by {_clients(unsupported, data)}{_notes(unsupported)}"
            )
            out.append(("client.unsupported", "warning", f"{message} [{feature.url}]"))
    if partial:
        message = f"{what} is only partly supported by {_clients(partial, data)}{_notes(partial)}"
        out.append(("client.partial", "info", message))
    return out


@lru_cache(maxsize=64)
def warning_slugs(families: tuple[str, ...], data: SupportData) -> frozenset[str]:
    """The features that can make a build finding (`client.unsupported`) for these clients:
    unsupported by one of them and not a graceful fallback (ENHANCEMENTS). Only these are
    looked for in a build's every email; the notes of `check --clients` need all of them.
    A feature's first use, and whether any use is outside `<style>`, do not depend on which
    other features are looked for, so the answer for these is the same as with all."""
    return frozenset(
        slug
        for slug, feature in data.features.items()
        if slug not in ENHANCEMENTS
        and any(v.state == "unsupported" and v.family in families for v in feature.verdicts)
    )


def client_findings(
    used: dict[str, Usage],
    html_path: str,
    templates: TemplateLines,
    families: list[str],
    data: SupportData,
    *,
    notes: bool = False,
) -> list[Diagnostic]:
    """The warnings (`client.unsupported`), or with `notes` the notes (`client.partial`,
    `client.fallback`). Notes are not build findings: nearly every email has a dozen (Outlook
    supports padding only on table cells...), and a build that is clean must stay clean;
    `mailglot check --clients` lists them."""
    memo = _memo(templates, tuple(families), data, notes)
    if len(memo) > 4096:  # bounded: samples repeat, but a long `serve` session sees many
        memo.clear()
    findings = []
    for slug, usage in used.items():
        # Neither the pattern nor the verdict reads the HTML line: one entry for every job of
        # a template that uses the feature the same way.
        key = (slug, usage.slug, usage.sample, usage.outside_style)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _usage_findings(slug, usage, templates, families, data, notes)
        findings.extend(found)
    return findings


@lru_cache(maxsize=64)
def _memo(
    templates: TemplateLines, families: tuple[str, ...], data: SupportData, notes: bool
) -> dict[tuple[str, str, str, bool], tuple[Diagnostic, ...]]:
    """The findings of each feature use already judged for these templates and clients."""
    return {}


def _usage_findings(
    slug: str,
    usage: Usage,
    templates: TemplateLines,
    families: list[str],
    data: SupportData,
    notes: bool,
) -> tuple[Diagnostic, ...]:
    pattern = source_pattern(usage)
    where = templates.find(pattern) if pattern is not None else None
    if where is None:
        return ()  # the compiler's own markup: no template line to change
    return tuple(
        Diagnostic(where[0], where[1], code, severity, message)  # type: ignore[arg-type]
        for code, severity, message in judge(data.features[slug], usage, families, data)
        if (code == "client.unsupported") != notes
    )
