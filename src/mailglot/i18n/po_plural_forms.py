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
) -> tuple[list[Diagnostic], bool, str | None]:
    """What is wrong with the header's Plural-Forms, whether plural translations can be
    used, and the rule assumed for a file with no header entry (Babel must be given it before
    it reads the entries, see `strict_po.new_catalog`). `lines` are edited in place where
    Babel would read a rule it cannot use: a broken rule is blanked (the language's own is
    used), a missing one written in. `plural_line` is the first plural entry's line (None
    when the file has none)."""
    out: list[Diagnostic] = []
    header = _header(lines)
    found = header.field("plural-forms")
    if found is None:
        return out, True, _no_plural_forms(lines, rel, out, header, plural_line)
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
        return out, False, None
    language = _language(header, rel)
    counts = plural_counts(language[0]) if language else None
    count = _nplurals(header)
    if language is None or counts is None or count is None or count in counts.accepted:
        return out, True, None
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
    return out, True, None


def _no_plural_forms(
    lines: list[str], rel: str, out: list[Diagnostic], header: _Header, plural_line: int | None
) -> str | None:
    """No Plural-Forms field while plural entries need one (msgfmt -c refuses such a file):
    gettext's rule for the language is assumed, else CLDR's, and written into the header
    Babel reads (on the line of its last string, so no line moves); the translator is told.
    With no header entry at all, the rule is returned, for Babel to be given: it took CLDR's
    (3 forms for French, where the catalog's translators, like gettext, wrote 2)."""
    language = _language(header, rel)
    counts = plural_counts(language[0]) if language else None
    assumed = None
    if plural_line is None or language is None or counts is None:
        return None
    if header.msgid_line is not None and header.last is not None:
        line = lines[header.last - 1].rstrip()
        body = _LAST_STRING.search(line)
        ended = body is None or body.group(1) == "" or body.group(1).endswith("\\n")
        end = "" if ended else "\\n"  # the last field's line break, when it has none
        lines[header.last - 1] = f'{line[:-1]}{end}Plural-Forms: {counts.rule}\\n"'
        missing, where, fix = "no Plural-Forms header", header.msgid_line, "in the header"
    else:
        assumed = counts.rule
        missing, where, fix = "no header entry", plural_line, 'in a header (msgid "")'
    out.append(
        Diagnostic(
            rel,
            where,
            "catalog.plural-forms.language",
            "warning",
            f'{missing}; assumed "{counts.rule}", {counts.source} rule for {counts.name} '
            f"({language[1]}): write the rule the plural translations follow {fix}, "
            f'e.g. "Plural-Forms: {counts.rule}\\n"',
        )
    )
    return assumed


# Characters no header field may hold: Python's email parser, which Babel reads the fields
# with, stops at the first line it cannot read, so one NUL loses every field after it
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check_header_controls(lines: list[str], rel: str) -> list[Diagnostic]:
    """A control character in the header's lines: an error at its line (`update` then
    refuses to rewrite the catalog rather than replace the header with the template's), and
    the header is read without it, so its fields and its plural rule still count."""
    header = _header(lines)
    if header.msgid_line is None:
        return []
    out: list[Diagnostic] = []
    for n in range(header.msgid_line, (header.last or header.msgid_line) + 1):
        found = _CONTROL.search(lines[n - 1])
        if found is None:
            continue
        if not out:
            out.append(
                Diagnostic(
                    rel,
                    n,
                    "catalog.syntax",
                    "error",
                    f"the header holds the control character {found.group()!r} (a damaged "
                    "file?); gettext's tools cannot read its fields: delete it",
                )
            )
        lines[n - 1] = _CONTROL.sub("", lines[n - 1])
    return out
