"""brand.website as typed that no link can be built on: a broken IPv6 host was told in
urlsplit's words ('brand.website: Invalid IPv6 URL'), and a port out of range was accepted,
every link of every email built on it. Both are now the field's own message at its line, and
the earlier outputs are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.harness import lines_of, plant

SETTINGS = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text(encoding="utf-8")
TYPED = 'website: "https://acme.example"'


@pytest.mark.parametrize(
    "website",
    ["https://[::1", "https://acme.example:99999/", "https://acme.example:0/"],
)
def test_a_website_no_link_can_use_is_told_as_the_field_s_form(tmp_path: Path, website: str):
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    before = planted.digests()
    assert TYPED in SETTINGS
    settings = SETTINGS.replace(TYPED, f'website: "{website}"')
    (planted.root / "mailglot.yaml").write_text(settings, encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert (result.exit_code, lines_of(result)) == (
        1,
        [
            "mailglot.yaml:6: brand.website: expected the brand's web address, like "
            f"https://acme.example, got '{website}' [error: schema]"
        ],
    )
    assert planted.digests() == before


def test_a_port_in_range_is_taken(tmp_path: Path):
    planted = plant(tmp_path, {})
    settings = SETTINGS.replace(TYPED, 'website: "https://acme.example:8443"')
    (planted.root / "mailglot.yaml").write_text(settings, encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "https://acme.example:8443" in planted.outputs()["welcome/en_US/a/email.html"]
