"""A locale filter given arguments it does not take, told in a template author's words.

`{{ data.percent|percent("q") }}` failed with Python's own message about the function behind
the filter: '_filters.<locals>.percent_filter() takes 1 positional argument but 2 were
given'. The filter's name and what it takes are what the author can act on: 'the percent
filter takes no argument; got 1'. Only a call whose arguments do not fit the filter is
reworded (read after the failure, so a call that works costs nothing more); any other error
is left as it came.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from mailglot.i18n.formatting import FilterInputError, make_filters


def worded(name: str, formatter: Callable[..., Any]) -> Callable[..., Any]:
    """`formatter` (the filter `name`) whose argument mistakes raise a FilterInputError
    saying what the filter takes."""
    signature = _signatures().get(name) or inspect.signature(formatter)

    @wraps(formatter)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return formatter(*args, **kwargs)
        except FilterInputError:
            raise
        except TypeError:
            problem = misfit(name, signature, args, kwargs)
            if problem is None:
                raise
            raise FilterInputError(problem) from None

    return call


def misfit(
    name: str, signature: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> str | None:
    """What is wrong with the arguments given to the filter `name`, or None if they fit."""
    try:
        signature.bind(*args, **kwargs)
    except TypeError:
        pass
    else:
        return None
    takes = [p.name for p in list(signature.parameters.values())[1:]]
    what = f"the {name} filter takes"
    if not takes:
        return f"{what} no argument; got {len(args) - 1 + len(kwargs)}"
    listed = ", ".join(takes)
    if unknown := [k for k in kwargs if k not in takes]:
        return f"{what} no argument named {unknown[0]!r} (it takes {listed})"
    if twice := [k for k in kwargs if k in takes[: len(args) - 1]]:
        return f"{what} {twice[0]} once; it was given in place and by name"
    if len(args) - 1 > len(takes):
        many = "argument" if len(takes) == 1 else "arguments"
        return f"{what} at most {len(takes)} {many} ({listed}); got {len(args) - 1}"
    return None


@cache
def _signatures() -> dict[str, inspect.Signature]:
    """What each locale filter takes, read from the Latin-digit filters: a market writing
    other digits wraps them in a function taking anything (formatting._with_digits)."""
    return {name: inspect.signature(f) for name, f in make_filters("en", "USD", "UTC").items()}
