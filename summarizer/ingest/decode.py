"""Bytes -> text: size limit, binary detection and encoding fallback.

UTF-8 (with or without a byte-order mark) is tried first; anything else is handed to
charset-normalizer and a warning names the file. A file that cannot be text raises
:class:`Unreadable` with a short reason; callers skip it (folders) or turn it into an
:class:`~summarizer.errors.InputError` (a file named on the command line).
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from ..config import IngestConfig
from ..fileio import _MB, Unreadable, read_regular

log = logging.getLogger("summarizer")

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


def read_text(path: Path, config: IngestConfig, name: str | None = None) -> str:
    """Read ``path`` as text, or raise :class:`Unreadable` saying why not."""
    return decode_bytes(read_bytes(path, config), config, name or str(path))


def read_bytes(path: str | Path, config: IngestConfig, follow: bool = True) -> bytes:
    """The bytes of a regular file (a symbolic link to one included unless not
    ``follow``), at most ``ingest.max_file_mb`` of them, or :class:`Unreadable` (see
    :func:`~summarizer.fileio.read_regular`)."""
    return read_regular(path, config.max_file_mb * _MB,
                        f"ingest.max_file_mb={config.max_file_mb:g}", follow)


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
