"""Report folders: a report replaces the previous report of ours in a folder and nothing
else, never half written (:func:`write_report_dir`)."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path

from ..errors import SummarizerError, UsageError
from .checks import _writable_dir
from .folders import _DIR_FLAGS, _Folders, _lmode, _make_folders, _remove_empty
from .manifest import MANIFEST, _folders_of, _inside, _manifest_text, _read_manifest
from .write import write_new

_STAGE = ".summarizer-stage-"


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


def write_report_dir(folder: str | Path, files: Mapping[str, str | bytes],
                     what: str = "report folder", force: bool = False) -> None:
    """Write ``files`` (path inside ``folder`` -> content; each content is read once, so
    a lazy mapping makes big files one at a time) as one report, replacing the
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


def _stage_and_swap(dfd: int, files: Mapping[str, str | bytes], owned: set[str], folder: Path,
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
