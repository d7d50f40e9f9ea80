"""GX Data Docs that open offline: no page fetches anything, and our own index lists every validation.

Great Expectations writes pages that load Bootstrap, jQuery, Font Awesome and Vega from CDNs and draws
its index with JavaScript, so offline (or under report.html's rule of "no request leaves the machine")
the index is an empty shell. The validation and suite pages themselves are plain HTML tables; this module
takes every remote ``<script>``, ``<link>``, ``<img>`` and CSS ``url()`` out of them, adds a small local
stylesheet (``static/styles/clinicscan.css``) and a Content-Security-Policy that forbids any request
but local files, and writes ``index.html`` itself: one row per validation with its table, result and link.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from reports.i18n import Strings
from reports.times import shown

_REMOTE_TAG = re.compile(
    r"<script\b[^>]*>.*?</script>|<link\b[^>]*\bhref=[\"']?https?:[^>]*>|<img\b[^>]*\bsrc=[\"']?https?:[^>]*>",
    re.I | re.S,
)
_ICON = re.compile(r"<link\b[^>]*\brel=[\"']?(?:shortcut )?icon[^>]*>", re.I)  # GX points it one level short
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.I | re.S)
_REMOTE_URL = re.compile(r"url\(\s*['\"]?https?:[^)]*\)", re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)
_TEXT_NODE = re.compile(r">([^<]+)<")
_UTC_STAMP = re.compile(r"\b(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?Z\b")
_STATUS = re.compile(r"Status:\s*(?:<[^>]+>\s*)*(Succeeded|Failed)", re.I)
CSP = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self' "
    "'unsafe-inline'; img-src 'self' data:\">"
)
STYLE = """body { font-family: system-ui, "Noto Sans CJK KR", sans-serif; margin: 0; padding: 16px 24px;
  color: #1b2230; background: #fff; line-height: 1.5; font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; max-width: 100%; display: block; overflow-x: auto; }
th, td { border: 1px solid #dfe3ea; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f8; }
td table, th table { display: table; overflow: visible; }
nav, .navbar, .d-none, .sticky, .ge-footer, #section-1-content-block-1, .ge-logo { display: none; }
.alert-danger, .text-danger { color: #b42318; } .text-success { color: #1d7a46; }
a { color: #3567a6; } code, pre { white-space: pre-wrap; word-break: break-all; }
.container-fluid, .row, .col-md-12 { max-width: 100%; }
"""


@dataclass(frozen=True)
class Validation:
    """One validation page: where it is (relative to the index), what it checked, and whether it passed."""

    link: str
    source: str
    suite: str
    passed: bool | None


def _local_times(text: str, zone: str | None) -> str:
    """Show GX's UTC stamps (``2025-06-01T17:00:00Z``) in the clinic's zone; links keep theirs."""

    def stamp(m: re.Match[str]) -> str:
        y, mo, d, h, mi, s = m.groups()
        return shown(f"{y}-{mo}-{d}T{h}:{mi}:{s}+00:00", zone)

    return _TEXT_NODE.sub(lambda m: ">" + _UTC_STAMP.sub(stamp, m.group(1)) + "<", text)


def _offline(text: str, css_link: str, zone: str | None = None) -> str:
    """Strip every remote asset and every script from one page and point it at the local stylesheet."""
    text = _local_times(_ICON.sub("", _SCRIPT.sub("", _REMOTE_TAG.sub("", text))), zone)
    text = _REMOTE_URL.sub("none", text)
    head = f'{CSP}<link rel="stylesheet" href="{css_link}">'
    return _HEAD.sub(lambda m: m.group(0) + head, text, count=1)


def _validations(docs: Path) -> list[Validation]:
    out = []
    for page in sorted((docs / "validations").rglob("*.html")):
        parts = page.relative_to(docs / "validations").parts
        status = _STATUS.search(page.read_text(encoding="utf-8", errors="replace"))
        out.append(
            Validation(
                link=page.relative_to(docs).as_posix(),
                source=parts[0],
                suite=re.sub(r"-[0-9a-f]{6}$", "", parts[1] if len(parts) > 1 else page.stem),
                passed=None if status is None else status.group(1).lower() == "succeeded",
            )
        )
    return out


def _index(validations: list[Validation], lang: str) -> str:
    t = Strings(lang)
    rows = []
    for v in validations:
        result = {True: t.dd_passed, False: t.dd_failed, None: "–"}[v.passed]
        css = {True: "text-success", False: "text-danger", None: ""}[v.passed]
        rows.append(
            f'<tr><td>{html.escape(v.source)}</td><td><a href="{html.escape(v.link, quote=True)}">'
            f'{html.escape(v.suite)}</a></td><td class="{css}">{html.escape(result)}</td></tr>'
        )
    body = "".join(rows) or f'<tr><td colspan="3">{html.escape(t.dd_none)}</td></tr>'
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{CSP}'
        f'<link rel="stylesheet" href="static/styles/clinicscan.css"><title>{html.escape(t.dd_title)}</title>'
        f"</head><body><h1>{html.escape(t.dd_title)}</h1><p>{html.escape(t.dd_intro)}</p>"
        f'<p><a href="../report.html">{html.escape(t.dd_back)}</a></p>'
        f"<table><thead><tr><th>{html.escape(t.source)}</th><th>{html.escape(t.dd_suite)}</th>"
        f"<th>{html.escape(t.dd_result)}</th></tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )


def make_offline(docs: Path, lang: str, zone: str | None = None) -> Path:
    """Rewrite the Data Docs under ``docs`` to open offline and write their index; return the index.

    ``zone`` is the clinic's time zone: GX's UTC stamps in the pages' text are shown in it.
    """
    styles = docs / "static" / "styles"
    styles.mkdir(parents=True, exist_ok=True)
    (styles / "clinicscan.css").write_text(STYLE, encoding="utf-8")
    for css in styles.glob("*.css"):
        css.write_text(_REMOTE_URL.sub("none", css.read_text(encoding="utf-8")), encoding="utf-8")
    for page in docs.rglob("*.html"):
        depth = len(page.relative_to(docs).parts) - 1
        css_link = "../" * depth + "static/styles/clinicscan.css"
        text = page.read_text(encoding="utf-8", errors="replace")
        page.write_text(_offline(text, css_link, zone), encoding="utf-8")
    index = docs / "index.html"
    index.write_text(_index(_validations(docs), lang), encoding="utf-8")
    return index
