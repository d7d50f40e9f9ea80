"""Data Docs made to open offline: nothing remote left in any page, and an index without JavaScript."""

from pathlib import Path

from reports.data_docs import make_offline

GX_PAGE = """<!DOCTYPE html><html><head><title>Data documentation compiled by Great Expectations</title>
<link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css"/>
<link rel="shortcut icon" href="../../../../static/images/favicon.ico" type="image/x-icon"/>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script><script>$(function(){})</script>
</head><body><img class="NO-CACHE" src="https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/l.png">
<table><tr><td>Status:</td><td><span>Failed</span></td></tr>
<tr><td>Run Time</td><td>2025-06-01T17:00:00Z</td></tr><tr><td>t</td><td>20250601T170000.123Z</td></tr>
</table><a href="x/20250601T170000.123Z/p.html">p</a></body></html>"""


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "data_docs"
    page = docs / "validations" / "emr" / "members-a1b2c3" / "run" / "20250601T000000Z" / "v.html"
    page.parent.mkdir(parents=True)
    page.write_text(GX_PAGE, encoding="utf-8")
    styles = docs / "static" / "styles"
    styles.mkdir(parents=True)
    (styles / "data_docs_default_styles.css").write_text(
        ".x { background: url('https://great-expectations-web-assets.s3.amazonaws.com/logo.png') }",
        encoding="utf-8",
    )
    (docs / "index.html").write_text(GX_PAGE, encoding="utf-8")
    return docs


def test_no_page_keeps_anything_remote(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    index = make_offline(docs, "ko", "Asia/Seoul")
    for path in [*docs.rglob("*.html"), *docs.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert "https://" not in text.replace('href="https://greatexpectations.io', ""), path
        assert "<script" not in text, path
    page = next((docs / "validations").rglob("v.html")).read_text(encoding="utf-8")
    assert "2025-06-02 02:00 KST" in page and ">2025-06-01T17:00:00Z<" not in page
    assert 'href="x/20250601T170000.123Z/p.html"' in page  # links keep their folder names
    assert "Content-Security-Policy" in page and "../../../../../static/styles/clinicscan.css" in page
    listing = index.read_text(encoding="utf-8")
    assert "members" in listing and "a1b2c3" not in listing.split("<tbody>")[1].split('">')[1]
    assert "실패" in listing and 'href="../report.html"' in listing
