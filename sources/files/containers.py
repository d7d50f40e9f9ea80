"""Files that hold files, opened recursively under one set of limits: archives, and documents with embeddings.

A backup zip may hold a Word consent form that embeds an Excel patient list that embeds a PDF. Each level is
opened by its own module (``archives.py``, ``embedded.py``) and this one walks down, MAX_DEPTH levels at most,
sharing one ``archives.Budget`` so that the bomb limits hold for everything one outer file expands to.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sources.files import archives, embedded
from sources.files.archives import Budget, Member, is_archive


def is_container(name: str) -> bool:
    """Tell whether a file of this name may hold other files: an archive, or a document that can embed."""
    return is_archive(name) or embedded.may_embed(name)


def unpack(path: Path, name: str, into: Path, depth: int = 1, budget: Budget | None = None) -> list[Member]:
    """Extract the files inside ``path`` (shown as ``name``) below ``into``, nested containers opened.

    An archive is replaced by its members; a document stays a file of its own, and its embedded files come
    after it (the document itself is not in the list).
    """
    budget = budget or Budget()
    if is_archive(name):
        found = archives.expand(path, name, into, budget)
    else:
        found = embedded.extract(path, name, into, budget)
    opened: list[Member] = []
    for member in found:
        if member.path is None or not is_container(member.path.name):
            opened.append(member)
            continue
        inner = member.path.with_name(member.path.name + ".d")
        if depth < archives.MAX_DEPTH:
            if not is_archive(member.path.name):
                opened.append(member)
            opened += unpack(member.path, member.name, inner, depth + 1, budget)
        elif is_archive(member.path.name):
            opened.append(Member(member.name, None, f"an archive nested more than {archives.MAX_DEPTH} deep"))
        else:  # the document is read; what it embeds is listed, not opened
            opened.append(member)
            opened += [_too_deep(m) for m in embedded.extract(member.path, member.name, inner, budget)]
            shutil.rmtree(inner, ignore_errors=True)
    return opened


def _too_deep(member: Member) -> Member:
    problem = f"an embedded file nested more than {archives.MAX_DEPTH} deep: not inspected"
    return Member(member.name, None, problem, embedded.SAVE_APART)
