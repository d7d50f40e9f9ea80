"""Assemble the answer key: planted violations, their clean counterparts and the oddly stored columns.

Row-level entries (retention, consent, minors) take their counts from the :class:`~demo.audit.Auditor`;
column-level ones (plaintext secrets, undeclared categories, unmapped tables, the leaking export sheet)
follow from the schema and the exports, with the number of rows holding the value.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from demo.column_map import COLUMN_MAP, DATABASE_SOURCE, EXPORT_SOURCE, UNMAPPED_TABLES
from demo.export_documents import DOCX_TABLE, DUMP_LEAKING_TABLE
from demo.export_photo import EXIF_PART, PHOTO_METADATA_COLUMNS
from demo.exports import LEAKING_SHEET, export_files
from demo.manifest import CleanCounterpart, PlantedViolation, Rule, Trap
from demo.timeline import Timeline

ROW_RULE_NOTES = {
    "retention.overdue": "rows whose retention clock started before the cutoff (period + 5-day deadline)",
    "consent.withdrawn_retained": "members withdrawn more than 5 days ago whose personal data is still held",
    "minors.no_guardian_consent": "members under 14 at sign-up without a legal representative's consent",
}
CLEAN_ROW_NOTES = {
    "retention.overdue": "rows 1-3 days inside their destruction deadline",
    "consent.withdrawn_retained": "members withdrawn within the 5-day deadline",
    "minors.no_guardian_consent": "under-14s with guardian consent; members exactly 14 at sign-up without",
}


def row_level(
    bad: Counter[tuple[str, str]], edge: Counter[tuple[str, str]]
) -> tuple[list[PlantedViolation], list[CleanCounterpart]]:
    """Violations and clean counterparts of the row-level rules, from the auditor's counts."""
    violations = [
        PlantedViolation(
            rule=cast(Rule, rule),
            source=DATABASE_SOURCE,
            table=table,
            count=n,
            note=ROW_RULE_NOTES[rule],
        )
        for (rule, table), n in sorted(bad.items())
    ]
    clean = [
        CleanCounterpart(
            rule=cast(Rule, rule),
            source=DATABASE_SOURCE,
            table=table,
            rows=n,
            note=CLEAN_ROW_NOTES[rule],
        )
        for (rule, table), n in sorted(edge.items())
    ]
    overdue_tables = {t for (r, t) in bad if r == "retention.overdue"}
    for table, mapping in sorted(COLUMN_MAP.items()):
        if mapping.record_type and table not in overdue_tables:
            clean.append(
                CleanCounterpart(
                    rule="retention.overdue",
                    source=DATABASE_SOURCE,
                    table=table,
                    note="every row inside its retention period",
                )
            )
    return violations, clean


def column_level(
    tables: Counter[str], tallies: Counter[str], export_counts: dict[str, int], timeline: Timeline
) -> tuple[list[PlantedViolation], list[CleanCounterpart]]:
    """Plaintext secrets, undeclared categories, unmapped tables and the out-of-scope export sheet."""
    db, ex = DATABASE_SOURCE, EXPORT_SOURCE
    files = export_files(timeline.as_of)
    leak = f"{files['backup_xlsx']}#{LEAKING_SHEET}"
    dump_leak = f"{files['homepage_dump']}#{DUMP_LEAKING_TABLE}"
    docx_leak = f"{files['visit_docx']}#{DOCX_TABLE}"
    photo_leak = f"{files['review_photo']}#{EXIF_PART}"
    v = [
        PlantedViolation(
            rule="security.plaintext_secret",
            source=db,
            table="patients",
            column="JUMIN_NO",
            rows=tables["patients"],
            category="unique_id",
            note="RRNs in plain text",
        ),
        PlantedViolation(
            rule="security.plaintext_secret",
            source=db,
            table="card_approvals",
            column="CARD_NO",
            rows=tables["card_approvals"],
            category="payment",
            note="card numbers in plain text",
        ),
        PlantedViolation(
            rule="security.plaintext_secret",
            source=db,
            table="members_legacy",
            column="PASSWD",
            rows=tables["members_legacy"],
            category="credentials",
            note="passwords in plain text",
        ),
        PlantedViolation(
            rule="security.plaintext_secret",
            source=db,
            table="tmp_export",
            column="JUMIN_NO",
            rows=tables["tmp_export"],
            category="unique_id",
            note="RRNs in a BIGINT column of an unmapped table",
        ),
        PlantedViolation(
            rule="security.plaintext_secret",
            source=db,
            table="consultations",
            column="상담내용",
            rows=tallies["consultations.KR_RRN"],
            category="unique_id",
            note="RRNs written into free-text consultation notes",
        ),
        PlantedViolation(
            rule="security.plaintext_secret",
            source=ex,
            table=leak,
            column="주민등록번호",
            rows=tallies["export.rrn_rows"],
            category="unique_id",
            note="RRNs in an export sheet",
        ),
        PlantedViolation(
            rule="collection.undeclared",
            source=db,
            table="event_participants",
            column="survey_answer",
            rows=tallies["event_participants.survey_health"],
            category="health",
            note="health information in survey answers; event_participant declares identity, contact",
        ),
    ]
    v += [
        PlantedViolation(
            rule="inventory.unmapped",
            source=db,
            table=t,
            rows=tables[t],
            note="personal data in a table no column map mentions",
        )
        for t in UNMAPPED_TABLES
    ]
    v += [
        PlantedViolation(
            rule="consignment.out_of_scope",
            source=ex,
            table=leak,
            column=col,
            rows=export_counts[leak],
            category=cat,
            note="sent to the hosting consignee, which is not entrusted with it",
        )
        for col, cat in (("주민등록번호", "unique_id"), ("병력", "health"), ("관심시술", "health"))
    ]
    v += _document_leaks(dump_leak, docx_leak, photo_leak, export_counts, tallies)
    clean = [
        CleanCounterpart(
            rule="security.plaintext_secret",
            source=db,
            table="members",
            column="password_hash",
            note="bcrypt and PBKDF2 hashes",
        ),
        CleanCounterpart(
            rule="security.plaintext_secret",
            source=db,
            table="members_backup_2019",
            column="MEM_PW",
            note="bcrypt hashes (the table itself is unmapped)",
        ),
        CleanCounterpart(
            rule="security.plaintext_secret",
            source=db,
            table="payments",
            column="card_no_enc",
            note="ciphertext, listed under encrypted in the column map",
        ),
        CleanCounterpart(
            rule="security.plaintext_secret",
            source=db,
            table="prescriptions",
            column="patient_rrn_enc",
            note="ciphertext, listed under encrypted in the column map",
        ),
        CleanCounterpart(
            rule="collection.undeclared",
            source=db,
            table="members",
            column="medical_history",
            note="health data the member record type declares (sensitive items)",
        ),
        CleanCounterpart(
            rule="collection.undeclared",
            source=db,
            table="event_participants",
            column="phone",
            note="contact data the event_participant record type declares",
        ),
        CleanCounterpart(
            rule="collection.undeclared",
            source=db,
            table="complaints",
            column="내용",
            note="complaints about service and billing, no health details",
        ),
    ]
    clean += [
        CleanCounterpart(
            rule="inventory.unmapped",
            source=db,
            table=t,
            note="mapped with record_type null: a lookup without personal data",
        )
        for t in ("kcd_codes", "procedures", "events")
    ]
    clean += [
        CleanCounterpart(
            rule="consignment.out_of_scope",
            source=ex,
            table=name,
            rows=n,
            note="only entrusted categories: identity, contact, credentials, online",
        )
        for name, n in sorted(export_counts.items())
        if name not in (leak, dump_leak, docx_leak, photo_leak)
    ]
    return v, clean


def _document_leaks(
    dump_leak: str, docx_leak: str, photo_leak: str, export_counts: dict[str, int], tallies: Counter[str]
) -> list[PlantedViolation]:
    """Plant the dump's consultation table and the Word file's patient list: RRNs (and history) to hosting.

    And the review photo's EXIF: its capture time and phone (with the serial number), photo metadata the
    hosting consignee is not entrusted with; its position is an address, which it is.
    """
    ex = EXPORT_SOURCE
    planted = [
        PlantedViolation(
            rule="security.plaintext_secret",
            source=ex,
            table=table,
            column=column,
            rows=tallies[tally],
            category="unique_id",
            note=note,
        )
        for table, column, tally, note in (
            (dump_leak, "jumin_no", "export.dump_rrn_rows", "RRNs in a table of a database dump"),
            (docx_leak, "주민등록번호", "export.docx_rrn_rows", "RRNs in a table of a Word document"),
        )
    ]
    planted += [
        PlantedViolation(
            rule="consignment.out_of_scope",
            source=ex,
            table=table,
            column=column,
            rows=export_counts[table],
            category=category,
            note="sent to the hosting consignee, which is not entrusted with it",
        )
        for table, column, category in (
            (dump_leak, "jumin_no", "unique_id"),
            (dump_leak, "medical_history", "health"),
            (docx_leak, "주민등록번호", "unique_id"),
            *((photo_leak, column, "photo_metadata") for column in PHOTO_METADATA_COLUMNS),
        )
    ]
    return planted


def traps(tables: Counter[str], tallies: Counter[str]) -> list[Trap]:
    """Columns stored oddly or that resemble an entity they are not."""
    db = DATABASE_SOURCE
    return [
        Trap(
            source=db,
            table="tmp_export",
            column="JUMIN_NO",
            entity="KR_RRN",
            rows=tables["tmp_export"],
            note="RRN in a BIGINT: no dash; 12 digits when born 2000-2009 (leading zero lost)",
        ),
        Trap(
            source=db,
            table="tmp_export",
            column="HP_NO",
            entity="PHONE_NUMBER",
            rows=tables["tmp_export"],
            note="mobile number in a BIGINT: leading zero lost (1012345678)",
        ),
        Trap(
            source=db,
            table="guardians",
            column="guardian_phone",
            entity="PHONE_NUMBER",
            rows=tables["guardians"],
            note="mobile number in a BIGINT: leading zero lost",
        ),
        Trap(
            source=db,
            table="patients",
            column="BIRTH_YMD",
            entity="DATE_OF_BIRTH",
            rows=tables["patients"],
            note="dates as YYYYMMDD text (so are FIRST_VISIT_YMD and LAST_VISIT_YMD, the retention clock)",
        ),
        Trap(source=db, table="members", column="phone", entity="PHONE_NUMBER", note="digits without dashes"),
        Trap(
            source=db,
            table="consultations",
            column="상담내용",
            entity="PERSON",
            rows=tallies["consultations.PERSON"],
            note="names inside Korean free text",
        ),
        Trap(
            source=db,
            table="consultations",
            column="상담내용",
            entity="PHONE_NUMBER",
            rows=tallies["consultations.PHONE_NUMBER"],
            note="phones inside Korean free text",
        ),
        Trap(
            source=db,
            table="consultations",
            column="상담내용",
            entity="KR_RRN",
            rows=tallies["consultations.KR_RRN"],
            note="RRNs in about 3% of the notes",
        ),
        Trap(
            source=db,
            table="identity_verifications",
            column="ci",
            entity=None,
            note="CI values: 88 base64 characters, not a password hash",
        ),
        Trap(
            source=db,
            table="payments",
            column="card_no_enc",
            entity=None,
            note="base64 ciphertext: neither a card number nor a password hash",
        ),
        Trap(source=db, table="payments", column="approval_no", entity=None, note="8-digit approval numbers"),
        Trap(
            source=db, table="access_logs", column="user_agent", entity=None, note="browser version strings"
        ),
        Trap(
            source=db,
            table="patients",
            column="JUMIN_NO",
            entity="KR_RRN",
            note="about 2% have the random tail of numbers issued since 2020-10 (no valid check digit)",
        ),
    ]
