"""A dump tool's closing line: how a dump cut between two statements is told from a whole one.

A copy that stops inside a row leaves a row open, which the reader sees. A copy that stops exactly between
two statements leaves a file that parses to its end like a whole dump. The dump tools say where their
dumps end: mysqldump and mariadb-dump write ``-- Dump completed on <date>`` last (``-- Dump completed``
with ``--skip-dump-date``), pg_dump's plain format ``-- PostgreSQL database dump complete``, pg_dumpall
``-- PostgreSQL database cluster dump complete`` after its databases' own closing lines. Each also writes
its header comment first, so a file whose head shows the header and whose tail lacks the closing line was
cut short. A file without a header (written by hand, by another tool, or with ``--skip-comments``, which
drops the closing line too) is not judged: nothing says where it should end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER_BYTES = 4 << 10  # the header is the first or second line (mariadb-dump 11 writes a sandbox line first)
TAIL_BYTES = 8 << 10  # pg_dump 17 writes a \unrestrict line after its closing line: still within these


@dataclass(frozen=True)
class DumpTool:
    """A dump tool known by its header comment, and the closing line it ends every dump with."""

    name: str
    header: str
    closing: str

    def closes(self, tail: bytes) -> bool:
        """Tell whether the last bytes of a file hold this tool's closing line, as a line of its own."""
        return re.search(rb"(?m)^" + re.escape(self.closing.encode()) + rb"\b", tail) is not None


TOOLS = (
    DumpTool("mysqldump", "-- MySQL dump", "-- Dump completed"),
    DumpTool("mariadb-dump", "-- MariaDB dump", "-- Dump completed"),
    DumpTool("pg_dump", "-- PostgreSQL database dump", "-- PostgreSQL database dump complete"),
    # pg_dumpall wraps one pg_dump section per database, each with its own closing line: only the cluster's
    # own closing line, after the last one, says the file is whole.
    DumpTool(
        "pg_dumpall", "-- PostgreSQL database cluster dump", "-- PostgreSQL database cluster dump complete"
    ),
)
_HEADER = re.compile(rb"(?m)^(" + rb"|".join(re.escape(tool.header.encode()) for tool in TOOLS) + rb")\b")


def dump_tool(head: bytes) -> DumpTool | None:
    """Return the tool whose header comment opens the dump, None for a dump without one."""
    found = _HEADER.search(head, 0, HEADER_BYTES)
    if found is None:
        return None
    return next(tool for tool in TOOLS if tool.header.encode() == found[1])


def unclosed(head: bytes, tail: bytes) -> DumpTool | None:
    """Return the tool that wrote the dump when the dump lacks its closing line (it was cut), else None.

    Args:
        head: The first bytes of the file (after any byte-order mark).
        tail: The last TAIL_BYTES of the file (all of a smaller one).

    """
    tool = dump_tool(head)
    return tool if tool is not None and not tool.closes(tail) else None
