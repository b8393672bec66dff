"""The example's templates put campaign data into link URLs with `|urlencode`, the pattern
users copy: a coupon with a space, `&`, `#` or an accent stays one query value."""

from __future__ import annotations

from pathlib import Path


def _set(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_coupon_with_url_characters_stays_one_query_value(example: Path, cli):
    _set(example, "campaigns/winback.yaml", "coupon: COMEBACK50", 'coupon: "SAVE 50&ref=x#top é"')
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    job = example / "build/winback/en_US/a"
    url = "https://streamly.example/comeback?code=SAVE%2050%26ref%3Dx%23top%20%C3%A9"
    assert f'href="{url}"' in (job / "email.html").read_text(encoding="utf-8")
    assert f"<{url}>" in (job / "email.txt").read_text(encoding="utf-8")


def test_the_example_coupon_link_is_as_before(example: Path, cli):
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    html = (example / "build/winback/en_US/a/email.html").read_text(encoding="utf-8")
    assert 'href="https://streamly.example/comeback?code=COMEBACK50"' in html


def test_a_series_id_with_url_characters_stays_one_path_segment(example: Path, cli):
    _set(example, "campaigns/recommendations.yaml", "{id: orbit9,", '{id: "orbit 9?x",')
    _set(example, "campaigns/recommendations.yaml", "      orbit9: ", '      "orbit 9?x": ')
    _set(
        example,
        "templates/recommendations.mjml.j2",
        "asset('posters/' ~ pick.id ~ '.png')",
        "asset('posters/' ~ pick.id|replace(' 9?x', '9') ~ '.png')",
    )
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "recommendations", "--locale", "en_US"
    )
    assert result.exit_code == 0, result.output
    html = (example / "build/recommendations/en_US/a/email.html").read_text(encoding="utf-8")
    assert 'href="https://streamly.example/watch/orbit%209%3Fx"' in html
