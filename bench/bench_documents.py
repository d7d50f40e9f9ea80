"""Reading documents and dumps (``python -m bench documents``): MB/s against reading the same data as CSV.

1. A mysqldump of a patient table (``CLINICSCAN_BENCH_DUMP_MB``, default 1024 MB), generated here in a
   temporary folder (never in the repository), read through the export source as a full scan reads it (index
   pass, then every row streamed); the same rows as one CSV read the same way.
2. 1,000 small documents (250 each of DOCX, HWPX, PDF and TXT, a letter and a table of two patients), listed
   and every table read; the same content as 1,000 small CSVs.
"""

from __future__ import annotations

import csv
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from sources.export import ExportFolderSource
from tests.sources import dockit

_ROWS_PER_INSERT = 1_000


def run() -> dict[str, Any]:
    """Measure both and return the figures."""
    target_mb = int(os.environ.get("CLINICSCAN_BENCH_DUMP_MB", "1024"))
    with tempfile.TemporaryDirectory(prefix="clinicscan-bench-") as scratch:
        root = Path(scratch)
        dump = _dump(root, target_mb)
        print(f"dump: {dump}", flush=True)
        return {"dump": dump, "documents": _documents(root, 1_000)}


def _read_all(folder: Path) -> tuple[float, int, int]:
    """Read every row of every table of ``folder`` in a fresh source: seconds, tables, rows."""
    started = time.perf_counter()
    source = ExportFolderSource("bench", folder)
    tables = source.list_tables()
    rows = sum(batch.num_rows for table in tables for batch in source.stream(table, batch_rows=250_000))
    source.close()
    return time.perf_counter() - started, len(tables), rows


def _patient_rows(rng: random.Random, start: int, count: int) -> list[tuple[str, ...]]:
    people = dockit.people(50, seed=start % 97)
    notes = ("쌍꺼풀 상담 후 예약", "코 성형 재수술 문의 (it's urgent)", "보톡스\\n재방문", "")
    return [
        (
            str(start + i),
            p.name,
            p.rrn,
            p.phone,
            f"서울시 강남구 테헤란로 {rng.randrange(1, 999)}",
            rng.choice(notes),
        )
        for i, p in ((i, people[i % 50]) for i in range(count))
    ]


def _dump(root: Path, target_mb: int) -> dict[str, Any]:
    dump_dir, csv_dir = root / "dump", root / "csv"
    dump_dir.mkdir()
    csv_dir.mkdir()
    rng = random.Random(7)
    target = target_mb << 20
    written = rows = 0
    started = time.perf_counter()
    with (
        (dump_dir / "emr.sql").open("w", encoding="utf-8") as dump,
        (csv_dir / "patient.csv").open("w", encoding="utf-8") as csv,
    ):
        dump.write("-- MySQL dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `patient` (\n")
        dump.write("  `id` int(11), `name` varchar(50), `jumin_no` char(14), `hp_no` varchar(20),\n")
        dump.write("  `addr` varchar(200), `memo` text\n) ENGINE=InnoDB;\n")
        csv.write("id,name,jumin_no,hp_no,addr,memo\n")
        while written < target:
            batch = _patient_rows(rng, rows, _ROWS_PER_INSERT)
            values = ",".join(
                "(" + ",".join(f"'{v.replace(chr(39), chr(92) + chr(39))}'" for v in row) + ")"
                for row in batch
            )
            statement = f"INSERT INTO `patient` VALUES {values};\n"
            dump.write(statement)
            csv.write("".join(",".join(f'"{v}"' for v in row) + "\n" for row in batch))
            written += len(statement.encode())
            rows += len(batch)
        dump.write("\n-- Dump completed on 2026-12-01 10:00:00\n")  # a whole dump, not one cut short
    generated = time.perf_counter() - started
    dump_mb = (dump_dir / "emr.sql").stat().st_size / (1 << 20)
    csv_mb = (csv_dir / "patient.csv").stat().st_size / (1 << 20)
    dump_s, _, dump_rows = _read_all(dump_dir)
    csv_s, _, csv_rows = _read_all(csv_dir)
    assert dump_rows == csv_rows == rows, (dump_rows, csv_rows, rows)
    return {
        "rows": rows,
        "dump_mb": round(dump_mb, 1),
        "csv_mb": round(csv_mb, 1),
        "generate_s": round(generated, 1),
        "dump_read_s": round(dump_s, 2),
        "csv_read_s": round(csv_s, 2),
        "dump_mb_per_s": round(dump_mb / dump_s, 1),
        "csv_mb_per_s": round(csv_mb / csv_s, 1),
        "dump_rows_per_s": round(rows / dump_s),
        "csv_rows_per_s": round(rows / csv_s),
        "ratio_dump_vs_csv": round(dump_s / csv_s, 1),
    }


def _documents(root: Path, count: int) -> dict[str, Any]:
    docs_dir, csv_dir = root / "documents", root / "documents_csv"
    docs_dir.mkdir()
    csv_dir.mkdir()
    people = dockit.people(count * 2, seed=11)
    writers = [
        lambda p, a, b: dockit.write_docx(p.with_suffix(".docx"), a, b),
        lambda p, a, b: dockit.write_hwpx(p.with_suffix(".hwpx"), a, b),
        lambda p, a, b: dockit.write_pdf(p.with_suffix(".pdf"), a),
        lambda p, a, b: p.with_suffix(".txt").write_text(f"{a.sentence}\n{b.sentence}\n", encoding="utf-8"),
    ]
    for i in range(count):
        a, b = people[2 * i], people[2 * i + 1]
        writers[i % len(writers)](docs_dir / f"doc{i:04d}", a, b)
        with (csv_dir / f"doc{i:04d}.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(
                [
                    ("성명", "주민등록번호", "연락처", "내용"),
                    (a.name, a.rrn, a.phone, a.sentence),
                    (b.name, b.rrn, b.phone, ""),
                ]
            )
    docs_mb = sum(p.stat().st_size for p in docs_dir.iterdir()) / (1 << 20)
    csv_mb = sum(p.stat().st_size for p in csv_dir.iterdir()) / (1 << 20)
    docs_s, docs_tables, _ = _read_all(docs_dir)
    csv_s, _, _ = _read_all(csv_dir)
    return {
        "documents": count,
        "tables": docs_tables,
        "documents_mb": round(docs_mb, 1),
        "documents_read_s": round(docs_s, 2),
        "documents_per_s": round(count / docs_s, 1),
        "documents_mb_per_s": round(docs_mb / docs_s, 2),
        "csv_read_s": round(csv_s, 2),
        "csv_files_per_s": round(count / csv_s, 1),
        "csv_mb": round(csv_mb, 2),
        "ratio_documents_vs_csv": round(docs_s / csv_s, 1),
    }
