"""The documents in the hosting consignee's folder: a web-server backup dump and a consultation record.

What a clinic actually leaves on a hosted server besides CSVs: a ``mysqldump`` of the homepage database and a
Word file someone saved there. The dump's ``members`` table is entrusted member information; its
``consult_requests`` table holds resident numbers and medical history, which the consignee may not receive.
The Word file's paragraphs are a visit note written without RRNs, but its table lists patients with theirs.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np

from demo.context import BuildContext, Rows
from demo.people import pick
from demo.vocab.medical import HISTORIES

DUMP_CLEAN_TABLE = "members"
DUMP_LEAKING_TABLE = "consult_requests"
DOCX_TABLE = "table1"


def _sql(value: object) -> str:
    if value is None:
        return "NULL"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return f"'{text}'"


def write_dump(
    ctx: BuildContext, path: Path, members: Rows, idx: list[int], rng: np.random.Generator
) -> dict[str, int]:
    """Write a mysqldump of the homepage database: members (entrusted) and consultation requests (not)."""
    patients = ctx.samples["patients"]
    n = min(len(idx), len(patients["PT_NO"]), 60)
    chosen = rng.choice(len(patients["PT_NO"]), n, replace=False).tolist()
    histories = pick(rng, HISTORIES, n)
    member_rows = ",\n".join(
        "(" + ",".join(_sql(members[c][i]) for c in ("member_id", "user_id", "name", "email", "phone")) + ")"
        for i in idx
    )
    consult_rows = ",\n".join(
        f"({k + 1},{_sql(patients['PT_NM'][i])},{_sql(patients['HP_NO'][i])},"
        f"{_sql(patients['JUMIN_NO'][i])},{_sql(histories[k])})"
        for k, i in enumerate(chosen)
    )
    path.write_text(
        "-- MySQL dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n"
        "-- Host: localhost    Database: homepage\n"
        "/*!40101 SET NAMES utf8mb4 */;\n\n"
        f"DROP TABLE IF EXISTS `{DUMP_CLEAN_TABLE}`;\n"
        f"CREATE TABLE `{DUMP_CLEAN_TABLE}` (\n  `member_id` int(11) NOT NULL,\n"
        "  `user_id` varchar(30) NOT NULL,\n  `name` varchar(50) NOT NULL,\n"
        "  `email` varchar(100) DEFAULT NULL,\n  `phone` varchar(20) DEFAULT NULL,\n"
        "  PRIMARY KEY (`member_id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
        f"LOCK TABLES `{DUMP_CLEAN_TABLE}` WRITE;\nINSERT INTO `{DUMP_CLEAN_TABLE}` VALUES {member_rows};\n"
        "UNLOCK TABLES;\n\n"
        f"CREATE TABLE `{DUMP_LEAKING_TABLE}` (\n  `request_id` int(11) NOT NULL,\n  `name` varchar(50),\n"
        "  `phone` varchar(20),\n  `jumin_no` char(14) COMMENT '본인확인용',\n  `medical_history` text\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
        f"INSERT INTO `{DUMP_LEAKING_TABLE}` VALUES {consult_rows};\n\n"
        f"-- Dump completed on {ctx.timeline.as_of:%Y-%m-%d} 03:00:00\n",
        encoding="utf-8",
    )
    ctx.tallies["export.dump_rrn_rows"] += n
    return {f"{path.name}#{DUMP_CLEAN_TABLE}": len(idx), f"{path.name}#{DUMP_LEAKING_TABLE}": n}


def write_docx(ctx: BuildContext, path: Path, rng: np.random.Generator) -> dict[str, int]:
    """Write a visit note whose table lists patients with their resident numbers."""
    import docx

    patients = ctx.samples["patients"]
    n = min(len(patients["PT_NO"]), 8)
    chosen = rng.choice(len(patients["PT_NO"]), n, replace=False).tolist()
    document = docx.Document()
    moment = datetime.combine(ctx.timeline.as_of, datetime.min.time())  # the same file on every build
    document.core_properties.created = document.core_properties.modified = moment
    document.add_paragraph("홈페이지 상담 후 내원 예정자 명단입니다.")
    document.add_paragraph("예약 확인 전화는 상담실에서 진행합니다.")
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(table.rows[0].cells, ("성명", "연락처", "주민등록번호"), strict=True):
        cell.text = title
    for i in chosen:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(patients["PT_NM"][i]), str(patients["HP_NO"][i] or "")
        cells[2].text = str(patients["JUMIN_NO"][i])
    document.save(str(path))
    ctx.tallies["export.docx_rrn_rows"] += n
    return {f"{path.name}#text": 2, f"{path.name}#{DOCX_TABLE}": n}
