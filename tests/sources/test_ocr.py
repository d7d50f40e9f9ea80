"""OCR: a scanned ID card and a scanned consent form are read by Tesseract and their RRNs found.

Tesseract takes about half a second an image, so the real OCR runs on two images shared by the module;
the failure paths run a fake ``tesseract`` script.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.cli import main
from flows.config import Sampling
from flows.steps import scan_table
from sources.base import SourceError
from sources.export import ExportFolderSource
from sources.files import ocr
from tests.sources import dockit

CARD, FORM, PASTED, PLACED = dockit.people(4, seed=13)
needs_tesseract = pytest.mark.skipif(
    ocr.unavailable() is not None or dockit.cjk_font() is None,
    reason="needs tesseract-ocr, tesseract-ocr-kor and fonts-noto-cjk (make test installs them)",
)


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if dockit.cjk_font() is None:
        pytest.skip("needs fonts-noto-cjk to draw the fixtures (make browser installs it)")
    folder = tmp_path_factory.mktemp("scans")
    dockit.write_id_card(folder / "id_card.png", CARD)
    dockit.write_scanned_consent(folder / "consent_scan.pdf", FORM)
    return folder


@needs_tesseract
def test_the_rrn_on_a_scanned_card_and_form_is_read_exactly_and_found(scans: Path) -> None:
    source = ExportFolderSource("scans", scans)
    for table, person in (("id_card.png#text", CARD), ("consent_scan.pdf#p.1", FORM)):
        lines = [row["text"] for row in source.sample(table, 100).to_pylist()]
        assert person.rrn in "\n".join(lines), lines  # every digit, so the check digit passes
        scan = scan_table(source, table, Sampling(mode="full"))
        assert scan.error is None and any("KR_RRN" in d.entity_names for d in scan.detections), table


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Word form with an ID card and an icon pasted in; a typed PDF page with a card and a logo on it."""
    from PIL import Image

    if dockit.cjk_font() is None:
        pytest.skip("needs fonts-noto-cjk to draw the fixtures (make browser installs it)")
    folder = tmp_path_factory.mktemp("pasted")
    icon = Image.new("RGB", (48, 48), (200, 30, 60))  # under pictures' 64 px: not read
    dockit.write_docx_with_pictures(folder / "form.docx", [dockit.id_card(PASTED), icon])
    dockit.write_pdf_with_picture(folder / "typed.pdf", dockit.id_card(PLACED))
    return folder


@needs_tesseract
def test_an_id_card_pasted_into_a_word_form_or_placed_on_a_typed_pdf_page_is_read_and_its_rrn_found(
    pasted: Path,
) -> None:
    source = ExportFolderSource("pasted", pasted)
    assert source.list_tables() == [
        "form.docx#image:word/media/image1.png",  # the card; the icon (image2.png) is too small to hold text
        "form.docx#text",
        "typed.pdf#p.1",
        "typed.pdf#p.1.image2",  # the card; image 1 is the 40 px logo
    ]
    for table, person in (
        ("form.docx#image:word/media/image1.png", PASTED),
        ("typed.pdf#p.1.image2", PLACED),
    ):
        lines = [row["text"] for row in source.sample(table, 100).to_pylist()]
        assert person.rrn in "\n".join(lines), lines
        scan = scan_table(source, table, Sampling(mode="full"))
        assert scan.error is None and any("KR_RRN" in d.entity_names for d in scan.detections), table


@needs_tesseract
def test_the_gate_stops_the_scans_and_says_what_they_hold(
    scans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--quiet", "gate", str(scans), "--consignee", "infonet-hosting"]) == 1
    out = capsys.readouterr().out
    assert "BLOCK id_card.png#text" in out and "BLOCK consent_scan.pdf#p.1" in out, out
    assert "주민등록번호" in out
    assert CARD.rrn not in out and FORM.rrn not in out and FORM.phone not in out  # evidence stays masked


def test_without_tesseract_scans_and_pasted_pictures_are_not_inspected_and_the_gate_says_how_to_fix_it(
    scans: Path,
    pasted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for copied in (
        *scans.iterdir(),
        *pasted.iterdir(),
    ):  # a new path: the parts read with Tesseract are cached
        shutil.copy(copied, tmp_path / copied.name)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert main(["--quiet", "gate", str(tmp_path), "--consignee", "infonet-hosting"]) == 3
    out = capsys.readouterr().out
    assert "UNREADABLE id_card.png#text" in out and "UNREADABLE consent_scan.pdf#p.1" in out, out
    assert (
        "UNREADABLE form.docx#image:word/media/image1.png" in out and "UNREADABLE typed.pdf#p.1.image2" in out
    )
    assert "image2.png" not in out and "p.1.image1" not in out  # the icon and the logo are too small to read
    assert "page 1 is an image with no text" in out and "Tesseract is not installed" in out
    assert "(apt-get install tesseract-ocr tesseract-ocr-kor, or make ocr in a clinicscan checkout)" in out
    assert "re-export the file" not in out  # re-exporting would not help: installing Tesseract does


@pytest.mark.parametrize(
    ("languages", "body", "problem"),
    [
        ("eng\\nosd\\n", "echo unused", r"Tesseract has no model for kor.*tesseract-ocr-kor"),
        (
            "kor\\neng\\n",
            "echo 'Error in pixReadMem: Unknown format' >&2; echo 'Error during processing.' >&2; exit 1",
            r"Tesseract could not read the image \(Error during processing.\): not inspected — check it",
        ),
    ],
)
def test_a_tesseract_that_cannot_read_korean_or_fails_is_one_line_not_inspected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, languages: str, body: str, problem: str
) -> None:
    dockit.fake_tesseract(tmp_path, languages, body)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    dockit.write_photo(tmp_path / "scan.png", gps=False)
    with pytest.raises(SourceError, match=r"scan.png#text': .*" + problem):
        ExportFolderSource("p", tmp_path).describe("scan.png#text")


def test_what_tesseract_prints_is_the_text_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dockit.fake_tesseract(tmp_path, "kor\\neng\\n", f"echo '주민등록번호 {CARD.rrn}'")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    dockit.write_photo(tmp_path / "scan.png", gps=False)
    rows = ExportFolderSource("p", tmp_path).sample("scan.png#text", 10).to_pylist()
    assert rows == [{"text": f"주민등록번호 {CARD.rrn}"}]


@pytest.mark.parametrize(
    ("size", "expected"), [((600, 400), (1200, 800)), ((48, 32), (192, 128)), ((8000, 6000), (4000, 3000))]
)
def test_small_images_are_enlarged_and_huge_ones_shrunk_for_tesseract(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    from PIL import Image

    assert ocr.prepare(Image.new("RGB", size, "white")).size == expected
