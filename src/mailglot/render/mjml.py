"""Step 2: MJML to responsive HTML with mjml-python (Rust MRML, in process, no Node)."""

from __future__ import annotations

from mjml import mjml2html


class MjmlFailure(Exception):
    pass


def compile_mjml(source: str) -> str:
    # fonts={} stops MRML from adding Google Fonts <link>s: builds never touch the network
    # and templates that want web fonts declare them with <mj-font>.
    try:
        return mjml2html(source, disable_comments=True, fonts={})
    except Exception as exc:  # mjml-python raises plain exceptions with MRML's message
        raise MjmlFailure(f"MJML could not be compiled: {exc}") from exc
