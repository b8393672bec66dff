"""Patterns for reading the HTML mailglot produced (never for parsing arbitrary input)."""

from __future__ import annotations

import re

IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
