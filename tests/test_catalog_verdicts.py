"""The per-process memo of translation-check verdicts (`i18n.checks.verdicts`): a catalog
reloaded after a save must report and refuse exactly what a cold process would, at the lines
the entries are on now."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mailglot.errors import Diagnostic
from mailglot.i18n.catalogs import LocaleCatalog, load_locale_catalog
from mailglot.i18n.checks import Policy
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.checks.screening import VERDICTS
from mailglot.i18n.checks.verdicts import Verdicts
from mailglot.i18n.untrusted import form_problems
from mailglot.project.loader import load_project

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr_FR\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

"""
ENTRIES = {
    "bold": 'msgid "Watch <b>now</b>"\nmsgstr "Regardez <b>maintenant</b>"\n',
    "help": (
        'msgid "Help: https://streamly.example/help"\n'
        'msgstr "Aide\u202f: https://streamly.example/help"\n'
    ),
    "episodes": (
        'msgid "%(num)s episode"\nmsgid_plural "%(num)s episodes"\n'
        'msgstr[0] "%(num)s épisode"\nmsgstr[1] "%(num)s épisodes"\n'
    ),
    "ready": 'msgid "Ready to watch"\nmsgstr "Prêt à regarder"\n',
}
POLICY = Policy(locale="fr_FR", source_locale="en_US")


def write_po(root: Path, entries: dict[str, str], top: str = "") -> None:
    path = root / "locales" / "fr_FR" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(top + HEADER + "\n".join(entries.values()), encoding="utf-8")


def load(root: Path, policy: Policy = POLICY) -> LocaleCatalog:
    return load_locale_catalog(root, "fr_FR", "en_US", policy)


def cold(root: Path, policy: Policy = POLICY) -> list[Diagnostic]:
    """What a fresh process reports: the memos emptied first."""
    VERDICTS.clear()
    form_problems.cache_clear()
    return load(root, policy).diagnostics


def codes(found: list[Diagnostic]) -> list[tuple[int | None, str]]:
    return [(d.line, d.code) for d in found]


def line_of(root: Path, needle: str) -> int:
    text = (root / "locales/fr_FR/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def test_one_edited_msgstr_injecting_markup_is_refused_after_a_warm_load(tmp_path: Path) -> None:
    write_po(tmp_path, ENTRIES)
    assert cold(tmp_path) == []
    assert load(tmp_path).diagnostics == []  # the memo now holds every entry's verdict
    assert len(VERDICTS) >= len(ENTRIES)
    edited = dict(
        ENTRIES, bold='msgid "Watch <b>now</b>"\nmsgstr "Regardez <b onclick=x>maintenant</b>"\n'
    )
    write_po(tmp_path, edited)
    warm = load(tmp_path)
    line = line_of(tmp_path, 'msgid "Watch')
    assert (line, "catalog.markup") in codes(warm.diagnostics)
    assert all(d.severity == "error" for d in warm.diagnostics)
    assert warm.translations.gettext("Watch <b>now</b>") == "Watch <b>now</b>"  # refused
    assert warm.translations.gettext("Ready to watch") == "Prêt à regarder"
    assert warm.diagnostics == cold(tmp_path)
    write_po(tmp_path, ENTRIES)  # fixed again: the old verdict comes back, nothing refused
    fixed = load(tmp_path)
    assert fixed.diagnostics == []
    assert fixed.translations.gettext("Watch <b>now</b>") == "Regardez <b>maintenant</b>"


def test_merge_tag_in_one_plural_form_is_refused_after_a_warm_load(tmp_path: Path) -> None:
    write_po(tmp_path, ENTRIES)
    load(tmp_path)
    injected = ENTRIES["episodes"].replace(
        '"%(num)s épisodes"', '"%(num)s épisodes {{unsubscribe_url}}"'
    )
    write_po(tmp_path, dict(ENTRIES, episodes=injected))
    warm = load(tmp_path)
    line = line_of(tmp_path, 'msgid "%(num)s episode"')
    assert (line, "catalog.syntax-injection") in codes(warm.diagnostics)
    assert (
        warm.translations.ngettext("%(num)s episode", "%(num)s episodes", 3) == "%(num)s episodes"
    )
    assert warm.diagnostics == cold(tmp_path)


def test_a_diagnostic_follows_its_entry_when_lines_shift(tmp_path: Path) -> None:
    bad = dict(ENTRIES, ready='msgid "Ready to watch"\nmsgstr "Prêt à à regarder"\n')
    write_po(tmp_path, bad)
    before = load(tmp_path).diagnostics
    assert codes(before) == [(line_of(tmp_path, 'msgid "Ready'), "catalog.doubled-words")]
    write_po(tmp_path, bad, top="# A note from the translator.\n#\n#\n")
    after = load(tmp_path).diagnostics
    assert codes(after) == [(before[0].line + 3, "catalog.doubled-words")]
    assert after == cold(tmp_path)
    moved = dict(bad, ready=bad["bold"], bold=bad["ready"])  # entries swapped
    write_po(tmp_path, moved)
    assert codes(load(tmp_path).diagnostics) == [
        (line_of(tmp_path, 'msgid "Ready'), "catalog.doubled-words")
    ]


def test_the_path_is_the_file_reloaded(tmp_path: Path) -> None:
    bad = dict(ENTRIES, ready='msgid "Ready to watch"\nmsgstr "Prêt à à regarder"\n')
    for name in ("a", "b"):
        write_po(tmp_path / name, bad)
        assert [d.path for d in load(tmp_path / name).diagnostics] == [
            "locales/fr_FR/LC_MESSAGES/messages.po"
        ]


@pytest.mark.parametrize(
    ("policy", "entry", "text", "code"),
    [
        (
            Policy(locale="fr_FR", allowed_links=("https://streamly.example/{lang}/**",)),
            "help",
            'msgid "Help: https://streamly.example/help"\nmsgstr "Aide\u202f: https://streamly.example/fr/aide"\n',
            "catalog.links",
        ),
        (
            Policy(locale="fr_FR", typographic_tags=frozenset({"sup"})),
            "ready",
            'msgid "Ready to watch"\nmsgstr "Prêt<sup>1</sup> à regarder"\n',
            "catalog.markup",
        ),
        (
            Policy(locale="fr_FR", disabled=("catalog.doubled-words",)),
            "ready",
            'msgid "Ready to watch"\nmsgstr "Prêt à à regarder"\n',
            "catalog.doubled-words",
        ),
        (
            Policy(locale="fr_FR", keep_as_is=("Ready to watch",)),
            "ready",
            'msgid "Ready to watch"\nmsgstr "Ready to watch"\n',
            "catalog.unchanged",
        ),
    ],
)
def test_a_changed_setting_changes_the_verdict(
    tmp_path: Path, policy: Policy, entry: str, text: str, code: str
) -> None:
    write_po(tmp_path, dict(ENTRIES, **{entry: text}))
    strict = load(tmp_path)
    assert code in [d.code for d in strict.diagnostics]
    loose = load(tmp_path, policy)
    assert code not in [d.code for d in loose.diagnostics]
    assert loose.diagnostics == cold(tmp_path, policy)
    assert code in [d.code for d in load(tmp_path).diagnostics]  # and back


def test_an_accept_comment_added_or_removed_changes_the_verdict(tmp_path: Path) -> None:
    bad = 'msgid "Ready to watch"\nmsgstr "Prêt à à regarder"\n'
    write_po(tmp_path, dict(ENTRIES, ready=bad))
    assert [d.code for d in load(tmp_path).diagnostics] == ["catalog.doubled-words"]
    write_po(tmp_path, dict(ENTRIES, ready="# mailglot-accept: catalog.doubled-words\n" + bad))
    assert load(tmp_path).diagnostics == []
    write_po(tmp_path, dict(ENTRIES, ready="# mailglot-accept: catalog.markup\n" + bad))
    assert [d.code for d in load(tmp_path).diagnostics] == [
        "catalog.doubled-words",
        "catalog.accept",
    ]


def test_where_an_entry_comes_from_is_part_of_the_verdict(tmp_path: Path) -> None:
    """Strings a campaign uses are str.format'ed, those a template uses %-formatted: the same
    msgid and msgstr get a different verdict by where the project's sources use the msgid
    (the policy), whatever the entry's `#:` lines say."""
    text = 'msgid "Ready to watch"\nmsgstr "Prêt { à regarder"\n'
    ready = frozenset({"Ready to watch"})
    campaign = replace(POLICY, campaign_ids=ready, sources_known=True)
    template = replace(POLICY, template_ids=ready, sources_known=True)
    write_po(tmp_path, dict(ENTRIES, ready="#: templates/x.html:3\n" + text))
    assert [d.code for d in load(tmp_path, campaign).diagnostics] == ["catalog.braces"]
    write_po(tmp_path, dict(ENTRIES, ready="#: campaigns/x.yaml:3\n" + text))
    assert load(tmp_path, template).diagnostics == []
    assert cold(tmp_path, template) == []
    assert [d.code for d in load(tmp_path, campaign).diagnostics] == ["catalog.braces"]


def test_every_example_locale_reports_the_same_warm_and_cold(example: Path) -> None:
    project = load_project(example)
    policy = project_policy(project)
    source = project.settings.source_locale
    for locale in project.settings.all_locales():
        VERDICTS.clear()
        first = load_locale_catalog(example, locale, source, policy).diagnostics
        again = load_locale_catalog(example, locale, source, policy).diagnostics
        assert again == first, locale


def test_the_memo_is_bounded_and_forgets_the_least_recently_used() -> None:
    memo: Verdicts[int] = Verdicts(limit=2)
    calls: list[str] = []

    def compute(key: str) -> int:
        calls.append(key)
        return len(calls)

    assert memo.get("a", lambda: compute("a")) == 1
    assert memo.get("b", lambda: compute("b")) == 2
    assert memo.get("a", lambda: compute("a")) == 1  # a is now the most recently used
    assert memo.get("c", lambda: compute("c")) == 3  # b goes
    assert len(memo) == 2
    assert memo.get("a", lambda: compute("a")) == 1
    assert memo.get("b", lambda: compute("b")) == 4
    assert calls == ["a", "b", "c", "b"]


def test_a_changed_plural_rule_changes_the_verdict(tmp_path: Path) -> None:
    """A form used for the number 1 alone may leave the number out ("un épisode"); under
    French's rule form 0 serves 0 and 1 too, so it may not. Only the header changes."""
    one = ENTRIES["episodes"].replace('msgstr[0] "%(num)s épisode"', 'msgstr[0] "un épisode"')
    write_po(tmp_path, dict(ENTRIES, episodes=one))
    french = [d.code for d in load(tmp_path).diagnostics]
    assert "catalog.placeholders.missing" in french
    path = tmp_path / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = path.read_text(encoding="utf-8").replace("plural=(n > 1)", "plural=(n != 1)")
    path.write_text(text, encoding="utf-8")
    english_rule = load(tmp_path).diagnostics
    assert "catalog.placeholders.missing" not in [d.code for d in english_rule]
    assert english_rule == cold(tmp_path)
