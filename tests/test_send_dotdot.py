"""A job named through `..` is the job the user means: `build/../build/welcome/fr_FR/a` and
`welcome/fr_FR/../fr_FR/a` were refused as 'not a job of the last build (build/manifest.json
does not list it); run `mailglot build` before sending', which changed nothing. A path that
leaves build/ is still refused. Through the CLI, with a real SMTP server on loopback."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.test_send_outcomes import SUBJECT, built, choosy  # noqa: F401 - the fixtures


def test_a_job_named_through_dot_dot_is_that_job(
    built: Path,  # noqa: F811 - the fixture
    choosy,  # noqa: F811 - the fixture
) -> None:
    handler, address = choosy
    for named in (
        "build/../build/welcome/fr_FR/a",
        "welcome/fr_FR/../fr_FR/a",
        "welcome/en_US/../fr_FR/a/email.eml",
        str(built / "build/../build/welcome/fr_FR/a"),
    ):
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address, named)
        assert (named, result.exit_code, result.output) == (
            named,
            0,
            f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to qa@x.example via {address}\n",
        )
    assert len(handler.delivered) == 4

    for named, shown in (
        ("build/../mailglot.yaml", "../mailglot.yaml"),
        ("welcome/../../templates", "../templates"),
    ):
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address, named)
        assert (result.exit_code, result.output) == (
            2,
            f"mailglot: {shown!r} is not a job of this build\n",
        )
    assert len(handler.delivered) == 4
