"""Connection strings: shown with the password masked, and a relative SQLite file anchored to scan.yaml.

The password is masked even in a URL that does not parse.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote

import sqlalchemy as sa
from sqlalchemy.engine import URL

MASK = "***"
# URL schemes that name export folders, not databases (file:///exports/infonet); every other scheme goes
# to SQLAlchemy, whose dialect registry decides (so any installed dialect works).
EXPORT_SCHEMES = frozenset({"file"})
_USERINFO_PASSWORD = re.compile(r"(?P<head>://[^:/@\s]*:)(?P<password>[^@\s]*)(?P<tail>@)")


def safe_url(url: str | URL) -> str:
    """Render the URL with its password replaced by ``***``, for errors, logs and reports.

    Args:
        url: A SQLAlchemy URL, as a string or a ``URL`` object; it need not be valid.

    Returns:
        The URL as SQLAlchemy renders it with ``hide_password=True``; when it cannot be parsed, the text with
        anything between ``user:`` and ``@`` masked, so a typo in scan.yaml never prints the password.

    """
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except Exception:  # any parse failure: fall back to masking the text itself
        return _USERINFO_PASSWORD.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", url)


def scrub_password(text: str, url: str | URL) -> str:
    """Remove the URL's password from a message a driver wrote (drivers sometimes echo their arguments).

    Args:
        text: The message to clean.
        url: The URL whose password must not appear.

    Returns:
        ``text`` with the password, raw or percent-encoded, replaced by ``***``.

    """
    password = _password_of(url)
    if not password:
        return text
    for form in {password, quote(password, safe=""), unquote(password)}:
        if form:
            text = text.replace(form, MASK)
    return text


def _password_of(url: str | URL) -> str | None:
    if isinstance(url, URL):
        return url.password
    try:
        return sa.make_url(url).password
    except Exception:  # unparseable: take what sits between user: and @
        match = _USERINFO_PASSWORD.search(url)
        return match["password"] if match else None


def url_scheme(url: str) -> str:
    """Return the backend of a URL (``postgresql`` for ``postgresql+psycopg://``), even of a malformed one."""
    try:
        return sa.make_url(url).get_backend_name().lower()
    except Exception:  # not a SQLAlchemy URL (file:///...) or malformed: the text before "://" decides
        return url.split("://", 1)[0].split("+", 1)[0].lower()


def anchored_sqlite_url(url: str, folder: Path) -> str:
    """Return ``url`` with a relative SQLite file path taken from ``folder`` (scan.yaml's), else unchanged.

    ``sqlite:///clinic.sqlite`` in a scan.yaml means the file beside it, wherever the command is run from, as
    relative export, policy and waiver paths do; ``sqlite://`` (in memory) and ``file:`` URIs are left alone.
    """
    try:
        parsed = sa.make_url(url)
    except Exception:  # not a SQLAlchemy URL: the source layer reports it when it is opened
        return url
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return url
    if database.startswith("file:") or Path(database).is_absolute():
        return url
    return parsed.set(database=str((folder / database).resolve())).render_as_string(hide_password=False)


def is_database_url(url: str | None) -> bool:
    """Whether ``url`` names a database (``file://`` names an export folder; no URL is a ``path:`` source)."""
    return url is not None and url_scheme(url) not in EXPORT_SCHEMES
