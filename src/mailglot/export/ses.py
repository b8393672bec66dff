"""Amazon SES: the `CreateTemplate` request body (`aws ses create-template --cli-input-json
file://<file>`), with Handlebars merge tags (`{{first_name}}`).

https://docs.aws.amazon.com/ses/latest/APIReference/API_CreateTemplate.html
"""

from __future__ import annotations

from mailglot.export.message import Message, Platform, template_name


def document(msg: Message) -> dict[str, object]:
    return {
        "Template": {
            "TemplateName": template_name(msg.job_id),
            "SubjectPart": msg.subject,
            "HtmlPart": msg.html,
            "TextPart": msg.text,
        }
    }


PLATFORM = Platform(
    "ses",
    lambda field: "{{" + field + "}}",
    ("{{",),
    document,
    "Amazon SES",
    identity=template_name,
    identity_label="SES template name",
)
