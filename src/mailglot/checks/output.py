"""What an output check reads, and the one signature every output check has."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mailglot.checks.locate import TemplateLines, job_templates
from mailglot.errors import Diagnostic, Severity
from mailglot.project.settings import Settings
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
    root: Path = Path(".")  # the project root: checks that locate findings read its templates
    settings: Settings | None = None  # for checks that read more settings (clients, tracking)

    @cached_property
    def templates(self) -> TemplateLines:
        """The job's templates, found once for the three checks that locate findings in them
        (links, client support, tracking) rather than once by each."""
        return job_templates(self.root, self.meta.template, self.meta.inputs)


# A finding is (severity, message), located at `path`, or a Diagnostic of its own when the
# check can say which file and line must change (a template line, the campaign file).
Finding = tuple[Severity, str] | Diagnostic
OutputCheck = Callable[[Output], Iterator[Finding]]
