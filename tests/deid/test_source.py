"""Reading the source deid.yaml names: real SQLite, PostgreSQL and MariaDB databases (isolated), and files."""

from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from deid.errors import DeidSourceError
from deid.source import load_source
from deid.spec import SourceSpec
from tests.sources.dbkit import isolated_database

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", marks=pytest.mark.postgres, id="postgresql"),
    pytest.param("mariadb", marks=pytest.mark.mariadb, id="mariadb"),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_table_and_query_are_read_and_nothing_is_written(backend, visits, tmp_path):
    rows = visits.head(40)
    with isolated_database(backend, tmp_path) as db:
        rows.to_sql("visits", db.admin, index=False)
        table = load_source(SourceSpec(url=db.url, table="visits"))
        assert len(table) == 40 and list(table.columns) == list(rows.columns)
        query = load_source(SourceSpec(url=db.url, query="SELECT patient_id, diagnosis FROM visits"))
        assert list(query.columns) == ["patient_id", "diagnosis"]
        with pytest.raises(DeidSourceError):
            load_source(SourceSpec(url=db.url, query="DELETE FROM visits"))
        with db.admin.connect() as conn:
            assert conn.execute(sa.text("SELECT COUNT(*) FROM visits")).scalar() == 40


def test_a_hostile_table_name_is_quoted_not_executed(tmp_path):
    with isolated_database("sqlite", tmp_path) as db:
        pd.DataFrame({"a": [1]}).to_sql("victim", db.admin, index=False)
        with pytest.raises(DeidSourceError, match="no table"):
            load_source(SourceSpec(url=db.url, table='victim"; DROP TABLE victim; --'))
        assert sa.inspect(db.admin).has_table("victim")


def test_errors_never_show_the_password():
    url = "postgresql+psycopg://clinic:s3cret-pw@127.0.0.1:1/nowhere"
    with pytest.raises(DeidSourceError) as err:
        load_source(SourceSpec(url=url, table="visits"))
    assert "s3cret-pw" not in str(err.value) and "***" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp949"])
def test_csv_in_korean_excel_encodings(visits, tmp_path: Path, encoding):
    path = tmp_path / "visits.csv"
    visits.head(20).to_csv(path, index=False, encoding=encoding)
    frame = load_source(SourceSpec(path=path))
    assert frame["address"].tolist() == visits.head(20)["address"].tolist()


@pytest.mark.parametrize("suffix", [".parquet", ".xlsx", ".jsonl"])
def test_other_export_files(visits, tmp_path: Path, suffix):
    path = tmp_path / f"visits{suffix}"
    rows = visits.head(10)
    {
        ".parquet": lambda: rows.to_parquet(path),
        ".xlsx": lambda: rows.to_excel(path, index=False),
        ".jsonl": lambda: rows.to_json(path, orient="records", lines=True, force_ascii=False),
    }[suffix]()
    assert load_source(SourceSpec(path=path))["name"].tolist() == rows["name"].tolist()


@pytest.mark.parametrize(
    ("name", "message"), [("missing.csv", "no such file"), ("data.bin", "cannot read ..bin. files")]
)
def test_file_errors_name_the_file(tmp_path: Path, name, message):
    (tmp_path / "data.bin").write_bytes(b"\x00")
    with pytest.raises(DeidSourceError, match=message):
        load_source(SourceSpec(path=tmp_path / name))
