"""A case filter on a text holding a merge field fails the job at the filter's line: the
token (`MGLOT<nonce>F0X`) came out upper-cased and went into the email as it was, 0 errors,
where the sending platform would never fill it in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

MESSAGE = (
    "a filter changed the merge field {first_name} in the text it was given (a case filter "
    "such as |upper, |lower, |title or |capitalize): the sending platform fills merge fields "
    "in after mailglot, so it would find none; print a text holding a merge field unchanged "
    "(style its case with CSS text-transform instead) [error: template]"
)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    "title",
    ["{{ subject|upper }}", "{% filter upper %}{{ subject }}{% endfilter %}"],
    ids=["pipe", "filter block"],
)
def test_an_upper_cased_subject_with_a_merge_field_fails_at_the_layout_line(
    example: Path, title: str
) -> None:
    _edit(
        example / "templates/layouts/base.mjml.j2",
        "<mj-title>{{ subject }}</mj-title>",
        f"<mj-title>{title}</mj-title>",
    )
    built = run_cli(
        example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR"
    )
    assert built.exit_code == 1
    assert f"templates/layouts/base.mjml.j2:7: {MESSAGE} (1 job: winback/fr_FR/a)" in built.output
    # variant b's subject holds no merge field: upper-cased, as the designer asked
    html = (example / "build/winback/fr_FR/b/email.html").read_text(encoding="utf-8")
    assert "<title>-50&nbsp;% POUR VOTRE RETOUR</title>" in html
    assert not (example / "build/winback/fr_FR/a").exists()


def test_a_title_cased_recipient_name_in_a_partial_is_found_there(example: Path) -> None:
    partial = example / "templates/partials/greeting.mjml.j2"
    partial.write_text("<mj-text>{{ recipient.first_name|title }}</mj-text>\n", encoding="utf-8")
    _edit(
        example / "templates/winback.mjml.j2",
        "{% block content %}",
        '{% block content %}\n<mj-section><mj-column>{% include "partials/greeting.mjml.j2" %}'
        "</mj-column></mj-section>",
    )
    built = run_cli(
        example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US"
    )
    assert built.exit_code == 1
    assert (
        f"templates/partials/greeting.mjml.j2:1: {MESSAGE} (2 jobs: winback/en_US/a, winback/en_US/b)"
        in built.output
    )
