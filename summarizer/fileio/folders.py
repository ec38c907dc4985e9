"""Folders below a report folder, made, opened and removed without following a symlink
anywhere on the way."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .manifest import _folders_of

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


def _make_folders(folder: Path, created: list[Path]) -> None:
    """Create ``folder`` and its missing parents, adding each one made to ``created``
    (deepest first, for :func:`_remove_empty`)."""
    missing = []
    probe = folder
    while not os.path.lexists(probe) and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        os.mkdir(path)
        created.insert(0, path)


def _remove_empty(folders: list[Path]) -> None:
    for path in folders:
        try:
            os.rmdir(path)
        except OSError:
            pass


def _lmode(dfd: int, rel: str) -> int | None:
    """The mode of ``rel`` itself (a link is not followed), or None when it is absent;
    called only for paths whose parents are real folders."""
    try:
        return os.stat(rel, dir_fd=dfd, follow_symlinks=False).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


class _Folders:
    """The folders below a report folder, opened without following any symlink (one
    descriptor each, so a link swapped in later cannot redirect a rename)."""

    def __init__(self, top: int, owned: set[str]):
        self.fds = {"": top}
        self.owned = owned
        self.made: list[tuple[int, str]] = []  # (parent descriptor, name) of each mkdir

    def open(self, rel: str, create: bool = True) -> int | None:
        if rel in self.fds:
            return self.fds[rel]
        head, _, name = rel.rpartition("/")
        parent = self.open(head, create)
        if parent is None:
            return None
        try:
            fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        except OSError as e:
            if not create:
                return None
            if e.errno not in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                raise
            self._clear(parent, name, rel)
            os.mkdir(name, dir_fd=parent)
            self.made.append((parent, name))
            fd = os.open(name, _DIR_FLAGS, dir_fd=parent)
        self.fds[rel] = fd
        return fd

    def _clear(self, parent: int, name: str, rel: str) -> None:
        """Make room for a folder: a symlink goes (the link, not its target), and so does a
        file an earlier report wrote; anything else stays and the mkdir fails."""
        mode = _lmode(parent, name)
        if mode is not None and (stat.S_ISLNK(mode) or rel in self.owned and
                                 not stat.S_ISDIR(mode)):
            os.unlink(name, dir_fd=parent)

    def move(self, sfd: int, name: str, rel: str) -> None:
        head, _, leaf = rel.rpartition("/")
        os.replace(name, leaf, src_dir_fd=sfd, dst_dir_fd=self.open(head))

    def remove(self, rel: str) -> None:
        """Remove an old report's file; a path that now leads through a link or names a
        folder is not ours to touch."""
        head, _, leaf = rel.rpartition("/")
        parent = self.open(head, create=False)
        mode = None if parent is None else _lmode(parent, leaf)
        if mode is not None and not stat.S_ISDIR(mode):
            os.unlink(leaf, dir_fd=parent)

    def prune(self, removed: set[str]) -> None:
        """Remove the folders the removed files leave empty (deepest first)."""
        subs = {sub for rel in removed for sub in _folders_of(rel)}
        for sub in sorted(subs, key=lambda s: -s.count("/")):
            head, _, name = sub.rpartition("/")
            parent = self.open(head, create=False)
            try:
                if parent is not None:
                    os.rmdir(name, dir_fd=parent)
            except OSError:
                pass

    def remove_made(self) -> None:
        """Remove the folders :meth:`open` made (deepest first), where still empty."""
        for parent, name in reversed(self.made):
            try:
                os.rmdir(name, dir_fd=parent)
            except OSError:
                pass

    def close(self) -> None:
        """Close every folder opened here (``""`` is the caller's own)."""
        for rel, fd in self.fds.items():
            if rel:
                os.close(fd)
