"""A `.po` file's Plural-Forms header, checked against gettext and the catalog's language.

Split from `strict_po`: the header decides whether any plural translation can be used, and
is judged against the language's plural counts (gettext's and CLDR's, `plural_rules`) rather
than read line by line as the entries are.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import lru_cache

from babel.messages.plurals import get_plural

from mailglot.errors import Diagnostic
from mailglot.i18n.plural_rules import plural_counts

_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
_LAST_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"$')
_FOLDER = re.compile(r"(?:^|/)locales/([^/]+)/LC_MESSAGES/")


@lru_cache(maxsize=256)
def plural_forms_problem(value: str) -> str | None:
    """Why a Plural-Forms header value is not a usable gettext rule (None when it is).
    Remembered: each catalog reload asks it again of the same few headers."""
    m = _PLURAL_FORMS.match(value)
    if not m:
        return "expected the form 'nplurals=2; plural=(n > 1);'"
    count = int(m.group(1))
    try:
        rule = gettext.c2py(m.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return f"{m.group(2)!r} is not a plural expression gettext understands"
    if not 1 <= count <= 6:
        return f"nplurals={count}: a language has between 1 and 6 plural forms"
    for n in range(1001):
        try:
            form = rule(n)
        except ZeroDivisionError:  # `n % 0`, `n / (n-n)`: gettext's own function fails too
            return f"the plural rule divides by zero for n = {n}"
        except (ArithmeticError, RecursionError, ValueError, TypeError) as exc:
            return f"the plural rule fails for n = {n} ({type(exc).__name__})"
        if not 0 <= form < count:
            return f"for n={n} the rule picks form {form}, but nplurals={count}"
    return None


@dataclass
class _Header:
    """The header entry: its `msgid ""` line (None when the file has none), its `Name: value`
    fields, each with the line numbers it is written on (Babel folds a long Plural-Forms over
    two lines), and the line of its msgstr's last string."""

    msgid_line: int | None = None
    fields: list[tuple[str, list[int]]] = field(default_factory=list)
    last: int | None = None

    def field(self, name: str) -> tuple[str, list[int]] | None:
        for field_text, spans in self.fields:
            key, _, value = field_text.partition(":")
            if key.strip().lower() == name:
                return value, spans
        return None


def _header(lines: list[str]) -> _Header:
    header = _Header()
    text, spans = "", []
    in_msgstr = False
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            if in_msgstr:
                break
            continue
        if line.startswith("msgstr"):
            in_msgstr, line = True, line[len("msgstr") :].strip()
        elif line.startswith("msgid") and not in_msgstr:
            header.msgid_line = n if line[len("msgid") :].strip() == '""' else None
            continue
        elif line.startswith("#") or not in_msgstr:
            continue
        if not _STRING.fullmatch(line):
            break
        piece = line.strip()[1:-1]
        text += piece
        if piece:
            spans.append(n)
        header.last = n
        if "\\n" in text[-len(piece) - 1 :]:  # only the new piece can end a field
            *ended, text = text.split("\\n")
            for field_text in ended:
                header.fields.append((field_text, list(spans)))
                spans = [n]
            spans = [n] if text else []
    return header


def header_nplurals(lines: list[str]) -> int | None:
    """nplurals of the header's Plural-Forms, when it reads as a rule."""
    return _nplurals(_header(lines))


def _nplurals(header: _Header) -> int | None:
    found = header.field("plural-forms")
    m = _PLURAL_FORMS.match(found[0]) if found else None
    return int(m.group(1)) if m else None


def _language(header: _Header, rel: str) -> tuple[str, str] | None:
    """The catalog's locale and where it was read: its `Language:` field, else its folder."""
    found = header.field("language")
    if found and found[0].strip():
        return found[0].strip(), f"Language: {found[0].strip()}"
    m = _FOLDER.search(rel)
    return (m.group(1), f"folder {m.group(1)}") if m else None


def check_plural_forms(
    lines: list[str], rel: str, plural_line: int | None
) -> tuple[list[Diagnostic], bool]:
    """What is wrong with the header's Plural-Forms, and whether plural translations can be
    used. `lines` are edited in place where Babel would read a rule it cannot use: a broken
    rule is blanked (the language's own is used), a missing one written in. `plural_line` is
    the first plural entry's line (None when the file has none)."""
    out: list[Diagnostic] = []
    header = _header(lines)
    found = header.field("plural-forms")
    if found is None:
        _no_plural_forms(lines, rel, out, header, plural_line)
        return out, True
    value, spans = found
    problem = plural_forms_problem(value)
    if problem:
        language = _language(header, rel)
        counts = plural_counts(language[0]) if language else None
        rule = f' (in {counts.name}: "Plural-Forms: {counts.rule}\\n")' if counts else ""
        out.append(
            Diagnostic(
                rel,
                spans[0],
                "catalog.plural-forms",
                "error",
                f"Plural-Forms: {problem}; plural translations are not used until it is "
                f"fixed{rule}",
            )
        )
        for n in spans:  # Babel would fail on it; the language's own rule is used
            lines[n - 1] = '""'
        return out, False
    language = _language(header, rel)
    counts = plural_counts(language[0]) if language else None
    count = _nplurals(header)
    if language is None or counts is None or count is None or count in counts.accepted:
        return out, True
    out.append(
        Diagnostic(
            rel,
            spans[0],
            "catalog.plural-forms.language",
            "warning",
            f"Plural-Forms: nplurals={count}, but {counts.describe(language[1])}; the "
            f"header's rule is used: if the catalog is in {counts.name}, write "
            f'"Plural-Forms: {counts.rule}\\n"',
        )
    )
    return out, True


def _no_plural_forms(
    lines: list[str], rel: str, out: list[Diagnostic], header: _Header, plural_line: int | None
) -> None:
    """No Plural-Forms field while plural entries need one (msgfmt -c refuses such a file):
    gettext's rule for the language is assumed, else CLDR's, and written into the header
    Babel reads (on the line of its last string, so no line moves); the translator is told."""
    language = _language(header, rel)
    counts = plural_counts(language[0]) if language else None
    if plural_line is None or language is None or counts is None:
        return
    if header.msgid_line is not None and header.last is not None:
        line = lines[header.last - 1].rstrip()
        body = _LAST_STRING.search(line)
        ended = body is None or body.group(1) == "" or body.group(1).endswith("\\n")
        end = "" if ended else "\\n"  # the last field's line break, when it has none
        lines[header.last - 1] = f'{line[:-1]}{end}Plural-Forms: {counts.rule}\\n"'
        where, rule, source = header.msgid_line, counts.rule, counts.source
    else:  # no header entry: Babel takes CLDR's rule for the locale
        plural = get_plural(language[0].replace("-", "_"))
        where, rule, source = plural_line, str(plural.plural_forms), "CLDR's"
    out.append(
        Diagnostic(
            rel,
            where,
            "catalog.plural-forms.language",
            "warning",
            f'no Plural-Forms header; assumed "{rule}", {source} rule for {counts.name} '
            f"({language[1]}): write the rule the plural translations follow in the header, "
            f'e.g. "Plural-Forms: {rule}\\n"',
        )
    )
