"""Archives (ZIP, TAR and its compressed forms, single-file gzip) opened into their members, bombs refused.

A backup is often ``homepage_backup.zip`` holding CSVs, a dump and another zip. Each member becomes a file of
the export folder named by its path inside the archive (``backup.zip/2024/members.csv``), extracted into a
private temporary folder (mode 0700, removed when the source is closed) so that every reader works on it as on
any file. Archives inside archives are opened too, down to MAX_DEPTH levels (``containers.py``), and so are
the files embedded in documents (``embedded.py``), under the same limits.

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
    advice: str | None = None  # what to do about the problem, when it is not "open it by hand"


class ArchiveLimitError(ValueError):
    """An archive exceeds a limit against archive bombs."""


def is_archive(name: str) -> bool:
    """Tell whether a file name has an archive suffix (``.tar.gz`` as well as ``.zip``)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def expand(archive: Path, name: str, into: Path, budget: Budget) -> list[Member]:
    """Extract ``archive`` (shown as ``name``) below ``into`` and return its members, one level deep.

    ``containers.unpack`` opens the archives (and documents) among them, under the same ``budget``.
    """
    try:
        return list(_extract(archive, name, into, budget))
    except ArchiveLimitError as exc:
        shutil.rmtree(into, ignore_errors=True)
        return [Member(name, None, f"{exc}: not inspected, as a possible archive bomb")]
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, lzma.LZMAError) as exc:
        return [Member(name, None, f"cannot open the archive ({type(exc).__name__}: {exc})")]


class Budget:
    """What one outer archive or document has expanded to so far: members and bytes, against the limits."""

    def __init__(self) -> None:
        self.entries = 0
        self.total = 0

    def admit(self, declared: int) -> None:
        """Count one more member of ``declared`` bytes; raise ArchiveLimitError past a limit."""
        self.entries += 1
        if self.entries > MAX_ENTRIES:
            raise ArchiveLimitError(f"more than {MAX_ENTRIES:,} members")
        self.spend(declared)

    def spend(self, size: int) -> None:
        """Count ``size`` more bytes written."""
        self.total += size
        if self.total > MAX_TOTAL_BYTES:
            raise ArchiveLimitError(f"more than {MAX_TOTAL_BYTES >> 30} GB uncompressed")


def _extract(archive: Path, name: str, into: Path, budget: Budget) -> Iterator[Member]:
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
            copy_limited(source, target, archive.stat().st_size, budget, declared=None)
        yield Member(f"{name}/{inner}", target)


def _zip(archive: Path, name: str, into: Path, budget: Budget) -> Iterator[Member]:
    yield from zip_members(archive, f"{name}/", into, budget)


def zip_members(
    archive: Path, shown: str, into: Path, budget: Budget, wanted: Callable[[str], bool] | None = None
) -> Iterator[Member]:
    """Extract the zip members ``wanted`` picks (all by default), each shown as ``shown`` + its path.

    Every member is admitted to the budget and its ratio checked before any is extracted.
    """
    with zipfile.ZipFile(archive) as opened:
        infos = [
            info
            for info in opened.infolist()
            if not info.is_dir() and (wanted is None or wanted(info.filename))
        ]
        for info in infos:
            budget.admit(info.file_size)
            check_ratio(info.file_size, info.compress_size, info.filename)
        for number, info in enumerate(infos):
            member = shown + clean(info.filename)
            if info.flag_bits & 0x1:
                yield Member(member, None, "encrypted with a password: not inspectable")
                continue
            target = into / str(number) / clean(info.filename)  # folders kept: a photo folder's name matters
            target.parent.mkdir(mode=0o700, parents=True)
            try:
                with opened.open(info) as source:
                    copy_limited(source, target, info.compress_size, budget, declared=info.file_size)
            except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as exc:
                yield Member(member, None, f"cannot extract it ({exc})")
                continue
            yield Member(member, target)


def _tar(archive: Path, name: str, into: Path, budget: Budget) -> Iterator[Member]:
    compressed = archive.stat().st_size
    with tarfile.open(archive, "r:*") as opened:
        for number, info in enumerate(opened):
            if info.isdir():
                continue
            shown = f"{name}/{clean(info.name)}"
            if not info.isfile():
                budget.admit(0)
                yield Member(shown, None, "a link or special file in the archive, not followed")
                continue
            budget.admit(info.size)
            check_ratio(budget.total, compressed, info.name)
            source = opened.extractfile(info)
            if source is None:
                yield Member(shown, None, "cannot extract it")
                continue
            target = into / str(number) / clean(info.name)
            target.parent.mkdir(mode=0o700, parents=True)
            with source:
                copy_limited(source, target, compressed, budget, declared=info.size)
            yield Member(shown, target)


def check_ratio(size: int, compressed: int, member: str) -> None:
    """Refuse a member over a megabyte that expands more than MAX_RATIO times."""
    if size > _RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise ArchiveLimitError(f"'{clean(member)}' expands more than {MAX_RATIO} times")


def copy_limited(
    source: IO[bytes], target: Path, compressed: int, budget: Budget, declared: int | None
) -> None:
    """Copy in chunks, stopping at a size beyond the declared one or beyond the budget."""
    written = 0
    with target.open("wb") as out:
        while chunk := source.read(_COPY_CHUNK):
            written += len(chunk)
            if declared is not None and written > declared:
                raise ArchiveLimitError(f"'{target.name}' is larger than its header says")
            if declared is None:  # a single gzip stream declares nothing: count it and check its ratio
                budget.spend(len(chunk))
                check_ratio(written, compressed, target.name)
            out.write(chunk)


def clean(member: str) -> str:
    """Show a member's path without a leading slash or ``..`` steps (never used to write anywhere)."""
    parts = [p for p in PurePosixPath(member.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    return "/".join(parts) or "unnamed"
