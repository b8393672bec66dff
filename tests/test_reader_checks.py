"""Subject, preheader, lang/dir and layout tables: one planted fault each."""

from __future__ import annotations

from mailglot.checks.readers import (
    _all_tables_presentational,
    lang_dir_findings,
    parsed_table_findings,
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


TRICKY_TABLES = [
    '<table role="presentation"><tr><td>a</td></tr></table>',
    "<TABLE ROLE='None' border=0><tr><td>a</td></tr></TABLE>",
    '<table role="grid"><tr><td>a</td></tr></table>',
    '<table role=" presentation"><tr><td>a</td></tr></table>',
    '<table role="presentation" role="grid"><tr><td>a</td></tr></table>',
    '<table role="grid" role="presentation"><tr><td>a</td></tr></table>',
    '<table role="&#112;resentation"><tr><td>a</td></tr></table>',
    "<table role=presentation><tr><td>a</td></tr></table>",
    '<table/role="presentation"><tr><td>a</td></tr></table>',
    "<table title='role=\"presentation\"'><tr><td>a</td></tr></table>",
    '<table title="a>b" role="presentation"><tr><td>a</td></tr></table>',
    '<table\nrole="presentation"\n><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>',
    '<!-- <table> --><table role="none"><tr><td>a</td></tr></table>',
    '<table role="presentation"><tr><td><table><tr><td>x</td></tr></table></td></tr></table>',
    "<table><caption>Plans</caption><tr><td>a</td></tr></table>",
    "<p>no tables at all</p>",
    '<table role="presentation"><tr><td>a</td></tr></table><table',
    '<table title="<table role=\'grid\'>" role="presentation"><tr><td>a</td></tr></table>',
]


def test_the_parse_is_skipped_only_when_it_would_find_nothing():
    """table_findings skips the parse when every <table reads as role=presentation/none;
    whatever the text, it must find what the parser finds."""
    for body in TRICKY_TABLES:
        doc = f"<!doctype html>\n<html><body>\n{body}\n</body></html>"
        fast = codes(table_findings(doc, PATH))
        assert fast == codes(parsed_table_findings(doc, PATH)), body
    skipped = "<!doctype html><html><body>" + TRICKY_TABLES[0] + "</body></html>"
    assert _all_tables_presentational(skipped)
    assert not _all_tables_presentational(skipped.replace("presentation", "grid"))
