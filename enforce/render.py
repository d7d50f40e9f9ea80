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
from reports.i18n import Strings

Lang = Literal["ko", "en"]


def _t(key: str, lang: Lang) -> str:
    return getattr(Strings(lang), key)


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
        "erased_kept_columns",
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
            _t(f"action_{x.action}", lang),
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
            f"| {_t('table', lang)} | {_t('rows', lang)} | {_t('basis', lang)} | {_t('items_kept', lang)} | "
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
    if report.warnings or report.not_enforced:
        lines += ["", f"## {_t('warnings', lang)}", ""]
        lines += [f"- {_cell(w)}" for w in report.not_enforced + report.warnings]
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
