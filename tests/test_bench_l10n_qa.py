"""scripts/bench_l10n_qa.py, the planting step alone (no peer tool is installed): every planted
fault still fits the example's catalogs and changes its own entry and no other, the clean copy
has no mailglot finding (every finding there would be noise), and a fault whose msgid the
example no longer has stops the run with a message naming it, before any file is written."""

from __future__ import annotations

import importlib
import io
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    return importlib.import_module("bench_l10n_qa")


@pytest.fixture
def corpus(bench: ModuleType) -> ModuleType:
    return importlib.import_module("bench_l10n_qa_corpus")


def entries(bench: ModuleType, root: Path, locale: str) -> dict[str, str]:
    """Each entry of a catalog as written, by its msgid (singular) as Babel reads it; read as
    text, since Babel drops a plural form beyond the language's count, which is a fault too."""
    text = bench.po_path(root, locale).read_text(encoding="utf-8")
    out = {}
    for block in text.split("\n\n"):
        catalog = read_po(io.StringIO('msgid ""\nmsgstr ""\n\n' + block + "\n"), locale=locale)
        for message in catalog:
            if message.id:
                out[message.id[0] if isinstance(message.id, tuple) else message.id] = block
    return out


def test_each_fault_changes_its_own_entry_and_the_clean_copy_has_no_finding(bench, tmp_path):
    clean = bench.make_project(tmp_path / "clean")
    faulty = bench.make_project(tmp_path / "faulty")
    bench.plant(faulty, bench.FAULTS)
    bench.check_corpus()
    for locale in bench.LOCALES:
        before, after = entries(bench, clean, locale), entries(bench, faulty, locale)
        assert before.keys() == after.keys()
        changed = {key for key in before if before[key] != after[key]}
        planted = {
            f.msgid if isinstance(f.msgid, str) else f.msgid[0]
            for f in bench.FAULTS
            if f.locale == locale
        }
        assert changed == planted, locale
    flagged, count = bench.run_mailglot(clean)
    assert (flagged, count) == (set(), 0)


def test_a_fault_whose_msgid_is_gone_is_named_and_nothing_is_written(bench, corpus, tmp_path):
    root = bench.make_project(tmp_path / "p")
    po = bench.po_path(root, "de_DE")
    before = po.read_bytes()
    gone = "Your plan renews automatically on %(date)s."
    faults = [
        corpus.Fault("de_DE", "Watch now", corpus.sub("ansehen", "anschauen"), "word changed"),
        corpus.Fault("de_DE", gone, corpus.sub("%(date)s", "%(datum)s"), "placeholder renamed"),
        corpus.Fault("fr_FR", "Watch now", corpus.sub("Voir", "Vu"), "word changed"),
    ]
    with pytest.raises(SystemExit) as stop:
        bench.plant(root, faults)
    assert str(stop.value) == (
        "2 planted fault(s) no longer fit the example's catalogs (update them in "
        "scripts/bench_l10n_qa_corpus*.py):\n"
        "locales/fr_FR/LC_MESSAGES/messages.po: fault 'word changed' (fr_FR) on 'Watch now': "
        "'Voir' not in 'Regarder'\n"
        "locales/de_DE/LC_MESSAGES/messages.po: fault 'placeholder renamed' (de_DE): msgid "
        "'Your plan renews automatically on %(date)s.' is not in the catalog; closest msgid "
        "there: 'Your %(plan)s plan renews automatically on %(date)s, for %(price)s a month.'"
    )
    assert po.read_bytes() == before
