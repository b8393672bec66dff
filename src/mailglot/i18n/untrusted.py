"""Translations are data from outside the team: screened once when read, escaped where used.

Screening looks at the text a reader (or a sending platform, or the text part) finally sees,
that is after character references are decoded: `&#123;&#123;unsubscribe_url&#125;&#125;` is
`{{unsubscribe_url}}` to the text part and to every step that decodes entities, so it is refused
like the plain form. Tags and comments are removed too, as the text part and an inbox
remove them: `<em>{</em>%(name)s` shows `{` against the name, `{{{first_name}}` once it is a
merge field, which Handlebars cannot parse. Control characters (NUL, ESC, CR...) and line
breaks the source text does not have are refused too: in a subject they would split the
mail header.

Escaping is decided where a string is used: a translation that goes into HTML keeps only the
tags its msgid has (the markup check sees to that) and has its quotes written as character
references, so it cannot leave an attribute value (`title="{{ _('Poster') }}"`); subjects and
preheaders stay plain text, escaped by Jinja in HTML and encoded by the email library in
headers.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from babel.messages.catalog import Catalog, Message
from markupsafe import Markup

from mailglot.errors import Diagnostic

# Merge tags of every supported platform and the template syntax they share with Jinja:
# handlebars/liquid `{{ }}` `{% %}` `{# #}`, mailchimp `*| |*`. `[[ ]]` is no supported
# platform's syntax, so plain text may use it (`[[HH:]MM:]ss` in a format hint).
CODE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\*\||\|\*")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # CR and LF: below
# Start and end tags, comments, doctypes: the parts of a translation that are markup. A
# comment or doctype holds no "<" (as checks.base.TAG reads them: linear on many "<!").
TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?>|<[!?][^<>]*>")
# Outside its tags, a translation is text: quotes become references (it may sit in an
# attribute value) and so do `<` and `>`, which as text would start markup no HTML reader
# agrees on (`moins de < 3 jours` stopped MRML's parser and failed the job).
_TEXT = {ord('"'): "&#34;", ord("'"): "&#39;", ord("<"): "&lt;", ord(">"): "&gt;"}


def decoded(text: str) -> str:
    """What the text reads as once every layer of character references is decoded."""
    for _ in range(4):  # `&amp;#123;` is `&#123;` after one step and `{` after two
        plain = html.unescape(text)
        if plain == text:
            break
        text = plain
    return text


# A placeholder as a translation writes it: `%(name)s`, `%s`, `{name}` (`%%` is a percent and
# is skipped). Filled with a merge field it becomes `{{ name }}` or `*|NAME|*`, which a `{` or
# `|` before it or a `}` or `|` after it joins (render/placeholders.py refuses the same in
# campaign text).
_PLACEHOLDER = re.compile(
    r"%%|(%(?:\([^()]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[A-Za-z_][A-Za-z0-9_]*\})"
)
_MAY_JOIN = re.compile(r"[{}|]")
_MAY_SHOW_SYNTAX = re.compile(r"[{}|&]")


def _against(text: str) -> Counter[tuple[str, str, str]]:
    """(placeholder, character before it, character after it) for each placeholder written
    against a `{` or `|` before it or a `}` or `|` after it ('' for a side that has none)."""
    out: Counter[tuple[str, str, str]] = Counter()
    for m in _PLACEHOLDER.finditer(text):
        if m.group(1) is None:
            continue
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        before = before if before and before in "{|" else ""
        after = after if after and after in "}|" else ""
        if before or after:
            out[(m.group(1), before, after)] += 1
    return out


def _escape_control(text: str) -> str:
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def visible(text: str) -> str:
    """What a reader sees of `text`: its tags and comments removed, then its character
    references decoded. The text part and an inbox show `<em>{</em>%(name)s` as `{` against
    the name, which becomes `{{{first_name}}` once the name is a merge field."""
    return decoded(TAG.sub("", text)) if "<" in text else decoded(text)


def injection_problems(source: str, translation: str) -> Iterator[str]:
    """Why `translation` may not stand in for `source` in any context (none when it may).

    The text is judged as written (references decoded) and, when it has markup, as shown
    once the markup is removed. A small, pure function so the translation checks
    (`l10n-status`) can call it too."""
    src, dst = decoded(source), decoded(translation)
    # with markup, judged as shown too, when what is left could hold syntax (every piece of
    # it has a brace or a pipe, or a reference to one)
    bare = TAG.sub("", translation) if "<" in translation else translation
    marked = bare != translation and _MAY_SHOW_SYNTAX.search(bare) is not None
    shown_src, shown = (visible(source), decoded(bare)) if marked else (src, dst)
    found = _syntax(src, dst)
    how = " once character references are decoded" if found and dst != translation else ""
    if not found and marked:
        found = _syntax(shown_src, shown)
        decoding = " and character references decoded" if shown != bare else ""
        how = " once markup is removed" + decoding
    if found:
        yield (
            f"template or merge-tag syntax {' '.join(found)}{how} (translations are text, "
            "never code)"
        )
    elif _MAY_JOIN.search(dst):
        yield from _against_problems(src, dst, (shown_src, shown) if marked else None)
    elif marked and _MAY_JOIN.search(shown):
        yield from _against_problems(src, dst, (shown_src, shown))
    controls = []
    if CONTROL.search(dst):
        controls = sorted(set(CONTROL.findall(dst)) - set(CONTROL.findall(src)))
    if controls:
        yield f"control characters {_escape_control(''.join(controls))} (never shown, never sent)"
    for brk, name in (("\r", "carriage return (CR)"), ("\n", "line break (LF)")):
        if brk in dst and brk not in src:
            yield f"a {name} the source text does not have (it would split a subject header)"


def _syntax(source: str, translation: str) -> list[str]:
    """The merge-tag or template syntax `translation` has and `source` has not (the source is
    read only for a translation with some)."""
    if CODE_SYNTAX.search(translation) is None:
        return []
    return sorted(set(CODE_SYNTAX.findall(translation)) - set(CODE_SYNTAX.findall(source)))


def _against_problems(src: str, dst: str, shown: tuple[str, str] | None) -> Iterator[str]:
    """A brace or pipe against a placeholder the source has not, as written or (when only
    then) once markup is removed (`shown`: both texts so, when the translation has markup)."""
    written = _against(dst) - _against(src)
    seen = written
    if shown is not None:
        seen = written + ((_against(shown[1]) - _against(shown[0])) - written)
    for placeholder, before, after in seen:
        chars = " and ".join(f"'{c}'" for c in (before, after) if c)
        how = "" if (placeholder, before, after) in written else " once markup is removed"
        made = before + "{{" + _name(placeholder) + "}}" + after
        yield (
            f"{chars} written against {placeholder}{how}, where the source has none: filled "
            f"with a merge field it joins the merge tag's syntax ({made}); leave a space "
            "or other text between them (translations are text, never code)"
        )


def _name(placeholder: str) -> str:
    """`name` for `%(name)s` and `{name}`; `value` for `%s`."""
    if placeholder.startswith("{"):
        return placeholder[1:-1]
    if placeholder.startswith("%("):
        return placeholder[2 : placeholder.index(")")] or "value"
    return "value"


def _forms(message: Message) -> list[tuple[str, str]]:
    """(source, translation) for every translated form of a message."""
    ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return [(ids[min(i, len(ids) - 1)], s) for i, s in enumerate(strings) if s]


def form_problems(forms: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """What `injection_problems` says of every form, each said once; remembered per process
    (bounded), so reloading a catalog after a save re-screens only the entries that changed.
    An entry of long strings is not remembered: 50,000 of them could hold gigabytes."""
    if sum(len(src) + len(dst) for src, dst in forms) > REMEMBERED:
        return _problems(forms)
    return _remembered(forms)


def _problems(forms: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p for src, dst in forms for p in pair_problems(src, dst)))


def pair_problems(source: str, translation: str) -> tuple[str, ...]:
    """`injection_problems` as a tuple, remembered for the last pairs of short strings: the
    translation checks (`check_syntax`) ask it of every entry of a catalog, then the build's
    screen of the same entries (a catalog's worth of short pairs: a few MB at most)."""
    if len(source) + len(translation) > PAIR_REMEMBERED:
        return tuple(injection_problems(source, translation))
    return _pair_problems(source, translation)


PAIR_REMEMBERED = 1_000  # characters of a pair, at most, for its screen to be kept


@lru_cache(maxsize=16_384)
def _pair_problems(source: str, translation: str) -> tuple[str, ...]:
    return tuple(injection_problems(source, translation))


REMEMBERED = 20_000  # characters of an entry's strings, at most, for its screen to be kept
_remembered = lru_cache(maxsize=50_000)(_problems)
form_problems.cache_clear = _remembered.cache_clear  # type: ignore[attr-defined]


def screen_untrusted(catalog: Catalog, rel: str) -> list[Diagnostic]:
    """Refuse (and report at the `.po` line) every translation that could inject; the source
    text is used instead. Runs after the translation checks, on what they kept."""
    out: list[Diagnostic] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        problems = form_problems(tuple(_forms(message)))
        if not problems:
            continue
        msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        label = repr(msgid if len(msgid) <= 50 else msgid[:47] + "...")
        for problem in problems:
            out.append(
                Diagnostic(
                    rel,
                    message.lineno,
                    "catalog.syntax-injection",
                    "error",
                    f"{label}: {problem}; the source text is used",
                )
            )
        message.string = ("",) * len(message.string) if message.pluralizable else ""
    return out


def as_html(text: str) -> Markup:
    """A screened translation as HTML that is safe in element text and in quoted attribute
    values alike: its tags (the msgid's own) are kept; quotes, `<` and `>` in its text
    become references."""
    out, last = [], 0
    for m in TAG.finditer(text):
        out.append(text[last : m.start()].translate(_TEXT))
        out.append(m.group())
        last = m.end()
    out.append(text[last:].translate(_TEXT))
    return Markup("".join(out))
