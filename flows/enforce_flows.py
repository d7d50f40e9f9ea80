"""``clinicscan retention`` and ``clinicscan subject`` as Prefect flows, for deployments and runs with an API.

Each flow is its plain work function (``flows/enforce_work.py``) under Prefect's decorator, so the flow
and the call a one-off CLI run makes without a Prefect API (``flows/prefect_api.py``) cannot drift apart.
"""

from __future__ import annotations

from prefect import flow

from flows.enforce_work import retention_work, subject_work

retention_flow = flow(name="clinicscan-retention", log_prints=False)(retention_work)
subject_flow = flow(name="clinicscan-subject-request", log_prints=False)(subject_work)
