"""What an imported template's top-level code looks up counts for every job that reuses its
module (render.imported), exactly: not for a job that does not import it, nested imports
included, and a translated string stays unreported."""

from __future__ import annotations

from pathlib import Path

from mailglot.i18n.environment import LocaleEnvironment, locale_environment

PO = """\
msgid ""
msgstr ""
"Language: fr_FR\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Hello"
msgstr "Bonjour"

#, fuzzy
msgid "Your code"
msgstr "Votre code"
"""


def _environment(root: Path, templates: dict[str, str]) -> LocaleEnvironment:
    po = root / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    (root / "templates").mkdir()
    for name, source in templates.items():
        (root / "templates" / name).write_text(source, encoding="utf-8")
    return locale_environment(root, "fr_FR", "en_US", "EUR", "Europe/Paris")


def _job(lenv: LocaleEnvironment, name: str, **context: object) -> tuple[str, list, list]:
    """One job's render: its text, its missing strings, its catalog findings' lines."""
    lenv.catalog.start_job()
    text = lenv.env.get_template(name).render(context)
    missing = lenv.catalog.recorder.take_missing()
    return text, missing, [found.line for found in lenv.catalog.job_findings()]


def test_each_job_reusing_an_imported_module_gets_its_lookups(tmp_path: Path) -> None:
    lenv = _environment(
        tmp_path,
        {
            "labels.j2": '{% set watch = _("Watch now") %}{% set code = _("Your code") %}'
            '{% set hello = _("Hello") %}',
            "a.j2": '{% import "labels.j2" as l %}{{ l.watch }}|{{ l.code }}|{{ l.hello }}',
            "b.j2": '{% from "labels.j2" import watch %}{{ watch }}',
        },
    )
    both = [(None, "Watch now"), (None, "Your code")]  # a fuzzy entry is not used
    expected = ("Watch now|Your code|Bonjour", both, [11])
    assert _job(lenv, "a.j2") == expected  # the job that makes the module
    assert _job(lenv, "a.j2") == expected  # a job that reuses it
    # importing one name runs the whole module, as the job that makes it always did
    assert _job(lenv, "b.j2") == ("Watch now", both, [11])
    assert lenv.catalog.looked_up == {(None, "Watch now"), (None, "Your code"), (None, "Hello")}


def test_a_job_that_does_not_import_the_module_gets_nothing_of_it(tmp_path: Path) -> None:
    lenv = _environment(
        tmp_path,
        {
            "labels.j2": '{% set watch = _("Watch now") %}',
            "main.j2": '{% if show %}{% import "labels.j2" as l %}{{ l.watch }}{% endif %}.',
        },
    )
    assert _job(lenv, "main.j2", show=True) == ("Watch now.", [(None, "Watch now")], [])
    assert _job(lenv, "main.j2", show=False) == (".", [], [])
    assert lenv.catalog.looked_up == set()
    assert _job(lenv, "main.j2", show=True) == ("Watch now.", [(None, "Watch now")], [])


def test_nested_imports_and_lookups_made_before_the_import_are_kept(tmp_path: Path) -> None:
    """The job's own lookups made before the import stay in its record; the outer module's
    replay holds what the inner one looked up (the inner is not made again)."""
    lenv = _environment(
        tmp_path,
        {
            "inner.j2": '{% set label = _("Your code") %}',
            "outer.j2": '{% import "inner.j2" as i %}{% set both = i.label ~ _("Watch now") %}',
            "main.j2": '{{ _("Later") }}{{ _("Watch now") }}{% import "outer.j2" as o %}'
            "{{ o.both }}",
        },
    )
    first = _job(lenv, "main.j2")
    assert first == (
        "LaterWatch nowYour codeWatch now",
        [(None, "Later"), (None, "Watch now"), (None, "Your code")],
        [11],
    )
    assert _job(lenv, "main.j2") == first


def test_an_include_without_context_is_replayed_too(tmp_path: Path) -> None:
    lenv = _environment(
        tmp_path,
        {
            "note.j2": '{{ _("Your code") }} {{ _("Watch now") }}',
            "main.j2": '{% include "note.j2" without context %}',
        },
    )
    expected = ("Your code Watch now", [(None, "Watch now"), (None, "Your code")], [11])
    assert _job(lenv, "main.j2") == expected
    assert _job(lenv, "main.j2") == expected


def test_a_module_that_failed_is_not_kept_and_runs_again(tmp_path: Path) -> None:
    lenv = _environment(
        tmp_path,
        {
            "labels.j2": '{% set watch = _("Watch now") %}{% set x = 1 / n %}',
            "main.j2": '{% import "labels.j2" as l %}{{ l.watch }}',
        },
    )
    lenv.env.globals["n"] = 0
    lenv.catalog.start_job()
    try:
        lenv.env.get_template("main.j2").render()
    except ZeroDivisionError:
        pass
    else:
        raise AssertionError("the import should have failed")
    assert lenv.catalog.recorder.missing == {(None, "Watch now")}  # the failed job's record
    lenv.env.globals["n"] = 1
    assert _job(lenv, "main.j2") == ("Watch now", [(None, "Watch now")], [])
    assert _job(lenv, "main.j2") == ("Watch now", [(None, "Watch now")], [])


def test_a_module_kept_without_its_lookups_is_made_again(tmp_path: Path) -> None:
    """A render timeout is raised between any two bytecodes: one landing after Jinja kept the
    module but before its lookups were noted apart must not leave every later job of the
    locale without them."""
    lenv = _environment(
        tmp_path,
        {
            "labels.j2": '{% set watch = _("Watch now") %}',
            "main.j2": '{% import "labels.j2" as l %}{{ l.watch }}',
        },
    )
    record = lenv.env.lookup_record
    real = record.apart

    def struck(make):  # the module is made (and kept by Jinja), then the timeout strikes
        make()
        raise TimeoutError("render.timeout_s")

    record.apart = struck
    lenv.catalog.start_job()
    try:
        lenv.env.get_template("main.j2").render()
    except TimeoutError:
        pass
    else:
        raise AssertionError("the simulated timeout should have been raised")
    record.apart = real
    assert _job(lenv, "main.j2") == ("Watch now", [(None, "Watch now")], [])
    assert _job(lenv, "main.j2") == ("Watch now", [(None, "Watch now")], [])
