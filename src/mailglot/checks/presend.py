"""The pre-send output checks of issue 14, in the output-check signature: each reads one
job's `Output` and yields located Diagnostics (a template line when one wrote the problem).

They need the project's settings and root, which `Output` carries for them; an Output without
settings (a unit test of another check) skips the checks that need them, and an HTML fragment
without `<html>` skips the checks that judge a whole document (mailglot always makes one)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from mailglot.checks.caniemail import support_data
from mailglot.checks.client_shapes import remembered
from mailglot.checks.clients import client_findings, warning_slugs
from mailglot.checks.features import features_read
from mailglot.checks.links import link_findings
from mailglot.checks.locate import TemplateLines, literal
from mailglot.checks.output import Output
from mailglot.checks.preview_text import inbox_preview
from mailglot.checks.readers import (
    PREHEADER_COLUMNS,
    lang_dir_findings,
    parsed_table_findings,
    plainly_presentational,
    preheader_findings,
    subject_findings,
    table_findings,
)
from mailglot.checks.sources import relocate, text_source
from mailglot.checks.tracked import tracking_findings
from mailglot.checks.variants import shared, shared_value
from mailglot.errors import Diagnostic
from mailglot.i18n.pseudo import PSEUDO_LOCALES


def _templates(out: Output) -> TemplateLines:
    return out.templates


# "<html" in any case: no character but H, T, M and L lowers to those letters, so this is
# `"<html" in html[:4000].lower()` without lowering 4000 characters (~20 us, twice a job)
_HTML_OPEN = re.compile("<[hH][tT][mM][lL]")


def _document(out: Output) -> bool:
    return _HTML_OPEN.search(out.html, 0, 4000) is not None


def _source(out: Output, key: str) -> tuple[str, int | None]:
    source = out.settings.source_locale if out.settings else out.meta.locale
    return text_source(out.root, out.meta, key, source)


def subject_missing(out: Output) -> Iterator[Diagnostic]:
    for found in subject_findings(out.meta.subject_preview, out.path):
        yield relocate(found, _source(out, "subject"))


def preheader(out: Output) -> Iterator[Diagnostic]:
    """preheader.missing, .length (not for pseudo-locales, lengthened on purpose), .absent."""
    found = preheader_findings(out.meta.preheader_preview, out.html, out.path)
    pseudo = out.meta.locale in PSEUDO_LOCALES
    for d in found:
        if (pseudo and d.code == "preheader.length") or (
            d.code == "preheader.absent" and not _document(out)
        ):
            continue
        # The words are fixed where they are written; a preheader missing from the HTML, in
        # the layout (<mj-preview>).
        yield d if d.code == "preheader.absent" else relocate(d, _source(out, "preheader"))


def preheader_leak(out: Output) -> Iterator[Diagnostic]:
    """preheader.leak: the body's first words show in the inbox after the preheader. A
    warning, like preheader.missing (whose defect this is, in part): recipients read text
    nobody wrote as a preview, often the subject again or the header's words, and reviewers
    do not see it in the email. Located at the layout's <mj-preview>, where padding goes."""
    preview = out.meta.inbox or inbox_preview(out.html)
    if not preview.preheader or not preview.body:
        return  # no preheader: preheader.missing or .absent says so
    padding = (
        f"its padding of {preview.padding} invisible characters is too short to fill it; "
        if preview.padding
        else ""
    )
    where = _templates(out).find(literal("<mj-preview"))
    yield Diagnostic(
        where[0] if where else out.path,
        where[1] if where else None,
        "preheader.leak",
        "warning",
        f"the inbox preview runs on into the body: after the preheader, inboxes show "
        f"'{preview.body}' (a preview is up to {PREHEADER_COLUMNS} columns); {padding}to show "
        "the preheader alone, pad it with invisible characters ('&zwnj;&nbsp;' repeated "
        "after it in <mj-preview>) or write a longer one",
    )


def lang_dir(out: Output) -> Iterator[Diagnostic]:
    """The same in every variant of a job (`variants`), like the three checks below."""
    meta = out.meta
    yield from shared(
        "i18n.lang-dir", out.html, out.path, (meta.lang, meta.dir), partial(_lang_dir, out)
    )


def _lang_dir(out: Output) -> Iterator[Diagnostic]:
    if _document(out):
        yield from lang_dir_findings(out.html, out.meta.lang, out.meta.dir, out.path)


def table_role(out: Output) -> Iterator[Diagnostic]:
    """Where the tables are plainly presentational (every email MJML makes), nothing is
    parsed; that answer is shared by the variants of a job."""
    html = out.html
    plain = shared_value("a11y.table-role", html, (), lambda: plainly_presentational(html))
    if plain is None:
        yield from table_findings(html, out.path)
    elif not plain:
        yield from parsed_table_findings(html, out.path)


def links(out: Output) -> Iterator[Diagnostic]:
    """links.*"""
    if out.settings is not None:
        website = out.settings.brand.website
        templates = _templates(out)
        yield from shared(
            "links",
            out.html,
            out.path,
            (website, templates),
            lambda: link_findings(out.html, out.path, website, templates),
        )


def clients(out: Output) -> Iterator[Diagnostic]:
    """client.unsupported: caniemail support for checks.clients (whose names the settings
    hold to caniemail's families when the project loads)."""
    yield from _clients(out, notes=False)


def client_notes(out: Output) -> Iterator[Diagnostic]:
    """client.partial and client.fallback, for `mailglot check --clients`."""
    yield from _clients(out, notes=True)


def _clients(out: Output, *, notes: bool) -> Iterator[Diagnostic]:
    if out.settings is None:
        return
    data = support_data()
    families = out.settings.checks.clients
    slugs = data.slugs if notes else warning_slugs(tuple(families), data)
    templates = _templates(out)

    def check() -> tuple[tuple[Diagnostic, ...], bool]:
        used, plain = features_read(out.html, slugs)
        found = client_findings(used, out.path, templates, families, data, notes=notes)
        return tuple(found), plain

    reads = (templates, tuple(families), slugs, data, notes)
    yield from remembered(out.html, out.path, reads, check)


def tracking(out: Output) -> Iterator[Diagnostic]:
    """tracking.*: campaign parameters on every tracked link."""
    meta = out.meta
    if out.settings is None:
        return
    values = {
        "campaign": meta.campaign,
        "locale": meta.locale,
        "lang": meta.lang,
        "market": meta.market,
        "variant": meta.variant,
    }
    yield from tracking_findings(out.html, out.path, out.settings, values, _templates(out))
