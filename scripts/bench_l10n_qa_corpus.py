"""The planted corpus of scripts/bench_l10n_qa.py: strings added to the example catalogs, and
the translator faults planted in them (five locales: fr_FR, de_DE, es_MX, ja_JP, ar_SA).

Each fault is one realistic slip on one catalog entry, written as a change to the correct
translation, so the clean corpus and the faulty one differ by exactly the faults.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

LOCALES = ("fr_FR", "de_DE", "es_MX", "ja_JP", "ar_SA")
NNBSP, NBSP = "\u202f", "\u00a0"

# Strings the example has no instance of (plain-text URLs and addresses, markup, a line
# break, an ampersand, an ordinal, a literal percentage), with a correct translation each.
# (msgid, location, {locale: msgstr})
EXTRA: list[tuple[str, str, dict[str, str]]] = [
    (
        "Questions? Visit https://streamly.example/help or write to help@streamly.example.",
        "templates/partials/footer.mjml.j2",
        {
            "fr_FR": f"Des questions{NNBSP}? Rendez-vous sur https://streamly.example/help ou "
            "écrivez à help@streamly.example.",
            "de_DE": "Fragen? Besuchen Sie https://streamly.example/help oder schreiben Sie an "
            "help@streamly.example.",
            "es_MX": "¿Tienes preguntas? Visita https://streamly.example/help o escribe a "
            "help@streamly.example.",
            "ja_JP": "ご不明な点は https://streamly.example/help をご覧いただくか、"
            "help@streamly.example までご連絡ください。",
            "ar_SA": "لديك أسئلة؟ تفضل بزيارة https://streamly.example/help أو راسلنا على "
            "help@streamly.example.",
        },
    ),
    (
        'Read our <a href="https://streamly.example/en/terms">terms of use</a>.',
        "templates/partials/footer.mjml.j2",
        {
            "fr_FR": 'Consultez nos <a href="https://streamly.example/fr/terms">conditions '
            "d'utilisation</a>.",
            "de_DE": 'Lesen Sie unsere <a href="https://streamly.example/de/terms">'
            "Nutzungsbedingungen</a>.",
            "es_MX": 'Lee nuestros <a href="https://streamly.example/es/terms">términos de '
            "uso</a>.",
            "ja_JP": '<a href="https://streamly.example/ja/terms">利用規約</a>をお読みください。',
            "ar_SA": 'اقرأ <a href="https://streamly.example/ar/terms">شروط الاستخدام</a>.',
        },
    ),
    (
        "Streamly Inc.\n100 Main Street, Springfield",
        "templates/partials/footer.mjml.j2",
        {loc: "Streamly Inc.\n100 Main Street, Springfield" for loc in LOCALES},
    ),
    (
        "Films & series: all in one place.",
        "templates/promo.mjml.j2",
        {
            "fr_FR": f"Films & séries{NBSP}: tout au même endroit.",
            "de_DE": "Filme & Serien: alles an einem Ort.",
            "es_MX": "Películas y series: todo en un solo lugar.",
            "ja_JP": "映画もシリーズも、すべてここで。",
            "ar_SA": "الأفلام والمسلسلات: كل شيء في مكان واحد.",
        },
    ),
    (
        "Starts on the 1st of December.",
        "templates/promo.mjml.j2",
        {
            "fr_FR": "Début le 1<sup>er</sup> décembre.",
            "de_DE": "Beginnt am 1. Dezember.",
            "es_MX": "Comienza el 1 de diciembre.",
            "ja_JP": "12月1日スタート。",
            "ar_SA": "يبدأ في 1 ديسمبر.",
        },
    ),
    (
        "Save 40% on your first year.",
        "campaigns/black_friday.yaml",
        {
            "fr_FR": f"Économisez 40{NBSP}% sur votre première année.",
            "de_DE": f"Sparen Sie 40{NBSP}% im ersten Jahr.",
            "es_MX": "Ahorra 40% en tu primer año.",
            "ja_JP": "初年度は40%オフ。",
            "ar_SA": "وفّر ٤٠٪ في سنتك الأولى.",
        },
    ),
]

Change = Callable[[str], str]


@dataclass(frozen=True)
class Fault:
    locale: str
    msgid: str | tuple[str, str]
    change: Change | tuple[Change, ...]  # one per plural form for plural entries
    what: str


def sub(old: str, new: str) -> Change:
    def change(text: str) -> str:
        if old not in text:
            raise ValueError(f"{old!r} not in {text!r}")
        return text.replace(old, new, 1)

    return change


def to(new: str) -> Change:
    return lambda _text: new


keep: Change = lambda text: text  # noqa: E731
EPISODES = ("%(count)s new episode", "%(count)s new episodes")
SUBJECT_BEST = "{first_name}, our best price of the year is here"
SUBJECT_NEW = "New episodes for you, {first_name}"
HELP = EXTRA[0][0]
TERMS = EXTRA[1][0]
ADDRESS = EXTRA[2][0]
FILMS = EXTRA[3][0]
SAVE = EXTRA[5][0]
OFFER = "12 months of Premium for less. Offer ends at midnight on Black Friday."
SWITCH = (
    "Want a different plan? You can switch or cancel in your account settings at any time "
    "before %(date)s."
)

FAULTS: list[Fault] = [
    # numbers
    Fault("fr_FR", SAVE, sub("40", "50"), "discount 40 % changed to 50 %"),
    Fault("de_DE", "Downloads on up to 6 devices", sub("6", "5"), "count 6 changed to 5"),
    Fault("ja_JP", "Watch on 4 screens at the same time", sub("4", "３"), "4 screens -> ３"),
    Fault("ar_SA", SAVE, sub("٤٠", "٣٠"), "Arabic-Indic 40 changed to 30"),
    Fault("es_MX", OFFER, sub("12", "10"), "12 months changed to 10"),
    # URLs and addresses in plain text
    Fault("fr_FR", HELP, sub("/help", "/aide"), "plain-text URL altered"),
    Fault("de_DE", HELP, sub("help@", "hilfe@"), "email address altered"),
    Fault("ja_JP", HELP, sub("https://streamly.example/help を", ""), "URL dropped"),
    Fault("es_MX", TERMS, sub("streamly.example/es", "streamly-deals.example/es"), "href moved"),
    # line breaks
    Fault("ar_SA", SUBJECT_BEST, sub("، ", "،\n"), "line break in a subject"),
    Fault("de_DE", ADDRESS, sub("\n", " "), "address line break dropped"),
    Fault(
        "ja_JP",
        "No action needed. Here's a summary of your plan.",
        sub(
            "。",
            "。\n",
        ),
        "line break in a preheader",
    ),
    # invisible and bidi control characters
    Fault("ar_SA", SUBJECT_NEW, sub("جديدة", "جدي\u200bدة"), "zero-width space in a subject"),
    Fault(
        "ar_SA",
        "Your plan renews on {renewal_date}",
        sub("تتجدد", "\u202eتتجدد"),
        "U+202E override in a subject",
    ),
    Fault("fr_FR", "Watch now", sub("Regarder", "Rega\u200brder"), "zero-width space in a button"),
    Fault("de_DE", "Manage my plan", sub("Abo", "\u2066Abo\u2069"), "bidi isolates pasted in"),
    # unchanged
    Fault("ja_JP", "Your code", to("Your code"), "left in English"),
    Fault("de_DE", "Claim my offer", to("Claim my offer"), "left in English"),
    Fault("es_MX", "Your plan renews soon", to("Your plan renews soon"), "left in English"),
    # doubled words
    Fault(
        "fr_FR",
        "Your profile and watchlist are right where you left them.",
        sub("votre liste", "votre votre liste"),
        "doubled word",
    ),
    Fault(
        "es_MX",
        "Your profile and watchlist are right where you left them.",
        sub("tal como", "tal tal como"),
        "doubled word",
    ),
    Fault(
        "de_DE",
        "The series you follow are back with new episodes.",
        sub("mit neuen", "mit mit neuen"),
        "doubled word",
    ),
    # leading / trailing whitespace
    Fault("fr_FR", "Get the deal", sub("J'en", " J'en"), "leading space"),
    Fault("de_DE", "Watch now", sub("ansehen", "ansehen "), "trailing space"),
    Fault("es_MX", "Claim my offer", sub("descuento", "descuento "), "trailing space"),
    # end punctuation
    Fault(
        "fr_FR",
        "No action needed. Here's a summary of your plan.",
        sub("abonnement.", "abonnement"),
        "final full stop dropped",
    ),
    Fault("de_DE", "Your plan renews soon", sub("bald", "bald!"), "exclamation mark added"),
    Fault(
        "ar_SA", "Valid until %(date)s", sub("%(date)s", "%(date)s؟"), "Arabic question mark added"
    ),
    Fault("es_MX", "Valid until %(date)s", sub("%(date)s", "%(date)s."), "full stop added"),
    # French punctuation spacing
    Fault("fr_FR", SWITCH, sub(f"offre{NNBSP}?", "offre ?"), "? after a plain space"),
    Fault(
        "fr_FR",
        "Six cooks, six cities, one night each: the street food of Asia's busiest night markets.",
        sub(f"chacun{NBSP}:", "chacun:"),
        "colon with no space",
    ),
    Fault(
        "fr_FR", "Claim my offer", to("« Je profite de l'offre »"), "guillemets with plain spaces"
    ),
    # plural forms
    Fault("de_DE", EPISODES, (keep, sub("%(count)s ", "")), "plural form drops %(count)s"),
    Fault("ar_SA", EPISODES, (keep,) * 5 + (sub("%(count)s ", ""),), "form 5 drops %(count)s"),
    Fault("es_MX", EPISODES, (keep, to("")), "plural form left empty"),
    Fault("ja_JP", EPISODES, (keep, to("新着%(count)s話")), "a second form Japanese lacks"),
    # double-escaped entities
    Fault("fr_FR", FILMS, sub("&", "&amp;amp;"), "&amp;amp; shows as &amp;"),
    Fault("de_DE", FILMS, sub("&", "&amp;amp;"), "&amp;amp; shows as &amp;"),
    # placeholders
    Fault("fr_FR", SUBJECT_BEST, sub("{first_name}, ", ""), "merge field dropped from subject"),
    Fault(
        "de_DE",
        "New this week for you, %(name)s",
        sub("%(name)s", "%(nom)s"),
        "placeholder renamed",
    ),
    Fault("es_MX", SUBJECT_NEW, sub("{first_name}", "{first_name"), "brace left open"),
    Fault(
        "ja_JP",
        "Get 12 months of Streamly Premium for %(price)s instead of %(regular)s.",
        sub("%(price)s", "お得な価格"),
        "price placeholder dropped",
    ),
    Fault(
        "ar_SA",
        "Your %(plan)s plan renews automatically on %(date)s, for %(price)s a month.",
        sub("%(date)s", "%(data)s"),
        "placeholder misspelt",
    ),
    Fault("fr_FR", "Valid until %(date)s", sub("%(date)s", "%(date)"), "conversion letter dropped"),
    # markup, template and merge-tag syntax
    Fault("fr_FR", TERMS, sub("</a>", ""), "closing tag dropped"),
    Fault("es_MX", "Get the deal", sub("oferta", "oferta<script>track()</script>"), "script added"),
    Fault("de_DE", TERMS, sub("Lesen", "<b>Lesen</b>"), "bold tag added"),
    Fault(
        "ja_JP",
        "Unsubscribe",
        sub("配信停止", "{{unsubscribe_url}} 配信停止"),
        "merge tag typed in",
    ),
    Fault("es_MX", "Unsubscribe", sub("Darse", "*|UNSUB|* Darse"), "Mailchimp merge tag typed in"),
]
