"""`mailglot extract` and the Babel entry point find the same messages, with references."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hostile.corpus_files import bomb
from hostile.harness import lines_of, plant


def _messages(pot: Path) -> dict:
    with pot.open("rb") as fh:
        catalog = read_po(fh)
    return {
        (m.context, m.id): (sorted(m.locations), sorted(m.auto_comments)) for m in catalog if m.id
    }


def test_extract_finds_templates_campaigns_and_events(example: Path, cli):
    (example / "locales/messages.pot").unlink()
    result = cli(example, "extract")
    assert result.exit_code == 0, result.output
    messages = _messages(example / "locales/messages.pot")
    # a {% trans %} with a variable, from a partial, with its line
    assert messages[(None, "You're receiving this email because you have a %(brand)s account.")][
        0
    ] == [("templates/partials/footer.mjml.j2", 6)]
    # plurals keep both forms
    assert (None, ("%(count)s new episode", "%(count)s new episodes")) in messages
    # campaign subject variants, with a comment for translators
    locations, comments = messages[(None, "Come back for {percent}% off")]
    assert locations == [("campaigns/winback.yaml", 6)]
    assert comments == [
        "Subject line (A/B variant b): phones show ~45 Latin or ~22 CJK characters."
    ]
    assert (None, "Your profile and watchlist are right where you left them.") in messages
    assert messages[(None, "Science fiction")][0] == [("campaigns/recommendations.yaml", 15)]


def test_translator_comments_and_contexts(example: Path, cli):
    template = example / "templates/winback.mjml.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% endblock %}",
            "{# Translators: the label of a button, keep it short #}\n"
            "<mj-text>{{ pgettext('button', 'Open') }}</mj-text>\n{% endblock %}",
            1,
        ),
        "utf-8",
    )
    assert cli(example, "extract").exit_code == 0
    messages = _messages(example / "locales/messages.pot")
    locations, comments = messages[("button", "Open")]
    assert comments == ["the label of a button, keep it short"]
    assert locations[0][0] == "templates/winback.mjml.j2"


def test_pot_is_not_rewritten_when_only_the_date_would_change(example: Path, cli):
    cli(example, "extract")
    pot = example / "locales/messages.pot"
    before = pot.read_bytes()
    result = cli(example, "extract")
    assert "unchanged" in result.output
    assert pot.read_bytes() == before


def test_pybabel_through_the_entry_point_equals_mailglot_extract(example: Path, cli):
    cli(example, "extract")
    repo_cfg = Path(__file__).resolve().parent.parent / "babel.cfg"
    out = example / "pybabel.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(repo_cfg),
            "-c",
            "Translators:",
            "-o",
            str(out),
            ".",
        ],
        cwd=example,
        check=True,
        capture_output=True,
    )
    assert _messages(out) == _messages(example / "locales/messages.pot")
    assert len(_messages(out)) > 40


_BROKEN = 'template: welcome.mjml.j2\nmarkets: all\nsubject: "Broken one"\n'


@pytest.mark.parametrize(
    "content,message",
    [
        (
            _BROKEN + "data:\n" + bomb("  "),
            "campaigns/broken.yaml:4: aliases (*name) expand to more than 10,000 values; write "
            "the values out or reuse fewer",
        ),
        (
            _BROKEN + "data:\n  blob: " + "x" * (3 * 1024 * 1024) + "\n",
            "campaigns/broken.yaml: 3.0 MB is more than the 2 MB a mailglot YAML file may hold; "
            "keep large data out of it",
        ),
        (
            (_BROKEN + 'preheader: "Caf\xe9"\n').encode("latin-1"),
            "campaigns/broken.yaml:4: byte 0xe9 (column 16) is not UTF-8 text; save the file as "
            "UTF-8",
        ),
    ],
    ids=["alias-bomb", "too-large", "not-utf8"],
)
def test_extract_reads_yaml_as_the_build_does(tmp_path: Path, content, message: str) -> None:
    """The same reader as the build: a located error in milliseconds, and no .pot written
    (one without the file's messages would make `update` obsolete their translations),
    nothing outside the project touched."""
    planted = plant(tmp_path, {"campaigns/broken.yaml": content})
    before = planted.snapshot()
    result = planted.run("extract")
    assert result.exit_code == 1, result.output
    assert any(line.startswith(message) for line in lines_of(result)), result.output
    assert lines_of(result)[-1].startswith("mailglot: no .pot written")
    assert "Traceback" not in result.output
    assert planted.snapshot() == before


def test_extract_json_says_how_many_messages_and_whether_the_file_changed(example: Path, cli):
    result = cli(example, "extract", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["command"], document["ok"], document["findings"]) == ("extract", True, [])
    count = len(_messages(example / "locales/messages.pot"))
    assert document["summary"] == {
        "messages": count,
        "file": "locales/messages.pot",
        "written": document["summary"]["written"],
        "unread": 0,
    }
    assert result.stderr == ""
    again = json.loads(cli(example, "extract", "--json").stdout)["summary"]
    assert (again["messages"], again["written"]) == (count, False)
    quiet = cli(example, "extract", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""


def test_extract_json_locates_an_unreadable_file(example: Path, cli):
    (example / "campaigns/broken.yaml").write_bytes(
        (_BROKEN + 'preheader: "Caf\xe9"\n').encode("latin-1")
    )
    result = cli(example, "extract", "--json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["ok"] is False and document["summary"]["unread"] == 1
    [finding] = document["findings"]
    assert (finding["path"], finding["line"], finding["severity"], finding["job"]) == (
        "campaigns/broken.yaml",
        4,
        "error",
        None,
    )
    assert result.stderr == ""
    quiet = cli(example, "extract", "-q")
    assert quiet.exit_code == 1
    assert quiet.output.startswith("campaigns/broken.yaml:4: byte 0xe9")  # the error, no summary

    settings = example / "mailglot.yaml"
    settings.write_text(settings.read_text() + "\nlocales: [en_US\n")
    result = cli(example, "extract", "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["ok"], document["summary"]) == (False, {"error": "content"})
    assert document["findings"][0]["path"] == "mailglot.yaml"
