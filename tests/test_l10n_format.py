"""How a translation is formatted, as a translator meets it: the conversion of a `%(name)s`,
plural forms used for many numbers, whether a string is %-formatted or `{name}`-filled (from
where the project uses it, not from `#:` lines) and tags in subjects. Each refused string is
reported at its `.po` line by `l10n-status` and `build` alike, and the email shows the source
text, never a template error."""

from __future__ import annotations

import json
from pathlib import Path

from mailglot.i18n.catalogs import load_locale_catalog
from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.base import PERCENT_FIELD
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.checks.safety import check_braces, check_markup, check_placeholders
from mailglot.i18n.checks.usage import template_ids
from mailglot.i18n.extract import extract_catalog
from mailglot.project.loader import load_project

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
JA = "locales/ja_JP/LC_MESSAGES/messages.po"
CONVERSION = (
    "copy the source's conversion (another type or flag fails to format the value or "
    "writes it differently); the source text is used [error: catalog.placeholders.percent]"
)


def plant(project: Path, po: str, old: str, new: str) -> int:
    """Replace one msgstr line; return the line of its entry's msgid, where findings are."""
    path = project / po
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines.index(old)
    lines[index] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    while not lines[index].startswith("msgid "):
        index -= 1
    return index + 1


def reported(output: str, po: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(po + ":")]


def meta(project: Path, job: str) -> dict:
    return json.loads((project / "build" / job / "meta.json").read_text(encoding="utf-8"))


def text(project: Path, job: str, name: str = "email.txt") -> str:
    return (project / "build" / job / name).read_text(encoding="utf-8")


def subject_header(project: Path, job: str) -> str:
    eml = (project / "build" / job / "email.eml").read_text(encoding="utf-8")
    return next(line for line in eml.splitlines() if line.startswith("Subject: "))


# 1. The conversion of a placeholder


def test_a_conversion_other_than_the_sources_is_refused_at_the_po_line(example: Path, cli):
    percent = plant(
        example,
        FR,
        'msgstr "-%(percent)s sur un an d\'abonnement"',
        'msgstr "-%(percent)d sur un an d\'abonnement"',
    )
    regular = plant(
        example,
        FR,
        'msgstr "Profitez de 12 mois de Streamly Premium pour %(price)s au lieu de %(regular)s."',
        'msgstr "Profitez de 12 mois de Streamly Premium pour %(price)s au lieu de %(regular)d."',
    )
    date = plant(
        example,
        FR,
        'msgstr "Valable jusqu\'au %(date)s"',
        'msgstr "Valable jusqu\'au %(date)r"',
    )
    expected = [
        f"{FR}:{percent}: '%(percent)s off a whole year': %(percent)d where the source has "
        f"%(percent)s: {CONVERSION}",
        f"{FR}:{regular}: 'Get 12 months of Streamly Premium for %(price)s...': %(regular)d "
        f"where the source has %(regular)s: {CONVERSION}",
        f"{FR}:{date}: 'Valid until %(date)s': %(date)r where the source has %(date)s: "
        f"{CONVERSION}",
    ]
    status = cli(example, "l10n-status")
    assert status.exit_code == 1
    assert reported(status.output, FR) == expected
    assert "fix: copy the source's conversions (%(name)s stays %(name)s)" in status.output

    build = cli(
        example, "build", "--no-screenshots", "--locale", "fr_FR",
        "--campaign", "black_friday", "--campaign", "winback",
    )  # fmt: skip
    assert build.exit_code == 1
    assert "ValueError" not in build.output and "[error: template]" not in build.output
    assert [line.split(" (")[0] for line in reported(build.output, FR)] == [
        e.split(" (")[0] for e in expected
    ]
    for variant in ("a", "b"):  # both jobs built, with the source text
        body = text(example, f"black_friday/fr_FR/{variant}")
        assert "40\u00a0% off a whole year" in body and "sur un an" not in body
        assert "Get 12 months of Streamly Premium for 97,08" in body
    assert "Valid until 31 janvier 2027" in text(example, "winback/fr_FR/a")
    assert "'31 janvier 2027'" not in text(example, "winback/fr_FR/a")
    found = {(f["line"], f["code"]) for f in meta(example, "black_friday/fr_FR/a")["findings"]}
    assert found >= {
        (percent, "catalog.placeholders.percent"),
        (regular, "catalog.placeholders.percent"),
    }


def conversions_found(source: str, translation: str) -> list[str]:
    return [f.text for f in check_placeholders(Pair(source, translation, Policy()))]


def test_what_a_conversion_may_and_may_not_change():
    # width, `-` and `0` padding and Python's ignored length modifiers may differ, as msgfmt -c
    assert conversions_found("Hi %(name)s", "Salut %(name)-12s") == []
    assert conversions_found("%(n)d left", "%(n)05ld restants") == []
    assert conversions_found("%(n)d left", "%(n)i restants") == []  # d, i and u are one type
    # the type, the precision, a sign and a `*` are what the value means
    for translated in ("%(price).0f", "%(price)+.2f", "%(price)*.2f", "%(price)s"):
        assert conversions_found("%(price).2f off", f"{translated} de moins") == [
            f"{translated} where the source has %(price).2f: copy the source's conversion "
            "(another type or flag fails to format the value or writes it differently)"
        ]
    assert conversions_found("Hello %(name)s", "Bonjour %(name).3s") == [
        "%(name).3s where the source has %(name)s: copy the source's conversion (another "
        "type or flag fails to format the value or writes it differently)"
    ]
    # positional ones, in order
    assert conversions_found("Save %s on %d", "Économisez %d sur %s") == [
        "%d where the source has %s; %s where the source has %d: copy the source's "
        "conversions, in the source's order"
    ]
    # a name the placeholder pattern does not read is still a placeholder the source lacks
    assert conversions_found("Hi %(name)s", "Salut %(name)s %(prénom)s") == [
        "placeholder not in the source text: %(prénom)s"
    ]
    # `100 % automatique`: `% a` is Python's %a, so it is a lone percent to a translator
    assert conversions_found("Fully automatic", "100 % automatique") == [
        "a literal % must be written %% in this string (the template formats it)"
    ]
    assert conversions_found("Fully automatic", "100 %% automatique") == []
    assert PERCENT_FIELD.findall("%(a)s %(b)05.2f %(c)-s %(d)x") == ["a", "b", "c", "d"]


# 2. Plural forms used for many numbers


def test_the_japanese_form_keeps_the_count_of_msgid_plural(example: Path, cli):
    line = plant(
        example,
        JA,
        'msgstr[0] "フォロー中の%(count)s作品に新しいエピソードが追加されました。"',
        'msgstr[0] "フォロー中の作品に新しいエピソードが追加されました。"',
    )
    expected = [
        f"{JA}:{line}: 'One series you follow has new episodes.': placeholder missing: "
        "%(count)s; this form is used for every number, so it keeps msgid_plural's "
        "placeholders (plural form 0); the source text is used [error: "
        "catalog.placeholders.missing]"
    ]
    status = cli(example, "l10n-status")
    assert status.exit_code == 1
    assert reported(status.output, JA) == expected
    build = cli(
        example, "build", "--no-screenshots", "--locale", "ja_JP", "--campaign", "recommendations"
    )
    assert build.exit_code == 1
    assert [line.split(" (1 job")[0] for line in reported(build.output, JA)] == expected
    body = text(example, "recommendations/ja_JP/a")
    # the source text for 3 picks (the one Japanese form said "One series" for any number)
    assert "3 series you follow have new episodes." in body
    assert "フォロー中の作品" not in body and "One series" not in body


RU_HEADER = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: ru_RU\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

"""
FR_HEADER = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: fr_FR\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

"""
SERIES = (
    'msgid "One series you follow has new episodes."\n'
    'msgid_plural "%(count)s series you follow have new episodes."\n'
)


def write_po(root: Path, locale: str, text: str) -> None:
    path = root / "locales" / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_russian_form_0_is_used_for_21_and_keeps_the_count(tmp_path: Path):
    """Russian form 0 is for 1, 21, 31...: "Одна серия" for 21 says one series."""
    write_po(
        tmp_path,
        "ru_RU",
        RU_HEADER
        + SERIES
        + 'msgstr[0] "Одна серия, которую вы смотрите, вышла с новыми эпизодами."\n'
        + 'msgstr[1] "%(count)s сериала, которые вы смотрите, вышли с новыми эпизодами."\n'
        + 'msgstr[2] "%(count)s сериалов, которые вы смотрите, вышли с новыми эпизодами."\n',
    )
    catalog = load_locale_catalog(tmp_path, "ru_RU", "en_US", Policy(locale="ru_RU"))
    assert [(d.line, d.code, d.message) for d in catalog.diagnostics] == [
        (
            7,
            "catalog.placeholders.missing",
            "'One series you follow has new episodes.': placeholder missing: %(count)s"
            "; this form is used for 1, 21, 31, 41..., so it keeps msgid_plural's placeholders "
            "(plural form 0); the source text is used",
        )
    ]
    t = catalog.translations
    shown = {n: t.ngettext(SERIES.split('"')[1], SERIES.split('"')[3], n) for n in (1, 3, 5, 21)}
    assert shown == {  # the English source, each form with the count it needs
        1: "%(count)s series you follow have new episodes.",
        3: "%(count)s series you follow have new episodes.",
        5: "%(count)s series you follow have new episodes.",
        21: "%(count)s series you follow have new episodes.",
    }


def test_a_form_for_one_and_few_numbers_may_leave_the_count_out(tmp_path: Path):
    """French form 0 (0 and 1), English "one": msgfmt -c accepts "Une série" without the count,
    and so does mailglot; it is compared with msgid."""
    write_po(
        tmp_path,
        "fr_FR",
        FR_HEADER
        + SERIES
        + 'msgstr[0] "Une série que vous suivez a de nouveaux épisodes."\n'
        + 'msgstr[1] "%(count)s séries que vous suivez ont de nouveaux épisodes."\n',
    )
    catalog = load_locale_catalog(tmp_path, "fr_FR", "en_US", Policy(locale="fr_FR"))
    assert catalog.diagnostics == []
    assert catalog.translations.ngettext(SERIES.split('"')[1], SERIES.split('"')[3], 1).startswith(
        "Une série"
    )


# 3. %-formatted, {name}-filled or shown as written: from where the project uses the string


def test_catalogs_without_references_are_checked_as_the_project_uses_them(example: Path, cli):
    po = example / FR
    po.write_text(
        "".join(
            line
            for line in po.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("#: ")
        ),
        encoding="utf-8",
    )  # as `msgcat --no-location` or a TMS export saves it
    status = cli(example, "l10n-status")
    assert status.exit_code == 0 and reported(status.output, FR) == []  # "-{percent} %" is fine
    watchlist = plant(
        example,
        FR,
        'msgstr "{first_name}, votre liste vous attend"',
        'msgstr "{first_name}, votre liste vous attend :-}"',
    )
    back = plant(
        example,
        FR,
        'msgstr "-{percent}\u00a0% pour votre retour"',
        'msgstr "-{percent} %% pour votre retour"',
    )
    expected = [
        f"{FR}:{watchlist}: '{{first_name}}, your watchlist misses you': a lone {{ or }} "
        "(write {{ or }} for a literal brace); the source text is used [error: catalog.braces]",
        f"{FR}:{back}: 'Come back for {{percent}}% off': '%%' would show as typed in this "
        "string (it is filled with {name} placeholders, not %-formatted): write a single % "
        "for a percent; the source text is used [error: catalog.placeholders.percent]",
    ]
    status = cli(example, "l10n-status")
    assert status.exit_code == 1
    assert reported(status.output, FR) == expected
    build = cli(
        example, "build", "--no-screenshots", "--locale", "fr_FR",
        "--campaign", "winback", "--campaign", "black_friday",
    )  # fmt: skip
    assert build.exit_code == 1
    assert [line.split(" (1 job")[0] for line in reported(build.output, FR)] == expected
    assert subject_header(example, "winback/fr_FR/a") == "Subject: Alex, your watchlist misses you"
    assert subject_header(example, "winback/fr_FR/b") == "Subject: Come back for 50% off"
    assert meta(example, "black_friday/fr_FR/a")["subject"] == (
        "Black Friday\u00a0: -40\u00a0% sur un an"
    )  # a campaign string: its "%" is a percent, with or without #: lines


def test_template_msgids_are_those_extract_finds(example: Path):
    catalog = extract_catalog(example)
    want = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalog
        if m.id and any(path.startswith("templates/") for path, _ in m.locations)
    }
    assert template_ids(example) == want
    policy = project_policy(load_project(example))
    assert "%(percent)s off a whole year" in policy.template_ids
    assert "Come back for {percent}% off" in policy.campaign_ids
    assert "Black Friday" in policy.plain_ids and "Black Friday" in policy.campaign_ids


def test_a_string_used_by_a_template_and_a_campaign_is_checked_both_ways():
    both = Policy(
        template_ids=frozenset({"Save {x} now"}),
        campaign_ids=frozenset({"Save {x} now"}),
        sources_known=True,
    )
    pair = Pair("Save {x} now", "Économisez {x} à 100 % {", both, "Save {x} now", braced=True)
    codes = [f.code for check in (check_placeholders, check_braces) for f in check(pair)]
    assert codes == ["catalog.placeholders.percent", "catalog.braces"]


# 4. Tags in subjects and preheaders


def test_tags_in_a_subject_are_refused(example: Path, cli):
    """The example allows <em> as a typographic tag: in body text, not in a subject."""
    line = plant(
        example,
        FR,
        'msgstr "{first_name}, votre liste vous attend"',
        'msgstr "{first_name}, votre liste <em>vous attend</em>"',
    )
    expected = [
        f"{FR}:{line}: '{{first_name}}, your watchlist misses you': markup in a subject or "
        "preheader, which is plain text: the inbox would show <em>, </em> as typed; the "
        "source text is used [error: catalog.markup]"
    ]
    status = cli(example, "l10n-status")
    assert status.exit_code == 1 and reported(status.output, FR) == expected
    build = cli(example, "build", "--no-screenshots", "--locale", "fr_FR", "--campaign", "winback")
    assert build.exit_code == 1
    assert [line.split(" (1 job")[0] for line in reported(build.output, FR)] == expected
    assert subject_header(example, "winback/fr_FR/a") == "Subject: Alex, your watchlist misses you"


def test_typographic_tags_stay_allowed_in_body_text():
    policy = Policy(typographic_tags=frozenset({"em"}), headers=frozenset({"Subject"}))
    body = Pair("Watch now", "Regardez <em>maintenant</em>", policy)
    assert list(check_markup(body)) == []
    subject = Pair("Subject", "Objet <em>x</em>", policy, "Subject", from_templates=False)
    assert [f.code for f in check_markup(subject)] == ["catalog.markup"]
