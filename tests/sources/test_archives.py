"""Archives: members read as files of the folder, nested archives opened, bombs and encryption reported."""

from __future__ import annotations

import gzip
import io
import struct
import tarfile
import zipfile
from pathlib import Path

import pytest

from sources.base import SourceError
from sources.export import ExportFolderSource
from sources.files import archives
from tests.sources import dockit
from tests.sources.exportkit import csv_text, members

ROWS = members(3)
A, B = dockit.people(2, seed=8)


def _values(source: ExportFolderSource, table: str) -> list[str]:
    return [v for batch in source.stream(table) for column in batch.columns for v in column.to_pylist() if v]


def _zip(path: Path, files: dict[str, bytes], encrypted: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    if encrypted:  # set the "encrypted" flag a password-protected member has (zipfile cannot encrypt)
        raw = bytearray(path.read_bytes())
        at = raw.find(b"PK\x01\x02")
        while at >= 0:
            length = struct.unpack_from("<H", raw, at + 28)[0]
            if raw[at + 46 : at + 46 + length].decode() in encrypted:
                raw[at + 8] |= 0x1
            at = raw.find(b"PK\x01\x02", at + 4)
        path.write_bytes(bytes(raw))
    return path


def test_members_of_nested_archives_are_tables_named_by_their_path(tmp_path: Path) -> None:
    dockit.write_docx(tmp_path / "referral.docx", A, B)
    inner = _zip(tmp_path / "inner.zip", {"letters/referral.docx": (tmp_path / "referral.docx").read_bytes()})
    folder = tmp_path / "send"
    folder.mkdir()
    _zip(
        folder / "backup.zip", {"2024/members.csv": csv_text(ROWS).encode(), "inner.zip": inner.read_bytes()}
    )
    source = ExportFolderSource("hosting", folder)
    tables = source.list_tables()
    assert "backup.zip/2024/members.csv" in tables
    assert "backup.zip/inner.zip/letters/referral.docx#table1" in tables
    assert ROWS[0]["주민등록번호"] in _values(source, "backup.zip/2024/members.csv")
    assert A.rrn in _values(source, "backup.zip/inner.zip/letters/referral.docx#table1")
    scratch = source._scratch
    assert scratch is not None and scratch.exists()
    source.close()
    assert not scratch.exists()  # extracted personal data does not outlive the scan


def test_tar_gz_and_single_gzip_files(tmp_path: Path) -> None:
    dump = f"CREATE TABLE p (name text, rrn text);\nINSERT INTO p VALUES ('{A.name}', '{A.rrn}');\n".encode()
    with tarfile.open(tmp_path / "db.tar.gz", "w:gz") as archive:
        info = tarfile.TarInfo("dump/emr.sql")
        info.size = len(dump)
        archive.addfile(info, io.BytesIO(dump))
        link = tarfile.TarInfo("dump/latest.sql")
        link.type, link.linkname = tarfile.SYMTYPE, "emr.sql"
        archive.addfile(link)
    (tmp_path / "members.csv.gz").write_bytes(gzip.compress(csv_text(ROWS).encode()))
    source = ExportFolderSource("backup", tmp_path)
    assert source.list_tables() == [
        "db.tar.gz/dump/emr.sql#p",
        "db.tar.gz/dump/latest.sql",
        "members.csv.gz/members.csv",
    ]
    assert A.rrn in _values(source, "db.tar.gz/dump/emr.sql#p")
    assert ROWS[1]["이름"] in _values(source, "members.csv.gz/members.csv")
    with pytest.raises(SourceError, match="a link or special file"):
        source.describe("db.tar.gz/dump/latest.sql")


def test_an_encrypted_member_is_listed_as_not_inspectable(tmp_path: Path) -> None:
    _zip(
        tmp_path / "b.zip",
        {"open.csv": csv_text(ROWS).encode(), "secret.csv": b"x"},
        encrypted=("secret.csv",),
    )
    source = ExportFolderSource("backup", tmp_path)
    assert source.list_tables() == ["b.zip/open.csv", "b.zip/secret.csv"]
    with pytest.raises(
        SourceError, match=r"file 'b.zip/secret.csv': encrypted with a password: not inspectable"
    ):
        source.describe("b.zip/secret.csv")
    assert source.describe("b.zip/open.csv").row_count == len(ROWS)


def test_a_member_path_cannot_climb_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _zip(folder / "slip.zip", {"../../evil.csv": csv_text(ROWS).encode()})
    source = ExportFolderSource("backup", folder)
    assert source.list_tables() == ["slip.zip/evil.csv"]
    assert not (tmp_path / "evil.csv").exists()


@pytest.mark.parametrize(
    ("limit", "value", "files", "reason"),
    [
        ("MAX_ENTRIES", 3, {f"m{i}.csv": b"a\n1\n" for i in range(5)}, "more than 3 members"),
        ("MAX_TOTAL_BYTES", 1000, {"big.csv": b"a\n" + b"1\n" * 1000}, "uncompressed"),
        ("MAX_RATIO", 200, {"zeros.csv": b"a\n" + b"0" * (8 << 20)}, "expands more than 200 times"),
    ],
)
def test_archive_bombs_are_refused_and_listed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    limit: str,
    value: int,
    files: dict[str, bytes],
    reason: str,
) -> None:
    monkeypatch.setattr(archives, limit, value)
    _zip(tmp_path / "bomb.zip", files)
    source = ExportFolderSource("backup", tmp_path)
    assert source.list_tables() == ["bomb.zip"]
    with pytest.raises(SourceError, match=f"{reason}.*possible archive bomb"):
        source.describe("bomb.zip")


def test_nesting_deeper_than_the_limit_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_DEPTH", 1)
    inner = _zip(tmp_path / "inner.zip", {"a.csv": b"a\n1\n"})
    folder = tmp_path / "f"
    folder.mkdir()
    _zip(folder / "outer.zip", {"inner.zip": inner.read_bytes()})
    source = ExportFolderSource("backup", folder)
    assert source.list_tables() == ["outer.zip/inner.zip"]
    with pytest.raises(SourceError, match="nested more than 1 deep"):
        source.describe("outer.zip/inner.zip")


def test_a_corrupt_archive_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 broken")
    source = ExportFolderSource("backup", tmp_path)
    assert source.list_tables() == ["broken.zip"]
    with pytest.raises(SourceError, match="cannot open the archive"):
        source.describe("broken.zip")


def test_a_member_is_found_by_a_source_that_has_not_listed_yet(tmp_path: Path) -> None:
    _zip(tmp_path / "b.zip", {"m.csv": csv_text(ROWS).encode()})
    assert ExportFolderSource("backup", tmp_path).describe("b.zip/m.csv").row_count == len(ROWS)
