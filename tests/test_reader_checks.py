"""Subject, preheader, lang/dir and layout tables: one planted fault each."""

from __future__ import annotations

from mailglot.checks.readers import (
    lang_dir_findings,
    preheader_findings,
    subject_findings,
    table_findings,
)

PATH = "build/promo/ar_SA/a/email.html"
HTML = (
    '<!doctype html>\n<html lang="ar-SA" dir="rtl">\n<body>\n'
    '<div style="display:none">عرض الجمعة البيضاء</div>\n'
    '<table role="presentation"><tr><td>ok</td></tr></table>\n'
    "<table><tr><th>Plan</th></tr><tr><td>data table</td></tr></table>\n"
    '<table border="0" cellpadding="0"><tr><td>layout</td></tr></table>\n</body></html>'
)


def codes(findings):
    return [(d.code, d.severity, d.line) for d in findings]


def test_empty_subject_is_an_error():
    assert codes(subject_findings("  ", PATH)) == [("subject.missing", "error", None)]
    assert not list(subject_findings("عرض الجمعة البيضاء", PATH))


def test_preheader_missing_long_or_absent_from_html():
    assert codes(preheader_findings("", HTML, PATH)) == [("preheader.missing", "warning", None)]
    assert not list(preheader_findings("عرض الجمعة البيضاء", HTML, PATH))
    [absent] = preheader_findings("Members save more", HTML, PATH)
    assert absent.code == "preheader.absent"
    long = "長い" * 40  # 80 CJK characters = 160 columns
    found = codes(preheader_findings(long, HTML + long, PATH))
    assert found == [("preheader.length", "warning", None)]


def test_lang_and_dir_must_match_the_locale():
    assert not list(lang_dir_findings(HTML, "ar-SA", "rtl", PATH))
    wrong = list(lang_dir_findings(HTML.replace(' dir="rtl"', ""), "ar-SA", "rtl", PATH))
    assert codes(wrong) == [("i18n.lang-dir", "error", 2)]
    assert wrong[0].message.startswith('<html> dir is missing, the locale needs dir="rtl"')


def test_only_layout_tables_without_role_presentation():
    [table] = table_findings(HTML, PATH)
    assert (table.code, table.severity, table.line) == ("a11y.table-role", "warning", 7)
    assert 'border="0" cellpadding="0"' in table.message
