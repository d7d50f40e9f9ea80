"""The one error enforcement raises: its message names the source, table or field and what to do next."""


class EnforceError(Exception):
    """Enforcement cannot go on; the message says where (source, table, config field) and what to do."""
