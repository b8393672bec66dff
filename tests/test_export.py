"""`mailglot export`: one file per job, valid against each platform's documented request
schema (tests/schemas/, each citing its documentation), merge tags in the platform's syntax."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from mailglot.export import PLATFORMS
from mailglot.export.message import retag, template_name
from mailglot.project.settings import Settings

SCHEMAS = Path(__file__).parent / "schemas"
SCHEMA_OF = {
    "ses": "ses_create_template.json",
    "sendgrid": "sendgrid_template_version.json",
    "postmark": "postmark_create_template.json",
}
FIELDS = {"ses": ("Template", "SubjectPart"), "sendgrid": ("subject",), "postmark": ("Subject",)}


def built_jobs(root: Path) -> list[str]:
    manifest = json.loads((root / "build/manifest.json").read_text(encoding="utf-8"))
    return [j["id"] for j in manifest["jobs"] if j["status"] in ("built", "unchanged")]


def dig(document: dict, path: tuple[str, ...]) -> str:
    for key in path:
        document = document[key]
    return document  # type: ignore[return-value]


@pytest.mark.parametrize("fmt", [p.name for p in PLATFORMS])
def test_every_job_exports_a_valid_platform_file(fmt: str, example_build: Path, cli, tmp_path):
    out = tmp_path / fmt
    result = cli(example_build, "export", "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    schema = json.loads((SCHEMAS / SCHEMA_OF[fmt]).read_text(encoding="utf-8"))
    jobs = built_jobs(example_build)
    files = sorted(out.glob("*.json"))
    assert len(files) == len(jobs) == 70
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)

    french_b = json.loads((out / "black_friday-fr_FR-b.json").read_text(encoding="utf-8"))
    assert dig(french_b, FIELDS[fmt]) == "{{first_name}}, notre prix le plus bas de l'année"
    body = json.dumps(french_b, ensure_ascii=False)
    assert 'href=\\"{{unsubscribe_url}}\\"' in body
    assert "MGLOTFIELD" not in body


def test_sendgrid_carries_the_sample_recipient_as_test_data(example_build: Path, cli, tmp_path):
    cli(example_build, "export", "--format", "sendgrid", "--out", str(tmp_path))
    version = json.loads((tmp_path / "winback-de_DE-a.json").read_text(encoding="utf-8"))
    assert json.loads(version["test_data"])["first_name"] == "Alex"
    assert version["generate_plain_content"] is False


def test_default_folder_and_stale_files_removed(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    folder = project / "build/exports/postmark"
    folder.mkdir(parents=True)
    (folder / "dropped-fr_FR-a.json").write_text("{}", encoding="utf-8")
    result = cli(project, "export", "--format", "postmark")
    assert result.exit_code == 0, result.output
    assert "Postmark template(s) in" in result.output and "1 removed" in result.output
    assert not (folder / "dropped-fr_FR-a.json").exists()
    names = sorted(p.name for p in folder.glob("*.json"))
    assert names == [f"{template_name(j)}.json" for j in sorted(built_jobs(project))]


def test_an_exports_folder_linked_elsewhere_is_neither_written_nor_pruned(tmp_path: Path, cli):
    """build/exports as a link to another folder: export replaced the files there and
    deleted every other .json in it as a stale template."""
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "postmark").mkdir(parents=True)
    (elsewhere / "postmark/accounts.json").write_text('{"mine": true}', encoding="utf-8")
    (project / "build/exports").symlink_to(elsewhere, target_is_directory=True)
    result = cli(project, "export", "--format", "postmark")
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: {project / 'build/exports'} is a link to {elsewhere}, outside build/; "
        "mailglot does not write through it (remove the link)\n"
    )
    assert [p.name for p in (elsewhere / "postmark").iterdir()] == ["accounts.json"]
    # a folder given with --out is the user's choice: written, never pruned
    result = cli(project, "export", "--format", "postmark", "--out", str(elsewhere / "postmark"))
    assert result.exit_code == 0, result.output
    assert (elsewhere / "postmark/accounts.json").read_text(encoding="utf-8") == '{"mine": true}'


def test_mailchimp_project_exports_handlebars_for_ses(example: Path, cli, tmp_path: Path):
    settings = example / "mailglot.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "merge_tags: handlebars", "merge_tags: mailchimp"
        ),
        encoding="utf-8",
    )
    assert cli(example, "build", "--no-screenshots", "--campaign", "black_friday").exit_code == 0
    assert "*|FNAME|*" in (example / "build/black_friday/en_US/b/email.html").read_text("utf-8")
    cli(example, "export", "--format", "ses", "--out", str(tmp_path))
    template = json.loads((tmp_path / "black_friday-en_US-b.json").read_text("utf-8"))["Template"]
    assert template["SubjectPart"].startswith("{{first_name}}, ")
    assert "*|" not in template["HtmlPart"] and "{{unsubscribe_url}}" in template["HtmlPart"]


def test_text_that_looks_like_a_platform_tag_stays_text():
    """A mailchimp project's content may say `{{password}}` as words; in a handlebars export
    it must not become a merge tag (HTML keeps it readable as character references)."""
    settings = Settings.model_validate(
        {"brand": {"name": "S", "from": "s@s.example"}, "merge_tags": "mailchimp"}
    )
    ses = next(p for p in PLATFORMS if p.name == "ses")
    html = '<p>Hi *|FNAME|*, type {{password}}</p><a href="*|UNSUB|*">x</a>'
    assert retag(html, settings, ses, html=True) == (
        '<p>Hi {{first_name}}, type &#123;&#123;password}}</p><a href="{{unsubscribe_url}}">x</a>'
    )
    assert "{{password" not in retag("type {{password}}", settings, ses, html=False)


def test_unknown_format_is_a_usage_error(example_build: Path, cli):
    result = cli(example_build, "export", "--format", "mailchimp")
    assert result.exit_code == 2
    assert "'ses', 'sendgrid', 'postmark'" in result.output


def test_long_job_ids_make_unique_names():
    a, b = "c" * 80 + "/fr_FR/a", "c" * 80 + "/fr_FR/b"
    assert len(template_name(a)) == 64 and template_name(a) != template_name(b)


def test_out_may_name_the_folder_it_is_run_in(
    example_build: Path, example: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`--out .` (and `..`, `/`) was a usage error, 'expected a name at the end of the path':
    the folder named is the target, and it is there."""
    here = tmp_path / "exports" / "ses"
    here.mkdir(parents=True)
    (here / "notes.txt").write_text("mine")
    monkeypatch.chdir(here)
    result = cli(example_build, "export", "--format", "ses", "--out", ".", "--quiet")
    assert result.exit_code == 0, result.output
    names = {p.name for p in here.iterdir()}
    assert "notes.txt" in names and f"{template_name(built_jobs(example_build)[0])}.json" in names
    assert (here / "notes.txt").read_text() == "mine"  # a folder of other files: only added to
    result = cli(example_build, "export", "--format", "ses", "--out", "..", "--quiet")
    assert result.exit_code == 0, result.output
    assert any(here.parent.glob("*.json"))
    for out in (".", "/"):  # an unbuilt project says so, as before
        result = cli(example, "export", "--format", "ses", "--out", out)
        assert (result.exit_code, result.output) == (
            2,
            "mailglot: nothing built yet: run `mailglot build` first\n",
        )


def test_out_goes_only_into_a_folder_that_exists(example_build: Path, cli, tmp_path: Path):
    """`--out exports/ses` is made when missing, but `--out typo/exports/ses` made typo/ and
    typo/exports/ too, wherever the path pointed, and --quiet said nothing."""
    missing = tmp_path / "typo" / "exports" / "ses"
    result = cli(example_build, "export", "--format", "ses", "--out", str(missing), "--quiet")
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: --out {missing}: the folder {missing.parent} does not exist; create it "
        "first, or give a path in an existing folder\n"
    )
    assert not (tmp_path / "typo").exists()
    result = cli(example_build, "export", "--format", "ses", "--out", str(tmp_path / "ses"))
    assert result.exit_code == 0, result.output
    assert any((tmp_path / "ses").glob("*.json"))
