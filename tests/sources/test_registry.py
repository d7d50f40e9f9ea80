"""open_source picks the source from the URL scheme or the path, and refuses ambiguous requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sources import Source, SourceError, open_source
from sources.database import DatabaseSource
from sources.export import ExportFolderSource
from sources.registry import OPENERS_BY_SCHEME


def test_a_url_opens_a_database(tmp_path: Path) -> None:
    import sqlite3

    sqlite3.connect(tmp_path / "c.sqlite").close()
    source = open_source("db", url=f"sqlite:///{tmp_path / 'c.sqlite'}")
    assert isinstance(source, DatabaseSource) and isinstance(source, Source)
    source.close()


def test_a_path_opens_an_export_folder(tmp_path: Path) -> None:
    assert isinstance(open_source("exports", path=tmp_path), ExportFolderSource)


def test_a_file_url_opens_an_export_folder(tmp_path: Path) -> None:
    assert "file" in OPENERS_BY_SCHEME
    assert isinstance(open_source("exports", url=tmp_path.as_uri()), ExportFolderSource)


@pytest.mark.parametrize(("url", "path"), [(None, None), ("sqlite://", Path("."))])
def test_exactly_one_location_is_required(url: str | None, path: Path | None) -> None:
    with pytest.raises(SourceError, match="give exactly one of 'url'"):
        open_source("both", url=url, path=path)


def test_every_source_error_starts_with_the_source_name(tmp_path: Path) -> None:
    for kwargs in ({"url": "nosuch://x"}, {"path": tmp_path / "missing"}):
        with pytest.raises(SourceError) as caught:
            open_source("named", **kwargs)
        assert "'named'" in str(caught.value).split(":")[0]
