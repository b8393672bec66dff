"""Per-recipient merge fields: one render, two outputs.

Templates see each field as an opaque token that survives MJML, CSS inlining and the text part
unchanged. Afterwards the tokens become the sending platform's merge tags (`email.html`)
or the sample values (`preview.html`), so a job is rendered once, not twice.

The tokens carry a random nonce drawn once per build: a translator or a campaign author who
types a token's shape gets that text in the email, never a merge tag.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

MAILCHIMP_NAMES = {
    "first_name": "FNAME",
    "last_name": "LNAME",
    "email": "EMAIL",
    "unsubscribe_url": "UNSUB",
}


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
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))

    def tokens(self) -> dict[str, str]:
        return {name: f"MGLOT{self.nonce}F{i}X" for i, name in enumerate(self.names)}

    @property
    def _token(self) -> re.Pattern[str]:
        return re.compile(f"MGLOT{self.nonce}F([0-9]+)X")

    def as_tags(self, text: str) -> str:
        return self._token.sub(lambda m: merge_tag(self.style, self.names[int(m.group(1))]), text)

    def as_samples(self, text: str, *, escape: bool) -> str:
        def sample(m: re.Match[str]) -> str:
            value = self.samples[self.names[int(m.group(1))]]
            return html.escape(value) if escape else value

        return self._token.sub(sample, text)
