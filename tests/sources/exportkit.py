"""Tiny synthetic export files, one per format and encoding, written into a test's temporary folder."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
from faker import Faker

from tests.sources.dbkit import fake_rrn

HEADER = ["이름", "전화번호", "주민등록번호", "메모"]


def members(count: int = 6, seed: int = 11) -> list[dict[str, str]]:
    """Synthetic members: Hangul names, phones with their leading zero, valid-checksum fake RRNs."""
    faker = Faker("ko_KR")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    return [
        {
            "이름": faker.name(),
            "전화번호": f"010{rng.randrange(10**8):08d}",
            "주민등록번호": fake_rrn(rng),
            "메모": f'{faker.city()}, "VIP"\n재방문',
        }
        for _ in range(count)
    ]


def csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(path: Path, rows: list[dict[str, str]], encoding: str, delimiter: str = ",") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict[str, str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "회원"
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row[h] for h in HEADER])
    payments = workbook.create_sheet("Payments")
    payments.append(["member", "amount", "paid_on", "card", "refunded"])
    payments.append(["홍길동", 150000, openpyxl.utils.datetime.from_excel(45000), "4111111111111111", False])
    payments.append(["김영희", 99000.5, None, None, True])
    payments.append([None, None, None, None, None])  # an empty row: skipped
    workbook.save(path)
    return path


def write_json(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, str]], row_group_size: int = 2) -> Path:
    table = pa.table(
        {
            "name": [r["이름"] for r in rows],
            "phone": [r["전화번호"] for r in rows],
            "visits": pa.array(range(len(rows)), type=pa.int32()),
        }
    )
    pq.write_table(table, path, row_group_size=row_group_size)
    return path


def build_export_folder(root: Path) -> dict[str, list[dict[str, str]]]:
    """Write one file of every kind below ``root``; return the rows each table holds."""
    rows = members()
    write_csv(root / "members_utf8.csv", rows, "utf-8")
    write_csv(root / "members_bom.csv", rows, "utf-8-sig")
    write_csv(root / "members_cp949.csv", rows, "cp949")
    write_csv(root / "members_euckr.csv", rows, "euc-kr")
    write_csv(root / "members_utf16.tsv", rows, "utf-16", delimiter="\t")
    write_csv(root / "2024" / "11" / "members.csv", rows, "utf-8")
    write_xlsx(root / "book.xlsx", rows)
    write_json(root / "members.json", rows)  # type: ignore[arg-type]
    write_jsonl(root / "members.jsonl", rows)  # type: ignore[arg-type]
    write_parquet(root / "members.parquet", rows)
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    (root / "broken.json").write_text('[{"이름": "홍길동"}, {"이름": ', encoding="utf-8")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4 not scanned")
    (root / "drawing.dwg").write_bytes(b"AC1032 a CAD drawing")
    (root / ".hidden.csv").write_text("a\n1\n", encoding="utf-8")
    (root / "~$book.xlsx").write_bytes(b"lock file")
    (root / ".git").mkdir()
    (root / ".git" / "config.csv").write_text("a\n1\n", encoding="utf-8")
    return {"members": rows}
