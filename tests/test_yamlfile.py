from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from mailglot.project.yamlfile import YamlDoc, load_yaml, parse_yaml


def test_lines_of_nested_keys_and_list_items():
    doc = parse_yaml("a: 1\nb:\n  c: x\n  d:\n    - one\n    - two\n", "f.yaml")
    assert doc.data == {"a": 1, "b": {"c": "x", "d": ["one", "two"]}}
    assert doc.line_of(("a",)) == 1
    assert doc.line_of(("b", "c")) == 3
    assert doc.line_of(("b", "d", 1)) == 6
    # a path that does not exist points at its deepest existing parent
    assert doc.line_of(("b", "c", "zzz")) == 3


def test_syntax_error_names_the_line():
    doc = parse_yaml('a: 1\nb: "unclosed\nc: 3\n', "campaigns/x.yaml")
    assert doc.data is None
    [problem] = doc.problems
    assert problem.path == "campaigns/x.yaml"
    assert problem.line == 2
    assert problem.message.startswith("YAML syntax error:")


def test_duplicate_key_is_an_error_not_a_silent_overwrite():
    doc = parse_yaml("subject: one\npreheader: x\nsubject: two\n", "c.yaml")
    [problem] = doc.problems
    assert str(problem) == "c.yaml:3: duplicate key 'subject' (first given on line 1)"


def test_a_control_character_is_named_at_its_line_and_column():
    """It was "YAML error: unacceptable character #x0000 ... position 23", with no line; the
    column counts characters, also after non-ASCII text (libyaml counts bytes)."""
    doc = parse_yaml("subject: Été\npreheader: x\x00y\n", "campaigns/x.yaml")
    assert doc.data is None
    assert [str(p) for p in doc.problems] == [
        "campaigns/x.yaml:2: character U+0000 (column 13) is not allowed in YAML (control "
        "characters are not allowed); remove it, or write it as an escape in a double-quoted "
        "string"
    ]


def test_a_pipe_named_like_a_campaign_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A FIFO at campaigns/x.yaml made the build wait for a writer, for ever."""
    (tmp_path / "campaigns").mkdir()
    os.mkfifo(tmp_path / "campaigns/x.yaml")
    found: list[YamlDoc] = []
    reader = threading.Thread(
        target=lambda: found.append(load_yaml(tmp_path / "campaigns/x.yaml", tmp_path)),
        daemon=True,
    )
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # unblock the old reader so the suite can go on, then fail
        with open(tmp_path / "campaigns/x.yaml", "wb"):
            pass
        pytest.fail("load_yaml waited on a FIFO")
    assert [str(p) for p in found[0].problems] == [
        "campaigns/x.yaml: not a plain file (a pipe, socket or device); mailglot reads files"
    ]


def test_hours_and_minutes_unquoted_are_text_not_base_60_numbers() -> None:
    """YAML 1.1 reads 9:30 as 570 and 1:30.5 as 90.5; YAML 1.2 and every reader of the file
    see a time or a duration."""
    doc = parse_yaml("a: 9:30\nb: 1:30.5\nc: 930\nd: 9.5\ne: '9:30'\n", "x.yaml")
    assert doc.data == {"a": "9:30", "b": "1:30.5", "c": 930, "d": 9.5, "e": "9:30"}
