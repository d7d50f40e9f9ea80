"""Export file formats, chosen by file suffix from one table (FORMATS)."""

from __future__ import annotations

from sources.files.base import FileFormat, FileTable, spread_sample
from sources.files.delimited import DelimitedFormat
from sources.files.documents import docx_parts, html_parts, pdf_parts, rtf_parts, text_file_parts
from sources.files.excel import ExcelFormat
from sources.files.hwp import hwp5_parts, hwpx_parts
from sources.files.images import heif_parts, image_parts
from sources.files.jsonfile import JsonFormat
from sources.files.parquet import ParquetFormat
from sources.files.parts import PartsFormat
from sources.files.sqldump import SqlDumpFormat
from sources.files.xls import xls_parts

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
    ".xls": PartsFormat("Excel 97-2003", xls_parts),
    ".pdf": PartsFormat("PDF", pdf_parts),
    ".docx": PartsFormat("DOCX", docx_parts),
    ".hwpx": PartsFormat("HWPX", hwpx_parts),
    ".hwp": PartsFormat("HWP", hwp5_parts),
    ".txt": PartsFormat("text", text_file_parts),
    ".md": PartsFormat("Markdown", text_file_parts),
    ".html": PartsFormat("HTML", html_parts),
    ".htm": PartsFormat("HTML", html_parts),
    ".rtf": PartsFormat("RTF", rtf_parts),
    **{
        suffix: PartsFormat("image", image_parts)
        for suffix in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")
    },
    ".heic": PartsFormat("HEIC image", heif_parts),
    ".heif": PartsFormat("HEIF image", heif_parts),
}

__all__ = ["FORMATS", "FileFormat", "FileTable", "spread_sample"]
