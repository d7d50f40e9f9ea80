"""The errors enforcement raises: each message names the source, table or field and what to do next."""


class EnforceError(Exception):
    """Enforcement cannot go on; the message says where (source, table, config field) and what to do."""


class SourceUnreachable(EnforceError):
    """A database source could not be opened or listed: the run goes on without it and says so (a gap)."""
