"""What a template's `_()`, `ngettext()`, `pgettext()` or `npgettext()` call got wrong, in
the designer's words: "KeyError: 'x'" or "new_ngettext() missing 1 required positional
argument: '__num'" named our Python, not the call to fix. The job fails at the template line
(render/template.py locates it) with one of these messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from mailglot.errors import MailglotError

# A % that is neither %% nor %(name): Python reads "50% off" as the conversion "% o"
STRAY_PERCENT = re.compile(r"%(?![%(])")

# How each call is written, for the "write ..." advice: its texts, then the number
EXAMPLES = {
    "_": '_("Watch now")',
    "ngettext": 'ngettext("%(num)d film", "%(num)d films", count)',
    "pgettext": 'pgettext("button", "Watch now")',
    "npgettext": 'npgettext("cart", "%(num)d film", "%(num)d films", count)',
}


# How many texts each call takes before its number (the plural calls) or its values
TEXTS = {"_": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}
TAKES = {
    "_": "one text to translate",
    "ngettext": "the singular, the plural and the number",
    "pgettext": "a context and the text to translate",
    "npgettext": "a context, the singular, the plural and the number",
}
PLURAL = frozenset({"ngettext", "npgettext"})
# A %-conversion after pairs of %%: `%%` is a percent sign and `%(` a named value; any other
# `%` fills in with the whole mapping of values (`%s` shows "{}") or fails
_PERCENT = re.compile(r"%[%(]?")


class GettextCallError(MailglotError, TypeError):
    """A gettext call a template made that cannot give text (a TypeError, as Python's own
    would be, for code that tells them apart)."""


class StrayPercent(ValueError):
    """A text with a % that is neither %% nor %(name)."""


@lru_cache(maxsize=8192)
def lone_percent(text: str) -> bool:
    """Whether `text` has a % that is neither %% nor the start of %(name)."""
    return "%" in text and any(m.group() == "%" for m in _PERCENT.finditer(text))


def stray_percent() -> StrayPercent:
    return StrayPercent("a % that starts no placeholder")


def quoted(text: str, limit: int = 60) -> str:
    """`text` as a template writes a string: in double quotes, cut when long."""
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def not_text(call: str, value: Any) -> GettextCallError:
    """`_(5)`: the text to translate is not text."""
    return GettextCallError(
        f"{call}() takes the text to translate in quotes, got {_shown(value)}: write "
        f"{EXAMPLES[call]}"
    )


def wrong_arguments(call: str, args: tuple[Any, ...]) -> GettextCallError:
    """`_()`, `_("a", "b")`, `pgettext("menu")`: not the texts the call takes (Python said
    "new_gettext() missing 1 required positional argument: '__string'")."""
    given = ", ".join(quoted(a) if isinstance(a, str) else _shown(a) for a in args)
    n = TEXTS[call]
    if len(args) <= n + (call in PLURAL):
        return GettextCallError(f"{call}({given}) takes {TAKES[call]}: write {EXAMPLES[call]}")
    texts = ", ".join(quoted(a) if isinstance(a, str) else _shown(a) for a in args[:n])
    count = ", count" if call in PLURAL else ""
    return GettextCallError(
        f"{call}({given}) takes {TAKES[call]}; a value for the text goes by its name: write "
        f"{call}({texts}{count}, name=...) for %(name)s"
    )


def not_a_number(call: str, texts: tuple[Any, ...], value: Any) -> GettextCallError:
    """`ngettext("a", "b", "3")`, or none as the number (Python said "Plural value must be an
    integer, got str", and only in a translated locale)."""
    given = ", ".join(quoted(t) if isinstance(t, str) else _shown(t) for t in texts)
    if isinstance(value, str):
        got, write = f"the text {_shown(value)}", "count|int) for a number written as text"
    else:
        got, write = "none" if value is None else _shown(value), "count)"
    return GettextCallError(
        f"{call}({given}, ...) needs a whole number to pick the singular or the plural, got "
        f"{got}: write {call}({given}, {write}"
    )


def missing_number(call: str, texts: tuple[str, ...]) -> GettextCallError:
    """`ngettext("a", "b")`: no number to pick the singular or the plural with."""
    given = ", ".join(quoted(t) if isinstance(t, str) else _shown(t) for t in texts)
    return GettextCallError(
        f"{call}({given}) needs the number that picks the singular or the plural: write "
        f"{call}({given}, count)"
    )


def _fills(text: str, variables: Mapping[str, Any]) -> Exception | None:
    if lone_percent(text):
        return stray_percent()
    try:
        Markup(text) % variables
    except (KeyError, ValueError, TypeError) as exc:
        return exc
    return None


def unfilled(
    call: str, texts: tuple[str, ...], variables: Mapping[str, Any], exc: Exception
) -> GettextCallError:
    """The translated text could not be filled in with the call's values. `texts` are the
    msgids (and the context first, for the p- calls, which is never filled in); when they
    all fill in, the translation is what went wrong."""
    msgids = texts[1:] if call.startswith(("p", "np")) else texts
    for msgid in msgids:
        problem = _fills(msgid, variables)
        if problem is not None:
            why = _why(call, texts, msgid, problem)
            return GettextCallError(f"the msgid {_shown(msgid)} {why}")
    return GettextCallError(
        f"the translation of the msgid {_shown(msgids[0])} {_why(call, texts, '', exc)} (the msgid "
        "itself fills in: give the translation the msgid's placeholders)"
    )


def _why(call: str, texts: tuple[str, ...], text: str, exc: Exception) -> str:
    """`text`: the msgid that did not fill in ('' for a translation, not shown)."""
    if isinstance(exc, KeyError):
        name = exc.args[0] if exc.args else "?"
        args = ", ".join(quoted(t) for t in texts)
        count = ", count" if call in ("ngettext", "npgettext") else ""
        return (
            f"needs {name}, which the call does not give: write {call}({args}{count}, {name}=...)"
        )
    message = str(exc)
    if (
        isinstance(exc, StrayPercent)
        or STRAY_PERCENT.search(text)
        or "format character" in message
        or "incomplete" in message
    ):
        return (
            "has a % that starts no placeholder: write %% for a percent sign, %(name)s for a value"
        )
    return f"has a placeholder that does not fit the value given ({message})"
