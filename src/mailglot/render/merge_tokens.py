"""A merge field a template's filter changed: a job error, not an email with a token in it.

Templates see a merge field (`{first_name}` in a subject, `recipient.first_name`) as an opaque
token, `MGLOT<nonce>F<n>X`, that becomes the sending platform's merge tag after the render
(render/merge.py). A filter on text that holds one rewrites the token too: `{{ subject|upper }}`
wrote `MGLOTBF65F193D423A31BF0X, VOTRE LISTE VOUS ATTEND` into the email's title, 0 errors,
and the platform never filled it in. Case filters (`upper`, `lower`, `title`, `capitalize`)
are the way designers hit it, and they leave the token's letters in another case; that is
what is looked for (a cut, `|truncate`, leaves too little to know)."""

from __future__ import annotations

import re

from jinja2 import Environment

from mailglot.errors import Diagnostic
from mailglot.render.merge import MergeFields
from mailglot.render.template import template_family

# `|upper` or `{% filter upper %}` (and `{%- filter ...`)
_CASE_FILTER = re.compile(r"(?:\||\{%-?\s*filter\s)\s*(?:upper|lower|title|capitalize)\b")


def changed_token(
    mjml: str, merge: MergeFields, env: Environment, template: str
) -> Diagnostic | None:
    """The error for the first merge field the template's output holds in another case than
    its token's, or None. One lowering of the output and two counts: ~5 us a job."""
    start = f"MGLOT{merge.nonce}"
    lowered = mjml.lower()
    folded = start.lower()
    if lowered.count(folded) == mjml.count(start):
        return None
    found = re.search(re.escape(folded) + r"f([0-9]+)x", lowered)
    name = ""
    if found is not None and int(found.group(1)) < len(merge.names):
        name = f" {{{merge.names[int(found.group(1))]}}}"
    path, line = _case_filter(env, template)
    return Diagnostic(
        path,
        line,
        "template",
        "error",
        f"a filter changed the merge field{name} in the text it was given (a case filter such "
        "as |upper, |lower, |title or |capitalize): the sending platform fills merge fields "
        "in after mailglot, so it would find none; print a text holding a merge field "
        "unchanged (style its case with CSS text-transform instead)",
    )


def _case_filter(env: Environment, template: str) -> tuple[str, int | None]:
    """The first case filter in the template or those it extends, includes or imports, else
    the job's template, no line."""
    for name, source in template_family(env, template):
        found = _CASE_FILTER.search(source)
        if found is not None:
            return f"templates/{name}", source.count("\n", 0, found.start()) + 1
    return f"templates/{template}", None
