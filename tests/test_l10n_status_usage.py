"""`l10n-status` against what the emails use: strings missing from a catalog, translations no
email uses, catalogs that are empty, unreadable, shared (`locales/pt`) or misplaced, and the
subject and preheader widths at their `.po` lines in `l10n-status`, `build` and `check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
HEADER = "locale  translated  fuzzy  untranslated  refused  obsolete  done  missing  stale"


def edit(project: Path, rel: str, *pairs: tuple[str, str]) -> str:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(project: Path, rel: str, line: str) -> int:
    return (project / rel).read_text(encoding="utf-8").splitlines().index(line) + 1


def locale_json(result, locale: str) -> dict[str, object]:
    return next(s for s in json.loads(result.stdout)["locales"] if s["locale"] == locale)


def lines(result) -> list[str]:
    return result.output.splitlines()


def test_catalog_compared_with_what_the_emails_use(example: Path, cli) -> None:
    """The reviewer's case: `Watch now` deleted, `Manage my plan` edited into `Manage my
    subscription`, `Your code` made obsolete. It said `fr_FR 55 ... 1 obsolete 100%`."""
    edit(
        example,
        PO,
        ('#: templates/recommendations.mjml.j2:19\nmsgid "Watch now"\nmsgstr "Regarder"\n\n', ""),
        ('msgid "Manage my plan"', 'msgid "Manage my subscription"'),
        ('msgid "Your code"\nmsgstr "Votre code"', '#~ msgid "Your code"\n#~ msgstr "Votre code"'),
    )
    stale = line_of(example, PO, 'msgid "Manage my subscription"')
    obsolete = line_of(example, PO, '#~ msgid "Your code"')
    result = cli(example, "l10n-status")
    assert result.exit_code == 0, result.output  # warnings: the emails show English
    assert lines(result)[0] == HEADER
    assert "fr_FR   54          0      3             0        1         95%   3        1" in (
        result.output
    )
    assert "de_DE   57          0      0             0        0         100%  0        0" in (
        result.output
    )
    found = [line for line in lines(result) if line.startswith(PO)]
    assert found == [
        f"{PO}:{stale}: warning: 'Manage my subscription': no template, campaign or event uses "
        "this msgid, so its translation is never shown; the emails use 'Manage my plan' "
        "(templates/renewal.mjml.j2:20) instead: restore that msgid if this entry is its "
        "translation [l10n.stale]",
        f"{PO}: warning: 'Watch now': not in the catalog, so the source text is shown (used at "
        "templates/recommendations.mjml.j2:19); `mailglot extract` then `mailglot update` add "
        "it [l10n.missing]",
        f"{PO}: warning: 'Manage my plan': not in the catalog, so the source text is shown "
        f"(used at templates/renewal.mjml.j2:20); {PO}:{stale} has 'Manage my subscription': "
        "was its msgid edited? [l10n.missing]",
        f"{PO}:{obsolete}: warning: 'Your code': marked obsolete (`#~`), so the source text is "
        "shown (used at templates/winback.mjml.j2:13); remove the `#~ ` marks to use this "
        "translation again [l10n.missing]",
    ]
    assert cli(example, "l10n-status", "--strict").exit_code == 1

    result = cli(example, "l10n-status", "--json")
    fr = locale_json(result, "fr_FR")
    counts = ("total", "translated", "untranslated", "missing", "stale", "obsolete", "percent")
    assert {k: fr[k] for k in counts} == {
        "total": 57,
        "translated": 54,
        "untranslated": 3,
        "missing": 3,
        "stale": 1,
        "obsolete": 1,
        "percent": 94.7,
    }
    assert (fr["readable"], fr["catalogs"]) == (True, [PO])
    assert [(d["line"], d["code"]) for d in fr["untranslated_ids"]] == [
        (None, "l10n.missing"),
        (None, "l10n.missing"),
        (obsolete, "l10n.missing"),
    ]
    assert [(d["line"], d["code"]) for d in fr["problems"]] == [(stale, "l10n.stale")]
    assert json.loads(result.stdout)["summary"]["fr_FR"] == 94.7

    # build agrees: the same strings are untranslated in the emails
    build = cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "fr_FR")
    assert f"{PO}: warning: untranslated: 'Manage my plan'; the source text is used" in (
        build.output
    )


def test_an_empty_catalog_is_0_percent_and_lists_every_string(example: Path, cli) -> None:
    """A 0-byte messages.po was `fr_FR 0 0 0 0 0 100%`, while build said l10n-status lists
    the untranslated strings."""
    (example / PO).write_bytes(b"")
    result = cli(example, "l10n-status")
    assert result.exit_code == 0
    assert "fr_FR   0           0      57            0        0         0%    57       0" in (
        result.output
    )
    missing = [line for line in lines(result) if line.startswith(f"{PO}: warning: ")]
    assert len(missing) == 57
    assert (
        f"{PO}: warning: 'Watch now': not in the catalog, so the source text is shown (used at "
        "templates/recommendations.mjml.j2:19); `mailglot extract` then `mailglot update` add "
        "it [l10n.missing]"
    ) in missing
    assert cli(example, "l10n-status", "--strict").exit_code == 1
    data = json.loads(cli(example, "l10n-status", "--json").stdout)
    assert data["summary"]["fr_FR"] == 0.0
    assert data["ok"] is True  # warnings only, as without --strict


def test_an_unreadable_catalog_is_unreadable_not_100_percent(example: Path, cli) -> None:
    edit(example, PO, ("charset=utf-8", "charset=CHARSET"))
    charset = line_of(example, PO, '"Content-Type: text/plain; charset=CHARSET\\n"')
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert "fr_FR   0           0      57            0        0         unreadable  0" in (
        result.output
    )
    assert (
        f"{PO}:{charset}: the header declares charset=CHARSET (the template's placeholder), "
        "which is not an encoding; write charset=UTF-8 (and save the file as UTF-8); no "
        "translation from this file is used [error: catalog.charset]"
    ) in lines(result)
    assert not any("[l10n.missing]" in line for line in lines(result))  # the error says it
    result = cli(example, "l10n-status", "--json")
    fr = locale_json(result, "fr_FR")
    assert (fr["percent"], fr["readable"], fr["translated"], fr["untranslated"]) == (
        0.0,
        False,
        0,
        57,
    )
    assert json.loads(result.stdout)["summary"]["fr_FR"] == 0.0


def test_a_shared_fallback_catalog_is_read_and_checked(example: Path, cli) -> None:
    """locales/pt is read for pt_BR: its errors were shown only by build."""
    pt = example / "locales/pt/LC_MESSAGES"
    pt.mkdir(parents=True)
    shutil.copy(example / "locales/pt_BR/LC_MESSAGES/messages.po", pt / "messages.po")
    br = "locales/pt_BR/LC_MESSAGES/messages.po"
    rel = "locales/pt/LC_MESSAGES/messages.po"
    edit(example, br, ('msgid "Watch now"\nmsgstr "Assistir agora"\n', ""))
    edit(
        example,
        rel,
        ('msgstr "Assistir agora"', 'msgstr "Assistir {{unsubscribe_url}} <script>"'),
        ('msgstr "Seu código"', 'msgstr "Seu código'),
    )
    watch = line_of(example, rel, 'msgid "Watch now"')
    cut = line_of(example, rel, 'msgstr "Seu código')
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert "pt_BR   56          0      0             1        0         98%   0        0" in (
        result.output
    )
    assert [line for line in lines(result) if line.startswith(rel)] == [
        f'{rel}:{cut}: unterminated string: the closing " is missing; the source text is used '
        "[error: catalog.syntax]",
        f"{rel}:{watch}: 'Watch now': markup not in the source text: <script>; the source text "
        "is used [error: catalog.markup]",
        f"{rel}:{watch}: 'Watch now': template or merge-tag syntax {{{{ }}}} (translations are "
        "text, never code); the source text is used [error: catalog.syntax-injection]",
    ]
    br_status = locale_json(cli(example, "l10n-status", "--json"), "pt_BR")
    assert br_status["catalogs"] == [br, rel]
    assert (br_status["translated"], br_status["refused"]) == (56, 1)


def test_a_misplaced_catalog_is_named_with_where_it_goes(example: Path, cli) -> None:
    """`locales/es-MX` (a TMS export's name) and `locales/ja_JP/messages.po` got "no catalog:
    `mailglot add-locale es_MX` starts one", which made an empty catalog next to the real
    one. A catalog folder of a locale the project does not list was never mentioned."""
    locales = example / "locales"
    (locales / "es_MX").rename(locales / "es-MX")
    (locales / "ja_JP/LC_MESSAGES/messages.po").rename(locales / "ja_JP/messages.po")
    (locales / "it_IT/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(example / PO, locales / "it_IT/LC_MESSAGES/messages.po")
    before = sorted(p.relative_to(example) for p in locales.rglob("*"))
    result = cli(example, "l10n-status")
    assert result.exit_code == 0
    es, ja = "locales/es_MX/LC_MESSAGES/messages.po", "locales/ja_JP/LC_MESSAGES/messages.po"
    assert [line for line in lines(result) if line.startswith("locales/")] == [
        "locales/it_IT/LC_MESSAGES/messages.po: warning: it_IT is not a locale of this "
        "project, so no email uses this catalog; list it under `locales:` in mailglot.yaml and "
        "under one market in calendars/markets.yaml, or delete the folder [catalog.unlisted]",
        f"{es}: warning: no catalog here, but locales/es-MX/LC_MESSAGES/messages.po looks like "
        "es_MX's: move it here, the only place mailglot reads es_MX's catalog (its "
        "translations are not used until then) [catalog.missing]",
        f"{ja}: warning: no catalog here, but locales/ja_JP/messages.po looks like ja_JP's: "
        "move it here, the only place mailglot reads ja_JP's catalog (its translations are not "
        "used until then) [catalog.missing]",
    ]
    assert "add-locale" not in result.output
    assert "es_MX   0           0      57            0        0         0%    57       0" in (
        result.output
    )
    assert sorted(p.relative_to(example) for p in locales.rglob("*")) == before  # not moved
    assert cli(example, "l10n-status", "--strict").exit_code == 1
    data = json.loads(cli(example, "l10n-status", "--json").stdout)
    assert [(w["path"], w["code"]) for w in data["warnings"]] == [
        ("locales/it_IT/LC_MESSAGES/messages.po", "catalog.unlisted")
    ]


def test_a_long_preheader_is_reported_by_l10n_status_at_its_po_line(example: Path, cli) -> None:
    """build reported preheader.length at the .po line; l10n-status measured subjects only."""
    long = "Aucune action n'est nécessaire de votre part. " * 4
    edit(
        example,
        PO,
        (
            'msgid "No action needed. Here\'s a summary of your plan."\nmsgstr "',
            f'msgid "No action needed. Here\'s a summary of your plan."\nmsgstr "{long}',
        ),
    )
    line = line_of(example, PO, 'msgid "No action needed. Here\'s a summary of your plan."')
    result = cli(example, "l10n-status")
    assert result.exit_code == 0
    assert (
        f'{PO}:{line}: warning: "No action needed. Here\'s a summary of your plan.": '
        "preheader is 250 columns wide with sample data; inboxes show about 140 (CJK characters "
        "count twice), the rest is cut [preheader.length]"
    ) in lines(result)
    build = cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "fr_FR")
    assert f"{PO}:{line}: warning: preheader is 250 columns wide" in build.output


def test_a_long_subject_is_at_its_po_line_in_build_check_and_status(example: Path, cli) -> None:
    """subject.length was at build/renewal/fr_FR/a/email.html with no line in build and
    check, though the words are fixed in the catalog."""
    edit(
        example,
        PO,
        (
            'msgstr "Renouvellement prévu le {renewal_date}"',
            'msgstr "Votre abonnement Streamly sera renouvelé automatiquement le {renewal_date}"',
        ),
    )
    line = line_of(example, PO, 'msgid "Your plan renews on {renewal_date}"')
    shown = (
        f"{PO}:{line}: warning: subject 'Votre abonnement Streamly sera renouvelé "
        "automatiquement le 15 déc. 2026' is 72 columns wide; phone inboxes show about 45 (CJK "
        "characters count twice), so it will be cut [subject.length] (1 job: renewal/fr_FR/a)"
    )
    build = cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "fr_FR")
    assert build.exit_code == 0
    assert shown in lines(build)
    check = cli(example, "check")
    assert shown in lines(check)
    meta = json.loads((example / "build/renewal/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["line"]) for f in meta["findings"] if f["code"] == "subject.length"] == [
        (PO, line)
    ]
    status = cli(example, "l10n-status")
    assert (
        f"{PO}:{line}: warning: 'Your plan renews on {{renewal_date}}': subject is 72 columns "
        "wide with sample data; phone inboxes show about 45 (CJK characters count twice) "
        "[subject.length]"
    ) in lines(status)


def test_a_subject_from_the_shared_catalog_is_located_there(example: Path, cli) -> None:
    """pt_BR's subject from locales/pt (pt_BR's own entry untranslated): that file's line."""
    pt = example / "locales/pt/LC_MESSAGES"
    pt.mkdir(parents=True)
    br = "locales/pt_BR/LC_MESSAGES/messages.po"
    rel = "locales/pt/LC_MESSAGES/messages.po"
    shutil.copy(example / br, pt / "messages.po")
    text = (example / br).read_text(encoding="utf-8")
    msgid = 'msgid "Your plan renews on {renewal_date}"'
    own = text.split(msgid + "\n", 1)[1].split("\n", 1)[0]
    edit(example, br, (f"{msgid}\n{own}", f'{msgid}\nmsgstr ""'))
    edit(
        example,
        rel,
        (f"{msgid}\n{own}", f'{msgid}\nmsgstr "{"Sua assinatura " * 5}{{renewal_date}}"'),
    )
    line = line_of(example, rel, msgid)
    build = cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "pt_BR")
    assert any(
        x.startswith(f"{rel}:{line}: warning: subject 'Sua assinatura") and "[subject.length]" in x
        for x in lines(build)
    ), build.output
    status = cli(example, "l10n-status")
    assert any(
        x.startswith(f"{rel}:{line}: warning: 'Your plan renews on {{renewal_date}}': subject is")
        for x in lines(status)
    ), status.output


def test_a_plural_entry_for_another_msgid_plural_is_not_counted_translated(
    example: Path, cli
) -> None:
    """The build passes over a plural entry whose msgid_plural is not the template's (the
    source text is shown); l10n-status counted it translated."""
    plural = 'msgid_plural "Come back today and get %(percent)s off your first %(count)s months."'
    edit(example, PO, (plural, plural.replace("Come back today", "Come back soon")))
    line = line_of(example, PO, 'msgid "Come back today and get %(percent)s off your first month."')
    result = cli(example, "l10n-status")
    assert "fr_FR   56          0      1             0        0         98%   0        0" in (
        result.output
    )
    assert (
        f"{PO}:{line}: warning: 'Come back today and get %(percent)s off your fi...': the "
        "catalog translates the plural 'Come back soon and get %(percent)s off your first "
        "%(count)s months.', not the template's 'Come back today and get %(percent)s off your "
        "first %(count)s months.'; the source text is used (`mailglot update` brings the catalog "
        "up to date) [l10n.missing]"
    ) in lines(result)


def test_the_preheader_budget_is_the_builds() -> None:
    from mailglot.checks import readers
    from mailglot.i18n import header_widths

    assert header_widths.PREHEADER_COLUMNS == readers.PREHEADER_COLUMNS


def test_a_locale_served_by_a_shared_catalog_alone(example: Path, cli) -> None:
    """pt_BR with no catalog of its own, read from locales/pt: no 'no catalog' warning, and a
    string the shared catalog lacks is listed there; a misnamed pt-BR next to it is named."""
    br = example / "locales/pt_BR"
    rel = "locales/pt/LC_MESSAGES/messages.po"
    (example / "locales/pt").mkdir()
    br.rename(example / "locales/pt")
    edit(example, rel, ('msgid "Watch now"\nmsgstr "Assistir agora"\n', ""))
    result = cli(example, "l10n-status")
    assert result.exit_code == 0
    assert "pt_BR   56          0      1             0        0         98%   1        0" in (
        result.output
    )
    assert [line for line in lines(result) if "locales/pt" in line] == [
        f"{rel}: warning: 'Watch now': not in the catalog, so the source text is shown (used "
        "at templates/recommendations.mjml.j2:19); `mailglot extract` then `mailglot update` "
        "add it [l10n.missing]"
    ]
    (example / "locales/pt-BR/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(example / rel, example / "locales/pt-BR/LC_MESSAGES/messages.po")
    result = cli(example, "l10n-status")
    assert (
        "locales/pt_BR/LC_MESSAGES/messages.po: warning: no catalog here, but "
        "locales/pt-BR/LC_MESSAGES/messages.po looks like pt_BR's: move it here, the only place "
        "mailglot reads pt_BR's catalog (its translations are not used until then) "
        "[catalog.missing]"
    ) in lines(result)


def test_add_locale_does_not_start_an_empty_catalog_next_to_a_misplaced_one(
    example: Path, cli
) -> None:
    (example / "locales/es_MX").rename(example / "locales/es-MX")
    result = cli(example, "add-locale", "es_MX")
    assert result.exit_code == 2
    assert result.output == (
        "mailglot: locales/es-MX/LC_MESSAGES/messages.po looks like es_MX's catalog: move it to "
        "locales/es_MX/LC_MESSAGES/messages.po, the only place mailglot reads it, instead of "
        "starting an empty one\n"
    )
    assert not (example / "locales/es_MX").exists()
