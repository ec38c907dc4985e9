"""Bytes -> text: size limit, binary detection and encoding fallback.

UTF-8 (with or without a byte-order mark) is tried first; anything else is handed to
charset-normalizer and a warning names the file. A file that cannot be text raises
:class:`Unreadable` with a short reason; callers skip it (folders) or turn it into an
:class:`~summarizer.errors.InputError` (a file named on the command line).
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
import sys
from pathlib import Path

from ..config import IngestConfig

log = logging.getLogger("summarizer")

_MB = 1024 * 1024

# Control characters that never occur in text (tab, newline, form feed and carriage
# return are allowed), C1 controls and the replacement character left by bad decoding.
_NON_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Unreadable(Exception):
    """A file that cannot be read as text; ``str(err)`` is the reason."""


def read_text(path: Path, config: IngestConfig, name: str | None = None) -> str:
    """Read ``path`` as text, or raise :class:`Unreadable` saying why not."""
    return decode_bytes(read_bytes(path, config), config, name or str(path))


def read_bytes(path: str | Path, config: IngestConfig, follow: bool = True) -> bytes:
    """The bytes of a regular file (a symbolic link to one included unless not
    ``follow``), at most ``ingest.max_file_mb`` of them, or :class:`Unreadable` (see
    :func:`read_regular`)."""
    return read_regular(path, config.max_file_mb * _MB,
                        f"ingest.max_file_mb={config.max_file_mb:g}", follow)


def read_regular(path: str | Path, limit: float, setting: str = "",
                 follow: bool = True) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them, or :class:`Unreadable`
    saying why not (``setting`` names the limit in that message).

    Anything else is refused before it is opened, by its type: a FIFO would block the
    run forever, a device (a link to ``/dev/zero``) would fill the memory, and opening
    some devices has effects of its own; with ``follow=False`` a symbolic link at the
    name itself is refused too. The file is opened non-blocking and checked again (it
    may have been swapped since), and no more than the limit is read even when its size
    says less (a file that grows, or a ``/proc`` file that lies)."""
    limit = int(min(limit, sys.maxsize - 1))
    setting = setting or _size(limit)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        info = os.stat(path, follow_symlinks=follow)
        _check_regular(info.st_mode)
        if info.st_size > limit:
            raise Unreadable(f"too large ({_size(info.st_size)} > {setting})")
        fd = os.open(path, flags if follow else flags | os.O_NOFOLLOW)
        with open(fd, "rb") as f:
            _check_regular(os.fstat(fd).st_mode)
            data = _read_at_most(f, limit + 1)
    except PermissionError:
        raise Unreadable("permission denied") from None
    except OSError as e:
        raise Unreadable(e.strerror or str(e)) from None
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


def decode_bytes(data: bytes, config: IngestConfig = IngestConfig(), name: str = "input") -> str:
    """Decode ``data`` to text with normalized line ends, or raise :class:`Unreadable`."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(f"invalid {encoding} text after a byte-order mark") from None
            break
    if text is None:
        if b"\x00" in data:
            raise Unreadable("binary content (NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data, name)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if text:
        bad = len(_NON_TEXT.findall(text))
        ratio = 1.0 - bad / len(text)
        if ratio < config.min_text_ratio:
            raise Unreadable(
                f"binary content ({ratio:.0%} text characters < "
                f"ingest.min_text_ratio={config.min_text_ratio:g})"
            )
    return text


# Characters a Western European (cp1252 / Latin-1) text plausibly holds outside ASCII.
_WESTERN = set(map(chr, range(0xC0, 0x100))) - {"×", "÷"} | set("\u00a0’‘“”–—…•€£©®°·«»¡¿§½¼¾ºª´¨")


def _western(data: bytes) -> str | None:
    """cp1252 when the bytes read as mostly-ASCII text with sparse accented letters and
    typographic punctuation; charset-normalizer guesses poorly on such short texts."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    letters = sum(c.isalpha() for c in text)
    if len(non_ascii) > 0.3 * max(letters, 1):
        return None
    plausible = sum(c in _WESTERN for c in non_ascii)
    return text if plausible >= 0.9 * len(non_ascii) else None


def _detect(data: bytes, name: str) -> str:
    text = _western(data)
    if text is not None:
        encoding = "cp1252"
    else:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise Unreadable("binary content (no text encoding fits)")
        text, encoding = str(best), best.encoding
    log.warning("%s is not valid UTF-8; decoded as %s (detected)", name, encoding)
    return text
