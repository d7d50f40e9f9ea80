"""``build_demo``: the whole synthetic clinic, its hosting export, a scan.yaml and the answer key.

Clean rows are made chunk by chunk (memory stays flat up to a million patients), audited (a clean row
that breaks a rule stops the build: it would make the answer key wrong), and written; then the planted
rows, whose violations the audit counts for the manifest.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from demo.answers import column_level, row_level, traps
from demo.audit import Auditor
from demo.bulk.clinical import (
    ChildPlan,
    bulk_visits,
    clinical_rows,
    make_patients,
    patient_rows,
    payment_floor,
)
from demo.bulk.office import lookup_rows, office_rows
from demo.bulk.website import EventSpec, event_rows, event_specs, website_rows
from demo.column_map import COLUMN_MAP, CONSIGNEE, DATABASE_SOURCE, EXPORT_SOURCE, EXPORT_SUBDIR
from demo.context import BuildContext, Frames, merge
from demo.database import BulkWriter, open_engine, prepare
from demo.exports import write_exports
from demo.manifest import DemoManifest
from demo.options import DemoOptions
from demo.people import build_pools
from demo.plant.clinical import plant_patients
from demo.plant.office import plant_office
from demo.plant.website import plant_members, plant_participants, plant_web_records
from demo.scan_config import write_scan_config
from demo.schema import build_metadata
from demo.timeline import DEADLINE_DAYS, RETENTION, Timeline
from sources.urls import safe_url

log = logging.getLogger(__name__)
SAMPLED_TABLES = ("patients", "members", "access_logs")


def build_demo(
    url: str | None = None, out_dir: Path = Path("demo-out"), options: DemoOptions | None = None
) -> DemoManifest:
    """Build the demo clinic and return its manifest (also saved as ``out_dir/demo_manifest.json``).

    Args:
        url: where to build the clinic's database: any SQLAlchemy URL. Default: ``out_dir/clinic.sqlite``.
            Its demo tables are dropped and recreated; other tables there are left alone.
        out_dir: receives ``scan.yaml``, ``demo_manifest.json`` and ``exports/infonet-hosting/``.
        options: size, seed, ``as_of`` day, schema; the defaults make a 2,000-patient clinic.

    Raises:
        DemoDatabaseError: the database cannot be reached or written; the message says what to do.

    """
    options = options or DemoOptions()
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    url = url or f"sqlite:///{out_dir / 'clinic.sqlite'}"
    timeline = Timeline(options.day())
    ctx = BuildContext(options.seed, timeline, build_pools(options.seed))
    auditor = Auditor(timeline, COLUMN_MAP)
    engine = open_engine(url)
    started = time.perf_counter()
    try:
        metadata = build_metadata(options.schema_name)
        prepare(engine, metadata, options.schema_name)
        writer = BulkWriter(engine, metadata)
        events = event_specs(ctx)
        writer.write({**lookup_rows(), **event_rows(events)})
        clean_edges: Counter[tuple[str, str]] = Counter()
        for chunk, size in enumerate(_chunks(options.patients, options.chunk_patients)):
            frames = _bulk_chunk(ctx, chunk, size, events)
            clean_edges += _audit_clean(auditor, frames, f"bulk chunk {chunk}")
            if chunk == 0:
                ctx.samples = {t: frames[t] for t in SAMPLED_TABLES}
            writer.write(frames)
            log.info("demo: chunk %d written (%.1f s)", chunk, time.perf_counter() - started)
        office = office_rows(ctx, options.patients)
        clean_edges += _audit_clean(auditor, office, "office tables")
        writer.write(office)
        planted = _planted(ctx, events)
        bad, edges = auditor.audit(planted)
        writer.write(planted)
    finally:
        engine.dispose()
    export_counts = write_exports(ctx, out_dir / EXPORT_SUBDIR, options.export_rows)
    scan_yaml = out_dir / "scan.yaml"
    write_scan_config(
        scan_yaml,
        url,
        options.schema_name,
        options.patients,
        {"seed": str(options.seed), "as_of": timeline.as_of.isoformat()},
    )
    violations, clean = row_level(bad, clean_edges + edges)
    more_violations, more_clean = column_level(writer.counts, ctx.tallies, export_counts, timeline)
    manifest = DemoManifest(
        seed=options.seed,
        as_of=timeline.as_of,
        patients=options.patients,
        url=safe_url(url),
        dialect=engine.dialect.name,
        schema_name=options.schema_name,
        database_source=DATABASE_SOURCE,
        export_source=EXPORT_SOURCE,
        export_dir=EXPORT_SUBDIR,
        scan_config=scan_yaml.name,
        consignee=CONSIGNEE,
        destruction_deadline_days=DEADLINE_DAYS,
        retention=RETENTION,
        cutoffs=timeline.all_cutoffs(),
        tables=dict(sorted(writer.counts.items())),
        exports=export_counts,
        violations=violations + more_violations,
        clean=clean + more_clean,
        traps=traps(writer.counts, ctx.tallies),
    )
    manifest.save(out_dir / "demo_manifest.json")
    log.info("demo: %d rows in %.1f s", sum(writer.counts.values()), time.perf_counter() - started)
    return manifest


def _chunks(total: int, size: int) -> Iterator[int]:
    while total > 0:
        yield min(size, total)
        total -= size


def _bulk_chunk(ctx: BuildContext, chunk: int, n: int, events: list[EventSpec]) -> Frames:
    """Clean patients, their records and payments, and the website members of one chunk."""
    rng = ctx.rng("bulk", chunk)
    first, last = bulk_visits(ctx, rng, n)
    batch = make_patients(ctx, rng, first, last)
    frames = patient_rows(rng, batch)
    merge(frames, clinical_rows(ctx, rng, batch, ChildPlan(payment_floor=payment_floor(ctx.timeline.as_of))))
    return merge(frames, website_rows(ctx, rng, chunk, batch, events))


def _audit_clean(auditor: Auditor, frames: Frames, what: str) -> Counter[tuple[str, str]]:
    bad, edges = auditor.audit(frames)
    if bad:
        raise RuntimeError(f"demo generator bug: {what} break rules they must not: {dict(bad)}")
    return edges


def _planted(ctx: BuildContext, events: list[EventSpec]) -> Frames:
    """Every planted row: patients and their records, members, participants, web and office records."""
    frames = plant_patients(ctx)
    merge(frames, {"members": plant_members(ctx)})
    merge(frames, {"event_participants": plant_participants(ctx, events, ctx.samples["members"])})
    merge(frames, plant_web_records(ctx, ctx.samples["members"]))
    return merge(frames, plant_office(ctx))
