"""The processing record PIPA Art. 28-4(3) requires for pseudonymized data: who, what, why, for whom."""

from __future__ import annotations

from datetime import datetime

from deid.report import DeidReport, ProcessingRecord, RecordItem
from deid.spec import DeidSpec

LEGAL_BASIS = [
    "개인정보 보호법 제28조의2 (가명정보의 처리 등: 통계작성, 과학적 연구, 공익적 기록보존)",
    "개인정보 보호법 제28조의4 (가명정보에 대한 안전조치의무 등: 추가정보 분리 보관, 처리기간, "
    "기록 작성·보관)",
    "개인정보 보호법 제28조의5 (가명정보 처리 시 금지의무: 재식별 금지)",
]

_METHOD = {
    "direct_identifier": "삭제 (deleted)",
    "linkage_key": "HMAC-SHA-256 키 기반 가명처리 (keyed pseudonym)",
    "sensitive": "유지, l-다양성/t-근접성으로 보호 (kept, protected by l-diversity / t-closeness)",
    "free_text": "개인정보 탐지 후 태그로 대체 (detected entities replaced by tags)",
    "keep": "유지 (kept as is)",
}


def _source(spec: DeidSpec) -> str:
    src = spec.source
    if src.path is not None:
        return f"file {src.path.name}"
    where = f"table {src.table}" if src.table else "query"
    dialect = (src.url or "").split(":", 1)[0]
    return f"{dialect} {where}"  # never the URL: it may hold a password


_SEARCH = {
    "lattice": "full-domain generalization: one level per column, optimal lattice search (loss metric)",
    "mondrian": "multidimensional generalization along the hierarchies (Mondrian top-down specialization)",
}


def build_record(
    spec: DeidSpec, report: DeidReport, now: datetime, key_from_block: bool, method: str
) -> ProcessingRecord:
    """Build the record for this run.

    ``key_from_block`` tells whether the key came from a Prefect Secret block; ``method`` is the search that
    produced the classes (``lattice`` or ``mondrian``).
    """
    items = []
    for name, col in spec.columns.items():
        if col.role == "quasi_identifier":
            how = f"일반화 (generalized): {col.hierarchy} -> {report.generalization[name]}"
        else:
            how = _METHOD[col.role]
        if col.shift_days:
            how += f"; 환자별 비밀 오프셋으로 날짜 이동 (dates shifted per patient, +/-{col.shift_days} days)"
        items.append(
            RecordItem(
                column=name,
                source_column=spec.input_of(name),
                role=col.role,
                method=how,
                description=col.description,
            )
        )
    methods = [
        _SEARCH[method],
        f"record suppression: {report.suppressed_rows} of {report.rows_in} rows",
    ]
    if report.pseudonymized:
        methods.append("pseudonymization: HMAC-SHA-256 with a secret key kept apart from the data")
    if report.redacted:
        methods.append("free-text redaction: presidio-anonymizer replace with clinicscan detectors")
    needs_key = spec.needs_key
    key_ref = None
    if needs_key:
        key_ref = (
            "Prefect Secret block" if key_from_block else f"environment variable {spec.pseudonym.key_env}"
        )
    return ProcessingRecord(
        purpose=spec.purpose,
        recipient=spec.recipient,
        processing_period={
            "start": spec.processing_period.start.isoformat(),
            "end": spec.processing_period.end.isoformat(),
        },
        items=items,
        methods=methods,
        privacy_models={
            "k": report.k_achieved,
            "k_target": report.k_target,
            "l": report.l_achieved,
            "l_target": report.l_target,
            "t": report.t_achieved,
            "t_target": report.t_target,
        },
        operator=spec.operator,
        performed_at=now.isoformat(timespec="seconds"),
        source=_source(spec),
        key_reference=key_ref,
        legal_basis=LEGAL_BASIS,
    )
