"""The list of translation checks, in the order their findings are listed for one string, and
the table of the codes they report (severity, protection, the hint `l10n-status` prints)."""

from __future__ import annotations

from mailglot.errors import PROTECTED_CODES
from mailglot.i18n.checks.bare_hosts import check_host_links
from mailglot.i18n.checks.base import Check, Code
from mailglot.i18n.checks.double_spaces import check_double_spaces
from mailglot.i18n.checks.french import check_french_spacing
from mailglot.i18n.checks.hidden import check_invisible
from mailglot.i18n.checks.lookalikes import check_lookalikes
from mailglot.i18n.checks.placeholder_numbers import check_placeholder_numbers
from mailglot.i18n.checks.safety import (
    check_braces,
    check_markup,
    check_placeholders,
    check_plural_forms,
    check_syntax,
)
from mailglot.i18n.checks.style import (
    check_doubled_words,
    check_end_punctuation,
    check_line_breaks,
    check_unchanged,
    check_whitespace,
)
from mailglot.i18n.checks.terms import check_terms
from mailglot.i18n.checks.text import (
    check_blank,
    check_entities,
    check_links,
    check_number_reading,
    check_numbers,
)
from mailglot.i18n.checks.typographic import check_typographic

# In the order findings are listed for one string.
CHECKS: tuple[Check, ...] = (
    check_plural_forms,
    check_blank,
    check_markup,
    check_typographic,
    check_syntax,
    check_placeholders,
    check_braces,
    check_numbers,
    check_placeholder_numbers,
    check_number_reading,
    check_links,
    check_host_links,  # also catalog.links: host names written without https://
    check_terms,
    check_invisible,
    check_lookalikes,
    check_entities,
    check_line_breaks,
    check_whitespace,
    check_double_spaces,
    check_doubled_words,
    check_unchanged,
    check_end_punctuation,
    check_french_spacing,
)

CODES: dict[str, Code] = {
    "catalog.markup": Code(
        "error",
        "keep exactly the tags of the source text; links may point only where "
        "l10n.allowed_links allows",
    ),
    "catalog.markup.missing": Code("error", "put back the source's tags around the right words"),
    "catalog.syntax-injection": Code(
        "error", "remove the {{ }}, {% %}, *| |*, control characters or line breaks"
    ),
    "catalog.placeholders.unknown": Code(
        "error", "use only the source's placeholders, spelled exactly as in the source"
    ),
    "catalog.placeholders.percent": Code(
        "error",
        "copy the source's conversions (%(name)s stays %(name)s); a literal % is %% in a "
        "template string, a single % in a subject, preheader or campaign string",
    ),
    "catalog.braces": Code("error", "write a literal { or } twice: {{ or }}"),
    "catalog.placeholders.missing": Code(
        "error",
        "copy the missing placeholder, as the source writes it ({name} or %(name)s), where it "
        "belongs in the sentence",
    ),
    "catalog.plural-forms": Code(
        "error",
        "translate every plural form the header's Plural-Forms asks for, no more; a header "
        "gettext cannot use: write the language's rule the message gives",
    ),
    "catalog.numbers": Code(
        "error", "keep every number of the source (your locale's digits and separators are fine)"
    ),
    "catalog.numbers.misread": Code(
        "error", "write the number with your locale's separators (French 1 500, German 1.500)"
    ),
    "catalog.links": Code(
        "error", "keep the source's URLs and addresses, or use one l10n.allowed_links allows"
    ),
    "catalog.terms": Code(
        "warning",
        "write the name exactly as the source does (l10n.protected_terms): not translated, "
        "respelt, re-cased or dropped",
    ),
    "catalog.invisible": Code(
        "error", "delete the invisible character (retype the word if you cannot see it)"
    ),
    "catalog.lookalikes": Code(
        "error", "retype the word on your keyboard: a letter of another alphabet looks the same"
    ),
    "catalog.blank": Code(
        "error",
        "write the translation in visible words, or leave it empty until it is translated",
    ),
    "catalog.entities": Code("error", "write the character itself (&, <, é), not its escape"),
    "catalog.line-breaks": Code("warning", "use as many line breaks as the source text"),
    "catalog.whitespace": Code("warning", "start and end the translation as the source does"),
    "catalog.double-spaces": Code(
        "warning", "delete the extra space, or run `mailglot l10n-status --fix` (keeps one)"
    ),
    "catalog.doubled-words": Code("warning", "delete the repeated word"),
    "catalog.unchanged": Code(
        "warning",
        "translate it, or add the words to l10n.keep_as_is if they stay in the source language",
    ),
    "catalog.end-punctuation": Code(
        "warning", "end the sentence as the source does, with your language's mark"
    ),
    "catalog.french-spacing": Code(
        "warning", "run `mailglot l10n-status --fix`, or type a no-break space before the mark"
    ),
    "catalog.too-long": Code(
        "error",
        "split the text into shorter strings; a string this long on purpose: accept it with "
        "`# mailglot-accept: catalog.too-long` and it is checked in full",
    ),
    "catalog.fuzzy": Code("warning", "review the translation, then remove the fuzzy flag"),
    "catalog.accept": Code(
        "warning", "name a code that may be accepted in the `# mailglot-accept:` comment"
    ),
}
CODES = {
    code: Code(c.severity, c.hint, protected=code in PROTECTED_CODES) for code, c in CODES.items()
}
