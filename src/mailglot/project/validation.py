"""Turn pydantic's validation errors into `file:line: message` diagnostics people can act on."""

from __future__ import annotations

import difflib
import math
import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from mailglot import invisible
from mailglot.errors import Diagnostic
from mailglot.project.yamlfile import Loc, YamlDoc, shown

_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}


def refuse_yaml_boolean(value: object) -> object:
    """A field validator's body for country and subdivision codes: YAML 1.1 reads a bare ON
    (Ontario), NO (Norway) or YES as a boolean, which would otherwise surface as a puzzling
    "expected a string"."""
    if isinstance(value, bool):
        raise ValueError(
            'YAML reads ON, NO, YES and OFF as true/false: quote the code, e.g. subdiv: "ON"'
        )
    return value


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at `loc`, following nested models, lists and dicts."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part)) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            if info is None:
                return None
            current = info.annotation
        else:
            current = _unwrap(current, part)
        current = _strip_optional(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _strip_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        models = [
            a for a in typing.get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        others = [a for a in typing.get_args(tp) if a is not type(None)]
        return models[0] if models else (others[0] if len(others) == 1 else tp)
    return tp


def _unwrap(tp: Any, part: str | int) -> Any:
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return tp


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _key(key: str) -> str:
    """A key as typed, quoted; one holding a character that does not show (a zero-width
    space, a no-break space pasted from a web page) is escaped, and the character named:
    "unknown key 'subject'; did you mean 'subject'?" left the reader nothing to go on."""
    hidden = "".join(c for c in key if not c.isprintable())
    if not hidden:
        return f"'{key}'"
    return f"{key!r} (it holds {invisible.describe(hidden)})"


def _unknown_key(key: str, parent: Loc, hint: str) -> str:
    place = f" in {_dotted(parent)}" if parent else ""
    return f"unknown key {_key(key)}{place}{hint}"


# How alike a key of one's own must be to a known key of a model that takes such keys (brand:
# colors, a logo) to be taken for a typo of it: `wbsite`, `Website`, `nmae` and `frm` are;
# `site`, `nickname`, `help_url` and `color` are not.
NEAR_MISS = 0.75


def _near_misses(model: type[BaseModel], data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Keys a model that takes keys of its own holds, one typo away from a key it knows. Such
    a key passed silently to templates: `wbsite:` for `website:` left brand.website empty, and
    the build reported each link of every email instead of the line in mailglot.yaml."""
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        inner = _strip_optional(info.annotation)
        key = info.alias or name
        if isinstance(inner, type) and issubclass(inner, BaseModel) and key in data:
            yield from _near_misses(inner, data[key], (*loc, key))
    if model.model_config.get("extra") != "allow":
        return  # an unknown key is pydantic's to refuse
    allowed = _field_names(model)
    for key in data:
        if not isinstance(key, str) or key in allowed or key in model.model_fields:
            continue
        close = difflib.get_close_matches(key.lower(), allowed, n=1, cutoff=NEAR_MISS)
        if close:
            hint = (
                f"; did you mean '{close[0]}'? ({_dotted(loc)} keys of your own reach "
                "templates, but not one this close to a key mailglot reads)"
            )
            yield (*loc, key), _unknown_key(key, loc, hint)


_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "less_than_equal": ("le", "at most"),
    "greater_than": ("gt", "more than"),
    "less_than": ("lt", "less than"),
}


def _expected(kind: str, ctx: dict[str, Any], got: Any) -> str | None:
    """What a bound, a choice or a length expects, and what was typed, in the words of the
    other messages; pydantic's own ('Input should be less than or equal to 1000', 'List should
    have at least 1 item after validation, not 0') otherwise reached the user."""
    if kind in _BOUNDS and isinstance(got, float) and not math.isfinite(got):
        return f"a number, got {_not_finite(got)}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        bound = ctx[key]
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return f"{words} {bound}, got {shown(got)}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        typed = str(got).lower()
        close = [c for c in choices if c.lower() == typed] or difflib.get_close_matches(
            typed, choices, n=1
        )
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{ctx.get('expected')}, got {shown(got)}{hint}"
    if kind in ("too_short", "too_long") and "actual_length" in ctx:
        n, count = ctx["actual_length"], ctx.get("min_length", ctx.get("max_length"))
        words = "at least" if kind == "too_short" else "at most"
        values = "value" if count == 1 else "values"
        return f"{words} {count} {values}, got {n or 'none'}"
    return None


def _not_finite(got: float) -> str:
    """YAML reads `.nan`, `.inf` and a number too large to hold (`1.0e+999`) as floats that
    are no number: 'expected at most 3600, got nan' was odd advice."""
    if math.isnan(got):
        return ".nan (YAML's 'not a number')"
    sign = "-" if got < 0 else ""
    return f"{sign}infinity ({sign}.inf in YAML, or a number too large to hold)"


def describe(model: type[BaseModel], err: dict[str, Any], prefix: Loc = ()) -> tuple[Loc, str]:
    loc: Loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    kind = err["type"]
    where = _dotted((*prefix, *loc))
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        key = str(loc[-1])
        allowed = _field_names(parent) if parent else []
        hint = ""
        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            hint = f"; did you mean '{close[0]}'?"
        elif allowed:
            hint = f"; expected one of: {', '.join(allowed)}"
        return loc, _unknown_key(key, (*prefix, *loc[:-1]), hint)
    if kind == "missing":
        place = f" in {_dotted((*prefix, *loc[:-1]))}" if (*prefix, *loc[:-1]) else ""
        return loc, f"missing required key '{loc[-1]}'{place}"
    got = err.get("input")
    got_text = f", got {shown(got)}" if not isinstance(got, (dict, list)) else ""
    if kind in _TYPE_WORDS:
        return loc, f"{where}: expected {_TYPE_WORDS[kind]}{got_text}"
    expected = _expected(kind, err.get("ctx") or {}, got)
    if expected is not None:
        return loc, f"{where}: expected {expected}"
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    elif msg.startswith("Assertion failed, "):
        msg = msg[len("Assertion failed, ") :]
    return loc, f"{where}: {msg}" if where else msg


def validate(
    model: type[BaseModel], doc: YamlDoc, prefix: Loc = ()
) -> tuple[Any, list[Diagnostic]]:
    """Validate `doc.data` (or the part at `prefix`) against `model`; all errors, located."""
    data: Any = doc.data
    for part in prefix:
        data = data[part]
    if data is None:
        data = {}
    typos = [doc.error(loc, message) for loc, message in _near_misses(model, data, prefix)]
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        seen: set[tuple[Loc, str]] = set()
        out: list[Diagnostic] = []
        for err in exc.errors():
            loc, message = describe(model, err, prefix)
            if (loc, message) in seen:
                continue
            seen.add((loc, message))
            out.append(doc.error((*prefix, *loc), message))
        return None, out + typos
    return (None, typos) if typos else (value, [])
