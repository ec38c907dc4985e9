"""The one shape of a name -> implementation table (:class:`Table` of :class:`Entry`
rows). The config checks names against the tables, the CLI's help and choices list
them, the API and the tests iterate over them, and the stages build from them. An entry
names its implementation as ``"module:attribute"``, imported only when it is used, so
reading a table imports no stage. Adding an implementation is one module and one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator


class UnknownName(ValueError):
    """Raised for a name that no implementation registered."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Entry:
    """One row: a name, where its implementation lives (``"module:attribute"``), one
    line for ``--help`` and an optional tag (a method's kind, a system's family)."""

    name: str
    target: str
    summary: str = ""
    tag: str = ""

    def load(self):
        """The implementation (a module attribute), imported now."""
        import importlib

        module, _, attribute = self.target.partition(":")
        loaded = importlib.import_module(module)
        return getattr(loaded, attribute) if attribute else loaded


class Table:
    """Name -> :class:`Entry`, in the order the rows were given (the order help lists
    them). ``get`` returns the loaded implementation, ``entry`` the row itself."""

    def __init__(self, kind: str, entries: Iterable[Entry] | dict[str, str]):
        self.kind = kind
        if isinstance(entries, dict):
            entries = [Entry(name, target) for name, target in entries.items()]
        self._entries = {e.name: e for e in entries}

    def entry(self, name: str) -> Entry:
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownName(f"unknown {self.kind} {name!r}; known: "
                              f"{', '.join(self.names())}") from None

    def get(self, name: str):
        return self.entry(name).load()

    def names(self) -> list[str]:
        return list(self._entries)

    def help(self) -> str:
        """``name: summary`` lines for ``--help``."""
        return "\n".join(f"{e.name}: {e.summary}" if e.summary else e.name for e in self)

    def __contains__(self, name: str) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)
