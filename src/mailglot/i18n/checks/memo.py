"""What the checks work out about one text, remembered while the next checks of the same string
run: a catalog of 10,000 entries ran the same tag, placeholder and number readings of each
msgstr four or five times (once per check that needs them), ~1 ms per entry in all.

Only short texts are remembered (a translation is input from outside: a 6 MB msgstr would stay
in memory for as many entries as the memo holds); a long one is worked out again each time,
which costs what the checks cost before the memo. The memos are bounded and hold pure
functions of their arguments, so a hit gives exactly what a call would.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
LONGEST = 4096  # characters: a text longer than this is not remembered
SIZE = 256  # texts per memo: the strings of the few entries checked last


def per_text(function: Callable[P, R]) -> Callable[P, R]:
    """`function` of a text (its first argument; any other is short and hashable: a locale)
    remembered for the last `SIZE` calls on a short text. What it returns is shared by every
    caller: it must be immutable, or never changed."""
    cached = lru_cache(maxsize=SIZE)(function)

    @wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        if len(args[0]) <= LONGEST:  # type: ignore[arg-type]
            return cached(*args, **kwargs)
        return function(*args, **kwargs)

    call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return call
