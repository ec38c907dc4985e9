"""Reading files we did not write: bounded, and never a FIFO, a device or (when asked)
a symbolic link."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

_MB = 1024 * 1024


class Unreadable(Exception):
    """A file that cannot be read (as text, or at all); ``str(err)`` is the reason and
    ``errno`` the system's error number where there is one (``ENOENT``: missing)."""

    def __init__(self, reason: str, errno: int | None = None):
        super().__init__(reason)
        self.errno = errno


def read_regular(path: str | Path, limit: float, setting: str = "",
                 follow: bool = True, dir_fd: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them, or :class:`Unreadable`
    saying why not (``setting`` names the limit in that message). Every file whose path
    comes from data (an input, a cache entry, a report, a config's ``extends:``) is read
    here.

    Anything else is refused before it is opened, by its type: a FIFO would block the
    run forever, a device (a link to ``/dev/zero``) would fill the memory, and opening
    some devices has effects of its own; with ``follow=False`` a symbolic link at the
    name itself is refused too. The file is opened non-blocking and checked again (it
    may have been swapped since), and no more than the limit is read even when its size
    says less (a file that grows, or a ``/proc`` file that lies). ``dir_fd``: ``path``
    is relative to that open folder."""
    limit = int(min(limit, sys.maxsize - 1))
    setting = setting or _size(limit)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        info = os.stat(path, dir_fd=dir_fd, follow_symlinks=follow)
        _check_regular(info.st_mode)
        if info.st_size > limit:
            raise Unreadable(f"too large ({_size(info.st_size)} > {setting})")
        fd = os.open(path, flags if follow else flags | os.O_NOFOLLOW, dir_fd=dir_fd)
        with open(fd, "rb") as f:
            _check_regular(os.fstat(fd).st_mode)
            data = _read_at_most(f, limit + 1)
    except PermissionError as e:
        raise Unreadable("permission denied", e.errno) from None
    except OSError as e:
        raise Unreadable(e.strerror or str(e), e.errno) from None
    if len(data) > limit:
        raise Unreadable(f"too large (more than {setting} when read)")
    return data


_NOT_REGULAR = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"))


def _check_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_REGULAR if test(mode)), "of another kind")
        raise Unreadable(f"not a regular file ({what})")


def _read_at_most(f, n: int) -> bytes:
    """Up to ``n`` bytes of ``f``, read a piece at a time: ``read(n)`` would allocate all
    ``n`` bytes first, however small the file."""
    parts: list[bytes] = []
    while n > 0 and (part := f.read(min(n, _MB))):
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _size(n: int) -> str:
    return f"{n / _MB:.1f} MB" if n >= _MB // 10 else f"{n:,} bytes"
