"""A report folder's manifest: the paths a report of ours wrote, and the rule for a path
a report may own (so a hostile manifest keeps every later step bounded)."""

from __future__ import annotations

import json
import os

from .read import Unreadable, read_regular

MANIFEST = ".summarizer-report.json"
_MANIFEST_MAX = 64 << 20
_DEPTH = 16  # parts of a path a report may own (its own are at most 3)


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
