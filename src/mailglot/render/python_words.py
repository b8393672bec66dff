"""Python's own errors from a template line, told in a template author's words.

`{{ "Save " + 20 }}` made Python say `TypeError: can only concatenate str (not "int") to
str`; a template author writes texts and numbers, not `str` and `int`, and needs to know
how to fix the line: "cannot add a number to a text: join them with ~ ...". The common
failures get their own wording; any other keeps Python's message after "this expression
failed:", with Python's type names put as values' kinds, and never the exception's class.
Only the failure path runs here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Python's type names, as a template author knows the values.
_KINDS = {
    "str": "a text",
    "Markup": "a text",
    "int": "a number",
    "float": "a number",
    "Decimal": "a number",
    "decimal.Decimal": "a number",
    "complex": "a number",
    "bool": "true or false",
    "NoneType": "empty (none)",
    "list": "a list",
    "tuple": "a list",
    "range": "a list",
    "dict": "a mapping",
    "set": "a set",
    "datetime.date": "a date",
    "date": "a date",
    "datetime.datetime": "a date and time",
    "datetime": "a date and time",
    "function": "a function",
    "method": "a function",
    "builtin_function_or_method": "a function",
    "generator": "a sequence",
    "Undefined": "an undefined value",
    "StrictUndefined": "an undefined value",
}
_JOIN = 'join them as text with ~ ("Save " ~ 20), or make both numbers with |int or |float'


def kind(python_name: str) -> str:
    """`str` -> 'a text'; a type name not listed keeps its name, as 'a Foo value'."""
    return _KINDS.get(python_name, f"a {python_name} value")


def _add(left: str, right: str) -> str:
    """'cannot add a number to a text', with the way to write what was meant."""
    texts = {left, right} == {"a text", "a number"}
    return f"cannot add {right} to {left}" + (f": {_JOIN}" if texts else "")


# (Python's message, its wording for a template author); the first that matches is used.
_WORDED: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r'can only concatenate (\w+) \(not "([\w.]+)"\) to \w+'),
        lambda m: _add(kind(m[1]), kind(m[2])),
    ),
    (
        re.compile(r"unsupported operand type\(s\) for \+: '([\w.]+)' and '([\w.]+)'"),
        lambda m: _add(kind(m[1]), kind(m[2])),
    ),
    (
        re.compile(r"unsupported operand type\(s\) for ([^:]+): '([\w.]+)' and '([\w.]+)'"),
        lambda m: f"cannot use {m[1].split()[0]} between {kind(m[2])} and {kind(m[3])}",
    ),
    (
        re.compile(r"can't multiply sequence by non-int of type '([\w.]+)'"),
        lambda m: f"a text or list can be repeated (*) only by a whole number, not by {kind(m[1])}",
    ),
    (
        re.compile(r"bad operand type for unary (.): '([\w.]+)'"),
        lambda m: f"cannot put {m[1]} before {kind(m[2])}",
    ),
    (
        re.compile(r"'(.+?)' not supported between instances of '([\w.]+)' and '([\w.]+)'"),
        lambda m: (
            f"cannot compare {kind(m[2])} with {kind(m[3])} ({m[1]}, or in a sort): "
            "make both numbers with |int or |float, or both texts with |string"
        ),
    ),
    (
        re.compile(r"(?:integer |float )?(?:division|modulo|divmod)(?: or modulo)? by zero"),
        lambda m: "division by zero",
    ),
    (
        re.compile(r"'([\w.]+)' object is not callable"),
        lambda m: f"{kind(m[1])} is not a function: remove the ( ) after it",
    ),
    (
        re.compile(r"'([\w.]+)' object cannot be interpreted as an integer"),
        lambda m: f"expected a whole number, got {kind(m[1])}",
    ),
    (
        re.compile(
            r"(?:cannot unpack non-iterable ([\w.]+) object|'([\w.]+)' object is not "
            r"iterable)"
        ),
        lambda m: f"{kind(m[1] or m[2])} cannot be looped over or unpacked: expected a list",
    ),
    (
        re.compile(r"%(\w) format: an? [\w ]+ is required, not ([\w.]+)"),
        lambda m: f"%{m[1]} in a format needs a number, not {kind(m[2])}",
    ),
    (
        re.compile(r"not enough arguments for format string"),
        lambda m: "the format has more % places than the values given after %",
    ),
    (
        re.compile(r"not all arguments converted during string formatting"),
        lambda m: "more values given after % than the format has % places for",
    ),
    (
        re.compile(r"type ([\w.]+) doesn't define __round__ method"),
        lambda m: f"cannot round {kind(m[1])}",
    ),
)
# Python's type names inside any other message: "'str' object", "of type 'int'".
_OBJECT = re.compile(r"'([\w.]+)' object")
_OF_TYPE = re.compile(r"(?:for )?(?:object )?of type '([\w.]+)'")
_INDEX = re.compile(r"(list|tuple|range|string) index out of range")


def python_message(exc: BaseException, message: str) -> str:
    """What failed, without the exception's class name."""
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    for pattern, words in _WORDED:
        found = pattern.fullmatch(message)
        if found is not None:
            return words(found)
    if isinstance(exc, KeyError):
        return f"key {message} is not there"
    if isinstance(exc, OverflowError):
        if message.startswith("(34,"):  # errno ERANGE, from float arithmetic
            return "a number too large to compute"
        return f"a number out of range: {message}"
    message = _INDEX.sub(
        lambda m: f"an index past the end of {'a text' if m[1] == 'string' else 'a list'}",
        message,
    )
    message = _OBJECT.sub(lambda m: kind(m[1]), message)
    message = _OF_TYPE.sub(lambda m: f"for {kind(m[1])}", message)
    message = message[:1].lower() + message[1:] if message[1:2].islower() else message
    if not message:
        return "this expression failed"
    return f"this expression failed: {message.removesuffix('.')}"
