"""Size limits on what a template may ask Python to build, checked before it is built.

The sandbox's time limit stops a loop, but not one call that allocates gigabytes at once:
`{{ 'x'|center(10**9) }}`, `'{:>1000000000}'.format(x)` or `'%1000000000s' % x` fill the
machine's memory long before any timer fires. Every filter, string method and format spec
that takes a width, a count or a precision is checked here first; a width over `MAX_WIDTH`
or a result over `MAX_BUILT` is a SecurityError, which fails that job at the template line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from jinja2.sandbox import SandboxedEscapeFormatter, SandboxedFormatter, SecurityError

MAX_BUILT = 10_000_000  # characters or items one operation may build: 10 MB of text is plenty
MAX_WIDTH = 10_000  # a width, indent, precision or length; no email line comes close
MAX_LIPSUM_WORDS = 100_000

_NUMBER = re.compile(r"\d+")
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_width(what: str, width: Any) -> None:
    if _is_int(width) and width > MAX_WIDTH:
        raise SecurityError(f"{what}: {width:,} is too large (at most {MAX_WIDTH:,})")
    if isinstance(width, str) and len(width) > MAX_WIDTH:
        raise SecurityError(
            f"{what}: {len(width):,} characters is too large (at most {MAX_WIDTH:,})"
        )


def check_built(what: str, size: int) -> None:
    if size > MAX_BUILT:
        raise SecurityError(
            f"{what} would build {size:,} characters; templates may build at most {MAX_BUILT:,}"
        )


def check_format_spec(spec: str) -> None:
    """A `str.format` spec (`>1000000000`, `.1000000000f`): every width and precision."""
    for number in _NUMBER.findall(spec):
        check_width(f"format spec {spec!r}", int(number))


def check_percent(template: str, values: Any) -> None:
    """`'%10s' % x` and the `format` filter: widths and precisions, also those given by `*`."""
    for match in _PERCENT_SPEC.finditer(template):
        for number in match.groups():
            if number == "*":
                given = values if isinstance(values, tuple) else (values,)
                for value in given:
                    check_width(f"'*' in {match.group(0)!r}", value)
            elif number is not None:
                check_width(f"{match.group(0)!r}", int(number))


class _Bounded(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec)  # nested fields ({:>{w}}) are filled in by now
        return super().format_field(value, format_spec)


class BoundedFormatter(_Bounded, SandboxedFormatter):
    """The sandbox's `str.format`, with every (nested) format spec checked."""


class BoundedEscapeFormatter(_Bounded, SandboxedEscapeFormatter):
    """The same for `Markup.format`, which escapes its arguments."""


def _width_arg(name: str, key: str) -> Callable[[Any, tuple, dict], None]:
    def check(_: Any, args: tuple, kwargs: dict) -> None:
        check_width(name, args[0] if args else kwargs.get(key))

    return check


def _replace(s: Any, args: tuple, kwargs: dict) -> None:
    old, new = [*args, None, None][:2]
    old, new = kwargs.get("old", old), kwargs.get("new", new)
    if isinstance(s, str) and isinstance(old, str) and isinstance(new, str):
        grows = s.count(old) if old else len(s) + 1
        check_built("replace", len(s) + grows * max(0, len(new) - len(old)))


def _expandtabs(s: Any, args: tuple, kwargs: dict) -> None:
    size = args[0] if args else kwargs.get("tabsize", 8)
    check_width("expandtabs", size)
    if isinstance(s, str) and _is_int(size):
        check_built("expandtabs", len(s) + s.count("\t") * size)


# What each sized string method checks before it runs: (the string, args, kwargs) -> None.
STR_METHODS: dict[str, Callable[[Any, tuple, dict], None]] = {
    "center": _width_arg("center", "width"),
    "ljust": _width_arg("ljust", "width"),
    "rjust": _width_arg("rjust", "width"),
    "zfill": _width_arg("zfill", "width"),
    "expandtabs": _expandtabs,
    "replace": _replace,
}


def join_size(separator: str, items: list[Any]) -> int:
    return sum(len(str(item)) for item in items) + len(separator) * max(0, len(items) - 1)


def bounded_join(join: Callable[..., Any]) -> Callable[..., Any]:
    """`str.join` with the joined size checked first (the items are listed once, then joined)."""

    @wraps(join)
    def run(items: Iterable[Any]) -> Any:
        listed = list(items)
        check_built("join", join_size(str(getattr(join, "__self__", "")), listed))
        return join(listed)

    return run


def bounded_filters(filters: dict[str, Callable[..., Any]]) -> None:
    """Wrap Jinja's sized filters in place (`center`, `indent`, `wordwrap`, `truncate`,
    `format`, `join`, `replace`)."""
    for name, position in (("center", 1), ("wordwrap", 1), ("truncate", 1), ("indent", 1)):
        filters[name] = _check_arg(filters[name], name, position)
    filters["format"] = _checked_format(filters["format"])
    filters["join"] = _checked_join(filters["join"])
    filters["replace"] = _checked_replace(filters["replace"])


def _check_arg(fn: Callable[..., Any], name: str, position: int) -> Callable[..., Any]:
    keyword = {"center": "width", "wordwrap": "width", "truncate": "length", "indent": "width"}
    offset = 1 if getattr(fn, "jinja_pass_arg", None) else 0  # environment/context first

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        at = position + offset
        check_width(name, args[at] if len(args) > at else kwargs.get(keyword[name]))
        return fn(*args, **kwargs)

    return run


def _checked_format(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def run(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            check_percent(value, kwargs or args)
        return fn(value, *args, **kwargs)

    return run


def _checked_join(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def run(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        listed = list(value) if not isinstance(value, str) else value
        if attribute is None and not isinstance(listed, str):
            check_built("join", join_size(str(d), listed))
        return fn(eval_ctx, listed, d, attribute)

    return run


def _checked_replace(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def run(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        _replace(str(s), (str(old), str(new)), {})
        return fn(eval_ctx, s, old, new, count)

    return run


def bounded_lipsum(fn: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(fn)
    def run(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if _is_int(n) and _is_int(max) and n * max > MAX_LIPSUM_WORDS:
            raise SecurityError(
                f"lipsum({n}, max={max}) could write {n * max:,} words (at most "
                f"{MAX_LIPSUM_WORDS:,})"
            )
        return fn(n, html, min, max)

    return run
