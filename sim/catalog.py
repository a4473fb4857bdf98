"""The scenarios and bases that ship with the project."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from .base import builtin_bases

__all__ = ["shipped_scenarios", "scenario_dir", "builtin_bases"]


def scenario_dir() -> Path:
    """The folder of the shipped scenario files.

    In a wheel they are packaged as ``sim/data/scenarios``; in a checkout they are the
    repository's ``scenarios/`` folder.
    """
    packaged = Path(str(resources.files("sim") / "data" / "scenarios"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "scenarios"


def shipped_scenarios() -> dict[str, Path]:
    """Names and paths of the shipped scenarios, in a stable order (plan first)."""
    folder = scenario_dir()
    paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    order = {"plan-2024": 0, "momentum": 1, "downside": 2, "upside": 3}
    paths.sort(key=lambda p: (order.get(p.stem, 9), p.stem))
    return {p.stem: p for p in paths}
