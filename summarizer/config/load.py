"""The one way a config is made: a YAML file and its ``extends:`` chain, then overrides
(``--set`` and the CLI's flags, the API's keyword arguments, a sweep's grid points), then
validation, each failure one ConfigError line."""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Iterable, Mapping, Union

from pydantic import ValidationError

from ..errors import ConfigError
from .bounded_yaml import load_yaml, read_yaml
from .keys import _config_keys, _format_validation_error, _unknown_key_message
from .messages import excerpt
from .root import Config

MAX_EXTENDS = 16  # files in one chain of extends:

# Config keys that name a file. In a config file a relative one is relative to that file
# (as ``extends:`` is), so a config and its model travel together; given on the command
# line (``--set``) or through the API, or in a config read from a pipe, it is relative to
# the current folder, as any path. ``~`` is the home folder.
FILE_KEYS = ("rank.learned.model",)


def _read_yaml(given: Path, seen: tuple[Path, ...] = (), from_data: bool = False) -> dict:
    """The mapping of the config file ``given``, its ``extends:`` chain merged in. The file
    is read at the name given (``/dev/fd/63`` is a pipe, its resolved name none); an
    ``extends:`` comes from data, so it must be a regular file (:func:`read_yaml`)."""
    import yaml

    try:
        path = given.resolve()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
        raise ConfigError(f"cannot read config {given}: a symlink loop") from None
    if path in seen:
        raise ConfigError(f"config {path} extends itself (cycle: {' -> '.join(map(str, seen))})")
    if len(seen) >= MAX_EXTENDS:
        raise ConfigError(f"config {seen[0]}: its chain of extends: is longer than "
                          f"{MAX_EXTENDS} files")
    try:
        data = read_yaml(given, f"config {path}", from_data)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except OSError as e:
        raise ConfigError(f"cannot read config {path}: {e.strerror or e}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"config {path} is not valid YAML: {e}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"config {path} must be a mapping of sections, not {type(data).__name__}")
    if path.is_file():  # not a pipe (/dev/stdin): its paths stay relative to here
        _anchor_files(data, path.parent)
    parent = data.pop("extends", None)
    if parent is not None and not isinstance(parent, str):
        raise ConfigError(f"config {path}: extends must name a file, not {excerpt(parent)}")
    if parent:
        data = _merge(_read_yaml(path.parent / parent, seen + (path,), True), data)
    return data


def _anchor_files(data: dict, folder: Path) -> None:
    """Make the relative paths of :data:`FILE_KEYS` in one file's mapping relative to
    ``folder`` (the file's own); anything else in them is left for validation to judge."""
    for key in FILE_KEYS:
        *sections, last = key.split(".")
        node = data
        for part in sections:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict) and isinstance(node.get(last), str) and node[last]:
            value = os.path.expanduser(node[last])  # "~/m.json"; "~nobody/x" is kept
            node[last] = value if os.path.isabs(value) or value.startswith("~") else \
                os.path.normpath(os.path.join(folder, value))


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def parse_override(item: str) -> tuple[str, Any]:
    """``"select.words=250"`` -> ("select.words", 250); values are read as YAML
    scalars, so ``null``, ``true``, numbers and ``[a, b]`` lists work."""
    import yaml

    if "=" not in item:
        raise ConfigError(f"override {excerpt(item)} must look like section.key=value")
    key, raw = item.split("=", 1)
    key = key.strip()
    if not key:
        raise ConfigError(f"override {excerpt(item)} has an empty key")
    try:
        value = load_yaml(raw, f"--set {excerpt(key)}") if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return key, value


# What apply_overrides takes: ``--set`` items ("key=value"), (key, value) pairs, or both
# in one list, or a mapping of keys to values (the API's keyword arguments).
Overrides = Union[Mapping[str, Any], Iterable[Union[str, tuple[str, Any]]]]


def apply_overrides(data: dict, overrides: Overrides) -> dict:
    """A copy of the config mapping ``data`` with ``overrides`` put in, in order. A dotted
    key must name a config key or section (else one line: :func:`_unknown_key_message`);
    a mapping given for a section is merged into it key by key. The one way the CLI's
    ``--set`` and flags, the API's keyword arguments and a sweep's points change a config
    (:func:`load_config`, :meth:`Config.with_overrides`)."""
    data = copy.deepcopy(data)  # values are bounded by load_yaml; YAML dates are kept
    items = overrides.items() if isinstance(overrides, Mapping) else overrides
    for item in items:
        key, value = parse_override(item) if isinstance(item, str) else item
        _put(data, str(key), value)
    return data


def _put(data: dict, key: str, value: Any) -> None:
    sections = _config_keys()
    if key not in sections:
        raise ConfigError(_unknown_key_message(key))
    if sections[key] and isinstance(value, Mapping):
        for k, v in value.items():
            _put(data, f"{key}.{k}", v)
        return
    *path, last = key.split(".")
    node = data
    for part in path:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"config key {key!r}: {part!r} is not a section")
    node[last] = value


def build_config(data: dict | None = None) -> Config:
    """Validate a plain mapping into a Config, turning pydantic errors into ConfigError."""
    data = data or {}
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(_format_validation_error(e)) from None


def config_file(path: str | Path) -> Path:
    """The file a ``--config`` value names: an existing path, else a shipped config
    (``duc``, ``duc.yaml`` or ``configs/duc.yaml``), else a ConfigError listing them."""
    from ..resources import find_config, shipped_configs

    p = Path(path).expanduser()
    try:
        if p.exists():
            return p
    except OSError:  # a name too long for the file system
        raise ConfigError(f"config file not found: {excerpt(str(path))}") from None
    shipped = find_config(str(path))
    if shipped is not None:
        return shipped
    raise ConfigError(f"config file not found: {excerpt(os.path.abspath(p), 300)} (shipped "
                      f"configs: {', '.join(shipped_configs())})")


def load_config(path: str | Path | None = None, overrides: Overrides | None = None,
                from_data: bool = False) -> Config:
    """Read ``path`` (or the defaults), apply ``overrides`` (:func:`apply_overrides`),
    validate. ``path`` may also name a shipped config: ``load_config("duc")``;
    ``from_data``: it comes from a file (a sweep's base), so it must be a regular file
    (:func:`read_yaml`)."""
    data = _read_yaml(config_file(path), from_data=from_data) if path else {}
    if overrides:
        data = apply_overrides(data, overrides)
    return build_config(data)
