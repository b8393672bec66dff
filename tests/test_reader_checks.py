"""Subject, preheader, lang/dir and layout tables: one planted fault each."""

from __future__ import annotations

from mailglot.checks.readers import (
    _all_tables_presentational,
    _plainly_in_text,
    _words,
    lang_dir_findings,
    parsed_table_findings,
    preheader_findings,
    subject_findings,
    table_findings,
)
from mailglot.i18n.checks import display_columns

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


# Each preheader against a document: (preheader, HTML, whether a reader sees it).
PREHEADER_CASES = [
    ("Save 40% today", "<html><body><div>Save 40% today</div></body></html>", True),
    ("Save 40% today", '<html><body><div title="Save 40% today"></div></body></html>', False),
    ("Save 40% today", "<html><body><!-- Save 40% today --></body></html>", False),
    ("Save 40% today", "<html><body><!-- x > Save 40% today --></body></html>", True),
    ("Save 40% today", "<p>Save <b>40%</b> today</p>", True),  # only the long way
    ("Tom & Jerry", "<p>Tom &amp; Jerry</p>", True),  # '&' in the text: the long way
    ("23 films", "<p>&#1023 films</p>", False),  # the reference takes the digits
    ("23 films", "<p>&#10; 23 films</p>", True),
    ("pere is here", "<p>&amppere is here</p>", True),  # '&am' + 'pere...' decodes to '&pere'
    ("x y", "<p>x\n  y</p>", True),
    ("ab", "<a <>ab", True),
    ("ab", "<a ab>", False),
    ("ab", "<><>ab", True),
    ("ab", "a<b>ab", True),
]


def test_a_preheader_found_as_written_is_judged_as_the_long_way_judges_it():
    """The shortcut may only say "present" where the words a reader sees say so too."""
    for text, html, seen in PREHEADER_CASES:
        assert (text in _words(html)) is seen, (text, html)
        if _plainly_in_text(text, html):
            assert seen, (text, html)
        absent = [d for d in preheader_findings(text, html, PATH) if d.code == "preheader.absent"]
        assert bool(absent) is not seen, (text, html)
    assert _plainly_in_text("Save 40% today", PREHEADER_CASES[0][1])
    assert not _plainly_in_text("Save 40% today", PREHEADER_CASES[1][1])
    assert not _plainly_in_text("23 films", PREHEADER_CASES[6][1])


def test_columns_of_ascii_and_of_wide_or_combining_text():
    assert display_columns("Black Friday: 40% off") == 21
    assert display_columns("Cafe\u0301 ouvert") == 11  # the combining accent takes no column
    assert display_columns("ブラックフライデー") == 18
    assert display_columns("") == 0
