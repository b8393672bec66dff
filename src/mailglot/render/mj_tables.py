"""mj-table: the `role`, `border-collapse` and width MRML writes differently from Node 5.

`note_table_roles` runs before compiling (MRML drops each mj-table's `role`), and
`mj_table_collapse` after (it puts the roles back and writes `border-collapse` and the
width as Node does); both listed in `mjml_fixes`.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, split_tag
from mailglot.render.heroes import px
from mailglot.render.mjml_defaults import read_defaults

_MJ_TABLE_TAG = re.compile(r"<mj-table\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def note_table_roles(mjml: str, fixing: Fixing) -> str:
    """Each mj-table's `role` ("" for none) for `mj_table_collapse`, in document order."""
    if "table" not in fixing.components or "role=" not in mjml:
        return mjml
    body = body_start(mjml)  # after the defaults' <mj-body>
    defaults = read_defaults(mjml)
    for tag in _MJ_TABLE_TAG.findall(mjml, max(body, 0)):
        own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
        fixing.table_roles.append((defaults.resolve("mj-table", own, "role") or "").strip("\"'"))
    return mjml


_MJ_TABLE = re.compile(r"<table\b[^>]*?style=\"[^\"]*?table-layout:[^>]*>")
_CELLSPACING = re.compile(r'\scellspacing="([^"]*)"')
_PX_WIDTH = re.compile(r'(\swidth=")(\d+)px"')


def mj_table_collapse(html: str, fixing: Fixing) -> str:
    """mj-table: MRML writes `border-collapse:separate` when cellpadding is set and a width
    of `"300px"`; Node 5 writes `separate` exactly when cellspacing is above 0, and a bare
    pixel number. MRML also drops the table's `role` (`note_table_roles`), which Node
    writes after cellspacing: a screen reader then reads a layout grid as a data table."""
    if "table-layout:" not in html:
        return html
    roles = iter(fixing.table_roles)
    if any(fixing.table_roles) and len(_MJ_TABLE.findall(html)) != len(fixing.table_roles):
        roles = iter(())  # a table of the designer's own among them: whose role is whose?

    def table(m: re.Match[str]) -> str:
        tag = _PX_WIDTH.sub(r'\1\2"', m.group(0), count=1)
        role = next(roles, "")
        if role and " role=" not in tag:
            tag = _CELLSPACING.sub(lambda c: f'{c.group(0)} role="{role}"', tag, count=1)
        spacing = _CELLSPACING.search(tag)
        wanted = bool(spacing and px(spacing.group(1)))
        tag = tag.replace("border-collapse:separate;", "")
        if wanted:
            tag = re.sub(r'(style="[^"]*)"', r'\1border-collapse:separate;"', tag, count=1)
        return tag

    return _MJ_TABLE.sub(table, html)
