"""Generated catalogs for `bench_catalog.py --entries N`: realistic translated entries.

Each entry is a sentence of a streaming brand's emails (a show's title, a season or episode
number, `%(name)s` or `{name}` placeholders, a link now and then, no markup) translated into
French, Arabic or Japanese as a translator writes it: French with its no-break spaces before
`:`, Arabic with its six plural forms, Japanese with its one. Every entry is unique (the season
number and the title make it so) and passes every check, as most of a real catalog does.
"""

from __future__ import annotations

SHOWS = (
    "Night Harbor",
    "The Glass Orchard",
    "Red Meridian",
    "Paper Moons",
    "Cold Summit",
    "Lantern Street",
    "The Quiet Coast",
    "Iron Tide",
    "Saltwater Kings",
    "Hollow Pines",
    "Northbound",
    "The Last Relay",
)

# (msgid, French, Arabic, Japanese); {show} and {n} are filled in for each entry.
SINGULARS = (
    (
        "Season {n} of {show} is now streaming.",
        "La saison {n} de {show} est disponible en streaming.",
        "الموسم {n} من {show} متاح الآن للمشاهدة.",
        "{show}のシーズン{n}が配信中です。",
    ),
    (
        "Hi %(first_name)s, {show} is back with season {n}.",
        "Bonjour %(first_name)s, {show} revient avec la saison {n}.",
        "مرحبًا %(first_name)s، عاد {show} بالموسم {n}.",
        "%(first_name)sさん、{show}のシーズン{n}が帰ってきました。",
    ),
    (
        "Your trial ends in {n} days: keep watching {show} for %(price)s a month.",
        "Votre essai se termine dans {n} jours\u00a0: continuez à regarder {show} pour "
        "%(price)s par mois.",
        "تنتهي فترتك التجريبية خلال {n} أيام: تابع مشاهدة {show} مقابل %(price)s شهريًا.",
        "無料体験はあと{n}日で終了します。月額%(price)sで{show}を見続けましょう。",
    ),
    (
        "Episode {n} of {show} is waiting for you on Streamly.",
        "L’épisode {n} de {show} vous attend sur Streamly.",
        "الحلقة {n} من {show} بانتظارك على Streamly.",
        "Streamlyで{show}の第{n}話があなたを待っています。",
    ),
    (
        "Download {show} and watch offline on up to {n} devices.",
        "Téléchargez {show} et regardez-le hors connexion sur {n} appareils au maximum.",
        "نزّل {show} وشاهده دون اتصال على ما يصل إلى {n} أجهزة.",
        "{show}をダウンロードして、最大{n}台のデバイスでオフライン視聴できます。",
    ),
    (
        "Manage what you receive at https://streamly.example/account/{show_id}/{n}",
        "Gérez ce que vous recevez sur https://streamly.example/account/{show_id}/{n}",
        "تحكّم فيما يصلك عبر https://streamly.example/account/{show_id}/{n}",
        "配信設定の変更はこちら: https://streamly.example/account/{show_id}/{n}",
    ),
    (
        "{first_name}, season {n} of {show} starts tonight.",
        "{first_name}, la saison {n} de {show} commence ce soir.",
        "{first_name}، يبدأ الموسم {n} من {show} الليلة.",
        "{first_name}さん、{show}のシーズン{n}が今夜スタートします。",
    ),
    (
        "Rated {n} out of 10 by our viewers: {show}",
        "Noté {n} sur 10 par nos spectateurs\u00a0: {show}",
        "قيّمه مشاهدونا بـ{n} من 10: {show}",
        "視聴者評価10点中{n}点: {show}",
    ),
)

# (msgid, msgid_plural, French forms, Arabic forms, Japanese forms)
PLURALS = (
    (
        "%(count)s new episode of {show}, season {n}",
        "%(count)s new episodes of {show}, season {n}",
        (
            "%(count)s nouvel épisode de {show}, saison {n}",
            "%(count)s nouveaux épisodes de {show}, saison {n}",
        ),
        (
            "لا حلقات جديدة من {show}، الموسم {n}",
            "حلقة جديدة واحدة من {show}، الموسم {n}",
            "حلقتان جديدتان من {show}، الموسم {n}",
            "%(count)s حلقات جديدة من {show}، الموسم {n}",
            "%(count)s حلقة جديدة من {show}، الموسم {n}",
            "%(count)s حلقة جديدة من {show}، الموسم {n}",
        ),
        ("{show}シーズン{n}の新着%(count)s話",),
    ),
    (
        "One day left to watch season {n} of {show}.",
        "%(count)s days left to watch season {n} of {show}.",
        (
            "Plus qu’un jour pour regarder la saison {n} de {show}.",
            "Plus que %(count)s jours pour regarder la saison {n} de {show}.",
        ),
        (
            "لم يبقَ وقت لمشاهدة الموسم {n} من {show}.",
            "بقي يوم واحد لمشاهدة الموسم {n} من {show}.",
            "بقي يومان لمشاهدة الموسم {n} من {show}.",
            "بقيت %(count)s أيام لمشاهدة الموسم {n} من {show}.",
            "بقي %(count)s يومًا لمشاهدة الموسم {n} من {show}.",
            "بقي %(count)s يوم لمشاهدة الموسم {n} من {show}.",
        ),
        ("{show}シーズン{n}の配信終了まであと%(count)s日です。",),
    ),
)

LANGUAGES = {"fr": 1, "ar": 2, "ja": 3}

# The long text of the huge entry: a paragraph of terms, repeated (French; the msgid is its
# English original, once).
HUGE_SOURCE = (
    "Your subscription renews every month until you cancel it. You can cancel at any time "
    "from your account page, and you keep access until the end of the period you paid for."
)
HUGE_PARAGRAPH = (
    "Votre abonnement est renouvelé chaque mois jusqu’à ce que vous le résiliiez. Vous "
    "pouvez le résilier à tout moment depuis la page de votre compte, et vous gardez "
    "l’accès jusqu’à la fin de la période payée. "
)


def quoted(text: str) -> str:
    """A `.po` string, wrapped in lines of about 70 characters as catalogs are written."""

    def escape(part: str) -> str:
        return part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    if len(text) <= 70:
        return f'"{escape(text)}"'
    chunks = [text[i : i + 70] for i in range(0, len(text), 70)]
    return '""\n' + "\n".join(f'"{escape(c)}"' for c in chunks)


def entries(locale: str, count: int) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """`count` entries (msgid, msgid_plural or None, translated forms) for the locale."""
    column = LANGUAGES[locale.split("_")[0]]
    out: list[tuple[str, str | None, tuple[str, ...]]] = []
    kinds = len(SINGULARS) + len(PLURALS)
    for i in range(count):
        kind, rest = i % kinds, i // kinds
        show, n = SHOWS[rest % len(SHOWS)], rest // len(SHOWS) + 1

        def fill(text: str, show: str = show, n: int = n, at: int = rest % len(SHOWS)) -> str:
            return text.replace("{show_id}", str(at)).replace("{show}", show).replace("{n}", str(n))

        if kind < len(SINGULARS):
            row = SINGULARS[kind]
            out.append((fill(row[0]), None, (fill(row[column]),)))
        else:
            row_p = PLURALS[kind - len(SINGULARS)]
            forms = row_p[1 + column]
            out.append((fill(row_p[0]), fill(row_p[1]), tuple(fill(f) for f in forms)))
    return out


def entry_text(msgid: str, plural: str | None, forms: tuple[str, ...]) -> str:
    flag = "#, python-format\n" if "%(" in msgid or (plural and "%(" in plural) else ""
    if plural is None:
        return f"{flag}msgid {quoted(msgid)}\nmsgstr {quoted(forms[0])}\n\n"
    lines = [f"{flag}msgid {quoted(msgid)}", f"msgid_plural {quoted(plural)}"]
    lines += [f"msgstr[{i}] {quoted(form)}" for i, form in enumerate(forms)]
    return "\n".join(lines) + "\n\n"


def generated_catalog(original: str, locale: str, count: int) -> str:
    """The locale's own catalog (its header and entries) followed by `count` generated ones."""
    body = "".join(entry_text(*e) for e in entries(locale, count))
    return original.rstrip("\n") + "\n\n" + body


def huge_catalog(original: str, megabytes: float) -> str:
    """The catalog followed by one entry whose msgstr is `megabytes` MB of French prose."""
    size = int(megabytes * 1_000_000)
    repeat = size // len(HUGE_PARAGRAPH.encode("utf-8")) + 1
    text = (HUGE_PARAGRAPH * repeat).rstrip()
    return original.rstrip("\n") + "\n\n" + entry_text(HUGE_SOURCE, None, (text,))
