"""The one loader of clinicscan's YAML files: scan.yaml, deid.yaml, the policy and the law knowledge base.

Every file goes through the same steps, so every mistake reads the same way, ``file:line: field.path:
problem``, one line each, never a traceback or pydantic's own wording: read as UTF-8, parse into a node tree
(which keeps each key's line), refuse a key given twice (PyYAML would keep the last silently), replace
``${VAR}`` in values with the environment's value (so passwords never sit in the file; comments are left
alone), then validate with the file's pydantic model (unknown keys get the nearest valid one: ``samplnig`` ->
``did you mean 'sampling'?``).

Why it lives in ``policy/``: the policy must import nothing of ours, and it needs this loader, so the loader
sits in the lowest package and imports only PyYAML, pydantic and ``policy.errors`` (itself pure). flows/
(scan.yaml) and deid/ (deid.yaml) import it from here, which the layering allows; nothing in it knows what
a policy is.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from policy.errors import ConfigFileError, Problem, loc_of, problems_from

M = TypeVar("M", bound=BaseModel)
Loc = tuple[int | str, ...]

_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when PyYAML was built with it (the wheels are): the same nodes and marks, the policy
read in a tenth of the time (0.1 s of every command's start, in pure Python)."""


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its data, and the line where each key (by field path) is written.

    Attributes:
        shown: the file as messages name it.
        data: the document (a mapping).
        lines: field path (``("sources", 0, "tables", "patients")``) -> 1-based line of that key or item.

    """

    shown: str
    data: dict[str, Any]
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """Return the line of ``loc``, or of its deepest ancestor written in the file."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def where(self, loc: Loc) -> str:
        """``scan.yaml:14``: the file and the line of ``loc``, the way every message starts."""
        line = self.line_of(loc)
        return f"{self.shown}:{line}" if line else self.shown


def _key_lines(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*loc, key.value)
            out[here] = key.start_mark.line + 1
            _key_lines(value, here, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            out[(*loc, i)] = item.start_mark.line + 1
            _key_lines(item, (*loc, i), out)


def _duplicate_keys(node: yaml.Node, path: str = "") -> list[Problem]:
    """Keys given twice in one mapping: PyYAML keeps the last silently, which would hide a setting."""
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            here = f"{path}.{key.value}" if path else str(key.value)
            if key.value in seen:
                problems.append(Problem(here, "key given twice; keep one", key.start_mark.line + 1))
            seen.add(key.value)
            problems += _duplicate_keys(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _duplicate_keys(item, f"{path}[{i}]")
    return problems


def _expand(node: yaml.Node, path: str, problems: list[Problem]) -> None:
    """Replace ``${VAR}`` in every plain-text value of the tree (keys and comments are left alone)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" and "${" in node.value:

        def repl(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in os.environ:
                problems.append(
                    Problem(
                        path,
                        f"${{{name}}} is not set in the environment; export {name}=... first",
                        node.start_mark.line + 1,
                    )
                )
                return m.group(0)
            return os.environ[name]

        node.value = _VAR.sub(repl, node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _expand(value, f"{path}.{key.value}" if path else str(key.value), problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _expand(item, f"{path}[{i}]", problems)


def read_yaml(
    path: Path,
    shown: str,
    what: str,
    *,
    expand_env: bool = True,
    error: type[ConfigFileError] = ConfigFileError,
) -> YamlDocument:
    """Read and parse one YAML file into a mapping, with the line of every key.

    Args:
        path: the file.
        shown: the file as messages should name it (what the user typed).
        what: what the file is, for the messages ("scan configuration", "policy").
        expand_env: replace ``${VAR}`` in values with the environment's value.
        error: the ConfigFileError subclass to raise.

    Raises:
        ConfigFileError: (``error``) missing or unreadable file, invalid YAML, a key given twice, an unset
            variable, or a document that is not a mapping; every problem with its line.

    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        missing = Problem("", f"file not found; give the path of the {what} (a YAML file)")
        raise error(shown, [missing]) from None
    except UnicodeDecodeError:
        raise error(shown, [Problem("", "cannot read the file as text; save it as UTF-8")]) from None
    except OSError as exc:
        raise error(shown, [Problem("", f"cannot read the {what} ({exc.strerror})")]) from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        problems = _duplicate_keys(node) if node is not None else []
        if node is not None and expand_env:
            _expand(node, "", problems)
        if problems:
            raise error(shown, problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as fast_error:
        found = _python_error(text) or fast_error  # where libyaml's marks differ, the Python parser's line
        mark = getattr(found, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(found, "problem", None) or "cannot be parsed"
        raise error(shown, [Problem("", f"not valid YAML: {problem}; fix the syntax there", line)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise error(shown, [Problem("", f"the {what} must be a YAML mapping of keys", 1)])
    lines: dict[Loc, int] = {}
    if node is not None:
        _key_lines(node, (), lines)
    return YamlDocument(shown=shown, data=data, lines=lines)


def _python_error(text: str) -> yaml.YAMLError | None:
    """Parse ``text`` again with PyYAML's pure-Python loader and return its error, if it finds one.

    Only on the error path: libyaml reports some errors on another line (an unclosed ``[`` at the end of
    the file instead of where it opened), and the message should name the line to fix.
    """
    loader = yaml.SafeLoader(text)
    try:
        loader.get_single_node()
    except yaml.YAMLError as exc:
        return exc
    finally:
        loader.dispose()
    return None


def validate(doc: YamlDocument, model: type[M], error: type[ConfigFileError] = ConfigFileError) -> M:
    """Validate the document as ``model``; every problem names its line, field path and what to write.

    Raises:
        ConfigFileError: (``error``) one problem per pydantic error, in plain words.

    """
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = [
            Problem(p.path, p.message, doc.line_of(loc_of(p.path)) if p.path else None)
            for p in problems_from(exc, model)
        ]
        raise error(doc.shown, problems) from None


def load_yaml_model(
    path: Path, shown: str, model: type[M], what: str, error: type[ConfigFileError] = ConfigFileError
) -> tuple[M, YamlDocument]:
    """Read, expand and validate one file; return the model and the document (for later line numbers)."""
    doc = read_yaml(path, shown, what, error=error)
    return validate(doc, model, error), doc
