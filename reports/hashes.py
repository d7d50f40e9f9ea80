"""What a stored password hash is, read from its masked prefix, and whether the law would accept it.

Detectors keep only a hash's scheme prefix as evidence (``$2b$12$…``, ``{SSHA}…``, ``<hex digest>…``): it
names the algorithm and holds nothing of the password. The Safety Measures Standard (Art. 7) asks for a
safe one-way algorithm: an adaptive, salted scheme (bcrypt, Argon2, scrypt, PBKDF2, SHA-crypt) is
acceptable; an unsalted digest (MD5, SHA-1, a bare hex string) or MD5-crypt is not.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HashScheme:
    """A password-hash scheme: its name as readers know it and whether it is acceptable."""

    name: str
    acceptable: bool


_PREFIXES: tuple[tuple[str, HashScheme], ...] = (
    ("$2a$", HashScheme("bcrypt", True)),
    ("$2b$", HashScheme("bcrypt", True)),
    ("$2y$", HashScheme("bcrypt", True)),
    ("$argon2", HashScheme("Argon2", True)),
    ("$scrypt$", HashScheme("scrypt", True)),
    ("$7$", HashScheme("scrypt", True)),
    ("$pbkdf2", HashScheme("PBKDF2", True)),
    ("pbkdf2_", HashScheme("PBKDF2", True)),
    ("$6$", HashScheme("SHA-512-crypt (salted)", True)),
    ("$5$", HashScheme("SHA-256-crypt (salted)", True)),
    ("$1$", HashScheme("MD5-crypt", False)),
    ("{SSHA}", HashScheme("salted SHA-1 (LDAP SSHA)", False)),
    ("{SHA}", HashScheme("unsalted SHA-1", False)),
    ("{MD5}", HashScheme("unsalted MD5", False)),
    ("<hex digest>", HashScheme("unsalted digest (MD5/SHA-1/SHA-256)", False)),
)


def hash_scheme(evidence: str) -> HashScheme | None:
    """Name the scheme of a masked hash example; None when the example is not a hash prefix we know."""
    if not evidence.endswith("…"):
        return None
    return next((scheme for prefix, scheme in _PREFIXES if evidence.startswith(prefix)), None)
