"""A catalog finding about one entry is reported on the emails that use that entry, and a
finding about the whole file on every email of the locale.

A fuzzy string of the black_friday template was listed on every winback job of the locale
too, '(2 jobs: winback/en_CA/a, winback/en_CA/b)' in a `build --campaign winback`, though no
winback email contains it. Built from a copy of the example through the CLI, with real
`.po` edits in en_CA: the translation changes nothing in English, so every finding here
comes from the edit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from mailglot.errors import Diagnostic
from mailglot.i18n.attribution import entry_msgid_line
from mailglot.i18n.environment import locale_environment
from tests.conftest import run_cli

PO = "locales/en_CA/LC_MESSAGES/messages.po"
FUZZY = ("#: templates/promo.mjml.j2:20\n", "#: templates/promo.mjml.j2:20\n#, fuzzy\n")
SUBJECT_B = ('msgstr "Come back for {percent}% off"', 'msgstr "Come back for a discount"')
PLURAL = (
    'msgstr[1] "%(count)s series you follow have new episodes."',
    'msgstr[1] "Several series you follow have new episodes."',
)
PROMO_JOBS = {"black_friday/en_CA/a", "black_friday/en_CA/b"}


def edit_po(project: Path, *edits: tuple[str, str]) -> str:
    path = project / PO
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def build(project: Path, *args: str) -> dict[str, set[tuple[int | None, str]]]:
    """Each job's catalog findings, (line, code), as `build --json` reports them."""
    result = run_cli(project, "build", "--locale", "en_CA", "--no-screenshots", "--json", *args)
    assert result.exit_code in (0, 1), result.output
    out: dict[str, set[tuple[int | None, str]]] = {}
    for found in json.loads(result.stdout)["findings"]:
        if found["path"] == PO and found["code"] != "l10n.missing":
            out.setdefault(found["job"], set()).add((found["line"], found["code"]))
    return out


def en_ca_jobs(project: Path) -> set[str]:
    metas = (project / "build").glob("*/en_CA/*/meta.json")
    return {m.parent.relative_to(project / "build").as_posix() for m in metas}


def jobs_with(found: dict[str, set[tuple[int | None, str]]], finding: tuple[int, str]) -> set[str]:
    return {job for job, findings in found.items() if finding in findings}


def test_an_entry_finding_is_on_the_jobs_whose_email_uses_the_entry(example: Path) -> None:
    text = edit_po(example, FUZZY, SUBJECT_B, PLURAL)
    fuzzy = (line_of(text, 'msgid "Our best offer of the year"'), "catalog.fuzzy")
    subject_b = (
        line_of(text, 'msgid "Come back for {percent}% off"'),
        "catalog.placeholders.missing",
    )
    plural = (line_of(text, 'msgid "One series you follow has'), "catalog.placeholders.missing")
    found = build(example)
    jobs = en_ca_jobs(example)
    assert {"winback/en_CA/a", "winback/en_CA/b", "recommendations/en_CA/a"} <= jobs
    assert jobs_with(found, fuzzy) == PROMO_JOBS  # the promo template's heading
    assert jobs_with(found, subject_b) == {"winback/en_CA/b"}  # variant b's subject line
    assert jobs_with(found, plural) == {
        job for job in jobs if job.startswith("recommendations/")
    }  # an ngettext entry ({% trans count=... %})
    meta = json.loads((example / "build/winback/en_CA/a/meta.json").read_text(encoding="utf-8"))
    assert [f for f in meta["findings"] if f["path"] == PO] == []


def test_a_build_of_another_campaign_reports_none_of_it(example: Path) -> None:
    edit_po(example, FUZZY)
    assert build(example, "--campaign", "winback") == {}
    found = build(example, "--campaign", "black_friday")
    assert set(found) == PROMO_JOBS


def test_a_broken_line_of_an_entry_is_charged_to_that_entry(example: Path) -> None:
    """The invalid escape is on the msgstr line, not the msgid line the entry is known by."""
    text = edit_po(example, ('msgstr "Get the deal"', 'msgstr "Get the deal\\q"'))
    line = line_of(text, 'msgstr "Get the deal')
    found = build(example)
    assert jobs_with(found, (line, "catalog.syntax")) == PROMO_JOBS


def test_a_msgid_translated_twice_is_charged_to_that_msgid(example: Path) -> None:
    """The catalog keeps one entry of the two: only the parser sees the second one's line."""
    path = example / PO
    text = path.read_text(encoding="utf-8")
    text += '\n#: templates/promo.mjml.j2:27\nmsgid "Get the deal"\nmsgstr "Grab the deal"\n'
    path.write_text(text, encoding="utf-8")
    found = build(example)
    assert jobs_with(found, (len(text.splitlines()) - 1, "catalog.duplicate")) == PROMO_JOBS


def test_file_wide_problems_reach_every_job_of_the_locale(example: Path) -> None:
    header = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    text = edit_po(
        example,
        (header, '"Plural-Forms: nplurals=2; plural=(n !=);\\n"'),
        ('"Generated-By: Babel 2.19.0\\n"\n\n', '"Generated-By: Babel 2.19.0\\n"\n\nnonsense\n\n'),
    )
    plural_forms = (line_of(text, '"Plural-Forms:'), "catalog.plural-forms")
    stray = (line_of(text, "nonsense"), "catalog.syntax")
    found = build(example)
    jobs = en_ca_jobs(example)
    assert {job.split("/")[0] for job in jobs} == {
        "black_friday",
        "recommendations",
        "renewal",
        "winback",
    }
    assert jobs_with(found, plural_forms) == jobs
    assert jobs_with(found, stray) == jobs


def test_a_catalog_cut_short_is_reported_on_every_job(example: Path) -> None:
    """A msgid with no msgstr is where a file was cut short (the finding asks so): the
    strings lost after it may be in any email, so it is not charged to its own entry."""
    path = example / PO
    text = path.read_text(encoding="utf-8")
    cut = text.index('msgid "Get the deal"') + len('msgid "Get the deal"\n')
    path.write_text(text[:cut], encoding="utf-8")
    found = build(example)
    line = len(text[:cut].splitlines())
    assert jobs_with(found, (line, "catalog.syntax")) == en_ca_jobs(example)


def test_an_unreadable_catalog_is_reported_on_every_job(example: Path) -> None:
    edit_po(example, ("charset=utf-8", "charset=latin-9x"))
    found = build(example, "--campaign", "winback")
    assert set(found) == {"winback/en_CA/a", "winback/en_CA/b"}
    assert all(codes == {(17, "catalog.charset")} for codes in found.values())


def test_l10n_status_still_lists_what_no_email_uses(example: Path) -> None:
    text = edit_po(example, FUZZY)
    result = run_cli(example, "l10n-status", "--json")
    data = json.loads(result.stdout)
    en_ca = next(s for s in data["locales"] if s["locale"] == "en_CA")
    line = line_of(text, 'msgid "Our best offer of the year"')
    assert [(p["line"], p["code"]) for p in en_ca["problems"]] == [(line, "catalog.fuzzy")]


def test_a_catalog_change_rebuilds_the_findings(example: Path) -> None:
    edit_po(example, FUZZY)
    assert set(build(example, "--campaign", "black_friday")) == PROMO_JOBS
    edit_po(example, (FUZZY[1], FUZZY[0]))
    assert build(example, "--campaign", "black_friday") == {}


CONTEXTS_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgctxt "button"
msgid "Open"
msgstr "Ouvrir {{ x }}"

msgctxt "menu"
msgid "Open"
msgstr "Ouvert"

#, fuzzy
msgctxt "count"
msgid "%(num)s file"
msgid_plural "%(num)s files"
msgstr[0] "%(num)s fichier"
msgstr[1] "%(num)s fichiers"
"""


def _project(root: Path) -> Path:
    po = root / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(CONTEXTS_PO, encoding="utf-8")
    (root / "templates").mkdir()
    return root


def _codes(found: Iterable[Diagnostic]) -> list[tuple[int | None, str]]:
    return [(f.line, f.code) for f in found]


def test_pgettext_and_npgettext_lookups_are_charged_by_context(tmp_path: Path) -> None:
    lenv = locale_environment(_project(tmp_path), "fr_FR", "en_US", "EUR", "Europe/Paris")
    catalog = lenv.catalog
    assert _codes(catalog.diagnostics) == [(7, "catalog.syntax-injection"), (16, "catalog.fuzzy")]
    catalog.start_job()
    assert lenv.env.from_string('{{ pgettext("menu", "Open") }}').render() == "Ouvert"
    assert catalog.job_findings() == []  # the same msgid in another context
    catalog.start_job()
    lenv.env.from_string('{{ pgettext("button", "Open") }}').render()
    assert _codes(catalog.job_findings()) == [(7, "catalog.syntax-injection")]
    catalog.start_job()
    lenv.env.from_string('{{ npgettext("count", "%(num)s file", "%(num)s files", 2) }}').render()
    assert _codes(catalog.job_findings()) == [(16, "catalog.fuzzy")]


def test_a_failed_render_does_not_leave_its_lookups_to_the_next_job(tmp_path: Path) -> None:
    lenv = locale_environment(_project(tmp_path), "fr_FR", "en_US", "EUR", "Europe/Paris")
    catalog = lenv.catalog
    catalog.start_job()
    try:
        lenv.env.from_string('{{ pgettext("button", "Open") }}{{ nothing.here }}').render()
    except Exception:
        pass
    else:
        raise AssertionError("the render should have failed")
    catalog.start_job()
    assert lenv.gettext("Something else") == "Something else"
    assert catalog.job_findings() == []


def test_entry_lines_follow_the_strict_reading() -> None:
    lines = CONTEXTS_PO.splitlines()
    assert entry_msgid_line(lines, 6) == 7  # msgctxt, before its msgid
    assert entry_msgid_line(lines, 8) == 7  # msgstr
    assert entry_msgid_line(lines, 9) is None  # blank
    assert entry_msgid_line(lines, 14) == 16  # the flag comment: the entry's block
    assert entry_msgid_line(lines, 19) == 16  # msgstr[1]
    glued = ['msgid "a"', 'msgstr "b"', 'msgctxt "c"', 'msgid "d"', 'msgstr "e"', '"f"']
    assert [entry_msgid_line(glued, n) for n in range(1, 7)] == [1, 1, 4, 4, 4, 4]


def test_a_string_an_imported_template_sets_is_charged_to_every_job_using_it(
    example: Path,
) -> None:
    """Jinja runs an imported template's top-level code once per environment and keeps the
    module, so only the first job of a locale in a worker looked its strings up: the fuzzy
    'Your code', set in an imported partial, was on winback/en_CA/a and not on /b."""
    partial = example / "templates/partials/labels.mjml.j2"
    partial.write_text('{% set your_code = _("Your code") %}\n', encoding="utf-8")
    winback = example / "templates/winback.mjml.j2"
    source = winback.read_text(encoding="utf-8")
    assert source.count('{{ _("Your code") }}') == 1
    source = source.replace('{{ _("Your code") }}', "{{ labels.your_code }}")
    head, _, rest = source.partition("\n")
    winback.write_text(
        f'{head}\n{{% import "partials/labels.mjml.j2" as labels %}}\n{rest}', encoding="utf-8"
    )
    text = edit_po(example, ('msgid "Your code"\n', '#, fuzzy\nmsgid "Your code"\n'))
    fuzzy = (line_of(text, 'msgid "Your code"'), "catalog.fuzzy")
    found = build(example, "--campaign", "winback", "--jobs", "1")
    assert jobs_with(found, fuzzy) == {"winback/en_CA/a", "winback/en_CA/b"}
