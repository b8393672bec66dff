"""SendGrid dynamic templates: the body of `POST /v3/templates/{template_id}/versions`, with
Handlebars merge tags and the preview's sample data as `test_data` (what SendGrid's editor
previews with).

https://www.twilio.com/docs/sendgrid/api-reference/templates-versions/create-a-new-transactional-template-version
"""

from __future__ import annotations

import json

from mailglot.export.message import Message, Platform, template_name


def document(msg: Message) -> dict[str, object]:
    return {
        "name": template_name(msg.job_id, limit=100),
        "subject": msg.subject,
        "html_content": msg.html,
        "plain_content": msg.text,
        "generate_plain_content": False,  # mailglot's text part is reviewed; keep it
        "editor": "code",
        "active": 1,
        "test_data": json.dumps(dict(msg.samples), ensure_ascii=False),
    }


PLATFORM = Platform(
    "sendgrid", lambda field: "{{" + field + "}}", ("{{",), document, "SendGrid dynamic template"
)
