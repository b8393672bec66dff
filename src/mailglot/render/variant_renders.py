"""One template render for a job's subject variants.

A job's variants (`subject: {a: ..., b: ...}`) have the same campaign, locale, market and
timing; their contexts differ in `subject` and `campaign.variant` alone. When the template
prints the subject only as a whole `{{ subject }}` and reads no variant
(`render.subject_only`), the first variant is rendered with a placeholder subject, a random
word per process that escaping leaves as it is, and every variant's output is that text with
the placeholder replaced by its own subject, escaped as `{{ subject }}` escapes it. The
gettext lookups the render made (the entries whose catalog findings the job carries, the
strings it found missing) are recorded apart and given to each later variant, as if its
render had made them. A render that fails takes the plain path, which tells the failure.

The reading of the templates is the proof; the render checks it where it is cheap. The
placeholder mixes cases, so a filter that changes case, cuts or reverses it leaves its
letters in another form than the one written: a render whose text holds any part of the
placeholder (case aside, or read backwards) more often than the whole placeholder is not
shared, and each variant is rendered plainly. (A length, a word count or a truncation that
drops the whole placeholder leaves no trace: only the reading refuses those.)
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, Template
from markupsafe import escape

from mailglot.plan import Job
from mailglot.render.imported import Replay
from mailglot.render.subject_only import SUBJECT, subject_only
from mailglot.render.watchdog import RenderTimeout


def _restorer(record: Any) -> Callable[[], None]:
    """A way back to the job's catalog record (`LocaleCatalog`: the entries looked up, the
    texts found missing) as it is now, for a render that is thrown away: the plain render
    then notes its own lookups, and the job carries no lookup of the placeholder's."""
    looked_up = getattr(record, "looked_up", None)
    recorder = getattr(record, "recorder", None)
    missing = getattr(recorder, "missing", None)
    if not isinstance(looked_up, set) or not isinstance(missing, set):
        return _nothing
    keys, misses = set(looked_up), set(missing)

    def restore() -> None:
        looked_up.clear()  # emptied in place: the gettext functions hold its `add`
        looked_up.update(keys)
        recorder.missing = misses

    return restore


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class _Kept:
    job: Job
    env: Environment
    template: Template
    output: str  # the placeholder where the subject goes
    replay: Replay

    def serves(self, job: Job, env: Environment, template: Template) -> bool:
        kept = self.job
        return (
            env is self.env
            and template is self.template
            and job.timing is kept.timing  # the plan gives a job's variants one timing
            and job.campaign == kept.campaign
            and job.locale == kept.locale
            and job.market == kept.market
            and job.template == kept.template
        )


class VariantRenders:
    """The last job's render with a placeholder subject, for its next variant."""

    def __init__(self) -> None:
        self._kept: _Kept | None = None
        # letters and digits, which escaping leaves as they are; both cases, so that `lower`,
        # `upper`, `title` and `capitalize` each change it
        self.placeholder = "mgSubJect" + secrets.token_hex(8) + secrets.token_hex(8).upper()
        # its first and last letters, in lower case, and read backwards: a case changed, a
        # cut or a reversal leaves one of them in other numbers than the placeholder's
        low = self.placeholder.lower().encode()
        self._parts = (low[:9], low[-8:])
        self._backwards = tuple(part[::-1] for part in self._parts)

    def _whole(self, output: str) -> bool:
        """Whether every trace of the placeholder in `output` is the placeholder as written.
        The bytes lowered: ASCII letters alone, cheap, and all the placeholder is made of."""
        exact = output.count(self.placeholder)
        lowered = output.encode("utf-8", "surrogatepass").lower()
        return all(lowered.count(part) == exact for part in self._parts) and not any(
            part in lowered for part in self._backwards
        )

    def _looked_up(self, record: Any) -> bool:
        """Whether the render asked the catalog for a text holding the placeholder (a
        captured subject handed to `_()`): the text is the same, the findings are not."""
        missing = getattr(getattr(record, "recorder", None), "missing", ())
        for key in missing:
            text = " ".join(part for part in key if isinstance(part, str))
            lowered = text.encode("utf-8", "surrogatepass").lower()
            if any(part in lowered for part in self._parts):
                return True
        return False

    def render(
        self, env: Environment, name: str, template: Template, context: dict[str, Any], job: Job
    ) -> str:
        """`template.render(context)`, from the previous variant's render when it may be."""
        subject = context.get(SUBJECT)
        kept, self._kept = self._kept, None
        if type(subject) is not str:
            return template.render(context)
        # kept by the render just before this one, of the same template object: its verdict
        # (`subject_only`) still holds, no template having been loaded since
        if kept is not None and kept.serves(job, env, template):
            kept.replay()
            self._kept = kept
            return kept.output.replace(self.placeholder, str(escape(subject)))
        record = getattr(env, "lookup_record", None)
        if record is None or not subject_only(env, name, template):
            return template.render(context)
        masked = {**context, SUBJECT: self.placeholder}
        restore = _restorer(record)
        try:
            output, replay = record.apart(lambda: template.render(masked))
        except RenderTimeout:  # the time is up: the plain path would only run on past it
            raise
        except Exception:  # the plain path raises it again, with the job's own subject
            restore()
            return template.render(context)
        if not self._whole(output) or self._looked_up(record):  # the reading was wrong
            restore()
            return template.render(context)
        self._kept = _Kept(job, env, template, output, replay)
        return output.replace(self.placeholder, str(escape(subject)))
