"""Name -> implementation tables read by both the config validator and the CLI.

Adding an algorithm is adding a module that registers itself under a name; the config
accepts exactly the registered names.
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class UnknownName(ValueError):
    """Raised for a name that no implementation registered."""

    def __str__(self) -> str:
        return str(self.args[0])


class Registry(Generic[T]):
    """A small named table: ``@RANKERS.register("lexrank")`` on a class or function."""

    def __init__(self, kind: str):
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def wrap(obj: T) -> T:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} registered twice")
            self._items[name] = obj
            return obj

        return wrap

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items))
            raise UnknownName(f"unknown {self.kind} {name!r}; known: {known}") from None

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: str) -> bool:
        return name in self._items
