"""YAML read within bounds: a config, a sweep or a ``--set`` value is data from anyone, so
a huge file, an alias bomb or a number of a million digits is one short error line,
never a hang or a traceback."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .messages import _one_line, excerpt

# A real config is a few KB and a few hundred values, a few levels deep.
MAX_YAML_BYTES = 1 << 20
MAX_YAML_VALUES = 10_000  # after aliases expand
MAX_YAML_DEPTH = 64
# No setting needs a longer number, and a longer integer can be slow to read: YAML 1.1's
# base 60 (1:2:3...) is a big-number product per digit, quadratic in the length.
MAX_NUMBER_CHARS = 100


def _check_expansion(root) -> None:
    """Refuse a document whose values, with every alias expanded, are more than
    MAX_YAML_VALUES or deeper than MAX_YAML_DEPTH (a billion-laughs bomb is a few lines
    that expand to 10^9 values). The walk stops at the bound, so it is fast either way;
    a recursive alias never ends, so it is refused the same way."""
    import yaml

    stack, seen = [(root, 1)], 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if seen > MAX_YAML_VALUES or depth > MAX_YAML_DEPTH:
            raise ConfigError(f"its values, with aliases (*name) expanded, are more than "
                              f"{MAX_YAML_VALUES} or nest deeper than {MAX_YAML_DEPTH} levels")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)


@functools.cache
def _bounded_loader():
    import yaml

    class BoundedLoader(yaml.SafeLoader):
        """yaml.SafeLoader that stops composing past the bound (a 1 MB list of numbers is
        500,000 values) and measures a document before building it."""

        composed = 0

        def compose_node(self, parent, index):
            self.composed += 1
            if self.composed > MAX_YAML_VALUES:
                raise ConfigError(f"it holds more than {MAX_YAML_VALUES} values")
            return super().compose_node(parent, index)

        def construct_document(self, node):
            _check_expansion(node)
            return super().construct_document(node)

        def construct_yaml_int(self, node):
            if len(node.value) > MAX_NUMBER_CHARS:
                raise ValueError(f"a number of {len(node.value)} characters")
            return super().construct_yaml_int(node)

    BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)
    return BoundedLoader


def _too_large(what: str) -> ConfigError:
    return ConfigError(f"{what} is larger than {MAX_YAML_BYTES // 1024} KB; a config is a few KB")


def load_yaml(text: str, what: str) -> Any:
    """The YAML document in ``text`` (a config, a sweep, a ``--set`` value), read within
    bounds: over MAX_YAML_BYTES or MAX_YAML_VALUES expanded values is a ConfigError that
    starts with ``what``. Unreadable YAML (nested past Python's recursion, a number of
    over MAX_NUMBER_CHARS characters) is a ``yaml.YAMLError`` like any other syntax error,
    its message one short line."""
    import yaml

    if len(text) > MAX_YAML_BYTES:
        raise _too_large(what)
    loader = _bounded_loader()(text)
    try:
        return loader.get_single_data()
    except ConfigError as e:
        raise ConfigError(f"{what}: {e}") from None
    except RecursionError:
        raise yaml.YAMLError("nested too deeply") from None
    except ValueError as e:  # a number too long, an impossible date
        raise yaml.YAMLError(f"cannot read a value: {excerpt(str(e), 120)}") from None
    except yaml.YAMLError as e:  # its messages span lines and quote the text
        raise yaml.YAMLError(_one_line(str(e))) from None
    finally:
        loader.dispose()


def read_yaml(path: Path, what: str, from_data: bool = False) -> Any:
    """``load_yaml`` of the file at ``path``, of which at most MAX_YAML_BYTES are read (a
    device or a huge file is refused without reading it all). A path that comes from data
    (``from_data``: an ``extends:``, a sweep's base config) must name a regular file, read
    by :func:`~summarizer.fileio.read_regular` (a FIFO would hang the run); a file the
    user names may be a pipe (``--config <(...)``). OSError (a missing file, one refused)
    and ``yaml.YAMLError`` pass through for the caller's message."""
    if from_data:
        from ..fileio import Unreadable, read_regular

        try:
            raw = read_regular(path, MAX_YAML_BYTES, f"{MAX_YAML_BYTES // 1024} KB")
        except Unreadable as e:  # ENOENT makes it a FileNotFoundError
            raise OSError(e.errno, str(e)) from None
    else:
        with Path(path).open("rb") as f:
            raw = f.read(MAX_YAML_BYTES + 1)
    if len(raw) > MAX_YAML_BYTES:  # before decoding: the cut may split a character
        raise _too_large(what)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{what} is not UTF-8 text") from None
    return load_yaml(text, what)
