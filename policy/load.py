"""Read a policy (or the law knowledge base) from YAML, or fail with a PolicyError that says where and why.

``load_policy("default")`` reads the policy shipped in the package; any other string or Path is a file.
Every failure (missing file, bad encoding, bad YAML, a key given twice, an unknown key, a wrong type, a
dangling reference) becomes a PolicyError naming the file, the line, the field path and the problem.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from policy.errors import PolicyError
from policy.law import Law
from policy.schema import Policy
from policy.yaml_file import read_yaml, validate

M = TypeVar("M", bound=BaseModel)
DEFAULT = "default"


def shipped_file(name: str) -> Path:
    """Return the path of a YAML file shipped inside the ``policy`` package (``law.yaml``)."""
    return Path(str(resources.files("policy").joinpath(name)))


def load_model(source: str | Path, model: type[M], default_name: str) -> M:
    """Validate the YAML file ``source`` (or the shipped ``default_name`` for "default") as ``model``.

    Raises:
        PolicyError: anything wrong with the file, each problem with its field path and line.

    """
    if str(source) == DEFAULT:
        path, shown = shipped_file(default_name), f"{default_name} (shipped)"
    else:
        path, shown = Path(source), str(source)
    # No ${VAR} in a policy: it is published text, not a place for secrets.
    doc = read_yaml(path, shown, "policy", expand_env=False, error=PolicyError)
    return validate(doc, model, PolicyError)


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
