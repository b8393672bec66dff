"""The built subject line is checked for what an inbox shows: a subject made only of
zero-width characters or soft hyphens (here from a data value, which the campaign's own check
of its subject text cannot see) is as missing as an empty one."""

from __future__ import annotations

from pathlib import Path


def test_a_subject_that_shows_nothing_is_missing(tmp_path: Path, cli) -> None:
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    campaign = project / "campaigns/welcome.yaml"
    text = campaign.read_text(encoding="utf-8")
    text = text.replace('subject: "Welcome to Acme, {first_name}"', 'subject: "{tag}"')
    campaign.write_text(
        text.replace("  price: 9.99\n", '  price: 9.99\n  tag: "\\u200b\\u00ad"\n'),
        encoding="utf-8",
    )
    result = cli(project, "build", "--no-screenshots", "--locale", "en_US")
    assert result.exit_code == 1
    assert result.output.startswith(
        "campaigns/welcome.yaml:3: the subject line shows nothing (only U+200B ZERO WIDTH "
        "SPACE, U+00AD SOFT HYPHEN) [error: subject.missing] (1 job: welcome/en_US/a)\n"
    )
    result = cli(project, "check")
    assert result.exit_code == 1
    assert "the subject line shows nothing" in result.output


def test_a_variation_selector_alone_shows_nothing_an_end_of_ayah_shows(tmp_path: Path, cli) -> None:
    """Every format character counted as invisible, so U+06DD ARABIC END OF AYAH (drawn as a
    glyph) made a missing subject; a variation selector alone (drawn as nothing) passed."""
    project = tmp_path / "p"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    campaign = project / "campaigns/welcome.yaml"
    text = campaign.read_text(encoding="utf-8")
    text = text.replace('subject: "Welcome to Acme, {first_name}"', 'subject: "{tag}"')
    said = {}
    for tag in ("\\ufe0f", "\\u06dd"):
        campaign.write_text(
            text.replace("  price: 9.99\n", f'  price: 9.99\n  tag: "{tag}"\n'), encoding="utf-8"
        )
        said[tag] = cli(project, "build", "--no-screenshots", "--locale", "en_US")
    assert said["\\ufe0f"].exit_code == 1
    assert said["\\ufe0f"].output.startswith(
        "campaigns/welcome.yaml:3: the subject line shows nothing (only U+FE0F VARIATION "
        "SELECTOR-16) [error: subject.missing] (1 job: welcome/en_US/a)\n"
    )
    assert said["\\u06dd"].exit_code == 0, said["\\u06dd"].output
    assert "subject" not in said["\\u06dd"].output
