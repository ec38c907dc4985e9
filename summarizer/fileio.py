"""Small file helpers shared by ingest, the CLI, evaluation and experiments: reading files
we did not write (:func:`read_regular`) and writing ours without touching anything else."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .errors import SummarizerError, UsageError


def cache_root() -> Path:
    """Where downloaded or derived assets are kept between runs: ``$SUMMARIZER_CACHE``,
    else ``~/.cache/summarizer``."""
    return Path(os.environ.get("SUMMARIZER_CACHE") or "~/.cache/summarizer").expanduser()


# ------------------------------------------------------------ reading what is not ours

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


# ------------------------------------------------------------ writing

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


def safe_name(name: str) -> str:
    """A cluster id made safe as a file name."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", str(name)).strip("._")
    return cleaned or "cluster"


NAME_LIMIT = 80


def unique_names(ids: Iterable[str], limit: int = NAME_LIMIT) -> list[str]:
    """One file name stem per id, in order, never two alike (even ignoring case).

    An id is a name, never a path: each becomes :func:`safe_name` of itself. A stem
    longer than ``limit`` characters, or one that two ids share (``a/b`` and ``a_b``, the
    same id twice, ``X`` and ``x``), is cut to ``limit`` and given ``-`` and 8 hex digits
    of the id's SHA-256 (and its repeat number for a repeated id), so the names depend
    only on the ids given, in their order."""
    ids = [str(i) for i in ids]
    stems = [safe_name(i) for i in ids]
    shared = Counter(s.casefold() for s in stems)
    seen: Counter[str] = Counter()
    names = []
    for raw, stem in zip(ids, stems):
        repeat = seen[raw]
        seen[raw] += 1
        if len(stem) > limit or shared[stem.casefold()] > 1:
            key = raw if repeat == 0 else f"{raw}\0{repeat}"
            digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
            stem = f"{stem[:limit]}-{digest[:8]}"
        names.append(stem)
    taken = Counter(n.casefold() for n in names)
    if len(taken) < len(names):  # a cut stem plus hash met another id's own stem
        for i, n in enumerate(names):
            if taken[n.casefold()] > 1:
                names[i] = f"{n}-{i}"
    return names


# ------------------------------------------------------------ report folders

MANIFEST = ".summarizer-report.json"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_MANIFEST_MAX = 64 << 20
_STAGE = ".summarizer-stage-"
_DEPTH = 16  # parts of a path a report may own (its own are at most 3)


def check_report_dir(folder: str | Path, what: str = "report folder", force: bool = False) -> None:
    """Fail before any work when ``folder`` cannot take a report: it is a file, lies under
    a file, cannot be created or written, or holds things that no report of ours wrote
    (no manifest; ``force`` writes beside them)."""
    folder = Path(folder)
    _writable_dir(folder, f"{what} {folder}")
    if force or not folder.is_dir():
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:
        raise UsageError(f"{what} {folder}: cannot read it ({e.strerror or e})") from None
    try:
        _owned(fd, f"{what} {folder}", force)
    finally:
        os.close(fd)


def _owned(dfd: int, where: str, force: bool) -> set[str] | None:
    """The paths the manifest of the folder open as ``dfd`` lists (None: no manifest of
    ours); a folder holding anything else is refused unless ``force``."""
    old = _read_manifest(dfd)
    # A stage left by a killed run is ours, not a reason to refuse the folder.
    if old is None and not force and any(not n.startswith(_STAGE) for n in os.listdir(dfd)):
        raise UsageError(
            f"{where}: holds files that no report of ours wrote (no valid {MANIFEST} lists "
            "them); name a new or empty folder, or pass --force to write the report beside "
            "them (nothing else there is changed)")
    return old


def write_report_dir(folder: str | Path, files: dict[str, str | bytes],
                     what: str = "report folder", force: bool = False) -> None:
    """Write ``files`` (path inside ``folder`` -> content) as one report, replacing the
    previous report there and nothing else.

    Ownership: the manifest (:data:`MANIFEST`, written last) lists every path a report
    wrote. Only those paths are replaced or removed; anything else in the folder is left
    alone. A path the report needs that an earlier report did not write is refused
    unless ``force`` (which replaces files and symlinks at the report's own paths, never
    a folder, and removes nothing else).

    Links: every folder below ``folder`` is opened with ``O_NOFOLLOW`` and every file is
    put in place by a rename, which replaces a symlink instead of following it; a link
    where the report needs a folder is unlinked (the link, never its target).

    No half reports: every file is first written in full into a private stage folder
    (``.summarizer-stage-<random>``, mode 0700) inside ``folder`` and the report's folders
    are made, so a full disk fails while the previous report is untouched (the stage and
    the new folders are removed). Only then are the files renamed into place one by one,
    which needs no space, under a manifest listing the old report's paths and the new
    ones (an interruption there leaves every report file owned, so the next run cleans
    up); then the old paths the new report does not have are removed and the new
    manifest is put in place. The stage lives inside
    ``folder`` rather than beside it so that a report needs write access to its own folder
    only (``--report .`` works, other files there stay put) and every rename stays on one
    file system; a stage left by ``kill -9`` is ignored by the next run."""
    folder = Path(folder)
    bad = next((rel for rel in files if rel == MANIFEST or not _inside(rel)), None)
    if bad is not None:  # a caller's error: no manifest could own it
        raise ValueError(f"not a path a report may own: {bad!r}")
    _writable_dir(folder, f"{what} {folder}")  # checked again: it may have changed since
    created: list[Path] = []
    try:
        _make_folders(folder, created)
        dfd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as e:
        _remove_empty(created)
        raise _not_written(folder, e, "nothing was written") from None
    try:
        old = _owned(dfd, f"{what} {folder}", force)
        owned = set() if old is None else old | {MANIFEST}
        kept = "the previous report there is unchanged" if old is not None else \
            "nothing there was changed"
        try:
            _check_targets(dfd, [*files, MANIFEST], owned, force, f"{what} {folder}")
        except OSError as e:
            raise _not_written(folder, e, kept) from None
        _stage_and_swap(dfd, files, owned, folder, kept)
    except BaseException:
        _remove_empty(created)
        raise
    finally:
        os.close(dfd)


def _not_written(folder: Path, e: OSError, state: str) -> SummarizerError:
    return SummarizerError(f"cannot write the report in {folder} ({e.strerror or e}); {state}")


def _read_manifest(dfd: int) -> set[str] | None:
    """The paths the manifest in the folder open as ``dfd`` lists; None when there is no
    manifest of ours (missing, a symlink or not a regular file, not our format)."""
    try:
        doc = json.loads(read_regular(MANIFEST, _MANIFEST_MAX, follow=False, dir_fd=dfd))
    except (Unreadable, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or doc.get("owner") != "summarizer" or \
            not isinstance(doc.get("files"), list):
        return None
    return {rel for rel in doc["files"] if _inside(rel)}


def _inside(rel: object) -> bool:
    """``rel`` is a path a report may own: relative, never ``..``, ``.`` or an empty part,
    at most :data:`_DEPTH` parts, within the file system's limits on a name (255 bytes)
    and a path (4096), and a name the file system can hold (not a lone surrogate). A
    manifest entry that is not is none of ours, so every later step stays bounded."""
    if not isinstance(rel, str):
        return False
    try:
        raw = os.fsencode(rel)
    except UnicodeEncodeError:
        return False
    parts = raw.split(b"/")
    return b"\0" not in raw and len(raw) <= 4096 and len(parts) <= _DEPTH and \
        all(part not in (b"", b".", b"..") and len(part) <= 255 for part in parts)


def _folders_of(rel: str) -> list[str]:
    """The folders ``rel`` lies in, outermost first: ``a/b/c.txt`` -> ``a``, ``a/b``."""
    parts = rel.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _manifest_text(paths: set[str]) -> str:
    return json.dumps({"owner": "summarizer", "files": sorted(paths)}, indent=1) + "\n"


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


def _check_targets(dfd: int, targets: list[str], owned: set[str], force: bool,
                   where: str) -> None:
    """Refuse, before anything is written, a target path the report may not take: a folder
    where it writes a file, a file of someone else's where it needs a folder, and (unless
    ``force``) a file or symlink no earlier report wrote."""
    owned_folders = {sub for rel in owned for sub in _folders_of(rel)}
    kinds: dict[str, str] = {}  # folder -> "dir" (there) or "new" (to be made)
    for rel in targets:
        fresh = False
        for sub in _folders_of(rel):
            if sub not in kinds:
                kinds[sub] = "new" if fresh else _folder_kind(
                    dfd, sub, sub in owned, force or sub in owned_folders, where)
            fresh = kinds[sub] == "new"
        if fresh:
            continue
        mode = _lmode(dfd, rel)
        if mode is None:
            continue
        if stat.S_ISDIR(mode):
            raise UsageError(f"{where}: {rel} is a folder where the report writes a file; "
                             "move it away")
        if rel not in owned and not force:
            raise UsageError(f"{where}: {rel} exists and no earlier report wrote it; move it "
                             "away or pass --force to replace it")


def _folder_kind(dfd: int, rel: str, owned_file: bool, may_replace_link: bool,
                 where: str) -> str:
    mode = _lmode(dfd, rel)
    if mode is None:
        return "new"
    if stat.S_ISDIR(mode):
        return "dir"
    if owned_file or (stat.S_ISLNK(mode) and may_replace_link):
        return "new"
    if stat.S_ISLNK(mode):
        raise UsageError(f"{where}: {rel} is a symlink where the report needs a folder; move "
                         "it away or pass --force to replace the link (never its target)")
    raise UsageError(f"{where}: {rel} is a file where the report needs a folder; move it away")


def _lmode(dfd: int, rel: str) -> int | None:
    """The mode of ``rel`` itself (a link is not followed), or None when it is absent;
    called only for paths whose parents are real folders."""
    try:
        return os.stat(rel, dir_fd=dfd, follow_symlinks=False).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None


def _stage_and_swap(dfd: int, files: dict[str, str | bytes], owned: set[str], folder: Path,
                    kept: str) -> None:
    """Everything that needs space first (the files and both manifests in a private stage,
    the report's folders in place) while the previous report is untouched; a failure
    there removes what it made. Then the swap, renames only."""
    stage = f"{_STAGE}{secrets.token_hex(8)}"
    try:
        os.mkdir(stage, 0o700, dir_fd=dfd)
    except OSError as e:
        raise _not_written(folder, e, kept) from None
    sfd = None
    folders = _Folders(dfd, owned)
    staged = [(rel, str(i)) for i, rel in enumerate(files)]
    try:
        try:
            sfd = os.open(stage, _DIR_FLAGS, dir_fd=dfd)
            for rel, name in staged:
                write_new(name, files[rel], dir_fd=sfd)
            write_new("union", _manifest_text((owned - {MANIFEST}) | set(files)), dir_fd=sfd)
            write_new("manifest", _manifest_text(set(files)), dir_fd=sfd)
            for rel in files:
                folders.open(rel.rpartition("/")[0])
        except BaseException as e:
            folders.remove_made()
            if isinstance(e, OSError):
                raise _not_written(folder, e, kept) from None
            raise
        try:
            _swap(folders, sfd, staged, owned - set(files) - {MANIFEST})
        except OSError as e:
            raise _not_written(folder, e, "the report there is incomplete: run the command "
                               "again") from None
    finally:
        folders.close()
        _remove_stage(dfd, stage, sfd)


def _swap(folders: "_Folders", sfd: int, staged: list[tuple[str, str]],
          stale: set[str]) -> None:
    """The union manifest first (an interruption leaves every path owned, so the next run
    cleans up), the new files, the old report's other files out, the new manifest last."""
    folders.move(sfd, "union", MANIFEST)
    for rel, name in staged:
        folders.move(sfd, name, rel)
    for rel in sorted(stale):
        folders.remove(rel)
    folders.prune(stale)
    folders.move(sfd, "manifest", MANIFEST)


def _remove_stage(dfd: int, stage: str, sfd: int | None) -> None:
    """Remove the stage and whatever is left in it (it holds only files we made)."""
    try:
        if sfd is not None:
            try:
                for name in os.listdir(sfd):
                    os.unlink(name, dir_fd=sfd)
            finally:
                os.close(sfd)
        os.rmdir(stage, dir_fd=dfd)
    except OSError:
        pass


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
