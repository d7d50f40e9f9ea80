"""IP_ADDRESS: IPv4 and IPv6 addresses, validated by the standard library."""

from __future__ import annotations

import ipaddress
from typing import ClassVar

from presidio_analyzer import Pattern

from detectors.recognizers.base import HIGH, KoPatternRecognizer

# "Chrome/120.0.0.0", "rv:1.9.5.20" (Firefox), "v1.2.3.4": a product or version number, not an address.
_NOT_A_VERSION = r"(?<![A-Za-z]/)(?<![vV])(?<![vV]\.)(?<![vV]ersion )(?<!rv:)"


class IpAddressRecognizer(KoPatternRecognizer):
    """Dotted-quad IPv4 and colon-hex IPv6 addresses that ``ipaddress`` accepts.

    Version strings in user agents (Chrome/120.0.0.0, rv:1.9.5.20), OIDs (1.3.6.1.4.1), netmasks
    (255.255.255.0) and the unspecified addresses (0.0.0.0, ::) are not reported; leading zeros
    (010.1.1.1) are rejected as ``ipaddress`` does. Times (10:30:00) and MAC addresses fail IPv6
    validation.
    """

    ENTITY: ClassVar[str] = "IP_ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "IPv4",
            r"(?<![0-9A-Za-z.])" + _NOT_A_VERSION + r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9]|\.[0-9])",
            HIGH,
        ),
        Pattern(
            "IPv6",
            r"(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f]{1,4})?"
            r"(?![0-9A-Za-z:]|\.[0-9])",
            HIGH,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["아이피", "접속ip", "접속", "ip", "ipaddr", "remote", "client", "host"]
    # A valid IPv6 address has '::', or eight groups, or six groups and a dotted IPv4 tail.
    PREFILTER: ClassVar[str | None] = (
        r"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]|::|(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]"
        r"|(?:[0-9A-Fa-f]{1,4}:){6}[0-9]"
    )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep real, specified addresses; drop netmasks and anything ``ipaddress`` refuses."""
        try:
            address = ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        if address.is_unspecified or pattern_text.startswith("255."):
            return False
        return None
