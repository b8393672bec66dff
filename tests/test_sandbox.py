"""render/sandbox.py: the time limit holds on any thread and never fires after its block;
'*' and '**' are bounded; template files come from templates/ only."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from mailglot.i18n.environment import base_environment
from mailglot.render.sandbox import RenderTimeout, TemplateSandbox, time_limit
from mailglot.render.template import TemplateFailure, render_mjml


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_time_limit_stops_a_loop_on_the_main_thread():
    started = time.monotonic()
    with pytest.raises(RenderTimeout), time_limit(0.2):
        _spin(5)
    assert time.monotonic() - started < 2


def test_time_limit_stops_a_loop_on_another_thread():
    caught: list[BaseException] = []

    def work() -> None:
        try:
            with time_limit(0.2):
                _spin(5)
        except RenderTimeout as exc:
            caught.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(3)
    assert not thread.is_alive() and len(caught) == 1


def test_time_limit_never_fires_after_its_block():
    for _ in range(3):
        with time_limit(0.3):
            _spin(0.15)  # within the limit: a timer that fires late must be withdrawn
    _spin(0.6)  # a late interruption would land here


def test_bounded_operators():
    env = TemplateSandbox()
    assert env.from_string("{{ 'ab' * 3 }}|{{ 2 ** 10 }}").render() == "ababab|1024"
    with pytest.raises(SecurityError, match="would build"):
        env.from_string("{{ [0] * 10**8 }}").render()
    with pytest.raises(SecurityError, match="exponent"):
        env.from_string("{{ 10 ** (10 ** 6) }}").render()


def test_a_template_link_out_of_templates_is_refused(tmp_path: Path):
    (tmp_path / "secret.txt").write_text("SECRET")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.j2").write_text("{% include 'inner.j2' %}\n")
    (templates / "inner.j2").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(TemplateFailure) as info:
        render_mjml(base_environment(templates), "page.j2", {}, templates)
    assert str(info.value.diagnostic) == (
        f"templates/page.j2:1: templates/inner.j2 leads outside templates/ (a link to "
        f"{tmp_path}/secret.txt); copy the file into templates/ instead"
    )
