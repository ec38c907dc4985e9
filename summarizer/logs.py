"""The ``summarizer`` logger, which every module logs through. Its messages quote data
(file names, cluster ids, a server's words), so the package adds :func:`printable_record`
to it on import: every record is made :func:`~summarizer.text.printable` and one line
before any handler sees it (the CLI's, a library user's, a test runner's). A control
character could drive a terminal, a line break forge another message, and an
undecodable file name break a strict UTF-8 handler."""

from __future__ import annotations

import logging


def one_line(message: str) -> str:
    """``message`` as one printable line: line breaks shown as ``\\n`` and ``\\r``,
    then :func:`~summarizer.text.printable`."""
    from .text import printable

    return printable(message.replace("\r", "\\r").replace("\n", "\\n"))


def printable_record(record: logging.LogRecord) -> bool:
    """A logging filter: the record's message, its arguments filled in, made
    :func:`one_line`; it never drops a record."""
    record.msg = one_line(record.getMessage())
    record.args = None
    return True
