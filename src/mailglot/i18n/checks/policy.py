"""The project's translation policy, read once from mailglot.yaml and the campaigns.

Disabling a protected code cannot work (the string would still be refused, or it would be
unsafe to use), so it becomes a warning located at the `checks.disable` entry that names it,
pointing at what the project may loosen instead.
"""

from __future__ import annotations

from mailglot.errors import PROTECTED_CODES, Diagnostic
from mailglot.i18n.checks import attribute_use, usage
from mailglot.i18n.checks.base import Policy
from mailglot.project.loader import SETTINGS_FILE, Project
from mailglot.project.settings import Settings
from mailglot.project.settings_terms import term_names, term_spellings
from mailglot.project.yamlfile import load_yaml


def project_policy(project: Project) -> Policy:
    settings = project.settings
    headers = set()
    for campaign in project.campaigns.values():
        headers |= set(campaign.subject.values())
        if campaign.preheader:
            headers.add(campaign.preheader)
    terms = protected_terms(settings)
    sources = usage.template_sources(project.root)
    campaign_ids = usage.campaign_ids(project.campaigns.values())
    plain_ids = frozenset(event.name for event in project.events.values())
    return Policy(
        locale=settings.source_locale,
        source_locale=settings.source_locale,
        disabled=tuple(settings.checks.disable),
        keep_as_is=tuple(dict.fromkeys([*settings.l10n.keep_as_is, *terms])),
        protected_terms=terms,
        term_spellings=term_spellings(settings.l10n.protected_terms or []),
        allowed_links=tuple(settings.l10n.allowed_links),
        typographic_tags=frozenset(settings.l10n.typographic_tags),
        merge_style=settings.merge_tags,
        headers=frozenset(headers),
        template_ids=usage.template_ids(project.root, sources),
        campaign_ids=campaign_ids,
        plain_ids=plain_ids,
        attribute_uses=attribute_use.attribute_uses(sources, campaign_ids | plain_ids),
        sources_known=True,
        warnings=tuple(disable_warnings(project)),
    )


def protected_terms(settings: Settings) -> tuple[str, ...]:
    """`l10n.protected_terms`, or the brand's name when the project lists none: brand names are
    almost never translated, so a project is checked for its own without asking (`[]`: none)."""
    listed = settings.l10n.protected_terms
    if listed is None:
        name = " ".join(settings.brand.name.split())
        return (name,) if any(c.isalnum() for c in name) else ()
    return tuple(dict.fromkeys(term_names(listed)))


def disable_warnings(project: Project) -> list[Diagnostic]:
    disabled = project.settings.checks.disable
    if not any(_covers(code, p) for code in disabled for p in PROTECTED_CODES):
        return []
    doc = load_yaml(project.root / SETTINGS_FILE, project.root)
    out = []
    for i, code in enumerate(disabled):
        covered = sorted(p for p in PROTECTED_CODES if _covers(code, p))
        if covered:
            out.append(
                Diagnostic(
                    SETTINGS_FILE,
                    doc.line_of(("checks", "disable", i)),
                    "config.protected",
                    "warning",
                    f"checks.disable: {', '.join(covered)} protect(s) the email and cannot be "
                    "disabled: such translations are still refused and reported. To allow "
                    "localized links set l10n.allowed_links, for <sup>, <em>... set "
                    "l10n.typographic_tags; a translator accepts other codes for one entry "
                    "with `# mailglot-accept: CODE`",
                )
            )
    return out


def _covers(disabled: str, code: str) -> bool:
    return code == disabled or code.startswith(disabled + ".")
