"""Files shipped inside the package: the configs, the example cluster and our handwritten
reference summaries.

They are read through :mod:`importlib.resources`, so a wheel installed anywhere finds them
without a source checkout. (The repository's ``configs/``, ``examples/harbor-bridge`` and
``eval/seed-cluster/references`` are links to these folders.)
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource(*parts: str) -> Path:
    """The path of a shipped file or folder, e.g. ``resource("configs", "duc.yaml")``."""
    return Path(str(files(__name__).joinpath(*parts)))


def configs_dir() -> Path:
    """The folder of shipped configs (``default.yaml``, ``duc.yaml``, ..., ``sweeps/``)."""
    return resource("configs")


def shipped_configs() -> list[str]:
    """Names of the shipped configs, without ``.yaml``: ``["abstractive", ..., "tac"]``."""
    return sorted(p.stem for p in configs_dir().glob("*.yaml"))


def find_config(name: str) -> Path | None:
    """A shipped config named ``duc``, ``duc.yaml`` or ``configs/duc.yaml`` (the repository
    spelling, so README commands work from any folder); None when there is none."""
    rel = Path(name)
    if rel.is_absolute():
        return None
    if rel.parts and rel.parts[0] == "configs":
        rel = Path(*rel.parts[1:])
    for candidate in (rel, rel.with_name(rel.name + ".yaml")):
        path = configs_dir() / candidate
        if candidate.parts and path.is_file():
            return path
    return None
