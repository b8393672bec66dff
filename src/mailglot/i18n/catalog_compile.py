"""A catalog's entries made into gettext's lookup table without writing and re-reading an MO.

`catalogs._compile` wrote each catalog as an MO file (Babel's `write_mo`, which sorts the
entries with a Python comparison per pair) and had gettext read it back: about 1 ms per
catalog of the ~10 a build process reads, serially, before its workers start. What gettext
makes of an MO is its lookup table: `msgid` (or `msgctxt\\x04msgid`) -> msgstr, and
`(msgid, n)` -> form n of a plural entry. For a catalog whose text encodes as UTF-8 and
whose ids hold no NUL or EOT (the MO format's separators), that table is the entries
themselves, so it is filled here directly; gettext still reads the header (charset, plural
rule, metadata) from an MO holding only the header, as before.

Anything else (another charset, a separator in an id or context, a plural entry without
exactly two ids or with a NUL in a form, two entries gettext would file under one key, text
that does not encode) goes the plain way, which then behaves exactly as it did: `table`
returns None.
"""

from __future__ import annotations

import codecs
import struct

from babel.messages.catalog import Catalog, Message

Table = dict[object, str]


def header_mo(catalog: Catalog) -> bytes | None:
    """An MO holding only the catalog's header entry, as `write_mo` writes it: gettext reads
    the charset, plural rule and metadata from it. None when the header does not encode."""
    header = next(iter(catalog))
    try:
        text = header.string.encode(catalog.charset)
    except (UnicodeError, LookupError, AttributeError):
        return None
    # magic, version, 1 entry, key index at 28, value index at 36, no hash table; then the
    # key (empty, at 44: 7 * 4 + 16), the value (at 45, after the key's NUL)
    head = struct.pack("Iiiiiii", 0x950412DE, 0, 1, 28, 36, 0, 0)
    return head + struct.pack("4i", 0, 44, len(text), 45) + b"\x00" + text + b"\x00"


def _order(message: Message) -> tuple[str, str]:
    """`Message.__lt__`'s comparison (Babel's `values_to_compare`) as a sort key."""
    if message.pluralizable:
        return message.id[0], message.context or ""
    return message.id, message.context or ""


def table(catalog: Catalog, charset: str | None) -> Table | None:
    """The entries of gettext's table for `catalog`, in the order gettext would file them,
    the header's left out; None when only the plain way can say (see the module docstring).
    `charset`: what gettext read from the header MO."""
    if charset != catalog.charset or _codec(catalog.charset) != "utf-8":
        return None
    messages = [m for m in list(catalog)[1:] if m.string and not m.fuzzy]
    messages.sort(key=_order)
    out: Table = {}
    texts: list[str] = []
    for message in messages:
        context = message.context
        prefix = f"{context}\x04" if context else ""
        if context and ("\x00" in context or "\x04" in context):
            return None
        if message.pluralizable:
            ids, strings = message.id, message.string
            if not isinstance(ids, (list, tuple)) or len(ids) != 2:
                return None
            if not isinstance(strings, (list, tuple)):
                return None
            if any(not isinstance(i, str) or "\x00" in i or "\x04" in i for i in ids):
                return None
            forms = [s if s else ids[min(n, 1)] for n, s in enumerate(strings)]
            if any(not isinstance(f, str) or "\x00" in f for f in forms):
                return None
            key = prefix + ids[0]
            for n, form in enumerate(forms):
                if (key, n) in out:
                    return None
                out[(key, n)] = form
            texts += ids
            texts += forms
        else:
            msgid, string = message.id, message.string
            if not isinstance(msgid, str) or not isinstance(string, str):
                return None
            if "\x00" in msgid or "\x04" in msgid or (prefix + msgid) in out:
                return None
            out[prefix + msgid] = string
            texts += (msgid, string)
        if context:
            texts.append(context)
    try:
        "".join(texts).encode("utf-8")  # a lone surrogate: write_mo raises; so must the build
    except UnicodeError:
        return None
    if "" in out:
        return None
    return out


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
