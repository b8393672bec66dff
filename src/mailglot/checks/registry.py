"""Every output check, by the code users silence it with (`checks.disable`).

A plain literal, complete as soon as this module is imported: a new check is a function with
the `OutputCheck` signature in a module of `mailglot.checks`, plus one line below.
"""

from __future__ import annotations

from mailglot.checks import content
from mailglot.checks.output import Output, OutputCheck
from mailglot.errors import Diagnostic
from mailglot.project.loader import Project
from mailglot.records import JobMeta, JobPlace
from mailglot.render.merge import merge_tag

OUTPUT_CHECKS: dict[str, OutputCheck] = {
    "size.clipping": content.html_size,
    "a11y.alt": content.image_alt,
    "legal.address": content.legal_address,
    "legal.unsubscribe": content.unsubscribe,
    "subject.length": content.subject_length,
}


def run_output_checks(output: Output) -> list[Diagnostic]:
    return [
        Diagnostic(output.path, None, code, severity, message)
        for code, check in OUTPUT_CHECKS.items()
        for severity, message in check(output)
    ]


def check_output(
    project: Project, place: JobPlace, build_dir: str, html: str, text: str, meta: JobMeta
) -> list[Diagnostic]:
    """Every output check on one job's delivered HTML and text. Shared by the build and
    `mailglot check`, so both report the same findings; the caller applies `checks.disable`
    (`errors.silence`) once to all of a job's findings."""
    settings = project.settings
    unsubscribe = (
        merge_tag(settings.merge_tags, "unsubscribe_url")
        if "unsubscribe_url" in settings.recipient
        else None
    )
    output = Output(
        f"{place.in_build(build_dir)}/email.html",
        html,
        text,
        meta,
        settings.checks.max_html_bytes,
        project.markets[meta.market].address,
        unsubscribe,
        settings.checks.subject_columns,
    )
    return run_output_checks(output)
