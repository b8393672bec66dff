"""Running the checks on a catalog: one function for the build and for `l10n-status`, so both
report the same findings with the same codes and lines, and refuse the same strings.

Policy, in order: the checks run on every translated form; `checks.disable` silences a code
(it is then neither reported nor enforced) unless the code is protected; a translator comment
`# mailglot-accept: CODE, CODE` on an entry accepts those codes for that entry alone, again
unless protected. A string with an error left is refused: the source text is used.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, lru_cache

from babel.messages.catalog import Catalog, Message

from mailglot.errors import Diagnostic, silence
from mailglot.i18n.checks import lengths, usage
from mailglot.i18n.checks.base import Finding, Pair, Policy
from mailglot.i18n.checks.registry import CHECKS, CODES
from mailglot.i18n.checks.verdicts import Verdicts, entry_key

ACCEPT = re.compile(r"^\s*mailglot-accept:\s*(.*)$")
SAMPLE_NUMBERS = (*range(0, 1001), 10**6, 2 * 10**6, 10**9)


@cache
def form_numbers(plural_expr: str) -> dict[int, frozenset[int]]:
    """Which sample numbers each plural form is used for, by the catalog's Plural-Forms."""
    try:
        rule = gettext.c2py(plural_expr)
    except (ValueError, SyntaxError):
        return {}
    seen: dict[int, set[int]] = {}
    try:
        for n in SAMPLE_NUMBERS:
            seen.setdefault(rule(n), set()).add(n)
    except (ArithmeticError, RecursionError):  # `n % 0`: strict_po reports the header
        return {}
    return {form: frozenset(ns) for form, ns in seen.items()}


@lru_cache(maxsize=1024)
def single_number_forms(plural_expr: str, nplurals: int) -> frozenset[int]:
    """The plural forms CLDR uses for exactly one number (English `one`, Arabic `zero`, `one`,
    `two`): those may leave the number out ("un épisode"), as msgfmt -c allows."""
    return frozenset(
        form for form, ns in form_numbers(plural_expr).items() if len(ns) == 1 and form < nplurals
    )


@lru_cache(maxsize=1024)
def often(numbers: frozenset[int]) -> bool:
    """A form used for many numbers (more than 5 of 0..1000, as msgfmt -c counts): Russian
    form 0 (1, 21, 31...), the one Japanese form. Such a form says "%(count)s series", so it is
    checked against msgid_plural and must keep every placeholder."""
    return sum(1 for n in numbers if n <= 1000) > 5


def form_sources(message: Message, catalog: Catalog) -> tuple[str, ...]:
    """What each plural form is compared with: msgid for a form used for 1 and few other
    numbers (English `one`, French 0 and 1), msgid_plural for any other (Russian form 0, used
    for 1, 21, 31..., and Japanese's single form included)."""
    ids = tuple(message.id)
    numbers = form_numbers(catalog.plural_expr)
    out = []
    for i in range(len(message.string) if isinstance(message.string, (list, tuple)) else 1):
        ns = numbers.get(i)
        if ns is None:  # no rule to read, or a form beyond it: the first form is the singular
            out.append(ids[0] if i == 0 else ids[-1])
        else:
            out.append(ids[0] if 1 in ns and not often(ns) else ids[-1])
    return tuple(out)


@lru_cache(maxsize=1024)
def also_for(plural_expr: str, form: int) -> str:
    """The numbers a form for 1 and many others is used for, as a translator is told them:
    "every number" (Japanese), "1, 21, 31, 41..." (Russian form 0); "" for any other form."""
    numbers = form_numbers(plural_expr)
    ns = numbers.get(form, frozenset())
    if 1 not in ns or not often(ns):
        return ""
    if len(numbers) == 1:
        return "every number"
    return ", ".join(str(n) for n in sorted(ns)[:4]) + "..."


def source_text(message: Message, catalog: Catalog) -> str | tuple[str, ...]:
    """What a refused entry becomes: the source text itself, so the email shows it and the build
    does not call the string untranslated. Each plural form gets the source it is checked
    against (`form_sources`): a form for many numbers (the one Japanese form, Russian form 0)
    the plural source, which keeps the count, and the English singular only a form for 1 and
    few other numbers. (An empty form would not do: the catalog is compiled with each empty
    form filled with msgid for form 0, so Japanese would say "One series" for 3.)"""
    if not message.pluralizable:
        return message.id
    return form_sources(message, catalog)


def string_formats(message: Message, policy: Policy) -> tuple[bool, bool]:
    """(%-formatted, `{name}`-filled), from where the project uses the msgid (`usage`)."""
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return usage.formats(msgid, policy)


def pairs(message: Message, catalog: Catalog, policy: Policy) -> Iterator[Pair]:
    percent, brace = string_formats(message, policy)
    if message.pluralizable:
        ids = tuple(message.id)
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        forms = tuple(strings)
        single = single_number_forms(catalog.plural_expr, catalog.num_plurals)
        sources = form_sources(message, catalog)
        for i, text in enumerate(forms):
            if text:
                yield Pair(
                    sources[i] if i < len(sources) else ids[-1],
                    text,
                    policy,
                    ids[0],
                    ids,
                    i,
                    i in single,
                    forms,
                    catalog.num_plurals,
                    from_templates=percent,
                    braced=brace,
                    also_for=also_for(catalog.plural_expr, i),
                )
    elif message.string:
        yield Pair(
            message.id, message.string, policy, message.id, from_templates=percent, braced=brace
        )


def accepted(message: Message) -> list[str]:
    """Codes a translator accepted for this entry with `# mailglot-accept: CODE, CODE`."""
    out = []
    for comment in message.user_comments:
        m = ACCEPT.match(comment)
        if m:
            out += [c for c in re.split(r"[\s,]+", m.group(1)) if c]
    return out


def message_label(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    short = msgid if len(msgid) <= 50 else msgid[:47] + "..."
    ctx = f" [{message.context}]" if message.context else ""
    return f"{short!r}{ctx}"


def _findings(message: Message, catalog: Catalog, policy: Policy) -> list[tuple[Finding, str]]:
    """(finding, where) for every check the message fails; only `catalog.too-long` for an
    entry with a string too long to check, unless the entry accepts the code or the project
    disables it."""
    too_long = lengths.oversized(message)
    if too_long is not None and not lengths.checked_anyway(accepted(message), policy.disabled):
        return [(Finding(lengths.CODE, too_long), "")]
    out: list[tuple[Finding, str]] = []
    for pair in pairs(message, catalog, policy):
        where = f" (plural form {pair.form})" if pair.form is not None else ""
        found = [f for check in CHECKS for f in check(pair)]
        if any(f.code == "catalog.blank" for f in found):  # the others would only repeat it
            found = [f for f in found if f.code in ("catalog.blank", "catalog.plural-forms")]
        # the plural-forms finding is the entry's, not the form's it is reported on
        out += [(f, "" if f.code == "catalog.plural-forms" else where) for f in found]
        if any(f.code == "catalog.plural-forms" for f, _ in out):
            return out  # the wrong number of forms makes the per-form checks meaningless
    return out


def check_message(message: Message, catalog: Catalog, rel: str, policy: Policy) -> list[Diagnostic]:
    """The findings of one translated, non-fuzzy entry, after `checks.disable` and the
    entry's accept comment. Checked once per process for the same entry under the same
    policy (`verdicts`); the file and the entry's line are put on the findings each time.
    An entry with a string too long to check is refused unread (`lengths`), and never kept
    in the memo."""
    if lengths.oversized(message) is not None:
        verdict = _verdict(message, catalog, policy)
    else:
        key = entry_key(message, catalog, policy, string_formats(message, policy))
        verdict = VERDICTS.get(key, lambda: _verdict(message, catalog, policy))
    return [replace(d, path=rel, line=message.lineno) for d in verdict]


VERDICTS: Verdicts[tuple[Diagnostic, ...]] = Verdicts()


def _verdict(message: Message, catalog: Catalog, policy: Policy) -> tuple[Diagnostic, ...]:
    """`check_message` without a file or a line (both filled in by the caller)."""
    label = message_label(message)
    accept = accepted(message)
    out: list[Diagnostic] = []
    for finding, where in _findings(message, catalog, policy):
        code = CODES[finding.code]
        if finding.code in accept and not code.protected:
            continue
        used = "; the source text is used" if code.severity == "error" else ""
        text = f"{label}: {finding.text}{where}{used}"
        out.append(Diagnostic("", None, finding.code, code.severity, text))
    for name in dict.fromkeys(accept):
        problem = _accept_problem(name)
        if problem:
            out.append(Diagnostic("", None, "catalog.accept", "warning", f"{label}: {problem}"))
    return tuple(silence(list(dict.fromkeys(out)), policy.disabled))


def _accept_problem(code: str) -> str | None:
    if code not in CODES:
        return f"mailglot-accept: unknown code {code!r}"
    if CODES[code].protected:
        return (
            f"mailglot-accept: {code} protects the email and cannot be accepted; "
            "the string stays refused"
        )
    return None


def fuzzy_finding(message: Message, rel: str, policy: Policy) -> list[Diagnostic]:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    if not any(strings):
        return []
    found = Diagnostic(
        rel,
        message.lineno,
        "catalog.fuzzy",
        "warning",
        f"{message_label(message)}: fuzzy, so not used (the source text is shown) until a "
        "translator reviews it",
    )
    return silence([found], policy.disabled)


def is_refused(found: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in found)


def screen_catalog(catalog: Catalog, rel: str, policy: Policy | None = None) -> list[Diagnostic]:
    """Report every problem, and drop every translation with an error left (the source text
    is used). Fuzzy entries are reported too, since gettext never uses them."""
    policy = for_catalog(policy or Policy(), catalog)
    out: list[Diagnostic] = list(policy.warnings)
    for message in list(catalog):
        if not message.id:
            continue
        if message.fuzzy:
            out += fuzzy_finding(message, rel, policy)
            continue
        found = check_message(message, catalog, rel, policy)
        out += found
        if is_refused(found):
            message.string = source_text(message, catalog)
    return out


def for_catalog(policy: Policy, catalog: Catalog) -> Policy:
    locale = str(catalog.locale) if catalog.locale else policy.locale
    return replace(policy, locale=locale)
