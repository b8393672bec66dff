"""Issue 10's corpus of hostile and broken inputs (tests/hostile/): each case's exact messages,
nothing leaked into the outputs, nothing outside the project changed, the other jobs built.

Cases that cannot disturb each other share one build (module fixtures), so the corpus costs a
handful of small builds, not one per case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.corpus import HEADER_TRANSLATIONS, PO, TRANSLATIONS, Case
from hostile.corpus_files import CAMPAIGNS, CATALOGS, CLI, SETTINGS_AND_CALENDARS, TEMPLATES
from hostile.harness import SECRET, Planted, lines_of, plant

ALL = [
    *(c for c, _, _ in TRANSLATIONS),
    *(c for c, _, _, _ in HEADER_TRANSLATIONS),
    *CATALOGS,
    *CAMPAIGNS,
    *TEMPLATES,
    *SETTINGS_AND_CALENDARS,
    *CLI,
]


def test_the_corpus_is_large_and_every_case_is_named_once():
    assert len(ALL) >= 60
    assert len({c.id for c in ALL}) == len(ALL)
    assert {c.family for c in ALL} >= {
        "translations",
        "catalogs",
        "campaigns",
        "templates",
        "settings",
        "calendars",
        "cli",
    }


def printed(expected: str, shown: list[str]) -> bool:
    """`path:line: message` is printed whole (the CLI may add the check code and the jobs after
    it, as `[error: code]`)."""
    return any(line == expected or line.startswith(expected + " [") for line in shown)


def _po_entry(msgid: str, msgstr: str) -> str:
    def q(s: str) -> str:
        return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")

    return f'msgid "{q(msgid)}"\nmsgstr "{q(msgstr)}"\n\n'


def _translation_project(tmp: Path) -> tuple[Planted, dict[str, int]]:
    """One build for every translation case: each msgid in text and in an attribute, each
    header case in its own campaign."""
    base = (Path(__file__).parent / "hostile/base" / PO).read_text(encoding="utf-8")
    po, lines = base + "\n", {}
    body = ['{% extends "layouts/base.mjml.j2" %}{% block content %}']
    files: dict[str, str | bytes | None] = {}
    for case, msgid, msgstr in TRANSLATIONS:
        lines[case.id] = po.count("\n") + 1
        po += _po_entry(msgid, msgstr)
        body.append(
            f'<mj-text><span title="{{{{ _({msgid!r}) }}}}">{{{{ _({msgid!r}) }}}}</span></mj-text>'
        )
    for case, cid, msgid, msgstr in HEADER_TRANSLATIONS:
        lines[case.id] = po.count("\n") + 1
        po += _po_entry(msgid, msgstr)
        subject, preheader = (f"Subject of {cid}", msgid) if cid.endswith("pre") else (msgid, "")
        files[f"campaigns/{cid}.yaml"] = (
            f'template: welcome.mjml.j2\nmarkets: all\nsubject: "{subject}"\n'
            f'preheader: "{preheader}"\n'
            'data: {strings: {intro: "Thanks for joining us.", tip: "Tip of the day"}}\n'
        )
    body.append("{% endblock %}\n")
    files[PO] = po
    files["templates/corpus.mjml.j2"] = "\n".join(body)
    files["campaigns/corpus.yaml"] = 'template: corpus.mjml.j2\nmarkets: all\nsubject: "Corpus"\n'
    return plant(tmp, files), lines


@pytest.fixture(scope="module")
def translation_build(tmp_path_factory: pytest.TempPathFactory):
    planted, lines = _translation_project(tmp_path_factory.mktemp("translations"))
    before = planted.snapshot()
    result = planted.run("build", "--no-screenshots")
    return planted, lines, result, before


CASES = [c for c, _, _ in TRANSLATIONS] + [c for c, _, _, _ in HEADER_TRANSLATIONS]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_translation_case(case: Case, translation_build) -> None:
    planted, lines, result, before = translation_build
    shown = lines_of(result)
    for message in case.messages:
        assert printed(message.replace("{line}", str(lines[case.id])), shown), "\n".join(shown)
    outputs = planted.outputs()
    for leak in (*case.leaks, SECRET):
        found = [name for name, text in outputs.items() if leak in text]
        assert not found, f"{leak!r} leaked into {found}"
    html = outputs["corpus/fr_FR/a/email.html"]
    for text in case.requires:
        assert text in html
    for job in (*case.built, "corpus/en_US/a", "corpus/fr_FR/a"):
        assert planted.built(job), job
    assert planted.snapshot() == before
    assert result.exit_code == (1 if any(c.messages for c in CASES) else 0)
    assert "Traceback" not in result.output


def _check(case: Case, planted: Planted, result, before: dict[str, str]) -> None:
    shown = lines_of(result)
    for message in case.messages:
        expected = message.replace("{outside}", str(planted.outside)).replace(
            "{project}", str(planted.root)
        )
        assert printed(expected, shown), "\n".join(shown)
    outputs = planted.outputs()
    for leak in (*case.leaks, SECRET):
        found = [name for name, text in outputs.items() if leak in text]
        assert not found, f"{leak!r} leaked into {found}"
    for job in case.built:
        assert planted.built(job), job
    assert planted.snapshot() == before, "files outside build/ changed"
    assert "Traceback" not in result.output, result.output


def _batch(tmp: Path, cases: list[Case], extra: dict[str, str] | None = None):
    files: dict = dict(extra or {})
    for case in cases:
        files.update(case.files)
    planted = plant(tmp, files)
    before = planted.snapshot()
    return planted, planted.run("build", "--no-screenshots"), before


@pytest.fixture(scope="module")
def campaign_build(tmp_path_factory: pytest.TempPathFactory):
    return _batch(tmp_path_factory.mktemp("campaigns"), CAMPAIGNS)


@pytest.mark.parametrize("case", CAMPAIGNS, ids=lambda c: c.id)
def test_campaign_case(case: Case, campaign_build) -> None:
    planted, result, before = campaign_build
    _check(case, planted, result, before)
    assert result.exit_code == 1


@pytest.fixture(scope="module")
def template_build(tmp_path_factory: pytest.TempPathFactory):
    settings = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text(encoding="utf-8")
    tmp = tmp_path_factory.mktemp("templates")
    return _batch(tmp, TEMPLATES, {"mailglot.yaml": settings + "render: {timeout_s: 1}\n"})


@pytest.mark.parametrize("case", TEMPLATES, ids=lambda c: c.id)
def test_template_case(case: Case, template_build) -> None:
    planted, result, before = template_build
    _check(case, planted, result, before)
    assert result.exit_code == 1


@pytest.mark.parametrize("case", CATALOGS + SETTINGS_AND_CALENDARS, ids=lambda c: c.id)
def test_file_case(case: Case, tmp_path: Path) -> None:
    planted, result, before = _batch(tmp_path, [case])
    _check(case, planted, result, before)
    assert result.exit_code == case.exit_code


@pytest.fixture(scope="module")
def built_base(tmp_path_factory: pytest.TempPathFactory):
    planted = plant(tmp_path_factory.mktemp("cli"), {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    return planted


@pytest.mark.parametrize("case", CLI, ids=lambda c: c.id)
def test_cli_case(case: Case, built_base: Planted) -> None:
    before = built_base.snapshot()
    result = built_base.run(*case.args)
    _check(case, built_base, result, before)
    assert result.exit_code == case.exit_code
