"""Plan a build as data: one frozen Job per campaign x locale x subject variant.

A job carries everything that decides its output, hashed into `key`; the build compares that
key with the one in the job's meta.json to skip unchanged work (Lektor's lesson: an artifact
that declares its sources can be rebuilt correctly and incrementally).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, meta

from mailglot.calendars import Skip, Timing, campaign_timing
from mailglot.codeprint import code_fingerprint
from mailglot.containment import link_out
from mailglot.errors import ContentError, Diagnostic, UsageError
from mailglot.folders import blocking_folder, not_a_file
from mailglot.i18n.catalog_paths import compiled_why
from mailglot.i18n.catalogs import catalog_files
from mailglot.i18n.environment import base_environment
from mailglot.project.loader import EVENTS_FILE, MARKETS_FILE, SETTINGS_FILE, Project
from mailglot.records import JobPlace
from mailglot.render.assets import AssetNames


@dataclass(frozen=True)
class Selection:
    campaigns: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()

    @property
    def everything(self) -> bool:
        return not (self.campaigns or self.locales or self.markets)


@dataclass(frozen=True)
class Job:
    campaign: str
    locale: str
    variant: str
    market: str
    template: str
    timing: Timing
    inputs: tuple[tuple[str, str], ...]  # (project-relative path, sha256) of every input file
    key: str  # hash of inputs, timing and mailglot's version

    @property
    def place(self) -> JobPlace:
        return JobPlace(self.campaign, self.locale, self.variant)

    @property
    def id(self) -> str:
        """`place.rel`, without making a JobPlace: asked for every job many times a build."""
        return f"{self.campaign}/{self.locale}/{self.variant}"


@dataclass(frozen=True)
class Skipped:
    campaign: str
    market: str
    reason: str


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: dict[str, list[Diagnostic]] = field(default_factory=dict)  # campaign -> why
    # job id -> its input files that cannot be read: planned (so pruning keeps its folder)
    # but not built, its earlier outputs kept
    unreadable: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)  # the planned campaigns' own


UNREADABLE = "unreadable: "  # a digest's prefix for a file that cannot be read, then why


class _Digests:
    """sha256 of each input file, read once per plan."""

    def __init__(self, root: Path):
        self.root = root

    @cache  # noqa: B019 - one instance per plan
    def __call__(self, rel: str) -> str:
        path = self.root / rel
        target = link_out(self.root, path)
        if target is not None:  # never read; the job reports it where the file is used
            return f"outside the project: {target}"
        try:
            if path.suffix == ".mo":  # only a catalog's compiled form (`catalog_files`)
                return f"{UNREADABLE}{compiled_why(self.root, path)}"
            if path.is_file():
                return hashlib.sha256(path.read_bytes()).hexdigest()
            # a folder in its place, or a file in its folder's, fails its jobs (`not_a_file`)
            why = not_a_file(self.root, path)
            return f"{UNREADABLE}{why}" if why else "absent"
        except OSError as exc:  # the plan fails the jobs that use it (`Plan.unreadable`)
            return f"{UNREADABLE}{exc.strerror or exc}"


def _unreadable(root: Path, pairs: Pairs, skip: str = "") -> tuple[Diagnostic, ...]:
    """One pattern for every input a job reads (templates, catalogs): a file that cannot be
    read fails the jobs that use it, located, and keeps their outputs; the other jobs build.
    A file in a folder that cannot be looked into is the folder's error, named once
    (`locales/`, `templates/partials/`): the files are not what to fix, and some of them (a
    language's catalog, kept because nobody can tell it is absent) do not exist.
    `skip`: events.yaml, which the loader reads: when it cannot, the campaigns that use an
    event fail there and the others build."""
    found: dict[Diagnostic, None] = {}
    for rel, digest in pairs:
        if not digest.startswith(UNREADABLE) or rel == skip:
            continue
        why = digest[len(UNREADABLE) :]
        blocked = blocking_folder(root, root / rel)
        if blocked is not None:
            rel, why = blocked[0], blocked[1].removeprefix("cannot read: ")
        message = f"cannot read: {why}; not built, earlier outputs kept"
        found[Diagnostic(rel, None, "unreadable", "error", message)] = None
    return tuple(found)


@lru_cache(maxsize=512)
def _direct_refs(source: str) -> frozenset[str] | None:
    """The templates one source names (None: a dynamic include). Memoised on the source text,
    so `serve` re-parses only the template that was saved, not all of them at every save."""
    try:
        refs = list(meta.find_referenced_templates(_parser().parse(source)))
    except Exception:  # a syntax error surfaces when the job renders
        return frozenset()
    return None if None in refs else frozenset(r for r in refs if r)


@cache
def _parser() -> Environment:
    return base_environment(Path("."))  # parsing needs the settings, never the loader


def template_closure(templates: Path) -> dict[str, set[str]]:
    """Every template and everything it extends, includes or imports, transitively (none
    when templates/ is a link out of the project: no campaign may use them, none is read)."""
    if link_out(templates.parent, templates) is not None:
        return {}
    names = [
        p.relative_to(templates).as_posix()
        for p in templates.rglob("*")
        if p.is_file() and p.suffix in {".j2", ".mjml", ".html", ".txt"} and "assets" not in p.parts
    ]
    direct: dict[str, frozenset[str] | None] = {}
    for name in names:
        if link_out(templates, templates / name) is not None:  # refused when it renders
            direct[name] = frozenset()
            continue
        try:
            direct[name] = _direct_refs((templates / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):  # surfaces when the job renders
            direct[name] = frozenset()
    closure: dict[str, set[str]] = {}
    for name in names:
        seen, todo = {name}, [name]
        while todo:
            # a name not listed (missing, or in a folder that cannot be listed) is in `seen`,
            # so its digest ("absent", "unreadable: ...") is in the key; it names nothing
            refs = direct.get(todo.pop(), frozenset())
            if refs is None:  # a dynamic include: depend on every template
                seen |= set(names)
                break
            for ref in refs - seen:
                seen.add(ref)
                todo.append(ref)
        closure[name] = seen
    return closure


def _check_selection(selection: Selection, project: Project) -> None:
    known_campaigns = set(project.campaigns) | set(project.campaign_errors)
    for kind, asked, known in (
        ("campaign", selection.campaigns, known_campaigns),
        ("locale", selection.locales, set(project.settings.all_locales())),
        ("market", selection.markets, set(project.markets)),
    ):
        for value in asked:
            if value not in known:
                raise UsageError(f"unknown {kind} {value!r}; known: {', '.join(sorted(known))}")


def campaign_locales(project: Project, market: str) -> list[str]:
    built = project.settings.all_locales()
    locales = [loc for loc in project.markets[market].locales if loc in built]
    if market == project.source_market:
        locales += project.settings.pseudo_locales
    return locales


def plan_jobs(project: Project, selection: Selection, today: date, year: int | None = None) -> Plan:
    _check_selection(selection, project)
    plan = Plan(warnings=[w for w in project.warnings if w.path == "mailglot.yaml"])
    inputs = _Inputs(project)
    locales_of: dict[str, list[str]] = {}

    def wanted(values: Iterable[str], chosen: tuple[str, ...]) -> list[str]:
        return [v for v in values if not chosen or v in chosen]

    for cid in wanted(sorted({*project.campaigns, *project.campaign_errors}), selection.campaigns):
        if cid in project.campaign_errors:
            plan.failed[cid] = project.campaign_errors[cid]
            continue
        campaign = project.campaigns[cid]
        plan.warnings += [w for w in project.warnings if w.path == f"campaigns/{cid}.yaml"]
        names_event = campaign.schedule is not None and campaign.schedule.event is not None
        head, head_hash = inputs.of_campaign(cid, campaign.template, names_event)
        # events.yaml: the loader's error fails its users
        head_unread = _unreadable(project.root, head, skip=EVENTS_FILE)
        for market in wanted(project.campaign_markets(campaign), selection.markets):
            try:
                timing = campaign_timing(project, campaign, market, today, year)
            except ContentError as exc:  # an events.yaml rule with no date that year
                plan.failed.setdefault(cid, []).extend(exc.diagnostics)
                continue
            if isinstance(timing, Skip):
                plan.skipped.append(Skipped(cid, market, timing.reason))
                continue
            timed = head_hash.copy()
            timed.update(f"\x01{timing!r}\n".encode())
            if market not in locales_of:  # the same for every campaign
                locales_of[market] = campaign_locales(project, market)
            for locale in wanted(locales_of[market], selection.locales):
                catalogs, catalogs_text = inputs.of_locale(locale)
                digest = timed.copy()
                digest.update(catalogs_text)
                base = digest.hexdigest()  # what the campaign x market x locale's jobs share
                inputs_of_job = head + catalogs
                unread = head_unread + inputs.unreadable_of_locale(locale)
                for variant in campaign.subject:
                    key = _job_key(base, cid, locale, variant, market)
                    if unread:
                        plan.unreadable[f"{cid}/{locale}/{variant}"] = unread
                    plan.jobs.append(
                        Job(
                            cid,
                            locale,
                            variant,
                            market,
                            campaign.template,
                            timing,
                            inputs_of_job,
                            key,
                        )
                    )
    return plan


Pairs = tuple[tuple[str, str], ...]  # (project-relative path, sha256)


class _Inputs:
    """A job's input files with their digests, and their hash: the part every job of a
    campaign shares (settings, calendars, the campaign, its templates) is made once per
    campaign and each locale's catalogs once per plan, not once per job (a plan of 10,000
    jobs has 500 campaigns and 10 locales). The key also covers mailglot's own code."""

    def __init__(self, project: Project) -> None:
        self.root = project.root
        self.digest = _Digests(project.root)
        self.closure = template_closure(project.root / "templates")
        self.assets = AssetNames(project.root)  # asset() fails a job for a name not there
        self.source = project.settings.source_locale
        self.locales: dict[str, tuple[Pairs, bytes]] = {}
        self.locales_unread: dict[str, tuple[Diagnostic, ...]] = {}

    def of_campaign(
        self, cid: str, template: str, names_event: bool
    ) -> tuple[Pairs, hashlib._Hash]:
        """events.yaml is an input of the campaigns that name an event only: an edit there,
        or the file becoming unreadable and readable again, rebuilt every other job too."""
        templates = sorted(f"templates/{t}" for t in self.closure.get(template, {template}))
        calendars = [MARKETS_FILE, EVENTS_FILE] if names_event else [MARKETS_FILE]
        files = [SETTINGS_FILE, *calendars, f"campaigns/{cid}.yaml", *templates]
        pairs = tuple((rel, self.digest(rel)) for rel in files)
        digest = hashlib.sha256(code_fingerprint().encode())
        digest.update(_text(pairs))
        digest.update(self.assets.of(templates))
        return pairs, digest

    def of_locale(self, locale: str) -> tuple[Pairs, bytes]:
        if locale not in self.locales:  # the same few files for every campaign
            files = [
                p.relative_to(self.root).as_posix()
                for p in catalog_files(self.root, locale, self.source)
            ]
            pairs = tuple((rel, self.digest(rel)) for rel in files)
            self.locales[locale] = pairs, b"\x02" + _text(pairs)
            self.locales_unread[locale] = _unreadable(self.root, pairs)
        return self.locales[locale]

    def unreadable_of_locale(self, locale: str) -> tuple[Diagnostic, ...]:
        """After `of_locale`: its catalogs that cannot be read."""
        return self.locales_unread[locale]


def _text(pairs: Pairs) -> bytes:
    return "".join(f"{rel}\0{digest}\n" for rel, digest in pairs).encode()


def _job_key(base: str, *parts: str) -> str:
    return hashlib.sha256("\0".join((base, *parts)).encode()).hexdigest()
