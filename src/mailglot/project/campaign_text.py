"""Campaign text is input too: no merge-tag or template syntax, no control characters.

Subjects, preheaders and data values end up in the email and its headers; a `{{email}}` typed
there (or `&#123;&#123;email&#125;&#125;`, which the text part decodes) would reach the sending
platform as a merge tag mailglot did not make. Per-recipient fields are written `{first_name}`,
and mailglot turns them into the platform's tags itself.
"""

from __future__ import annotations

import string

from mailglot.errors import Diagnostic
from mailglot.i18n.untrusted import CODE_SYNTAX, CONTROL, decoded
from mailglot.project.yamlfile import Loc, YamlDoc, string_leaves

HEADERS = ("subject", "preheader")  # mail headers: a line break would split them
_FORMATTER = string.Formatter()


def _shown(text: str, loc: Loc) -> str:
    """What the reader sees: subjects, preheaders and data.strings are filled with str.format
    rules (`{{` is a literal brace there, `{name}` a placeholder)."""
    if loc[:1] in (("subject",), ("preheader",)) or loc[:2] == ("data", "strings"):
        try:
            return decoded("".join(literal for literal, *_ in _FORMATTER.parse(text)))
        except ValueError:
            pass  # a lone brace is reported by the placeholder check
    return decoded(text)


def campaign_text_problems(doc: YamlDoc) -> list[Diagnostic]:
    out = []
    for loc, text in string_leaves(doc.data):
        where = ".".join(str(p) for p in loc)
        shown = _shown(text, loc)
        found = sorted(set(CODE_SYNTAX.findall(shown)))
        if found:
            out.append(
                doc.error(
                    loc,
                    f"{where}: merge-tag or template syntax {' '.join(found)} (campaign text is "
                    "never code; per-recipient fields are written {first_name})",
                )
            )
        breaks = "\r\n" if loc[0] in HEADERS else "\r"
        if CONTROL.search(shown) or any(c in shown for c in breaks):
            out.append(doc.error(loc, f"{where}: control characters or line breaks"))
    return out
