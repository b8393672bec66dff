"""A build's findings do not depend on how its jobs were shared among workers, nor on which
jobs a worker rendered before: serially, with two workers, and one campaign at a time, every
job has the same findings.

Jinja makes an imported template's module once per process and locale and keeps it, so what
its top-level code looks up (`{% set watch = _("Watch now") %}`) used to be recorded only for
the first job of the locale that a worker rendered: an untranslated 'Watch now' was on
winback/fr_FR/a and not on /b, and which jobs had it changed with the number of workers.
The project below uses one string, untranslated in fr_FR, in every way that reuses a module
(`{% import %}`, `{% from ... import %}`, `{% include ... without context %}`) and directly.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_example, run_cli

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
CTA = "templates/partials/cta.mjml.j2"
TRANSLATED = 'msgid "Watch now"\nmsgstr "Regarder"\n'
MISSING = "untranslated: 'Watch now'; the source text is used"
CAMPAIGNS = ("black_friday", "recommendations", "renewal", "winback")
FR_JOBS = [
    "black_friday/fr_FR/a",  # {% include "partials/watch.mjml.j2" without context %}
    "black_friday/fr_FR/b",
    "recommendations/fr_FR/a",  # {{ _("Watch now") }} in the template itself
    "renewal/fr_FR/a",  # {% from "partials/labels.mjml.j2" import watch %}
    "winback/fr_FR/a",  # {% import "partials/labels.mjml.j2" as labels %}
    "winback/fr_FR/b",
]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def imported_strings_project(dest: Path) -> int:
    """The example, with 'Watch now' set or shown by imported partials and left untranslated
    in fr_FR (an empty msgstr, as `mailglot update` leaves a new string); returns its line."""
    project = copy_example(dest)
    templates = project / "templates"
    (templates / "partials/labels.mjml.j2").write_text(
        '{#- Labels several emails share. -#}\n{% set watch = _("Watch now") %}\n',
        encoding="utf-8",
    )
    (templates / "partials/watch.mjml.j2").write_text(
        '<mj-section padding="0">\n  <mj-column>\n'
        '    <mj-button href="https://streamly.example/watch">{{ _("Watch now") }}</mj-button>\n'
        "  </mj-column>\n</mj-section>\n",
        encoding="utf-8",
    )
    extends = '{% extends "layouts/base.mjml.j2" %}\n'
    winback = templates / "winback.mjml.j2"
    _edit(winback, extends, extends + '{% import "partials/labels.mjml.j2" as labels %}\n')
    _edit(winback, '{{ _("Your code") }}', '{{ _("Your code") }} · {{ labels.watch }}')
    renewal = templates / "renewal.mjml.j2"
    _edit(renewal, extends, extends + '{% from "partials/labels.mjml.j2" import watch %}\n')
    _edit(renewal, 'cta_label = _("Manage my plan")', "cta_label = watch")
    cta = '{% include "partials/cta.mjml.j2" %}\n'
    include = '{% include "partials/watch.mjml.j2" without context %}\n'
    _edit(templates / "promo.mjml.j2", cta, cta + include)
    # a finding of another check that judges what it reads once per process (Node mjml's
    # attribute rules), on the 58 jobs whose template includes the call to action
    button = '<mj-button href="{{ cta_url }}"'
    _edit(templates / "partials/cta.mjml.j2", button, button + ' colour="red"')
    po = project / PO
    _edit(po, TRANSLATED, 'msgid "Watch now"\nmsgstr ""\n')
    lines = po.read_text(encoding="utf-8").splitlines()
    return lines.index('msgid "Watch now"') + 1


def _build(project: Path, *args: str) -> str:
    result = run_cli(project, "build", "--no-screenshots", *args)
    assert result.exit_code == 0, result.output
    return result.output


def meta_findings(project: Path) -> dict[str, list[dict[str, Any]]]:
    """Each job's findings, as its meta.json has them."""
    out = {}
    for meta in sorted((project / "build").glob("*/*/*/meta.json")):
        job = meta.parent.relative_to(project / "build").as_posix()
        out[job] = json.loads(meta.read_text(encoding="utf-8"))["findings"]
    return out


def manifest_findings(project: Path) -> dict[str, Any]:
    """The manifest's findings: each job's, and the build's own. The rest of the manifest
    was the same too when this was written; what may legitimately differ between two builds
    of one project (build/.state.json and .noop.json hold file times) is left out."""
    manifest = json.loads((project / "build/manifest.json").read_text(encoding="utf-8"))
    jobs = {job["id"]: job.get("findings") for job in manifest["jobs"]}
    return {"jobs": jobs, "diagnostics": manifest["diagnostics"]}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project built serially, with two workers, and one campaign at a time (the last
    kept in one folder per campaign): in each, some jobs meet the imported modules first."""
    root = tmp_path_factory.mktemp("determinism")
    out = {}
    for name, args in (("serial", ("--jobs", "1")), ("workers", ("--jobs", "2"))):
        out[name] = root / name
        imported_strings_project(out[name])
        _build(out[name], *args)
    for campaign in CAMPAIGNS:
        out[campaign] = root / campaign
        imported_strings_project(out[campaign])
        _build(out[campaign], "--jobs", "1", "--campaign", campaign)
    return out


def test_serial_and_two_workers_give_every_job_the_same_findings(
    builds: dict[str, Path],
) -> None:
    serial, workers = builds["serial"], builds["workers"]
    found = meta_findings(serial)
    assert len(found) == 70
    cta = [job for job, findings in found.items() if any(f["path"] == CTA for f in findings)]
    assert len(cta) == 58  # every template but recommendations includes the call to action
    assert meta_findings(workers) == meta_findings(serial)
    assert manifest_findings(workers) == manifest_findings(serial)


def test_a_campaign_built_alone_has_the_findings_it_has_in_the_whole_build(
    builds: dict[str, Path],
) -> None:
    whole = meta_findings(builds["serial"])
    for campaign in CAMPAIGNS:
        alone = meta_findings(builds[campaign])
        assert alone, campaign
        assert alone == {job: whole[job] for job in alone}, campaign


def test_every_job_using_an_imported_untranslated_string_reports_it(
    builds: dict[str, Path],
) -> None:
    lines = (builds["serial"] / PO).read_text(encoding="utf-8").splitlines()
    line = lines.index('msgid "Watch now"') + 1
    missing = {
        "path": PO,
        "line": line,
        "code": "l10n.missing",
        "severity": "warning",
        "message": MISSING,
    }
    found = meta_findings(builds["serial"])
    assert [job for job, findings in found.items() if missing in findings] == FR_JOBS
    for job in ("winback/fr_FR/b", "black_friday/fr_FR/b"):  # reusing the kept module
        assert _translation_findings(found[job]) == [missing], job


def test_the_build_says_which_jobs_use_the_untranslated_string(tmp_path: Path) -> None:
    project = tmp_path / "project"
    line = imported_strings_project(project)
    said = f"{PO}:{line}: warning: {MISSING} [l10n.missing]"
    output = _build(project, "--jobs", "1", "--campaign", "winback", "--locale", "fr_FR")
    assert [row for row in output.splitlines() if "Watch now" in row] == [
        f"{said} (2 jobs: winback/fr_FR/a, winback/fr_FR/b)"
    ]
    shutil.rmtree(project / "build")
    output = _build(project, "--jobs", "1", "--locale", "fr_FR")
    assert [row for row in output.splitlines() if "Watch now" in row] == [
        f"{said} (6 jobs: {', '.join(FR_JOBS[:3])} and 3 more (all with --json))"
    ]


def test_a_project_without_the_string_reports_nothing_about_it(tmp_path: Path) -> None:
    """The replayed lookups are the module's own: with 'Watch now' translated again, no job
    reports it, however many jobs reused the partials."""
    project = tmp_path / "project"
    imported_strings_project(project)
    _edit(project / PO, 'msgid "Watch now"\nmsgstr ""\n', TRANSLATED)
    output = _build(project, "--jobs", "1", "--locale", "fr_FR")
    assert "Watch now" not in output
    found = meta_findings(project)
    assert len(found) == 6
    assert all(_translation_findings(findings) == [] for findings in found.values())


def _translation_findings(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"].startswith(("l10n.", "catalog."))]
