"""Every translation check on literal input: (source, translation, policy) -> exact findings.

A table instead of a build per case: each row is what a translator typed and what mailglot
must say about it, so a check that stops catching a fault (or starts flagging a correct
translation) fails here by name.
"""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from mailglot.i18n.checks import CHECKS, CODES, Pair, Policy
from mailglot.i18n.checks.french import apply_edits, spacing_edits
from mailglot.i18n.checks.screening import pairs, single_number_forms

HELP = ("https://streamly.example/{lang}/**",)

# (source, translation, Policy fields, [(code, text)]), for fr_FR unless the policy says.
CASES = [
    ("URL", "URL", {"locale": "de_DE"}, []),
    ("%s KB", "%s KB", {"locale": "ga_IE"}, []),
    (
        "IPv4 address",
        "IPv4 address",
        {"locale": "de_DE"},
        [("catalog.unchanged", "translation is the same as the source text")],
    ),
    ("Enter a valid date/time.", "ಸರಿಯಾದ ದಿನಾಂಕ/ಸಮಯವನ್ನು ನಮೂದಿಸಿ.", {"locale": "kn_IN"}, []),
    ("%s of %d selected", "%s sur %d sélectionnés", {}, []),
    (
        "%s of %d selected",
        "%s sélectionnés",
        {},
        [
            (
                "catalog.placeholders.percent",
                "1 %-conversion(s) where the source has 2 (%s %d): the string would fail to format",
            )
        ],
    ),
    ("Save 100%% now", "Économisez 100 %% maintenant", {}, []),
    ("Format: [DD] [[HH:]MM:]ss", "Format\u00a0: [JJ] [HH:[MM:]]ss", {}, []),
    ("Boolean (True or False)", "Boolean (True\u200bឬ False)", {"locale": "km_KH"}, []),
    (
        "Welcome to Acme, {first_name}",
        "Bienvenue chez Acme",
        {},
        [("catalog.placeholders.missing", "placeholder missing: {first_name}")],
    ),
    (
        "Welcome to Acme, {first_name}",
        "Bienvenue chez Acme, {prenom}",
        {},
        [
            ("catalog.placeholders.missing", "placeholder missing: {first_name}"),
            ("catalog.placeholders.unknown", "placeholder not in the source text: {prenom}"),
        ],
    ),
    (
        "Welcome, %(name)s.",
        "Bienvenue.",
        {},
        [("catalog.placeholders.missing", "placeholder missing: %(name)s")],
    ),
    (
        "Get started",
        "Commencer<script>alert(1)</script>",
        {},
        [("catalog.markup", "markup not in the source text: </script>, <script>")],
    ),
    (
        "Get started",
        '<a href="https://evil.example">Commencer</a>',
        {},
        [("catalog.markup", "markup not in the source text: </a>, <a href=https://evil.example>")],
    ),
    (
        "Get started",
        "Commencer {{ config }}",
        {},
        [
            (
                "catalog.syntax-injection",
                "template or merge-tag syntax {{ }} (translations are text, never code)",
            )
        ],
    ),
    (
        "Get started",
        "Commencer *|UNSUB|*",
        {},
        [
            (
                "catalog.syntax-injection",
                "template or merge-tag syntax *| |* (translations are text, never code)",
            )
        ],
    ),
    (
        "Get started",
        '<span onclick="alert(1)">Commencer</span>',
        {},
        [("catalog.markup", "markup not in the source text: </span>, <span onclick=alert(1)>")],
    ),
    (
        "Get started",
        "Commencer<!-- x -->",
        {},
        [("catalog.markup", "markup not in the source text: <!-- x -->")],
    ),
    (
        "Get started",
        "Commencer &lt;script&gt;",
        {},
        [
            (
                "catalog.markup",
                "character references that decode to markup: &gt;, &lt; (write the text itself; translations may not build tags, even escaped)",
            )
        ],
    ),
    (
        "Get started",
        "Commencer<svg/onload=alert(1)>",
        {},
        [("catalog.markup", "markup not in the source text: <svg onload=alert(1)>")],
    ),
    (
        "Get started",
        "Commencer <img src=x onerror=alert(1)",
        {},
        [
            (
                "catalog.markup",
                "'<img src=x onerror=alert(1)' starts a tag that is never closed with '>' (it would swallow the email's own markup); write the text without '<'",
            )
        ],
    ),
    (
        "Welcome to Acme, {first_name}",
        "Bienvenue {first_name} {first_name.__class__}",
        {},
        [
            (
                "catalog.placeholders.unknown",
                "placeholder not in the source text: {first_name.__class__}",
            )
        ],
    ),
    (
        "Plans start at %(price)s a month.",
        "Dès %(price)s par mois, -10% la 1re année.",
        {},
        [
            (
                "catalog.placeholders.percent",
                "a literal % must be written %% in this string (the template formats it)",
            )
        ],
    ),
    (
        'Read our <a href="https://acme.example/terms">terms</a>.',
        'Lisez nos <a href="https://acme.example/terms">conditions.',
        {},
        [
            (
                "catalog.markup",
                "unbalanced tags: every opened tag must be closed in the same order",
            ),
            ("catalog.markup.missing", "markup of the source text missing: </a>"),
        ],
    ),
    (
        'Read our <a href="https://acme.example/terms">terms</a>.',
        "Lisez nos conditions.",
        {},
        [
            (
                "catalog.markup.missing",
                "markup of the source text missing: </a>, <a href=https://acme.example/terms>",
            )
        ],
    ),
    (
        'Visit <a href="https://streamly.example/en/help">help</a>.',
        'Voir <a href="https://streamly.example/fr/help">l\'aide</a>.',
        {"allowed_links": HELP},
        [],
    ),
    (
        'Visit <a href="https://streamly.example/en/help">help</a>.',
        'Voir <a href="https://streamly.example/de/help">l\'aide</a>.',
        {"allowed_links": HELP},
        [
            (
                "catalog.markup",
                "link changed to https://streamly.example/de/help, which l10n.allowed_links does not allow",
            )
        ],
    ),
    (
        "The 1st of the month",
        "Le 1<sup>er</sup> du mois",
        {},
        [("catalog.markup", "markup not in the source text: </sup>, <sup>")],
    ),
    (
        "The 1st of the month",
        "Le 1<sup>er</sup> du mois",
        {"typographic_tags": frozenset(["sup"])},
        [],
    ),
    (
        "The 1st",
        '<span class="x">Le 1er</span>',
        {"typographic_tags": frozenset(["span"])},
        [("catalog.markup", "markup not in the source text: <span class=x>")],
    ),
    ("Press [[OK]]", "Appuyez sur [[OK]]", {}, []),
    (
        "Save 40% today",
        "Économisez 50 % aujourd'hui",
        {},
        [("catalog.numbers", "number 40 of the source is missing (the translation has 50)")],
    ),
    ("6 new episodes, 1,250.5 minutes", "1 250,5 minutes, 6 nouveaux épisodes", {}, []),
    ("6 new episodes", "٦ حلقات جديدة", {"locale": "ar_SA"}, []),
    ("6 new episodes", "新着エピソード６話", {"locale": "ja_JP"}, []),
    ("Price 1,000.50", "Preis 1.000,50", {"locale": "de_DE"}, []),
    ("Price 9.99", "Prix 9.99", {}, []),
    (
        "Help: https://streamly.example/help",
        "Aide : https://streamly.example/helpp",
        {},
        [
            ("catalog.links", "https://streamly.example/helpp is not in the source text"),
            ("catalog.links", "https://streamly.example/help is missing"),
            ("catalog.french-spacing", "no no-break space at 1 place(s): 'Aide :'"),
        ],
    ),
    (
        "Write to help@streamly.example.",
        "Écrivez à aide@streamly.example.",
        {},
        [
            ("catalog.links", "aide@streamly.example is not in the source text"),
            ("catalog.links", "help@streamly.example is missing"),
        ],
    ),
    (
        "Help: https://streamly.example/en/help",
        "Aide : https://streamly.example/fr/help",
        {"allowed_links": HELP},
        [("catalog.french-spacing", "no no-break space at 1 place(s): 'Aide :'")],
    ),
    (
        "Your offer",
        "Votre\u200b offre",
        {},
        [("catalog.invisible", "invisible characters not in the source: U+200B ZERO WIDTH SPACE")],
    ),
    (
        "Your offer",
        "عرضك\u202e",
        {"locale": "ar_SA"},
        [
            (
                "catalog.invisible",
                "invisible characters not in the source: U+202E RIGHT-TO-LEFT OVERRIDE",
            )
        ],
    ),
    ("Your offer, {first_name}", "\u200fعرضك، {first_name}\u200f", {"locale": "ar_SA"}, []),
    (
        "Your offer",
        "Votre\u200f offre",
        {},
        [
            (
                "catalog.invisible",
                "invisible characters not in the source: U+200F RIGHT-TO-LEFT MARK",
            )
        ],
    ),
    (
        "Your offer",
        "Votre offre\u2066",
        {},
        [
            (
                "catalog.invisible",
                "invisible characters not in the source: U+2066 LEFT-TO-RIGHT ISOLATE",
            )
        ],
    ),
    (
        "Your offer",
        "Votre\x1b offre",
        {},
        [("catalog.syntax-injection", "control characters \\x1b (never shown, never sent)")],
    ),
    (
        "Hi {first_name}",
        "Salut\n{first_name}",
        {"headers": frozenset(["Hi {first_name}"])},
        [
            (
                "catalog.syntax-injection",
                "a line break (LF) the source text does not have (it would split a subject header)",
            )
        ],
    ),
    (
        "Line one\nLine two",
        "Ligne un Ligne deux",
        {},
        [("catalog.line-breaks", "0 line break(s), the source text has 1")],
    ),
    (
        "Watch now",
        "Watch now",
        {"locale": "de_DE"},
        [("catalog.unchanged", "translation is the same as the source text")],
    ),
    ("Watch now", "Watch now", {"locale": "en_GB"}, []),
    (
        "Streamly Premium",
        "Streamly Premium",
        {"locale": "de_DE", "keep_as_is": ("Streamly", "Premium")},
        [],
    ),
    (
        "Watch the show",
        "Regardez la la série",
        {},
        [("catalog.doubled-words", "doubled word: 'la la'")],
    ),
    ("We meet at 9", "Nous nous retrouvons à 9", {}, []),
    (
        "Watch now",
        " Regardez maintenant",
        {},
        [
            (
                "catalog.whitespace",
                "leading whitespace: the translation has a space the source lacks",
            )
        ],
    ),
    (
        "Watch now",
        "Regardez maintenant ",
        {},
        [
            (
                "catalog.whitespace",
                "trailing whitespace: the translation has a space the source lacks",
            )
        ],
    ),
    (
        "Watch now.",
        "Regardez maintenant",
        {},
        [("catalog.end-punctuation", "ends with none, the source text with '.'")],
    ),
    (
        "Watch now",
        "Jetzt ansehen.",
        {"locale": "de_DE"},
        [("catalog.end-punctuation", "ends with '.', the source text with none")],
    ),
    ("Are you still watching?", "まだ見ていますか？", {"locale": "ja_JP"}, []),
    ("Are you still watching?", "هل ما زلت تشاهد؟", {"locale": "ar_SA"}, []),
    ("Members save more.", "会員はもっとお得", {"locale": "ja_JP"}, []),
    (
        "Are you still watching?",
        "Sehen Sie noch zu.",
        {"locale": "de_DE"},
        [("catalog.end-punctuation", "ends with '.', the source text with '?'")],
    ),
    (
        "Tom & Jerry",
        "Tom &amp;amp; Jerry",
        {},
        [("catalog.entities", "double-escaped &amp;amp; shows as &amp;")],
    ),
    (
        "Tom & Jerry, {first_name}",
        "Tom &amp; Jerry, {first_name}",
        {"headers": frozenset(["Tom & Jerry, {first_name}"])},
        [("catalog.entities", "&amp; shows as typed in plain text; write the character")],
    ),
    (
        "Are you still watching?",
        "Vous regardez toujours ?",
        {},
        [("catalog.french-spacing", "no no-break space at 1 place(s): 'toujours ?'")],
    ),
    (
        "Note: it ends today!",
        "Remarque: ça finit aujourd'hui!",
        {},
        [("catalog.french-spacing", "no no-break space at 2 place(s): 'Remarque:', \"ourd'hui!\"")],
    ),
    (
        "He said “go”",
        "Il a dit «go»",
        {},
        [("catalog.french-spacing", "no no-break space at 2 place(s): 'a dit «g', 'dit «go»'")],
    ),
    ("Note: it ends today!", "Remarque\xa0: ça finit aujourd'hui\u202f!", {}, []),
    ("At 10:30, see https://x.example/a?b=1", "À 10:30, voir https://x.example/a?b=1", {}, []),
    ("Ready?", "Prêt?", {"locale": "fr_CA"}, []),
    (
        "Note: ready",
        "Note: prêt",
        {"locale": "fr_CA"},
        [("catalog.french-spacing", "no no-break space at 1 place(s): 'Note:'")],
    ),
]


def findings(source: str, translation: str, **policy: object) -> list[tuple[str, str]]:
    pair = Pair(source, translation, Policy(**policy))  # type: ignore[arg-type]
    return [(f.code, f.text) for check in CHECKS for f in check(pair)]


@pytest.mark.parametrize(("source", "translation", "policy", "expected"), CASES)
def test_check_table(source, translation, policy, expected):
    assert findings(source, translation, **policy) == expected


def test_every_code_has_a_severity_and_a_hint():
    for code, info in CODES.items():
        assert info.severity in ("error", "warning"), code
        assert info.hint and "\n" not in info.hint, code
    protected = {c for c, info in CODES.items() if info.protected}
    assert protected == {
        "catalog.markup",
        "catalog.syntax-injection",
        "catalog.placeholders.unknown",
        "catalog.placeholders.percent",
        "catalog.braces",
    }


def test_campaign_strings_refuse_a_lone_brace_templates_do_not():
    assert findings("Here's how", "Voici comment }") == []
    campaign = Pair("Here's how", "Voici comment }", Policy(), from_templates=False)
    assert [(f.code, f.text) for c in CHECKS for f in c(campaign)] == [
        ("catalog.braces", "a lone { or } (write {{ or }} for a literal brace)")
    ]


def _plural(locale: str, header: str, msgstrs: tuple[str, ...]) -> list[tuple[str, str]]:
    catalog = Catalog(locale=locale)
    catalog._set_mime_headers([("Plural-Forms", header)])
    message = catalog.add(("%(count)s new episode", "%(count)s new episodes"), msgstrs)
    return [
        (f.code, f"{f.text} [{p.form}]")
        for p in pairs(message, catalog, Policy(locale=locale))
        for check in CHECKS
        for f in check(p)
    ]


def test_single_number_forms_follow_cldr():
    assert single_number_forms("(n != 1)", 2) == {0}
    assert single_number_forms("(n > 1)", 2) == frozenset()  # French "one" is 0 and 1
    arabic = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"
    assert single_number_forms(arabic, 6) == {0, 1, 2}
    assert single_number_forms("0", 1) == frozenset()


POLISH = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


def test_plural_forms_keep_the_placeholder_except_single_number_forms():
    english = "nplurals=2; plural=(n != 1);"
    assert _plural("en_GB", english, ("One new episode", "%(count)s new episodes")) == []
    french = "nplurals=2; plural=(n > 1);"
    assert _plural("fr_FR", french, ("Un nouvel épisode", "%(count)s nouveaux")) == [
        ("catalog.placeholders.missing", "placeholder missing: %(count)s [0]")
    ]
    assert _plural("ja_JP", "nplurals=1; plural=0;", ("新着エピソード",)) == [
        ("catalog.placeholders.missing", "placeholder missing: %(count)s [0]")
    ]
    assert _plural("pl_PL", POLISH, ("%(count)s odcinek", "%(count)s odcinki", "odcinków")) == [
        ("catalog.placeholders.missing", "placeholder missing: %(count)s [2]")
    ]


def test_an_empty_plural_form_is_reported_once():
    assert _plural("pl_PL", POLISH, ("%(count)s odcinek", "", "%(count)s odcinków")) == [
        (
            "catalog.plural-forms",
            "plural form 1 is empty while others are translated (it would show nothing); "
            "translate every form [0]",
        )
    ]


@pytest.mark.parametrize(
    ("text", "locale", "fixed"),
    [
        ("Vous regardez toujours ?", "fr_FR", "Vous regardez toujours\u202f?"),
        ("Remarque: fini!", "fr_FR", "Remarque\u00a0: fini\u202f!"),
        ("Il a dit « go »", "fr_FR", "Il a dit «\u00a0go\u00a0»"),
        ("Il a dit «go»", "fr_FR", "Il a dit «\u00a0go\u00a0»"),
        ("Quoi ?!", "fr_FR", "Quoi\u202f?!"),
        (
            "À 10:30 : https://x.example/a?b=1 {name} :-)",
            "fr_FR",
            "À 10:30\u00a0: https://x.example/a?b=1 {name} :-)",
        ),
        ("Prêt? Note: oui", "fr_CA", "Prêt? Note\u00a0: oui"),
        ("Déjà bon\u00a0: oui\u202f!", "fr_FR", "Déjà bon\u00a0: oui\u202f!"),
    ],
)
def test_french_spacing_fix(text, locale, fixed):
    assert apply_edits(text, spacing_edits(text, locale)) == fixed
