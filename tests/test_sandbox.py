"""render/sandbox.py: the time limit holds on any thread and never fires after its block;
'*' and '**' are bounded; template files come from templates/ only."""

from __future__ import annotations

import subprocess
import sys
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
    # The margins are wide because a loaded machine can pause this thread for a while: the
    # block must stay well within its limit, or a timely interruption would fail the test.
    for _ in range(3):
        with time_limit(1.0):
            _spin(0.1)  # within the limit: a deadline that passes later must not fire
    _spin(1.2)  # a late interruption would land here


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


SIZE_BOMBS = {  # each would allocate a gigabyte or more in one call
    "{{ 'x'|center(10**9) }}": "center: 1,000,000,000 is too large (at most 10,000)",
    "{{ 'x'|indent(10**9) }}": "indent: 1,000,000,000 is too large (at most 10,000)",
    "{{ 'x'|wordwrap(10**9) }}": "wordwrap: 1,000,000,000 is too large (at most 10,000)",
    "{{ 'x'|truncate(10**9) }}": "truncate: 1,000,000,000 is too large (at most 10,000)",
    "{{ '{:>1000000000}'.format('x') }}": "format spec '>1000000000': 1,000,000,000 is too "
    "large (at most 10,000)",
    "{{ '{:>{w}}'.format('x', w=10**9) }}": "format spec '>1000000000': 1,000,000,000 is too "
    "large (at most 10,000)",
    "{{ '{:.1000000000f}'.format(1.5) }}": "format spec '.1000000000f': 1,000,000,000 is too "
    "large (at most 10,000)",
    "{{ '%1000000000s' % 'x' }}": "'%1000000000': 1,000,000,000 is too large (at most 10,000)",
    "{{ '%*s'|format(10**9, 'x') }}": "'*' in '%*': 1,000,000,000 is too large (at most 10,000)",
    "{{ 'x'.rjust(10**9) }}": "rjust: 1,000,000,000 is too large (at most 10,000)",
    "{{ ('x' * 10**7).replace('x', 'xxxxxxxxxx') }}": "replace would build 100,000,000 "
    "characters; templates may build at most 10,000,000",
    "{{ range(1000)|join('x' * 10**6) }}": "join would build 999,002,890 characters; templates "
    "may build at most 10,000,000",
    "{{ ('x' * 10**6).join(range(1000)) }}": "join would build 999,002,890 characters; "
    "templates may build at most 10,000,000",
    "{{ lipsum(10**6) }}": "lipsum(1000000, max=100) could write 100,000,000 words (at most "
    "100,000)",
}

_BOUNDED_RUN = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (768 * 2**20, 768 * 2**20))
from mailglot.i18n.environment import base_environment
from mailglot.render.template import TemplateFailure, render_mjml
templates = Path(sys.argv[1])
env = base_environment(templates)
for name in sorted(p.name for p in templates.iterdir()):
    try:
        render_mjml(env, name, {}, templates)
        print(name, "rendered")
    except TemplateFailure as exc:
        print(exc.diagnostic)
# This process's own peak: VmHWM. ru_maxrss would also count the memory of the process it was
# forked from before exec (Linux carries it over), so it grew with the test run itself.
status = Path("/proc/self/status")
peak = [line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")]
print("peak KiB", peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_sized_filters_methods_and_format_specs_fail_at_their_line_in_bounded_memory(
    tmp_path: Path,
):
    """Under a 768 MB address-space limit each bomb is refused before it allocates (without
    the checks each one is a MemoryError, or gigabytes without the limit)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    for n, source in enumerate(SIZE_BOMBS):
        (templates / f"t{n:02}.j2").write_text(f"<p>ok</p>\n{source}\n", encoding="utf-8")
    shown = subprocess.run(
        [sys.executable, "-c", _BOUNDED_RUN, str(templates)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    expected = [
        f"templates/t{n:02}.j2:2: not allowed in a template (sandbox): {message}"
        for n, message in enumerate(SIZE_BOMBS.values())
    ]
    assert shown[:-1] == expected
    assert int(shown[-1].split()[-1]) < 300 * 1024  # peak resident KiB


def test_ordinary_sizes_still_render():
    env = TemplateSandbox()
    source = (
        "{{ 'x'|center(5) }}|{{ 'ab'|indent(2) }}|{{ '{:>4}'.format('x') }}|{{ '%3s'|format('y') }}"
        "|{{ '%d%%' % 5 }}|{{ 7 % 3 }}|{{ [1, 2]|join(', ') }}|{{ 'a-b'|replace('-', '+') }}"
        "|{{ '{n:,}'.format_map({'n': 12345}) }}|{{ ', '.join(['a', 'b']) }}"
    )
    assert env.from_string(source).render() == "  x  |ab|   x|  y|5%|1|1, 2|a+b|12,345|a, b"
