"""Secrets as a clinic's systems store them: password hashes, plaintext passwords, ciphertexts, CI/DI values.

The hashes have the exact shape of bcrypt and Django's PBKDF2 strings but hash nothing: a scanner judges
the shape, and computing a million real bcrypt hashes would take hours. Ciphertexts are random bytes in
base64, as an AES-GCM column looks.
"""

from __future__ import annotations

import base64

import numpy as np

from demo.vocab.texts import PASSWORD_SUFFIXES, PASSWORD_WORDS

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_TO_BCRYPT = str.maketrans(_B64, _BCRYPT)


def _b64_strings(rng: np.random.Generator, n: int, nbytes: int) -> list[str]:
    raw = rng.integers(0, 256, (n, nbytes), dtype=np.uint8)
    return [base64.b64encode(row.tobytes()).decode("ascii") for row in raw]


def make_password_hashes(rng: np.random.Generator, n: int, bcrypt_ratio: float = 0.7) -> list[str]:
    """One-way password hashes: ``$2b$12$`` bcrypt strings and ``pbkdf2_sha256$600000$salt$hash`` strings."""
    bodies = _b64_strings(rng, n, 42)
    salts = _b64_strings(rng, n, 12)
    use_bcrypt = (rng.random(n) < bcrypt_ratio).tolist()
    out: list[str] = []
    for body, salt, bcrypt in zip(bodies, salts, use_bcrypt, strict=True):
        if bcrypt:
            out.append("$2b$12$" + body.translate(_TO_BCRYPT)[:53])
        else:
            out.append(
                f"pbkdf2_sha256$600000${salt.rstrip('=').replace('+', 'a').replace('/', 'b')}${body[:43]}="
            )
    return out


def make_legacy_hashes(rng: np.random.Generator, n: int) -> list[str]:
    """PHP-era bcrypt strings (``$2y$10$``), as a 2019 homepage backup holds."""
    return ["$2y$10$" + body.translate(_TO_BCRYPT)[:53] for body in _b64_strings(rng, n, 42)]


def make_plain_passwords(rng: np.random.Generator, n: int) -> list[str]:
    """Weak plaintext passwords (``sujin0815``, ``qwer1234!!``) that a legacy table should never hold."""
    words = rng.integers(0, len(PASSWORD_WORDS), n).tolist()
    suffixes = rng.integers(0, len(PASSWORD_SUFFIXES), n).tolist()
    extra = rng.integers(0, 100, n).tolist()
    return [
        f"{PASSWORD_WORDS[w]}{PASSWORD_SUFFIXES[s]}" + (f"{e:02d}" if e < 40 else "")
        for w, s, e in zip(words, suffixes, extra, strict=True)
    ]


def make_ciphertexts(rng: np.random.Generator, n: int) -> list[str]:
    """Base64 of 48 random bytes (12-byte nonce, 20-byte payload, 16-byte tag): an encrypted column."""
    return _b64_strings(rng, n, 48)


def make_ci(rng: np.random.Generator, n: int) -> list[str]:
    """Make Connecting Information (CI) values: 88 base64 characters, as verification services return."""
    return _b64_strings(rng, n, 64)


def make_di(rng: np.random.Generator, n: int) -> list[str]:
    """Duplication Information (DI) values: 64 characters, one per person and site."""
    return [s[:64] for s in _b64_strings(rng, n, 48)]
