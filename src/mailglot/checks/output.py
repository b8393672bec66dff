"""What an output check reads, and the one signature every output check has."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mailglot.errors import Severity
from mailglot.records import JobMeta


@dataclass(frozen=True)
class Output:
    """One job's output as it would be sent, with the settings the checks judge it by."""

    path: str  # where findings are located, e.g. build/winback/fr_FR/a/email.html
    html: str  # email.html: inlined, with the platform's merge tags
    text: str  # email.txt
    meta: JobMeta
    max_html_bytes: int
    address: str  # the market's postal address
    unsubscribe_tag: str | None  # the merge tag the unsubscribe link must point at
    subject_columns: int = 45


Finding = tuple[Severity, str]
OutputCheck = Callable[[Output], Iterator[Finding]]
