"""`serve` as a designer meets it: a template that does not parse is told in the terms of
what was typed (not Python's class name), and a file asked for as a folder is not found.

A real `mailglot serve` process (the helper of test_serve) and real HTTP requests; the build
line through the CLI."""

from __future__ import annotations

import time
from pathlib import Path

from tests.test_serve import JOB, TEMPLATE, Serve, edit, project, serve

__all__ = ["project", "serve"]  # the init project and its serve, fixtures of test_serve

INTRO = "<mj-text>{{ data.strings.intro }}</mj-text>"
BROKEN = "<mj-text>{{ data.strings.intro }}{% if %}</mj-text>"
SAID = "syntax error: expected an expression, got '%}'"


def _line_of(project: Path, text: str) -> int:
    lines = (project / TEMPLATE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_a_template_syntax_error_is_told_without_pythons_class_name(project: Path, cli) -> None:
    """It was 'templates/welcome.mjml.j2:5: TemplateSyntaxError: Expected an expression, got
    'end of statement block''."""
    edit(project, TEMPLATE, INTRO, BROKEN)
    line = _line_of(project, "{% if %}")
    result = cli(project, "build", "--no-screenshots")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{TEMPLATE}:{line}: {SAID} [error: template] (3 jobs: welcome/en_US/a, "
        "welcome/en_XA/a, welcome/fr_FR/a)"
    )
    for typed, said in [
        ("{{ data.strings.intro }", "syntax error: unexpected '}'"),
        (
            "{% endfi %}",
            "syntax error: encountered unknown tag 'endfi'. Jinja was looking for the following "
            "tags: 'endblock'. The innermost block that needs to be closed is 'block'",
        ),
        ("{{ data.strings.intro | }}", "syntax error: expected a name, got '}}'"),
        ("{{ data.strings.intro x }}", "syntax error: expected '}}', got 'x'"),
        ("{{ data.strings.intro ? }}", "syntax error: unexpected character '?'"),
    ]:
        edit(project, TEMPLATE, BROKEN, f"<mj-text>{typed}</mj-text>")
        result = cli(project, "build", "--no-screenshots")
        assert result.output.startswith(f"{TEMPLATE}:{line}: {said} [error: template]"), typed
        assert "Error" not in result.output
        edit(project, TEMPLATE, f"<mj-text>{typed}</mj-text>", BROKEN)


def _errors_once_idle(serve: Serve, timeout: float = 120) -> list[dict]:
    """The errors the page's overlay shows, once the rebuild after a save is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = serve.status()
        if status["errors"] and not status["busy"]:
            return status["errors"]
        time.sleep(0.1)
    raise AssertionError("serve showed no error")


def test_serves_overlay_tells_a_syntax_error_in_the_designers_terms(
    serve: Serve, project: Path
) -> None:
    edit(project, TEMPLATE, INTRO, BROKEN)
    [error] = _errors_once_idle(serve)
    assert (error["path"], error["line"], error["code"]) == (
        TEMPLATE,
        _line_of(project, "{% if %}"),
        "template",
    )
    assert error["message"] == SAID


def test_a_file_asked_for_as_a_folder_is_not_found(serve: Serve, project: Path) -> None:
    """GET /welcome/fr_FR/a/meta.json/ answered the file."""
    (project / "templates/assets").mkdir(exist_ok=True)
    (project / "templates/assets/logo.png").write_bytes(b"\x89PNG")
    for path, status in [
        (f"/{JOB}/meta.json", 200),
        (f"/{JOB}/", 200),
        ("/templates/assets/logo.png", 200),
        (f"/{JOB}/meta.json/", 404),
        (f"/{JOB}/meta.json//", 404),
        (f"/{JOB}/meta.json/.", 404),
        (f"/{JOB}/meta.json%2F", 404),
        (f"/{JOB}/email.html/", 404),
        ("/templates/assets/logo.png/", 404),
        (f"/__mailglot/job?id={JOB}", 200),
    ]:
        got, body = serve.get(path)
        assert (path, got) == (path, status)
        if status == 404:
            assert body == b"not found\n"
    assert serve.get(f"/{JOB}")[0] == 301  # a folder without its slash is redirected, as before
