"""PolicyError: what is wrong with a policy (or law) file, said as ``file:line: field.path: problem``.

A broken compliance policy must stop the run with a message the author can act on, never a traceback and
never a silent fallback to defaults (a silent fallback is a false "clean").
"""

from __future__ import annotations

import difflib
import re
import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from policy.base import CATEGORY_PATTERN, ID_PATTERN, REF_PATTERN

_INDEX = re.compile(r"\[(\d+)\]")
_PATTERN_WORDS = {
    ID_PATTERN: "an id is lower-case letters, digits, '_' or '-' (e.g. medical_record)",
    REF_PATTERN: 'a section is written like "4", "4.g" or "3.2.1"',
    CATEGORY_PATTERN: "a category key is lower-case words joined by '_' or '.' (e.g. unique_id)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where (field path, and line when known) and what."""

    path: str
    message: str
    line: int | None = None


class PolicyError(Exception):
    """A policy or law file that cannot be used; ``str()`` gives one line per problem.

    Attributes:
        file: the file as the user named it.
        problems: every problem found, so an author can fix them in one go.

    """

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__("\n".join(self._line(p) for p in problems))

    def _line(self, p: Problem) -> str:
        where = f"{self.file}:{p.line}" if p.line else self.file
        return f"{where}: {p.path}: {p.message}" if p.path else f"{where}: {p.message}"


def path_of(loc: tuple[int | str, ...]) -> str:
    """``("record_types", 3, "retention", 0, "period")`` -> ``record_types[3].retention[0].period``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def loc_of(path: str) -> tuple[int | str, ...]:
    """Invert ``path_of``, for problems a model validator reports as text."""
    parts: list[int | str] = []
    for piece in path.split("."):
        name = piece.split("[", 1)[0]
        if name:
            parts.append(name)
        parts.extend(int(i) for i in _INDEX.findall(piece))
    return tuple(parts)


def _unwrap(annotation: Any) -> type[BaseModel] | None:
    """Find the model class inside ``X``, ``list[X]``, ``X | None`` or ``Annotated[X, ...]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (list, Union, types.UnionType) or getattr(annotation, "__metadata__", None) is not None:
        for arg in get_args(annotation):
            found = _unwrap(arg)
            if found is not None:
                return found
    return None


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """Find the model class that holds the field at ``loc`` (used to list the keys allowed there)."""
    current: type[BaseModel] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, str):
            field = current.model_fields.get(part)
            current = _unwrap(field.annotation) if field else None
    return current


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: Any, root: type[BaseModel]) -> str:
    """Word one pydantic error plainly, saying what to write instead where we can."""
    kind, loc, msg = error["type"], tuple(error["loc"]), error["msg"]
    if kind == "extra_forbidden":
        holder = _model_at(root, loc[:-1])
        allowed = sorted(holder.model_fields) if holder else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown key '{loc[-1]}'{hint} (allowed here: {', '.join(allowed)})"
    if kind == "missing":
        return f"required key '{loc[-1]}' is missing" if loc else "required key is missing"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") in _PATTERN_WORDS:
        return f"{_PATTERN_WORDS[error['ctx']['pattern']]} (got {_short(error.get('input'))})"
    return f"{msg} (got {_short(error.get('input'))})"


def problems_from(error: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """Turn a pydantic ValidationError into problems with field paths (lines are added by the loader)."""
    problems: list[Problem] = []
    for e in error.errors():
        loc = tuple(e["loc"])
        text = _message(e, root)
        if loc == () and e["type"] == "value_error":
            # A model validator reports several "path: problem" lines at once: split them back out.
            for line in text.splitlines():
                path, _, what = line.partition(": ")
                problems.append(Problem(path, what) if what else Problem("", line))
            continue
        problems.append(Problem(path_of(loc), text))
    return problems
