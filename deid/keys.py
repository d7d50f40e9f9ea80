"""Where the pseudonymization key comes from: bytes handed in (a Prefect Secret block) or the environment.

The key is never read from deid.yaml (the spec only names the variable) and never written to any output.
"""

from __future__ import annotations

import os

from deid.errors import DeidKeyError

DEFAULT_KEY_ENV = "CLINICSCAN_DEID_KEY"
MIN_KEY_BYTES = 16


def resolve_key(
    env_name: str = DEFAULT_KEY_ENV, key: bytes | str | None = None, origin: str = "deid.yaml"
) -> bytes:
    """Return the secret key: ``key`` when given, else the environment variable ``env_name``.

    Raises:
        DeidKeyError: no key, or one shorter than 16 bytes; the message says how to set one.

    """
    how = (
        f"set one with `export {env_name}=$(python -c 'import secrets; print(secrets.token_hex(32))')` "
        "(keep it apart from the data: the same key gives the same pseudonyms), or store it in a Prefect "
        "Secret block and pass the block name to `clinicscan deidentify`"
    )
    if key is None:
        text = os.environ.get(env_name)
        if not text:
            raise DeidKeyError(
                f"{origin}: pseudonymization needs a secret key but ${env_name} is not set; {how}"
            )
        key = text
    raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    if len(raw) < MIN_KEY_BYTES:
        raise DeidKeyError(
            f"{origin}: the pseudonymization key from ${env_name} has {len(raw)} bytes, fewer than "
            f"{MIN_KEY_BYTES}; a short key can be guessed: {how}"
        )
    return raw
