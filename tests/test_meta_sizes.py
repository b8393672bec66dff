"""meta.json's sizes are the sizes of the files next to it, merge tags and all: a reviewer
who compares `text_bytes` with `ls -l email.txt` must find the same number."""

from __future__ import annotations

import json
from pathlib import Path


def test_every_jobs_sizes_are_its_files_sizes(example_build: Path):
    metas = sorted((example_build / "build").glob("*/*/*/meta.json"))
    assert len(metas) >= 70
    for path in metas:
        meta = json.loads(path.read_text(encoding="utf-8"))
        assert meta["html_bytes"] == (path.parent / "email.html").stat().st_size, path
        assert meta["text_bytes"] == (path.parent / "email.txt").stat().st_size, path


def test_a_text_part_with_merge_tags_is_measured_with_them(example_build: Path):
    """The recommendations email greets by name and links to the unsubscribe page: its
    text part holds two merge tags, in the project's handlebars syntax."""
    job = example_build / "build/recommendations/fr_FR/a"
    text = (job / "email.txt").read_bytes()
    assert text.count(b"{{first_name}}") == 1 and text.count(b"{{unsubscribe_url}}") == 1
    assert json.loads((job / "meta.json").read_text(encoding="utf-8"))["text_bytes"] == len(text)
