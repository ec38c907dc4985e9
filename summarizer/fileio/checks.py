"""Output targets checked before any work, so a run never does its work and then finds
it cannot write the result."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import UsageError


def _not_a_folder(path: Path) -> str:
    return f"{path} is {'a broken symlink' if path.is_symlink() else 'a file'}, not a folder"


def _writable_dir(folder: Path, what: str) -> None:
    """``folder`` (or its nearest existing parent, where it would be created) must be a
    folder we can write in. A broken symlink on the way is found here, not when the
    folders are made after the work."""
    probe = folder
    while not os.path.lexists(probe) and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise UsageError(f"{what}: {_not_a_folder(probe)}")
    try:  # a real probe: permissions, read-only file systems and root alike
        tempfile.TemporaryFile(dir=probe).close()
    except OSError as e:
        raise UsageError(f"{what}: cannot write in {probe} ({e.strerror or e})") from None


def check_output_file(path: str | Path, what: str = "-o") -> None:
    """Fail before any work when ``path`` cannot be written as a file."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{what} {path}: is a folder; name a file (or use --out-dir)")
    if path.exists():
        try:
            open(path, "a").close()
        except OSError as e:
            raise UsageError(f"{what} {path}: cannot write it ({e.strerror or e})") from None
    _writable_dir(path.parent, f"{what} {path}")


def check_output_dir(path: str | Path, what: str = "--out-dir") -> None:
    """Fail before any work when ``path`` cannot be used as an output folder."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path}: is a file, not a folder")
    _writable_dir(path, f"{what} {path}")
