"""Links a translation or a campaign writes as text, and URLs that leave `l10n.allowed_links`.

Three ways a link nobody approved reached the email: a host name written without `https://`
or `www.` in a translation (`paypal-streamly.com/fr`, which mail clients make a link); a URL
matching an allowed pattern as typed but not as a browser reads it
(`https://streamly.example/fr/../../account/delete`); a URL, host name or address written as
text in a campaign's subject, preheader or data.strings (refused only as an `<a href>`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.bare_hosts import check_host_links, host_links
from mailglot.i18n.checks.safety import check_markup
from mailglot.i18n.checks.tlds import TLDS
from tests.campaign_clone import errors, write_clone

REPO = Path(__file__).resolve().parent.parent
FR = "locales/fr_FR/LC_MESSAGES/messages.po"
MEMBERS = (
    "For new and returning members. The annual plan renews at the regular price unless you cancel."
)
LABEL = "'For new and returning members. The annual plan ...'"
HELP = ("https://streamly.example/{lang}/**",)
WHY = "(mail clients make a host name a link)"
LINKS_TO = "links in campaign text go to streamly.example or where l10n.allowed_links allows"
CAMPAIGN = "campaigns/ttl.yaml"


def _translate(example: Path, msgid: str, added: str) -> int:
    """Append `added` to fr_FR's translation of `msgid`; the line of its entry."""
    po = example / FR
    text = po.read_text(encoding="utf-8")
    start = text.index(f'msgid "{msgid}"')
    end = text.index("\n\n", start)
    assert text[end - 1] == '"'
    po.write_text(text[: end - 1] + added + text[end - 1 :], encoding="utf-8")
    return text[:start].count("\n") + 1


def _catalog_errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{FR}:")]


# -- 5. host names in translations ---------------------------------------------------------


def test_a_host_name_added_to_a_translation_is_refused_at_its_line(cli, example):
    line = _translate(example, MEMBERS, " Réglez sur paypal-streamly.com/fr.")
    said = (
        f"{FR}:{line}: {LABEL}: paypal-streamly.com/fr is not in the source text {WHY}; "
        "the source text is used [error: catalog.links]"
    )
    assert _catalog_errors(cli(example, "l10n-status").output) == [said]
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "black_friday", "--locale", "fr_FR"
    )
    assert _catalog_errors(result.output) == [
        f"{said} (2 jobs: black_friday/fr_FR/a, black_friday/fr_FR/b)"
    ]
    assert "2 built, 0 unchanged, 1 skipped, 1 error(s)" in result.output
    text = (example / "build/black_friday/fr_FR/a/email.txt").read_text(encoding="utf-8")
    html = (example / "build/black_friday/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "paypal-streamly" not in text and "paypal-streamly" not in html
    assert "For new and returning members." in text  # the source text is used


@pytest.mark.parametrize(
    "written",
    [
        "paypal-streamly.com",
        "PAYPAL.COM/fr",
        "paypal&#46;com",  # the email shows "paypal.com"
        "<strong>paypal</strong>.com",  # the text part reads "paypal.com"
        "Voir...paypal.com!",
        "paypal.ｃｏｍ",  # full-width letters: a host name all the same
        "paypal.ＣＯＭ/fr",  # in capitals, with a path
        "сайт.рф/оплата",
        "pay.example.co.uk:8443/x?y=1",
    ],
)
def test_host_names_however_written_are_found(written: str):
    source = "For new and <strong>returning</strong> members."
    found = list(check_host_links(Pair(source, f"Pour les membres. {written}", Policy())))
    assert [f.code for f in found] == ["catalog.links"]
    assert found[0].text.endswith(f"is not in the source text {WHY}")


# Real text in the example's locales that holds dots, and is no host name.
NOT_HOSTS = [
    ("en_US", "Only $9.99 a month, e.g. for U.S. members (i.e. most). Built with Node.js."),
    ("en_GB", "See photo.jpg and report.pdf; v2.0.1 is out. Mr. Smith, St. Ives, approx. 3.5 km"),
    ("fr_FR", "Seulement 9,99 €, p. ex. pour les membres, etc. M. Dupont ; 1.500 titres"),
    ("de_DE", "Nur 9,99 €, z. B. für Mitglieder, d.h. alle, u.a. in 4K; z.B. 1.500 Titel, Nr. 5"),
    ("es_MX", "Solo $299.00, p. ej. para EE.UU. y la Cd. de México; Sr. Pérez"),
    ("pt_BR", "Apenas R$ 55,90, p.ex. para membros; Ltda. e S.A.; Av. Paulista"),
    ("ja_JP", "今すぐ。中国でも視聴できます。Streamlyへようこそ。月額1.980円"),
    ("zh_CN", "立即观看。中国用户也可以。每月68.00元。"),
    ("ar_SA", "فقط 54.99 ر.س. شهريًا، أي. للأعضاء"),
    ("da_DK", "officielt aramæisk (700-300 f.Kr.)"),
    ("sq_AL", 'Përshkrimi i gërmave si një frazë, p.sh. "Sans Italic 12"'),
    ("sv_SE", "visa rss i.st.f. adr"),
    ("it_IT", "p.es. una serie"),
]


@pytest.mark.parametrize(("locale", "text"), NOT_HOSTS)
def test_decimals_abbreviations_and_file_names_are_no_host_names(locale: str, text: str):
    assert host_links(text) == ()
    assert list(check_host_links(Pair("Text", text, Policy(locale=locale)))) == []


# Real text whose dotted words end in a TLD, and that a reader takes for no host name: a
# missing space after a full stop, company forms, degrees, product names, file names, and
# words of other scripts that are internationalized TLDs. Each was refused as a link.
WORDS_NOT_HOSTS = [
    "Vol.1 im Abo.Im Dezember",
    "Jetzt Premium.Jetzt testen",
    "40% off.Today only",
    "Best price.Watch now",
    "Ends today.Shop now",
    "Black Friday.Deals",
    "What a show.Love it",
    "Streamly GmbH & Co.KG",
    "M.Sc in Film",
    "Acme Ltd.Co and Acme Inc.Co",
    "Built on ASP.NET and VB.NET with Socket.IO",
    "Also on Prime.Video and Disney.Plus",
    "Watch trailer.mov, keep backup.zip, run script.py or setup.sh",
    "الأحد.السعودية",
    "ご利用ください.ストア",
    "STREAMLY.TV",  # in capitals without a path: read as shouting, not a host
]


@pytest.mark.parametrize("text", WORDS_NOT_HOSTS)
def test_words_that_end_in_a_tld_are_no_host_names(text: str):
    assert host_links(text) == ()
    pair = Pair("Text", text, Policy())
    assert list(check_host_links(pair)) == []


# What stays a host name next to those: a lower-case TLD, or any TLD followed by a path, and an
# internationalized one followed by a path after a name in its own script.
STILL_HOSTS = [
    ("Réglez sur paypal-streamly.com/fr.", "paypal-streamly.com/fr"),
    ("Payez sur streamly-billing.com", "streamly-billing.com"),
    ("Voir evil.example.co.uk/pay", "evil.example.co.uk/pay"),
    ("Abo.Im/Dezember", "Abo.Im/Dezember"),
    ("trailer.mov/watch", "trailer.mov/watch"),
    ("evil.com.py", "evil.com.py"),
    ("x.com", "x.com"),
    ("streamly.com.Jetzt testen", "streamly.com"),
    ("ادفع على شركة.السعودية/دفع", "شركة.السعودية/دفع"),
    ("例え.ストア/x", "例え.ストア/x"),
]


@pytest.mark.parametrize(("text", "host"), STILL_HOSTS)
def test_lower_case_tlds_and_tlds_before_a_path_are_host_names(text: str, host: str):
    assert host_links(text) == (host,)
    found = list(check_host_links(Pair("Text", text, Policy())))
    assert [f.text for f in found] == [f"{host} is not in the source text {WHY}"]


def test_an_internationalized_tld_after_a_name_in_another_script_is_no_host_name():
    assert host_links("paypal.рф/x, streamly.السعودية/x") == ()


def test_no_translation_of_the_example_holds_a_host_name():
    for po in sorted(REPO.glob("locales/*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else [message.string]
            ids = message.id if isinstance(message.id, tuple) else [message.id]
            for text in [*ids, *strings]:
                assert host_links(text or "") == (), (po, message.lineno)


@pytest.mark.parametrize(
    ("source", "translation", "policy"),
    [
        ("Watch on Streamly.tv.", "Regardez sur STREAMLY.TV.", Policy()),  # the source's own
        ("Help", "Aide : streamly.com/fr/aide", Policy(allowed_links=("https://streamly.com/**",))),
        ("Help", "Aide : streamly.com", Policy(allowed_links=("https://streamly.com/**",))),
        (
            "Help",
            "Hilfe: streamly.com/de/",
            Policy("de_DE", allowed_links=("https://streamly.com/{lang}/**",)),
        ),
    ],
)
def test_the_sources_host_names_and_allowed_links_pass(source, translation, policy):
    assert list(check_host_links(Pair(source, translation, policy))) == []


def test_a_host_name_not_in_the_source_is_named_once_in_order():
    pair = Pair("Watch on Streamly.tv", "Streamly.tv, streamly.fr et a.io, streamly.fr", Policy())
    assert [f.text for f in check_host_links(pair)] == [
        f"streamly.fr is not in the source text {WHY}",
        f"a.io is not in the source text {WHY}",
    ]


def test_a_dotted_run_is_read_once_not_from_every_label():
    assert host_links("a." * 100_000) == ()
    assert host_links("x " + "a-" * 100_000 + ".") == ()


# -- 6. allowed_links and dot segments -----------------------------------------------------

ESCAPES = [
    ("https://streamly.example/fr/../../account/delete?confirm=1", "/account/delete?confirm=1"),
    ("https://streamly.example/fr/%2e%2e/billing/update", "/billing/update"),
    ("https://streamly.example/fr/%2E./x", "/x"),
    ("https://streamly.example/fr/.%2e", "/"),
    ("https://streamly.example/fr/..", "/"),
]


@pytest.mark.parametrize(("url", "path"), ESCAPES)
def test_dot_segments_that_leave_the_allowed_path_are_refused(url: str, path: str):
    policy = Policy(allowed_links=HELP)
    assert not policy.link_allowed(url)
    assert policy.read_as(url) == f" (browsers read it as https://streamly.example{path})"


@pytest.mark.parametrize(
    "url",
    [
        "https://streamly.example/fr\\..\\..\\account",
        "https://streamly.example/fr/..%2f..%2faccount",
        "https://streamly.example/fr/..%5Caccount",
    ],
)
def test_backslashes_and_encoded_slashes_are_never_allowed(url: str):
    policy = Policy(allowed_links=HELP)
    assert not policy.link_allowed(url)
    assert policy.read_as(url) == (
        " (it holds a backslash, an encoded slash or a space, which browsers and servers may "
        "read as another path)"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://streamly.example/fr/help",
        "https://streamly.example/fr/./help",  # still under /fr/
        "https://streamly.example/fr/a/../help",
        "https://streamly.example/fr/help?next=/../../x",  # a query is no path
        "https://streamly.example/fr/help#/../..",
    ],
)
def test_links_that_stay_under_the_allowed_path_pass(url: str):
    assert Policy(allowed_links=HELP).link_allowed(url)


def test_dot_segment_urls_in_a_translation_are_refused_at_its_line(cli, example):
    line = _translate(
        example,
        MEMBERS,
        " Voir https://streamly.example/fr/../../account/delete?confirm=1 ou "
        "https://streamly.example/fr/%%2e%%2e/billing/update.",
    )
    result = cli(example, "l10n-status")
    assert _catalog_errors(result.output) == [
        f"{FR}:{line}: {LABEL}: {url} is not in the source text; the source text is used "
        "[error: catalog.links]"
        for url in (
            "https://streamly.example/fr/../../account/delete?confirm=1",
            "https://streamly.example/fr/%%2e%%2e/billing/update",
        )
    ]


def test_a_translated_href_with_dot_segments_names_where_it_goes():
    pair = Pair(
        'Read the <a href="https://streamly.example/en/help">guide</a>.',
        'Lisez le <a href="https://streamly.example/fr/../../account">guide</a>.',
        Policy(allowed_links=HELP),
    )
    assert [(f.code, f.text) for f in check_markup(pair)] == [
        (
            "catalog.markup",
            "link changed to https://streamly.example/fr/../../account (browsers read it as "
            "https://streamly.example/account), which l10n.allowed_links does not allow",
        )
    ]


# -- 7. links written as text in campaigns -------------------------------------------------


def test_links_written_as_text_in_campaign_text_are_refused_at_their_line(cli, example):
    write_clone(
        example,
        CAMPAIGN,
        '    intro: "Pay at https://streamly-billing.com/pay or streamly-billing.com/pay."\n'
        '    help: "Write to billing@paypal.com or www.paypal.com/help"\n'
        '    fine: "See https://streamly.example/offer, help@streamly.example, 4.99 e.g."\n',
        edits=[
            ('preheader: "', 'preheader: "Pay at https://streamly-billing.com/pay. '),
            ('b: "Come back for', 'b: "Streamly.tv: come back for'),
        ],
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl")
    assert result.exit_code == 1
    host = "written as text goes to"
    assert errors(result) == [
        f"{CAMPAIGN}:6: subject.b: host name 'Streamly.tv' {host} streamly.tv (mail clients "
        f"make it a link); {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:7: preheader: link 'https://streamly-billing.com/pay' {host} "
        f"streamly-billing.com; {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:14: data.strings.intro: link 'https://streamly-billing.com/pay' {host} "
        f"streamly-billing.com; {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:14: data.strings.intro: host name 'streamly-billing.com/pay' {host} "
        f"streamly-billing.com (mail clients make it a link); {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:15: data.strings.help: link 'www.paypal.com/help' {host} www.paypal.com; "
        f"{LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:15: data.strings.help: address 'billing@paypal.com' {host} paypal.com "
        f"(mail clients make it a mailto: link); {LINKS_TO} [error: schema]",
    ]
    assert not (example / "build/ttl").exists()


def test_links_written_as_text_to_allowed_places_are_built(cli, example):
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace(
            'allowed_links: ["https://streamly.example/{lang}/**"]',
            'allowed_links: ["https://streamly.example/{lang}/**", "https://streamly.tv/**"]',
        ),
        encoding="utf-8",
    )
    write_clone(
        example,
        CAMPAIGN,
        '    intro: "Watch on streamly.tv/now, at https://cdn.streamly.example/x or write to '
        'help@streamly.example. Only 4.99, e.g. today."\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl", "--locale", "en_US")
    assert errors(result) == []
    text = (example / "build/ttl/en_US/a/email.txt").read_text(encoding="utf-8")
    assert "streamly.tv/now" in text


def test_words_ending_in_a_tld_in_a_campaign_subject_build(cli, example):
    """`40% off.Today` in a subject, a missing space, failed the build as a host name."""
    write_clone(
        example,
        CAMPAIGN,
        '    intro: "Streamly GmbH & Co.KG: Black Friday.Deals, trailer.mov, ASP.NET."\n',
        edits=[('b: "Come back for', 'b: "40% off.Today only. Come back for')],
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl", "--locale", "en_US")
    assert (result.exit_code, errors(result)) == (0, [])
    text = (example / "build/ttl/en_US/b/email.txt").read_text(encoding="utf-8")
    assert "Black Friday.Deals, trailer.mov, ASP.NET." in text


# -- the list of top-level domains ---------------------------------------------------------


def test_the_tld_list_is_iana_s_with_unicode_forms():
    spec = importlib.util.spec_from_file_location("refresh_tlds", REPO / "scripts/refresh_tlds.py")
    assert spec and spec.loader
    refresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(refresh)
    listing = "# Version 2026051600, Last Updated Sat May 16\nCOM\nXN--P1AI\nTV\n"
    assert refresh.names(listing) == (
        "Version 2026051600, Last Updated Sat May 16",
        ["com", "tv", "xn--p1ai", "рф"],
    )
    assert {"com", "tv", "io", "рф", "xn--p1ai", "中国"} <= TLDS
    assert not {"js", "jpg", "pdf", "example", "local", "g", "b"} & TLDS
