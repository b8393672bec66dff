"""The hostile and broken inputs of issue 10, each with the exact message it must produce.

Every case plants one bad input in a copy of `tests/hostile/base/` (one campaign, en_US and
fr_FR). Cases that cannot disturb each other share one build (each translation case has its
own msgid, each campaign case its own campaign file); the others build alone. For each case
the test checks the exact messages, that nothing it planted leaked into email.html,
email.txt, email.eml or preview.html, that nothing outside the project changed, and that the
jobs it does not concern were still built.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PO = "locales/fr_FR/LC_MESSAGES/messages.po"


@dataclass(frozen=True)
class Link:
    """A symbolic link to `target`, relative to the folder next to the project (`outside/`)."""

    target: str


@dataclass(frozen=True)
class Case:
    id: str
    family: str
    files: dict[str, str | bytes | Link | None] = field(default_factory=dict)
    messages: tuple[str, ...] = ()  # exact CLI lines; {line} is the case's msgid line
    leaks: tuple[str, ...] = ()  # text that must appear in no output file
    requires: tuple[str, ...] = ()  # text the fr_FR email.html must show instead
    exit_code: int = 1
    args: tuple[str, ...] = ("build", "--no-screenshots")
    built: tuple[str, ...] = ("welcome/en_US/a", "welcome/fr_FR/a")  # must still be built


# --- translations: one msgstr each, in element text and in a title attribute -----------------
# (msgid, msgstr) planted in fr_FR; the `corpus` template shows each msgid in both contexts.
TRANSLATIONS: list[tuple[Case, str, str]] = [
    (
        Case(
            "attribute-breakout-double-quote",
            "translations",
            leaks=('onmouseover="alert(1)"',),
            requires=('title="Affiche&quot; onmouseover=&quot;alert(1)"',),
        ),
        "Case attribute double",
        'Affiche" onmouseover="alert(1)',
    ),
    (
        Case(
            "attribute-breakout-single-quote",
            "translations",
            leaks=("onclick='alert(1)'",),
            requires=("title=\"Affiche' onclick='alert(1)\"",),
        ),
        "Case attribute single",
        "Affiche' onclick='alert(1)",
    ),
    (
        Case(
            "decoded-handlebars",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case decoded handlebars': template or merge-tag syntax {{{{ "
                "}} once character references are decoded (translations are text, never "
                "code); the source text is used",
            ),
            leaks=("PWN03",),
        ),
        "Case decoded handlebars",
        "PWN03 &#123;&#123;unsubscribe_url&#125;&#125;",
    ),
    (
        Case(
            "decoded-mailchimp",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case decoded mailchimp': template or merge-tag syntax *| |* "
                "once character references are decoded (translations are text, never code); "
                "the source text is used",
            ),
            leaks=("PWN04", "*|UNSUB|*"),
        ),
        "Case decoded mailchimp",
        "PWN04 *&#124;UNSUB&#124;*",
    ),
    (
        Case(
            "decoded-liquid",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case decoded liquid': template or merge-tag syntax %}} {{% "
                "once character references are decoded (translations are text, never code); "
                "the source text is used",
            ),
            leaks=("PWN05",),
        ),
        "Case decoded liquid",
        "PWN05 &#123;&#37; if x &#37;&#125;",
    ),
    (
        Case(
            "decoded-hex-references",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case decoded hex': template or merge-tag syntax {{{{ }}}} "
                "once character references are decoded (translations are text, never code); "
                "the source text is used",
            ),
            leaks=("PWN06",),
        ),
        "Case decoded hex",
        "PWN06 &#x7b;&#x7B;email&#x7d;&#x7d;",
    ),
    (
        Case(
            "decoded-named-references",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case decoded named': template or merge-tag syntax {{{{ }}}} "
                "once character references are decoded (translations are text, never code); "
                "the source text is used",
            ),
            leaks=("PWN07",),
        ),
        "Case decoded named",
        "PWN07 &lbrace;&lbrace;email&rbrace;&rbrace;",
    ),
    (
        Case(
            "decoded-twice",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case decoded twice': template or merge-tag syntax {{{{ }}}} "
                "once character references are decoded (translations are text, never code); "
                "the source text is used",
            ),
            leaks=("PWN08",),
        ),
        "Case decoded twice",
        "PWN08 &amp;#123;&amp;#123;email&amp;#125;&amp;#125;",
    ),
    (
        Case(
            "plain-merge-tag",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case plain merge tag': template or merge-tag syntax {{{{ }}}} "
                "(translations are text, never code); the source text is used",
            ),
            leaks=("PWN09",),
        ),
        "Case plain merge tag",
        "PWN09 {{unsubscribe_url}}",
    ),
    (
        Case(
            "jinja-statement",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case jinja statement': template or merge-tag syntax %}} {{% "
                "(translations are text, never code); the source text is used",
            ),
            leaks=("PWN10",),
        ),
        "Case jinja statement",
        "PWN10 {% include 'layouts/base.mjml.j2' %}",
    ),
    (
        Case(
            "forged-internal-token",
            "translations",
            requires=('title="MGLOTFIELD0X MGLOTFIELD2X">MGLOTFIELD0X MGLOTFIELD2X<',),
        ),
        "Case forged token",
        "MGLOTFIELD0X MGLOTFIELD2X",
    ),
    (
        Case(
            "script-tag",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case script': markup not in the source text: </script>, "
                "<script>; the source text is used",
            ),
            leaks=("PWN12",),
        ),
        "Case script",
        "<script>PWN12()</script>",
    ),
    (
        Case(
            "escaped-markup-references",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case escaped markup': character references that decode to "
                "markup: &gt;, &lt; (write the text itself; translations may not build tags, "
                "even escaped); the source text is used",
            ),
            leaks=("PWN13",),
        ),
        "Case escaped markup",
        "&lt;b&gt;PWN13",
    ),
    (
        Case(
            "nul-character",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case nul': control characters \\x00 (never shown, never "
                "sent); the source text is used",
            ),
            leaks=("PWN14",),
        ),
        "Case nul",
        "PWN14\x00x",
    ),
    (
        Case(
            "terminal-escape",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case escape': control characters \\x1b (never shown, never "
                "sent); the source text is used",
            ),
            leaks=("PWN15",),
        ),
        "Case escape",
        "PWN15\x1b[2J",
    ),
    (
        Case(
            "unknown-format-field",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case {{first_name}}': placeholder not in the source text: "
                "{first_name.__class__}; the source text is used",
            ),
            leaks=("PWN16",),
        ),
        "Case {first_name}",
        "PWN16 {first_name.__class__}",
    ),
    (
        Case(
            "unclosed-tag",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case unclosed': '<img src=x onerror=PWN17' starts a tag that "
                "is never closed with '>' (it would swallow the email's own markup); write the "
                "text without '<'; the source text is used",
            ),
            leaks=("PWN17",),
        ),
        "Case unclosed",
        "<img src=x onerror=PWN17",
    ),
    (
        Case(
            "template-comment",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Case comment': template or merge-tag syntax #}} {{# "
                "(translations are text, never code); the source text is used",
            ),
            leaks=("PWN18",),
        ),
        "Case comment",
        "PWN18 {# hidden #}",
    ),
]

# Subject and preheader translations: each has its own campaign (`subj_<n>`), since a subject
# is one per job.
HEADER_TRANSLATIONS: list[tuple[Case, str, str, str]] = [
    (
        Case(
            "subject-crlf",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Subject with a CR/LF': a carriage return (CR) the source text "
                "does not have (it would split a subject header); the source text is used",
                f"{PO}:{{line}}: 'Subject with a CR/LF': a line break (LF) the source text does "
                "not have (it would split a subject header); the source text is used",
            ),
            leaks=("PWN20",),
            built=("subj_crlf/en_US/a", "subj_crlf/fr_FR/a"),
        ),
        "subj_crlf",
        "Subject with a CR/LF",
        "Objet\r\nBcc: PWN20@evil.example",
    ),
    (
        Case(
            "preheader-lf",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Preheader with a LF': a line break (LF) the source text does "
                "not have (it would split a subject header); the source text is used",
            ),
            leaks=("PWN21",),
            built=("subj_pre/en_US/a", "subj_pre/fr_FR/a"),
        ),
        "subj_pre",
        "Preheader with a LF",
        "Pré-en-tête\nPWN21",
    ),
    (
        Case(
            "subject-decoded-merge-tag",
            "translations",
            messages=(
                f"{PO}:{{line}}: 'Subject with a tag': template or merge-tag syntax {{{{ }}}} "
                "once character references are decoded (translations are text, never code); "
                "the source text is used",
            ),
            leaks=("PWN22",),
            built=("subj_tag/en_US/a", "subj_tag/fr_FR/a"),
        ),
        "subj_tag",
        "Subject with a tag",
        "PWN22 &#123;&#123;email&#125;&#125;",
    ),
]
