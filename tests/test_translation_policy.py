"""One policy, one report: `build` and `l10n-status` find the same problems at the same `.po`
lines, silence the same codes, honour the same accept comments, and a refused translation
never ships (the email shows the source text)."""

from __future__ import annotations

import json
from pathlib import Path

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
SUBJECT = 'msgstr "Renouvellement prévu le {renewal_date}"'
FEATURE = 'msgstr "Téléchargements sur 6 appareils maximum"'
RENEWAL = ("build", "--no-screenshots", "--campaign", "renewal", "--locale", "fr_FR")


def plant(project: Path, old: str, new: str, comment: str = "") -> int:
    """Replace one msgstr line (and optionally add a translator comment above its entry);
    return the line of its msgid, where findings are reported."""
    po = project / PO
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index(old)
    lines[index] = new
    if comment:
        start = index
        while lines[start - 1].strip():
            start -= 1
        lines.insert(start, comment)
        index += 1
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index  # msgid is the line before the msgstr: index (0-based) + 1 - 1


def catalog_findings(output: str) -> set[tuple[str, str]]:
    return {
        (
            line.split(": ")[0],
            line.split(": ")[2] if ": error: " in line or ": warning: " in line else "",
        )
        for line in output.splitlines()
        if line.startswith(PO)
    }


def status_json(project: Path, cli) -> tuple[int, list[dict[str, object]], list[dict[str, object]]]:
    result = cli(project, "l10n-status", "--json")
    data = json.loads(result.stdout)
    fr = next(s for s in data["locales"] if s["locale"] == "fr_FR")
    return result.exit_code, fr["problems"], data["warnings"]


def build_findings(project: Path, cli) -> tuple[int, list[dict[str, object]]]:
    result = cli(project, *RENEWAL)
    meta = json.loads((project / "build/renewal/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    return result.exit_code, [f for f in meta["findings"] if f["path"] == PO]


def _key(f: dict[str, object]) -> tuple[object, ...]:
    return (f["path"], f["line"], f["code"], f["severity"], f["message"])


def test_build_and_status_report_the_same_findings(example: Path, cli):
    subject = plant(example, SUBJECT, 'msgstr "Renouvellement prévu le {renewal_date} {x}"')
    feature = plant(example, FEATURE, 'msgstr "Téléchargements sur 5 appareils  maximum "')
    status_exit, status, _ = status_json(example, cli)
    build_exit, built = build_findings(example, cli)
    assert status_exit == build_exit == 1
    assert sorted(map(_key, status)) == sorted(map(_key, built))
    assert {(f["line"], f["code"]) for f in built} == {
        (subject, "catalog.placeholders.unknown"),
        (feature, "catalog.numbers"),
        (feature, "catalog.whitespace"),
        (feature, "catalog.double-spaces"),
    }
    meta = json.loads((example / "build/renewal/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    assert meta["subject"] == "Your plan renews on {renewal_date}".replace(
        "{renewal_date}", meta["subject"].split(" on ")[-1]
    )  # the source text, filled
    text = (example / "build/renewal/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "Downloads on up to 6 devices" in text and "5 appareils" not in text


def test_disabled_code_is_neither_reported_nor_enforced_in_both(example: Path, cli):
    """Issue 9: `disable: [catalog.placeholders]` used to make `build` exit 0 calling the
    string untranslated while `l10n-status` exited 1 showing the silenced finding."""
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("checks: {disable: []", "checks: {disable: [catalog.placeholders]"),
        encoding="utf-8",
    )
    plant(example, SUBJECT, 'msgstr "Votre abonnement se renouvelle bientôt"')
    status_exit, status, warnings = status_json(example, cli)
    build_exit, built = build_findings(example, cli)
    assert (status_exit, build_exit) == (0, 0)
    assert status == built == []
    meta = json.loads((example / "build/renewal/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    assert meta["subject"] == "Votre abonnement se renouvelle bientôt"  # used, as disabled
    assert not any(f["code"] == "l10n.missing" for f in meta["findings"])
    # a placeholder field the source lacks protects the email: still refused, in both
    line = (
        settings.read_text(encoding="utf-8")
        .splitlines()
        .index("checks: {disable: [catalog.placeholders], max_html_bytes: 102000}")
    )
    assert [(w["path"], w["line"], w["code"]) for w in warnings] == [
        ("mailglot.yaml", line + 1, "config.protected")
    ]
    assert (
        "catalog.placeholders.percent, catalog.placeholders.unknown protect(s) the email"
        in (warnings[0]["message"])
    )
    po = example / PO
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            "se renouvelle bientôt", "se renouvelle {first_name.__class__}"
        ),
        encoding="utf-8",
    )
    status_exit, status, _ = status_json(example, cli)
    build_exit, built = build_findings(example, cli)
    assert (status_exit, build_exit) == (1, 1)
    assert (
        [f["code"] for f in status]
        == [f["code"] for f in built]
        == ["catalog.placeholders.unknown"]
    )
    meta = json.loads((example / "build/renewal/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    assert meta["subject"].startswith("Your plan renews on ")


def test_accept_comment_accepts_one_code_for_one_entry(example: Path, cli):
    line = plant(
        example,
        FEATURE,
        'msgstr "Téléchargements sur 5 appareils maximum"',
        "# mailglot-accept: catalog.numbers",
    )
    status_exit, status, _ = status_json(example, cli)
    build_exit, built = build_findings(example, cli)
    assert (status_exit, build_exit, status, built) == (0, 0, [], [])
    text = (example / "build/renewal/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "Téléchargements sur 5 appareils maximum" in text
    # a protected code cannot be accepted: refused, and the comment is flagged
    po = example / PO
    po.write_text(
        po.read_text(encoding="utf-8")
        .replace("# mailglot-accept: catalog.numbers", "# mailglot-accept: catalog.markup")
        .replace("5 appareils maximum", "6 appareils <b>maximum</b>"),
        encoding="utf-8",
    )
    status_exit, status, _ = status_json(example, cli)
    assert status_exit == 1
    assert [(f["line"], f["code"], f["severity"]) for f in status] == [
        (line, "catalog.markup", "error"),
        (line, "catalog.accept", "warning"),
    ]
    assert status[1]["message"].endswith(
        "mailglot-accept: catalog.markup protects the email and cannot be accepted; "
        "the string stays refused"
    )


def test_status_prints_location_code_and_fix_hint(example: Path, cli):
    line = plant(example, FEATURE, 'msgstr "Téléchargements sur 6 appareils maximum\u200b"')
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert (
        f"{PO}:{line}: 'Downloads on up to 6 devices': invisible characters not in the "
        "source: U+200B ZERO WIDTH SPACE; the source text is used [error: catalog.invisible]\n"
        "    fix: delete the invisible character (retype the word if you cannot see it)\n"
    ) in result.output
    assert "fr_FR   56          0      0             1        0         98%" in result.output


def test_half_translated_plural_is_refused_in_both(example: Path, cli):
    """It used to count as untranslated in l10n-status and as an error in build."""
    po = example / "locales/de_DE/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr[1] "%(count)s neue Folgen"', 'msgstr[1] ""'), "utf-8")
    result = cli(example, "l10n-status", "--json")
    de = next(s for s in json.loads(result.stdout)["locales"] if s["locale"] == "de_DE")
    assert (de["untranslated"], de["refused"]) == (0, 1)
    assert [p["code"] for p in de["problems"]] == ["catalog.plural-forms"]
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "recommendations", "--locale", "de_DE"
    )
    assert result.exit_code == 1
    assert "plural form 1 is empty while others are translated" in result.output
    body = (example / "build/recommendations/de_DE/a/email.txt").read_text(encoding="utf-8")
    assert "3 new episodes" in body  # the source text, not an empty string


def test_fix_adds_french_spaces_and_changes_nothing_else(example: Path, cli):
    po = example / PO
    before = po.read_bytes()
    plant(example, FEATURE, 'msgstr "Téléchargements : 6 appareils maximum !"')
    planted = po.read_bytes()
    result = cli(example, "l10n-status")
    assert "catalog.french-spacing" in result.output and result.exit_code == 0
    result = cli(example, "l10n-status", "--fix")
    assert f"{PO}: fixed 1 entr(y/ies)" in result.output
    assert "catalog.french-spacing" not in result.output
    after = po.read_bytes()
    assert after == planted.replace(
        "Téléchargements : 6 appareils maximum !".encode(),
        "Téléchargements\u00a0: 6 appareils maximum\u202f!".encode(),
    )
    assert after != before
    assert cli(example, "l10n-status", "--fix").exit_code == 0
    assert po.read_bytes() == after  # nothing left to fix: the file is not rewritten


def test_markup_the_source_carries_may_move_and_a_script_never_ships(tmp_path: Path, cli):
    acme = tmp_path / "acme"
    assert cli(tmp_path, "init", str(acme)).exit_code == 0
    template = acme / "templates/welcome.mjml.j2"
    template.write_text(
        template.read_text().replace(
            "{% endblock %}",
            '<mj-text>{% trans %}Read our <a href="https://acme.example/terms">terms'
            "</a>.{% endtrans %}</mj-text>\n{% endblock %}",
        )
    )
    po = acme / PO
    po.write_text(
        po.read_text()
        + (
            '\nmsgid "Read our <a href=\\"https://acme.example/terms\\">terms</a>."\n'
            'msgstr "Lisez nos <a href=\\"https://acme.example/terms\\">conditions</a>."\n'
        )
    )
    assert cli(acme, "build", "--no-screenshots", "--locale", "fr_FR").exit_code == 0
    html = (acme / "build/welcome/fr_FR/a/email.html").read_text()
    assert 'Lisez nos <a href="https://acme.example/terms">conditions</a>.' in html
    po.write_text(po.read_text().replace('msgstr "Commencer"', 'msgstr "Commencer<script>"'))
    result = cli(acme, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert "'Get started': markup not in the source text: <script>" in result.output
    html = (acme / "build/welcome/fr_FR/a/email.html").read_text()
    assert "<script" not in html and "Get started" in html and "Commencer" not in html


def test_extra_plural_form_is_located(example: Path, cli):
    po = example / "locales/ja_JP/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index('msgid "%(count)s new episode"')
    lines.insert(index + 3, 'msgstr[1] "新着%(count)s話です"')
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert (
        f"locales/ja_JP/LC_MESSAGES/messages.po:{index + 1}: '%(count)s new episode': more "
        "plural forms than ja_JP has (Plural-Forms: nplurals=1; plural=0;); the source text is "
        "used [error: catalog.plural-forms]"
    ) in result.output
    assert "ja_JP   56          0      0             1" in result.output


def test_subject_over_the_phone_budget_is_a_warning(example: Path, cli):
    line = plant(
        example,
        SUBJECT,
        'msgstr "Votre abonnement Streamly sera renouvelé automatiquement le {renewal_date}"',
    )
    result = cli(example, "l10n-status")
    assert result.exit_code == 0
    assert (
        f"{PO}:{line}: warning: 'Your plan renews on {{renewal_date}}': subject is 72 columns "
        "wide with sample data; phone inboxes show about 45 (CJK characters count twice) "
        "[subject.length]"
    ) in result.output


def test_accept_comment_survives_update(example: Path, cli):
    plant(
        example,
        FEATURE,
        'msgstr "Téléchargements sur 5 appareils maximum"',
        "# mailglot-accept: catalog.numbers",
    )
    assert cli(example, "update").exit_code == 0
    text = (example / PO).read_text(encoding="utf-8")
    assert (
        "# mailglot-accept: catalog.numbers\n#. data.strings.features.2\n"
        '#: campaigns/renewal.yaml:15\nmsgid "Downloads on up to 6 devices"\n'
    ) in text
    assert status_json(example, cli)[:2] == (0, [])
