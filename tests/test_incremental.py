"""Incremental builds: only what changed is redone, and a failure loses nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mailglot.build import BuildOptions, build
from mailglot.plan import Selection
from tests.conftest import TODAY


def _statuses(project: Path, **selection) -> dict[str, str]:
    options = BuildOptions(Selection(**selection), workers=1, screenshots=False, today=TODAY)
    report = build(project, options)
    return {r.job.id: r.status for r in report.results}


def test_noop_rebuild_redoes_nothing_and_touches_nothing(example: Path):
    first = _statuses(example, campaigns=("winback",))
    assert set(first.values()) == {"built"}
    html = example / "build/winback/fr_FR/a/email.html"
    mtime = html.stat().st_mtime_ns
    second = _statuses(example, campaigns=("winback",))
    assert set(second.values()) == {"unchanged"}
    assert html.stat().st_mtime_ns == mtime


def test_changed_catalog_redoes_only_its_locale(example: Path):
    _statuses(example, campaigns=("winback", "renewal"))
    po = example / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _statuses(example, campaigns=("winback", "renewal"))
    rebuilt = {job for job, status in after.items() if status == "built"}
    assert rebuilt == {"winback/fr_FR/a", "winback/fr_FR/b", "renewal/fr_FR/a"}


def test_changed_partial_redoes_every_template_that_includes_it(example: Path):
    _statuses(example, campaigns=("winback", "renewal"), locales=("de_DE",))
    footer = example / "templates/partials/footer.mjml.j2"
    footer.write_text(footer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _statuses(example, campaigns=("winback", "renewal"), locales=("de_DE",))
    assert set(after.values()) == {"built"}


def test_changed_template_redoes_only_its_campaign(example: Path):
    _statuses(example, locales=("en_US",))
    template = example / "templates/renewal.mjml.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _statuses(example, locales=("en_US",))
    assert {j for j, s in after.items() if s == "built"} == {"renewal/en_US/a"}


def test_failed_job_keeps_its_previous_outputs(example: Path, cli):
    _statuses(example, campaigns=("renewal",), locales=("fr_FR",))
    out = example / "build/renewal/fr_FR/a"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    template = example / "templates/renewal.mjml.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if "plan=data.plan, date=renews" in line)
    lines[n] = lines[n].replace("data.plan", "data.plam")  # a typo
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        f"templates/renewal.mjml.j2:{n + 1}: data.plam is not set in campaigns/renewal.yaml; "
        "did you mean data.plan?" in result.output
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    manifest = json.loads((example / "build/manifest.json").read_text())
    [entry] = [j for j in manifest["jobs"] if j["id"] == "renewal/fr_FR/a"]
    assert entry["status"] == "failed" and entry["stale"] is True


def test_template_syntax_error_is_located(example: Path, cli):
    partial = example / "templates/partials/cta.mjml.j2"
    partial.write_text(
        partial.read_text(encoding="utf-8").replace("{{ cta_label }}", "{{ cta_label }"), "utf-8"
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 1
    assert "templates/partials/cta.mjml.j2:4: syntax error: unexpected '}'" in result.output


def test_serial_and_parallel_builds_give_identical_bytes(tmp_path: Path):
    from tests.conftest import copy_example

    serial, parallel = copy_example(tmp_path / "s"), copy_example(tmp_path / "p")
    sel = Selection(campaigns=("recommendations", "winback"))
    build(serial, BuildOptions(sel, workers=1, screenshots=False, today=TODAY))
    build(parallel, BuildOptions(sel, workers=2, screenshots=False, today=TODAY))
    files = sorted(
        p.relative_to(serial)
        for p in (serial / "build").rglob("*")
        if p.is_file() and p.name != ".lock"
    )
    assert len(files) > 100
    for rel in files:
        assert (serial / rel).read_bytes() == (parallel / rel).read_bytes(), rel


def test_two_builds_at_once_do_not_corrupt_each_other(example: Path):
    cmd = [
        sys.executable,
        "-m",
        "mailglot",
        "--project",
        str(example),
        "build",
        "--no-screenshots",
        "--campaign",
        "renewal",
    ]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    manifest = json.loads((example / "build/manifest.json").read_text())
    assert len([j for j in manifest["jobs"] if j["campaign"] == "renewal"]) == 12
    for meta in (example / "build/renewal").rglob("meta.json"):
        json.loads(meta.read_text())  # whole, parseable
    assert not list((example / "build").rglob("*.tmp"))


def test_partial_build_keeps_the_rest_of_the_manifest(example: Path):
    _statuses(example, campaigns=("renewal",))
    _statuses(example, campaigns=("renewal",), locales=("fr_FR",))
    manifest = json.loads((example / "build/manifest.json").read_text())
    assert len([j for j in manifest["jobs"] if j["campaign"] == "renewal"]) == 12


def test_campaign_that_stops_loading_keeps_its_jobs_listed_as_stale(example: Path, cli):
    _statuses(example, campaigns=("renewal",), locales=("de_DE",))
    campaign = example / "campaigns/renewal.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("template:", "templat:"))
    result = cli(example, "build", "--no-screenshots", "--campaign", "renewal")
    assert result.exit_code == 1
    manifest = json.loads((example / "build/manifest.json").read_text())
    entries = {j["id"]: j for j in manifest["jobs"]}
    assert entries["renewal/de_DE/a"]["status"] == "failed"
    assert entries["renewal/de_DE/a"]["stale"] is True
    assert entries["renewal@*"]["findings"][0]["message"].startswith("missing required key")
    assert (example / "build/renewal/de_DE/a/email.html").is_file()


def test_a_translation_with_broken_braces_never_stops_the_build(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Bienvenue chez Acme, {first_name}"',
            'msgstr "Bienvenue {first_name} :-}"',
        )
    )
    result = cli(project, "build", "--no-screenshots")
    meta = json.loads((project / "build/welcome/fr_FR/a/meta.json").read_text())
    assert meta["subject_preview"] == "Welcome to Acme, Sam"  # the source text, not a crash
    assert (project / "build/welcome/en_US/a/email.html").is_file()
    assert "Traceback" not in result.output


def test_full_build_removes_jobs_the_plan_no_longer_has(example: Path):
    build(example, BuildOptions(workers=1, screenshots=False, today=TODAY))
    assert (example / "build/winback/ja_JP/a/email.html").is_file()
    settings = example / "mailglot.yaml"
    settings.write_text(settings.read_text().replace(" ja_JP,", ""))
    build(example, BuildOptions(workers=1, screenshots=False, today=TODAY))
    assert not (example / "build/winback/ja_JP").exists()
    assert (example / "build/winback/de_DE/a/email.html").is_file()
