"""deid_report.html: one self-contained page (inline CSS and SVG, no scripts) for the data team, ko or en."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape

from deid.report import DeidReport, ProcessingRecord

_TEMPLATES = Path(__file__).parent / "templates"

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        "title": "비식별 처리 결과",
        "summary": "요약",
        "rows_in": "입력 행",
        "rows_out": "출력 행",
        "suppressed": "삭제(억제)된 행",
        "model": "프라이버시 모델",
        "target": "목표",
        "achieved": "달성",
        "columns": "항목별 처리",
        "levels": "일반화 수준 (행 비율)",
        "column": "항목",
        "role": "역할",
        "became": "처리 결과",
        "classes": "동질 집합 크기 분포 (환자 수 기준)",
        "classes_axis": "집합 수",
        "risk": "재식별 위험",
        "utility": "유용성",
        "record": "가명정보 처리 기록 (개인정보 보호법 제28조의4)",
        "purpose": "처리 목적",
        "recipient": "제공받는 자",
        "period": "처리 기간",
        "operator": "처리자",
        "when": "처리 일시",
        "basis": "법적 근거",
        "key": "추가정보(키) 보관 위치",
        "residual": "잔여 탐지 결과",
        "underived": "값을 만들지 못한 준식별자",
        "underived_words": "아래 항목은 원본 값이 있는데도 일반화할 값을 만들지 못해 빈 값으로 남았습니다. "
        "허용 비율({budget:.1%})을 넘는 항목이 있으면 처리는 불완전(종료 코드 3)입니다.",
        "from_column": "원본 항목",
        "rows": "행",
        "none": "없음",
        "weight": "가중치",
        "lost": "값이 사라진 행 (* 또는 삭제)",
        "overlaps": "겹치는 범주 쌍",
        "overlap_none": "모든 항목이 한 가지 범주 체계만 씁니다 (전역 재코딩). "
        "그대로 교차표를 만들 수 있습니다.",
        "overlap_words": "국소 재코딩(mondrian)이라 한 항목 안에 서로 겹치는 범주가 함께 있습니다 "
        "(예: 20-24와 20-29, {n:,}쌍). 교차표는 아래 표의 공통 수준에서 만드십시오.",
        "classification": "민감정보 예측 정확도 (나이브 베이즈, 학습 70% / 평가 30%)",
        "sensitive": "민감정보",
        "input": "원본",
        "output": "결과",
        "baseline": "특성 없음",
        "relative": "보존 비율",
        "crosstabs": "교차표 차이 (원본 대비 결과, 공통 수준)",
        "level": "수준",
        "cells": "칸 수",
        "tvd": "총변동거리",
        "free_text": "자유 텍스트 속 날짜·나이·지역",
        "kind": "종류",
        "found": "발견",
        "generalised": "일반화",
        "removed": "삭제",
        "kinds": "날짜|나이|지역",
        "risk_words": "가장 위험한 레코드의 재식별 확률은 {max:.1%}, 평균은 {avg:.2%}입니다. "
        "위험 임계값을 넘는 레코드 비율은 {at_risk:.2%}입니다.",
        "utility_words": "정보 손실은 {loss:.1%}입니다 (0%는 원본 그대로, 100%는 모든 준식별자가 '*'). "
        "구별력 지표(discernibility)는 {disc:,}, 동질 집합의 평균 크기는 {avg:,.1f}행입니다.",
        "suppressed_words": "동질 집합이 k명 미만의 환자를 포함하거나 l/t 조건을 어겨 "
        "{n:,}개 행({share:.2%})이 삭제되었습니다 (허용 한도 {budget:.1%}).",
    },
    "en": {
        "title": "De-identification result",
        "summary": "Summary",
        "rows_in": "Rows in",
        "rows_out": "Rows out",
        "suppressed": "Suppressed rows",
        "model": "Privacy model",
        "target": "Target",
        "achieved": "Achieved",
        "columns": "What each column became",
        "levels": "Generalization levels (share of rows)",
        "column": "Column",
        "role": "Role",
        "became": "Became",
        "classes": "Equivalence-class sizes (in patients)",
        "classes_axis": "classes",
        "risk": "Re-identification risk",
        "utility": "Utility",
        "record": "Processing record (PIPA Art. 28-4)",
        "purpose": "Purpose",
        "recipient": "Recipient",
        "period": "Processing period",
        "operator": "Operator",
        "when": "Performed at",
        "basis": "Legal basis",
        "key": "Where the key is kept",
        "residual": "Residual findings",
        "underived": "Quasi-identifiers that could not be derived",
        "underived_words": "These columns are empty in rows whose input had a value that gave none. Above "
        "the tolerance ({budget:.1%}) the run is incomplete (exit 3).",
        "from_column": "Input column",
        "rows": "Rows",
        "none": "none",
        "weight": "Weight",
        "lost": "Rows whose value is gone (* or removed)",
        "overlaps": "Overlapping category pairs",
        "overlap_none": "Every column uses one set of categories (global recoding): tabulate it as it is.",
        "overlap_words": "Local recoding (mondrian) leaves overlapping categories side by side in a column "
        "(e.g. 20-24 beside 20-29; {n:,} pairs). Tabulate at the common level given below.",
        "classification": "Predicting the sensitive attributes (naive Bayes, 70% train / 30% test)",
        "sensitive": "Sensitive attribute",
        "input": "Input",
        "output": "Output",
        "baseline": "No features",
        "relative": "Share kept",
        "crosstabs": "Cross-tabulations, input against output (common level)",
        "level": "Level",
        "cells": "Cells",
        "tvd": "Total variation distance",
        "free_text": "Dates, ages and regions in free text",
        "kind": "Kind",
        "found": "Found",
        "generalised": "Generalised",
        "removed": "Removed",
        "kinds": "Dates|Ages|Regions",
        "risk_words": "The riskiest record has a {max:.1%} chance of being re-identified by a prosecutor "
        "attack; the average is {avg:.2%}. {at_risk:.2%} of records are above the risk threshold.",
        "utility_words": "Information loss is {loss:.1%} (0% = data as is, 100% = every quasi-identifier "
        "'*'). Discernibility is {disc:,}; the average class holds {avg:,.1f} rows.",
        "suppressed_words": "{n:,} rows ({share:.2%}) were removed because their class held fewer than k "
        "patients or broke the l/t conditions (suppression budget: {budget:.1%}).",
    },
}


def histogram_bins(sizes: np.ndarray, k: int) -> list[tuple[str, int]]:
    """Class counts in doubling size ranges starting at k: ``[("10-19", 120), ("20-39", 80), ...]``."""
    if len(sizes) == 0:
        return []
    bins = []
    low = max(1, min(k, int(sizes.min())))
    top = int(sizes.max())
    while low <= top:
        high = low * 2 - 1
        count = int(((sizes >= low) & (sizes <= high)).sum())
        bins.append((f"{low}-{high}" if high > low else str(low), count))
        low = high + 1
    return bins


def histogram_svg(bins: list[tuple[str, int]], axis: str) -> str:
    """Return a bar chart as inline SVG (no script, no external file)."""
    width, height, bar_gap, left, bottom = 640, 220, 6, 48, 40
    if not bins:
        return ""
    top = max(c for _, c in bins) or 1
    bar_w = (width - left - 10) / len(bins) - bar_gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{axis}">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#555"/>',
    ]
    for i, (label, count) in enumerate(bins):
        h = (height - bottom - 20) * count / top
        x = left + i * (bar_w + bar_gap)
        y = height - bottom - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#3b6ea5">'
            f"<title>{label}: {count}</title></rect>"
        )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle">{count}'
            "</text>"
        )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle">{label}</text>'
        )
    parts.append(f'<text x="4" y="14" font-size="11">{axis}</text></svg>')
    return "".join(parts)


def render_html(
    report: DeidReport,
    record: ProcessingRecord,
    class_sizes: np.ndarray,
    level_shares: dict[str, dict[str, float]],
    language: str,
) -> str:
    """Render the whole page; ``level_shares``: per quasi-identifier, the share of rows at each level."""
    text = TEXT[language]
    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    share = report.suppressed_rows / report.rows_in if report.rows_in else 0.0
    words = {
        "risk": text["risk_words"].format(
            max=report.risk.prosecutor_max,
            avg=report.risk.prosecutor_avg,
            at_risk=report.risk.records_at_risk,
        ),
        "utility": text["utility_words"].format(
            loss=report.utility.information_loss,
            disc=report.utility.discernibility,
            avg=report.utility.average_class_size,
        ),
        "overlaps": text["overlap_words"].format(n=report.utility.overlapping_categories)
        if report.utility.overlapping_categories
        else text["overlap_none"],
        "underived": text["underived_words"].format(budget=report.max_underived),
        "suppressed": text["suppressed_words"].format(
            n=report.suppressed_rows, share=share, budget=report.max_suppression
        ),
    }
    svg = histogram_svg(histogram_bins(class_sizes, report.k_target), text["classes_axis"])
    return env.get_template("deid_report.html.j2").render(
        t=text,
        lang=language,
        report=report,
        record=record,
        words=words,
        svg=svg,
        shares=level_shares,
        kinds=dict(zip(("dates", "ages", "regions"), text["kinds"].split("|"), strict=True)),
    )
