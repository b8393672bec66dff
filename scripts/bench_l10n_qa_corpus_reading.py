"""Planted faults of scripts/bench_l10n_qa.py in what a reader sees rather than in the string's
syntax: a letter of another script inside a word, two spaces in a row, a number the locale
reads as another value, a brand or plan name respelt, translated or dropped. Added with the
checks that look for them (catalog.lookalikes, catalog.double-spaces, catalog.numbers.misread,
catalog.terms); written like bench_l10n_qa_corpus.py, one realistic slip on one entry each.

Some are slips no check of any tool was written for, kept because translators make them: a
kanji 一 typed for the katakana long-vowel mark ー, and a Persian keheh (from a Persian
keyboard) for the Arabic kaf, which look the same inside a word but are other letters of the
same script.
"""

from __future__ import annotations

from bench_l10n_qa_corpus import NBSP, NNBSP, Fault, sub

# A four-digit number, which each locale groups its own way. (msgid, location, {locale: msgstr})
OVER = "Over 1,500 films and series, with new ones every week."
EXTRA: list[tuple[str, str, dict[str, str]]] = [
    (
        OVER,
        "campaigns/black_friday.yaml",
        {
            "fr_FR": f"Plus de 1{NNBSP}500 films et séries, et des nouveautés chaque semaine.",
            "de_DE": "Über 1.500 Filme und Serien – und jede Woche kommen neue dazu.",
            "es_MX": "Más de 1,500 películas y series, con estrenos cada semana.",
            "ja_JP": "1,500本以上の映画とシリーズ。毎週、新作が続々登場。",
            "ar_SA": "أكثر من ١٬٥٠٠ فيلم ومسلسل، مع إضافات جديدة كل أسبوع.",
        },
    ),
]

OFFER = "12 months of Premium for less. Offer ends at midnight on Black Friday."
PREMIUM = "Get 12 months of Streamly Premium for %(price)s instead of %(regular)s."
DISCOUNT = (
    "The discount applies to the monthly Standard and Premium plans. You can cancel at any time."
)

FAULTS: list[Fault] = [
    # a letter of another script inside a word
    Fault("fr_FR", "Your code", sub("code", "c\u03bfde"), "Greek omicron in 'code'"),
    Fault("de_DE", "Get the deal", sub("Angebot", "Angeb\u043et"), "Cyrillic о in 'Angebot'"),
    Fault("es_MX", "Help Center", sub("Centro", "\u0421entro"), "Cyrillic С in 'Centro'"),
    Fault(
        "ja_JP",
        "Black Friday",
        sub("フライデー", "フライデ\u4e00"),
        "kanji 一 for the long-vowel mark ー",
    ),
    Fault("ar_SA", DISCOUNT, sub("يمكنك", "يم\u06a9نك"), "Persian keheh ک for the kaf of يمكنك"),
    # two spaces in a row
    Fault(
        "fr_FR",
        "Black Friday: {percent}% off a whole year",
        sub(f"Friday{NBSP}:", f"Friday {NBSP}:"),
        "space left before a no-break space",
    ),
    Fault(
        "de_DE",
        "Every series, every film, in 4K, for a whole year.",
        sub("4K –", "4K  –"),
        "two spaces before a dash",
    ),
    Fault("es_MX", DISCOUNT, sub("Premium. ", "Premium.  "), "two spaces after a full stop"),
    Fault("ja_JP", "Ultra HD 4K and HDR", sub("HD 4K", "HD\u3000 4K"), "ideographic + plain space"),
    Fault("ar_SA", OFFER, sub("من Premium", "من  Premium"), "two spaces before a Latin name"),
    # a number the locale reads as another value
    Fault("fr_FR", OVER, sub(f"1{NNBSP}500", "1,500"), "1,500 kept (1,5 in French)"),
    Fault("de_DE", OVER, sub("1.500", "1,500"), "1,500 kept (1,5 in German)"),
    Fault("es_MX", OVER, sub("1,500", "1.500"), "Spain's 1.500 (1.5 in Mexico)"),
    Fault("ar_SA", OVER, sub("١٬٥٠٠", "١٫٥٠٠"), "Arabic decimal ٫ for the group ٬"),
    # brand and plan names (l10n.protected_terms: Streamly, Premium, Standard)
    Fault("fr_FR", PREMIUM, sub("Streamly", "Streamy"), "brand misspelt Streamy"),
    Fault("fr_FR", DISCOUNT, sub("Standard", "standard"), "plan name lower-cased"),
    Fault("de_DE", PREMIUM, sub("Streamly ", ""), "brand dropped"),
    Fault("es_MX", PREMIUM, sub("Premium", "Prémium"), "plan name spelt Prémium"),
    Fault("ja_JP", OFFER, sub("Premium", "プレミアム"), "plan name in katakana"),
    Fault("ar_SA", PREMIUM, sub("Streamly", "ستريملي"), "brand written in Arabic letters"),
]
