"""The folder the clinic sends to its server-hosting consignee (``exports/infonet-hosting/``).

The hosting company is entrusted with homepage member information, cookies and access data (identity,
contact, credentials, online). Every file here keeps to that, except one sheet of the Excel backup:
someone pasted the online consultation requests, with medical history and RRNs, into it; and two documents
a hosted server collects (``export_documents.py``): a mysqldump whose consultation table holds RRNs and
medical history, and a Word list of patients with their RRNs; and a patient's photo uploaded to the homepage
review board, whose EXIF says when and with which phone it was taken (``export_photo.py``).
The files use the encodings Korean offices produce: CP949 (Excel's default), UTF-8 with BOM, XLSX, JSONL,
Parquet.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from demo.context import BuildContext, Rows
from demo.export_documents import write_docx, write_dump
from demo.export_photo import write_photo
from demo.identifiers import make_ips
from demo.people import CP949_ONLY_NAMES, pick
from demo.vocab.medical import HISTORIES, PROCEDURES

LEAKING_SHEET = "상담신청"
CLEAN_SHEET = "회원목록"


def export_files(as_of: date) -> dict[str, str]:
    """Name the files of one export, stamped with the day: kind -> name."""
    stamp = as_of.strftime("%Y%m%d")
    return {
        "members_cp949": f"members_{stamp}.csv",
        "marketing_bom": f"marketing_consent_{stamp}.csv",
        "backup_xlsx": f"homepage_backup_{stamp}.xlsx",
        "access_jsonl": f"access_{stamp}.jsonl",
        "sessions_parquet": f"sessions_{stamp}.parquet",
        "homepage_dump": f"homepage_db_{stamp}.sql",
        "visit_docx": f"visit_list_{stamp}.docx",
        "review_photo": f"review_upload_{stamp}.jpg",
    }


def _member_rows(members: Rows, limit: int) -> list[int]:
    """Active members to export; the one with a CP949-only name first, so the CSV needs CP949."""
    active = [i for i, w in enumerate(members["withdrawn_at"]) if w is None]
    special = [i for i in active if members["name"][i] in CP949_ONLY_NAMES]
    rest = [i for i in active if i not in set(special)]
    return special + rest[: limit - len(special)]


def _fmt(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, datetime) else str(value)


def write_exports(ctx: BuildContext, folder: Path, limit: int) -> dict[str, int]:
    """Write the export files; returns file (``file.xlsx#Sheet`` for sheets) -> rows written."""
    folder.mkdir(parents=True, exist_ok=True)
    names = export_files(ctx.timeline.as_of)
    members = ctx.samples["members"]
    idx = _member_rows(members, limit)
    rng = ctx.rng("exports")
    counts: dict[str, int] = {}

    header = ["회원번호", "아이디", "이름", "이메일", "휴대폰", "가입일시", "최근접속일시"]
    with (folder / names["members_cp949"]).open("w", encoding="cp949", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        for i in idx:
            out.writerow(
                [
                    members["member_id"][i],
                    members["user_id"][i],
                    members["name"][i],
                    members["email"][i],
                    members["phone"][i] or "",
                    _fmt(members["signup_at"][i]),
                    _fmt(members["last_login_at"][i]),
                ]
            )
    counts[names["members_cp949"]] = len(idx)

    with (folder / names["marketing_bom"]).open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["회원번호", "이메일", "SMS수신동의", "이메일수신동의", "변경일시"])
        for i in idx:
            out.writerow(
                [
                    members["member_id"][i],
                    members["email"][i],
                    "Y" if members["sms_opt_in"][i] else "N",
                    "Y" if members["email_opt_in"][i] else "N",
                    _fmt(members["last_login_at"][i]),
                ]
            )
    counts[names["marketing_bom"]] = len(idx)

    counts.update(_write_workbook(ctx, folder / names["backup_xlsx"], members, idx, rng, limit))
    counts[names["access_jsonl"]] = _write_access_log(ctx, folder / names["access_jsonl"], limit * 2)
    counts[names["sessions_parquet"]] = _write_sessions(folder / names["sessions_parquet"], members, idx, rng)
    counts.update(write_dump(ctx, folder / names["homepage_dump"], members, idx, rng))
    counts.update(write_docx(ctx, folder / names["visit_docx"], rng))
    counts.update(write_photo(ctx, folder / names["review_photo"]))
    return counts


def _write_workbook(
    ctx: BuildContext, path: Path, members: Rows, idx: list[int], rng: np.random.Generator, limit: int
) -> dict[str, int]:
    """Two sheets: the member list (entrusted) and the consultation requests (health data and RRNs: not)."""
    book = Workbook(write_only=True)
    moment = datetime.combine(ctx.timeline.as_of, datetime.min.time())
    book.properties.created = book.properties.modified = moment
    sheet = book.create_sheet(CLEAN_SHEET)
    sheet.append(["회원번호", "아이디", "이름", "이메일", "휴대폰"])
    for i in idx:
        sheet.append(
            [
                members["member_id"][i],
                members["user_id"][i],
                members["name"][i],
                members["email"][i],
                members["phone"][i],
            ]
        )
    patients = ctx.samples["patients"]
    n = min(limit, len(patients["PT_NO"]), 200)
    chosen = rng.choice(len(patients["PT_NO"]), n, replace=False).tolist()
    procs = pick(rng, tuple(p.name for p in PROCEDURES), n)
    histories = pick(rng, HISTORIES, n)
    with_rrn = (rng.random(n) < 0.4).tolist()
    requests = book.create_sheet(LEAKING_SHEET)
    requests.append(["신청번호", "신청일시", "이름", "연락처", "관심시술", "병력", "주민등록번호"])
    for k, i in enumerate(chosen):
        requests.append(
            [
                k + 1,
                moment.strftime("%Y-%m-%d"),
                patients["PT_NM"][i],
                patients["HP_NO"][i],
                procs[k],
                histories[k],
                patients["JUMIN_NO"][i] if with_rrn[k] else None,
            ]
        )
    book.save(path)
    ctx.tallies["export.rrn_rows"] += sum(with_rrn)
    return {f"{path.name}#{CLEAN_SHEET}": len(idx), f"{path.name}#{LEAKING_SHEET}": n}


def _write_access_log(ctx: BuildContext, path: Path, limit: int) -> int:
    logs = ctx.samples["access_logs"]
    n = min(limit, len(logs["log_id"]))
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(
                json.dumps(
                    {
                        "ts": logs["accessed_at"][i].isoformat(),
                        "ip": logs["ip_address"][i],
                        "user_id": logs["user_id"][i],
                        "method": logs["http_method"][i],
                        "path": logs["path"][i],
                        "status": logs["status_code"][i],
                        "user_agent": logs["user_agent"][i],
                        "session_id": logs["session_id"][i],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return n


def _write_sessions(path: Path, members: Rows, idx: list[int], rng: np.random.Generator) -> int:
    table = pa.table(
        {
            "member_id": pa.array([members["member_id"][i] for i in idx], pa.int64()),
            "user_id": [members["user_id"][i] for i in idx],
            "session_id": [f"{a:016x}{b:016x}" for a, b in rng.integers(0, 2**63, (len(idx), 2)).tolist()],
            "login_at": pa.array([members["last_login_at"][i] for i in idx], pa.timestamp("s")),
            "ip": make_ips(rng, len(idx)),
        }
    )
    pq.write_table(table, path)
    return len(idx)
