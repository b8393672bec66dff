"""A translation is text wherever it lands: what a translator writes may not become markup,
merge tags or template code, and text that merely looks odd must not break the email."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_example, run_cli

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
SINGULAR = 'msgid "Come back today and get %(percent)s off your first month."'
PLURAL = 'msgid_plural "Come back today and get %(percent)s off your first %(count)s months."'
FORM_1 = (
    "msgstr[1] \"Revenez dès aujourd'hui et profitez de %(percent)s de réduction sur vos"
    ' %(count)s premiers mois."'
)
HOSTILE = '<img src=\\"x\\" onerror=\\"alert(1)\\" /> {{evil}} *|UNSUB|*'


def _edit(project: Path, old: str, new: str) -> int:
    """Replace `old` in the French catalog; the line it starts on."""
    po = project / PO
    text = po.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    po.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _winback_fr(project: Path) -> tuple[str, str, str]:
    result = run_cli(
        project, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR"
    )
    out = project / "build/winback/fr_FR/a"
    return (
        result.output,
        (out / "email.html").read_text(encoding="utf-8"),
        (out / "email.txt").read_text(encoding="utf-8"),
    )


def test_markup_written_into_msgid_plural_and_its_form_is_not_used(tmp_path: Path) -> None:
    """gettext finds a plural entry by its msgid alone; the checks compared the forms with the
    .po's own msgid_plural, which the translator can edit too. The entry is now used only for
    the plural the template asks for."""
    project = copy_example(tmp_path / "p")
    line = (
        _edit(
            project,
            f"{SINGULAR}\n{PLURAL}",
            f'{SINGULAR}\nmsgid_plural "Come back {HOSTILE} %(percent)s %(count)s months."',
        )
        - 1
    )  # the entry's msgid line is where findings about it point
    _edit(project, FORM_1, f'msgstr[1] "Revenez {HOSTILE} %(percent)s %(count)s mois."')
    output, html, text = _winback_fr(project)
    for page in (html, text):
        assert "onerror" not in page
        assert "{{evil}}" not in page
        assert "*|UNSUB|*" not in page
    assert "Come back today and get" in text  # the source text, with English plural rules
    said = " ".join(output.split())
    assert f"{PO}:{line + 1}: warning: 'Come back today and get %(percent)s off your first" in said
    assert (
        'the catalog translates the plural \'Come back <img src="x" onerror="alert(1)" />'
        " {{evil}} *|UNSUB|* %(percent)s %(count)s months.', not the template's"
    ) in said


def test_a_translation_with_a_lone_less_than_sign_builds(tmp_path: Path) -> None:
    """`<` not starting a tag is text: it used to reach MRML raw, whose parser refused the
    whole email ('unable to parse next template in root template')."""
    project = copy_example(tmp_path / "p")
    _edit(project, 'msgstr "Votre code"', 'msgstr "Votre code (moins de < 3 jours) <3 ]]>"')
    output, html, text = _winback_fr(project)
    assert "2 built, 0 unchanged, 0 error(s), 0 warning(s)" in output
    assert "Votre code (moins de &lt; 3 jours) &lt;3 ]]&gt;" in html
    assert "Votre code (moins de < 3 jours) <3 ]]>" in text


def test_many_comment_openings_are_read_in_linear_time() -> None:
    """'<!' was read to the next '>' from every '<!': 20,000 of them with no '>' after took
    1.4 s, 200,000 would take minutes. A comment holds no '<', so each is read once."""
    import time

    from mailglot.i18n.checks.base import TAG as CHECKED_TAG
    from mailglot.i18n.untrusted import as_html

    text = "<!--" * 200_000
    started = time.process_time()
    assert as_html(text) == "&lt;!--" * 200_000
    assert CHECKED_TAG.findall(text) == []
    assert time.process_time() - started < 10
    assert as_html("a <!-- note --> <b>x</b>") == "a <!-- note --> <b>x</b>"
