"""A filter's wrong value typed in campaign data is the campaign's mistake: the job's error is
located at the value's line in `campaigns/<id>.yaml`, where the fix goes, and names the
template line that applied the filter.

`expires: "31/01/2027"` under `| date` failed at `templates/winback.mjml.j2:15`, which is
right as written; the designer's template is not what must change. A value is traced back
only when exactly one value of the campaign's data is it (same type, same value: a price
the template doubled, or two fields holding the same text, keep the template's line).
A script or protocol-relative link that a data value starts (`render.data_links`) is put at
the value's line the same way.
Only a failing job pays: the campaign file is read again for its lines.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mailglot.errors import Diagnostic
from mailglot.i18n.formatting import FilterInputError
from mailglot.project.yamlfile import leaves, load_yaml
from mailglot.render.data_links import DataLinkError


def data_origin(
    failure: Diagnostic, cause: BaseException | None, root: Path, campaign: str, data: Any
) -> Diagnostic:
    """`failure` (a template error whose cause is `cause`) at the campaign line of the one
    data value the filter got, or the link was made of, or `failure` as it is."""
    if not isinstance(cause, (FilterInputError, DataLinkError)) or cause.value is None:
        return failure
    found = [loc for loc, leaf in leaves(data, ("data",)) if _same(leaf, cause.value)]
    if len(found) != 1:
        return failure
    rel = f"campaigns/{campaign}.yaml"
    doc = load_yaml(root / rel, root)
    if doc.data is None:
        return failure
    where = ".".join(str(part) for part in found[0])
    used = f"{failure.path}:{failure.line}" if failure.line else failure.path
    return Diagnostic(
        rel,
        doc.line_of(found[0]),
        failure.code,
        failure.severity,
        f"{where}: {failure.message} (at {used})",
    )


def _same(leaf: Any, value: Any) -> bool:
    return type(leaf) is type(value) and leaf == value
