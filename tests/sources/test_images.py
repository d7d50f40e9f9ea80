"""Images: EXIF position, time and device as personal data; photos in a patient-photo folder stopped."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from sources.base import SourceError
from sources.export import ExportFolderSource
from tests.sources import dockit, photokit

FIXTURES = Path(__file__).parent / "fixtures"


def test_exif_position_time_and_device_are_a_table(tmp_path: Path) -> None:
    dockit.write_photo(tmp_path / "IMG_0001.jpg")
    source = ExportFolderSource("photos", tmp_path)
    assert source.list_tables() == ["IMG_0001.jpg#exif", "IMG_0001.jpg#text"]
    row = source.sample("IMG_0001.jpg#exif", 10).to_pylist()
    assert row == [
        {
            "GPS위치_주소": "37.517000, 127.028000",
            "촬영일시": "2026-11-02 14:03:11",
            "촬영기기": "Apple iPhone 15 Pro",
        }
    ]


def test_the_camera_serial_number_is_part_of_the_device(tmp_path: Path) -> None:
    dockit.write_photo(tmp_path / "IMG_0002.jpg", serial="052021004321")
    row = ExportFolderSource("photos", tmp_path).sample("IMG_0002.jpg#exif", 10).to_pylist()
    assert row[0]["촬영기기"] == "Apple iPhone 15 Pro S/N 052021004321"


def test_the_position_is_an_address_the_capture_time_and_camera_photo_metadata(tmp_path: Path) -> None:
    from flows.config import Sampling
    from flows.steps import scan_table

    dockit.write_photo(tmp_path / "IMG_0001.jpg", serial="052021004321")
    scan = scan_table(ExportFolderSource("photos", tmp_path), "IMG_0001.jpg#exif", Sampling(mode="full"))
    assert {d.column: d.entity_names for d in scan.detections} == {
        "GPS위치_주소": ["ADDRESS"],
        "촬영일시": ["PHOTO_METADATA"],
        "촬영기기": ["PHOTO_METADATA"],
    }
    evidence = {d.column: d.entities[0].evidence for d in scan.detections}
    assert evidence["촬영일시"] == ("2026-**-** **:**:**",)  # the year only, as a birth date
    assert evidence["촬영기기"] == ("Apple iPhone 15 Pro S/N ********",)  # the serial never shown


def test_a_photo_without_a_position_has_no_position_column(tmp_path: Path) -> None:
    """An empty column would be reported by its name alone: a photo with no GPS fix has no address."""
    dockit.write_photo(tmp_path / "IMG_0006.jpg", gps=False)
    source = ExportFolderSource("photos", tmp_path)
    assert [c.name for c in source.describe("IMG_0006.jpg#exif").columns] == ["촬영일시", "촬영기기"]


HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"


def test_a_heic_photo_is_read_like_a_jpeg(tmp_path: Path) -> None:
    # fixtures/face.heic: photokit.face() with a phone's EXIF, encoded once with pillow-heif (not a
    # dependency: it bundles the GPL x265 encoder); clinicscan decodes it with pi-heif.
    shutil.copy(FIXTURES / "face.heic", tmp_path / "IMG_0005.HEIC")
    source = ExportFolderSource("photos", tmp_path)
    assert "IMG_0005.HEIC#image" not in source.list_tables()
    row = source.sample("IMG_0005.HEIC#exif", 10).to_pylist()
    assert row == [
        {
            "GPS위치_주소": "37.517000, 127.028000",
            "촬영일시": "2026-11-02 14:03:11",
            "촬영기기": "Apple iPhone 15 Pro",
        }
    ]
    assert [c.name for c in source.describe("IMG_0005.HEIC#patient_photo").columns] == [
        "환자사진",
        "시술사진_얼굴인식",
    ]


def test_without_pi_heif_a_heic_photo_is_not_inspected_but_still_a_patient_photo_by_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pi_heif", None)  # import pi_heif now raises ImportError
    (tmp_path / "시술사진").mkdir()
    (tmp_path / "시술사진" / "IMG_0003.HEIC").write_bytes(HEIC)
    source = ExportFolderSource("photos", tmp_path)
    tables = source.list_tables()
    assert tables == ["시술사진/IMG_0003.HEIC#image", "시술사진/IMG_0003.HEIC#patient_photo"]
    with pytest.raises(SourceError, match=r"IMG_0003.HEIC#image': .*pi-heif is not installed.*JPEG"):
        source.describe("시술사진/IMG_0003.HEIC#image")


@pytest.mark.parametrize("folder", ["전후사진/2026-11", "시술사진", "patients/before_after", "환자사진"])
def test_an_image_in_a_patient_photo_folder_is_a_possible_patient_photo(tmp_path: Path, folder: str) -> None:
    dockit.write_photo(tmp_path / folder / "kim.jpg", gps=False)
    source = ExportFolderSource("photos", tmp_path)
    table = f"{folder}/kim.jpg#patient_photo"
    assert table in source.list_tables()
    assert [c.name for c in source.describe(table).columns] == ["환자사진", "시술사진_폴더명"]


@pytest.mark.parametrize("size", [120, 240, 480, 1600])
def test_a_photo_of_a_face_is_a_possible_patient_photo_wherever_it_is(tmp_path: Path, size: int) -> None:
    dockit.write_photo(tmp_path / "desktop" / "IMG_0100.jpg", gps=False, picture=photokit.face(size))
    source = ExportFolderSource("photos", tmp_path)
    columns = [c.name for c in source.describe("desktop/IMG_0100.jpg#patient_photo").columns]
    assert columns == ["환자사진", "시술사진_얼굴인식"]


def test_a_face_in_a_before_after_folder_names_both_rules(tmp_path: Path) -> None:
    dockit.write_photo(tmp_path / "전후사진" / "lee_after.jpg", gps=False, picture=photokit.face())
    table = ExportFolderSource("photos", tmp_path).describe("전후사진/lee_after.jpg#patient_photo")
    assert [c.name for c in table.columns] == ["환자사진", "시술사진_폴더명", "시술사진_얼굴인식"]


NO_FACES = [photokit.document(), photokit.document(seed=5), photokit.landscape(), photokit.landscape(seed=9)]


@pytest.mark.parametrize("picture", NO_FACES)
def test_a_document_scan_or_a_landscape_is_no_face(tmp_path: Path, picture: object) -> None:
    dockit.write_photo(tmp_path / "scan.jpg", gps=False, picture=picture)  # type: ignore[arg-type]
    assert "scan.jpg#patient_photo" not in ExportFolderSource("p", tmp_path).list_tables()


def test_a_large_photo_is_reduced_before_faces_are_looked_for(tmp_path: Path) -> None:
    from sources.files.faces import MAX_SIDE, _reduced

    photo = dockit.write_photo(tmp_path / "big.jpg", gps=False, picture=photokit.landscape(4000, 3000))
    assert max(_reduced(photo).size) <= MAX_SIDE


def test_an_ordinary_image_is_not_called_a_patient_photo(tmp_path: Path) -> None:
    dockit.write_photo(tmp_path / "homepage" / "logo.png", gps=False)
    assert not any("patient_photo" in t for t in ExportFolderSource("p", tmp_path).list_tables())


def test_a_corrupt_image_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    with pytest.raises(SourceError, match="cannot read it as image"):
        ExportFolderSource("p", tmp_path).describe("broken.jpg")


def test_a_photo_folder_inside_an_archive_counts(tmp_path: Path) -> None:
    import zipfile

    photo = dockit.write_photo(tmp_path / "p.jpg", gps=False)
    folder = tmp_path / "send"
    folder.mkdir()
    with zipfile.ZipFile(folder / "backup.zip", "w") as archive:
        archive.write(photo, "전후사진/lee.jpg")
    assert "backup.zip/전후사진/lee.jpg#patient_photo" in ExportFolderSource("p", folder).list_tables()
