"""Step 3: inline CSS with premailer, keeping media queries in <style> so layouts stay responsive."""

from __future__ import annotations

import logging
import re

from premailer import Premailer

_DOCTYPE = re.compile(r"^\s*<!doctype[^>]*>", re.I)


def inline_css(html: str) -> str:
    doctype = _DOCTYPE.match(html)
    out = Premailer(
        html,
        allow_network=False,  # leave <link> stylesheets (web fonts) as they are: no downloads
        disable_link_rewrites=True,  # hrefs keep merge tags and tracking params untouched
        keep_style_tags=False,  # inlinable rules move to style=; @media and :hover stay
        strip_important=False,  # responsive overrides need their !important
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
        remove_classes=False,  # the media queries still target the classes
    ).transform()
    if doctype and not _DOCTYPE.match(out):
        out = (
            doctype.group(0) + "\n" + out
        )  # premailer drops it; without it clients use quirks mode
    return out
