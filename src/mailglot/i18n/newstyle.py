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
from jinja2.runtime import Context
from markupsafe import Markup

from mailglot.i18n.gettext_calls import missing_number, unfilled

_NO_NUMBER: Any = object()  # ngettext("a", "b") without the number: named, not a TypeError


@lru_cache(maxsize=8192)
def _formatted(text: str) -> Markup:
    """`Markup(text) % {}`: Jinja always formats, so `%%` in a translation shows as `%`."""
    return Markup(text) % {}


def _finish(context: Context, rv: str, variables: dict[str, Any], call: str, *texts: str) -> str:
    """`call` and `texts` (the call's name and its text arguments) only name the mistake when
    the text cannot be filled in with `variables` (gettext_calls.py)."""
    try:
        if context.eval_ctx.autoescape:
            if not variables:
                return _formatted(rv)
            return Markup(rv) % variables
        return rv % variables
    except (KeyError, ValueError, TypeError) as exc:
        raise unfilled(call, texts, variables, exc) from None


def install_newstyle(
    env: Environment,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    pgettext: Callable[[str, str], str],
    npgettext: Callable[[str, str, str, int], str],
) -> None:
    """What `env.install_gettext_callables(..., newstyle=True)` installs, `_` included."""

    @pass_context
    def new_gettext(__context: Context, __string: str, **variables: Any) -> str:
        return _finish(__context, gettext(__string), variables, "_", __string)

    @pass_context
    def new_ngettext(
        __context: Context,
        __singular: str,
        __plural: str,
        __num: Any = _NO_NUMBER,
        **variables: Any,
    ) -> str:
        if __num is _NO_NUMBER:
            raise missing_number("ngettext", (__singular, __plural))
        variables.setdefault("num", __num)
        rv = ngettext(__singular, __plural, __num)
        return _finish(__context, rv, variables, "ngettext", __singular, __plural)

    @pass_context
    def new_pgettext(__context: Context, __string_ctx: str, __string: str, **variables: Any) -> str:
        variables.setdefault("context", __string_ctx)
        rv = pgettext(__string_ctx, __string)
        return _finish(__context, rv, variables, "pgettext", __string_ctx, __string)

    @pass_context
    def new_npgettext(
        __context: Context,
        __string_ctx: str,
        __singular: str,
        __plural: str,
        __num: Any = _NO_NUMBER,
        **variables: Any,
    ) -> str:
        if __num is _NO_NUMBER:
            raise missing_number("npgettext", (__string_ctx, __singular, __plural))
        variables.setdefault("context", __string_ctx)
        variables.setdefault("num", __num)
        rv = npgettext(__string_ctx, __singular, __plural, __num)
        return _finish(__context, rv, variables, "npgettext", __string_ctx, __singular, __plural)

    env.newstyle_gettext = True  # type: ignore[attr-defined]  # how {% trans %} compiles
    env.globals.update(
        gettext=new_gettext,
        _=new_gettext,
        ngettext=new_ngettext,
        pgettext=new_pgettext,
        npgettext=new_npgettext,
    )
