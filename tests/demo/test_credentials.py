"""Stored secrets have the shapes scanners judge them by: hashes, plaintext passwords, ciphertexts."""

from __future__ import annotations

import base64
import re

import numpy as np

from demo.credentials import (
    make_ci,
    make_ciphertexts,
    make_di,
    make_legacy_hashes,
    make_password_hashes,
    make_plain_passwords,
)

BCRYPT = re.compile(r"^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$")
PBKDF2 = re.compile(r"^pbkdf2_sha256\$\d+\$[A-Za-z0-9]+\$[A-Za-z0-9+/]{43}=$")


def test_password_hashes_are_bcrypt_or_pbkdf2_and_unique() -> None:
    hashes = make_password_hashes(np.random.default_rng(1), 500)
    assert all(BCRYPT.match(h) or PBKDF2.match(h) for h in hashes)
    assert 0.5 < sum(bool(BCRYPT.match(h)) for h in hashes) / 500 < 0.9
    assert len(set(hashes)) == 500


def test_legacy_hashes_are_php_bcrypt() -> None:
    assert all(
        h.startswith("$2y$10$") and BCRYPT.match(h) for h in make_legacy_hashes(np.random.default_rng(2), 50)
    )


def test_plain_passwords_look_like_weak_passwords_not_hashes() -> None:
    plain = make_plain_passwords(np.random.default_rng(3), 300)
    assert all(4 <= len(p) <= 14 for p in plain)
    assert not any(BCRYPT.match(p) or PBKDF2.match(p) or p.startswith("$") for p in plain)


def test_ciphertexts_are_base64_of_48_bytes() -> None:
    for text in make_ciphertexts(np.random.default_rng(4), 50):
        assert len(base64.b64decode(text, validate=True)) == 48


def test_ci_and_di_lengths() -> None:
    rng = np.random.default_rng(5)
    assert {len(c) for c in make_ci(rng, 20)} == {88}
    assert {len(d) for d in make_di(rng, 20)} == {64}
