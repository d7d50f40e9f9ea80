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


class ConfigFileError(Exception):
    """A YAML file (scan.yaml, deid.yaml, a policy) that cannot be used; ``str()`` gives one line per problem.

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


class PolicyError(ConfigFileError):
    """A policy or law file that cannot be used (see ConfigFileError)."""


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


def _field(model: type[BaseModel], key: str) -> Any:
    """Return the annotation of the field written as ``key`` (its name or its alias), or None."""
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info.annotation
    return None


def _step(annotation: Any, part: int | str) -> Any:
    """Return the annotation one step down ``loc``: a model's field, a list's item, a dict's value."""
    if getattr(annotation, "__metadata__", None) is not None:  # Annotated[X, ...]
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _field(annotation, part) if isinstance(part, str) else None
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (list, tuple, set, frozenset) and args and isinstance(part, int):
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    if origin in (Union, types.UnionType):
        for arg in args:
            found = _step(arg, part)
            if found is not None:
                return found
    return None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    """Return the keys a mapping of ``model`` may hold, as a file writes them (aliases where given)."""
    return sorted(info.alias or name for name, info in model.model_fields.items())


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """Find the model class that holds the field at ``loc`` (used to list the keys allowed there)."""
    annotation: Any = root
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    return _unwrap(annotation)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_PLAIN: dict[str, str] = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "list_type": "must be a list (- item lines, or [a, b])",
    "dict_type": "must be a mapping of keys",
    "model_type": "must be a mapping of keys",
    "model_attributes_type": "must be a mapping of keys",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_type": "must be a date written YYYY-MM-DD",
    "too_short": "must not be empty",
    "string_too_short": "must not be empty",
    "path_type": "must be a file or folder path",
}


def _bounds(kind: str, ctx: dict[str, Any]) -> str | None:
    words = {"greater_than": "greater than", "greater_than_equal": "at least", "less_than": "less than"}
    words["less_than_equal"] = "at most"
    if kind not in words:
        return None
    limit = next(iter(ctx.values()), "?")
    return f"must be {words[kind]} {limit}"


def _message(error: Any, root: type[BaseModel]) -> str:
    """Word one pydantic error plainly, saying what to write instead where we can."""
    kind, loc, msg = error["type"], tuple(error["loc"]), error["msg"]
    ctx = error.get("ctx", {}) or {}
    got = f" (got {_short(error.get('input'))})"
    if kind == "extra_forbidden":
        holder = _model_at(root, loc[:-1])
        allowed = allowed_keys(holder) if holder else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"unknown key '{loc[-1]}'{hint} (allowed here: {', '.join(allowed)})"
    if kind == "missing":
        return f"required key '{loc[-1]}' is missing" if loc else "required key is missing"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_WORDS:
        return f"{_PATTERN_WORDS[ctx['pattern']]}{got}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = difflib.get_close_matches(str(error.get("input")), choices, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"must be one of {', '.join(repr(c) for c in choices)}{got}{hint}"
    if kind == "too_short" and ctx.get("min_length", 0) > 1:
        return f"needs at least {ctx['min_length']} entries{got}"
    plain = _PLAIN.get(kind) or _bounds(kind, ctx)
    if plain is not None:
        return f"{plain}{got}"
    return f"{msg}{got}"


def problems_from(error: ValidationError, root: type[BaseModel]) -> list[Problem]:
    """Turn a pydantic ValidationError into problems with field paths (lines are added by the loader)."""
    problems: list[Problem] = []
    for e in error.errors():
        loc = tuple(p for p in e["loc"] if p != "[key]")  # a bad dict key: the key itself is the place
        text = _message(e, root)
        if loc == () and e["type"] == "value_error":
            # A model validator reports several "path: problem" lines at once: split them back out.
            for line in text.splitlines():
                path, _, what = line.partition(": ")
                problems.append(Problem(path, what) if what else Problem("", line))
            continue
        problems.append(Problem(path_of(loc), text))
    return problems
