"""The errors de-identification raises: each message names the file or field and says what to do next."""


class DeidError(Exception):
    """Base class: de-identification could not produce a dataset; the message says why."""


class DeidSpecError(DeidError):
    """deid.yaml is missing, invalid or does not match the source's columns."""


class DeidKeyError(DeidError):
    """No usable secret key for pseudonymization or date shifting."""


class DeidSourceError(DeidError):
    """The source named in deid.yaml could not be read."""


class PrivacyNotReachedError(DeidError):
    """No generalization within the allowed levels meets k/l/t within the suppression limit."""


class PostCheckError(DeidError):
    """A post-check failed on the de-identified dataset; nothing was written."""

    def __init__(self, failures: list[str]) -> None:
        self.failures = failures
        lines = "\n".join(f"  - {f}" for f in failures)
        super().__init__(f"post-checks failed, nothing was written:\n{lines}")
