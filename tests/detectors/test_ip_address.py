import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detectors.recognizers.ip_address import IpAddressRecognizer

RECOGNIZER = IpAddressRecognizer()

IPV4 = st.ip_addresses(v=4).filter(lambda a: not a.is_unspecified and not str(a).startswith("255.")).map(str)
IPV6 = st.ip_addresses(v=6).filter(lambda a: not a.is_unspecified).map(str)
NOISE = st.text(st.sampled_from("0123456789abcdef.:/ -접속IP=\n"), max_size=16) | st.text(max_size=10)


@pytest.mark.parametrize(
    "text, value",
    [
        ("192.168.0.1", "192.168.0.1"),
        ("접속IP: 211.234.10.5", "211.234.10.5"),
        ("http://10.0.0.12:8080/admin", "10.0.0.12"),
        ("client=127.0.0.1.", "127.0.0.1"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
        ("fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a"),
        ("::ffff:192.0.2.128", "::ffff:192.0.2.128"),
    ],
)
def test_finds_ip_addresses(text: str, value: str, spans, prefilter_hit) -> None:
    assert spans(RECOGNIZER, text) == [(value, 0.7)]
    assert prefilter_hit(RECOGNIZER.PREFILTER, text)


@pytest.mark.parametrize(
    "text",
    [
        "192.168.*.*",  # masked
        "256.1.1.1",  # out of range
        "010.1.1.1",  # leading zeros
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0.0.0 Safari/537.36",  # user agent
        "Chrome/120.0.6099.109",
        "Mozilla/5.0 (X11; Linux i686; rv:1.9.5.20) Gecko/2014-02-12 Firefox/3.6.3",
        "v1.2.3.4",
        "1.3.6.1.4.1.311",  # OID
        "255.255.255.0",  # netmask
        "0.0.0.0",
        "10:30:00",  # time
        "00:1A:2B:3C:4D:5E",  # MAC address
        "::",
        "2024.01.15",
    ],
)
def test_ignores_non_addresses(text: str, spans) -> None:
    assert spans(RECOGNIZER, text) == []


@settings(deadline=None)
@given(address=IPV4 | IPV6)
def test_every_valid_address_is_found(address: str, spans) -> None:
    found = spans(RECOGNIZER, f"ip={address} ")
    assert [ipaddress.ip_address(value) for value, _ in found] == [ipaddress.ip_address(address)]


@settings(deadline=None)
@given(before=NOISE, middle=IPV4 | IPV6 | st.just(""), after=NOISE)
def test_prefilter_matches_every_cell_the_recognizer_fires_on(
    before: str, middle: str, after: str, superset
) -> None:
    superset(RECOGNIZER, before + middle + after)
