"""One Great Expectations context per run: data sources, suites, validations and the Data Docs site.

The context is ephemeral (nothing is written but the Data Docs), built once per run because GX is slow to
start, with analytics and progress bars off. Databases get a read-only SQL data source on their URL, so
the counting runs in the database; DataFrames (export files, the detection inventory) get one pandas
data source. Results are read back by the ``check`` key each expectation carries in its ``meta``.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # a scanner of personal data sends nothing out

import great_expectations as gx
import pandas as pd
import sqlalchemy as sa
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.expectation import Expectation
from sqlalchemy.engine import Engine

from sources.db_engine import guard_engine, read_only_options
from sources.urls import safe_url

DOCS_SITE = "clinicscan"
# Counts only: no row values may reach a result (and so the Data Docs).
COUNTS_ONLY: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": 0}


class SourceUnavailable(Exception):
    """A database could not be opened; the message names the source and hides any password."""


@dataclass
class Outcome:
    """What one expectation said: a count of offending rows, offending inventory rows, or an error."""

    count: int | None = None
    rows: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def gx_name(*parts: str) -> str:
    """Name a GX object (suite, asset) readably and uniquely: safe characters plus a short hash."""
    text = "/".join(parts)
    readable = re.sub(r"[^\w.-]+", "_", ".".join(parts))[:80]
    return f"{readable}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:6]}"


def redact(message: str) -> str:
    """Make an error message fit for a report: first line only, quoted literals (possibly data) removed."""
    first = next((line for line in message.splitlines() if line.strip()), message)
    return re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", first)[:300]


def _exception_message(info: Any) -> str | None:
    """GX reports an exception either flat or keyed by metric; find the first raised one."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        return str(info.get("exception_message") or "unknown error") if info["raised_exception"] else None
    for value in info.values():
        found = _exception_message(value)
        if found:
            return found
    return None


def _outcome(result: Any) -> Outcome:
    error = _exception_message(result.exception_info)
    if error is not None:
        return Outcome(error=redact(error))
    res = result.result or {}
    count = res.get("observed_value", res.get("unexpected_count"))
    return Outcome(
        count=int(count) if count is not None else None, rows=list(res.get("unexpected_index_list") or [])
    )


class GxSession:
    """The GX context of one run and the data sources opened in it."""

    def __init__(self, data_docs_dir: Path | None, run_name: str) -> None:
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.data_docs_dir = data_docs_dir
        self.run_id = RunIdentifier(run_name=run_name)
        if data_docs_dir is not None:
            data_docs_dir.mkdir(parents=True, exist_ok=True)
            site: Any = {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(data_docs_dir.resolve()),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            }
            self.context.add_data_docs_site(DOCS_SITE, site)
        self._sql: dict[tuple[str, str], Any] = {}
        self._failed: dict[tuple[str, str], str] = {}
        self._frames = self.context.data_sources.add_pandas(gx_name("frames"))

    def _sql_source(self, source: str, url: str) -> Any:
        key = (source, url)
        if key in self._failed:
            raise SourceUnavailable(self._failed[key])
        if key not in self._sql:
            ro_url, engine_options = read_only_options(url)
            # The generated add_sql signature hides its ``kwargs`` field (passed on to create_engine).
            add_sql: Any = self.context.data_sources.add_sql
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter(
                        "ignore"
                    )  # GX suggests dialect-specific sources; the generic one serves
                    self._sql[key] = add_sql(
                        gx_name("sql", source), connection_string=ro_url, kwargs=engine_options
                    )
                guard_engine(self._sql[key].get_engine())  # before the checks' first query
            except Exception as exc:
                cause = exc.__cause__ or exc
                detail = redact(str(cause)).replace(url, safe_url(url))
                message = (
                    f"source '{source}': cannot open {safe_url(url)} for the policy checks "
                    f"({type(cause).__name__}: {detail}); check that the database is up and the URL and "
                    "credentials are right."
                )
                self._failed[key] = message
                raise SourceUnavailable(message) from None
        return self._sql[key]

    def sql_engine(self, source: str, url: str) -> Engine:
        """Return the read-only engine of a database source, to read its catalog."""
        engine: Engine = self._sql_source(source, url).get_engine()
        return engine

    def _run(
        self,
        batch_definition: Any,
        label: tuple[str, str],
        expectations: Sequence[Expectation],
        run_args: dict[str, Any],
    ) -> dict[str, Outcome]:
        suite = self.context.suites.add(
            gx.ExpectationSuite(name=gx_name(*label), expectations=list(expectations))
        )
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=gx_name("validate", *label), data=batch_definition, suite=suite)
        )
        results = definition.run(run_id=self.run_id, **run_args)
        outcomes: dict[str, Outcome] = {}
        for result in results.results:
            config = result.expectation_config
            if config is not None and config.meta:
                outcomes[str(config.meta["check"])] = _outcome(result)
        return outcomes

    def validate_sql(
        self,
        source: str,
        url: str,
        table: tuple[str | None, str],
        expectations: Sequence[Expectation],
        label: str,
    ) -> dict[str, Outcome]:
        """Validate ``expectations`` on a database table (``(schema, name)``), counting in the database.

        The batch is a query asset over the table, its name quoted by SQLAlchemy for the dialect: a GX table
        asset would lower-case the schema and leave a name with spaces or capitals unquoted.
        """
        schema, name = table
        datasource = self._sql_source(source, url)
        engine: Engine = datasource.get_engine()
        select_all = sa.select(sa.text("*")).select_from(sa.table(name, schema=schema))
        query = str(select_all.compile(dialect=engine.dialect)).replace(":", "\\:")
        asset = datasource.add_query_asset(gx_name(source, label), query=query)
        batch = asset.add_batch_definition_whole_table("whole table")
        return self._run(batch, (source, label), expectations, {"result_format": COUNTS_ONLY})

    def validate_frame(
        self,
        label: tuple[str, str],
        frame: pd.DataFrame,
        expectations: Sequence[Expectation],
        result_format: dict[str, Any] | None = None,
    ) -> dict[str, Outcome]:
        """Validate ``expectations`` on a DataFrame (an export file, or the detection inventory)."""
        asset = self._frames.add_dataframe_asset(gx_name(*label))
        batch = asset.add_batch_definition_whole_dataframe("whole frame")
        return self._run(
            batch,
            label,
            expectations,
            {"batch_parameters": {"dataframe": frame}, "result_format": result_format or COUNTS_ONLY},
        )

    def build_docs(self) -> Path | None:
        """Write the Data Docs of every validation of the run; the index page, or None if not asked for."""
        if self.data_docs_dir is None:
            return None
        self.context.build_data_docs(site_names=[DOCS_SITE])
        return self.data_docs_dir.resolve() / "index.html"
