"""Fixtures shared by every test package: one Prefect test harness for the whole session.

Where the tests' databases live is ``tests/databases.py`` (one isolated place per backend); what goes in
them is built by one builder, ``bench.enforce_data.build_clinic`` (the demo clinic's tables by default, or
a test's own tables; rows inserted parents first), which the benchmarks' bulk loads use too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

# Hypothesis checks properties, not speed: on a shared 2-core machine a case can take far longer than
# the default 200 ms deadline, which made properties fail as "flaky" for no fault of the code.
settings.register_profile("clinicscan", deadline=None)
settings.load_profile("clinicscan")


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """A local, throw-away Prefect API and database for every flow run of the session."""
    from flows.offline import go_offline

    go_offline()
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
