"""send and a job that failed: its email.eml is an earlier build's, so it is not sent.

A failed job keeps its previous outputs (SPEC 6); `send` mailed that stale .eml to the test
inbox without a word, while `export` skips such jobs. Sent through a real SMTP server on
loopback (aiosmtpd), as the other send tests."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

from tests.test_send import inbox  # noqa: F401  (the loopback SMTP server fixture)

BROKEN = '{% if locale.code == "fr_FR" %}{{ broken }}{% endif %}'


def test_a_failed_jobs_stale_eml_is_not_sent(tmp_path: Path, cli, inbox) -> None:  # noqa: F811
    handler, address = inbox
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    template = project / "templates/welcome.mjml.j2"
    original = template.read_text(encoding="utf-8")
    intro = "<mj-text>{{ data.strings.intro }}</mj-text>"
    template.write_text(
        original.replace(intro, f"<mj-text>{{{{ data.strings.intro }}}}{BROKEN}</mj-text>"),
        encoding="utf-8",
    )
    assert cli(project, "build", "--no-screenshots").exit_code == 1
    eml = project / "build/welcome/fr_FR/a/email.eml"
    assert eml.is_file()  # the earlier build's, kept

    send = ("send", "--to", "qa@example.net", "--smtp", address)
    result = cli(project, *send, "welcome/fr_FR/a")
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: welcome/fr_FR/a failed in the last build (templates/welcome.mjml.j2:5: "
        "'broken' is not defined: not a value templates are given, nor set before this line): "
        "its email.eml is from an earlier build, not "
        "what the project says now, so mailglot does not send it; fix the job and run "
        "`mailglot build` first\n"
    )
    assert handler.messages == []
    short = cli(project, *send, "welcome/fr_FR")  # the one variant, named without it
    assert short.exit_code == 1 and "failed in the last build" in short.output
    as_json = cli(project, *send, "welcome/fr_FR/a", "--json")
    document = json.loads(as_json.stdout)
    assert (as_json.exit_code, document["ok"]) == (1, False)
    assert document["summary"]["error"].startswith("welcome/fr_FR/a failed in the last build")
    assert handler.messages == []

    # the jobs that built are sent as before
    result = cli(project, *send, "welcome/en_US/a")
    assert result.exit_code == 0, result.output
    [(_, _, content)] = handler.messages
    assert message_from_bytes(content, policy=policy.default)["Content-Language"] == "en-US"

    template.write_text(original, encoding="utf-8")
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    assert cli(project, *send, "welcome/fr_FR/a").exit_code == 0
    assert len(handler.messages) == 2


def test_an_email_the_manifest_does_not_vouch_for_is_not_sent(tmp_path: Path, cli) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    manifest = project / "build/manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["jobs"] = [j for j in data["jobs"] if j["id"] != "welcome/fr_FR/a"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    send = ("send", "--to", "qa@example.net", "--smtp", "127.0.0.1:1", "welcome/fr_FR/a")
    result = cli(project, *send)
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: welcome/fr_FR/a is not a job of the last build (build/manifest.json does "
        "not list it); run `mailglot build` before sending\n"
    )
    manifest.write_text("{", encoding="utf-8")
    result = cli(project, *send)
    assert result.exit_code == 1
    assert result.output == (
        "mailglot: build/manifest.json is missing or unreadable, so mailglot cannot tell "
        "whether build/welcome/fr_FR/a/email.eml is current; run `mailglot build` before "
        "sending\n"
    )
