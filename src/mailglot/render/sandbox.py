"""Where templates run: Jinja's sandbox, files only from templates/, and a time limit.

Templates are copied between projects and edited by many hands, so they get no more power
than a designer needs: no Python internals (`cycler.__init__.__globals__`), no file outside
`templates/` (a symlink that points elsewhere is refused, not followed), no value so large it
takes the machine's memory, and no loop that runs past `render.timeout_s`.
"""

from __future__ import annotations

import operator
import os
import types
from collections.abc import Callable
from dataclasses import dataclass
from functools import update_wrapper
from typing import Any, NoReturn

from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound, Undefined
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range
from jinja2.utils import _PassArg, internalcode
from markupsafe import Markup

from mailglot.containment import resolves_inside
from mailglot.render.bounds import (
    MAX_BUILT,
    STR_METHODS,
    BoundedEscapeFormatter,
    BoundedFormatter,
    bounded_filters,
    bounded_join,
    bounded_lipsum,
    check_percent,
)
from mailglot.render.imported import LookupRecord, ReplayingTemplate
from mailglot.render.watchdog import RenderTimeout as RenderTimeout  # its first home
from mailglot.render.watchdog import time_limit as time_limit

MAX_EXPONENT = 4096  # 2 ** 4096 is already a 1,233-digit number
# What a dict's attribute names are (a dict has no instance attributes): `data.x` on a dict
# is the item `x` unless `x` is one of these, as Jinja's sandbox reads it
_DICT_NAMES = frozenset(dir(dict))


class BadTemplateFile(TemplateNotFound):
    """A template file that may not or cannot be used: outside templates/ once links are
    followed, or not UTF-8 text. Its message names the file."""


class ContainedLoader(FileSystemLoader):
    """FileSystemLoader already refuses `..`; this also refuses symlinks that lead out."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.root = os.path.realpath(folder)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise BadTemplateFile(
                template,
                f"templates/{template} is not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); "
                "save it as UTF-8",
            ) from None
        if not resolves_inside(self.root, filename):
            raise BadTemplateFile(
                template,
                f"templates/{template} leads outside templates/ (a link to "
                f"{os.path.realpath(filename)}); copy the file into templates/ instead",
            )
        return source, filename, uptodate


@dataclass(frozen=True)
class Asked:
    """What a template asked for that is not there: `name` of `obj` (`data.pric`: the data
    mapping and 'pric'), or a bare name (`obj` is Jinja's `missing`); `hint`: Jinja's own
    words when it has them (an unsafe attribute, an empty sequence's first item)."""

    obj: Any
    name: Any
    hint: str | None


class ReportedUndefined(StrictUndefined):
    """StrictUndefined whose error carries what was asked of what (`error.asked`), so the
    job's failure can name the setting to add (`render.unset`), not "'dict object' has no
    attribute 'twitter'". Its repr fails too: a filter that shows the value it got (the
    currency filter's 'got Undefined') tells the missing setting instead."""

    __slots__ = ()

    @internalcode
    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        error = self._undefined_exception(self._undefined_message)
        error.asked = Asked(self._undefined_obj, self._undefined_name, self._undefined_hint)
        raise error


# Jinja binds its failing operators (`__str__`, `__add__`, `__bool__`...) to the base class's
# function when the class is made: they are bound to this one's again.
for _owner in (StrictUndefined, Undefined):
    for _name, _value in vars(_owner).items():
        if _value is Undefined._fail_with_undefined_error and _name not in vars(ReportedUndefined):
            setattr(ReportedUndefined, _name, ReportedUndefined._fail_with_undefined_error)
ReportedUndefined.__repr__ = ReportedUndefined._fail_with_undefined_error  # type: ignore[method-assign,assignment]


def _bounded_binop(op: str, left: Any, right: Any) -> Any:
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            if (
                isinstance(seq, (str, list, tuple))
                and isinstance(n, int)
                and len(seq) * n > MAX_BUILT
            ):
                raise SecurityError(
                    f"'*' would build {len(seq) * n:,} items; templates may build at most "
                    f"{MAX_BUILT:,}"
                )
        return operator.mul(left, right)
    if op == "%":
        if isinstance(left, str):
            check_percent(left, right)
        return operator.mod(left, right)
    if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
        raise SecurityError(f"exponent {right} is too large (at most {MAX_EXPONENT})")
    return operator.pow(left, right)


class TemplateSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with '*', '**' and '%' bounded (constant folding skips them
    too), and every filter, string method and format spec that takes a size checked
    (`render.bounds`)."""

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = ReplayingTemplate
    lookup_record: LookupRecord | None = None  # a locale's catalog: see `render.imported`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bounded_filters(self.filters)
        self.globals["lipsum"] = bounded_lipsum(self.globals["lipsum"])
        # our own callables, called straight: function -> whether it takes the context
        self.trusted_calls: dict[Callable[..., Any], bool] = {safe_range: False}

    def trust(self, function: Callable[..., Any]) -> None:
        """`function` (mailglot's, safe to call, never a template's) is called without the
        sandbox's check and Jinja's dispatch: the same call with the same arguments. Only a
        plain function marked `pass_context` or with no Jinja mark may be trusted."""
        if not isinstance(function, types.FunctionType) or not self.is_safe_callable(function):
            raise TypeError(f"{function!r} cannot be called straight")
        mark = getattr(function, "jinja_pass_arg", None)
        if mark is not None and mark is not _PassArg.context:
            raise TypeError(f"{function!r} takes {mark}, not the context")
        self.trusted_calls[function] = mark is not None

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Jinja's sandboxed call; a trusted function (`trust`) is called straight. A
        context-taking one gets the template's context itself, where Jinja may hand a copy
        holding the block's or loop's variables: the trusted ones read only its settings
        (`eval_ctx`), which the copy shares."""
        takes_context = (
            __self.trusted_calls.get(__obj) if type(__obj) is types.FunctionType else None
        )
        if takes_context is None:  # Jinja's own, inline: a recursion's frames stay as many
            if not __self.is_safe_callable(__obj):
                raise SecurityError(f"{__obj!r} is not safely callable")
            return __context.call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            if takes_context:
                return __obj(__context, *args, **kwargs)
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's: an attribute, else the item; on a dict whose attribute names do not
        include `attribute`, the item without first failing to find the attribute."""
        if type(obj) is dict and attribute not in _DICT_NAMES:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return _bounded_binop(operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja hands every attribute it returns through here; string methods that take a
        size come back checked (Jinja's own version only sandboxes `format`)."""
        owner = getattr(value, "__self__", None)
        if not isinstance(value, (types.MethodType, types.BuiltinMethodType)) or not isinstance(
            owner, str
        ):
            return None
        name = value.__name__
        if name in ("format", "format_map"):
            return _bounded_format(self, owner, value)
        if name == "join":
            return bounded_join(value)
        check = STR_METHODS.get(name)
        if check is None:
            return None

        def run(*args: Any, **kwargs: Any) -> Any:
            check(owner, args, kwargs)
            return value(*args, **kwargs)

        return update_wrapper(run, value)


def _bounded_format(env: TemplateSandbox, owner: str, method: Any) -> Callable[..., str]:
    """Jinja's sandboxed `str.format` / `format_map`, with each format spec checked."""
    formatter = (
        BoundedEscapeFormatter(env, escape=owner.escape)
        if isinstance(owner, Markup)
        else BoundedFormatter(env)
    )
    is_map = method.__name__ == "format_map"

    def run(*args: Any, **kwargs: Any) -> str:
        if is_map:
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one mapping")
            args, kwargs = (), args[0]
        return type(owner)(formatter.vformat(owner, args, kwargs))

    return update_wrapper(run, method)
