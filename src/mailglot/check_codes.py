"""Which codes `checks.disable` may name, so a typo is told at its line in mailglot.yaml:
`disable: [no-such-check]` silenced nothing, without a word.

The translation checks register their codes (i18n/checks/registry.py); the catalog codes made
while a file is read are listed here. The other families make their sub-codes as they find
them (`links.https`, `layout.overflow`, `client.css-grid`), so any code in those families is
taken. tests/test_checks_disable.py holds these lists to the registries and to every code
the source writes out.
"""

from __future__ import annotations

import difflib

from mailglot.i18n.checks.registry import CODES

# catalog codes made outside the translation checks (reading, status, places)
_READING = (
    "catalog.charset",
    "catalog.syntax",
    "catalog.duplicate",
    "catalog.missing",
    "catalog.unlisted",
    "catalog.plural-forms.language",
)
CATALOG_CODES = frozenset(CODES) | frozenset(_READING)
# families whose codes are made as findings are found: the output checks
# (checks/registry.py), the layout checks (shots/layout.py), templates, MJML, spam, status,
# and the build's own (its state, a job that failed inside mailglot)
OPEN_FAMILIES = frozenset(
    {
        "a11y",
        "asset",
        "build-state",
        "calendar",
        "config",
        "extract",
        "internal",
        "serve",
        "unreadable",
        "client",
        "i18n",
        "l10n",
        "layout",
        "legal",
        "links",
        "mjml",
        "output",
        "preheader",
        "project",
        "schema",
        "shots",
        "size",
        "spam",
        "subject",
        "template",
        "tracking",
        "yaml",
    }
)


def unknown_code(code: str) -> str | None:
    """Why `code` names no check mailglot reports, with the closest code; None when it does
    (a family such as `catalog.placeholders` names the codes under it)."""
    family = code.split(".")[0]
    if family in OPEN_FAMILIES:
        return None
    if any(known == code or known.startswith(code + ".") for known in CATALOG_CODES):
        return None
    if code in ALIASES:
        return f"unknown check code {code!r}; did you mean {ALIASES[code]!r}?"
    choices = sorted(OPEN_FAMILIES | CATALOG_CODES)
    close = difflib.get_close_matches(code, choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f" (codes look like links or {_EXAMPLE})"
    return f"unknown check code {code!r}{hint}"


_EXAMPLE = "catalog.fuzzy"
# Natural names of a check filed under another family, whose spelling is closest to an
# unrelated code: `catalog.untranslated` was told 'catalog.unlisted' (a catalog no locale
# lists); the untranslated strings are l10n.missing
ALIASES = {
    "catalog.untranslated": "l10n.missing",
    "catalog.missing-translation": "l10n.missing",
    "catalog.missing-translations": "l10n.missing",
    "untranslated": "l10n.missing",
    "catalog.stale": "l10n.stale",
}
