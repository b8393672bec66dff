"""Imported templates: their top-level code runs once per environment, their lookups count
for every job that imports them.

`{% import "x" as y %}`, `{% from "x" import m %}` and `{% include "x" without context %}`
use the template's default module, which Jinja makes the first time and keeps
(`Template._get_default_module`). A `{% set label = _("Watch now") %}` at the top of such a
template therefore looks "Watch now" up only for the first job of its locale in a process:
the later jobs reuse the label without asking gettext, so their records (the strings missing
from the catalog, the entries whose catalog findings they carry) lacked it, and a build's
findings depended on which worker happened to build which job. Here, what the module's making
looked up is recorded apart and kept with the module, and each job that reuses the module is
given it again, as if its code had run for that job.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from jinja2 import Template
from jinja2.environment import TemplateModule
from jinja2.runtime import Context
from jinja2.utils import internalcode

Replay = Callable[[], None]


class LookupRecord(Protocol):
    """What an environment's gettext calls are noted in (`LocaleCatalog`)."""

    def apart(self, make: Callable[[], TemplateModule]) -> tuple[TemplateModule, Replay]:
        """`make()`, noted as usual, and a replay of just the lookups it made."""
        ...


class ReplayingTemplate(Template):
    """A template whose default module carries the lookups made while it was made."""

    _replay: Replay | None = None  # Jinja makes templates without __init__ (from_code)

    @internalcode
    def _get_default_module(self, ctx: Context | None = None) -> TemplateModule:
        kept, replay = self._module, self._replay
        if kept is not None and replay is not None:  # a later job: given the kept lookups
            module = Template._get_default_module(self, ctx)
            if module is kept:  # not an import seeing new globals, which is made anew
                replay()
            return module
        record: LookupRecord | None = getattr(self.environment, "lookup_record", None)
        if record is None:
            return Template._get_default_module(self, ctx)
        if kept is not None:  # kept without its lookups: a render timeout struck between
            self._module = None  # Jinja keeping it and `apart` returning; made again, noted
        module, replay = record.apart(partial(Template._get_default_module, self, ctx))
        if module is self._module:  # made and kept
            self._replay = replay
        return module
