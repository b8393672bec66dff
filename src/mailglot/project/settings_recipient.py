"""`recipient:` in mailglot.yaml, checked as a whole: what one field alone cannot tell.

- Mailchimp merge tags are made from the field names (`first_name` -> `*|FNAME|*`, others
  upper-cased, letters and digits only, 10 at most): `subscription_tier` and
  `subscription_type` both became `*|SUBSCRIPTI|*`, and a field `名前` became `*||*`, in every
  email, without a word.
- The sample `unsubscribe_url` goes into each .eml's List-Unsubscribe header as `<URL>`: a
  value holding `>, <https://elsewhere>` added a second target there; its scheme is held in
  lower case, as the header is chosen by it (`HTTPS://` made an .eml without one).
- The sample `email` is each .eml's To header: an internationalized domain is held in IDNA
  (`alex@xn--exmple-cua.com`), which a header can carry; a non-ASCII mailbox name, which it
  cannot, is refused (settings_address).

Each problem is an error at its field's line (`mailglot.yaml:LINE: recipient.FIELD: ...`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from mailglot.project.settings_address import header_address
from mailglot.render.merge import MAILCHIMP_NAMES, merge_tag

# RFC 3986: what a URL may hold as typed; anything else (spaces, <, >, ", {, }, |, \, ^, `)
# is written percent-encoded
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


def check_recipient(fields: dict[str, str], style: str | None) -> dict[str, str]:
    """The fields as the .eml's headers take them; a ValidationError located at each field
    with a problem (pydantic puts it under `recipient`, so the message is at the field's own
    line)."""
    problems = [*_mailchimp(fields)] if style == "mailchimp" else []
    url = fields.get("unsubscribe_url")
    if url and (why := _not_one_url(url)):
        problems.append(("unsubscribe_url", why))
    elif url:  # HTTPS:// is https: the .eml's List-Unsubscribe takes it as written in lower case
        scheme = url.partition(":")[0]
        fields = {**fields, "unsubscribe_url": scheme.lower() + url[len(scheme) :]}
    if "email" in fields:
        try:
            fields = {**fields, "email": header_address(fields["email"])}
        except ValueError as exc:
            problems.append(("email", str(exc)))
    if problems:
        raise ValidationError.from_exception_data(
            "recipient",
            [
                InitErrorDetails(
                    type=PydanticCustomError("value_error", "Value error, {why}", {"why": why}),
                    loc=(name,),
                    input=fields[name],
                )
                for name, why in problems
            ],
        )
    return fields


def _mailchimp(fields: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    owner: dict[str, str] = {}
    for name in fields:
        tag = merge_tag("mailchimp", name)
        if tag == "*||*":
            found.append(
                (
                    name,
                    f"'{name}' has no letter A-Z or digit to make a Mailchimp merge tag of (it "
                    "would be *||*); name the field in Latin letters, like first_name",
                )
            )
            continue
        other = owner.setdefault(tag, name)
        if other != name:
            fixed = next((n for n in (other, name) if n in MAILCHIMP_NAMES), None)
            rule = (
                f"{fixed} is always {tag} in Mailchimp"
                if fixed
                else "a tag keeps the name's letters and digits, 10 at most"
            )
            found.append(
                (
                    name,
                    f"'{other}' and '{name}' both become the Mailchimp merge tag {tag} ({rule}); "
                    "rename one of the two fields",
                )
            )
    return found


def _not_one_url(url: str) -> str | None:
    """Why the sample unsubscribe URL is not one http(s) URL (None when it is)."""
    parts = urlsplit(url) if _URL_CHARACTERS.fullmatch(url) else None
    if parts is None:
        bad = sorted({c for c in url if not _URL_CHARACTERS.fullmatch(c)})
        shown = ", ".join("a space" if c == " " else repr(c) for c in bad)
        return (
            f"expected one URL (it goes into each .eml's List-Unsubscribe header as <URL>), "
            f"got {url!r}: {shown} cannot be part of a URL (percent-encode them, e.g. %3E for >)"
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            f"expected one http(s) URL like https://example.com/unsubscribe (it goes into "
            f"each .eml's List-Unsubscribe header), got {url!r}"
        )
    return None
