"""The shape of a name -> implementation table (:class:`Table`); the tables themselves
are in :mod:`summarizer.tables`."""

from __future__ import annotations


class UnknownName(ValueError):
    """Raised for a name that no implementation registered."""

    def __str__(self) -> str:
        return str(self.args[0])


class Table:
    """A name -> implementation table whose entries are ``"module:attribute"`` paths,
    imported when an entry is used: the config checks names against it, and the CLI
    lists them, without importing any stage."""

    def __init__(self, kind: str, entries: dict[str, str]):
        self.kind = kind
        self._entries = dict(entries)

    def get(self, name: str):
        try:
            module, attribute = self._entries[name].split(":")
        except KeyError:
            raise UnknownName(f"unknown {self.kind} {name!r}; known: "
                              f"{', '.join(self.names())}") from None
        import importlib

        return getattr(importlib.import_module(module), attribute)

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: str) -> bool:
        return name in self._entries
