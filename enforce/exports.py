"""Find the person in the clinic's export folders: the files it sent (or is about to send) to a consignee.

An export file is a copy, not a record the law governs, so nothing here is ever erased; but a person who
asks what the clinic holds and who received it must hear of every file their data went out in (PIPA Art.
35 and 26). Every cell is compared as text with the stored forms of the identifiers (``010-1234-5678``,
``01012345678``, ``+82 10 ...``, an RRN with or without its dash, an e-mail case-blind), also inside a
longer text (a pasted note); a phone needs the name in the same row when a name was given. What the file
holds about the person is what the scan found in its columns (or the column-name rules, without a scan),
counted over the matching rows only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ConfigDict, Field

from detectors.name_rules import load_name_rules
from enforce.connect import is_database
from enforce.identify import SubjectQuery, normalize_name, phone_forms, rrn_forms
from enforce.inputs import ConfigLike, SourceLike
from enforce.tables import ENCRYPTED, findings_by_table
from policy.schema import Policy
from reports.findings import Findings
from reports.i18n import entity_label
from sources import Source, SourceError, open_source

BATCH_ROWS = 20_000


@dataclass
class FoundFile:
    """One export file (an Excel sheet, a table of a dump) with rows about the person.

    Attributes:
        source: the export source's name in scan.yaml.
        file: the file as the scan names it (``members.csv``, ``book.xlsx#Sheet``).
        consignee: the consignee id scan.yaml gives the folder (None: no recipient stated).
        rows: the rows about the person.
        entities: what those rows hold, by column (only columns with a value in those rows).

    """

    source: str
    file: str
    consignee: str | None
    rows: int = 0
    entities: dict[str, set[str]] = field(default_factory=dict)


def export_sources(config: ConfigLike) -> list[SourceLike]:
    """List the config's export folders (a ``path``, or a ``file://`` URL)."""
    return [s for s in config.sources if not is_database(s)]


def _open(source: SourceLike) -> Source:
    if source.path is not None:
        return open_source(source.name, path=Path(source.path))
    return open_source(source.name, url=source.url)


class _Needles:
    """The identifiers as the text an export cell may hold them in."""

    def __init__(self, query: SubjectQuery) -> None:
        self.strong = [f for p in query.phones for f in phone_forms(p)]
        self.strong_other = [f for r in query.rrns for f in rrn_forms(r)]
        self.digits_phone = sorted({p for p in query.phones} | {p[1:] for p in query.phones})
        self.digits_rrn = sorted(set(query.rrns))
        self.emails = [re.escape(e) for e in query.emails]
        self.names = [normalize_name(n) for n in query.names]

    def _contains(self, column: pa.Array, needles: Iterable[str]) -> pa.Array:
        out = pa.repeat(False, len(column))
        for needle in needles:
            out = pc.or_kleene(out, pc.match_substring(column, needle))
        return out

    def phone(self, text: pa.Array) -> pa.Array:
        digits = pc.replace_substring_regex(text, r"\D", "")
        local = pc.replace_substring_regex(digits, r"^820?", "0")
        whole = pc.or_kleene(
            pc.is_in(digits, pa.array(self.digits_phone, pa.string())),
            pc.is_in(local, pa.array(self.digits_phone, pa.string())),
        )
        return pc.or_kleene(whole, self._contains(text, self.strong))

    def other(self, text: pa.Array) -> pa.Array:
        digits = pc.replace_substring_regex(text, r"\D", "")
        out = pc.or_kleene(
            pc.is_in(digits, pa.array(self.digits_rrn, pa.string())), self._contains(text, self.strong_other)
        )
        if self.emails:
            pattern = "|".join(self.emails)
            out = pc.or_kleene(out, pc.match_substring_regex(text, pattern, ignore_case=True))
        return out

    def name(self, text: pa.Array) -> pa.Array:
        folded = pc.utf8_lower(pc.replace_substring_regex(text, r"\s", ""))
        return pc.is_in(folded, pa.array(self.names, pa.string()))


def _texts(batch: pa.RecordBatch) -> Iterator[tuple[str, pa.Array]]:
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        try:
            text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue  # a list or struct column: no identifier as a whole cell
        yield name, pc.fill_null(text, "")


def _matches(batch: pa.RecordBatch, needles: _Needles) -> pa.Array:
    """Tell which rows of the batch are about the person."""
    false = pa.repeat(False, batch.num_rows)
    phone, other, named = false, false, false
    for _, text in _texts(batch):
        if needles.digits_phone:
            phone = pc.or_kleene(phone, needles.phone(text))
        other = pc.or_kleene(other, needles.other(text))
        if needles.names:
            named = pc.or_kleene(named, needles.name(text))
    if needles.names:
        phone = pc.and_kleene(phone, named)
    return pc.or_kleene(phone, other)


def _what(table: str, columns: list[str], found: dict[str, set[str]]) -> dict[str, set[str]]:
    rules = load_name_rules()
    out: dict[str, set[str]] = {}
    for column in columns:
        entities = set(found.get(column, set()))
        evidence = rules.evaluate(column, table.split("#")[-1])
        if evidence.entity is not None:
            entities.add(evidence.entity)
        if entities:
            out[column] = entities
    return out


def search_file(
    source: SourceLike, reader: Source, table: str, needles: _Needles, found: dict[str, set[str]]
) -> FoundFile:
    """Count the person's rows in one export file, and the columns with a value in those rows."""
    hit = FoundFile(source.name, table, source.consignee)
    filled: set[str] = set()
    for batch in reader.stream(table, BATCH_ROWS):
        mask = _matches(batch, needles)
        rows = batch.filter(mask)
        if not rows.num_rows:
            continue
        hit.rows += rows.num_rows
        for name, text in _texts(rows):
            if pc.any(pc.not_equal(pc.utf8_trim_whitespace(text), "")).as_py():
                filled.add(name)
    hit.entities = _what(table, sorted(filled), found) if hit.rows else {}
    return hit


def find_in_exports(
    config: ConfigLike, query: SubjectQuery, findings: Findings | None = None
) -> tuple[list[FoundFile], list[str]]:
    """Find the person in every export folder of scan.yaml (read-only).

    Returns:
        The files with rows about the person, and the files that could not be read (``source/file: why``):
        an unread file is reported, never passed as holding nothing.

    """
    needles = _Needles(query)
    hits: list[FoundFile] = []
    unread: list[str] = []
    for source in export_sources(config):
        by_table = findings_by_table(findings.columns, source.name, None) if findings else {}
        try:
            reader = _open(source)
        except SourceError as e:
            unread.append(f"{source.name}: {e}")
            continue
        try:
            for table in reader.list_tables():
                try:
                    hit = search_file(source, reader, table, needles, by_table.get(table, {}))
                except SourceError as e:
                    unread.append(f"{source.name}/{table}: {e}")
                    continue
                if hit.rows:
                    hits.append(hit)
        finally:
            reader.close()
    return hits, unread


FILE_KINDS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "excel",
    ".xls": "excel",
    ".sql": "dump",
    ".docx": "word",
}


class SentFile(BaseModel):
    """One export file with the person's data, for the access answer.

    ``source`` and ``file`` are for the clinic's staff (the JSON); the letter shows the recipient, the kind
    of file and the categories in words.
    """

    model_config = ConfigDict(extra="forbid")

    source: str
    file: str
    recipient: str | None  # the consignee's display name; None: the folder names no recipient
    task: str | None = None
    kind: str  # a key of the i18n table's ``file_kind_*``
    rows: int
    categories: list[str] = Field(default_factory=list)  # in words
    beyond_entrusted: list[str] = Field(default_factory=list)  # categories the consignee was not entrusted


def file_kind(file: str) -> str:
    """Name the kind of an export file (``csv``, ``excel``, ``dump``, ``word``, ``data``) by its extension."""
    return FILE_KINDS.get(Path(file.split("#")[0]).suffix.lower(), "data")


def sent_files(hits: list[FoundFile], policy: Policy, lang: str) -> list[SentFile]:
    """Describe every export file holding the person: to whom, what kind of file, which categories."""
    out = []
    for hit in hits:
        consignee = policy.consignee(hit.consignee) if hit.consignee else None
        kinds = dict(
            _kind(policy, e, lang) for es in hit.entities.values() for e in sorted(es) if e != ENCRYPTED
        )
        entrusted = set(consignee.entrusted) if consignee else set(kinds)
        beyond = [w for k, w in kinds.items() if k not in entrusted]
        out.append(
            SentFile(
                source=hit.source,
                file=hit.file,
                recipient=consignee.display_name(lang) if consignee else None,
                task=consignee.task.in_lang(lang) if consignee else None,
                kind=file_kind(hit.file),
                rows=hit.rows,
                categories=list(dict.fromkeys(kinds.values())),
                beyond_entrusted=list(dict.fromkeys(beyond)),
            )
        )
    return out


def _kind(policy: Policy, entity: str, lang: str) -> tuple[str, str]:
    """Return the entity's category (key, words), or the entity in words when no category holds it."""
    keys = policy.categories_of(entity)
    category = policy.category(keys[0]) if keys else None
    if category is None:
        return entity, entity_label(entity, lang, False)
    return category.key, category.label.in_lang(lang)
