"""The whole per-job pipeline as one pure-ish function: Job in, rendered files and meta out."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC as _UTC
from functools import lru_cache, partial
from pathlib import Path

from mailglot import __version__
from mailglot.checks.preview_text import inbox_preview
from mailglot.containment import link_out, outside_project
from mailglot.errors import Diagnostic
from mailglot.i18n.checks.base import Policy
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.environment import LocaleEnvironment, SharedBytecode, locale_environment
from mailglot.plan import Job
from mailglot.project.loader import Project
from mailglot.records import EventMeta, InboxPreview, JobMeta, JobPlace
from mailglot.render.context import job_context
from mailglot.render.data_origin import data_origin
from mailglot.render.direction import orient_job
from mailglot.render.document import mark_language
from mailglot.render.eml import build_eml, job_envelope
from mailglot.render.inline import inline_css
from mailglot.render.merge import MergeFields
from mailglot.render.merge_tokens import changed_token
from mailglot.render.mjml_validator import MjmlValidator
from mailglot.render.prefix_sub import sub_at_prefix
from mailglot.render.shared_compile import compile_variant
from mailglot.render.template import TemplateFailure, render_mjml
from mailglot.render.text import html_to_text
from mailglot.render.tracking import track_links
from mailglot.render.untrusted_values import OutsideValues, job_texts
from mailglot.render.variant_renders import VariantRenders


@dataclass(frozen=True)
class Rendered:
    files: dict[str, bytes]
    meta: JobMeta  # without findings: the output checks and the review add them
    findings: tuple[Diagnostic, ...] = ()


_USES = ("template_ids", "campaign_ids", "plain_ids", "headers")


def _uses_changed(before: Policy, after: Policy) -> frozenset[str] | None:
    """The msgids whose use (template string, campaign string, shown as written, header) differs
    between two policies, or None when anything else differs."""
    if replace(before, **{f: frozenset() for f in _USES}) != replace(
        after, **{f: frozenset() for f in _USES}
    ):
        return None
    changed: frozenset[str] = frozenset()
    for name in _USES:
        changed |= getattr(before, name) ^ getattr(after, name)
    return changed


class Renderer:
    """Holds what jobs share: the project and one Jinja environment per locale, built once."""

    def __init__(self, project: Project):
        self.project = project
        self._envs: dict[str, LocaleEnvironment] = {}
        self._bytecode = SharedBytecode()
        # each locale's catalog line numbers, with the catalog they were read from
        self._lines: dict[str, tuple[object, dict[tuple[str | None, str], int]]] = {}
        s = project.settings
        self.merge = MergeFields(tuple(s.recipient), s.recipient, s.merge_tags)
        self.policy = project_policy(project)  # what translations may do (checks.disable, l10n)
        self._templates = project.root / "templates"
        self._assets: dict[str, str | None] = {}  # where each asset leads (see local_assets)
        self._validator = MjmlValidator(self.merge.as_tags)  # what Node mjml warns about
        self._outside = OutsideValues(self.merge.as_tags)  # values from outside writing CSS
        self._variants = VariantRenders()  # a job's variants share one template render

    def carry_over(self, previous: Renderer, locales: Iterable[str]) -> None:
        """For `serve`, between two saves: keep the compiled templates (keyed by their source
        text, so an edited template compiles again) and the environments of `locales`, whose
        catalogs and settings the save did not touch, with their template caches emptied.
        A save that changes how the project uses its msgids (a template's new gettext call,
        a subject now taken from the catalog) changes the policy the catalogs were checked
        under: then the catalogs that translate one of those msgids are checked again (a
        campaign's new subject is one msgid; the other catalogs are kept)."""
        self._bytecode = previous._bytecode
        changed = _uses_changed(previous.policy, self.policy)
        if changed is None:
            return
        for locale in locales:
            if locale in previous._envs:
                lenv = previous._envs[locale]
                if changed and any(m in c for _, c in lenv.catalog.catalogs for m in changed):
                    continue
                if lenv.env.cache is not None:
                    lenv.env.cache.clear()
                self._envs[locale] = lenv

    def environment(self, locale: str, market_code: str) -> LocaleEnvironment:
        """Each locale mails one market (pseudo-locales borrow the source's), so the locale
        alone keys the environment; the market gives its currency and time zone."""
        if locale not in self._envs:
            market = self.project.markets[market_code]
            self._envs[locale] = locale_environment(
                self.project.root,
                locale,
                self.project.settings.source_locale,
                market.currency,
                market.timezone,
                self._bytecode,
                self.policy,
                market.digits,
            )
        return self._envs[locale]

    def render(self, job: Job) -> Rendered:
        lenv = self.environment(job.locale, job.market)
        lenv.catalog.start_job()  # start this job's record (missing, looked up) afresh
        context = job_context(
            job, self.project, lenv.info, lenv.gettext, self.merge, lenv.env.filters, lenv.catalog
        )
        try:
            mjml = render_mjml(
                lenv.env,
                job.template,
                context,
                self._templates,
                self.project.settings.render.timeout_s,
                partial(self._variants.render, job=job),
            )
        except TemplateFailure as failure:  # a wrong value typed in data: at its line
            campaign = self.project.campaigns[job.campaign]
            raise TemplateFailure(
                data_origin(
                    failure.diagnostic,
                    failure.__context__,
                    self.project.root,
                    job.campaign,
                    campaign.data,
                )
            ) from None
        mangled = changed_token(mjml, self.merge, lenv.env, job.template)
        if mangled is not None:  # a filter upper-cased a merge field: no tag would be filled
            raise TemplateFailure(mangled)
        mjml, sides = orient_job(mjml, lenv.info, lenv.env, job.template)  # start/end, lang/dir
        compiled = compile_variant(mjml)  # the job's variants compile once
        compiled = track_links(compiled, self.project.settings, job, lenv.info.lang)  # tracking:
        text = html_to_text(compiled)  # same words; the un-inlined HTML parses faster
        html = inline_css(compiled, self.project.settings.inliner)
        html = mark_language(html, lenv.info.lang, lenv.info.dir)  # whatever the template wrote
        findings = [*lenv.catalog.job_findings(), *self._missing(job, lenv), *sides]
        findings += self._validator.findings(lenv.env, job.template, mjml)
        outside = partial(_outside, job, context, lenv)
        read_as = self._validator.last
        assert read_as is not None and read_as[0] is mjml
        refused = self._outside.refused(lenv.env, job.template, read_as, outside)
        if refused is not None:  # a value from data or a translation that would write CSS
            raise TemplateFailure(refused)

        email_html = self.merge.as_tags(html)
        email_bytes = email_html.encode()
        text_bytes = self.merge.as_tags(text).encode()  # meta.json measures the files
        preview_html = self.merge.as_samples(html, escape=True)
        subject, preheader = context["subject"], context["preheader"]
        subject_preview = self.merge.as_samples(subject, escape=False)
        eml = build_eml(
            job_envelope(self.project.settings, job, subject_preview, lenv.info.lang),
            text=self.merge.as_samples(text, escape=False),
            html=preview_html,
        )
        meta = job_meta(
            job,
            lenv,
            subject=self.merge.as_tags(subject),
            subject_preview=subject_preview,
            preheader=self.merge.as_tags(preheader),
            preheader_preview=self.merge.as_samples(preheader, escape=False),
            event_name=context["event"]["name"] if context["event"] else None,
            sizes=(len(email_bytes), len(text_bytes)),
            inbox=inbox_preview(preview_html),  # what inboxes show, sample values filled
        )
        preview_html, outside = local_assets(
            preview_html, self.project.settings.assets_base_url, self.project.root, self._assets
        )
        files = {
            "email.mjml": self.merge.as_tags(mjml).encode(),
            "email.html": email_bytes,
            "preview.html": preview_html.encode(),
            "email.txt": text_bytes,
            "email.eml": eml,
        }
        return Rendered(files, meta, (*findings, *outside))

    def _missing(self, job: Job, lenv: LocaleEnvironment) -> list[Diagnostic]:
        missing = lenv.catalog.recorder.take_missing()
        if not missing:
            return []
        rel = f"locales/{job.locale}/LC_MESSAGES/messages.po"
        lines = self._catalog_lines(job.locale, lenv)
        out = []
        plural_sources = lenv.catalog.recorder.plural_sources
        for context, msgid in missing:
            ctx = f" [{context}]" if context else ""
            why = f"untranslated: {msgid!r}{ctx}"
            if (context, msgid) in plural_sources:
                why = (
                    f"{msgid!r}{ctx}: the catalog translates the plural"
                    f" {plural_sources[context, msgid]!r}, not the template's"
                    " (`mailglot update` brings the catalog up to date)"
                )
            out.append(
                Diagnostic(
                    rel,
                    lines.get((context, msgid)),
                    "l10n.missing",
                    "warning",
                    f"{why}; the source text is used",
                )
            )
        return out

    def _catalog_lines(
        self, locale: str, lenv: LocaleEnvironment
    ) -> dict[tuple[str | None, str], int]:
        """Where each message is in the locale's catalog, read once per catalog object (most
        jobs of an unfinished locale have a missing string, and reading every message for
        each was ~0.1 ms a job); an environment made again has a new catalog, read anew."""
        cached = self._lines.get(locale)
        if cached is None or cached[0] is not lenv.catalog:
            cached = self._lines[locale] = (lenv.catalog, _catalog_lines(lenv))
        return cached[1]


PREVIEW_TO_ASSETS = JobPlace.to_project_root() + "templates/assets/"
_ASSET_PATH = r"""([^"'()\s?#]*)"""  # what follows assets_base_url, up to a quote or query


# A translation's placeholders: what it says around them is what came from outside
_PLACEHOLDER = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}"
)


# Punctuation and space alone between placeholders write no CSS of their own ("%(a)s; %(b)s",
# the Greek question mark ';'): what could must come with words
_PUNCTUATION = " \t\n\r\f;,.:!?¿¡·"


def translated_pieces(form: str) -> list[str]:
    """What a translator wrote between a translation's placeholders, but for pieces of
    punctuation and space alone (a lone ';' between values is punctuation)."""
    return [piece for piece in _PLACEHOLDER.split(form) if piece.strip(_PUNCTUATION)]


def _outside(job: Job, context: dict, lenv: LocaleEnvironment) -> Iterable[tuple[str, str]]:
    """The job's texts from outside the team (render/untrusted_values.py). A translation is
    given form by form (a plural's every form) and piece by piece between its placeholders,
    since the email has it filled: each piece is the translator's."""
    looked_up = []
    for ctx, msgid in sorted(lenv.catalog.looked_up, key=lambda k: (k[0] or "", k[1])):
        for _, catalog in lenv.catalog.catalogs:
            message = catalog.get(msgid, ctx)
            if message is None or message.fuzzy or not any(message.string):
                continue
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            for form in forms:
                looked_up += [(msgid, piece) for piece in translated_pieces(form)]
            break
    return job_texts(job.campaign, context, looked_up)


def job_meta(
    job: Job,
    lenv: LocaleEnvironment,
    *,
    subject: str,
    subject_preview: str,
    preheader: str,
    preheader_preview: str,
    event_name: str | None,
    sizes: tuple[int, int],
    inbox: InboxPreview | None = None,
) -> JobMeta:
    """meta.json's record, findings and review still to come."""
    timing = job.timing
    send_at = timing.send_at
    event = None
    if timing.event is not None and event_name is not None:
        occurrence = timing.event
        event = EventMeta(occurrence.id, event_name, occurrence.date.isoformat(), timing.days_left)
    return JobMeta(
        campaign=job.campaign,
        locale=job.locale,
        market=job.market,
        variant=job.variant,
        template=job.template,
        lang=lenv.info.lang,
        dir=lenv.info.dir,
        subject=subject,
        subject_preview=subject_preview,
        preheader=preheader,
        preheader_preview=preheader_preview,
        send_at=send_at.isoformat() if send_at else None,
        send_at_utc=send_at.astimezone(_UTC).isoformat().replace("+00:00", "Z")
        if send_at
        else None,
        event=event,
        send_note=timing.note,
        html_bytes=sizes[0],
        text_bytes=sizes[1],
        inputs=job.inputs,
        key=job.key,
        mailglot=__version__,
        inbox=inbox,
    )


def local_assets(
    html: str, base_url: str, root: Path, verdicts: dict[str, str | None] | None = None
) -> tuple[str, list[Diagnostic]]:
    """Previews and screenshots must not need the network: asset URLs under the project's
    `assets_base_url` point at `templates/assets/` instead (the delivered HTML and the .eml keep
    the CDN address). An asset that is a link out of the project keeps its CDN address in the
    preview too (so no browser reads it from disk) and is an error at the asset's path.
    `verdicts` remembers where each asset leads (None: inside) for the renderer's lifetime,
    one build: every job of a campaign shows the same pictures, each looked up with an lstat
    per folder on its way."""
    if not base_url:
        return html, []
    prefix = base_url if base_url.endswith("/") else base_url.rsplit("/", 1)[0] + "/"
    if prefix not in html:  # no asset: the pattern's scan of a 20 kB preview took ~0.03 ms
        return html, []
    assets = root / "templates" / "assets"
    outside: dict[str, Diagnostic] = {}
    known = {} if verdicts is None else verdicts

    def local(match: re.Match[str]) -> str:
        rel = match.group(1)
        if rel in known:
            target = known[rel]
        else:
            target = known[rel] = link_out(root, assets / rel)
        if target is None:
            return PREVIEW_TO_ASSETS + rel
        where = f"templates/assets/{rel}"
        outside[rel] = Diagnostic(where, None, "asset.outside", "error", outside_project(target))
        return match.group(0)

    return sub_at_prefix(_asset_urls(prefix), prefix, local, html), list(outside.values())


@lru_cache(maxsize=16)
def _asset_urls(prefix: str) -> re.Pattern[str]:
    return re.compile(re.escape(prefix) + _ASSET_PATH)


def _catalog_lines(lenv: LocaleEnvironment) -> dict[tuple[str | None, str], int]:
    out: dict[tuple[str | None, str], int] = {}
    for _, catalog in lenv.catalog.catalogs[:1]:
        for message in catalog:
            msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            out[(message.context, msgid)] = message.lineno
    return out
