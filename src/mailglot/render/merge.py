"""Per-recipient merge fields: one render, two outputs.

Templates see each field as an opaque token that survives MJML, premailer and html2text
unchanged. Afterwards the tokens become the sending platform's merge tags (`email.html`)
or the sample values (`preview.html`), so a job is rendered once, not twice.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

MAILCHIMP_NAMES = {
    "first_name": "FNAME",
    "last_name": "LNAME",
    "email": "EMAIL",
    "unsubscribe_url": "UNSUB",
}
_TOKEN = re.compile(r"MGLOTFIELD([0-9]+)X")


def merge_tag(style: str, name: str) -> str:
    if style == "mailchimp":
        tag = MAILCHIMP_NAMES.get(name) or re.sub(r"[^A-Z0-9]", "", name.upper())[:10]
        return f"*|{tag}|*"
    if style == "liquid":
        return f"{{{{ {name} }}}}"
    return f"{{{{{name}}}}}"


@dataclass(frozen=True)
class MergeFields:
    names: tuple[str, ...]
    samples: Mapping[str, str]
    style: str

    def tokens(self) -> dict[str, str]:
        return {name: f"MGLOTFIELD{i}X" for i, name in enumerate(self.names)}

    def as_tags(self, text: str) -> str:
        return _TOKEN.sub(lambda m: merge_tag(self.style, self.names[int(m.group(1))]), text)

    def as_samples(self, text: str, *, escape: bool) -> str:
        def sample(m: re.Match[str]) -> str:
            value = self.samples[self.names[int(m.group(1))]]
            return html.escape(value) if escape else value

        return _TOKEN.sub(sample, text)
