"""Every output check, by the code users silence it with (`checks.disable`).

A plain literal, complete as soon as this module is imported: a new check is a function with
the `OutputCheck` signature in a module of `mailglot.checks`, plus one line below.
"""

from __future__ import annotations

from mailglot.checks import content, presend
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
    "subject.missing": presend.subject_missing,
    "preheader": presend.preheader,
    "preheader.leak": presend.preheader_leak,
    "i18n.lang-dir": presend.lang_dir,
    "a11y.table-role": presend.table_role,
    "links": presend.links,
    "client": presend.clients,
    "tracking": presend.tracking,
}


def run_output_checks(output: Output) -> list[Diagnostic]:
    return [
        found if isinstance(found, Diagnostic) else Diagnostic(output.path, None, code, *found)
        for code, check in OUTPUT_CHECKS.items()
        for found in check(output)
    ]


def is_output_code(code: str) -> bool:
    """Whether an output check makes findings with this code (`links` makes `links.https`...)."""
    return any(code == key or code.startswith(key + ".") for key in OUTPUT_CHECKS)


def check_output(
    project: Project, place: JobPlace, build_dir: str, html: str, text: str, meta: JobMeta
) -> list[Diagnostic]:
    """Every output check on one job's delivered HTML and text. Shared by the build and
    `mailglot check`, so both report the same findings; the caller applies `checks.disable`
    (`errors.silence`) once to all of a job's findings."""
    return run_output_checks(job_output(project, place, build_dir, html, text, meta))


def job_output(
    project: Project, place: JobPlace, build_dir: str, html: str, text: str, meta: JobMeta
) -> Output:
    settings = project.settings
    unsubscribe = (
        merge_tag(settings.merge_tags, "unsubscribe_url")
        if "unsubscribe_url" in settings.recipient
        else None
    )
    return Output(
        f"{place.in_build(build_dir)}/email.html",
        html,
        text,
        meta,
        settings.checks.max_html_bytes,
        project.markets[meta.market].address,
        unsubscribe,
        settings.checks.subject_columns,
        project.root,
        settings,
    )
