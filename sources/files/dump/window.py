"""A window on a dump file: regular expressions match at a cursor that reads more of the file as it needs.

A dump can be gigabytes; the window holds a few megabytes (``CHUNK_BYTES`` at a time) and drops what the
cursor has passed, so memory stays flat whatever the size of the file or of one statement (up to
``MAX_STATEMENT_BYTES``, beyond which the SQL is malformed rather than large).
"""

from __future__ import annotations

import re
from typing import BinaryIO

CHUNK_BYTES = 8 << 20
LOOKAHEAD_BYTES = 1 << 20
MAX_STATEMENT_BYTES = 256 << 20  # larger than MySQL's largest packet: more is malformed SQL, not a statement


class DumpSyntaxError(ValueError):
    """The dump is not SQL this reader understands; the message gives the byte offset, never the data."""


class DumpTruncated(DumpSyntaxError):
    """The file ends inside a statement's rows (a copy cut short): every row before the cut was handed on."""


class Window:
    """A window on the file: match a pattern at the cursor, reading more when the match may go on."""

    def __init__(self, handle: BinaryIO, start: int) -> None:
        """Look at ``handle`` from byte ``start``."""
        handle.seek(start)
        self.handle = handle
        self.data = b""
        self.pos = 0
        self.base = start
        self.eof = False

    @property
    def offset(self) -> int:
        """The file offset of the cursor."""
        return self.base + self.pos

    def more(self) -> bool:
        """Read the next chunk of the file into the window; False at the end of the file."""
        if self.eof:
            return False
        if len(self.data) - self.pos > MAX_STATEMENT_BYTES:
            raise DumpSyntaxError(f"malformed SQL or a statement over 256 MB at byte {self.offset}")
        chunk = self.handle.read(CHUNK_BYTES)
        if not chunk:
            self.eof = True
            return False
        self.data = self.data[self.pos :] + chunk
        self.base += self.pos
        self.pos = 0
        return True

    def match(self, pattern: re.Pattern[bytes], *, bounded: bool) -> re.Match[bytes] | None:
        """Match at the cursor; a match touching the end of the window is retried with more of the file.

        A ``bounded`` pattern (a statement's head, a comment) is never longer than LOOKAHEAD_BYTES: it is
        matched on at least that much of the file. Any other pattern, when it fails, reads on until the file
        or the statement limit ends.
        """
        if bounded:
            while len(self.data) - self.pos < LOOKAHEAD_BYTES and self.more():
                pass
        while True:
            found = pattern.match(self.data, self.pos)
            if found is not None and found.end() < len(self.data):
                return found
            if found is None and bounded:
                return None
            if not self.more():
                return pattern.match(self.data, self.pos)

    def fill(self, size: int) -> None:
        """Read on until ``size`` bytes lie ahead of the cursor, or the file ends."""
        while len(self.data) - self.pos < size and self.more():
            pass

    def at_end(self) -> bool:
        """Tell whether the cursor is at the end of the file."""
        return self.pos >= len(self.data) and not self.more()

    def advance(self, found: re.Match[bytes]) -> None:
        """Move the cursor past ``found``."""
        self.pos = found.end()

    def seek(self, offset: int) -> None:
        """Move the cursor to a file offset, keeping the window when the offset is inside it."""
        if self.base <= offset <= self.base + len(self.data):
            self.pos = offset - self.base
            return
        self.handle.seek(offset)
        self.data, self.pos, self.base, self.eof = b"", 0, offset, False
