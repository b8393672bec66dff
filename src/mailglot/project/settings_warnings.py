"""What mailglot.yaml allows but an email will miss, said at its line as a warning (the
project's warnings: build and check show each once, `checks.disable` silences it by code).

An `http://` `recipient.unsubscribe_url` is a valid URL for the unsubscribe link, but the
.eml's List-Unsubscribe header takes only https (render/eml.py): one-click unsubscribe (RFC
8058), which Gmail and Yahoo require of bulk senders since 2024, needs it. Every .eml was
built without the header, and build and check said nothing.
"""

from __future__ import annotations

from mailglot.errors import Diagnostic
from mailglot.project.settings import Settings
from mailglot.project.yamlfile import YamlDoc

UNSUBSCRIBE_HTTP = "config.unsubscribe-http"


def settings_warnings(doc: YamlDoc, settings: Settings) -> list[Diagnostic]:
    url = settings.recipient.get("unsubscribe_url", "")
    if not url.startswith("http://"):  # the scheme is held in lower case (settings_recipient)
        return []
    missing = (
        "each .eml's List-Unsubscribe holds only the unsubscribe_mailto address, with no "
        "List-Unsubscribe-Post"
        if settings.unsubscribe_mailto
        else "each .eml gets no List-Unsubscribe header"
    )
    return [
        Diagnostic(
            doc.rel,
            doc.line_of(("recipient", "unsubscribe_url")),
            UNSUBSCRIBE_HTTP,
            "warning",
            f"recipient.unsubscribe_url: {url} is not https, so {missing}: "
            "one-click unsubscribe (RFC 8058), which Gmail and Yahoo require of bulk senders, "
            "needs an https URL; write https://",
        )
    ]
