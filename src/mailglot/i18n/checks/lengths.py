"""How long a string of a catalog entry may be before it is refused unread.

A translation is input from outside the team, and every check reads all of it: a single
msgstr of 6 MB held a build for 40 seconds and 800 MB. No email needs a string that long
(Gmail clips a whole message at 102 KB), so a string of an entry (msgid, msgid_plural or any
translated form) longer than `LONGEST` characters is refused with one finding, `catalog.too-long`,
and none of the other checks read it: the email shows the source text. A project that does
have such a string accepts it for that entry (`# mailglot-accept: catalog.too-long`) or
disables the code; the string is then checked in full like any other, never used unchecked.
"""

from __future__ import annotations

from babel.messages.catalog import Message

CODE = "catalog.too-long"
LONGEST = 50_000  # characters: checked in full, the worst text of this size costs ~0.2 s


def oversized(message: Message) -> str | None:
    """What is too long in the entry, as its finding says it (None: nothing is)."""
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    named = [("the msgid", ids[0]), *(("msgid_plural", i) for i in ids[1:2])]
    if message.pluralizable:
        named += [(f"plural form {n}", s) for n, s in enumerate(strings)]
    else:
        named += [("the translation", s) for s in strings]
    for what, text in named:
        if text and len(text) > LONGEST:
            return (
                f"{what} is {len(text):,} characters long, more than the {LONGEST:,} a string "
                "of an email may have, so it is not checked"
            )
    return None


def checked_anyway(accepted: list[str], disabled: tuple[str, ...]) -> bool:
    """Whether the entry's accept comment or `checks.disable` lets a long string through to
    the checks (as `errors.silence` reads `checks.disable`: a code or a family of codes)."""
    return CODE in accepted or any(c == CODE or CODE.startswith(c + ".") for c in disabled)
