"""Character references in a campaign's own subject and preheader, refused at their line.

Subjects and preheaders are plain text: the .eml's Subject header, the inbox preview and the
preheader's text in the email show `Save &amp; win&nbsp;today` as typed, as they do for a
translation that writes one (`catalog.entities`, which refuses those). Each reference is
told with the character to write instead.
"""

from __future__ import annotations

import html
import unicodedata

from mailglot.errors import Diagnostic
from mailglot.i18n.checks.base import ENTITY
from mailglot.project.campaigns import Campaign
from mailglot.project.yamlfile import Loc, YamlDoc


def reference_problems(doc: YamlDoc, campaign: Campaign) -> list[Diagnostic]:
    texts: list[tuple[Loc, str]] = [(("subject", k), v) for k, v in campaign.subject.items()]
    if campaign.preheader:
        texts.append((("preheader",), campaign.preheader))
    out = []
    for loc, text in texts:
        if "&" not in text:  # every reference starts with "&"
            continue
        found = {r: html.unescape(r) for r in ENTITY.findall(text)}
        found = {r: c for r, c in found.items() if c != r}  # `&T;` is no reference: text
        if found:
            where = ".".join(str(p) for p in loc)
            refs = ", ".join(found)
            write = ", ".join(f"{_character(c)} for {r}" for r, c in found.items())
            out.append(
                doc.error(
                    loc,
                    f"{where}: {refs} {'shows' if len(found) == 1 else 'show'} as typed in "
                    f"plain text (an inbox shows the {loc[0]} as written); write the "
                    f"character: {write}",
                )
            )
    return out


def _character(text: str) -> str:
    """The character a reference stands for, as a message can show it: itself in quotes, or
    its name when it is a space or shows nothing (`a no-break space (U+00A0)`)."""
    if len(text) == 1 and (text.isspace() or not text.isprintable()):
        name = unicodedata.name(text, "")
        code = f"U+{ord(text):04X}"
        return f"a {name.lower()} ({code})" if name else code
    return repr(text)
