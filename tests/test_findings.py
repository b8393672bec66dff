"""Findings people can act on: identical findings across jobs grouped, each with severity and
check code, every job kept."""

from __future__ import annotations

from mailglot.errors import Diagnostic
from mailglot.findings import counts, group_findings, group_line, to_json

JOBS = [f"winback/{loc}/a" for loc in ("de_DE", "en_GB", "en_US", "fr_FR", "ja_JP")]


def test_same_template_finding_in_five_jobs_is_one_line_with_a_count():
    d = Diagnostic(
        "templates/winback.mjml.j2", 12, "client.unsupported", "warning", "display:flex ..."
    )
    groups = group_findings((job, d) for job in JOBS)
    [group] = groups
    assert group.jobs == tuple(JOBS)
    assert group_line(group) == (
        "templates/winback.mjml.j2:12: warning: display:flex ... [client.unsupported] "
        "(5 jobs: winback/de_DE/a, winback/en_GB/a, winback/en_US/a and 2 more (all with --json))"
    )
    assert counts(groups) == {"error": 0, "warning": 5, "info": 0}
    [entry] = to_json(groups)
    assert entry["jobs"] == JOBS and entry["count"] == 5 and entry["code"] == "client.unsupported"


def test_findings_in_each_jobs_own_files_group_when_only_the_job_differs():
    items = [
        (job, Diagnostic(f"build/{job}/email.html", None, "size.clipping", "warning", "too big"))
        for job in JOBS[:2]
    ]
    [group] = group_findings(items)
    assert group_line(group).startswith(
        "build/winback/de_DE/a/email.html: warning: too big [size.clipping] (2 jobs: "
    )
    single = group_findings(items[:1])[0]
    assert (
        group_line(single) == "build/winback/de_DE/a/email.html: warning: too big [size.clipping]"
    )


def test_errors_keep_their_familiar_form_and_name_severity_and_code():
    d = Diagnostic("campaigns/x.yaml", 3, "schema", "error", "unknown key 'sujet'")
    assert group_line(group_findings([(None, d)])[0]) == (
        "campaigns/x.yaml:3: unknown key 'sujet' [error: schema]"
    )


def test_different_messages_stay_apart():
    a = Diagnostic("t", 1, "c", "info", "one")
    b = Diagnostic("t", 1, "c", "info", "two")
    assert len(group_findings([("j/a/a", a), ("j/b/a", b)])) == 2
