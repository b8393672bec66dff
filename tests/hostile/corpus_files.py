"""Corpus cases that plant whole files: catalogs, campaigns, templates, settings, calendars,
and command-line misuse."""

from __future__ import annotations

from pathlib import Path

from .corpus import PO, Case, Link

_BASE_PO = (Path(__file__).parent / "base" / PO).read_text(encoding="utf-8")
_BASE_SETTINGS = (Path(__file__).parent / "base/mailglot.yaml").read_text(encoding="utf-8")
FR_ONLY = ("welcome/en_US/a",)  # a broken fr_FR catalog still builds fr_FR, in English


def bomb(indent: str = "") -> str:
    """The "billion laughs": nine levels of nine aliases, 387 million values from 700 bytes."""
    return "".join(
        f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9 if i else ['lol'] * 9)}]\n"
        for i in range(9)
    )


def _po(old: str, new: str) -> str:
    assert old in _BASE_PO, old
    return _BASE_PO.replace(old, new, 1)


NO_TRANSLATION = "no translation from this file is used"

CATALOGS: list[Case] = [
    Case(
        "catalog-charset-placeholder",
        "catalogs",
        {PO: _po("charset=UTF-8", "charset=CHARSET")},
        (
            f"{PO}:6: the header declares charset=CHARSET (the template's placeholder), which is "
            f"not an encoding; write charset=UTF-8 (and save the file as UTF-8); {NO_TRANSLATION}",
        ),
        leaks=("Se désabonner",),
    ),
    Case(
        "catalog-latin1-bytes-declared-utf8",
        "catalogs",
        {PO: _BASE_PO.encode("latin-1")},
        (
            f"{PO}:16: byte 0xe9 is not UTF-8 text (the charset the header declares); save the "
            f"file as UTF-8; {NO_TRANSLATION}",
        ),
        leaks=("Voici comment", "d\ufffdmarrer"),
    ),
    Case(
        "catalog-utf8-declared-latin1",
        "catalogs",
        {PO: _po("charset=UTF-8", "charset=ISO-8859-1")},
        (
            f"{PO}:6: the header declares charset=ISO-8859-1 but the file is UTF-8 (its accented "
            f"letters would be garbled); write charset=UTF-8; {NO_TRANSLATION}",
        ),
        leaks=("Ã©", "Se dÃ"),
    ),
    Case(
        "catalog-cut-mid-string",
        "catalogs",
        {PO: _BASE_PO[: _BASE_PO.index("Se désabonner") + len("Se dés")]},
        (f'{PO}:45: unterminated string: the closing " is missing; the source text is used',),
        leaks=("Se dés",),
    ),
    Case(
        "catalog-unterminated-string",
        "catalogs",
        {PO: _po('msgstr "Regarder"', 'msgstr "Regard')},
        (f'{PO}:37: unterminated string: the closing " is missing; the source text is used',),
        leaks=("Regard",),
    ),
    Case(
        "catalog-duplicate-msgid",
        "catalogs",
        {PO: _BASE_PO + '\nmsgid "Watch now"\nmsgstr "Voir PWN"\n'},
        (
            f"{PO}:47: the same msgid is translated again (first on line 36); keep one entry; "
            "the source text is used",
        ),
        leaks=("Voir PWN", "Regarder"),
    ),
    Case(
        "catalog-msgid-without-msgstr",
        "catalogs",
        {PO: _BASE_PO + '\nmsgid "Watch later"\n'},
        (f"{PO}:47: msgid without msgstr (is the file cut short?); the source text is used",),
    ),
    Case(
        "catalog-bad-plural-expression",
        "catalogs",
        {PO: _po("plural=(n > 1);", "plural=(n > 1 +);")},
        (
            f"{PO}:8: Plural-Forms: '(n > 1 +)' is not a plural expression gettext understands; "
            "plural translations are not used until it is fixed"
            ' (in French: "Plural-Forms: nplurals=2; plural=(n > 1);\\n")',
        ),
    ),
    Case(
        "catalog-plural-forms-not-a-rule",
        "catalogs",
        {PO: _po("nplurals=2; plural=(n > 1);", "nplurals=x; plural=__import__('os');")},
        (
            f"{PO}:8: Plural-Forms: expected the form 'nplurals=2; plural=(n > 1);'; plural "
            "translations are not used until it is fixed"
            ' (in French: "Plural-Forms: nplurals=2; plural=(n > 1);\\n")',
        ),
    ),
    Case(
        "catalog-plural-rule-out-of-range",
        "catalogs",
        {PO: _po("plural=(n > 1);", "plural=(n + 1);")},
        (
            f"{PO}:8: Plural-Forms: for n=1 the rule picks form 2, but nplurals=2; plural "
            "translations are not used until it is fixed"
            ' (in French: "Plural-Forms: nplurals=2; plural=(n > 1);\\n")',
        ),
    ),
    Case(
        "catalog-binary-garbage",
        "catalogs",
        {PO: b"\xde\x12\x04\x95\x00\x00\x00\x00garbage"},  # a .mo file's first bytes
        (
            f"{PO}: this is a compiled catalog (.mo), which mailglot does not read: it reads "
            "the .po file, the catalog's source; export the .po from your translation "
            "platform, or turn this file back into one with msgunfmt (GNU gettext; a .mo "
            f"keeps no comments, nor fuzzy or untranslated entries); {NO_TRANSLATION}",
        ),
    ),
    Case(
        "catalog-link-out-of-the-project",
        "catalogs",
        {
            "../outside/stolen.po": _po('msgstr "Regarder"', 'msgstr "Regarder PWN"'),
            PO: Link("stolen.po"),
        },
        (
            f"{PO}: a link to {{outside}}/stolen.po, outside the project; mailglot does not read "
            f"it (copy the file into the project instead); {NO_TRANSLATION}",
        ),
        leaks=("Regarder", "Se désabonner"),
    ),
    # Built alone like the catalogs: an asset under templates/assets/ that links elsewhere.
    Case(
        "asset-link-out-of-the-project",
        "templates",
        {
            "mailglot.yaml": _BASE_SETTINGS + 'assets_base_url: "https://cdn.acme.example/m/"\n',
            "templates/assets/logo.png": Link("secret.mjml.j2"),
            "templates/assets/badge.png": "a real badge\n",
            "templates/t_asset.mjml.j2": '{% extends "layouts/base.mjml.j2" %}{% block content %}'
            '\n<mj-image src="https://cdn.acme.example/m/logo.png" alt="Logo" />\n'
            '<mj-image src="https://cdn.acme.example/m/badge.png" alt="Badge" />\n'
            "{% endblock %}\n",
            "campaigns/c_asset.yaml": 'template: t_asset.mjml.j2\nmarkets: all\nsubject: "Hi"\n',
        },
        (
            "templates/assets/logo.png: a link to {outside}/secret.mjml.j2, outside the project; "
            "mailglot does not read it (copy the file into the project instead)",
        ),
        leaks=("../../../../templates/assets/logo.png",),
        built=("welcome/en_US/a", "welcome/fr_FR/a", "c_asset/en_US/a", "c_asset/fr_FR/a"),
    ),
    Case(
        "catalog-stray-line",
        "catalogs",
        {PO: _po('msgstr "Commencer"', 'msgstr "Commencer"\nCommencer maintenant')},
        (f"{PO}:42: not a line of a .po file: 'Commencer maintenant'",),
    ),
    Case(  # a locale folder whose name is not UTF-8 (no locale lists it): not a traceback
        "locale-folder-not-utf8",
        "catalogs",
        {"locales/f\udce9/LC_MESSAGES/messages.po": 'msgid ""\nmsgstr ""\n'},
        exit_code=0,
    ),
]

_CAMPAIGN = 'template: welcome.mjml.j2\nmarkets: all\nsubject: "Hello {first_name}"\n'
CAMPAIGNS: list[Case] = [
    Case(
        "campaign-impossible-date-in-data",
        "campaigns",
        {"campaigns/c_date.yaml": _CAMPAIGN + "data:\n  renewal_date: 2026-02-30\n"},
        (
            "campaigns/c_date.yaml:5: 2026-02-30 is not a date that exists (day is out of range "
            "for month); write YYYY-MM-DD, or quote it to keep it as text (column 17)",
        ),
    ),
    Case(
        "campaign-impossible-schedule-date",
        "campaigns",
        {"campaigns/c_sched.yaml": _CAMPAIGN + "schedule:\n  date: 2026-13-45\n"},
        (
            "campaigns/c_sched.yaml:5: 2026-13-45 is not a date that exists (month must be in "
            "1..12); write YYYY-MM-DD, or quote it to keep it as text (column 9)",
        ),
    ),
    Case(
        "campaign-alias-bomb",
        "campaigns",
        {"campaigns/c_bomb.yaml": _CAMPAIGN + "data:\n" + bomb("  ")},
        (
            "campaigns/c_bomb.yaml:4: aliases (*name) expand to more than 10,000 values; write "
            "the values out or reuse fewer",
        ),
    ),
    Case(
        "campaign-recursive-alias",
        "campaigns",
        {"campaigns/c_loop.yaml": _CAMPAIGN + "data: &d\n  self: *d\n"},
        (
            "campaigns/c_loop.yaml:4: an alias refers to the value that contains it (endless "
            "nesting) (column 7)",
        ),
    ),
    Case(
        "campaign-python-tag",
        "campaigns",
        {"campaigns/c_tag.yaml": _CAMPAIGN + 'data: !!python/object/apply:os.system ["id"]\n'},
        (
            "campaigns/c_tag.yaml:4: unsupported tag !!python/object/apply:os.system; mailglot "
            "files hold plain text, numbers, dates, lists and mappings (column 7)",
        ),
    ),
    Case(
        "campaign-application-tag",
        "campaigns",
        {"campaigns/c_ref.yaml": _CAMPAIGN + "preheader: !Ref greeting\n"},
        (
            "campaigns/c_ref.yaml:4: unsupported tag !Ref; mailglot files hold plain text, "
            "numbers, dates, lists and mappings (column 12)",
        ),
    ),
    Case(
        "campaign-not-utf8",
        "campaigns",
        {"campaigns/c_bytes.yaml": (_CAMPAIGN + 'preheader: "Caf\xe9"\n').encode("latin-1")},
        (
            "campaigns/c_bytes.yaml:4: byte 0xe9 (column 16) is not UTF-8 text; save the file as "
            "UTF-8",
        ),
    ),
    Case(
        "campaign-named-dots",
        "campaigns",
        {"campaigns/...yaml": _CAMPAIGN},
        (
            "campaigns/...yaml: a campaign file name (its id) starts with a letter, digit or _ "
            "and holds only letters, digits, _, - and . (it names a folder in build/); rename "
            "the file",
        ),
    ),
    Case(
        "campaign-hidden-name",
        "campaigns",
        {"campaigns/.hidden.yaml": _CAMPAIGN},
        (
            "campaigns/.hidden.yaml: a campaign file name (its id) starts with a letter, digit "
            "or _ and holds only letters, digits, _, - and . (it names a folder in build/); "
            "rename the file",
        ),
    ),
    Case(
        "campaign-template-traversal",
        "campaigns",
        {"campaigns/c_up.yaml": _CAMPAIGN.replace("welcome.mjml.j2", "../mailglot.yaml")},
        (
            "campaigns/c_up.yaml:1: template '../mailglot.yaml' is outside templates/; give a path under templates/",
        ),
    ),
    Case(
        "campaign-template-symlink-out",
        "campaigns",
        {
            "templates/linked.mjml.j2": Link("secret.mjml.j2"),
            "campaigns/c_link.yaml": _CAMPAIGN.replace("welcome.mjml.j2", "linked.mjml.j2"),
        },
        (
            "campaigns/c_link.yaml:1: template 'linked.mjml.j2' leads outside templates/ (a "
            "link to {outside}/secret.mjml.j2)",
        ),
    ),
    Case(
        "campaign-file-link-out",
        "campaigns",
        {"campaigns/c_linked.yaml": Link("secret.mjml.j2")},
        (
            "campaigns/c_linked.yaml: a link to {outside}/secret.mjml.j2, outside the project; "
            "mailglot does not read it (copy the file into the project instead)",
        ),
    ),
    Case(
        "campaign-huge-number",
        "campaigns",
        {"campaigns/c_num.yaml": _CAMPAIGN + "data:\n  n: 0x" + "f" * 2000 + "\n"},
        (
            "campaigns/c_num.yaml:5: a number of 2,000 digits: mailglot reads numbers of up to "
            "1,000 digits; write it in quotes to keep it as text (column 6)",
        ),
    ),
    Case(
        "campaign-merge-key-bomb",
        "campaigns",
        {
            "campaigns/c_merge.yaml": _CAMPAIGN
            + "data:\n"
            + "".join(
                f"  m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}], k{i}: 1}}\n"
                if i
                else "  m0: &m0 {k: 1}\n"
                for i in range(8)
            )
        },
        (
            "campaigns/c_merge.yaml:4: aliases (*name) expand to more than 10,000 values; write "
            "the values out or reuse fewer",
        ),
    ),
    Case(
        "campaign-too-large",
        "campaigns",
        {"campaigns/c_big.yaml": _CAMPAIGN + "data:\n  blob: " + "x" * (2 * 1024 * 1024) + "\n"},
        (
            "campaigns/c_big.yaml: 2.0 MB is more than the 2 MB a mailglot YAML file may hold; "
            "keep large data out of it",
        ),
    ),
    Case(
        "campaign-data-merge-tag",
        "campaigns",
        {
            "campaigns/c_tag2.yaml": _CAMPAIGN
            + 'data:\n  button: "PWN40 &#123;&#123;email&#125;&#125;"\n'
        },
        (
            "campaigns/c_tag2.yaml:5: data.button: merge-tag or template syntax {{ }} (campaign "
            "text is never code; per-recipient fields are written {first_name})",
        ),
        leaks=("PWN40",),
    ),
    Case(
        "campaign-subject-crlf",
        "campaigns",
        {"campaigns/c_crlf.yaml": _CAMPAIGN.replace("Hello {first_name}", "Hi\\r\\nBcc: x@y")},
        ("campaigns/c_crlf.yaml:3: subject: control characters or line breaks",),
    ),
    Case(
        "campaign-is-a-folder",
        "campaigns",
        {"campaigns/c_dir.yaml/readme.txt": "a folder named like a campaign\n"},
        ("campaigns/c_dir.yaml: a folder, not a file; mailglot reads a YAML file here",),
    ),
    Case(
        "campaign-string-attribute-breakout",
        "campaigns",
        {
            "campaigns/welcome.yaml": (Path(__file__).parent / "base/campaigns/welcome.yaml")
            .read_text(encoding="utf-8")
            .replace('"Tip of the day"', "'Tip\" onmouseover=\"alert(2)'")
        },
        leaks=('onmouseover="alert(2)"',),
    ),
    Case(  # the file name's byte 0xe9 is not UTF-8: the id error, as `calendar` gives it
        "campaign-name-not-utf8",
        "campaigns",
        {"campaigns/caf\udce9.yaml": _CAMPAIGN},
        (
            "campaigns/caf\\xe9.yaml: a campaign file name (its id) starts with a letter, digit "
            "or _ and holds only letters, digits, _, - and . (it names a folder in build/); "
            "rename the file",
        ),
    ),
]


def _template_case(
    cid: str, body: str, messages: tuple[str, ...], extra: dict | None = None, **kw: object
) -> Case:
    """A campaign `t_<cid>` whose own template `t_<cid>.mjml.j2` holds `body`."""
    files: dict[str, str | bytes | Link | None] = {
        f"campaigns/t_{cid}.yaml": _CAMPAIGN.replace("welcome.mjml.j2", f"t_{cid}.mjml.j2"),
        f"templates/t_{cid}.mjml.j2": body,
        **(extra or {}),
    }
    return Case(f"template-{cid}", "templates", files, messages, **kw)  # type: ignore[arg-type]


_WRAP = '{% extends "layouts/base.mjml.j2" %}{% block content %}\n'
TEMPLATES: list[Case] = [
    _template_case(
        "python-internals",
        _WRAP + '<mj-text>{{ cycler.__init__.__globals__.os.popen("id").read() }}</mj-text>\n'
        "{% endblock %}\n",
        (
            "templates/t_python-internals.mjml.j2:2: cycler.__init__ is not allowed in a "
            "template (sandbox): templates cannot reach Python internals",
        ),
        leaks=("uid=",),
    ),
    _template_case(
        "huge-range",
        _WRAP + "{% for i in range(10**12) %}x{% endfor %}\n{% endblock %}\n",
        (
            "templates/t_huge-range.mjml.j2:2: not allowed in a template (sandbox): range() may "
            "count at most 100,000 numbers",
        ),
    ),
    _template_case(
        "endless-loop",
        _WRAP + "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}"
        "{% endfor %}\n{% endblock %}\n",
        (
            "templates/t_endless-loop.mjml.j2:2: the template ran longer than "
            "render.timeout_s (1 s); stopped here",
        ),
    ),
    _template_case(
        "endless-recursion",
        "{% macro again(n) %}{{ again(n) }}{% endmacro %}\n" + _WRAP + "{{ again(1) }}\n"
        "{% endblock %}\n",
        (
            "templates/t_endless-recursion.mjml.j2:1: endless recursion: a macro or include "
            "calls itself without end",
        ),
    ),
    _template_case(
        "include-link-out",
        _WRAP + '{% include "partial.mjml.j2" %}\n{% endblock %}\n',
        (
            "templates/t_include-link-out.mjml.j2:2: templates/partial.mjml.j2 leads outside "
            "templates/ (a link to {outside}/secret.mjml.j2); copy the file into templates/ "
            "instead",
        ),
        {"templates/partial.mjml.j2": Link("secret.mjml.j2")},
    ),
    _template_case(
        "include-traversal",
        _WRAP + '{% include "../mailglot.yaml" %}\n{% endblock %}\n',
        (
            "templates/t_include-traversal.mjml.j2:2: template '../mailglot.yaml' not found "
            "under templates/",
        ),
        leaks=("brand:",),
    ),
    _template_case(
        "string-bomb",
        _WRAP + '<mj-text>{{ "x" * 10**9 }}</mj-text>\n{% endblock %}\n',
        (
            "templates/t_string-bomb.mjml.j2:2: not allowed in a template (sandbox): '*' would "
            "build 1,000,000,000 items; templates may build at most 10,000,000",
        ),
    ),
    _template_case(
        "center-bomb",
        _WRAP + "<mj-text>{{ 'x'|center(10**9) }}</mj-text>\n{% endblock %}\n",
        (
            "templates/t_center-bomb.mjml.j2:2: not allowed in a template (sandbox): center: "
            "1,000,000,000 is too large (at most 10,000)",
        ),
    ),
    _template_case(
        "format-width-bomb",
        _WRAP + "<mj-text>{{ '{:>1000000000}'.format('x') }}</mj-text>\n{% endblock %}\n",
        (
            "templates/t_format-width-bomb.mjml.j2:2: not allowed in a template (sandbox): "
            "format spec '>1000000000': 1,000,000,000 is too large (at most 10,000)",
        ),
    ),
    _template_case(
        "power-bomb",
        _WRAP + "<mj-text>{{ 2 ** (10**9) }}</mj-text>\n{% endblock %}\n",
        (
            "templates/t_power-bomb.mjml.j2:2: not allowed in a template (sandbox): exponent "
            "1000000000 is too large (at most 4096)",
        ),
    ),
    _template_case(
        "mro-walk",
        _WRAP + "<mj-text>{{ ''.__class__.__mro__[1].__subclasses__() }}</mj-text>\n"
        "{% endblock %}\n",
        (
            "templates/t_mro-walk.mjml.j2:2: '__class__' of a text is not allowed in a template "
            "(sandbox): templates cannot reach Python internals",
        ),
    ),
    _template_case(
        "mutate-data",
        _WRAP + "{% set l = [1] %}<mj-text>{{ l.append(2) }}</mj-text>\n{% endblock %}\n",
        (
            "templates/t_mutate-data.mjml.j2:2: 'append' of a list is not allowed in a template "
            "(sandbox): templates cannot change a list or mapping they are given or have made",
        ),
    ),
    _template_case(
        "syntax-error",
        _WRAP + "{% if %}\n{% endblock %}\n",
        ("templates/t_syntax-error.mjml.j2:2: syntax error: expected an expression, got '%}'",),
    ),
    _template_case(
        "undefined-name",
        _WRAP + "<mj-text>{{ no_such_name }}</mj-text>\n{% endblock %}\n",
        (
            "templates/t_undefined-name.mjml.j2:2: 'no_such_name' is not defined: not a value "
            "templates are given, nor set before this line",
        ),
    ),
    _template_case(
        "not-utf8",
        (_WRAP + "<mj-text>Caf\xe9</mj-text>\n{% endblock %}\n").encode("latin-1"),
        (
            "templates/t_not-utf8.mjml.j2: templates/t_not-utf8.mjml.j2 is not UTF-8 text (byte "
            "0xe9); save it as UTF-8",
        ),
    ),
    _template_case(
        "missing-layout",
        '{% extends "layouts/nope.mjml.j2" %}\n',
        (
            "templates/t_missing-layout.mjml.j2:1: template 'layouts/nope.mjml.j2' not found "
            "under templates/",
        ),
    ),
    Case(  # an unused partial whose name is not UTF-8: nothing to say, everything built
        "template-name-not-utf8",
        "templates",
        {"templates/partials/caf\udce9.mjml.j2": "<mj-text>unused</mj-text>\n"},
    ),
]

# The event cases need a campaign that uses the events file; the welcome campaign must build.
_USES_EVENT = {"campaigns/c_event.yaml": _CAMPAIGN + "schedule: {event: launch}\n"}
_SETTINGS = (Path(__file__).parent / "base/mailglot.yaml").read_text(encoding="utf-8")
_MARKETS = (Path(__file__).parent / "base/calendars/markets.yaml").read_text(encoding="utf-8")
NOTHING: tuple[str, ...] = ()
SETTINGS_AND_CALENDARS: list[Case] = [
    Case(
        "settings-alias-bomb",
        "settings",
        {"mailglot.yaml": _SETTINGS + "x-bomb:\n" + bomb("  ")},
        (
            "mailglot.yaml:14: aliases (*name) expand to more than 10,000 values; write the "
            "values out or reuse fewer",
        ),
        built=NOTHING,
    ),
    Case(
        "settings-recursive-alias",
        "settings",
        {"mailglot.yaml": _SETTINGS.replace("recipient:", "recipient: &r\n  me: *r\nx:")},
        (
            "mailglot.yaml:10: an alias refers to the value that contains it (endless nesting) "
            "(column 12)",
        ),
        built=NOTHING,
    ),
    Case(
        "settings-not-utf8",
        "settings",
        {"mailglot.yaml": _SETTINGS.replace("Acme <hello", "Acm\xe9 <hello").encode("latin-1")},
        ("mailglot.yaml:5: byte 0xe9 (column 13) is not UTF-8 text; save the file as UTF-8",),
        built=NOTHING,
    ),
    Case(
        "settings-python-tag",
        "settings",
        {"mailglot.yaml": _SETTINGS + "hook: !!python/name:os.system\n"},
        (
            "mailglot.yaml:14: unsupported tag !!python/name:os.system; mailglot files hold "
            "plain text, numbers, dates, lists and mappings (column 7)",
        ),
        built=NOTHING,
    ),
    Case(
        "settings-negative-timeout",
        "settings",
        {"mailglot.yaml": _SETTINGS + "render: {timeout_s: -1}\n"},
        ("mailglot.yaml:14: render.timeout_s: expected more than 0, got -1",),
        built=NOTHING,
    ),
    Case(
        "settings-timeout-typo",
        "settings",
        {"mailglot.yaml": _SETTINGS + "render: {timeout: 5}\n"},
        ("mailglot.yaml:14: unknown key 'timeout' in render; did you mean 'timeout_s'?",),
        built=NOTHING,
    ),
    Case(
        "settings-empty",
        "settings",
        {"mailglot.yaml": ""},
        ("mailglot.yaml:1: expected a mapping of settings (brand:, locales:, ...)",),
        built=NOTHING,
    ),
    Case(
        "markets-recursive-alias",
        "calendars",
        {"calendars/markets.yaml": _MARKETS + "XX: &x\n  more: *x\n"},
        (
            "calendars/markets.yaml:11: an alias refers to the value that contains it (endless "
            "nesting) (column 5)",
        ),
        built=NOTHING,
    ),
    Case(
        "markets-not-utf8",
        "calendars",
        {"calendars/markets.yaml": _MARKETS.replace("Example Way", "Exampl\xe9").encode("latin-1")},
        (
            "calendars/markets.yaml:5: byte 0xe9 (column 32) is not UTF-8 text; save the file as UTF-8",
        ),
        built=NOTHING,
    ),
    Case(
        "events-impossible-date",
        "calendars",
        {
            "calendars/events.yaml": "launch:\n  name: Launch day\n  markets:\n"
            "    US: {date: 2026-02-30}\n",
            **_USES_EVENT,
        },
        (
            "calendars/events.yaml:4: 2026-02-30 is not a date that exists (day is out of range "
            "for month); write YYYY-MM-DD, or quote it to keep it as text (column 16)",
        ),
    ),
    Case(
        "events-alias-bomb",
        "calendars",
        {"calendars/events.yaml": bomb(), **_USES_EVENT},
        (
            "calendars/events.yaml:5: aliases (*name) expand to more than 10,000 values; write "
            "the values out or reuse fewer",
        ),
    ),
    Case(
        "events-unknown-tag",
        "calendars",
        {"calendars/events.yaml": "launch: !Event {name: Launch day}\n", **_USES_EVENT},
        (
            "calendars/events.yaml:1: unsupported tag !Event; mailglot files hold plain text, "
            "numbers, dates, lists and mappings (column 9)",
        ),
    ),
]

CLI: list[Case] = [
    Case(
        "cli-zero-jobs",
        "cli",
        args=("build", "--jobs", "0"),
        exit_code=2,
        built=NOTHING,
        messages=("Error: Invalid value for '--jobs': 0 is not in the range 1<=x<=64.",),
    ),
    Case(
        "cli-unknown-campaign",
        "cli",
        args=("build", "--campaign", "nope"),
        exit_code=2,
        built=NOTHING,
        messages=("mailglot: unknown campaign 'nope'; known: welcome",),
    ),
    Case(
        "cli-unknown-locale",
        "cli",
        args=("build", "--locale", "xx_YY"),
        exit_code=2,
        built=NOTHING,
        messages=("mailglot: unknown locale 'xx_YY'; known: en_US, fr_FR",),
    ),
    Case(
        "cli-unknown-command",
        "cli",
        args=("frobnicate",),
        exit_code=2,
        built=NOTHING,
        messages=("Error: No such command 'frobnicate'.",),
    ),
    Case(
        "cli-send-header-injection",
        "cli",
        args=("send", "--to", "a@example.com\r\nBcc: PWN@evil.example", "welcome/en_US/a"),
        exit_code=2,
        built=NOTHING,
        messages=(
            "mailglot: --to 'a@example.com\\r\\nBcc: PWN@evil.example' is not an email address",
        ),
    ),
    Case(
        "cli-send-traversal",
        "cli",
        args=("send", "--to", "a@example.com", "../../etc/passwd"),
        exit_code=2,
        built=NOTHING,
        messages=("mailglot: '../../etc/passwd' is not a job of this build",),
    ),
    Case(
        "cli-calendar-year",
        "cli",
        args=("calendar", "--year", "99999"),
        exit_code=2,
        built=NOTHING,
        messages=("Error: Invalid value for '--year': 99999 is not in the range 2000<=x<=2100.",),
    ),
]
