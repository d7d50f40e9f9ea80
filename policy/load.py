"""Read a policy (or the law knowledge base) from YAML, or fail with a PolicyError that says where and why.

``load_policy("default")`` reads the policy shipped in the package; any other string or Path is a file.
Every failure (missing file, bad encoding, bad YAML, a key given twice, an unknown key, a wrong type, a
dangling reference) becomes a PolicyError naming the file, the line, the field path and the problem.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from policy.errors import PolicyError, Problem, loc_of, problems_from
from policy.law import Law
from policy.schema import Policy

M = TypeVar("M", bound=BaseModel)
DEFAULT = "default"


def shipped_file(name: str) -> Path:
    """Return the path of a YAML file shipped inside the ``policy`` package (``law.yaml``)."""
    return Path(str(resources.files("policy").joinpath(name)))


def _node_line(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Find the 1-based line of the YAML node at ``loc`` (or of the deepest ancestor that exists)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair:
                # The key's line: for a last part that is where the field is written.
                line, child = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def _duplicate_keys(node: yaml.Node, path: str = "") -> list[Problem]:
    """Keys given twice in one mapping: PyYAML keeps the last silently, which would hide a clause."""
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


def _read_yaml(path: Path, shown: str) -> tuple[Any, yaml.Node | None]:
    """Parse the file into a document and its node tree (for line numbers), or raise PolicyError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError(
            shown, [Problem("", "file not found; give the path of a policy YAML file")]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(
            shown, [Problem("", f"cannot read the file ({exc}); save it as UTF-8 text")]
        ) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise PolicyError(shown, [Problem("", f"invalid YAML: {what}", line)]) from None
    finally:
        loader.dispose()
    if node is not None and (dups := _duplicate_keys(node)):
        raise PolicyError(shown, dups)
    if not isinstance(data, dict):
        raise PolicyError(
            shown, [Problem("", "the file must be a YAML mapping of keys (id, version, ...)", 1)]
        )
    return data, node


def load_model(source: str | Path, model: type[M], default_name: str) -> M:
    """Validate the YAML file ``source`` (or the shipped ``default_name`` for "default") as ``model``.

    Raises:
        PolicyError: anything wrong with the file, each problem with its field path and line.

    """
    if str(source) == DEFAULT:
        path, shown = shipped_file(default_name), f"{default_name} (shipped)"
    else:
        path, shown = Path(source), str(source)
    data, node = _read_yaml(path, shown)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(p.path, p.message, _node_line(node, loc_of(p.path)) if p.path else None)
            for p in problems_from(exc, model)
        ]
        raise PolicyError(shown, problems) from None


def load_policy(source: str | Path = DEFAULT) -> Policy:
    """Load a policy: ``"default"`` is the clinic policy shipped with clinicscan, anything else a YAML path.

    Raises:
        PolicyError: the file is missing or invalid; the message names the file, line, field and problem.

    """
    return load_model(source, Policy, "default.yaml")


def load_law(source: str | Path = DEFAULT) -> Law:
    """Load the legal knowledge base (``"default"``: the shipped ``law.yaml``) the lint compares with.

    Raises:
        PolicyError: the file is missing or invalid.

    """
    return load_model(source, Law, "law.yaml")
