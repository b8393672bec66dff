"""Jinja's new-style gettext callables, made as `jinja2.ext` makes them but cheaper to call.

A template's `_("...")` cost ~18 us: Jinja's wrapper calls our gettext through the sandbox
again (`Context.call`, a second safety check of our own function), then formats the result
with `Markup(rv) % variables` even when there are no variables. These wrappers call our
functions directly (they are ours, not the template's, so the sandbox has nothing to check)
and remember the formatted Markup of a translation used without variables, which depends on
its text alone. The results are the same objects' values as Jinja's (`tests/test_newstyle.py`
compares them with `jinja2.ext`'s own wrappers).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context, Undefined
from markupsafe import Markup

from mailglot.i18n.gettext_calls import (
    lone_percent,
    missing_number,
    not_a_number,
    stray_percent,
    unfilled,
    wrong_arguments,
)

_NO_NUMBER: Any = object()  # ngettext("a", "b") without the number: named, not a TypeError


@lru_cache(maxsize=8192)
def _formatted(text: str) -> Markup:
    """`Markup(text) % {}`: Jinja always formats, so `%%` in a translation shows as `%`."""
    return Markup(text) % {}


# (translation, its values with their types) -> the filled Markup: a `{% trans %}` with
# values fills the same values into the same text in every job of a campaign and locale
_FILLED: dict[tuple[Any, ...], Markup] = {}
_FILLED_SIZE = 4096
_KEYED = frozenset({str, Markup, int})  # values a key may hold: their type and value tell
# all that filling them in reads (a float's -0.0 equals 0.0; other objects may change)


def _filled(rv: str, variables: dict[str, Any]) -> Markup:
    """`Markup(rv) % variables`, remembered when every value is a str, Markup or int."""
    key: list[Any] = [rv]
    for name, value in variables.items():
        kind = type(value)
        if kind not in _KEYED:
            return Markup(rv) % variables
        key.append((name, kind, value))
    keyed = tuple(key)
    found = _FILLED.get(keyed)
    if found is None:
        found = Markup(rv) % variables
        if len(_FILLED) >= _FILLED_SIZE:
            _FILLED.clear()
        _FILLED[keyed] = found
    return found


def _finish(context: Context, rv: str, variables: dict[str, Any], call: str, *texts: str) -> str:
    """`call` and `texts` (the call's name and its text arguments) only name the mistake when
    the text cannot be filled in with `variables` (gettext_calls.py). A lone `%s` fills in
    with the whole mapping of values ("{} items"), which Python does not refuse: we do."""
    try:
        if lone_percent(rv):
            raise stray_percent()
        if context.eval_ctx.autoescape:
            if not variables:
                return _formatted(rv)
            return _filled(rv, variables)
        return rv % variables
    except (KeyError, ValueError, TypeError) as exc:
        raise unfilled(call, texts, variables, exc) from None


def _number(call: str, texts: tuple[str, ...], num: Any) -> Any:
    """The number a plural call picks its form with: one gettext cannot use (text, none) is
    named with the call, in every locale (the source locale's lookup compared it with 1 and
    took the plural without a word)."""
    if num is _NO_NUMBER:
        raise missing_number(call, texts)
    if isinstance(num, Undefined):  # "'count' is undefined", as any other use of it says
        num._fail_with_undefined_error()
    try:
        round(num)  # what gettext asks of it
    except TypeError:
        raise not_a_number(call, texts, num) from None
    return num


def install_newstyle(
    env: Environment,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    pgettext: Callable[[str, str], str],
    npgettext: Callable[[str, str, str, int], str],
) -> None:
    """What `env.install_gettext_callables(..., newstyle=True)` installs, `_` included."""

    @pass_context
    def new_gettext(__context: Context, *args: Any, **variables: Any) -> str:
        if len(args) != 1:
            raise wrong_arguments("_", args)
        return _finish(__context, gettext(args[0]), variables, "_", args[0])

    @pass_context
    def new_ngettext(__context: Context, *args: Any, **variables: Any) -> str:
        if not 2 <= len(args) <= 3:
            raise wrong_arguments("ngettext", args)
        singular, plural = args[0], args[1]
        num = _number("ngettext", (singular, plural), args[2] if len(args) == 3 else _NO_NUMBER)
        variables.setdefault("num", num)
        rv = ngettext(singular, plural, num)
        return _finish(__context, rv, variables, "ngettext", singular, plural)

    @pass_context
    def new_pgettext(__context: Context, *args: Any, **variables: Any) -> str:
        if len(args) != 2:
            raise wrong_arguments("pgettext", args)
        string_ctx, string = args
        variables.setdefault("context", string_ctx)
        rv = pgettext(string_ctx, string)
        return _finish(__context, rv, variables, "pgettext", string_ctx, string)

    @pass_context
    def new_npgettext(__context: Context, *args: Any, **variables: Any) -> str:
        if not 3 <= len(args) <= 4:
            raise wrong_arguments("npgettext", args)
        texts = args[:3]
        num = _number("npgettext", texts, args[3] if len(args) == 4 else _NO_NUMBER)
        variables.setdefault("context", texts[0])
        variables.setdefault("num", num)
        rv = npgettext(*texts, num)
        return _finish(__context, rv, variables, "npgettext", *texts)

    env.newstyle_gettext = True  # type: ignore[attr-defined]  # how {% trans %} compiles
    env.globals.update(
        gettext=new_gettext,
        _=new_gettext,
        ngettext=new_ngettext,
        pgettext=new_pgettext,
        npgettext=new_npgettext,
    )
    trust = getattr(env, "trust", None)  # the sandbox calls them straight: they are ours
    if trust is not None:
        for function in (new_gettext, new_ngettext, new_pgettext, new_npgettext):
            trust(function)
