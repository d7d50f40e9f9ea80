"""Reports for people: the enforcement plan/run and the access answer as JSON, Markdown and HTML.

Korean by default, English on request. Only counts, table and column names, rules, dates and masked
values reach these files; the HTML is one self-contained page (no network needed to open it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from jinja2 import Environment, select_autoescape

from enforce.access import AccessReport
from enforce.model import EnforcementReport

Lang = Literal["ko", "en"]

LABELS: dict[str, dict[str, str]] = {
    "retention_plan": {
        "ko": "보존기간 경과 개인정보 파기 계획 (모의 실행)",
        "en": "Retention enforcement plan (dry run)",
    },
    "retention_run": {"ko": "보존기간 경과 개인정보 파기 결과", "en": "Retention enforcement run"},
    "erasure_plan": {
        "ko": "정보주체 삭제 요구 처리 계획 (모의 실행)",
        "en": "Erasure request plan (dry run)",
    },
    "erasure_run": {"ko": "정보주체 삭제 요구 처리 결과", "en": "Erasure request run"},
    "access": {"ko": "개인정보 열람 요구에 대한 회신", "en": "Answer to your request for access"},
    "source": {"ko": "소스", "en": "Source"},
    "table": {"ko": "테이블", "en": "Table"},
    "record_type": {"ko": "기록 유형", "en": "Record type"},
    "rule": {"ko": "규칙", "en": "Rule"},
    "action": {"ko": "조치", "en": "Action"},
    "rows": {"ko": "행 수", "en": "Rows"},
    "done": {"ko": "처리", "en": "Done"},
    "remaining": {"ko": "잔여", "en": "Remaining"},
    "oldest": {"ko": "가장 오래된 기록 (일)", "en": "Oldest (days)"},
    "ref": {"ko": "근거 조항", "en": "Policy"},
    "columns": {"ko": "삭제·보존 항목", "en": "Columns erased / kept"},
    "warnings": {"ko": "주의", "en": "Warnings"},
    "kept": {"ko": "법령에 따라 보존되는 기록", "en": "Records a law keeps"},
    "until": {"ko": "보존 기한", "en": "Kept until"},
    "basis": {"ko": "법적 근거", "en": "Legal basis"},
    "items": {"ko": "보존 항목", "en": "Items kept"},
    "total": {"ko": "합계", "en": "Total"},
    "policy": {"ko": "정책", "en": "Policy"},
    "day": {"ko": "기준일", "en": "Day"},
    "run": {"ko": "실행 ID", "en": "Run id"},
    "log": {"ko": "파기 기록", "en": "Destruction log"},
    "storage": {"ko": "분리 보관소", "en": "Separate storage"},
    "received": {"ko": "접수일", "en": "Received"},
    "answer_by": {"ko": "회신 기한", "en": "Answer due by"},
    "identifiers": {"ko": "확인한 식별정보", "en": "Identified by"},
    "held": {"ko": "보유 중인 개인정보", "en": "Personal data we hold"},
    "what": {"ko": "항목 (마스킹)", "en": "Items (masked)"},
    "purpose": {"ko": "이용 목적", "en": "Purposes"},
    "none": {"ko": "없음", "en": "none"},
    "officer": {"ko": "개인정보 보호책임자", "en": "Privacy officer"},
    "open_until": {"ko": "보존 사유가 끝날 때까지", "en": "until the purpose ends"},
    "legal_hold": {"ko": "법정 보존", "en": "legal hold"},
    "not_searched": {"ko": "암호화되어 검색하지 못한 열", "en": "Encrypted columns not searched"},
    "nothing": {"ko": "보유 중인 개인정보가 없습니다.", "en": "We hold no personal data about you."},
}
ACTIONS: dict[str, dict[str, str]] = {
    "delete": {"ko": "삭제", "en": "delete"},
    "erase": {"ko": "일부 항목 삭제 (법정 보존 항목만 남김)", "en": "erase all but what the law keeps"},
    "move": {"ko": "분리 보관 후 삭제", "en": "move to separate storage"},
    "detach": {"ko": "연결 해제", "en": "unlink"},
    "blocked": {"ko": "보류 (컬럼 맵 밖의 테이블이 참조)", "en": "blocked (referenced by an unmapped table)"},
}


def _t(key: str, lang: Lang) -> str:
    return LABELS[key][lang]


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _title(report: EnforcementReport, lang: Lang) -> str:
    return _t(f"{report.kind}_{'run' if report.applied else 'plan'}", lang)


def enforcement_markdown(report: EnforcementReport, lang: Lang = "ko") -> str:
    """Render the plan or run as a short Markdown page."""
    lines = [
        f"# {_title(report, lang)}",
        "",
        f"- {_t('policy', lang)}: {report.policy_id} ({report.policy_version})",
        f"- {_t('day', lang)}: {report.today.isoformat()}  ·  {_t('run', lang)}: `{report.run_id}`",
        f"- {_t('total', lang)}: {report.total():,} {_t('rows', lang)}"
        + (f" · {_t('done', lang)} {report.total('done'):,}" if report.applied else ""),
    ]
    lines += [f"- {_t('log', lang)}: {t}" for t in report.log_tables]
    if report.separate_storage:
        lines.append(f"- {_t('storage', lang)}: {report.separate_storage}")
    head = [
        "source",
        "table",
        "record_type",
        "rule",
        "action",
        "rows",
        *(["done", "remaining"] if report.applied else []),
        "oldest",
        "ref",
        "columns",
    ]
    lines += ["", "| " + " | ".join(_t(h, lang) for h in head) + " |", "|" + "---|" * len(head)]
    for x in report.lines:
        if not (x.rows or x.done):
            continue  # nothing to do here; the JSON keeps every line
        cols = "; ".join(
            filter(
                None,
                [
                    ("− " + ", ".join(x.erased_columns)) if x.erased_columns else "",
                    ("+ " + ", ".join(x.kept_columns)) if x.kept_columns else "",
                    ("∅ " + ", ".join(x.detached_columns)) if x.detached_columns else "",
                ],
            )
        )
        cells = [
            x.source,
            x.table,
            x.record_type,
            x.rule,
            ACTIONS[x.action][lang],
            f"{x.rows:,}",
            *([x.done, x.remaining] if report.applied else []),
            x.oldest_days if x.oldest_days is not None else "",
            x.policy_ref,
            cols,
        ]
        lines.append("| " + " | ".join(_cell("" if c is None else c) for c in cells) + " |")
    if report.kept:
        lines += [
            "",
            f"## {_t('kept', lang)}",
            "",
            f"| {_t('table', lang)} | {_t('rows', lang)} | {_t('basis', lang)} | {_t('items', lang)} | "
            f"{_t('until', lang)} |",
            "|---|---|---|---|---|",
        ]
        for k in report.kept:
            until = k.until.isoformat() if k.until else _t("open_until", lang)
            cited = k.cited_ko if lang == "ko" else k.cited_en
            lines.append(
                f"| {_cell(k.table)} | {k.rows} | {_cell(', '.join(cited or k.legal_basis))} | "
                f"{_cell(', '.join(k.kept_items))} | {until} |"
            )
    if report.warnings:
        lines += ["", f"## {_t('warnings', lang)}", ""] + [f"- {_cell(w)}" for w in report.warnings]
    return "\n".join(lines) + "\n"


def access_markdown(report: AccessReport) -> str:
    """Render the answer to an access request as Markdown, in the report's language."""
    lang: Lang = report.lang
    lines = [
        f"# {_t('access', lang)}",
        "",
        f"**{report.organisation}**",
        "",
        f"- {_t('received', lang)}: {report.received.isoformat()}",
        f"- {_t('answer_by', lang)}: {report.answer_by.isoformat()} ({_t('ref', lang)} {report.answer_ref})",
        f"- {_t('identifiers', lang)}: {', '.join(report.identifiers)}",
    ]
    if report.privacy_officer:
        lines.append(f"- {_t('officer', lang)}: {report.privacy_officer}")
    lines += ["", f"## {_t('held', lang)}", ""]
    if not report.records:
        lines.append(_t("nothing", lang))
    for r in report.records:
        until = r.retained_until.isoformat() if r.retained_until else _t("open_until", lang)
        hold = f" ({_t('legal_hold', lang)})" if r.legal_hold else ""
        lines += [
            f"### {r.record_label}{hold}",
            "",
            f"- {_t('source', lang)}: {r.source} · {_t('table', lang)}: {r.table} · "
            f"{_t('rows', lang)}: {r.rows}",
            f"- {_t('purpose', lang)}: {', '.join(r.purposes) or _t('none', lang)}",
            f"- {_t('until', lang)}: {until} ({r.retention_rule}; {_t('ref', lang)} {r.policy_ref})",
            f"- {_t('basis', lang)}: {', '.join(r.legal_basis) or _t('none', lang)}",
            f"- {_t('what', lang)}:",
        ]
        lines += [f"  - {c.category} — {c.column}: {', '.join(c.masked)}" for c in r.columns]
        lines.append("")
    if report.not_searched:
        lines += [f"_{_t('not_searched', lang)}: {', '.join(report.not_searched)}_"]
    return "\n".join(lines) + "\n"


_PAGE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string(
    """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:system-ui,"Noto Sans CJK KR",sans-serif;margin:2rem;max-width:72rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;
vertical-align:top}th{background:#f3f3f3}pre{white-space:pre-wrap}</style></head><body>
{% for block in blocks %}{% if block.kind == "h" %}<h{{ block.level }}>{{ block.text }}</h{{ block.level }}>
{% elif block.kind == "table" %}<table><tr>{% for h in block.head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in block.rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>
{% elif block.kind == "li" %}<ul>{% for item in block.entries %}<li>{{ item }}</li>{% endfor %}</ul>
{% else %}<p>{{ block.text }}</p>{% endif %}{% endfor %}</body></html>
"""
)


def _markdown_blocks(markdown: str) -> list[dict[str, object]]:
    """Turn our own simple Markdown (headings, lists, pipe tables) into blocks for the page."""
    blocks: list[dict[str, object]] = []
    for chunk in markdown.split("\n"):
        line = chunk.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append({"kind": "h", "level": level, "text": line.lstrip("# ")})
        elif line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in line.strip("|").split(" | ")]
            if set(line) <= {"|", "-"}:
                continue
            if blocks and blocks[-1]["kind"] == "table":
                blocks[-1]["rows"].append(cells)  # type: ignore[attr-defined]
            else:
                blocks.append({"kind": "table", "head": cells, "rows": []})
        elif line.lstrip().startswith("- "):
            if blocks and blocks[-1]["kind"] == "li":
                blocks[-1]["entries"].append(line.lstrip()[2:])  # type: ignore[attr-defined]
            else:
                blocks.append({"kind": "li", "entries": [line.lstrip()[2:]]})
        else:
            blocks.append({"kind": "p", "text": line.strip("*_")})
    return blocks


def html_page(markdown: str, title: str, lang: Lang) -> str:
    """Render one of the Markdown reports as a self-contained HTML page (escaped throughout)."""
    return _PAGE.render(lang=lang, title=title, blocks=_markdown_blocks(markdown))


def write_enforcement_report(report: EnforcementReport, out_dir: Path, lang: Lang = "ko") -> list[Path]:
    """Write ``<kind>-plan`` (dry run) or ``<kind>-run`` as .json, .md and .html into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{report.kind}-{'run' if report.applied else 'plan'}"
    markdown = enforcement_markdown(report, lang)
    files = {
        out_dir / f"{stem}.json": report.model_dump_json(indent=2) + "\n",
        out_dir / f"{stem}.md": markdown,
        out_dir / f"{stem}.html": html_page(markdown, _title(report, lang), lang),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)


def write_access_report(report: AccessReport, out_dir: Path) -> list[Path]:
    """Write ``access-report`` as .json, .md and .html into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown = access_markdown(report)
    files = {
        out_dir / "access-report.json": report.model_dump_json(indent=2) + "\n",
        out_dir / "access-report.md": markdown,
        out_dir / "access-report.html": html_page(markdown, _t("access", report.lang), report.lang),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)
