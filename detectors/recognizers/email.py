"""EMAIL_ADDRESS: e-mail addresses, validated offline (no public-suffix download)."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import STRONG, KoPatternRecognizer

# File extensions that follow '@' in asset names such as logo@2x.png: not top-level domains.
FILE_EXTENSIONS = frozenset(
    {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "css", "js", "json", "map",
        "pdf", "txt", "csv", "xml", "html", "htm", "zip", "gz", "mp4", "mov",
    }
)  # fmt: skip


class EmailAddressRecognizer(KoPatternRecognizer):
    """E-mail addresses; our own instead of Presidio's, which asks tldextract and may fetch a suffix list.

    The top-level domain must be 2-24 letters (or an ``xn--`` IDN label) and not a file extension.
    Masked addresses (h***@example.com) never match: ``*`` is not allowed in the local part.
    """

    ENTITY: ClassVar[str] = "EMAIL_ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "E-mail",
            r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})"
            r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])",
            STRONG,
        )
    ]
    CONTEXT: ClassVar[list[str]] = ["이메일", "메일", "전자우편", "email", "e-mail", "mail"]
    PREFILTER: ClassVar[str | None] = r"[A-Za-z0-9._%+-]@[A-Za-z0-9]"

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop asset names (logo@2x.png) and addresses with doubled or edge dots in the local part."""
        local, _, domain = pattern_text.rpartition("@")
        tld = domain.rsplit(".", 1)[-1].lower()
        if tld in FILE_EXTENSIONS or ".." in local or local.endswith("."):
            return False
        return None
