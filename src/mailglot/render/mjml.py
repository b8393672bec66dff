"""Step 2: MJML to responsive HTML with MRML's official Python bindings (Rust, in process).

`mrml` and `mjml-python` wrap the same MRML (6.0.1 in both at the time of writing) and give
the same HTML except for `<mj-style inline="inline">`: `mrml` applies those rules itself, as
Node mjml does, where `mjml-python` leaves them in a `<style>` for the inliner. `mrml` is
also the one MRML's author maintains, a little faster, and reports warnings. Where MRML
still differs from Node `mjml` 5 (the reference our users compare with), `mjml_fixes` makes
them agree, before and after compiling.
"""

from __future__ import annotations

import mrml

from mailglot.render import mjml_fixes

# fonts={} stops MRML from adding Google Fonts <link>s (templates that want web fonts
# declare them with <mj-font>); the no-op loader refuses <mj-include>: Jinja's {% include %}
# is how templates share parts, and a build never reads files the plan did not hash.
_RENDER = mrml.RenderOptions(disable_comments=True, fonts={})
_PARSER = mrml.ParserOptions(include_loader=mrml.noop_loader())


class MjmlFailure(Exception):
    pass


def compile_mjml(source: str) -> str:
    fixing = mjml_fixes.Fixing()
    for before in mjml_fixes.BEFORE:
        source = before(source, fixing)
    try:
        html = mrml.to_html(source, parser_options=_PARSER, render_options=_RENDER).content
    except Exception as exc:  # MRML raises OSError/ValueError with its parser's message
        raise MjmlFailure(f"MJML could not be compiled: {exc}") from exc
    for after in mjml_fixes.AFTER:
        html = after(html, fixing)
    return html
