"""Archives (ZIP, TAR and its compressed forms, single-file gzip) opened into their members, bombs refused.

A backup is often ``homepage_backup.zip`` holding CSVs, a dump and another zip. Each member becomes a file of
the export folder named by its path inside the archive (``backup.zip/2024/members.csv``), extracted into a
private temporary folder (mode 0700, removed when the source is closed) so that every reader works on it as on
any file. Archives inside archives are opened too, down to MAX_DEPTH levels.

Limits against archive bombs, checked on the sizes the archive declares and again while extracting (a lying
header does not get past them): at most MAX_ENTRIES members, MAX_TOTAL_BYTES uncompressed in all, and no
member that expands more than MAX_RATIO times once it is over a megabyte. An archive over a limit, an
encrypted archive or member, a link and a member that cannot be extracted are each listed with the reason:
nothing in an archive is skipped without saying so.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import shutil
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

MAX_DEPTH = 3
MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 4 << 30
MAX_RATIO = 200
_RATIO_FLOOR = 1 << 20
_COPY_CHUNK = 1 << 20

_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_SINGLE: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
ARCHIVE_SUFFIXES = (".zip", *_TAR_SUFFIXES, *_SINGLE)


@dataclass(frozen=True)
class Member:
    """A file found in an archive: where it was extracted, or why it could not be."""

    name: str  # the path shown to the user: archive path, then the path inside it
    path: Path | None
    problem: str | None = None


class ArchiveLimitError(ValueError):
    """An archive exceeds a limit against archive bombs."""


def is_archive(name: str) -> bool:
    """Tell whether a file name has an archive suffix (``.tar.gz`` as well as ``.zip``)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def expand(
    archive: Path, name: str, into: Path, depth: int = 1, budget: _Budget | None = None
) -> list[Member]:
    """Extract ``archive`` (shown as ``name``) below ``into``; return its members, nested archives opened.

    Nested archives share the outer one's budget: the limits hold for everything one archive expands to.
    """
    budget = budget or _Budget()
    try:
        members = list(_extract(archive, name, into, budget))
    except ArchiveLimitError as exc:
        shutil.rmtree(into, ignore_errors=True)
        return [Member(name, None, f"{exc}: not inspected, as a possible archive bomb")]
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, lzma.LZMAError) as exc:
        return [Member(name, None, f"cannot open the archive ({type(exc).__name__}: {exc})")]
    opened: list[Member] = []
    for member in members:
        if member.path is not None and is_archive(member.name):
            if depth >= MAX_DEPTH:
                opened.append(Member(member.name, None, f"an archive nested more than {MAX_DEPTH} deep"))
            else:
                inner = member.path.with_name(member.path.name + ".d")
                opened += expand(member.path, member.name, inner, depth + 1, budget)
        else:
            opened.append(member)
    return opened


class _Budget:
    def __init__(self) -> None:
        self.entries = 0
        self.total = 0

    def admit(self, declared: int) -> None:
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise ArchiveLimitError(f"more than {MAX_ENTRIES:,} members")
        self.spend(declared)

    def spend(self, size: int) -> None:
        self.total += size
        if self.total > MAX_TOTAL_BYTES:
            raise ArchiveLimitError(f"more than {MAX_TOTAL_BYTES >> 30} GB uncompressed")


def _extract(archive: Path, name: str, into: Path, budget: _Budget) -> Iterator[Member]:
    lower = archive.name.lower()
    into.mkdir(parents=True, exist_ok=True, mode=0o700)
    if lower.endswith(".zip"):
        yield from _zip(archive, name, into, budget)
    elif lower.endswith(_TAR_SUFFIXES):
        yield from _tar(archive, name, into, budget)
    else:
        suffix = next(s for s in _SINGLE if lower.endswith(s))
        inner = archive.name[: -len(suffix)]
        target = into / "0" / inner
        target.parent.mkdir(mode=0o700)
        with _SINGLE[suffix](archive, "rb") as source:
            _copy(source, target, archive.stat().st_size, budget, declared=None)
        yield Member(f"{name}/{inner}", target)


def _zip(archive: Path, name: str, into: Path, budget: _Budget) -> Iterator[Member]:
    with zipfile.ZipFile(archive) as opened:
        infos = [info for info in opened.infolist() if not info.is_dir()]
        for info in infos:
            budget.admit(info.file_size)
            _check_ratio(info.file_size, info.compress_size, info.filename)
        for number, info in enumerate(infos):
            shown = f"{name}/{_clean(info.filename)}"
            if info.flag_bits & 0x1:
                yield Member(shown, None, "encrypted with a password: not inspectable")
                continue
            target = into / str(number) / _clean(info.filename)  # folders kept: a photo folder's name matters
            target.parent.mkdir(mode=0o700, parents=True)
            try:
                with opened.open(info) as source:
                    _copy(source, target, info.compress_size, budget, declared=info.file_size)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
                yield Member(shown, None, f"cannot extract it ({exc})")
                continue
            yield Member(shown, target)


def _tar(archive: Path, name: str, into: Path, budget: _Budget) -> Iterator[Member]:
    compressed = archive.stat().st_size
    with tarfile.open(archive, "r:*") as opened:
        for number, info in enumerate(opened):
            if info.isdir():
                continue
            shown = f"{name}/{_clean(info.name)}"
            if not info.isfile():
                budget.admit(0)
                yield Member(shown, None, "a link or special file in the archive, not followed")
                continue
            budget.admit(info.size)
            _check_ratio(budget.total, compressed, info.name)
            source = opened.extractfile(info)
            if source is None:
                yield Member(shown, None, "cannot extract it")
                continue
            target = into / str(number) / _clean(info.name)
            target.parent.mkdir(mode=0o700, parents=True)
            with source:
                _copy(source, target, compressed, budget, declared=info.size)
            yield Member(shown, target)


def _check_ratio(size: int, compressed: int, member: str) -> None:
    if size > _RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise ArchiveLimitError(f"'{_clean(member)}' expands more than {MAX_RATIO} times")


def _copy(source: IO[bytes], target: Path, compressed: int, budget: _Budget, declared: int | None) -> None:
    """Copy in chunks, stopping at a size beyond the declared one or beyond the budget."""
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(_COPY_CHUNK):
            written += len(chunk)
            if declared is not None and written > declared:
                raise ArchiveLimitError(f"'{target.name}' is larger than its header says")
            if declared is None:  # a single gzip stream declares nothing: count it and check its ratio
                budget.spend(len(chunk))
                _check_ratio(written, compressed, target.name)
            out.write(chunk)


def _clean(member: str) -> str:
    """Show a member's path without a leading slash or ``..`` steps (never used to write anywhere)."""
    parts = [p for p in PurePosixPath(member.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    return "/".join(parts) or "unnamed"
