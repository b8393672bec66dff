"""The client families caniemail's data knows, for `checks.clients` in mailglot.yaml: a typo
(`outlok`) is told at its line when the project loads, with the closest name, instead of as
one finding on every job of the build. Written out, not read from the 540 KB data file, so
loading settings costs nothing; tests/test_check_clients.py holds it to the data."""

from __future__ import annotations

import difflib

CLIENT_FAMILIES = frozenset(
    {
        "aol", "apple-mail", "fastmail", "free-fr", "gmail", "gmx", "hey", "ionos-1and1",
        "laposte", "mail-ru", "orange", "outlook", "protonmail", "rainloop", "samsung-email",
        "sfr", "t-online-de", "thunderbird", "web-de", "wp-pl", "yahoo",
    }
)  # fmt: skip


def unknown_client(name: str) -> str | None:
    """Why `name` is no client family caniemail knows, or None when it is one."""
    if name in CLIENT_FAMILIES:
        return None
    close = difflib.get_close_matches(name.lower(), sorted(CLIENT_FAMILIES), n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown client {name!r}; {hint}caniemail knows: {', '.join(sorted(CLIENT_FAMILIES))}"
