"""The contract every name -> implementation table keeps (summarizer/registry.py): every
entry loads, says what it is in one line, and an unknown name is one line naming the
known ones. The tables are found in the package's source, so a new table is covered
the day it is written."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import summarizer
from summarizer.registry import Entry, Table, UnknownName

PACKAGE = Path(summarizer.__file__).parent
_DEFINED = re.compile(r"^([A-Z_]+) = Table\(", re.M)


def _tables() -> dict[str, Table]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in _DEFINED.findall(path.read_text(encoding="utf-8")):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[f"{module}.{name}"] = getattr(importlib.import_module(module), name)
    return found


TABLES = _tables()


def test_the_tables_are_found():
    assert {"summarizer.tables.SPLITTERS", "summarizer.tables.SELECTORS",
            "summarizer.tables.SIMILARITY", "summarizer.tables.REFINE_BACKENDS",
            "summarizer.tables.ROUGE_TOKENIZERS", "summarizer.rank.METHODS",
            "summarizer.executors.EXECUTORS",
            "summarizer.evaluation.systems.SYSTEMS"} <= set(TABLES)


@pytest.mark.parametrize("where", sorted(TABLES))
def test_every_entry_loads_and_says_what_it_is(where):
    table = TABLES[where]
    assert isinstance(table, Table) and len(table) == len(table.names()) > 0
    assert [e.name for e in table] == table.names()
    for entry in table:
        assert isinstance(entry, Entry) and entry.summary.strip(), (where, entry.name)
        assert "\n" not in entry.summary
        assert entry.load() is not None, (where, entry.name)
        assert table.entry(entry.name) is entry
        assert f"{entry.name}: {entry.summary}" in table.help()
    with pytest.raises(UnknownName) as e:
        table.get("no-such-name")
    line = str(e.value)
    assert line.startswith(f"unknown {table.kind} 'no-such-name'") and "\n" not in line
    assert all(name in line for name in table.names())


def test_a_method_is_a_scorer_or_a_selector_and_chooses():
    from summarizer.rank import METHODS

    for entry in METHODS:
        assert entry.tag in ("scorer", "selector") and callable(entry.load().choose)


def test_reading_a_table_imports_no_stage():
    """The tables are read for --help and by the config: their rows import nothing."""
    import subprocess
    import sys

    code = ("import sys; from summarizer import tables; from summarizer.rank import METHODS; "
            "from summarizer.executors import EXECUTORS; "
            "[t.help() for t in (tables.SPLITTERS, tables.SIMILARITY, METHODS, EXECUTORS)]; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'scipy', 'nltk', 'torch', 'ray', 'sklearn')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"
