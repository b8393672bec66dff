"""Postmark: the body of `POST /templates`, with Mustachio merge tags (`{{first_name}}`); the
alias lets a send name the template (`TemplateAlias`) without knowing its numeric id.

https://postmarkapp.com/developer/api/templates-api#create-template
"""

from __future__ import annotations

from mailglot.export.message import Message, Platform, template_name


def alias(job_id: str) -> str:
    """Postmark aliases must start with a letter."""
    name = template_name(job_id).replace("_", "-")
    return name if name[:1].isalpha() else f"mg-{name}"


def document(msg: Message) -> dict[str, object]:
    return {
        "Name": msg.job_id,
        "Alias": alias(msg.job_id),
        "Subject": msg.subject,
        "HtmlBody": msg.html,
        "TextBody": msg.text,
        "TemplateType": "Standard",
    }


PLATFORM = Platform(
    "postmark",
    lambda field: "{{" + field + "}}",
    ("{{",),
    document,
    "Postmark",
    identity=alias,
    identity_label="Postmark alias",
)
