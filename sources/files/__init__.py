"""Export file formats, chosen by file suffix from one table (FORMATS)."""

from __future__ import annotations

from sources.files.base import FileFormat, FileTable, spread_sample
from sources.files.delimited import DelimitedFormat
from sources.files.excel import ExcelFormat
from sources.files.jsonfile import JsonFormat
from sources.files.parquet import ParquetFormat
from sources.files.sqldump import SqlDumpFormat

FORMATS: dict[str, FileFormat] = {
    ".csv": DelimitedFormat(label="CSV", delimiter=","),
    ".tsv": DelimitedFormat(label="TSV", delimiter="\t"),
    ".tab": DelimitedFormat(label="TSV", delimiter="\t"),
    ".xlsx": ExcelFormat(),
    ".xlsm": ExcelFormat(),
    ".json": JsonFormat(label="JSON", lines=False),
    ".jsonl": JsonFormat(label="JSON Lines", lines=True),
    ".ndjson": JsonFormat(label="JSON Lines", lines=True),
    ".parquet": ParquetFormat(),
    ".pq": ParquetFormat(),
    ".sql": SqlDumpFormat(),
}

__all__ = ["FORMATS", "FileFormat", "FileTable", "spread_sample"]
