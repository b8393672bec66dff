"""What the checks said about each catalog entry, remembered for the life of the process.

`mailglot serve` reloads a locale's catalog on every save of it, and the checks were most of
that reload: every entry re-checked when a translator had changed one. The checks are pure
functions of the entry, the catalog's plural rule and the project's policy, so their verdict
is kept under a key made of all of those. The file and the line are not in the key: they are
put on the diagnostics each time, so a diagnostic follows its entry when lines shift. The
memo is bounded (least recently used entries go first), so a long serve session or a huge
project cannot grow it without end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from babel.messages.catalog import Catalog, Message

from mailglot.i18n.checks.base import Policy

V = TypeVar("V")
MAX_ENTRIES = 50_000  # about ten locales of a large project; a few tens of MB at most


class Verdicts(Generic[V]):
    """A bounded least-recently-used memo, safe to share between threads."""

    def __init__(self, limit: int = MAX_ENTRIES) -> None:
        self.limit = limit
        self._store: dict[Hashable, V] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            found = self._store.pop(key, _MISSING)
            if found is not _MISSING:
                self._store[key] = found  # now the most recently used
                return found  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._store[key] = value
            while len(self._store) > self.limit:
                del self._store[next(iter(self._store))]
        return value

    def clear(self) -> None:
        with self._lock:
            self._store.clear()

    def __len__(self) -> int:
        return len(self._store)


_MISSING = object()


def _frozen(value: object) -> Hashable:
    """Babel gives plural ids and strings as tuples or lists; both are keyed as tuples, with
    their kind kept, since a check reads a list and a tuple alike but not a list and a str."""
    if isinstance(value, list):
        return ("list", tuple(value))
    return value  # type: ignore[return-value]


def entry_key(
    message: Message, catalog: Catalog, policy: Policy, formats: tuple[bool, bool]
) -> tuple:
    """Everything an entry's verdict depends on: its ids, strings and context (the label
    quotes them), its translator comments (`# mailglot-accept:`), how it is formatted (from
    where the project's sources use it: `checks.usage`), the catalog's plural rule, and the
    whole policy (locale, checks.disable, keep_as_is, allowed_links, typographic_tags, merge
    style, the subject and preheader msgids, the msgids of templates and campaigns)."""
    return (
        policy,
        catalog.plural_expr,
        catalog.num_plurals,
        _frozen(message.id),
        _frozen(message.string),
        message.context,
        tuple(message.user_comments),
        formats,
    )
