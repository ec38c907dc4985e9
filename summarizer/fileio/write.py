"""Writing our files without touching anything else: exclusive creation that never
follows a planted symlink, and atomic replacement through a temp file."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write via a temp file in the same folder and rename, so a killed run never
    leaves a half-written file behind. The temp file has a random name and is created
    by :func:`write_new` (never an existing file, never through a planted symlink);
    its name is known before it exists, so an interrupt at any point (Ctrl-C) removes
    it; it gets the permissions ``open()`` gives (0644 under umask 022), not mkstemp's
    private 0600. The rename replaces a symlink at ``path`` and never follows it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # 40 characters are at most 160 bytes: with the suffix, always a legal file name
    tmp = path.parent / f".{path.name[:40]}.{secrets.token_hex(8)}.tmp"
    write_new(tmp, data)  # FileExistsError: another writer's temp file, not ours to remove
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def write_new(path: str | Path, data: str | bytes, dir_fd: int | None = None) -> None:
    """Create ``path`` and write ``data`` (text as UTF-8). ``O_CREAT|O_EXCL|O_NOFOLLOW``:
    an existing file or a symlink planted at the name fails instead of being written
    through; whatever was written is removed on any failure (a full disk)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666,
                 dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        _unlink_quietly(path, dir_fd)
        raise


def _unlink_quietly(path: str | Path, dir_fd: int | None = None) -> None:
    try:
        os.unlink(path, dir_fd=dir_fd)
    except FileNotFoundError:
        pass
