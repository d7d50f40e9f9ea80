"""Reports for people: the enforcement plan/run and the access answer as JSON, Markdown and HTML.

Korean by default, English on request. Only counts, table and column names, rules, dates and masked
values reach these files; the HTML is one self-contained page (no network needed to open it).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from enforce.access import AccessReport, FreeText, HeldRecords
from enforce.exports import SentFile
from enforce.model import EnforcementReport
from reports.coverage_view import coverage_markdown, coverage_view, incomplete_banner
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
    t = Strings(lang)
    banner = incomplete_banner(report.coverage, t)
    lines = [
        f"# {_title(report, lang)}",
        "",
        *([f"**{banner}**", ""] if banner else []),
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
    lines += ["", *coverage_markdown(report.coverage, t, _cell, per_source=False)]
    if report.warnings:
        lines += ["", f"## {_t('warnings', lang)}", ""]
        lines += [f"- {_cell(w)}" for w in report.warnings]
    return "\n".join(lines) + "\n"


def _grouped(record: HeldRecords) -> list[tuple[str, list[str]]]:
    """Group the masked values of one record, by category in words (one line per category)."""
    out: dict[str, list[str]] = {}
    for c in record.columns:
        out.setdefault(c.category, []).extend(m for m in c.masked if m not in out.get(c.category, []))
    return list(out.items())


def _notes(record: HeldRecords) -> list[FreeText]:
    """Sum the record's written notes up as one line: every note counted, every category named."""
    if not record.free_text:
        return []
    contains = list(dict.fromkeys(c for n in record.free_text for c in n.may_contain))
    rows = sum(n.rows for n in record.free_text)
    return [FreeText(column=", ".join(n.column for n in record.free_text), rows=rows, may_contain=contains)]


def _contains(note: FreeText, lang: Lang) -> str:
    return ("·" if lang == "ko" else ", ").join(note.may_contain) or Strings(lang).none


def _until(record: HeldRecords, lang: Lang) -> str:
    """Say until when the record is kept: a date, or the range of dates when its rows end apart."""
    t = Strings(lang)
    if record.retained_until is None:
        return ""
    if record.retained_from is not None:
        return t.fmt(
            "held_until_range", first=record.retained_from.isoformat(), last=record.retained_until.isoformat()
        )
    return t.fmt("held_until_date", date=record.retained_until.isoformat())


def _sent(sent: SentFile, lang: Lang) -> tuple[str, str, str]:
    """Describe one sent file for the person: to whom, what it holds, what went beyond the consignment."""
    t = Strings(lang)
    kind = getattr(t, f"file_kind_{sent.kind}")
    if sent.recipient is None:
        head = t.fmt("sent_unaddressed", kind=kind)
    else:
        head = t.fmt("sent_to", recipient=sent.recipient, task=sent.task, kind=kind)
    sep = ", "
    holds = t.fmt("sent_holds", categories=sep.join(sent.categories) or t.none, n=sent.rows)
    beyond = (
        t.fmt("sent_beyond", categories=sep.join(sent.beyond_entrusted), recipient=sent.recipient)
        if sent.beyond_entrusted and sent.recipient
        else ""
    )
    return head[:1].upper() + head[1:], holds, beyond


def access_markdown(report: AccessReport) -> str:
    """Render the answer to an access request as Markdown, in the report's language, for the person."""
    lang: Lang = report.lang
    t = Strings(lang)
    banner = incomplete_banner(report.coverage, t)
    lines = [
        f"# {t.access}",
        "",
        *([f"**{banner}**", ""] if banner else []),
        f"**{report.organisation}**",
        "",
        f"- {t.received}: {report.received.isoformat()}",
        f"- {t.answer_by}: {report.answer_by.isoformat()}",
        f"- {t.identifiers}: {', '.join(report.identifiers)}",
    ]
    if report.privacy_officer:
        lines.append(f"- {t.officer}: {report.privacy_officer}")
    lines += ["", t.fmt("access_intro", received=report.received.isoformat()), "", f"## {t.held}", ""]
    if not report.records:
        lines.append(t.nothing)
    for r in report.records:
        until = _until(r, lang)
        law = "; ".join(r.legal_basis) or t.fmt("held_policy", ref=r.policy_ref)
        lines += [f"### {r.record_label} · {t.fmt('held_records_n', n=r.rows)}", "", f"- {t.held_what}:"]
        lines += [f"  - {category}: {', '.join(values)}" for category, values in _grouped(r)]
        lines += [
            f"  - {t.free_text}: {t.fmt('free_text_note', n=n.rows, contains=_contains(n, lang))}"
            for n in _notes(r)
        ]
        lines += [
            f"- {t.held_why}: {', '.join(r.purposes) or t.none}",
            f"- {t.held_until}: {' · '.join(filter(None, [until, r.retention_rule]))}",
            f"- {t.held_law}: {law}",
            f"- {t.held_recipients}: {', '.join(r.recipients) or t.held_nobody}",
        ]
        lines += [f"- {t.legal_hold_note}"] if r.legal_hold else []
        lines += [f"- {t.others_left_out}"] if r.others_left_out else []
        lines.append("")
    if report.not_searched:
        lines += [t.fmt("not_searched_note", n=len(report.not_searched)), ""]
    if report.sent:
        lines += [f"## {t.sent}", "", t.sent_intro, ""]
        for head, holds, beyond in (_sent(f, lang) for f in report.sent):
            lines += [f"- {head}: {holds}"] + ([f"  - {beyond}"] if beyond else [])
        lines.append("")
    if report.unread_files:
        lines += [t.fmt("unread_files_note", n=len(report.unread_files)), ""]
    if report.coverage is not None:
        lines += [*coverage_markdown(report.coverage, t, _cell, per_source=False), ""]
    lines += [f"## {t.your_rights}", "", t.fmt("rights_intro", rights=", ".join(report.rights))]
    if report.channels:
        lines.append(t.fmt("rights_how", channels=", ".join(report.channels)))
    if report.identity_documents:
        lines.append(t.fmt("rights_documents", documents=", ".join(report.identity_documents)))
    lines.append(t.fmt("rights_answer", days=(report.answer_by - report.received).days))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("enforce", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def access_html(report: AccessReport) -> str:
    """Render the answer as one self-contained page a patient reads on a phone or prints on A4."""
    return (
        _templates()
        .get_template("access.html.j2")
        .render(
            lang=report.lang,
            t=Strings(report.lang),
            r=report,
            grouped=_grouped,
            notes=_notes,
            contains=lambda note: _contains(note, report.lang),
            until=lambda record: _until(record, report.lang),
            sent=[_sent(f, report.lang) for f in report.sent],
            banner=incomplete_banner(report.coverage, Strings(report.lang)),
            coverage=coverage_view(report.coverage, Strings(report.lang)) if report.coverage else None,
        )
    )


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
        out_dir / "access-report.html": access_html(report),
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)
